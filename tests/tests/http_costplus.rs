//! CostPlus's generated client against a real HTTP server on loopback: the
//! exact JSON request (`PUT /v1/orders/{id}/` with its trailing slash, Basic
//! auth with an empty password), the three states of a clearable field, a
//! response decoded field by field, and the documented 401 and 403, which
//! carry no body.

use generated_client::costplus::{Client, Credentials, Environment, Locale, UpdateOrderRequest};
use generated_client::runtime as rt;
use integration_tests::{documented_errors, example, header_values, only_request, str_at};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const API_KEY: &str = "cp_test_api_key";
/// base64("cp_test_api_key:"), computed apart from the code under test.
const AUTHORIZATION: &str = "Basic Y3BfdGVzdF9hcGlfa2V5Og==";

fn client(server: &MockServer) -> Client {
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new(API_KEY),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

async fn respond(server: &MockServer, template: ResponseTemplate) {
    Mock::given(any())
        .respond_with(template)
        .mount(server)
        .await;
}

fn json_response(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_raw(serde_json::to_vec(body).expect("JSON"), "application/json")
}

/// The page shows no sample response; this one carries a value for each
/// kind of field of `Order`, including `null`s the page allows.
fn order_response(id: &str) -> Value {
    json!({
        "id": id,
        "project_id": "c8a0a7b0-0b7c-4c1d-9c7e-1f0c2f6b1a11",
        "merchant_id": "f1f0b5a4-3b1e-4a8c-8b6f-0a1b2c3d4e5f",
        "order_url": null,
        "refund_orders": [],
        "refunded_amount": 0,
        "created": "2024-05-01T10:00:00.000000+00:00",
        "modified": "2024-05-02T11:30:00.000000+00:00",
        "completed": null,
        "expiration_period": "PT30M",
        "capture_mode": null,
        "currency": "EUR",
        "amount": 1000,
        "description": "Updated description",
        "status": "new",
        "flags": ["is-test"],
        "locale": "nl-BE",
        "payment_methods": ["ideal"],
        "transactions": [{"payment_method": "ideal", "status": "new"}],
        "merchant_order_id": null,
        "extra": {"anything": [1, 2]},
        "an_undocumented_field": true
    })
}

#[tokio::test]
async fn docs_sample_is_sent_byte_for_byte_and_the_response_decodes() {
    let sample = example("costplus", "update_order", "docs_sample");
    let id = str_at(&sample, "/path_params/id");
    let server = MockServer::start().await;
    respond(&server, json_response(200, &order_response(id))).await;

    let amount = sample["request"]["amount"].as_i64().expect("amount");
    let request = UpdateOrderRequest::new(str_at(&sample, "/request/currency"), amount)
        .description(str_at(&sample, "/request/description"));
    let order = client(&server)
        .update_order(id, &request)
        .await
        .expect("decodes");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PUT");
    assert_eq!(
        sent.url.path(),
        "/v1/orders/4851e31c-4137-4e91-95ef-1df945ee76a2/"
    );
    assert_eq!(sent.url.query(), None);
    assert_eq!(header_values(&sent, "authorization"), [AUTHORIZATION]);
    assert_eq!(header_values(&sent, "content-type"), ["application/json"]);
    assert!(header_values(&sent, "x-merchantid").is_empty());
    assert_eq!(
        String::from_utf8(sent.body.clone()).expect("UTF-8"),
        r#"{"currency":"EUR","amount":1000,"description":"Updated description"}"#
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).expect("JSON"),
        sample["request"]
    );

    assert_eq!(order.id, id);
    assert_eq!(order.currency.as_deref(), Some("EUR"));
    assert_eq!(order.amount, Some(1000));
    assert_eq!(order.description.as_deref(), Some("Updated description"));
    assert_eq!(order.status.as_deref(), Some("new"));
    assert_eq!(order.locale, Some(Locale::NlBe));
    assert_eq!(order.expiration_period.as_deref(), Some("PT30M"));
    assert_eq!(order.order_url, None);
    assert_eq!(order.completed, None);
    assert_eq!(order.capture_mode, None);
    assert_eq!(order.merchant_order_id, None);
    assert_eq!(order.refund_orders, Some(vec![]));
    assert_eq!(order.refunded_amount, Some(0));
    assert_eq!(order.flags, Some(vec!["is-test".to_string()]));
    assert_eq!(order.payment_methods, Some(vec!["ideal".to_string()]));
    assert_eq!(
        order.transactions,
        Some(vec![json!({"payment_method": "ideal", "status": "new"})])
    );
    assert_eq!(order.extra, Some(json!({"anything": [1, 2]})));
    assert_eq!(
        order.created.as_deref(),
        Some("2024-05-01T10:00:00.000000+00:00")
    );
}

#[tokio::test]
async fn cleared_fields_are_sent_as_null_and_unchanged_ones_are_left_out() {
    let server = MockServer::start().await;
    respond(&server, json_response(200, &json!({"id": "ord-1"}))).await;
    let request = UpdateOrderRequest::new("SEK", 250)
        .clear_merchant_order_id()
        .merchant_name("Acme \"AB\"")
        .expiration_period("PT1H")
        .capture_mode("delayed")
        .locale(Locale::SvSe)
        .clear_return_url()
        .webhook_url("https://example.com/hook?x=1")
        .order_lines(vec![json!({"name": "Tea", "quantity": 2})]);
    let order = client(&server)
        .update_order("ord-1", &request)
        .await
        .expect("an order with only its id decodes");
    assert_eq!(order.id, "ord-1");

    let sent = only_request(&server).await;
    assert_eq!(sent.url.path(), "/v1/orders/ord-1/");
    assert_eq!(
        String::from_utf8(sent.body).expect("UTF-8"),
        concat!(
            r#"{"merchant_order_id":null,"merchant_name":"Acme \"AB\"","#,
            r#""expiration_period":"PT1H","capture_mode":"delayed","#,
            r#""currency":"SEK","amount":250,"locale":"sv-SE","return_url":null,"#,
            r#""webhook_url":"https://example.com/hook?x=1","#,
            r#""order_lines":[{"name":"Tea","quantity":2}]}"#
        )
    );
}

