//! The HTTP side: a loopback server per provider, what it answers, and the
//! controls tests use.

use std::collections::{HashMap, VecDeque};
use std::convert::Infallible;
use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use bytes::Bytes;
use codegen::model::Fault;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::checks::{check_auth, check_body, header, missing_header, token_path};
use crate::error_body;
use crate::redact::{redact_body, redact_headers};
use crate::routes::Table;
use crate::state::{self, Store};
use crate::wire::Body;

/// Largest request body read.
const MAX_BODY: usize = 1 << 20;

/// Why a mock did not start.
#[derive(Debug)]
pub enum MockError {
    /// No spec of that name was built into the mock.
    UnknownProvider(String),
    /// The built-in spec did not check (a build of the mock from broken specs).
    Spec(String),
    /// The port could not be bound.
    Io(std::io::Error),
}

impl fmt::Display for MockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MockError::UnknownProvider(p) => write!(
                f,
                "no provider `{p}` in the mock (it serves: {}; it serves a provider when `generated-client` is built with the provider's feature)",
                crate::providers().join(", ")
            ),
            MockError::Spec(e) => write!(f, "the mock's specs do not check: {e}"),
            MockError::Io(e) => write!(f, "cannot listen: {e}"),
        }
    }
}

impl std::error::Error for MockError {}

/// A request the mock received, secrets redacted, with the rule it broke.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// `PATCH`.
    pub method: String,
    /// Path and query, as sent.
    pub path: String,
    /// Headers, lowercase names; credentials and sensitive headers show
    /// `[redacted]`.
    pub headers: Vec<(String, String)>,
    /// The body as text; sensitive fields show `[redacted]`.
    pub body: String,
    /// The status answered.
    pub status: u16,
    /// The rule the request broke, `None` when it was served.
    pub broke: Option<String>,
}

/// An answer queued for the next request, whatever it is.
#[derive(Debug, Clone)]
pub struct Failure {
    status: u16,
    message: Option<String>,
    body: Option<Value>,
    retry_after: Option<u64>,
}

impl Failure {
    /// A failure with this status and the provider's documented error body
    /// (with a generic message).
    pub fn status(status: u16) -> Failure {
        Failure {
            status,
            message: None,
            body: None,
            retry_after: None,
        }
    }

    /// A failure with this exact body, e.g. a documented error with its
    /// code (Square's `VERSION_MISMATCH`), as the spec's examples show it.
    pub fn with_body(status: u16, body: Value) -> Failure {
        Failure {
            status,
            message: None,
            body: Some(body),
            retry_after: None,
        }
    }

    /// A documented error: its status and message, in the provider's
    /// error body.
    pub fn documented(status: u16, message: impl Into<String>) -> Failure {
        Failure {
            status,
            message: Some(message.into()),
            body: None,
            retry_after: None,
        }
    }

    /// Sends `Retry-After: seconds` with it (a 429 or 503).
    pub fn retry_after(mut self, seconds: u64) -> Failure {
        self.retry_after = Some(seconds);
        self
    }
}

/// Called with each request a mock answers (the CLI prints them).
pub type Log = Box<dyn Fn(&Recorded) + Send + Sync>;

/// The mutable part of a mock.
#[derive(Default)]
struct Inner {
    store: Store,
    recorded: Vec<Recorded>,
    queued: VecDeque<Failure>,
    latency: Duration,
    credentials: Option<String>,
    tokens: u64,
}

pub(crate) struct Shared {
    table: Arc<Table>,
    inner: Mutex<Inner>,
    log: Option<Log>,
}

/// `provider`'s routes, read from its built-in spec once per process (a
/// test suite starts many mocks; the spec never changes under it).
fn table_of(provider: &str) -> Result<Arc<Table>, MockError> {
    static TABLES: OnceLock<Mutex<HashMap<String, Arc<Table>>>> = OnceLock::new();
    let tables = TABLES.get_or_init(Default::default);
    if let Some(t) = tables
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(provider)
    {
        return Ok(t.clone());
    }
    let file = format!("{provider}.yaml");
    let (_, text) = crate::checked::SPECS
        .iter()
        .find(|(name, _)| *name == provider)
        .ok_or_else(|| MockError::UnknownProvider(provider.to_string()))?;
    let checked = codegen::check::check_sources(&[codegen::SpecSource::new(&file, *text)])
        .map_err(|e| MockError::Spec(e.to_string()))?;
    let checked = checked
        .first()
        .ok_or_else(|| MockError::Spec(format!("{file} gave no provider")))?;
    let table = Arc::new(Table::new(checked));
    tables
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .insert(provider.to_string(), table.clone());
    Ok(table)
}

impl Shared {
    /// `provider`'s routes from its built-in spec, and its resources
    /// seeded from the spec's examples.
    pub(crate) fn new(provider: &str, log: Option<Log>) -> Result<Shared, MockError> {
        let table = table_of(provider)?;
        let mut inner = Inner::default();
        for route in &table.routes {
            for (params, body) in &route.seeds {
                if let Some((_, id)) = params.last() {
                    inner.store.put(id.clone(), body.clone());
                }
            }
        }
        Ok(Shared {
            table,
            inner: Mutex::new(inner),
            log,
        })
    }

