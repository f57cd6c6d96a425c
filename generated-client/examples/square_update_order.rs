//! Updates a Square order through the generated client, against a local
//! stand-in for the API (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example square_update_order
//! ```
//!
//! The stand-in answers only the request the reference describes
//! (`PUT /v2/orders/{order_id}`, Bearer auth, `Square-Version`, a sparse
//! order with its `version`, an idempotency key) and then, for the same
//! version sent again, Square's `VERSION_MISMATCH`, which the client hands
//! back typed.

use generated_client::runtime as rt;
use generated_client::square::{
    Client, Credentials, Environment, ErrorCode, Money, Order, OrderLineItem, UpdateOrderRequest,
};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORDER_ID: &str = "DREk7wJcyXNHqULq8JJ2iPAsluJZY";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/v2/orders/{ORDER_ID}")))
        .and(header("authorization", "Bearer YOUR_ACCESS_TOKEN"))
        .and(header("square-version", "2025-08-20"))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "order": {
                "id": ORDER_ID,
                "location_id": "MXVQSVNDGN3C8",
                "version": 2,
                "state": "OPEN",
                "line_items": [{
                    "uid": "cookie_uid", "name": "COOKIE", "quantity": "2",
                    "base_price_money": {"amount": 200, "currency": "USD"},
                    "total_money": {"amount": 400, "currency": "USD"}
                }],
                "total_money": {"amount": 400, "currency": "USD"}
            }
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "errors": [{
                "code": "VERSION_MISMATCH",
                "detail": "Supplied version 1 does not match the current version 2 of order DREk7wJcyXNHqULq8JJ2iPAsluJZY.",
                "field": "order.version",
                "category": "INVALID_REQUEST_ERROR"
            }]
        })))
        .mount(&server)
        .await;

    // Against the real API: `Environment::Production` (or `Sandbox`) and
    // your access token.
    let client = Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new("YOUR_ACCESS_TOKEN"),
        &rt::ClientConfig::default().retry(rt::RetryPolicy::standard()),
    )?;

    // A sparse order: only what changes, and the version it applies to.
    let cookie = OrderLineItem::new()
        .uid("cookie_uid")
        .name("COOKIE")
        .quantity("2")
        .base_price_money(Money::new().amount(200).currency("USD"));
    let request = UpdateOrderRequest::new(Order::new().version(1).line_items(vec![cookie]))
        .fields_to_clear(vec!["discounts".into()]);

    // What will be sent (credentials redacted): the client added an
    // idempotency key, which every retry of this call resends.
    println!("{:#?}", client.update_order_request(ORDER_ID, &request)?);

    let updated = client.update_order(ORDER_ID, &request).await?;
    println!(
        "order {} is now at version {}",
        updated.order.id.as_deref().unwrap_or("?"),
        updated.order.version.unwrap_or_default()
    );

    // The same version again is stale: a typed VERSION_MISMATCH.
    match client.update_order(ORDER_ID, &request).await {
        Err(rt::Error::Api {
            body: Some(body), ..
        }) if body
            .errors
            .first()
            .is_some_and(|e| matches!(e.code, ErrorCode::VersionMismatch)) =>
        {
            println!("stale version: retrieve the order and apply the change again")
        }
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
