//! Square's generated client against a real HTTP server on loopback: the
//! reference's sample update sent byte for byte (Bearer auth, the
//! `Square-Version` header, a sparse order, `fields_to_clear`, the
//! idempotency key), its response decoded, the key generated per call and
//! resent by the retry, a stale `version` as a typed error a caller can
//! match on, and `null` to clear a field.

use std::time::Duration;

use generated_client::runtime as rt;
use generated_client::square::{
    Client, Credentials, Environment, ErrorCode, Money, Order, OrderLineItem, OrderState,
    UpdateOrderRequest,
};
use integration_tests::{example, header_values, only_request};
use serde_json::Value;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "EAAAl_test_token";

fn client(server: &MockServer) -> Client {
    let retry = rt::RetryPolicy::standard()
        .base_delay(Duration::from_millis(2))
        .max_delay(Duration::from_millis(5));
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new(TOKEN),
        &rt::ClientConfig::default().retry(retry),
    )
    .expect("a loopback client")
}

async fn respond(server: &MockServer, status: u16, body: &Value) {
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(serde_json::to_vec(body).expect("JSON"), "application/json"),
        )
        .mount(server)
        .await;
}

/// The reference's sample request, built through the typed API.
fn sample_request() -> UpdateOrderRequest {
    let cookie = OrderLineItem::new()
        .uid("cookie_uid")
        .quantity("2")
        .name("COOKIE")
        .base_price_money(Money::new().amount(200).currency("USD"));
    UpdateOrderRequest::new(Order::new().line_items(vec![cookie]).version(1))
        .fields_to_clear(vec!["discounts".into()])
        .idempotency_key("UNIQUE_STRING")
}

#[tokio::test]
async fn docs_sample_is_sent_byte_for_byte_and_its_response_decodes() {
    let sample = example("square", "update_order", "docs_sample");
    let server = MockServer::start().await;
    respond(&server, 200, &sample["response"]["body"]).await;
    let response = client(&server)
        .update_order("DREk7wJcyXNHqULq8JJ2iPAsluJZY", &sample_request())
        .await
        .expect("the sample response decodes");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PUT");
    assert_eq!(sent.url.path(), "/v2/orders/DREk7wJcyXNHqULq8JJ2iPAsluJZY");
    assert_eq!(
        header_values(&sent, "authorization"),
        [format!("Bearer {TOKEN}")]
    );
    assert_eq!(header_values(&sent, "square-version"), ["2025-08-20"]);
    assert_eq!(header_values(&sent, "content-type"), ["application/json"]);
    assert_eq!(
        String::from_utf8(sent.body.clone()).expect("UTF-8"),
        concat!(
            r#"{"order":{"line_items":[{"uid":"cookie_uid","name":"COOKIE","quantity":"2","#,
            r#""base_price_money":{"amount":200,"currency":"USD"}}],"version":1},"#,
            r#""fields_to_clear":["discounts"],"idempotency_key":"UNIQUE_STRING"}"#
        )
    );
    // The same document as the reference's sample.
    let body: Value = serde_json::from_slice(&sent.body).expect("JSON");
    assert_eq!(body, sample["request"]);

    // The order type is shared with the sparse order a request sends, so
    // its nullable fields are `rt::Patch`: `as_set()` reads a value.
    let order = response.order;
    assert_eq!(order.id.as_deref(), Some("DREk7wJcyXNHqULq8JJ2iPAsluJZY"));
    assert_eq!(order.version, Some(2));
    assert_eq!(order.state.as_set(), Some(&OrderState::Open));
    let total = order.total_money.as_ref().expect("total");
    assert_eq!(
        (
            total.amount.as_set(),
            total.currency.as_set().map(String::as_str)
        ),
        (Some(&900), Some("USD"))
    );
    let items = order.line_items.as_set().expect("line items");
    assert_eq!(items.len(), 2);
    assert_eq!(
        items[1].uid.as_set().map(String::as_str),
        Some("cookie_uid")
    );
    assert_eq!(
        items[1]
            .gross_sales_money
            .as_ref()
            .and_then(|m| m.amount.as_set()),
        Some(&400)
    );
}

