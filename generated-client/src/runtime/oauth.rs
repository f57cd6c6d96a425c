//! OAuth 2.0 client credentials (RFC 6749 §4.4): the client exchanges its
//! id and secret at the provider's token endpoint for an access token,
//! keeps the token until shortly before it expires, and then (or once
//! after the API answers 401 to it) fetches a new one. Concurrent calls
//! share one fetch: the cache is locked while a token is fetched, and the
//! calls waiting on it get that token. The id, the secret and every token
//! are secrets: never shown in `Debug`, errors or logs.

use std::fmt;
use std::time::{Duration, Instant};

use super::encode::{Auth, Body};
use super::error::shown_body;
use super::http::{HttpRequest, Method, OperationInfo, Transport};
use super::redact::Secrets;
use super::secret::Secret;

/// Where the token request carries the client id and secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ClientAuth {
    /// HTTP Basic `client_id:client_secret`, the form body
    /// `grant_type=client_credentials` (and `scope`). RFC 6749's default.
    Basic,
    /// All in the form body: `grant_type`, `client_id`, `client_secret`,
    /// `scope`.
    Form,
    /// All in a JSON body, for providers that take JSON.
    Json,
}

/// A provider's client credentials grant, with the caller's credentials.
#[derive(Clone)]
pub struct ClientCredentials {
    /// The token endpoint: an absolute URL, or a path on the API's base URL.
    pub token_url: String,
    /// The client id.
    pub client_id: Secret,
    /// The client secret.
    pub client_secret: Secret,
    /// The scopes to ask for (space-separated), if any.
    pub scope: Option<String>,
    /// Where the id and secret go.
    pub client_auth: ClientAuth,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url)
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret)
            .field("scope", &self.scope)
            .field("client_auth", &self.client_auth)
            .finish()
    }
}

/// A token is renewed this long before it expires, or half its lifetime
/// before, whichever is shorter.
pub const RENEW_BEFORE_EXPIRY: Duration = Duration::from_secs(30);

/// The keys of a token response whose values are secrets.
const TOKEN_KEYS: &[&str] = &["access_token", "refresh_token", "id_token"];

/// An access token and when to stop using it.
#[derive(Clone)]
pub(crate) struct Token {
    pub(crate) value: Secret,
    /// `None`: no expiry was given; used until a 401 answers it.
    renew_at: Option<Instant>,
}

impl Token {
    /// A token received at `now`, valid for `expires_in` seconds.
    fn new(value: Secret, now: Instant, expires_in: Option<u64>) -> Token {
        // A lifetime past what `Instant` can hold is no expiry.
        let renew_at = expires_in.and_then(|secs| {
            let life = Duration::from_secs(secs);
            let early = RENEW_BEFORE_EXPIRY.min(life / 2);
            now.checked_add(life - early)
        });
        Token { value, renew_at }
    }

    /// Whether the token may still be used at `now`.
    fn fresh(&self, now: Instant) -> bool {
        self.renew_at.is_none_or(|at| now < at)
    }
}

/// Why no token could be had; the API request was not sent.
#[derive(Debug, Clone)]
pub(crate) struct TokenError {
    pub(crate) status: Option<u16>,
    pub(crate) message: String,
}

/// The grant and the token cache of one client (shared by its clones).
pub(crate) struct TokenSource {
    grant: ClientCredentials,
    secrets: Secrets,
    cached: tokio::sync::Mutex<Option<Token>>,
}

impl TokenSource {
    /// The source of `grant`, whose `token_url` is absolute. Refuses an
    /// empty or control-character-holding id or secret.
    pub(crate) fn new(grant: ClientCredentials) -> Result<TokenSource, String> {
        for (what, s) in [("id", &grant.client_id), ("secret", &grant.client_secret)] {
            if s.expose().trim().is_empty() {
                return Err(format!("the OAuth client {what} is empty"));
            }
            if s.expose().chars().any(char::is_control) {
                return Err(format!(
                    "the OAuth client {what} contains a line break or another control character"
                ));
            }
        }
        let mut secrets = Secrets::new();
        secrets.add(grant.client_id.expose());
        secrets.add(grant.client_secret.expose());
        if grant.client_auth == ClientAuth::Basic {
            let basic = basic(&grant).header_value();
            secrets.add(basic.trim_start_matches("Basic "));
        }
        Ok(TokenSource {
            grant,
            secrets,
            cached: tokio::sync::Mutex::new(None),
        })
    }

