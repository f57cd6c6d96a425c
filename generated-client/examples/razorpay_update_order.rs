//! Updates a Razorpay order's notes through the generated client, against a
//! local stand-in for the API (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example razorpay_update_order
//! ```
//!
//! The stand-in answers only the request the docs describe
//! (`PATCH /v1/orders/{id}`, Basic auth, the JSON body) with the docs'
//! sample response, so a request the client got wrong would fail here.

use generated_client::razorpay::{Client, Credentials, Environment, Notes, UpdateOrderRequest};
use generated_client::runtime as rt;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v1/orders/order_DaaS6LOUAASb7Y"))
        // base64("rzp_test_key_id:rzp_test_key_secret")
        .and(header(
            "authorization",
            "Basic cnpwX3Rlc3Rfa2V5X2lkOnJ6cF90ZXN0X2tleV9zZWNyZXQ=",
        ))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"notes": {"key1": "value3", "key2": "value2"}}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "order_DaaS6LOUAASb7Y",
            "entity": "order",
            "amount": 2200,
            "amount_paid": 0,
            "amount_due": 2200,
            "currency": "",
            "receipt": "Receipt #211",
            "offer_id": null,
            "status": "attempted",
            "attempts": 1,
            "notes": {"key1": "value3", "key2": "value2"},
            "created_at": 1572505143
        })))
        .expect(1)
        .mount(&server)
        .await;

    // Against the real API: `Environment::Production` and your own keys.
    let client = Client::new(
        &Environment::Custom(server.uri()),
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
