//! Encoders and request-building checks: request bodies (form, JSON,
//! JSON:API), path segments, URL variables, base URLs, header values and
//! the `Authorization` header. Pure functions of their inputs; nothing
//! here knows about the client, the transport or responses.

use std::fmt;

use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::Serialize;

use super::redact::{bounded, Secrets};
use super::secret::Secret;

/// An encoded request body.
#[derive(Clone, PartialEq, Eq)]
pub struct Body {
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Bodies may hold sensitive fields: show the size, not the bytes.
        f.debug_struct("Body")
            .field("content_type", &self.content_type)
            .field("len", &self.bytes.len())
            .finish()
    }
}

/// How a client authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    /// HTTP Basic.
    Basic {
        /// User name.
        username: Secret,
        /// Password; `None` when the provider wants none (sent empty).
        password: Option<Secret>,
    },
    /// Bearer token.
    Bearer(Secret),
    /// OAuth 2.0 client credentials: a Bearer token the client gets from
    /// the provider's token endpoint (see [`super::ClientCredentials`]).
    ClientCredentials(super::oauth::ClientCredentials),
}

impl Auth {
    /// Refuses credentials the server would read otherwise than meant: an
    /// empty user name, password or token, a Basic user name holding `:`
    /// (the server splits user and password at the first one), and any
    /// control character (a line break would end the header). The messages
    /// never repeat a credential.
    pub fn check(&self) -> Result<(), String> {
        let control = |s: &Secret| s.expose().chars().any(char::is_control);
        match self {
            Auth::Basic { username, password } => {
                if control(username) || password.as_ref().is_some_and(control) {
                    return Err(
                        "a credential contains a line break or another control character".into(),
                    );
                }
                if username.expose().is_empty() {
                    return Err("the Basic user name is empty".into());
                }
                if username.expose().contains(':') {
                    return Err("the Basic user name contains `:`, which HTTP Basic cannot carry: the server would split the credentials there".into());
                }
                if password.as_ref().is_some_and(|p| p.expose().is_empty()) {
                    return Err("the Basic password is empty".into());
                }
            }
            // Checked when the client's token source is made.
            Auth::ClientCredentials(_) => {}
            Auth::Bearer(token) => {
                if token.expose().trim().is_empty() {
                    return Err("the bearer token is empty".into());
                }
                if control(token) {
                    return Err(
                        "the bearer token contains a line break or another control character"
                            .into(),
                    );
                }
            }
        }
        Ok(())
    }

    /// The values to keep out of everything shown: each credential, and
    /// the `Authorization` value built from them (its base64 form hides
    /// the Basic pair).
    pub fn secrets(&self) -> Secrets {
        let mut s = Secrets::new();
        match self {
            Auth::Basic { username, password } => {
                s.add(username.expose());
                if let Some(p) = password {
                    s.add(p.expose());
                }
                let value = self.header_value();
                s.add(value.trim_start_matches("Basic "));
            }
            Auth::Bearer(token) => s.add(token.expose()),
            Auth::ClientCredentials(g) => {
                s.add(g.client_id.expose());
                s.add(g.client_secret.expose());
            }
        }
        s
    }

    /// The `Authorization` header value (empty for client credentials,
    /// whose header carries a token fetched at send time).
    pub(super) fn header_value(&self) -> String {
        match self {
            Auth::ClientCredentials(_) => String::new(),
            Auth::Basic { username, password } => {
                let password = password.as_ref().map_or("", |p| p.expose());
                let raw = format!("{}:{password}", username.expose());
                format!(
                    "Basic {}",
                    base64::engine::general_purpose::STANDARD.encode(raw)
                )
            }
            Auth::Bearer(token) => format!("Bearer {}", token.expose()),
        }
    }
}

