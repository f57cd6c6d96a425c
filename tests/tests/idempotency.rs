//! Idempotency keys (`idempotency:` in a spec), through the language
//! fixture's client on loopback: a key per logical call, generated when the
//! caller gives none, sent again by every retry of the call, in a header or
//! in a body field; the operation is retried although its spec says a bare
//! repeat is unsafe.

use std::time::Duration;

use generated_client::runtime as rt;
use integration_tests::shop;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> shop::Client {
    let retry = rt::RetryPolicy::standard()
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(5));
    shop::Client::new(
        &shop::Environment::Custom(server.uri()),
        &shop::Credentials::bearer("sk_test"),
        &rt::ClientConfig::default().retry(retry),
    )
    .expect("a loopback client")
}

/// A 503 first, then the order.
async fn fail_once_then_answer(server: &MockServer) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(br#"{"id":"o1"}"#.to_vec(), "application/json"),
        )
        .mount(server)
        .await;
}

async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.expect("recording")
}

fn header(r: &Request, name: &str) -> String {
    let values: Vec<_> = r.headers.get_all(name).iter().collect();
    assert_eq!(values.len(), 1, "one {name} header");
    values[0].to_str().expect("ASCII").to_string()
}

fn body_key(r: &Request) -> String {
    let body: serde_json::Value = serde_json::from_slice(&r.body).expect("JSON");
    body["idempotency_key"].as_str().expect("a key").to_string()
}

fn is_uuid(key: &str) -> bool {
    key.len() == 36 && key.chars().filter(|c| *c == '-').count() == 4
}

#[tokio::test]
async fn a_header_key_is_generated_per_call_and_reused_by_its_retry() {
    let server = MockServer::start().await;
    fail_once_then_answer(&server).await;
    let client = client(&server);
    let request = shop::UpdateCartRequest::new().expand(vec!["items".into()]);
    client
        .update_cart("c1", &request)
        .await
        .expect("the retry succeeds");
    let sent = received(&server).await;
    assert_eq!(sent.len(), 2, "the 503 was retried");
    let first = header(&sent[0], "idempotency-key");
    assert!(is_uuid(&first), "{first}");
    assert_eq!(header(&sent[1], "idempotency-key"), first);
    assert_eq!(sent[0].body, sent[1].body);

    // The next call is another logical call: another key.
    client.update_cart("c1", &request).await.expect("200");
    let sent = received(&server).await;
    assert_eq!(sent.len(), 3);
    assert_ne!(header(&sent[2], "idempotency-key"), first);
}

#[tokio::test]
async fn the_callers_header_key_is_sent_as_given() {
    let server = MockServer::start().await;
    fail_once_then_answer(&server).await;
    let request = shop::UpdateCartRequest::new().idempotency_key("cart-c1-attempt-7");
    client(&server)
        .update_cart("c1", &request)
        .await
        .expect("the retry succeeds");
    let sent = received(&server).await;
    let keys: Vec<String> = sent.iter().map(|r| header(r, "idempotency-key")).collect();
    assert_eq!(keys, ["cart-c1-attempt-7", "cart-c1-attempt-7"]);
}

#[tokio::test]
async fn a_body_key_is_generated_per_call_and_reused_by_its_retry() {
    let server = MockServer::start().await;
    fail_once_then_answer(&server).await;
    let amount: rt::Decimal = "10.50".parse().expect("decimal");
    let client = client(&server);
    client
        .capture_order("o1", &shop::CaptureOrderRequest::new(amount))
        .await
        .expect("the retry succeeds");
    let sent = received(&server).await;
    assert_eq!(sent.len(), 2, "the 503 was retried");
    let key = body_key(&sent[0]);
    assert!(is_uuid(&key), "{key}");
    assert_eq!(body_key(&sent[1]), key);
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        format!(r#"{{"amount":10.50,"idempotency_key":"{key}"}}"#)
    );

    // The caller's key is sent as given.
    let request = shop::CaptureOrderRequest::new(amount).idempotency_key("capture-o1");
    client.capture_order("o1", &request).await.expect("200");
    let sent = received(&server).await;
    assert_eq!(body_key(&sent[2]), "capture-o1");
}

#[test]
fn building_the_request_gives_it_a_key_and_the_docs_say_it_is_safe_to_retry() {
    let client = shop::Client::new(
        &shop::Environment::Custom("https://api.shop.test".into()),
        &shop::Credentials::bearer("sk_test"),
        &rt::ClientConfig::default(),
    )
    .expect("client");
    let request = shop::UpdateCartRequest::new();
    let a = client.update_cart_request("c1", &request).expect("request");
    let b = client.update_cart_request("c1", &request).expect("request");
    let (ka, kb) = (
        a.header("idempotency-key").expect("a key"),
        b.header("idempotency-key").expect("a key"),
    );
    assert!(is_uuid(ka) && is_uuid(kb) && ka != kb, "{ka} {kb}");
    assert!(a.operation.retry_safe, "a keyed operation is safe to retry");
    // A key over the spec's limit is refused before sending.
    let long = shop::CaptureOrderRequest::new("1".parse().expect("decimal"))
        .idempotency_key("k".repeat(193));
    let err = client
        .capture_order_request("o1", &long)
        .expect_err("too long");
    assert!(err.violations().is_some(), "{err}");
}
