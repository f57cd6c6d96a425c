//! Updates a Commerce Layer order through the generated client, against the
//! provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example commercelayer_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use generated_client::commercelayer::{Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime as rt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and answers with the order it holds, seeded from the
    // docs' sample. A request the client got wrong would be refused.
    let server = mock::MockServer::start("commercelayer").await?;

    // Against the real API:
    // `Environment::Production { subdomain: "yourdomain".into() }` and an
    // access token.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::bearer("your-access-token"),
        &rt::ClientConfig::default(),
    )?;

    // The docs make the market relationship required on every update.
    let request = UpdateOrderRequest::new()
        .market("QWERtyUpBa")
        .customer_email("john@example.com")
        .language_code("it")
        .coupon_code("SUMMERDISCOUNT");

    // What will be sent (credentials redacted).
    println!(
        "{:#?}",
        client.update_order_request("xYZkjABcde", &request)?
    );

    let document = client.update_order("xYZkjABcde", &request).await?;
    println!("{document:#?}");
    let attributes = document.data.attributes.unwrap_or_default();
    println!(
        "order {} ({}) is {}, total {}",
        document.data.id,
        attributes.number.as_deref().unwrap_or("?"),
        attributes.status.as_ref().map_or("unknown", |s| s.as_str()),
        attributes.formatted_total_amount.as_deref().unwrap_or("?"),
    );

    // A documented failure, queued: a JSON:API error document.
    server.fail_next(mock::Failure::documented(422, "Unprocessable entity"));
    match client.update_order("xYZkjABcde", &request).await {
        Err(rt::Error::Api {
            status,
            body: Some(errors),
            ..
        }) => {
            for e in &errors.errors {
                println!(
                    "failed with {status}: {} at {}",
                    e.detail.as_deref().unwrap_or("?"),
                    e.source
                        .as_ref()
                        .and_then(|s| s.pointer.as_deref())
                        .unwrap_or("?")
                );
            }
        }
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