    /// The grant's secrets (id, secret, their Basic form).
    pub(crate) fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// A token to send: the cached one while fresh, else a new one. One
    /// fetch at a time; the calls that waited for it use its token. Waiting
    /// and fetching together end at `deadline` (the call's total timeout).
    pub(crate) async fn token(
        &self,
        provider: &'static str,
        transport: &dyn Transport,
        deadline: Instant,
    ) -> Result<Secret, TokenError> {
        let get = async {
            let mut cached = self.cached.lock().await;
            if let Some(t) = cached.as_ref().filter(|t| t.fresh(Instant::now())) {
                return Ok(t.value.clone());
            }
            let token = self.fetch(provider, transport).await?;
            let value = token.value.clone();
            *cached = Some(token);
            Ok(value)
        };
        match tokio::time::timeout_at(deadline.into(), get).await {
            Ok(got) => got,
            Err(_) => Err(TokenError {
                status: None,
                message: "the call's total timeout passed while getting an access token"
                    .to_string(),
            }),
        }
    }

    /// Forgets `used` if it is still the cached token: the API answered it
    /// with a 401, so the next call fetches a new one.
    pub(crate) async fn reject(&self, used: &Secret) {
        let mut cached = self.cached.lock().await;
        if cached
            .as_ref()
            .is_some_and(|t| t.value.expose() == used.expose())
        {
            *cached = None;
        }
    }

    async fn fetch(
        &self,
        provider: &'static str,
        transport: &dyn Transport,
    ) -> Result<Token, TokenError> {
        let request = self.request(provider);
        let url = request.url.clone();
        let fail = |status: Option<u16>, what: String| TokenError {
            status,
            message: self.secrets.show(&format!("token endpoint {url}: {what}")),
        };
        let response = match transport.send(request).await {
            Err(e) => return Err(fail(None, format!("{}: {}", e.kind, e.message))),
            Ok(r) => r,
        };
        let status = Some(response.status);
        if response.status / 100 != 2 {
            // The secrets are redacted from the whole body, then it is cut.
            let shown = shown_body(&response.body, TOKEN_KEYS, &self.secrets);
            return Err(fail(
                status,
                format!("answered {}: {shown}", response.status),
            ));
        }
        // A success body may hold a token under any name and in any form:
        // it is never shown, only its top-level keys.
        let parsed: serde_json::Value = serde_json::from_slice(&response.body).map_err(|_| {
            let what = "the answer is not JSON (not shown: it may hold a token)";
            fail(status, what.into())
        })?;
        let Some(access) = parsed.get("access_token").and_then(|v| v.as_str()) else {
            let keys: Vec<&str> = parsed
                .as_object()
                .map(|o| o.keys().map(String::as_str).take(20).collect())
                .unwrap_or_default();
            let what = format!("the answer has no `access_token` (its keys: {keys:?})");
            return Err(fail(status, what));
        };
        if access.is_empty() || access.chars().any(char::is_control) {
            let what = "the access token is empty or holds a control character".to_string();
            return Err(fail(status, what));
        }
        if let Some(kind) = parsed.get("token_type").and_then(|v| v.as_str()) {
            if !kind.eq_ignore_ascii_case("bearer") {
                let what = format!("the token type is `{kind}`, not `Bearer`");
                return Err(fail(status, what));
            }
        }
        let lifetime = parsed.get("expires_in").map(expires_in);
        Ok(Token::new(
            Secret::new(access.to_string()),
            Instant::now(),
            lifetime,
        ))
    }

    /// The token request.
    fn request(&self, provider: &'static str) -> HttpRequest {
        let g = &self.grant;
        let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
        let body = match g.client_auth {
            ClientAuth::Basic | ClientAuth::Form => {
                let mut form = form_urlencoded::Serializer::new(String::new());
                form.append_pair("grant_type", "client_credentials");
                if g.client_auth == ClientAuth::Form {
                    form.append_pair("client_id", g.client_id.expose());
                    form.append_pair("client_secret", g.client_secret.expose());
                }
                if let Some(scope) = &g.scope {
                    form.append_pair("scope", scope);
                }
                Body {
                    content_type: "application/x-www-form-urlencoded",
                    bytes: form.finish().into_bytes(),
                }
            }
            ClientAuth::Json => {
                let grant = JsonGrant {
                    grant_type: "client_credentials",
                    client_id: g.client_id.expose(),
                    client_secret: g.client_secret.expose(),
                    scope: g.scope.as_deref(),
                };
                Body {
                    content_type: "application/json",
                    // Strings only: serializing cannot fail.
                    bytes: serde_json::to_vec(&grant).unwrap_or_default(),
                }
            }
        };
        if g.client_auth == ClientAuth::Basic {
            headers.push(("Authorization".to_string(), basic(g).header_value()));
        }
        headers.push(("Content-Type".to_string(), body.content_type.to_string()));
        HttpRequest {
            operation: OperationInfo {
                provider,
                name: "oauth2_token",
                method: Method::Post,
                retry_safe: true,
            },
            url: g.token_url.clone(),
            headers,
            body: Some(body),
            secrets: self.secrets.clone(),
        }
    }
}

