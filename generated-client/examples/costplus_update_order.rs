//! Updates a CostPlus order through the generated client, against the
//! provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example costplus_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use generated_client::costplus::{Client, Credentials, Environment, Locale, UpdateOrderRequest};
use generated_client::runtime as rt;

const ORDER_ID: &str = "4851e31c-4137-4e91-95ef-1df945ee76a2";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and answers with the order it holds, seeded from the
    // docs' sample. A request the client got wrong would be refused.
    let server = mock::MockServer::start("costplus").await?;

    // Against the real API: `Environment::Production` and your API key.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("YOUR_API_KEY"),
        &rt::ClientConfig::default(),
    )?;

    // `currency` and `amount` are required; `clear_*` sends `null`.
    let request = UpdateOrderRequest::new("EUR", 1000)
        .description("Updated description")
        .locale(Locale::NlNl)
        .clear_return_url();

    // What will be sent (credentials redacted).
    println!("{:#?}", client.update_order_request(ORDER_ID, &request)?);

    let order = client.update_order(ORDER_ID, &request).await?;
    println!("{order:#?}");
    println!(
        "order {} is {}: {} {} ({})",
        order.id,
        order.status.as_deref().unwrap_or("?"),
        order.amount.unwrap_or_default(),
        order.currency.as_deref().unwrap_or("?"),
        order.description.as_deref().unwrap_or(""),
    );

    // The documented 401, queued: the mock takes any key until a test
    // says which one it expects.
    server.fail_next(mock::Failure::documented(401, "Invalid or missing API key"));
    match client.update_order(ORDER_ID, &request).await {
        Err(rt::Error::Api { status, body, .. }) => {
            println!("failed with {status}, body: {body:?}")
        }
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
