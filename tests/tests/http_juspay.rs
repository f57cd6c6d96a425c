//! Juspay's generated client against a real HTTP server on loopback: the
//! exact form request it sends (Basic auth with an empty password, the
//! `x-merchantid` header, `application/x-www-form-urlencoded` body), the
//! docs' sample response decoded through the client, lenient decoding of the
//! forms real servers send, and the documented 400.

use std::str::FromStr;

use generated_client::juspay::{self, Client, Credentials, Environment, UpdateOrderRequest};
use generated_client::runtime as rt;
use integration_tests::{documented_errors, example, header_values, only_request, str_at};
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "test_api_key";
/// base64("test_api_key:"), computed apart from the code under test.
const AUTHORIZATION: &str = "Basic dGVzdF9hcGlfa2V5Og==";

fn client(server: &MockServer, merchant_id: &str) -> Client {
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new(API_KEY),
        merchant_id,
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

async fn respond(server: &MockServer, status: u16, body: &[u8]) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body.to_vec(), "application/json"))
        .mount(server)
        .await;
}

fn decimal(s: &str) -> rt::Decimal {
    rt::Decimal::from_str(s).expect("a decimal")
}

#[tokio::test]
async fn docs_sample_is_sent_byte_for_byte_and_its_response_decodes() {
    let sample = example("juspay", "update_order", "docs_sample");
    let server = MockServer::start().await;
    let body = serde_json::to_vec(&sample["response"]["body"]).expect("JSON");
    respond(&server, 200, &body).await;

    let merchant_id = str_at(&sample, "/headers/x-merchantid");
    let order_id = str_at(&sample, "/path_params/order_id");
    let request = UpdateOrderRequest::new(decimal(str_at(&sample, "/request/amount")));
    let order = client(&server, merchant_id)
        .update_order(order_id, &request)
        .await
        .expect("the sample response decodes");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/orders/JPAYNEW035");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header_values(&sent, "authorization"), [AUTHORIZATION]);
    assert_eq!(header_values(&sent, "x-merchantid"), ["merchant_id"]);
    assert_eq!(
        header_values(&sent, "content-type"),
        ["application/x-www-form-urlencoded"]
    );
    assert_eq!(sent.body, b"amount=90.00");

    assert_eq!(order.order_id, "JPAYNEW035");
    assert_eq!(order.id, "ordeh_4b9501d714624eretry677i");
    assert_eq!(order.status, "NEW");
    assert_eq!(order.status_id, Some(10));
    assert_eq!(order.amount, Some(decimal("90")));
    assert_eq!(order.currency.as_deref(), Some("SGD"));
    assert_eq!(order.customer_email.as_deref(), Some("test@gmail.com"));
    assert_eq!(order.customer_phone.as_deref(), Some("98765432"));
    assert_eq!(order.customer_id.as_deref(), Some("cst_wiqou3224"));
    assert_eq!(order.merchant_id.as_deref(), Some("merchantId"));
    assert_eq!(order.date_created.as_deref(), Some("2021-09-10T09:24:06Z"));
    assert_eq!(order.return_url.as_deref(), Some("https://api.juspay.in"));
    assert_eq!(order.product_id.as_deref(), Some(""));
    let links = order.payment_links.expect("payment links");
    assert_eq!(
        links.web.as_deref(),
        Some("https://api.juspay.in/merchant/pay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59")
    );
    assert_eq!(
        links.mobile.as_deref(),
        Some(
            "https://api.juspay.in/merchant/pay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59?mobile=true"
        )
    );
    assert_eq!(
        links.iframe.as_deref(),
        Some("https://api.juspay.in/merchant/ipay/ordeh_4b9501d7146243ac8a9d9c4a42ed7b59")
    );
    assert_eq!(order.udf1.as_deref(), Some(""));
    assert_eq!(order.udf10.as_deref(), Some(""));
    assert_eq!(order.refunded, Some(false));
    assert_eq!(order.amount_refunded, Some(decimal("0")));
    assert_eq!(order.effective_amount, Some(decimal("3")));
    assert_eq!(order.offers, Some(vec![]));
}

#[tokio::test]
async fn address_and_udf_fields_are_sent_under_their_flat_names_in_field_order() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        br#"{"order_id":"ord 1","id":"ordeh_1","status":"NEW"}"#,
    )
    .await;
    // Setters called out of field order: the body still follows the spec.
    let request = UpdateOrderRequest::new(decimal("100.50"))
        .udf10("last")
        .udf1("a=b&c")
        .shipping_address_line1("1 Main St")
        .billing_address_city("Zürich")
        .billing_address_first_name("Ada Lovelace")
        .billing_address_country_code_iso("CHE")
        .shipping_address_country_code_iso("IND");
    let order = client(&server, "m_42")
        .update_order("ord 1", &request)
        .await
        .expect("decodes");
    assert_eq!(order.order_id, "ord 1");

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/orders/ord%201");
    assert_eq!(header_values(&sent, "x-merchantid"), ["m_42"]);
    assert_eq!(
        String::from_utf8(sent.body).expect("ASCII"),
        "amount=100.50\
         &billing_address_first_name=Ada+Lovelace\
         &billing_address_city=Z%C3%BCrich\
         &billing_address_country_code_iso=CHE\
         &shipping_address_line1=1+Main+St\
         &shipping_address_country_code_iso=IND\
         &udf1=a%3Db%26c\
         &udf10=last"
    );
}

