//! The default transport: `reqwest` with rustls, with timeouts, a user
//! agent and a bound on response size.

use std::time::Duration;

use super::error::{ConfigError, TransportError, TransportErrorKind};
use super::http::{BoxFuture, HttpRequest, HttpResponse, Transport};
use super::redact::Secrets;
use super::retry::RetryPolicy;
use super::secret::Secret;

/// Settings of a client: timeouts, user agent, response limit, retries.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientConfig {
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole request, response body included.
    pub request_timeout: Duration,
    /// `User-Agent` header.
    pub user_agent: String,
    /// Largest response body read; larger ones fail with
    /// [`TransportErrorKind::BodyTooLarge`] instead of being buffered.
    pub max_response_bytes: usize,
    /// Retries (off by default).
    pub retry: RetryPolicy,
    /// Which proxy requests go through: none by default, so credentials
    /// never pass through a proxy that `HTTP_PROXY` in the environment
    /// names without the caller's say.
    pub proxy: Proxy,
    /// Where OAuth 2.0 token requests go instead of the token endpoint the
    /// spec names (a test server, a gateway): an absolute URL, or a path on
    /// the environment's base URL. `None` (the default): the spec's.
    pub token_url: Option<String>,
}

/// Which proxy a client sends its requests through.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Proxy {
    /// None: connect directly, whatever the environment says (the default).
    #[default]
    None,
    /// The proxies `HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY`
    /// name, as `curl` reads them.
    FromEnvironment,
    /// This proxy for every request (`http://host:port`, credentials in the
    /// URL allowed: it is a secret, never shown).
    Url(Secret),
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            user_agent: concat!("generated-client/", env!("CARGO_PKG_VERSION")).to_string(),
            max_response_bytes: 4 * 1024 * 1024,
            retry: RetryPolicy::none(),
            proxy: Proxy::None,
            token_url: None,
        }
    }
}

impl ClientConfig {
    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, t: Duration) -> Self {
        self.connect_timeout = t;
        self
    }

    /// Sets the request timeout.
    pub fn request_timeout(mut self, t: Duration) -> Self {
        self.request_timeout = t;
        self
    }

    /// Sets the user agent.
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = ua.into();
        self
    }

    /// Sets the response size limit.
    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.max_response_bytes = n;
        self
    }

    /// Sets the proxy.
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = proxy;
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends OAuth 2.0 token requests to `url` instead of the spec's token
    /// endpoint.
    pub fn token_url(mut self, url: impl Into<String>) -> Self {
        self.token_url = Some(url.into());
        self
    }
}

/// Most bytes a response buffer is sized for before they arrive.
const PREALLOCATE_MAX: u64 = 64 * 1024;

/// [`Transport`] over `reqwest` (rustls).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
    max_response_bytes: usize,
}

impl ReqwestTransport {
    /// A transport with `config`'s timeouts, user agent and size limit.
    pub fn new(config: &ClientConfig) -> Result<Self, ConfigError> {
        super::encode::check_header_value("User-Agent", &config.user_agent).map_err(ConfigError)?;
        let builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(config.user_agent.clone())
            .redirect(reqwest::redirect::Policy::none());
        let builder = match &config.proxy {
            Proxy::None => builder.no_proxy(),
            Proxy::FromEnvironment => builder,
            Proxy::Url(url) => builder.proxy(reqwest::Proxy::all(url.expose()).map_err(|_| {
                ConfigError(format!(
                    "the proxy URL {} is not a usable proxy URL",
                    super::encode::shown_url(url.expose())
                ))
            })?),
        };
        let client = builder.build().map_err(|e| {
            let mut secrets = Secrets::new();
            if let Proxy::Url(url) = &config.proxy {
                secrets.add(url.expose());
            }
            ConfigError(secrets.show(&format!("cannot build the HTTP client: {e}")))
        })?;
        Ok(ReqwestTransport {
            client,
            max_response_bytes: config.max_response_bytes,
        })
    }

    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let method = reqwest::Method::from_bytes(request.operation.method.as_str().as_bytes())
            .map_err(|e| not_sent(format!("bad method: {e}")))?;
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(body) = request.body {
            builder = builder.body(body.bytes);
        }
        let mut response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let declared = response.content_length();
        if declared.is_some_and(|n| n > self.max_response_bytes as u64) {
            return Err(too_large(self.max_response_bytes));
        }
        // A declared length sizes the buffer, up to a small bound: the
        // header is the server's word, and a lie must not allocate. The
        // buffer grows as bytes arrive, and the loop enforces the limit.
        let mut body = Vec::with_capacity(declared.map_or(0, |n| n.min(PREALLOCATE_MAX) as usize));
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(too_large(self.max_response_bytes));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse {
            status,
            headers,
            body,
        })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.send_inner(request))
    }
}

fn not_sent(message: String) -> TransportError {
    TransportError {
        kind: TransportErrorKind::Other,
        may_have_been_sent: false,
        message,
    }
}

fn too_large(limit: usize) -> TransportError {
    TransportError {
        kind: TransportErrorKind::BodyTooLarge,
        may_have_been_sent: true,
        message: format!("the response body is larger than the {limit}-byte limit"),
    }
}

/// Maps a reqwest error to what the caller needs to decide: was anything
/// sent? `reqwest` errors name the URL but never the headers, so no
/// credentials leak into the message.
fn classify(e: reqwest::Error) -> TransportError {
    let (kind, sent) = if e.is_connect() {
        (TransportErrorKind::Connect, false)
    } else if e.is_timeout() {
        (TransportErrorKind::Timeout, true)
    } else if e.is_builder() {
        (TransportErrorKind::Other, false)
    } else {
        (TransportErrorKind::Other, true)
    };
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    TransportError {
        kind,
        may_have_been_sent: sent,
        message,
    }
}