    /// Holds `value` under `id`.
    #[cfg(test)]
    pub(crate) fn seed(&self, id: &str, value: Value) {
        self.lock().store.put(id.to_string(), value);
    }

    /// Each route's method, path template and request media type.
    #[cfg(test)]
    pub(crate) fn paths(&self) -> Vec<(String, String, &'static str)> {
        self.table
            .routes
            .iter()
            .map(|r| {
                let media = r
                    .request
                    .as_ref()
                    .map_or("application/json", |q| crate::wire::media_type(q.encoding));
                (r.method.to_string(), r.path.as_str().to_string(), media)
            })
            .collect()
    }

    /// Credentials of the provider's first documented scheme.
    #[cfg(test)]
    pub(crate) fn good_authorization(&self) -> &'static str {
        match self.table.auth.first() {
            Some(codegen::model::Auth::Basic { .. }) => "Basic dXNlcjpzZWNyZXQ=",
            _ => "Bearer token",
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves plain data behind: go on.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// A provider's mock, serving on loopback until dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("provider", &self.shared.table.name)
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MockServer {
    /// Starts `provider`'s mock on an ephemeral loopback port.
    pub async fn start(provider: &str) -> Result<MockServer, MockError> {
        Self::start_on(provider, 0, None).await
    }

    /// Starts `provider`'s mock on `port` (0: any free one), calling `log`
    /// with each request it answers.
    pub async fn start_on(
        provider: &str,
        port: u16,
        log: Option<Log>,
    ) -> Result<MockServer, MockError> {
        let shared = Arc::new(Shared::new(provider, log)?);
        let listener = TcpListener::bind(("127.0.0.1", port))
            .await
            .map_err(MockError::Io)?;
        let addr = listener.local_addr().map_err(MockError::Io)?;
        let task = tokio::spawn(accept(listener, shared.clone()));
        Ok(MockServer { addr, shared, task })
    }

    /// The base URL to give the client (`Environment::Custom`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The provider served.
    pub fn provider(&self) -> &str {
        &self.shared.table.name
    }

    /// Every request received so far, in order, secrets redacted.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().recorded.clone()
    }

    /// The resource held under `id`, as the next response would show it.
    pub fn resource(&self, id: &str) -> Option<Value> {
        self.shared.lock().store.get(id).cloned()
    }

    /// Holds `value` under `id` (in the shape the success response has).
    pub fn seed(&self, id: impl Into<String>, value: Value) {
        self.shared.lock().store.put(id.into(), value);
    }

    /// Sets the member at `pointer` (a JSON Pointer; a `@key=='value'`
    /// step picks a list item by its member, as PayPal's patch paths do)
    /// of the resource held under `id`, creating what is missing: the
    /// state a test needs before an update (a member a `replace` expects,
    /// an order already `COMPLETED`). `false` when there is no such
    /// resource or the pointer cannot be followed.
    pub fn seed_at(&self, id: &str, pointer: &str, value: Value) -> bool {
        let mut inner = self.shared.lock();
        let Some(resource) = inner.store.get_mut(id) else {
            return false;
        };
        match crate::pointer::make(resource, pointer) {
            Some(slot) => {
                *slot = value;
                true
            }
            None => false,
        }
    }

    /// Answers the next request with `failure` instead of serving it.
    pub fn fail_next(&self, failure: Failure) {
        self.shared.lock().queued.push_back(failure);
    }

    /// Waits this long before each answer.
    pub fn set_latency(&self, latency: Duration) {
        self.shared.lock().latency = latency;
    }

    /// Accepts only this `Authorization` header value from now on (any
    /// credentials of the right scheme are accepted until then).
    pub fn expect_authorization(&self, value: impl Into<String>) {
        self.shared.lock().credentials = Some(value.into());
    }
}

async fn accept(listener: TcpListener, shared: Arc<Shared>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let shared = shared.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| serve(shared.clone(), req));
            // A connection that breaks off is the client's business.
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

/// An answer before it is sent.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Option<Value>,
    pub(crate) retry_after: Option<u64>,
    pub(crate) broke: Option<String>,
}

impl Answer {
    pub(crate) fn ok(status: u16, body: Option<Value>) -> Answer {
        Answer {
            status,
            body,
            retry_after: None,
            broke: None,
        }
    }

    pub(crate) fn broke(table: &Table, status: u16, message: &str, rule: String) -> Answer {
        Answer {
            status,
            body: Some(error_body::body(table, message)),
            retry_after: None,
            broke: Some(rule),
        }
    }
}

