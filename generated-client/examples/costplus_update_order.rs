//! Updates a CostPlus order through the generated client, against a local
//! stand-in for the API (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example costplus_update_order
//! ```
//!
//! The stand-in answers only the request the docs describe
//! (`PUT /v1/orders/{id}/`, trailing slash included, Basic auth with an
//! empty password, the JSON body) and then a documented 401, so a request
//! the client got wrong would fail here.

use generated_client::costplus::{Client, Credentials, Environment, Locale, UpdateOrderRequest};
use generated_client::runtime as rt;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORDER_ID: &str = "4851e31c-4137-4e91-95ef-1df945ee76a2";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(format!("/v1/orders/{ORDER_ID}/")))
        // base64("YOUR_API_KEY:"): the password is empty.
        .and(header("authorization", "Basic WU9VUl9BUElfS0VZOg=="))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "currency": "EUR",
            "amount": 1000,
            "description": "Updated description",
            "locale": "nl-NL",
            "return_url": null
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": ORDER_ID,
            "currency": "EUR",
            "amount": 1000,
            "description": "Updated description",
            "status": "new",
            "locale": "nl-NL",
            "return_url": null,
            "created": "2024-05-01T10:00:00.000000+00:00",
            "modified": "2024-05-02T11:30:00.000000+00:00"
        })))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    // The page documents 401 and 403 without a body.
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;

    // Against the real API: `Environment::Production` and your API key.
    let client = Client::new(
        &Environment::Custom(server.uri()),
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

    // The same call again meets the documented 401.
    match client.update_order(ORDER_ID, &request).await {
        Err(rt::Error::Api { status, body, .. }) => {
            println!("failed with {status}, body: {body:?}")
        }
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
