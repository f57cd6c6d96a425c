//! Updates a Commerce Layer order through the generated client, against a
//! local stand-in for the API (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example commercelayer_update_order
//! ```
//!
//! The stand-in answers only the request the docs describe
//! (`PATCH /api/orders/{id}`, a Bearer token, JSON:API `Accept` and
//! `Content-Type`, a JSON:API document) with a JSON:API response, and then
//! a JSON:API error document, so a request the client got wrong would fail
//! here.

use generated_client::commercelayer::{Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime as rt;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/api/orders/xYZkjABcde"))
        .and(header("authorization", "Bearer your-access-token"))
        .and(header("accept", "application/vnd.api+json"))
        .and(header("content-type", "application/vnd.api+json"))
        .and(body_json(json!({
            "data": {
                "type": "orders",
                "id": "xYZkjABcde",
                "attributes": {
                    "customer_email": "john@example.com",
                    "language_code": "it",
                    "coupon_code": "SUMMERDISCOUNT"
                },
                "relationships": {
                    "market": {"data": {"type": "markets", "id": "QWERtyUpBa"}}
                }
            }
        })))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(
                json!({
                    "data": {
                        "id": "xYZkjABcde",
                        "type": "orders",
                        "links": {"self": "https://yourdomain.commercelayer.io/api/orders/xYZkjABcde"},
                        "attributes": {
                            "number": 1234,
                            "status": "draft",
                            "payment_status": "unpaid",
                            "fulfillment_status": "unfulfilled",
                            "customer_email": "john@example.com",
                            "language_code": "it",
                            "currency_code": "EUR",
                            "coupon_code": "SUMMERDISCOUNT",
                            "total_amount_cents": "5700",
                            "total_amount_float": "57.0",
                            "formatted_total_amount": "€57,00",
                            "token": "1c0994cc4e996e8c6ee56a2198f66f3c"
                        },
                        "meta": {"mode": "test"}
                    }
                })
                .to_string(),
                "application/vnd.api+json",
            ),
        )
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(
            ResponseTemplate::new(422).set_body_raw(
                json!({"errors": [{
                    "title": "is invalid",
                    "detail": "coupon_code - is invalid",
                    "code": "VALIDATION_ERROR",
                    "status": "422",
                    "source": {"pointer": "/data/attributes/coupon_code"}
                }]})
                .to_string(),
                "application/vnd.api+json",
            ),
        )
        .mount(&server)
        .await;

    // Against the real API:
    // `Environment::Production { subdomain: "yourdomain".into() }` and an
    // access token.
    let client = Client::new(
        &Environment::Custom(server.uri()),
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

    // The same call again meets a JSON:API error document.
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