/// A token request's JSON body, in the order RFC 6749 lists its members.
#[derive(serde::Serialize)]
struct JsonGrant<'a> {
    grant_type: &'a str,
    client_id: &'a str,
    client_secret: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'a str>,
}

/// The Basic credentials of a grant: the id and secret form-encoded first,
/// as RFC 6749 §2.3.1 asks (letters, digits and `-._*` stay as they are).
fn basic(g: &ClientCredentials) -> Auth {
    let encode = |s: &Secret| {
        Secret::new(form_urlencoded::byte_serialize(s.expose().as_bytes()).collect::<String>())
    };
    Auth::Basic {
        username: encode(&g.client_id),
        password: Some(encode(&g.client_secret)),
    }
}

/// The lifetime an `expires_in` value gives, in whole seconds: a number
/// (a fraction rounded down) or a number as text. A negative or unreadable
/// value is 0: the token serves this call and is renewed on the next.
fn expires_in(v: &serde_json::Value) -> u64 {
    let secs = v
        .as_f64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse::<f64>().ok()))
        .unwrap_or(0.0);
    if secs.is_finite() && secs > 0.0 {
        // Saturating: a lifetime past u64 is as good as none.
        secs as u64
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_renewed_before_it_expires() {
        let now = Instant::now();
        let t = Token::new(Secret::new("t".to_string()), now, Some(3600));
        assert!(t.fresh(now + Duration::from_secs(3569)));
        // 30 s before the hour it is renewed, although still valid.
        assert!(!t.fresh(now + Duration::from_secs(3570)));
        // A short-lived token is renewed at half its life.
        let t = Token::new(Secret::new("t".to_string()), now, Some(20));
        assert!(t.fresh(now + Duration::from_secs(9)));
        assert!(!t.fresh(now + Duration::from_secs(10)));
        // Expired on arrival, and never expiring.
        assert!(!Token::new(Secret::new("t".to_string()), now, Some(0)).fresh(now));
        let forever = Token::new(Secret::new("t".to_string()), now, None);
        assert!(forever.fresh(now + Duration::from_secs(10 * 365 * 24 * 3600)));
        // An absurd lifetime does not overflow.
        assert!(Token::new(Secret::new("t".to_string()), now, Some(u64::MAX)).fresh(now));
    }

    #[test]
    fn debug_shows_neither_id_nor_secret() {
        let g = ClientCredentials {
            token_url: "https://auth.example/oauth/token".into(),
            client_id: Secret::new("client-id-123".to_string()),
            client_secret: Secret::new("client-secret-456".to_string()),
            scope: None,
            client_auth: ClientAuth::Basic,
        };
        let shown = format!("{g:?}");
        assert!(!shown.contains("client-id-123") && !shown.contains("client-secret-456"));
    }

    #[test]
    fn expires_in_reads_numbers_fractions_and_text() {
        let read = |v: serde_json::Value| expires_in(&v);
        assert_eq!(read(serde_json::json!(3600)), 3600);
        assert_eq!(read(serde_json::json!(3599.9)), 3599);
        assert_eq!(read(serde_json::json!("7200")), 7200);
        assert_eq!(read(serde_json::json!(-1)), 0);
        assert_eq!(read(serde_json::json!("soon")), 0);
        assert_eq!(read(serde_json::json!(1e300)), u64::MAX);
    }

    #[test]
    fn basic_credentials_are_form_encoded_first() {
        let g = ClientCredentials {
            token_url: "https://auth.example/oauth/token".into(),
            client_id: Secret::new("id:with colon".to_string()),
            client_secret: Secret::new("s+cr%t".to_string()),
            scope: None,
            client_auth: ClientAuth::Basic,
        };
        let Auth::Basic { username, password } = basic(&g) else {
            panic!("Basic");
        };
        assert_eq!(username.expose(), "id%3Awith+colon");
        assert_eq!(
            password.map(|p| p.expose().to_string()).as_deref(),
            Some("s%2Bcr%25t")
        );
    }
}
