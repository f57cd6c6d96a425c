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
use super::error::redacted_snippet;
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
    /// fetch at a time; the calls that waited for it use its token.
    pub(crate) async fn token(
        &self,
        provider: &'static str,
        transport: &dyn Transport,
        timeout: Duration,
    ) -> Result<Secret, TokenError> {
        let mut cached = self.cached.lock().await;
        if let Some(t) = cached.as_ref().filter(|t| t.fresh(Instant::now())) {
            return Ok(t.value.clone());
        }
        let token = self.fetch(provider, transport, timeout).await?;
        let value = token.value.clone();
        *cached = Some(token);
        Ok(value)
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
        timeout: Duration,
    ) -> Result<Token, TokenError> {
        let request = self.request(provider);
        let url = request.url.clone();
        let fail = |status: Option<u16>, what: String| TokenError {
            status,
            message: self.secrets.show(&format!("token endpoint {url}: {what}")),
        };
        let response = match tokio::time::timeout(timeout, transport.send(request)).await {
            Err(_) => return Err(fail(None, "timed out".into())),
            Ok(Err(e)) => return Err(fail(None, format!("{}: {}", e.kind, e.message))),
            Ok(Ok(r)) => r,
        };
        let shown = || redacted_snippet(&response.body, TOKEN_KEYS);
        if response.status / 100 != 2 {
            let what = format!("answered {}: {}", response.status, shown());
            return Err(fail(Some(response.status), what));
        }
        let parsed: serde_json::Value = serde_json::from_slice(&response.body).map_err(|_| {
            fail(
                Some(response.status),
                format!("the answer is not JSON: {}", shown()),
            )
        })?;
        let Some(access) = parsed.get("access_token").and_then(|v| v.as_str()) else {
            let what = format!("the answer has no `access_token`: {}", shown());
            return Err(fail(Some(response.status), what));
        };
        if access.is_empty() || access.chars().any(char::is_control) {
            let what = "the access token is empty or holds a control character".to_string();
            return Err(fail(Some(response.status), what));
        }
        if let Some(kind) = parsed.get("token_type").and_then(|v| v.as_str()) {
            if !kind.eq_ignore_ascii_case("bearer") {
                let what = format!("the token type is `{kind}`, not `Bearer`");
                return Err(fail(Some(response.status), what));
            }
        }
        // A number, or a number as text; anything else is no expiry.
        let expires_in = parsed.get("expires_in").and_then(|v| {
            v.as_u64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        });
        Ok(Token::new(
            Secret::new(access.to_string()),
            Instant::now(),
            expires_in,
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

/// The Basic credentials of a grant.
fn basic(g: &ClientCredentials) -> Auth {
    Auth::Basic {
        username: g.client_id.clone(),
        password: Some(g.client_secret.clone()),
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
}