/// Characters escaped in a path segment: everything but unreserved ones,
/// so `/`, `?`, `#`, `%` and `..` cannot change the URL's shape.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// Percent-encodes the path parameter `name` as one segment, so `/`, `?`,
/// `#` and `%` cannot change the URL's shape. Refuses an empty value and
/// `.`/`..`, which no encoding can carry through a URL parser (an empty id
/// would name the collection, a dot segment another resource).
pub fn segment(name: &str, value: &str) -> Result<String, String> {
    match value {
        "" => Err(format!("path parameter `{name}` is empty")),
        "." | ".." => Err(format!(
            "path parameter `{name}` is `{value}`, which would change the URL's path"
        )),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// Checks the value of a `{variable}` of an environment URL: a DNS label
/// (letters, digits, inner `-`), so it cannot move the request to another
/// host (`attacker.example/`), path, query or user part.
pub fn check_url_variable(name: &str, value: &str) -> Result<(), String> {
    let label_ok = !value.is_empty()
        && value.len() <= 63
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !value.starts_with('-')
        && !value.ends_with('-');
    if label_ok {
        Ok(())
    } else {
        Err(format!(
            "environment variable `{name}` must be a DNS label (letters, digits and inner `-`), got {:?}",
            bounded(value, 64)
        ))
    }
}

/// [`segment`] of an integer path parameter.
pub fn segment_int(value: i64) -> String {
    value.to_string()
}

/// Refuses a path that a URL parser would rewrite before sending: a `.` or
/// `..` segment, in any percent-encoding, is removed or walks up the path
/// (no encoding of a path parameter can send one), and an empty segment
/// between two others (an empty path parameter) names another resource.
pub(super) fn check_path(path: &str) -> Result<(), String> {
    // Runs on every call: no allocation unless it fails.
    let mut segments = path.strip_prefix('/').unwrap_or(path).split('/').peekable();
    while let Some(s) = segments.next() {
        if is_dot_segment(s) {
            return Err(
                "a path parameter is `.` or `..`, which would change the URL's path".to_string(),
            );
        }
        if s.is_empty() && segments.peek().is_some() {
            return Err("a path parameter is empty".to_string());
        }
    }
    Ok(())
}

/// Whether `s` is `.` or `..`, each dot written as `.` or `%2E`/`%2e`.
fn is_dot_segment(s: &str) -> bool {
    let mut rest = s.as_bytes();
    let mut dots = 0;
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'E' | b'e', tail @ ..] => tail,
            _ => return false,
        };
        dots += 1;
    }
    dots == 1 || dots == 2
}

/// Checks that request paths can be appended to `base_url`: an http(s)
/// URL with a host, no query or fragment (the path would land in them), no
/// `user@` part (credentials belong in the client's credentials; an `@`
/// also moves the host), and no whitespace or control characters. Error
/// messages never repeat a URL that may carry credentials.
pub fn check_base_url(base_url: &str) -> Result<(), String> {
    let Some(rest) = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"))
    else {
        return Err(format!(
            "base URL {} is not an http(s) URL",
            shown_url(base_url)
        ));
    };
    let authority = rest.split('/').next().unwrap_or_default();
    // Any `@`: a user part, or a password holding `/` that moves it.
    if rest.contains('@') {
        return Err(
            "the base URL carries a `user@` part; pass credentials as the client's credentials"
                .to_string(),
        );
    }
    if authority.is_empty() {
        return Err(format!("base URL {} has no host", shown_url(base_url)));
    }
    if base_url.contains(['?', '#']) {
        return Err(format!(
            "base URL {} has a query or fragment, so request paths cannot be appended to it",
            shown_url(base_url)
        ));
    }
    if base_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "base URL {} contains whitespace or a control character",
            shown_url(base_url)
        ));
    }
    Ok(())
}

/// A URL as an error may show it: anything before an `@` in its first
/// part (a `user:password@`) replaced, quoted, and bounded.
pub fn shown_url(url: &str) -> String {
    // Everything up to the last `@` may be a user part, whatever it holds
    // (a password may contain `/`, `?` or `#`, which parsers disagree on).
    let start = url.find("://").map_or(0, |i| i + 3);
    let shown = match url[start..].rfind('@') {
        Some(at) => format!("{}[REDACTED]{}", &url[..start], &url[start + at..]),
        None => url.to_string(),
    };
    format!("{:?}", bounded(&shown, 200))
}

