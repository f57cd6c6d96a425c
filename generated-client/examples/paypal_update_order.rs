//! Updates a PayPal order through the generated client, against a local
//! stand-in for the API (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example paypal_update_order
//! ```
//!
//! The stand-in answers only what the reference describes: the token
//! exchange (`POST /v1/oauth2/token`, the client ID and secret as HTTP
//! Basic, `grant_type=client_credentials`), then `PATCH
//! /v2/checkout/orders/{id}` with the access token and a JSON Patch body,
//! answered `204 No Content`; a patch on an unknown purchase unit gets
//! PayPal's `REFERENCE_ID_NOT_FOUND`, which the client hands back typed.

use generated_client::paypal::{
    AmountWithBreakdown, Client, Credentials, Environment, ShippingAddress, UpdateOrderPatch,
    UpdateOrderRequest,
};
use generated_client::runtime as rt;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORDER_ID: &str = "5O190127TN364715T";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        // base64("CLIENT_ID:CLIENT_SECRET")
        .and(header(
            "authorization",
            "Basic Q0xJRU5UX0lEOkNMSUVOVF9TRUNSRVQ=",
        ))
        .and(body_string("grant_type=client_credentials"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "scope": "https://uri.paypal.com/services/payments/payment",
            "access_token": "A21AAFEpH4PsADK7qSS7pSRsgzfENtu",
            "token_type": "Bearer",
            "app_id": "APP-80W284485P519543T",
            "expires_in": 31349,
            "nonce": "2020-04-03T15:35:36ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("/v2/checkout/orders/{ORDER_ID}")))
        .and(header(
            "authorization",
            "Bearer A21AAFEpH4PsADK7qSS7pSRsgzfENtu",
        ))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(204))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(422).set_body_json(json!({
            "name": "UNPROCESSABLE_ENTITY",
            "details": [{
                "field": "path",
                "value": "/purchase_units/@reference_id=='PUHX'/invoice_id",
                "location": "body",
                "issue": "REFERENCE_ID_NOT_FOUND",
                "description": "Filter expression value is incorrect. Please check the value of the reference_id and try again."
            }],
            "message": "The requested action could not be performed, semantically incorrect, or failed business validation.",
            "debug_id": "b2f0a2d9c6a1e"
        })))
        .mount(&server)
        .await;

    // Against the real API: `Environment::Live` (or `Sandbox`) and your
    // REST app's client ID and secret. The client fetches the access token,
    // reuses it until shortly before it expires, and fetches a new one on a
    // 401.
    let client = Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new("CLIENT_ID", "CLIENT_SECRET"),
        &rt::ClientConfig::default(),
    )?;

    // Only the documented (operation, path) pairs can be built, each with
    // its value's type: a new shipping address and a new amount for the
    // purchase unit `PUHF`, and its invoice id removed.
    let address = ShippingAddress::new("US")
        .address_line_1("2211 N First Street")
        .address_line_2("Building 17")
        .admin_area_2("San Jose")
        .admin_area_1("CA")
        .postal_code("95131");
    let request = UpdateOrderRequest::new(
        UpdateOrderPatch::replace_purchase_unit_shipping_address("PUHF", address),
    )
    .patch(UpdateOrderPatch::replace_purchase_unit_amount(
        "PUHF",
        AmountWithBreakdown::new("USD", "120.00".parse::<rt::Decimal>()?),
    ))
    .patch(UpdateOrderPatch::remove_purchase_unit_invoice_id("PUHF"));

    // What will be sent: the token is added when the call is sent.
    println!("{:#?}", client.update_order_request(ORDER_ID, &request)?);

    client.update_order(ORDER_ID, &request).await?;
    println!("order {ORDER_ID} updated");

    // A purchase unit the order does not have: PayPal's typed error.
    let unknown = UpdateOrderRequest::new(UpdateOrderPatch::add_purchase_unit_invoice_id(
        "PUHX",
        "INV-2024-001",
    ));
    match client.update_order(ORDER_ID, &unknown).await {
        Err(e @ rt::Error::Api { .. }) => println!("refused: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    Ok(())
}
