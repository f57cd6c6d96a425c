//! Updates a Juspay order's amount and billing city through the generated
//! client, against a local stand-in for the API (no credentials, no
//! network):
//!
//! ```text
//! cargo run -p generated-client --example juspay_update_order
//! ```
//!
//! The stand-in answers only the request the docs describe
//! (`POST /orders/{order_id}`, Basic auth with an empty password, the
//! `x-merchantid` header, a form body) with the docs' sample response, so a
//! request the client got wrong would fail here.

use std::str::FromStr;

use generated_client::juspay::{Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime as rt;
use serde_json::json;
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/orders/JPAYNEW035"))
        // base64("your_api_key:"): the password is empty.
        .and(header("authorization", "Basic eW91cl9hcGlfa2V5Og=="))
        .and(header("x-merchantid", "merchant_id"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("amount=90.00&billing_address_city=Bengaluru"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "customer_email": "test@gmail.com",
            "customer_phone": "98765432",
            "customer_id": "cst_wiqou3224",
            "status_id": 10,
            "status": "NEW",
            "id": "ordeh_4b9501d714624eretry677i",
            "merchant_id": "merchantId",
            "amount": 90,
            "currency": "SGD",
            "order_id": "JPAYNEW035",
            "date_created": "2021-09-10T09:24:06Z",
            "return_url": "https://api.juspay.in",
            "product_id": "",
            "payment_links": {
                "iframe": "https://api.juspay.in/merchant/ipay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59",
                "web": "https://api.juspay.in/merchant/pay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59",
                "mobile": "https://api.juspay.in/merchant/pay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59?mobile=true"
            },
            "udf1": "", "udf2": "", "udf3": "", "udf4": "", "udf5": "",
            "udf6": "", "udf7": "", "udf8": "", "udf9": "", "udf10": "",
            "refunded": false,
            "amount_refunded": 0,
            "effective_amount": 3,
            "offers": []
        })))
        .expect(1)
        .mount(&server)
        .await;

    // Against the real API: `Environment::Production`, your API key and
    // merchant id.
    let client = Client::new(
        &Environment::Custom(server.uri()),
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
