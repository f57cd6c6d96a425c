//! Requests as data, the transport seam, and the call loop generated
//! methods delegate to.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Serialize;

use tracing::Instrument;

use super::error::{redacted_snippet, Error, TransportError};
use super::retry::{Outcome, RetryPolicy};
use super::secret::Secret;

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
}

impl Method {
    /// The method token.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// What the generated code knows about an operation.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// Provider module name.
    pub provider: &'static str,
    /// Operation name.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Whether retrying can never apply the change twice.
    pub retry_safe: bool,
}

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

/// A request ready to send.
#[derive(Clone)]
pub struct HttpRequest {
    /// The operation it performs.
    pub operation: OperationInfo,
    /// Full URL.
    pub url: String,
    /// Headers, in order. `Authorization` is among them.
    pub headers: Vec<(String, String)>,
    /// Body, if any.
    pub body: Option<Body>,
}

impl HttpRequest {
    /// The value of a header (case-insensitive name).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if n.eq_ignore_ascii_case("authorization") {
                    "[REDACTED]"
                } else {
                    v.as_str()
                };
                (n.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.operation.method.as_str())
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
}

/// A response as the transport received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes (bounded by the transport's limit).
    pub body: Vec<u8>,
}

/// A boxed future, so [`Transport`] stays object-safe without extra crates.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// The HTTP stack. The default is [`super::ReqwestTransport`]; implement
/// this to bring another one (or a test double).
pub trait Transport: Send + Sync {
    /// Sends one request and reads the whole (bounded) response.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;
}

/// How a client authenticates.
#[derive(Clone, Debug)]
pub enum Auth {
    /// HTTP Basic; `password` empty when the provider wants none.
    Basic {
        /// User name.
        username: Secret,
        /// Password.
        password: Secret,
    },
    /// Bearer token.
    Bearer(Secret),
}

impl Auth {
    fn header_value(&self) -> String {
        match self {
            Auth::Basic { username, password } => {
                let raw = format!("{}:{}", username.expose(), password.expose());
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
        Err(format!("environment variable `{name}` must be a DNS label (letters, digits and inner `-`), got {value:?}"))
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
fn check_path(path: &str) -> Result<(), String> {
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    for (i, s) in segments.iter().enumerate() {
        let dots = s.replace("%2E", ".").replace("%2e", ".");
        if dots == "." || dots == ".." {
            return Err(
                "a path parameter is `.` or `..`, which would change the URL's path".to_string(),
            );
        }
        if s.is_empty() && i + 1 < segments.len() {
            return Err("a path parameter is empty".to_string());
        }
    }
    Ok(())
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
        return Err(format!("base URL `{base_url}` is not an http(s) URL"));
    };
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "the base URL carries a `user@` part; pass credentials as the client's credentials"
                .to_string(),
        );
    }
    if authority.is_empty() {
        return Err(format!("base URL `{base_url}` has no host"));
    }
    if base_url.contains(['?', '#']) {
        return Err(format!(
            "base URL `{base_url}` has a query or fragment, so request paths cannot be appended to it"
        ));
    }
    if base_url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "base URL {base_url:?} contains whitespace or a control character"
        ));
    }
    Ok(())
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

/// `application/x-www-form-urlencoded` pairs, in field order.
pub struct FormEncoder {
    form: form_urlencoded::Serializer<'static, String>,
    scratch: String,
}

impl FormEncoder {
    /// An empty form.
    pub fn new() -> Self {
        FormEncoder {
            form: form_urlencoded::Serializer::new(String::new()),
            scratch: String::new(),
        }
    }

    /// Appends `name=value`.
    pub fn pair(&mut self, name: &str, value: &dyn fmt::Display) {
        use fmt::Write as _;
        // One buffer for every value's text, instead of a String each.
        self.scratch.clear();
        let _ = write!(self.scratch, "{value}");
        self.form.append_pair(name, &self.scratch);
    }

    /// The encoded body.
    pub fn finish(mut self) -> Body {
        Body {
            content_type: "application/x-www-form-urlencoded",
            bytes: self.form.finish().into_bytes(),
        }
    }
}

