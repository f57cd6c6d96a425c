//! Razorpay's client against its mock: updates round-trip and persist,
//! and every documented error the client can be made to break decodes
//! into the typed error with the docs' message.

use generated_client::razorpay::{Client, Credentials, Environment, Notes, UpdateOrderRequest};
use generated_client::runtime as rt;
use mock::{Failure, MockServer};
use serde_json::json;

const ORDER: &str = "order_DaaS6LOUAASb7Y";

fn client(server: &MockServer) -> Client {
    Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("rzp_test_key_id", "rzp_test_key_secret"),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

fn notes(pairs: &[(&str, &str)]) -> Notes {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .collect()
}

#[tokio::test]
async fn an_update_round_trips_and_the_next_one_shows_it() {
    let server = MockServer::start("razorpay").await.expect("starts");
    let client = client(&server);
    let first = client
        .update_order(ORDER, &UpdateOrderRequest::new(notes(&[("a", "1")])))
        .await
        .expect("a valid update");
    assert_eq!(first.id, ORDER);
    assert_eq!(
        first.notes.as_ref().map(|n| n["a"].clone()),
        Some(json!("1"))
    );
    // The docs' sample order, seeded from the spec's example.
    assert_eq!(first.amount, Some(2200));
    let second = client
        .update_order(ORDER, &UpdateOrderRequest::new(notes(&[("b", "2")])))
        .await
        .expect("a second update");
    // An object field is updated by its own keys: the first update's note
    // and the example's stay.
    let mut keys: Vec<String> = second
        .notes
        .map(|n| n.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    assert_eq!(keys, ["a", "b", "key1", "key2"]);
    assert_eq!(
        server.resource(ORDER).expect("held")["notes"]["b"],
        json!("2")
    );
    let recorded = server.requests();
    assert_eq!(recorded.len(), 2);
    assert_eq!(recorded[0].method, "PATCH");
    assert_eq!(recorded[0].path, format!("/v1/orders/{ORDER}"));
    assert!(recorded
        .iter()
        .all(|r| r.broke.is_none() && r.status == 200));
    let auth = recorded[0]
        .headers
        .iter()
        .find(|(k, _)| k == "authorization");
    assert_eq!(auth.map(|(_, v)| v.as_str()), Some("[redacted]"));
}

#[tokio::test]
async fn an_unknown_id_gets_the_documented_error() {
    let server = MockServer::start("razorpay").await.expect("starts");
    let err = client(&server)
        .update_order(
            "order_missing",
            &UpdateOrderRequest::new(notes(&[("a", "1")])),
        )
        .await
        .expect_err("not held");
    match &err {
        rt::Error::Api {
            status,
            body,
            message,
            ..
        } => {
            assert_eq!(*status, 400);
            assert_eq!(message.as_deref(), Some("The id provided does not exist"));
            let body = body.as_ref().expect("the typed error body");
            assert_eq!(
                body.error.description.as_deref(),
                Some("The id provided does not exist")
            );
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_rule_the_client_checks_first_is_checked_by_the_mock_too() {
    // The client refuses 16 notes before sending; a raw request that sends
    // them anyway gets the docs' status and message from the mock.
    let server = MockServer::start("razorpay").await.expect("starts");
    let many: serde_json::Map<String, serde_json::Value> =
        (0..16).map(|i| (format!("k{i}"), json!("v"))).collect();
    let response = reqwest::Client::new()
        .patch(format!("{}/v1/orders/{ORDER}", server.base_url()))
        .basic_auth("id", Some("secret"))
        .header("content-type", "application/json")
        .body(json!({"notes": many}).to_string())
        .send()
        .await
        .expect("answered");
    assert_eq!(response.status(), 400);
    let body: serde_json::Value =
        serde_json::from_slice(&response.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(
        body["error"]["description"],
        "Number of fields in notes should be less than or equal to 15."
    );
    let recorded = server.requests();
    assert_eq!(recorded[0].broke.as_deref(), Some("/notes max_entries"));
}

#[tokio::test]
async fn a_rejected_field_and_missing_credentials_are_refused() {
    let server = MockServer::start("razorpay").await.expect("starts");
    let http = reqwest::Client::new();
    let url = format!("{}/v1/orders/{ORDER}", server.base_url());
    let rejected = http
        .patch(&url)
        .basic_auth("id", Some("secret"))
        .header("content-type", "application/json")
        .body(r#"{"notes": {}, "amount": 100}"#)
        .send()
        .await
        .expect("answered");
    assert_eq!(rejected.status(), 400);
    let body: serde_json::Value =
        serde_json::from_slice(&rejected.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(
        body["error"]["description"],
        "amount is/are not required and should not be sent."
    );
    let anonymous = http
        .patch(&url)
        .header("content-type", "application/json")
        .body(r#"{"notes": {}}"#)
        .send()
        .await
        .expect("answered");
    // Razorpay documents a bad key as a 400 with its own message.
    assert_eq!(anonymous.status(), 400);
    let body: serde_json::Value =
        serde_json::from_slice(&anonymous.bytes().await.expect("a body")).expect("JSON");
    assert_eq!(
        body["error"]["description"],
        "The API <key/secret> provided is invalid."
    );
}

#[tokio::test]
async fn a_queued_429_is_retried_after_its_delay() {
    let server = MockServer::start("razorpay").await.expect("starts");
    server.fail_next(Failure::status(429).retry_after(0));
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("rzp_test_key_id", "rzp_test_key_secret"),
        &rt::ClientConfig::default().retry(rt::RetryPolicy::standard()),
    )
    .expect("a client");
    let order = client
        .update_order(ORDER, &UpdateOrderRequest::new(notes(&[("a", "1")])))
        .await
        .expect("served on the retry");
    assert_eq!(order.id, ORDER);
    let statuses: Vec<u16> = server.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [429, 200]);
}
