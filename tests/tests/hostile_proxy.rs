//! `HTTP_PROXY` in the environment must not send requests (and their
//! credentials) through a proxy unless the caller asks. One test in its
//! own binary, since it sets process environment variables.

use std::time::Duration;

use generated_client::razorpay;
use generated_client::runtime as rt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A "proxy" that records the first request line it receives and answers
/// a razorpay order.
async fn recording_proxy() -> (String, tokio::sync::oneshot::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let (tx, rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let Ok((mut stream, _)) = listener.accept().await else {
            return;
        };
        let mut buf = vec![0u8; 65536];
        let n = stream.read(&mut buf).await.unwrap_or(0);
        let head = String::from_utf8_lossy(&buf[..n]).into_owned();
        let body = br#"{"id":"order_1"}"#;
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(answer.as_bytes()).await;
        let _ = stream.write_all(body).await;
        let _ = tx.send(head.lines().next().unwrap_or_default().to_string());
    });
    (format!("http://{addr}"), rx)
}

fn client(base: &str, proxy: rt::Proxy) -> razorpay::Client {
    razorpay::Client::new(
        &razorpay::Environment::Custom(base.to_string()),
        &razorpay::Credentials::new("rzp_KEY", "rzp_SECRET"),
        &rt::ClientConfig::default()
            .request_timeout(Duration::from_secs(5))
            .proxy(proxy),
    )
    .expect("client")
}

fn notes() -> razorpay::UpdateOrderRequest {
    let mut notes = razorpay::Notes::new();
    notes.insert("k".into(), json!("v"));
    razorpay::UpdateOrderRequest::new(notes)
}

#[tokio::test]
async fn proxies_from_the_environment_are_used_only_when_asked() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(br#"{"id":"order_1"}"#.to_vec(), "application/json"),
        )
        .mount(&server)
        .await;

    // The environment names a proxy; the default client goes direct.
    let (proxy, mut seen) = recording_proxy().await;
    for var in ["HTTP_PROXY", "http_proxy", "ALL_PROXY"] {
        std::env::set_var(var, &proxy);
    }
    for var in ["NO_PROXY", "no_proxy"] {
        std::env::remove_var(var);
    }
    assert_eq!(rt::ClientConfig::default().proxy, rt::Proxy::None);
    client(&server.uri(), rt::Proxy::None)
        .update_order("order_1", &notes())
        .await
        .expect("direct");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    assert!(seen.try_recv().is_err(), "the proxy saw the request");

    // Asked for: the environment's proxy carries it.
    client(&server.uri(), rt::Proxy::FromEnvironment)
        .update_order("order_1", &notes())
        .await
        .expect("through the proxy");
    let line = seen.await.expect("the proxy saw it");
    assert!(line.starts_with("PATCH http://127.0.0.1:"), "{line}");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);

    // An explicit proxy, credentials in its URL: used, and never shown.
    let (proxy, seen) = recording_proxy().await;
    let with_password = proxy.replace("http://", "http://user:proxy_PW_1@");
    let explicit = rt::ClientConfig::default().proxy(rt::Proxy::Url(with_password.as_str().into()));
    assert!(!format!("{explicit:?}").contains("proxy_PW_1"));
    client(&server.uri(), rt::Proxy::Url(with_password.as_str().into()))
        .update_order("order_1", &notes())
        .await
        .expect("through the explicit proxy");
    assert!(seen.await.expect("seen").starts_with("PATCH http://"));
}
