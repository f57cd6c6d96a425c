//! Updates a PayPal order through the generated client, against the
//! provider's mock (no credentials, no network):
//!
//! ```text
//! cargo run -p generated-client --example paypal_update_order
//! ```
//!
//! The mock (this repository's `mock` crate) serves the operation on
//! loopback from the same spec, checks each request the way the docs
//! describe, and keeps the order it updates.

use generated_client::paypal::{
    AmountWithBreakdown, Client, Credentials, Environment, ShippingAddress, UpdateOrderPatch,
    UpdateOrderRequest,
};
use generated_client::runtime as rt;

const ORDER_ID: &str = "5O190127TN364715T";

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The provider's mock, from the same spec: it checks each request as
    // the docs describe (method, path, credentials, body encoding, every
    // constraint) and applies each patch to the order it holds. A request
    // the client got wrong would be refused. The order it holds here: one
    // purchase unit, `PUHF`.
    let server = mock::MockServer::start("paypal").await?;
    server.seed(
        ORDER_ID,
        serde_json::json!({
            "id": ORDER_ID,
            "intent": "CAPTURE",
            "status": "CREATED",
            "purchase_units": [{
                "reference_id": "PUHF",
                "invoice_id": "INV-2024-000",
                "amount": {"currency_code": "USD", "value": "100.00"},
                "shipping": {"address": {"country_code": "US"}}
            }]
        }),
    );

    // Against the real API: `Environment::Live` (or `Sandbox`) and your
    // REST app's client ID and secret. The client fetches the access token,
    // reuses it until shortly before it expires, and fetches a new one on a
    // 401.
    let client = Client::new(
        &Environment::Custom(server.base_url()),
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

    // A purchase unit the order does not have: PayPal's documented
    // REFERENCE_ID_NOT_FOUND, as a typed error.
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
