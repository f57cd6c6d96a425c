//! PayPal's generated client against a real HTTP server on loopback: the
//! token exchange exactly as PayPal documents it (client ID and secret as
//! HTTP Basic, `grant_type=client_credentials`), one token for many
//! calls, a new one when it expires and once after a 401, the reference's
//! JSON Patch sample sent byte for byte, placeholders escaped, values and
//! placeholders checked before sending, and PayPal's error body typed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use generated_client::paypal::{
    AmountWithBreakdown, CheckoutPaymentIntent, Client, Credentials, Environment, ErrorBody,
    ShippingAddress, UpdateOrderPatch, UpdateOrderRequest,
};
use generated_client::runtime as rt;
use integration_tests::example;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ID: &str = "AcmeClientId-4f1c";
const SECRET: &str = "EHzSecret-9b2d";
const ORDER: &str = "5O190127TN364715T";

fn client(server: &MockServer) -> Client {
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new(ID, SECRET),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

/// PayPal's token endpoint: hands out `A21-1`, `A21-2`, … valid for
/// `expires_in` seconds, in the documented response shape.
struct TokenEndpoint {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(json!({
            "scope": "https://uri.paypal.com/services/payments/payment",
            "access_token": format!("A21-{n}"),
            "token_type": "Bearer",
            "app_id": "APP-80W284485P519543T",
            "expires_in": self.expires_in,
            "nonce": "2020-04-03T15:35:36ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg"
        }))
    }
}

async fn token_endpoint(server: &MockServer, expires_in: u64) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/v1/oauth2/token"))
        .respond_with(TokenEndpoint {
            issued: issued.clone(),
            expires_in,
        })
        .mount(server)
        .await;
    issued
}

async fn orders_answer(server: &MockServer, status: u16, body: Option<&Value>) {
    let mut response = ResponseTemplate::new(status);
    if let Some(body) = body {
        response =
            response.set_body_raw(serde_json::to_vec(body).expect("JSON"), "application/json");
    }
    Mock::given(method("PATCH"))
        .and(path(format!("/v2/checkout/orders/{ORDER}")))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn patch_requests(server: &MockServer) -> Vec<Request> {
    server
        .received_requests()
        .await
        .expect("recording")
        .into_iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .collect()
}

fn authorization(r: &Request) -> String {
    r.headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The reference's cURL sample, built through the typed API.
fn docs_sample() -> UpdateOrderRequest {
    UpdateOrderRequest::new(UpdateOrderPatch::replace_purchase_unit_shipping_address(
        "PUHF",
        ShippingAddress::new("US")
            .address_line_1("2211 N First Street")
            .address_line_2("Building 17")
            .admin_area_2("San Jose")
            .admin_area_1("CA")
            .postal_code("95131"),
    ))
}

#[tokio::test]
async fn the_docs_sample_and_its_token_exchange_are_sent_byte_for_byte() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 32_400).await;
    orders_answer(&server, 204, None).await;
    let client = client(&server);
    let done = client
        .update_order(ORDER, &docs_sample())
        .await
        .expect("204 is success");
    assert_eq!(done, rt::NoContent);

    let requests = server.received_requests().await.expect("recording");
    assert_eq!(requests.len(), 2, "the token, then the update");
    let token = &requests[0];
    assert_eq!(
        (token.method.as_str(), token.url.path()),
        ("POST", "/v1/oauth2/token")
    );
    // base64("AcmeClientId-4f1c:EHzSecret-9b2d"), computed apart.
    assert_eq!(
        authorization(token),
        "Basic QWNtZUNsaWVudElkLTRmMWM6RUh6U2VjcmV0LTliMmQ="
    );
    assert_eq!(
        token
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&token.body),
        "grant_type=client_credentials"
    );

    let update = &requests[1];
    assert_eq!(
        (update.method.as_str(), update.url.path()),
        ("PATCH", "/v2/checkout/orders/5O190127TN364715T")
    );
    assert_eq!(authorization(update), "Bearer A21-1");
    assert_eq!(
        update
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    assert_eq!(
        String::from_utf8_lossy(&update.body),
        concat!(
            r#"[{"op":"replace","path":"/purchase_units/@reference_id=='PUHF'/shipping/address","#,
            r#""value":{"address_line_1":"2211 N First Street","address_line_2":"Building 17","#,
            r#""admin_area_2":"San Jose","admin_area_1":"CA","postal_code":"95131","country_code":"US"}}]"#
        )
    );
    // The spec's example is the same document.
    let sample = example("paypal", "update_order", "docs_sample");
    let sent: Value = serde_json::from_slice(&update.body).expect("JSON");
    assert_eq!(sent, sample["request"]);
    assert_eq!(issued.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn one_token_serves_many_calls_and_is_renewed_when_it_expires() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 32_400).await;
    orders_answer(&server, 204, None).await;
    let client = client(&server);
    for _ in 0..3 {
        client
            .update_order(ORDER, &docs_sample())
            .await
            .expect("204");
    }
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "one token for three calls"
    );

    // A token that has expired on arrival is replaced before each call.
    server.reset().await;
    let issued = token_endpoint(&server, 0).await;
    orders_answer(&server, 204, None).await;
    let client = self::client(&server);
    client
        .update_order(ORDER, &docs_sample())
        .await
        .expect("204");
    client
        .update_order(ORDER, &docs_sample())
        .await
        .expect("204");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let auths: Vec<String> = patch_requests(&server)
        .await
        .iter()
        .map(authorization)
        .collect();
    assert_eq!(auths, ["Bearer A21-1", "Bearer A21-2"]);
}

