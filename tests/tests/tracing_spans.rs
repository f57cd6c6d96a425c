//! Every call is a `tracing` span with provider, operation, method, status,
//! attempts and latency, and nothing secret: not the credentials, not the
//! Authorization header, not a sensitive field of the body.

use std::io::Write;
use std::sync::{Arc, Mutex};

use generated_client::commercelayer::{Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime::ClientConfig;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn calls_are_traced_without_secrets() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(422).set_body_raw(
            r#"{"errors":[{"code":"VALIDATION_ERROR","title":"is invalid","status":"422"}]}"#,
            "application/vnd.api+json",
        ))
        .mount(&server)
        .await;
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || sink.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let client = Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::bearer("cl-bearer-token-secret"),
        &ClientConfig::default(),
    )
    .expect("client");
    let request = UpdateOrderRequest::new()
        .market("QWERtyUpBa")
        .customer_password("hunter2-password-secret");
    let err = client
        .update_order("xYZkjABcde", &request)
        .await
        .expect_err("422");
    assert_eq!(err.status(), Some(422));

    let log = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(log.contains("api_call"), "{log}");
    for expected in [
        "provider=\"commercelayer\"",
        "operation=\"update_order\"",
        "method=\"PATCH\"",
        "status=422",
        "attempts=1",
        "latency_ms=",
    ] {
        assert!(log.contains(expected), "missing {expected} in {log}");
    }
    for secret in [
        "cl-bearer-token-secret",
        "hunter2-password-secret",
        "Bearer",
    ] {
        assert!(!log.contains(secret), "{secret} leaked into the log: {log}");
    }
}