#[tokio::test]
async fn quoted_numbers_unquoted_phone_and_empty_links_decode() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        br#"{"order_id":"o1","id":"i1","status":"CHARGED","amount":"90.50",
             "status_id":"21","refunded":"true","amount_refunded":"10.25",
             "customer_phone":9876543210,"payment_links":[],"offers":[{"id":"x"}],
             "unknown_field":{"nested":true}}"#,
    )
    .await;
    let order = client(&server, "m")
        .update_order("o1", &UpdateOrderRequest::new(decimal("90.50")))
        .await
        .expect("lenient decoding");
    assert_eq!(order.amount, Some(decimal("90.50")));
    assert_eq!(order.status_id, Some(21));
    assert_eq!(order.refunded, Some(true));
    assert_eq!(order.amount_refunded, Some(decimal("10.25")));
    assert_eq!(order.customer_phone.as_deref(), Some("9876543210"));
    let links = order.payment_links.expect("an empty object decodes");
    assert_eq!((links.iframe, links.web, links.mobile), (None, None, None));
    assert_eq!(order.offers, Some(vec![json!({"id": "x"})]));
    assert_eq!(order.status, "CHARGED");
}

#[tokio::test]
async fn the_order_status_response_decodes_with_its_transaction_card_refunds_and_gateway_response()
{
    let sample = example("juspay", "update_order", "order_status_card");
    let server = MockServer::start().await;
    let body = serde_json::to_vec(&sample["response"]["body"]).expect("JSON");
    respond(&server, 200, &body).await;
    let order = client(&server, "merchant_success")
        .update_order("JP1636474794", &UpdateOrderRequest::new(decimal("1.00")))
        .await
        .expect("the order-status sample decodes");

    assert_eq!(order.status, "CHARGED");
    assert_eq!(order.status_id, Some(21));
    assert_eq!(
        order.txn_id.as_deref(),
        Some("merchant_success-JP1636474794-1")
    );
    assert_eq!(
        order.payment_method_type,
        Some(juspay::PaymentMethodType::Card)
    );
    assert_eq!(order.auth_type.as_deref(), Some("THREE_DS"));
    assert_eq!(order.payment_method.as_deref(), Some("VISA"));
    assert_eq!(order.refunded, Some(true));
    assert_eq!(order.amount_refunded, Some(decimal("1")));
    assert_eq!(order.resp_code, None);
    assert_eq!(order.bank_error_code.as_deref(), Some(""));
    assert_eq!(order.txn_uuid.as_deref(), Some("eulwh5QbZSBvw35eWnH"));
    assert_eq!(order.gateway_id, Some(23));
    assert_eq!(order.gateway_reference_id.as_deref(), Some("testmid"));
    let metadata = order.metadata.as_ref().expect("metadata");
    assert_eq!(
        metadata.get("RAZORPAY:gateway_reference_id"),
        Some(&json!("testmid"))
    );

    let card = order.card.as_ref().expect("card");
    assert_eq!(card.card_isin.as_deref(), Some("411111"));
    assert_eq!(card.card_brand.as_deref(), Some("VISA"));
    assert_eq!(card.expiry_month.as_deref(), Some("12"));
    assert_eq!(card.using_saved_card, Some(true));

    let refunds = order.refunds.as_ref().expect("refunds");
    assert_eq!(refunds.len(), 1);
    let refund = &refunds[0];
    assert_eq!(refund.amount, Some(decimal("1")));
    assert_eq!(refund.status, Some(juspay::RefundStatus::Success));
    assert_eq!(
        refund.gateway_refund_id.as_deref(),
        Some("rfnd_IP693G3wAX4ibJ")
    );
    assert_eq!(refund.sent_to_gateway, Some(true));
    assert_eq!(
        refund.pg_processed_at.as_deref(),
        Some("2022-11-24T08:07:43Z")
    );

    let txn = order.txn_detail.as_ref().expect("txn_detail");
    assert_eq!(txn.status.as_deref(), Some("CHARGED"));
    assert_eq!(txn.txn_amount, Some(decimal("1")));
    assert_eq!(txn.surcharge_amount, None);
    assert_eq!(txn.gateway.as_deref(), Some("RAZORPAY"));
    assert_eq!(txn.express_checkout, Some(true));

    let pg = order
        .payment_gateway_response
        .as_ref()
        .expect("gateway response");
    assert_eq!(pg.resp_code.as_deref(), Some("SUCCESS"));
    assert_eq!(pg.rrn.as_deref(), Some("156555"));
    assert_eq!(pg.epg_txn_id.as_deref(), Some("pay_IJZKtTpki24ERy"));

    // Gateway codes sent as bare numbers, and a gateway id sent as text, as
    // other gateways and SDKs do, decode too.
    server.reset().await;
    respond(
        &server,
        200,
        br#"{"order_id":"o","id":"i","status":"CHARGED","gateway_id":"12",
            "payment_gateway_response":{"resp_code":0,"rrn":502913366745,"auth_id_code":2732147},
            "txn_detail":{"gateway_id":"12","net_amount":"10.50"}}"#,
    )
    .await;
    let order = client(&server, "m")
        .update_order("o", &UpdateOrderRequest::new(decimal("1")))
        .await
        .expect("lenient gateway fields decode");
    let pg = order.payment_gateway_response.expect("gateway response");
    assert_eq!(pg.resp_code.as_deref(), Some("0"));
    assert_eq!(pg.rrn.as_deref(), Some("502913366745"));
    assert_eq!(order.gateway_id, Some(12));
    let txn = order.txn_detail.expect("txn_detail");
    assert_eq!(
        (txn.gateway_id, txn.net_amount),
        (Some(12), Some(decimal("10.50")))
    );
}