#[tokio::test]
async fn documented_401_and_403_decode_the_platform_error_body() {
    let errors = documented_errors("costplus", "update_order");
    assert_eq!(
        errors
            .iter()
            .map(|e| (e.status, e.message.as_deref().expect("message")))
            .collect::<Vec<_>>(),
        [
            (401, "Invalid or missing API key"),
            (403, "No authorization for the requested resource")
        ]
    );
    let server = MockServer::start().await;
    let client = client(&server);
    let request = UpdateOrderRequest::new("EUR", 1000);
    for documented in &errors {
        server.reset().await;
        respond(&server, ResponseTemplate::new(documented.status)).await;
        let err = client
            .update_order("4851e31c-4137-4e91-95ef-1df945ee76a2", &request)
            .await
            .expect_err("a documented failure");
        match &err {
            rt::Error::Api {
                provider,
                status,
                body,
                message,
                code,
                snippet,
            } => {
                assert_eq!(*provider, "costplus");
                assert_eq!(*status, documented.status);
                assert!(body.is_none(), "{body:?}");
                assert_eq!((message, code), (&None, &None));
                assert_eq!(snippet, "");
            }
            other => panic!("expected an API error, got {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            format!("costplus answered {} with an empty body", documented.status)
        );
        assert_eq!(only_request(&server).await.method.as_str(), "PUT");
    }

    // The platform's error body (the spec's `platform_error` example)
    // decodes into the typed body, message and status with it.
    let sample = example("costplus", "update_order", "platform_error")["response"]["body"].clone();
    server.reset().await;
    respond(&server, json_response(403, &sample)).await;
    let err = client.update_order("o", &request).await.expect_err("a 403");
    let rt::Error::Api {
        status: 403,
        body: Some(body),
        ..
    } = &err
    else {
        panic!("expected a 403 with a body, got {err:?}");
    };
    assert_eq!(
        body.error.value.as_deref(),
        Some("No authorization for the requested resource")
    );
    assert_eq!(body.error.status.as_deref(), Some("403"));
    assert_eq!(
        err.to_string(),
        "costplus answered 403: No authorization for the requested resource"
    );
    // The SDK's sample body, with its `type`: the code (answered with a
    // 400, which the client does not retry, where the SDK's was a 503).
    server.reset().await;
    respond(
        &server,
        json_response(
            400,
            &json!({"error": {"status": "503", "type": "ConnectionError", "value": "The server made a boo-boo"}}),
        ),
    )
    .await;
    let err = client.update_order("o", &request).await.expect_err("a 400");
    assert!(
        matches!(&err, rt::Error::Api { message: Some(m), code: Some(c), .. }
            if m == "The server made a boo-boo" && c == "ConnectionError"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "costplus answered 400 (ConnectionError): The server made a boo-boo"
    );
    // A status sent as a number decodes too; a body in another format
    // keeps its text in the error.
    server.reset().await;
    respond(
        &server,
        json_response(
            401,
            &json!({"error": {"status": 401, "value": "Unauthorized"}}),
        ),
    )
    .await;
    let err = client.update_order("o", &request).await.expect_err("a 401");
    assert!(
        matches!(&err, rt::Error::Api { body: Some(b), .. } if b.error.status.as_deref() == Some("401")),
        "{err:?}"
    );
    server.reset().await;
    respond(
        &server,
        json_response(401, &json!({"message": "Unauthorized"})),
    )
    .await;
    let err = client.update_order("o", &request).await.expect_err("a 401");
    assert!(matches!(&err, rt::Error::Api { body: None, .. }), "{err:?}");
    assert!(err.to_string().contains("Unauthorized"), "{err}");
}

#[tokio::test]
async fn rule_and_format_violations_are_reported_together_and_nothing_is_sent() {
    let server = MockServer::start().await;
    respond(&server, json_response(200, &json!({}))).await;
    let request = UpdateOrderRequest::new("euro", 1000)
        .capture_mode("delayed")
        .return_url("not a url");
    let err = client(&server)
        .update_order("o", &request)
        .await
        .expect_err("invalid");
    let violations = err.violations().expect("validation");
    let found: Vec<(&str, rt::Rule)> = violations
        .0
        .iter()
        .map(|v| (v.path.as_str(), v.rule))
        .collect();
    assert_eq!(
        found,
        [
            ("/currency", rt::Rule::Format),
            ("/return_url", rt::Rule::Format),
            ("/expiration_period", rt::Rule::Required),
        ]
    );
    assert_eq!(
        violations.0[2].message,
        "`delayed` requires `expiration_period`."
    );
    assert!(err
        .to_string()
        .starts_with("request not sent, it is invalid: 3 validation errors"));
    assert!(server
        .received_requests()
        .await
        .expect("recording")
        .is_empty());
}
