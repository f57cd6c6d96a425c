//! Updates a Razorpay order's notes through the generated client, against the
//! provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example razorpay_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use generated_client::razorpay::{Client, Credentials, Environment, Notes, UpdateOrderRequest};
use generated_client::runtime as rt;
use serde_json::json;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and answers with the order it holds, seeded from the
    // docs' sample. A request the client got wrong would be refused.
    let server = mock::MockServer::start("razorpay").await?;

    // Against the real API: `Environment::Production` and your own keys.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("rzp_test_key_id", "rzp_test_key_secret"),
        &rt::ClientConfig::default(),
    )?;

    let mut notes = Notes::new();
    notes.insert("key1".into(), json!("value3"));
    notes.insert("key2".into(), json!("value2"));
    let request = UpdateOrderRequest::new(notes);

    // What will be sent (credentials redacted).
    println!(
        "{:#?}",
        client.update_order_request("order_DaaS6LOUAASb7Y", &request)?
    );

    let order = client
        .update_order("order_DaaS6LOUAASb7Y", &request)
        .await?;
    println!("{order:#?}");
    println!(
        "order {} is {}, {} of {} paid",
        order.id,
        order.status.as_ref().map_or("unknown", |s| s.as_str()),
        order.amount_paid.unwrap_or_default(),
        order.amount.unwrap_or_default(),
    );

    // Requests that break the docs' limits are refused before sending.
    let mut too_many = Notes::new();
    for i in 0..16 {
        too_many.insert(format!("key{i}"), json!("value"));
    }
    match client
        .update_order("order_DaaS6LOUAASb7Y", &UpdateOrderRequest::new(too_many))
        .await
    {
        Err(rt::Error::Validation(errors)) => println!("not sent: {errors}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