impl Default for FormEncoder {
    fn default() -> Self {
        Self::new()
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

/// The shared state of a generated client: where, who, and how to send.
#[derive(Clone)]
pub struct ClientCore {
    provider: &'static str,
    base_url: String,
    authorization: Secret,
    headers: Vec<(String, String)>,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("authorization", &self.authorization)
            .field("headers", &self.headers)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// A client core. Fails when the base URL is not an http(s) URL that
    /// paths can be appended to (see [`check_base_url`]) or a header value
    /// contains a line break or another control character.
    pub fn new(
        provider: &'static str,
        base_url: String,
        auth: &Auth,
        headers: Vec<(String, String)>,
        transport: Arc<dyn Transport>,
        retry: RetryPolicy,
    ) -> Result<Self, String> {
        let base_url = base_url.trim_end_matches('/').to_string();
        check_base_url(&base_url)?;
        for (n, v) in &headers {
            check_header_value(n, v)?;
        }
        let authorization = Secret::new(auth.header_value());
        check_header_value("Authorization", authorization.expose())?;
        Ok(ClientCore {
            provider,
            base_url,
            authorization,
            headers,
            transport,
            retry,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Builds the request for `path` (already encoded) with the client's
    /// headers, the operation's `extra` headers and `body`. Fails when a
    /// segment of `path` is `.`, `..` (in any encoding) or empty between
    /// two others, or when an `extra` header value has a line break.
    pub fn request(
        &self,
        operation: OperationInfo,
        path: &str,
        extra: &[(&'static str, String)],
        body: Option<Body>,
    ) -> Result<HttpRequest, String> {
        check_path(path)?;
        let mut headers = Vec::with_capacity(self.headers.len() + extra.len() + 2);
        headers.push((
            "Authorization".to_string(),
            self.authorization.expose().to_string(),
        ));
        for (n, v) in extra {
            check_header_value(n, v)?;
            headers.push((n.to_string(), v.clone()));
        }
        headers.extend(self.headers.iter().cloned());
        if let Some(b) = &body {
            headers.push(("Content-Type".to_string(), b.content_type.to_string()));
        }
        Ok(HttpRequest {
            operation,
            url: format!("{}{}", self.base_url, path),
            headers,
            body,
        })
    }

    /// Sends `request` (retrying as the policy allows) and decodes the
    /// answer: `T` on the success status, `E` (best effort) on failures.
    /// Each call is a `tracing` span with provider, operation, method,
    /// status, attempts and latency; never headers or bodies.
    pub async fn execute<T: DeserializeOwned, E: DeserializeOwned + fmt::Debug>(
        &self,
        request: HttpRequest,
        success: u16,
        sensitive: &[&str],
    ) -> Result<T, Error<E>> {
        let op = request.operation;
        let span = tracing::info_span!(
            "api_call",
            provider = op.provider,
            operation = op.name,
            method = op.method.as_str(),
            status = tracing::field::Empty,
            attempts = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async move {
            let start = std::time::Instant::now();
            let mut attempt = 1;
            let result = loop {
                if !self.retry.may_retry(attempt, op.retry_safe) {
                    // The last possible attempt sends the request itself;
                    // earlier ones send a copy, kept for the retry.
                    break self.transport.send(request).await;
                }
                let sent = self.transport.send(request.clone()).await;
                let outcome = match &sent {
                    Ok(r) => Outcome::Status {
                        status: r.status,
                        headers: &r.headers,
                    },
                    Err(e) => Outcome::Transport(e.kind),
                };
                let retry = match &sent {
                    Ok(r) if r.status == success || (r.status / 100 == 2 && success / 100 == 2) => {
                        None
                    }
                    _ => self.retry.next_delay(attempt, op.retry_safe, &outcome),
                };
                match retry {
                    Some(delay) => {
                        tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                        tokio::time::sleep(delay).await;
                        attempt += 1;
                    }
                    None => break sent,
                }
            };
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            span.record("latency_ms", start.elapsed().as_millis() as u64);
            let response = result?;
            span.record("status", response.status);
            decode_redacting(self.provider, success, &response, sensitive)
        }
        .instrument(span)
        .await
    }
}

/// Decodes a response: `T` on `success`, a typed API error otherwise.
pub fn decode<T: DeserializeOwned, E: DeserializeOwned + fmt::Debug>(
    provider: &'static str,
    success: u16,
    response: &HttpResponse,
) -> Result<T, Error<E>> {
    decode_redacting(provider, success, response, &[])
}

/// [`decode`], with the values of the `sensitive` keys (secrets the
/// response may carry) redacted from the body snippets kept in errors.
pub fn decode_redacting<T: DeserializeOwned, E: DeserializeOwned + fmt::Debug>(
    provider: &'static str,
    success: u16,
    response: &HttpResponse,
    sensitive: &[&str],
) -> Result<T, Error<E>> {
    let status = response.status;
    if status == success || (success / 100 == 2 && status / 100 == 2 && status != 204) {
        return serde_json::from_slice(&response.body).map_err(|e| Error::Decode {
            provider,
            status,
            message: e.to_string(),
            snippet: redacted_snippet(&response.body, sensitive),
        });
    }
    let body = serde_json::from_slice::<E>(&response.body)
        .ok()
        .map(Box::new);
    Err(Error::Api {
        provider,
        status,
        body,
        snippet: redacted_snippet(&response.body, sensitive),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_variables_are_dns_labels() {
        assert!(check_url_variable("subdomain", "yourdomain").is_ok());
        assert!(check_url_variable("subdomain", "my-shop-2").is_ok());
        for bad in [
            "",
            "attacker.example/",
            "a.b",
            "x@y",
            "-a",
            "a-",
            "a b",
            "a?b",
        ] {
            assert!(check_url_variable("subdomain", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn path_segments_cannot_change_the_url() {
        let seg = |v: &str| segment("id", v);
        assert_eq!(
            seg("order_DaaS6LOUAASb7Y").as_deref(),
            Ok("order_DaaS6LOUAASb7Y")
        );
        assert_eq!(seg("../admin?x=1").as_deref(), Ok("%2E%2E%2Fadmin%3Fx%3D1"));
        assert_eq!(seg("a b#c%").as_deref(), Ok("a%20b%23c%25"));
        assert_eq!(seg("ü").as_deref(), Ok("%C3%BC"));
        for refused in ["", ".", ".."] {
            let err = seg(refused).expect_err("refused");
            assert!(err.starts_with("path parameter `id`"), "{err}");
        }
    }

    #[test]
    fn jsonapi_documents_keep_the_declared_order() {
        #[derive(Serialize)]
        struct Attributes {
            zulu: bool,
            #[serde(rename = "_alpha")]
            alpha: i64,
            meta: indexmap::IndexMap<String, serde_json::Value>,
        }
        let mut meta = indexmap::IndexMap::new();
        meta.insert("z".to_string(), serde_json::json!({"a": 2, "b": 1}));
        meta.insert("a".to_string(), serde_json::json!(null));
        let links = [
            Linkage {
                name: "market",
                resource: "markets",
                id: "m1",
            },
            Linkage {
                name: "customer",
                resource: "customers",
                id: "c\"1",
            },
        ];
        let body = jsonapi_body(
            "orders",
            "o/1",
            &Attributes {
                zulu: true,
                alpha: 1,
                meta,
            },
            &links,
        )
        .expect("encodes");
        assert_eq!(body.content_type, "application/vnd.api+json");
        assert_eq!(
            String::from_utf8(body.bytes).expect("UTF-8"),
            concat!(
                r#"{"data":{"type":"orders","id":"o/1","#,
                r#""attributes":{"zulu":true,"_alpha":1,"meta":{"z":{"a":2,"b":1},"a":null}},"#,
                r#""relationships":{"market":{"data":{"type":"markets","id":"m1"}},"#,
                r#""customer":{"data":{"type":"customers","id":"c\"1"}}}}}"#
            )
        );

        // No attributes and no relationships: neither member.
        #[derive(Serialize)]
        struct Empty {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<i64>,
        }
        let body = jsonapi_body("orders", "o1", &Empty { a: None }, &[]).expect("encodes");
        assert_eq!(body.bytes, br#"{"data":{"type":"orders","id":"o1"}}"#);
    }

    #[test]
    fn paths_a_url_parser_would_rewrite_are_refused() {
        for bad in [
            "/v1/orders/%2E",
            "/v1/orders/%2E%2E",
            "/v1/orders/%2e%2E/",
            "/v1/orders/.%2E",
            "/v1/orders/../x",
            "/v1/orders//",
            "//x",
        ] {
            assert!(check_path(bad).is_err(), "{bad}");
        }
        for good in [
            "/v1/orders/order_1",
            "/v1/orders/order_1/",
            "/v1/orders/%2E%2E%2E",
            "/v1/orders/%2E%2E%2Fadmin",
            "/v1/orders/order%2E1",
            "/v1/orders/%252E",
        ] {
            assert_eq!(check_path(good), Ok(()), "{good}");
        }
        // The path of an id `..`, as the generated code builds it.
        assert!(check_path("/v1/orders/%2E%2E/").is_err());
        assert!(check_path("/v1/orders/%2e").is_err());
    }

    #[test]
    fn header_values_are_single_line_without_control_characters() {
        assert_eq!(check_header_value("X-A", "merchant id\tü"), Ok(()));
        for bad in ["a\r\nX-B: 1", "a\n", "a\r", "a\0"] {
            assert_eq!(
                check_header_value("X-A", bad),
                Err("header `X-A` contains a line break or NUL character".to_string())
            );
        }
        for bad in ["a\u{1}", "a\u{7f}", "\u{1b}[31m"] {
            assert_eq!(
                check_header_value("X-A", bad),
                Err("header `X-A` contains a control character".to_string())
            );
        }
    }

    #[test]
    fn base_urls_must_take_a_path() {
        for good in [
            "https://api.razorpay.com",
            "http://127.0.0.1:8080",
            "https://yourdomain.commercelayer.io",
            "http://localhost:8080/prefix",
        ] {
            assert_eq!(check_base_url(good), Ok(()), "{good}");
        }
        for bad in [
            "ftp://x.test",
            "api.razorpay.com",
            "https://",
            "https:///v1",
            "http://localhost:8080?debug=1",
            "https://attacker.example#.commercelayer.io",
            "https://attacker.example?.commercelayer.io",
            "https://x.test/a b",
            "https://x.test/\u{0}",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let err = check_base_url("https://user:pa55word@attacker.example/.commercelayer.io")
            .expect_err("credentials in the URL");
        assert!(!err.contains("pa55word"), "{err}");
    }

    #[test]
    fn basic_auth_with_empty_password() {
        let a = Auth::Basic {
            username: Secret::new("your_api_key"),
            password: Secret::new(""),
        };
        assert_eq!(a.header_value(), "Basic eW91cl9hcGlfa2V5Og==");
    }

    #[test]
    fn debug_redacts_authorization() {
        struct Never;
        impl Transport for Never {
            fn send(&self, _: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
                Box::pin(async { unreachable!("not sent in this test") })
            }
        }
        let core = ClientCore::new(
            "p",
            "https://x.test".into(),
            &Auth::Bearer(Secret::new("tok_secret")),
            vec![],
            Arc::new(Never),
            RetryPolicy::none(),
        )
        .expect("valid core");
        let op = OperationInfo {
            provider: "p",
            name: "op",
            method: Method::Get,
            retry_safe: true,
        };
        let req = core.request(op, "/a", &[], None).expect("request builds");
        assert_eq!(req.header("authorization"), Some("Bearer tok_secret"));
        let shown = format!("{req:?} {core:?}");
        assert!(!shown.contains("tok_secret"), "{shown}");
        assert!(core
            .request(op, "/a", &[("X-Id", "a\r\nb".into())], None)
            .is_err());
    }
}