#[tokio::test]
async fn a_generated_key_is_resent_by_the_retry_of_the_same_call() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let sample = example("square", "update_order", "docs_sample");
    respond(&server, 200, &sample["response"]["body"]).await;
    let request = UpdateOrderRequest::new(Order::new().version(1).state(OrderState::Canceled));
    client(&server)
        .update_order("o1", &request)
        .await
        .expect("the retry succeeds");
    let sent = server.received_requests().await.expect("recording");
    assert_eq!(
        sent.len(),
        2,
        "the 503 was retried although PUT is not retry_safe"
    );
    let key = |r: &wiremock::Request| {
        let v: Value = serde_json::from_slice(&r.body).expect("JSON");
        v["idempotency_key"].as_str().expect("a key").to_string()
    };
    assert_eq!(key(&sent[0]).len(), 36);
    assert_eq!(key(&sent[0]), key(&sent[1]));
}

#[tokio::test]
async fn a_stale_version_is_a_typed_version_mismatch() {
    let sample = example("square", "update_order", "version_mismatch");
    let server = MockServer::start().await;
    respond(&server, 400, &sample["response"]["body"]).await;
    let request = UpdateOrderRequest::new(Order::new().version(1).state(OrderState::Canceled))
        .idempotency_key("update-1");
    let err = client(&server)
        .update_order("AzlCrafSsgqjLxOJDfhGiqLOEyPZY", &request)
        .await
        .expect_err("a 400");
    let rt::Error::Api {
        status: 400,
        body: Some(body),
        ..
    } = &err
    else {
        panic!("expected a typed 400, got {err:?}");
    };
    // What a caller matches on to refetch the order and reapply.
    assert!(matches!(body.errors[0].code, ErrorCode::VersionMismatch));
    assert_eq!(body.errors[0].field.as_deref(), Some("order.version"));
    assert_eq!(
        err.to_string(),
        "square answered 400 (VERSION_MISMATCH): Supplied version 1 does not match the current version 7 of order AzlCrafSsgqjLxOJDfhGiqLOEyPZY."
    );
    // A 400 is not retried.
    assert_eq!(
        server.received_requests().await.expect("recording").len(),
        1
    );
}

#[tokio::test]
async fn documented_error_samples_decode_with_their_message() {
    let server = MockServer::start().await;
    for (name, shown) in [
        (
            "read_only_field",
            "square answered 400 (INVALID_VALUE): Read-only field is calculated and cannot be set by a client.",
        ),
        (
            "unauthorized",
            "square answered 401 (UNAUTHORIZED): This request could not be authorized.",
        ),
    ] {
        let sample = example("square", "update_order", name);
        let status = u16::try_from(sample["response"]["status"].as_u64().expect("status"))
            .expect("a status");
        server.reset().await;
        respond(&server, status, &sample["response"]["body"]).await;
        let err = client(&server)
            .update_order("o1", &UpdateOrderRequest::new(Order::new().version(3)))
            .await
            .expect_err("a documented failure");
        assert!(
            matches!(&err, rt::Error::Api { body: Some(_), .. }),
            "{name}: {err:?}"
        );
        assert_eq!(err.to_string(), shown, "{name}");
    }
}

#[test]
fn clear_setters_send_null_and_limits_are_checked_before_sending() {
    let request = UpdateOrderRequest::new(
        Order::new()
            .version(4)
            .clear_reference_id()
            .clear_metadata(),
    )
    .idempotency_key("k1");
    let body: Value =
        serde_json::from_slice(&request.body().expect("encodes").bytes).expect("JSON");
    assert_eq!(
        body,
        serde_json::json!({
            "order": {"reference_id": null, "metadata": null, "version": 4},
            "idempotency_key": "k1"
        })
    );
    // The reference's limits: `reference_id` at most 40 characters, the
    // idempotency key at most 192.
    let long = UpdateOrderRequest::new(Order::new().reference_id("r".repeat(41)))
        .idempotency_key("k".repeat(193));
    let paths: Vec<String> = long
        .validate()
        .expect_err("too long")
        .0
        .iter()
        .map(|v| v.path.to_string())
        .collect();
    assert_eq!(paths, ["/order/reference_id", "/idempotency_key"]);
}