/// Rejects header values a server could read as more than one header, and
/// values with other control characters, which no HTTP field value may hold
/// (RFC 9110, section 5.5) and HTTP stacks refuse only when sending.
pub fn check_header_value(name: &str, value: &str) -> Result<(), String> {
    if value.contains(['\r', '\n', '\0']) {
        Err(format!(
            "header `{name}` contains a line break or NUL character"
        ))
    } else if value.chars().any(|c| c.is_ascii_control() && c != '\t') {
        Err(format!("header `{name}` contains a control character"))
    } else {
        Ok(())
    }
}

/// A JSON body.
pub fn json_body<T: Serialize>(value: &T) -> Result<Body, String> {
    serde_json::to_vec(value)
        .map(|bytes| Body {
            content_type: "application/json",
            bytes,
        })
        .map_err(|e| format!("cannot encode the body as JSON: {e}"))
}

/// A JSON:API resource linkage for a request relationship.
pub struct Linkage<'a> {
    /// Relationship name.
    pub name: &'static str,
    /// Related resource type.
    pub resource: &'static str,
    /// Related resource id.
    pub id: &'a str,
}

/// A JSON:API document: `{"data": {type, id, attributes, relationships}}`,
/// members in that order, attributes and relationships in the order they
/// are declared (and map entries in the order they were inserted), whatever
/// features of `serde_json` the build enables. `attributes` is left out
/// when it has no member, `relationships` when there is none.
pub fn jsonapi_body<T: Serialize>(
    resource: &str,
    id: &str,
    attributes: &T,
    relationships: &[Linkage<'_>],
) -> Result<Body, String> {
    // The attributes are serialized once, in place (a `serde_json::Value`
    // would sort their fields), and the document is assembled around them,
    // byte for byte what serializing the whole document would give.
    let encoded =
        serde_json::to_vec(attributes).map_err(|e| format!("cannot encode attributes: {e}"))?;
    let has_attributes = encoded.first() == Some(&b'{') && encoded != b"{}";
    let doc = || -> serde_json::Result<Vec<u8>> {
        let mut out = Vec::with_capacity(encoded.len() + 64 + 96 * relationships.len());
        out.extend_from_slice(br#"{"data":{"type":"#);
        serde_json::to_writer(&mut out, resource)?;
        out.extend_from_slice(br#","id":"#);
        serde_json::to_writer(&mut out, id)?;
        if has_attributes {
            out.extend_from_slice(br#","attributes":"#);
            out.extend_from_slice(&encoded);
        }
        if !relationships.is_empty() {
            out.extend_from_slice(br#","relationships":"#);
            serde_json::to_writer(&mut out, &Relationships(relationships))?;
        }
        out.extend_from_slice(b"}}");
        Ok(out)
    };
    doc()
        .map(|bytes| Body {
            content_type: "application/vnd.api+json",
            bytes,
        })
        .map_err(|e| format!("cannot encode the document: {e}"))
}

/// `{name: {"data": {"type", "id"}}}`, in declaration order.
struct Relationships<'a>(&'a [Linkage<'a>]);

impl Serialize for Relationships<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;

        #[derive(Serialize)]
        struct Identifier<'a> {
            #[serde(rename = "type")]
            resource: &'a str,
            id: &'a str,
        }
        #[derive(Serialize)]
        struct Relationship<'a> {
            data: Identifier<'a>,
        }

        let mut map = s.serialize_map(Some(self.0.len()))?;
        for l in self.0 {
            map.serialize_entry(
                l.name,
                &Relationship {
                    data: Identifier {
                        resource: l.resource,
                        id: l.id,
                    },
                },
            )?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests;