#[tokio::test]
async fn a_401_gets_a_new_token_and_the_patch_is_sent_once_more() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 32_400).await;
    let expired = documented_401();
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(401).set_body_json(&expired))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    orders_answer(&server, 204, None).await;
    client(&server)
        .update_order(ORDER, &docs_sample())
        .await
        .expect("the second try succeeds");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    let patches = patch_requests(&server).await;
    let auths: Vec<String> = patches.iter().map(authorization).collect();
    assert_eq!(auths, ["Bearer A21-1", "Bearer A21-2"]);
    assert_eq!(patches[0].body, patches[1].body, "the same patch, resent");
}

fn documented_401() -> Value {
    json!({
        "name": "AUTHENTICATION_FAILURE",
        "message": "Authentication failed due to missing authorization header, or invalid authentication credentials.",
        "debug_id": "90957fca61718"
    })
}

#[tokio::test]
async fn patches_hold_only_documented_paths_with_typed_values_in_order() {
    let request = UpdateOrderRequest::new(UpdateOrderPatch::replace_intent(
        CheckoutPaymentIntent::Authorize,
    ))
    .patch(UpdateOrderPatch::replace_purchase_unit_amount(
        "default",
        AmountWithBreakdown::new("USD", "120.50".parse().expect("decimal")),
    ))
    .patch(UpdateOrderPatch::add_purchase_unit_invoice_id(
        "default",
        "03012022-3303-01",
    ))
    .patch(UpdateOrderPatch::remove_purchase_unit_custom_id("default"));
    let patches = request.patches();
    assert_eq!(
        patches.iter().map(|p| p.op()).collect::<Vec<_>>(),
        ["replace", "replace", "add", "remove"]
    );
    let body = request.body().expect("encodes");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        concat!(
            r#"[{"op":"replace","path":"/intent","value":"AUTHORIZE"},"#,
            r#"{"op":"replace","path":"/purchase_units/@reference_id=='default'/amount","#,
            r#""value":{"currency_code":"USD","value":"120.50"}},"#,
            r#"{"op":"add","path":"/purchase_units/@reference_id=='default'/invoice_id","value":"03012022-3303-01"},"#,
            r#"{"op":"remove","path":"/purchase_units/@reference_id=='default'/custom_id"}]"#
        )
    );
    assert!(request.validate().is_ok());
}

#[test]
fn a_placeholder_is_escaped_as_a_json_pointer_token() {
    let patch = UpdateOrderPatch::remove_purchase_unit_invoice_id("unit/1~b");
    assert_eq!(
        patch.path(),
        "/purchase_units/@reference_id=='unit~11~0b'/invoice_id"
    );
}

#[tokio::test]
async fn values_and_placeholders_are_checked_before_anything_is_sent() {
    let server = MockServer::start().await;
    token_endpoint(&server, 32_400).await;
    orders_answer(&server, 204, None).await;
    let request = UpdateOrderRequest::new(UpdateOrderPatch::replace_purchase_unit_soft_descriptor(
        "default",
        "x".repeat(23),
    ))
    .patch(UpdateOrderPatch::add_purchase_unit_invoice_id(
        "it's", "INV-1",
    ));
    let err = client(&server)
        .update_order(ORDER, &request)
        .await
        .expect_err("refused");
    let rt::Error::Validation(errors) = &err else {
        panic!("expected a validation error, got {err:?}")
    };
    let found: Vec<(&str, &str)> = errors
        .0
        .iter()
        .map(|v| (v.path.as_str(), v.rule.name()))
        .collect();
    assert_eq!(
        found,
        [
            ("/0/value", "max_length"),
            ("/1/path/reference_id", "pattern")
        ]
    );
    assert!(
        server
            .received_requests()
            .await
            .expect("recording")
            .is_empty(),
        "neither a token nor the update was requested"
    );
}

#[tokio::test]
async fn a_documented_error_comes_back_typed_with_its_issue() {
    let sample = example("paypal", "update_order", "invalid_request");
    let server = MockServer::start().await;
    token_endpoint(&server, 32_400).await;
    orders_answer(&server, 400, Some(&sample["response"]["body"])).await;
    let err = client(&server)
        .update_order(ORDER, &docs_sample())
        .await
        .expect_err("400");
    assert_eq!(
        err.to_string(),
        "paypal answered 400 (INVALID_PARAMETER_SYNTAX): The value of a field does not conform to the expected format."
    );
    let rt::Error::Api {
        body: Some(body), ..
    } = &err
    else {
        panic!("expected a typed error body, got {err:?}")
    };
    let body: &ErrorBody = body;
    assert_eq!(body.name.as_deref(), Some("INVALID_REQUEST"));
    assert_eq!(body.debug_id.as_deref(), Some("f087ef02ffdb6"));
    assert_eq!(body.details.as_ref().map(Vec::len), Some(1));
    assert_eq!(
        patch_requests(&server).await.len(),
        1,
        "a 400 is not retried"
    );
}

#[test]
fn neither_the_credentials_nor_the_assertion_show_in_debug() {
    let credentials = Credentials::new(ID, SECRET);
    let shown = format!("{credentials:?}");
    assert!(!shown.contains(ID) && !shown.contains(SECRET), "{shown}");
    let request = docs_sample().auth_assertion("eyJhbGciOiJub25lIn0.eyJpc3MiOiJhY21lIn0.");
    let shown = format!("{request:?}");
    assert!(!shown.contains("eyJhbGciOiJub25lIn0"), "{shown}");
}
