//! Requests as data, the transport seam, and the call loop generated
//! methods delegate to.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use tracing::Instrument;

use super::encode::{check_base_url, check_header_value, check_path, shown_url, Auth, Body};
use super::error::{
    hide_unexpected, shown_body, snippet, Error, ErrorText, TransportError, TransportErrorKind,
};
use super::oauth::TokenSource;
use super::redact::{Secrets, REDACTED};
use super::retry::{Outcome, RetryPolicy};
use super::secret::Secret;

// Also reached by this path from `transport.rs`.

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
    /// The values this request must never show: the client's credentials
    /// and sensitive headers, the request's sensitive headers and fields.
    /// `Debug` of the request, and every error of the call, redact them.
    pub secrets: Secrets,
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
        let headers: Vec<(&str, std::borrow::Cow<'_, str>)> = self
            .headers
            .iter()
            .map(|(n, v)| {
                let shown = if n.eq_ignore_ascii_case("authorization") {
                    REDACTED.into()
                } else {
                    self.secrets.redact(v)
                };
                (n.as_str(), shown)
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.operation.method.as_str())
            .field("url", &self.secrets.show(&self.url))
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

/// The shared state of a generated client: where, who, and how to send.
#[derive(Clone)]
pub struct ClientCore {
    provider: &'static str,
    base_url: String,
    /// The `Authorization` value; `None` when it carries a token fetched
    /// at send time (`tokens`).
    authorization: Option<Secret>,
    tokens: Option<Arc<TokenSource>>,
    headers: Vec<(String, String)>,
    secrets: Secrets,
    transport: Arc<dyn Transport>,
    retry: RetryPolicy,
}

impl fmt::Debug for ClientCore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCore")
            .field("provider", &self.provider)
            .field("base_url", &self.base_url)
            .field("authorization", &self.authorization)
            .field(
                "headers",
                &self
                    .headers
                    .iter()
                    .map(|(n, v)| (n.as_str(), self.secrets.redact(v)))
                    .collect::<Vec<_>>(),
            )
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientCore {
    /// A client core. Fails when the base URL is not an http(s) URL that
    /// paths can be appended to (see [`check_base_url`]), a header value
    /// contains a line break or another control character, or a credential
    /// is unusable (see [`Auth::check`]). The base URL is normalised once,
    /// as the HTTP stack would (`\` is `/`, dot segments resolved), so the
    /// URL a request shows is the URL it is sent to. The values of the
    /// headers named in `sensitive` are secrets, like the credentials.
    pub fn new(
        provider: &'static str,
        base_url: String,
        auth: &Auth,
        headers: Vec<(String, String)>,
        sensitive: &[&str],
        transport: Arc<dyn Transport>,
        retry: RetryPolicy,
    ) -> Result<Self, String> {
        check_base_url(&base_url)?;
        let base_url = normalized_base_url(&base_url)?;
        auth.check()?;
        let mut secrets = auth.secrets();
        let tokens = match auth {
            Auth::ClientCredentials(grant) => {
                let mut grant = grant.clone();
                grant.token_url = token_url(&base_url, &grant.token_url)?;
                let source = TokenSource::new(grant)?;
                secrets.extend(source.secrets());
                Some(Arc::new(source))
            }
            _ => None,
        };
        for (n, v) in &headers {
            check_header_value(n, v)?;
            if sensitive.iter().any(|s| s.eq_ignore_ascii_case(n)) {
                secrets.add(v);
            }
        }
        let authorization = match tokens {
            Some(_) => None,
            None => {
                let value = Secret::new(auth.header_value());
                check_header_value("Authorization", value.expose())?;
                Some(value)
            }
        };
        Ok(ClientCore {
            provider,
            base_url,
            authorization,
            tokens,
            headers,
            secrets,
            transport,
            retry,
        })
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Builds the request for `path` (already encoded) with the client's
    /// headers, the operation's `extra` headers and `body`; `secrets` are
    /// the request's own (its sensitive headers and fields), kept out of
    /// everything the request and its errors show. Fails when a segment of
    /// `path` is `.`, `..` (in any encoding) or empty between two others,
    /// or when an `extra` header value has a line break.
    pub fn request(
        &self,
        operation: OperationInfo,
        path: &str,
        extra: &[(&'static str, String)],
        body: Option<Body>,
        secrets: Secrets,
    ) -> Result<HttpRequest, String> {
        check_path(path)?;
        let mut headers = Vec::with_capacity(self.headers.len() + extra.len() + 2);
        if let Some(authorization) = &self.authorization {
            headers.push((
                "Authorization".to_string(),
                authorization.expose().to_string(),
            ));
        }
        for (n, v) in extra {
            check_header_value(n, v)?;
            headers.push((n.to_string(), v.clone()));
        }
        headers.extend(self.headers.iter().cloned());
        if let Some(b) = &body {
            headers.push(("Content-Type".to_string(), b.content_type.to_string()));
        }
        // Shared with the client unless the request has secrets of its own.
        let mut all = self.secrets.clone();
        if !secrets.is_empty() {
            all.extend(&secrets);
        }
        Ok(HttpRequest {
            operation,
            url: format!("{}{}", self.base_url, path),
            headers,
            body,
            secrets: all,
        })
    }

    /// Sends `request` (retrying as the policy allows) and decodes the
    /// answer: `T` on the success status, `E` (best effort) on failures.
    /// Each call is a `tracing` span with provider, operation, method,
    /// status, attempts and latency; never headers or bodies. Only the
    /// decoding depends on `T` and `E`: the exchange itself is compiled
    /// once, not once per operation.
    pub async fn execute<T: DeserializeOwned, E: DeserializeOwned + ErrorText + fmt::Debug>(
        &self,
        request: HttpRequest,
        success: u16,
        sensitive: &[&str],
    ) -> Result<T, Error<E>> {
        let (response, secrets) = self.exchange(request, success).await?;
        decode_shown(self.provider, success, &response, sensitive, &secrets)
    }

    /// What a client method returns: sends what its request builder made
    /// (a build or validation error comes back when awaited, with nothing
    /// sent), then as [`execute`](Self::execute). The method builds the
    /// request before it returns this future, so the future borrows only
    /// the client, and it is one state machine per response type rather
    /// than one per operation.
    pub async fn send<T: DeserializeOwned, E: DeserializeOwned + ErrorText + fmt::Debug>(
        &self,
        request: Result<HttpRequest, Error<E>>,
        success: u16,
        sensitive: &'static [&'static str],
    ) -> Result<T, Error<E>> {
        self.execute(request?, success, sensitive).await
    }

    /// Sends `request` within its span and returns the last answer with
    /// the secrets to keep out of what it shows.
    async fn exchange(
        &self,
        request: HttpRequest,
        success: u16,
    ) -> Result<(HttpResponse, Secrets), Failed> {
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
            let (result, attempts, secrets) = match &self.tokens {
                None => {
                    let secrets = request.secrets.clone();
                    let (result, attempts) = self.send_with_retries(request, success, start).await;
                    (result, attempts, secrets)
                }
                Some(tokens) => {
                    self.send_with_token(tokens, request, success, start)
                        .await?
                }
            };
            let span = tracing::Span::current();
            span.record("attempts", attempts);
            span.record("latency_ms", start.elapsed().as_millis() as u64);
            let response = result.map_err(|e| Failed::Transport {
                kind: e.kind,
                may_have_been_sent: e.may_have_been_sent,
                message: secrets.show(&e.message),
            })?;
            span.record("status", response.status);
            Ok((response, secrets))
        }
        .instrument(span)
        .await
    }
}

/// How a call fails before there is an answer to decode: [`Error::Auth`]
/// and [`Error::Transport`] without the error body type, so the exchange
/// is not generic.
enum Failed {
    Auth {
        status: Option<u16>,
        message: String,
    },
    Transport {
        kind: TransportErrorKind,
        may_have_been_sent: bool,
        message: String,
    },
}

impl<E: fmt::Debug> From<Failed> for Error<E> {
    fn from(f: Failed) -> Self {
        match f {
            Failed::Auth { status, message } => Error::Auth { status, message },
            Failed::Transport {
                kind,
                may_have_been_sent,
                message,
            } => Error::Transport {
                kind,
                may_have_been_sent,
                message,
            },
        }
    }
}

impl ClientCore {
    /// Sends `request` as the retry policy allows, within its total
    /// timeout. Returns the last outcome and the number of attempts.
    async fn send_with_retries(
        &self,
        request: HttpRequest,
        success: u16,
        start: std::time::Instant,
    ) -> (Result<HttpResponse, TransportError>, u32) {
        let op = request.operation;
        let deadline = self.deadline(start);
        let mut attempt = 1;
        loop {
            let remaining = deadline.saturating_duration_since(std::time::Instant::now());
            if !self.retry.may_retry(attempt, op.retry_safe) {
                // The last possible attempt sends the request itself.
                let sent = self.attempt(request, remaining, attempt).await;
                return (sent, attempt);
            }
            // Earlier ones send a copy, kept for the retry.
            let sent = self.attempt(request.clone(), remaining, attempt).await;
            let timed_out = matches!(&sent, Err(e) if e.kind == TransportErrorKind::Timeout && e.message.starts_with(TOTAL_TIMEOUT));
            if timed_out {
                return (sent, attempt);
            }
            let outcome = match &sent {
                Ok(r) => Outcome::Status {
                    status: r.status,
                    headers: &r.headers,
                },
                Err(e) => Outcome::Transport(e.kind),
            };
            let delay = match &sent {
                Ok(r) if is_success(r.status, success) => None,
                _ => self.retry.next_delay(attempt, op.retry_safe, &outcome),
            };
            // No retry that the deadline would cut short.
            let delay = delay.filter(|d| {
                std::time::Instant::now()
                    .checked_add(*d)
                    .is_some_and(|at| at < deadline)
            });
            match delay {
                Some(delay) => {
                    tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                    tokio::time::sleep(delay).await;
                    attempt += 1;
                }
                None => return (sent, attempt),
            }
        }
    }

    /// One attempt, cut at `remaining` (the rest of the call's total
    /// timeout).
    async fn attempt(
        &self,
        request: HttpRequest,
        remaining: std::time::Duration,
        attempt: u32,
    ) -> Result<HttpResponse, TransportError> {
        match tokio::time::timeout(remaining, self.transport.send(request)).await {
            Ok(sent) => sent,
            Err(_) => Err(TransportError {
                kind: TransportErrorKind::Timeout,
                may_have_been_sent: true,
                message: format!(
                    "{TOTAL_TIMEOUT} of {} ms passed during attempt {attempt}",
                    self.retry.total_timeout.as_millis()
                ),
            }),
        }
    }
}

impl ClientCore {
    /// [`Self::send_with_retries`] with an OAuth access token: the cached
    /// one, or one fetched first. When the API answers 401, the token is
    /// dropped and the call sent once more with a new one (unless the new
    /// one is the same). Returns the outcome, the attempts and the secrets
    /// to redact (the request's and the tokens it carried).
    async fn send_with_token(
        &self,
        tokens: &TokenSource,
        request: HttpRequest,
        success: u16,
        start: std::time::Instant,
    ) -> Result<(Result<HttpResponse, TransportError>, u32, Secrets), Failed> {
        let token = self.token(tokens, start).await?;
        let first = with_token(&request, &token);
        let mut secrets = first.secrets.clone();
        let (result, attempts) = self.send_with_retries(first, success, start).await;
        if !matches!(&result, Ok(r) if r.status == 401) {
            return Ok((result, attempts, secrets));
        }
        tokens.reject(&token).await;
        let fresh = self.token(tokens, start).await?;
        if fresh.expose() == token.expose() {
            return Ok((result, attempts, secrets));
        }
        secrets.add(fresh.expose());
        let (result, more) = self
            .send_with_retries(with_token(&request, &fresh), success, start)
            .await;
        Ok((result, attempts + more, secrets))
    }

    /// When a call that started at `start` must end: its total timeout
    /// later (a deadline past what `Instant` can hold is no deadline).
    fn deadline(&self, start: std::time::Instant) -> std::time::Instant {
        let far = std::time::Duration::from_secs(100 * 365 * 24 * 3600);
        start
            .checked_add(self.retry.total_timeout)
            .or_else(|| start.checked_add(far))
            .unwrap_or(start)
    }

    /// An access token within the call's total timeout, or `Error::Auth`.
    async fn token(
        &self,
        tokens: &TokenSource,
        start: std::time::Instant,
    ) -> Result<Secret, Failed> {
        tokens
            .token(self.provider, &*self.transport, self.deadline(start))
            .await
            .map_err(|e| Failed::Auth {
                status: e.status,
                message: e.message,
            })
    }
}

/// `request` with `Authorization: Bearer <token>` first, and the token
/// among its secrets.
fn with_token(request: &HttpRequest, token: &Secret) -> HttpRequest {
    let mut r = request.clone();
    r.headers.insert(
        0,
        (
            "Authorization".to_string(),
            format!("Bearer {}", token.expose()),
        ),
    );
    r.secrets.add(token.expose());
    r
}

/// The absolute token endpoint: `url` itself when absolute, else `url` as
/// a path on `base_url`.
fn token_url(base_url: &str, url: &str) -> Result<String, String> {
    if url.starts_with("https://") || url.starts_with("http://") {
        check_base_url(url)?;
        return normalized_base_url(url);
    }
    if !url.starts_with('/') {
        return Err(format!(
            "the token endpoint {} is neither an absolute URL nor a path",
            shown_url(url)
        ));
    }
    Ok(format!("{base_url}{url}"))
}

/// How a transport error from the call's total timeout starts.
const TOTAL_TIMEOUT: &str = "the call's total timeout";

/// Whether `status` is the documented success or another 2xx (when the
/// documented one is a 2xx): the provider applied the request.
fn is_success(status: u16, success: u16) -> bool {
    status == success || (status / 100 == 2 && success / 100 == 2)
}

/// Decodes a response: `T` on `success`, a typed API error otherwise.
pub fn decode<T: DeserializeOwned, E: DeserializeOwned + ErrorText + fmt::Debug>(
    provider: &'static str,
    success: u16,
    response: &HttpResponse,
) -> Result<T, Error<E>> {
    decode_redacting(provider, success, response, &[])
}

/// [`decode`], with the values of the `sensitive` keys (secrets the
/// response may carry) redacted from the body snippets kept in errors.
pub fn decode_redacting<T: DeserializeOwned, E: DeserializeOwned + ErrorText + fmt::Debug>(
    provider: &'static str,
    success: u16,
    response: &HttpResponse,
    sensitive: &[&str],
) -> Result<T, Error<E>> {
    decode_shown(provider, success, response, sensitive, &Secrets::new())
}

/// [`decode_redacting`], with `secrets` (the request's and the client's)
/// redacted from every message and snippet too.
///
/// A success status (the documented one, or any 2xx when that is a 2xx)
/// decodes `T`, which must be a JSON object; a success without a body (a
/// `204`, an empty `200`) decodes `T` from nothing, which only a bodiless
/// response type ([`super::NoContent`]) accepts: for any other `T` it is a
/// [`Error::Decode`] that says the request succeeded.
pub(crate) fn decode_shown<T: DeserializeOwned, E: DeserializeOwned + ErrorText + fmt::Debug>(
    provider: &'static str,
    success: u16,
    response: &HttpResponse,
    sensitive: &[&str],
    secrets: &Secrets,
) -> Result<T, Error<E>> {
    let status = response.status;
    let body = response.body.as_slice();
    if is_success(status, success) {
        let decode_error = |message: String| Error::Decode {
            provider,
            status,
            message: if sensitive.is_empty() {
                secrets.show(&message)
            } else {
                secrets.show(&hide_unexpected(&message))
            },
            snippet: shown_body(body, sensitive, secrets),
        };
        let first = body.iter().find(|b| !b.is_ascii_whitespace());
        return match first {
            None => serde_json::from_slice::<T>(b"null").map_err(|_| {
                decode_error(format!(
                    "the request succeeded ({status}), but the answer has no body where the docs describe one"
                ))
            }),
            // A type that takes anything (`NoContent`) takes a body that
            // does not parse too.
            Some(b'{') => serde_json::from_slice(body).or_else(|e| {
                serde_json::from_slice::<T>(b"null").map_err(|_| decode_error(e.to_string()))
            }),
            Some(_) => serde_json::from_slice::<T>(b"null").map_err(|_| {
                decode_error(format!(
                    "expected a JSON object, as the docs describe (the request succeeded, {status})"
                ))
            }),
        };
    }
    let typed = serde_json::from_slice::<E>(body).ok().map(Box::new);
    // The provider's own words, redacted and bounded like the snippet; an
    // empty message or code is none.
    let shown = |text: Option<&str>| {
        text.map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| snippet(secrets.redact(t).as_bytes()))
    };
    Err(Error::Api {
        provider,
        status,
        message: shown(typed.as_deref().and_then(ErrorText::message)),
        code: shown(typed.as_deref().and_then(ErrorText::code)),
        body: typed,
        snippet: shown_body(body, sensitive, secrets),
    })
}

/// The base URL as the HTTP stack will read it (`\` as `/`, dot segments
/// resolved, host lowercased, a default port dropped), without the
/// trailing `/`, so the URL a request shows is the URL it is sent to.
fn normalized_base_url(base_url: &str) -> Result<String, String> {
    let url = url::Url::parse(base_url)
        .map_err(|e| format!("the base URL {} is not a URL: {e}", shown_url(base_url)))?;
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(format!(
            "the base URL {} has a query, fragment or user part once normalised",
            shown_url(base_url)
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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
            vec![("X-Key".into(), "hdr_secret".into())],
            &["x-key"],
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
        let mut own = Secrets::new();
        own.add("req_secret");
        let req = core
            .request(
                op,
                "/a/req_secret",
                &[("X-Own", "req_secret".into())],
                None,
                own,
            )
            .expect("request builds");
        assert_eq!(req.header("authorization"), Some("Bearer tok_secret"));
        assert_eq!(req.header("x-key"), Some("hdr_secret"));
        let shown = format!("{req:?} {core:?}");
        for secret in ["tok_secret", "hdr_secret", "req_secret"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(core
            .request(op, "/a", &[("X-Id", "a\r\nb".into())], None, Secrets::new())
            .is_err());
    }
}
