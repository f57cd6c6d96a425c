//! Requests as data, the transport seam, and the call loop generated
//! methods delegate to.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use tracing::Instrument;

use super::encode::{check_base_url, check_header_value, check_path, Auth, Body};
use super::error::{redacted_snippet, Error, TransportError};
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
