//! Razorpay's generated client against a real HTTP server on loopback: the
//! exact request it sends (method, path, query, headers, body bytes), the
//! docs' sample response decoded through the client, and every documented
//! failure decoded into the typed error body.

use generated_client::razorpay::{
    Client, Credentials, Environment, Notes, Order, OrderStatus, UpdateOrderError,
    UpdateOrderRequest,
};
use generated_client::runtime as rt;
use integration_tests::{
    documented_errors, example, header_names, header_values, only_request, str_at,
};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY_ID: &str = "rzp_test_key_id";
const KEY_SECRET: &str = "rzp_test_key_secret";
/// base64("rzp_test_key_id:rzp_test_key_secret"), computed apart from the code under test.
const AUTHORIZATION: &str = "Basic cnpwX3Rlc3Rfa2V5X2lkOnJ6cF90ZXN0X2tleV9zZWNyZXQ=";

fn client(server: &MockServer) -> Client {
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::new(KEY_ID, KEY_SECRET),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

async fn respond(server: &MockServer, status: u16, body: &Value) {
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(serde_json::to_vec(body).expect("JSON"), "application/json"),
        )
        .mount(server)
        .await;
}

fn notes_of(value: &Value) -> Notes {
    value
        .as_object()
        .expect("notes is an object")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[tokio::test]
async fn docs_sample_is_sent_byte_for_byte_and_its_response_decodes() {
    let sample = example("razorpay", "update_order", "docs_sample");
    let server = MockServer::start().await;
    respond(&server, 200, &sample["response"]["body"]).await;

    let id = str_at(&sample, "/path_params/id");
    let request = UpdateOrderRequest::new(notes_of(&sample["request"]["notes"]));
    let order: Order = client(&server)
        .update_order(id, &request)
        .await
        .expect("the sample response decodes");

    // The request, exactly.
    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PATCH");
    assert_eq!(sent.url.path(), "/v1/orders/order_DaaS6LOUAASb7Y");
    assert_eq!(sent.url.query(), None);
    assert_eq!(header_values(&sent, "authorization"), [AUTHORIZATION]);
    assert_eq!(header_values(&sent, "content-type"), ["application/json"]);
    assert_eq!(
        header_values(&sent, "user-agent"),
        [concat!("generated-client/", env!("CARGO_PKG_VERSION"))]
    );
    assert_eq!(
        header_names(&sent),
        [
            "accept",
            "authorization",
            "content-length",
            "content-type",
            "host",
            "user-agent"
        ]
    );
    assert_eq!(
        String::from_utf8(sent.body.clone()).expect("UTF-8 body"),
        r#"{"notes":{"key1":"value3","key2":"value2"}}"#
    );
    // And it is the spec's sample request.
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).expect("JSON body"),
        sample["request"]
    );

    // The response, field by field.
    assert_eq!(order.id, "order_DaaS6LOUAASb7Y");
    assert_eq!(order.entity.as_deref(), Some("order"));
    assert_eq!(order.amount, Some(2200));
    assert_eq!(order.amount_paid, Some(0));
    assert_eq!(order.amount_due, Some(2200));
    assert_eq!(order.currency.as_deref(), Some(""));
    assert_eq!(order.receipt.as_deref(), Some("Receipt #211"));
    assert_eq!(order.offer_id, None);
    assert_eq!(order.status, Some(OrderStatus::Attempted));
    assert_eq!(order.attempts, Some(1));
    assert_eq!(order.created_at, Some(1572505143));
    let notes = order.notes.expect("notes");
    assert_eq!(
        notes.iter().collect::<Vec<_>>(),
        [
            (&"key1".to_string(), &json!("value3")),
            (&"key2".to_string(), &json!("value2"))
        ]
    );
}

#[tokio::test]
async fn the_errors_page_sample_decodes_and_shows_its_code_and_description() {
    let sample = example("razorpay", "update_order", "error_format");
    let server = MockServer::start().await;
    respond(&server, 400, &sample["response"]["body"]).await;
    let request = UpdateOrderRequest::new(notes_of(&json!({"key1": "value3"})));
    let err = client(&server)
        .update_order("order_DaaS6LOUAASb7Y", &request)
        .await
        .expect_err("a 400");
    let rt::Error::Api {
        body: Some(body), ..
    } = &err
    else {
        panic!("expected a typed 400, got {err:?}");
    };
    // `field` is `null` in the sample.
    assert_eq!(body.error.field, None);
    assert_eq!(body.error.reason.as_deref(), Some("invalid_otp"));
    assert_eq!(
        body.error.metadata,
        Some(json!({"payment_id": "pay_EDNBKIP31Y4jl8", "order_id": "order_DBJKIP31Y4jl8"}))
    );
    assert_eq!(
        err.to_string(),
        "razorpay answered 400 (BAD_REQUEST_ERROR): Authentication failed due to incorrect otp"
    );
}

