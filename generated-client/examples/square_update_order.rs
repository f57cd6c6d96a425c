//! Updates a Square order through the generated client, against the
//! provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example square_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use generated_client::runtime as rt;
use generated_client::square::{
    Client, Credentials, Environment, ErrorCode, Money, Order, OrderLineItem, UpdateOrderRequest,
};
use serde_json::json;

const ORDER_ID: &str = "DREk7wJcyXNHqULq8JJ2iPAsluJZY";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and answers with the order it holds, seeded from the
    // docs' sample. A request the client got wrong would be refused.
    let server = mock::MockServer::start("square").await?;

    // Against the real API: `Environment::Production` (or `Sandbox`) and
    // your access token.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
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

    // Another client updated the order meanwhile: the next call's version
    // is stale, a typed VERSION_MISMATCH (the spec's example, queued).
    server.fail_next(mock::Failure::with_body(
        400,
        json!({"errors": [{
            "code": "VERSION_MISMATCH",
            "detail": "Supplied version 1 does not match the current version 2 of order DREk7wJcyXNHqULq8JJ2iPAsluJZY.",
            "field": "order.version",
            "category": "INVALID_REQUEST_ERROR"
        }]}),
    ));
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
