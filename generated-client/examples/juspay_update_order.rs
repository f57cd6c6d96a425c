//! Updates a Juspay order's amount and billing city through the generated
//! client, against the provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example juspay_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use std::str::FromStr;

use generated_client::juspay::{Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime as rt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and answers with the order it holds, seeded from the
    // docs' sample. A request the client got wrong would be refused.
    let server = mock::MockServer::start("juspay").await?;

    // Against the real API: `Environment::Production`, your API key and
    // merchant id.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("your_api_key"),
        "merchant_id",
        &rt::ClientConfig::default(),
    )?;

    let request =
        UpdateOrderRequest::new(rt::Decimal::from_str("90.00")?).billing_address_city("Bengaluru");

    // What will be sent (credentials redacted).
    println!(
        "{:#?}",
        client.update_order_request("JPAYNEW035", &request)?
    );

    // The update is not safe to retry (the docs warn of amount mismatches),
    // so the client never retries it unless told to with
    // `RetryPolicy::retry_unsafe(true)`.
    let order = client.update_order("JPAYNEW035", &request).await?;
    println!("{order:#?}");
    println!(
        "order {} ({}) is {}, amount {} {}",
        order.order_id,
        order.id,
        order.status,
        order.amount.unwrap_or_default(),
        order.currency.as_deref().unwrap_or("?"),
    );
    if let Some(web) = order.payment_links.and_then(|l| l.web) {
        println!("pay at {web}");
    }
    Ok(())
}