#[tokio::test]
async fn every_documented_error_decodes_into_the_typed_body() {
    let errors = documented_errors("razorpay", "update_order");
    assert_eq!(errors.len(), 8, "the spec documents eight failures");
    let server = MockServer::start().await;
    let client = client(&server);
    let request = UpdateOrderRequest::new(notes_of(&json!({"key1": "value3"})));
    for documented in &errors {
        server.reset().await;
        let message = documented
            .message
            .as_deref()
            .expect("Razorpay errors have messages");
        let body = json!({
            "error": {
                "code": "BAD_REQUEST_ERROR",
                "description": message,
                "source": "business",
                "step": "payment_initiation",
                "reason": "input_validation_failed",
                "metadata": {},
                "field": "id"
            }
        });
        respond(&server, documented.status, &body).await;

        let err = client
            .update_order("order_DaaS6LOUAASb7Y", &request)
            .await
            .expect_err("a documented failure");
        let rt::Error::Api {
            provider,
            status,
            body,
            message: shown,
            code,
            snippet,
        } = &err
        else {
            panic!("expected an API error for {message:?}, got {err:?}");
        };
        assert_eq!(*provider, "razorpay");
        assert_eq!(*status, 400);
        assert_eq!(err.status(), Some(400));
        let body: &UpdateOrderError = body.as_deref().expect("the body decodes");
        assert_eq!(body.error.description.as_deref(), Some(message));
        assert_eq!(body.error.code.as_deref(), Some("BAD_REQUEST_ERROR"));
        assert_eq!(body.error.field.as_deref(), Some("id"));
        assert_eq!(
            body.error.reason.as_deref(),
            Some("input_validation_failed")
        );
        assert_eq!(body.error.metadata, Some(json!({})));
        assert!(snippet.starts_with(r#"{"error":{"code":"BAD_REQUEST_ERROR""#));
        assert_eq!(shown.as_deref(), Some(message));
        assert_eq!(code.as_deref(), Some("BAD_REQUEST_ERROR"));
        assert_eq!(
            err.to_string(),
            format!("razorpay answered 400 (BAD_REQUEST_ERROR): {message}")
        );
        assert_eq!(only_request(&server).await.method.as_str(), "PATCH");
    }
}

#[tokio::test]
async fn empty_notes_sent_as_an_array_decode_as_an_empty_map() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        &json!({"id": "order_1", "notes": [], "status": "refunded", "amount": 100}),
    )
    .await;
    let order = client(&server)
        .update_order("order_1", &UpdateOrderRequest::new(Notes::new()))
        .await
        .expect("decodes");
    assert_eq!(order.notes, Some(Notes::new()));
    // An undocumented status is kept, not rejected.
    assert_eq!(order.status, Some(OrderStatus::Unknown("refunded".into())));
    assert_eq!(order.amount, Some(100));
    assert_eq!(only_request(&server).await.body, br#"{"notes":{}}"#);
}

#[tokio::test]
async fn invalid_notes_are_rejected_with_the_docs_messages_before_sending() {
    let server = MockServer::start().await;
    respond(&server, 200, &json!({"id": "order_1"})).await;
    let mut notes = Notes::new();
    for i in 0..15 {
        notes.insert(format!("k{i:02}"), json!("v"));
    }
    notes.insert("k".repeat(256), json!("v"));
    notes.insert("long".into(), json!("v".repeat(513)));
    notes.insert("list".into(), json!(["a"]));
    let err = client(&server)
        .update_order("order_1", &UpdateOrderRequest::new(notes))
        .await
        .expect_err("invalid");
    let violations = err.violations().expect("a validation error");
    let found: Vec<(String, rt::Rule, String)> = violations
        .0
        .iter()
        .map(|v| (v.path.clone(), v.rule, v.message.to_string()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "/notes".to_string(),
                rt::Rule::MaxEntries,
                "Number of fields in notes should be less than or equal to 15.".to_string()
            ),
            (
                format!("/notes/{}", "k".repeat(256)),
                rt::Rule::MaxKeyLength,
                "Notes key cannot be greater than 255 characters.".to_string()
            ),
            (
                "/notes/long".to_string(),
                rt::Rule::MaxValueLength,
                "Notes value cannot be greater than 512 characters.".to_string()
            ),
            (
                "/notes/list".to_string(),
                rt::Rule::ScalarValues,
                "Notes values themselves should not be an array.".to_string()
            ),
        ]
    );
    // Each message is one the docs list for this operation.
    let documented: Vec<String> = documented_errors("razorpay", "update_order")
        .into_iter()
        .filter_map(|e| e.message)
        .collect();
    for (_, _, message) in &found {
        assert!(documented.contains(message), "{message} is not documented");
    }
    assert!(server
        .received_requests()
        .await
        .expect("recording")
        .is_empty());
}

#[tokio::test]
async fn a_call_borrows_only_the_client_and_can_be_spawned() {
    let server = MockServer::start().await;
    respond(&server, 200, &json!({"id": "order_1", "status": "paid"})).await;
    let client = client(&server);
    // The method builds the request when called: its arguments can be
    // dropped before the future is awaited.
    let call = {
        let id = String::from("order_1");
        let request = UpdateOrderRequest::new(Notes::new());
        client.update_order(&id, &request)
    };
    let order = call.await.expect("decodes");
    assert_eq!(order.status, Some(OrderStatus::Paid));
    // And the future is `Send`: a clone of the client moves into a task.
    let task = {
        let client = client.clone();
        tokio::spawn(async move {
            client
                .update_order("order_1", &UpdateOrderRequest::new(Notes::new()))
                .await
        })
    };
    let order = task.await.expect("the task ran").expect("decodes");
    assert_eq!(order.id, "order_1");
    assert_eq!(server.received_requests().await.map(|r| r.len()), Some(2));
}