async fn serve(
    shared: Arc<Shared>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let method = req.method().as_str().to_string();
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into());
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_string(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = match Limited::new(req.into_body(), MAX_BODY).collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => {
            return Ok(respond(Answer::ok(
                413,
                Some(json!({"error": "the body is too large"})),
            )));
        }
    };
    let latency = shared.lock().latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let answer = answer(&shared, &method, &path, &headers, &body);
    let recorded = Recorded {
        method,
        path,
        headers: redact_headers(&shared.table, headers),
        body: redact_body(&shared.table, &body),
        status: answer.status,
        broke: answer.broke.clone(),
    };
    if let Some(log) = &shared.log {
        log(&recorded);
    }
    shared.lock().recorded.push(recorded);
    Ok(respond(answer))
}

fn respond(answer: Answer) -> Response<Full<Bytes>> {
    let mut builder = Response::builder().status(answer.status);
    if let Some(s) = answer.retry_after {
        builder = builder.header("retry-after", s.to_string());
    }
    let body = match answer.body {
        Some(v) => {
            builder = builder.header("content-type", "application/json");
            Bytes::from(serde_json::to_vec(&v).unwrap_or_default())
        }
        None => Bytes::new(),
    };
    builder
        .body(Full::new(body))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
}

/// What the mock answers `method path`: a queued failure, the token
/// endpoint, a broken rule's documented error, or the updated resource.
pub(crate) fn answer(
    shared: &Shared,
    method: &str,
    path: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Answer {
    let table = &shared.table;
    if let Some(f) = shared.lock().queued.pop_front() {
        let message = f
            .message
            .unwrap_or_else(|| format!("A failure queued by the test ({}).", f.status));
        let mut a = Answer::broke(
            table,
            f.status,
            &message,
            "a failure queued by the test".into(),
        );
        a.retry_after = f.retry_after;
        if f.body.is_some() {
            a.body = f.body;
        }
        return a;
    }
    let path_only = path.split('?').next().unwrap_or(path);
    if method == "POST" && token_path(table).as_deref() == Some(path_only) {
        let mut inner = shared.lock();
        inner.tokens += 1;
        let token = format!("mock-token-{}", inner.tokens);
        return Answer::ok(
            200,
            Some(json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600})),
        );
    }
    let Some((route, params)) = table.find(method, path_only) else {
        return Answer::broke(
            table,
            404,
            "No operation is documented at this method and path.",
            format!("no operation at {method} {path_only}"),
        );
    };
    let expected = shared.lock().credentials.clone();
    if let Err(rule) = check_auth(table, expected.as_deref(), headers) {
        let (status, message) = error_body::unauthorized(route);
        return Answer::broke(table, status, &message, rule);
    }
    if let Some(missing) = missing_header(table, route, headers) {
        let message = format!("The `{missing}` header is required.");
        let (status, message) = error_body::for_fault(route, Fault::Missing, &message);
        return Answer::broke(
            table,
            status,
            &message,
            format!("required header `{missing}`"),
        );
    }
    let id = params.last().map(|(_, v)| v.clone()).unwrap_or_default();
    let update = match route.request.as_ref() {
        Some(request) => {
            match check_body(table, route, request, header(headers, "content-type"), body) {
                // A sensitive field (a password) is written, never held or
                // shown back.
                Ok(Body::Fields(mut fields)) => {
                    for f in request.fields.iter().filter(|f| f.sensitive) {
                        fields.remove(&f.wire);
                    }
                    Some(Body::Fields(fields))
                }
                Ok(b) => Some(b),
                Err(broken) => return broken,
            }
        }
        None => None,
    };
    let mut inner = shared.lock();
    let Some(held) = inner.store.get(&id) else {
        let (status, message) = error_body::not_found(route);
        return Answer::broke(table, status, &message, format!("unknown id `{id}`"));
    };
    // What the update would leave: what it changes is read from it, the
    // business rules are checked on it, and it is kept if they hold.
    let after = update.as_ref().map(|u| state::applied(held, u));
    match state::refusal(&route.operation, held, update.as_ref(), after.as_ref()) {
        Some(state::Refusal::Documented(status, message, rule)) => {
            return Answer::broke(table, status, &message, rule);
        }
        Some(state::Refusal::Patch(fault, rule)) => {
            let (status, message) = error_body::for_fault(route, fault, &rule);
            return Answer::broke(table, status, &message, rule);
        }
        None => {}
    }
    let resource = match after {
        Some(mut updated) => {
            // The docs' business rules hold for what would be kept, or
            // nothing is.
            if let Some((e, rule)) = route.operation.broken_business_rule(&updated) {
                let message = if e.message.is_empty() {
                    format!("The update breaks the rule `{}`.", rule.text)
                } else {
                    e.message.clone()
                };
                return Answer::broke(
                    table,
                    e.status,
                    &message,
                    format!("business rule: {}", rule.text),
                );
            }
            state::bump_versions(&route.operation, &mut updated);
            inner.store.put(id, updated.clone());
            updated
        }
        None => held.clone(),
    };
    Answer::ok(route.success, route.has_body.then_some(resource))
}