#[tokio::test]
async fn the_documented_400_decodes_into_the_typed_body() {
    let errors = documented_errors("juspay", "update_order");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].status, 400);
    assert_eq!(errors[0].body.as_deref(), Some("ErrorBody"));

    let server = MockServer::start().await;
    let client = client(&server, "merchant_id");
    let request = UpdateOrderRequest::new(decimal("90.00"));
    // The update page documents the body as `{}`; Juspay's error format (the
    // spec's `error_format` example, from its other pages) decodes typed.
    let sample =
        serde_json::to_vec(&example("juspay", "update_order", "error_format")["response"]["body"])
            .expect("the documented error body");
    // Older endpoints send only the flat fields (the values are the field
    // examples the spec gives): message and code come from those.
    let flat = br#"{"status":"invalid_request_error","error_code":"missing_card_number","error_message":"Card number is required."}"#;
    for (body, message, code, shown) in [
        (
            &b"{}"[..],
            None,
            None,
            "juspay answered 400: {}".to_string(),
        ),
        (
            &sample[..],
            Some("Bad request."),
            Some("MISSING_MANDATORY_PARAMETER"),
            "juspay answered 400 (MISSING_MANDATORY_PARAMETER): Failed while parsing your request."
                .to_string(),
        ),
        (
            &flat[..],
            Some("Card number is required."),
            None,
            "juspay answered 400 (missing_card_number): Card number is required.".to_string(),
        ),
    ] {
        server.reset().await;
        respond(&server, 400, body).await;
        let err = client
            .update_order("JPAYNEW035", &request)
            .await
            .expect_err("a 400");
        match &err {
            rt::Error::Api {
                provider,
                status,
                body: Some(decoded),
                snippet,
                ..
            } => {
                assert_eq!(*provider, "juspay");
                assert_eq!(*status, 400);
                assert_eq!(decoded.error_message.as_deref(), message);
                let info = decoded.error_info.as_ref();
                assert_eq!(info.and_then(|i| i.code.as_deref()), code);
                if code.is_some() {
                    let field = info
                        .and_then(|i| i.fields.as_ref())
                        .map(|f| f[0].field_name.clone());
                    assert_eq!(field, Some(Some("merchant_id".to_string())));
                }
                assert_eq!(snippet.as_bytes(), body);
            }
            other => panic!("expected a typed API error, got {other:?}"),
        }
        // `Display` shows Juspay's code and message (`error_info`'s first,
        // then the flat fields), or the body when it has neither.
        assert_eq!(err.to_string(), shown);
        let sent = only_request(&server).await;
        assert_eq!(sent.method.as_str(), "POST");
        assert_eq!(sent.body, b"amount=90.00");
    }
}

#[tokio::test]
async fn udf_longer_than_255_characters_is_not_sent() {
    let server = MockServer::start().await;
    respond(&server, 200, b"{}").await;
    let request = UpdateOrderRequest::new(decimal("1")).udf3("é".repeat(256));
    let err = client(&server, "m")
        .update_order("o1", &request)
        .await
        .expect_err("too long");
    let violations = err.violations().expect("validation");
    assert_eq!(violations.0.len(), 1);
    assert_eq!(violations.0[0].path, "/udf3");
    assert_eq!(violations.0[0].rule, rt::Rule::MaxLength);
    assert_eq!(
        violations.0[0].message,
        "must be at most 255 characters, has 256"
    );
    // 255 characters (510 bytes) is within the limit.
    assert!(UpdateOrderRequest::new(decimal("1"))
        .udf3("é".repeat(255))
        .validate()
        .is_ok());
    assert!(server
        .received_requests()
        .await
        .expect("recording")
        .is_empty());
}
