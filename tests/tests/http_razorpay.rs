//! Razorpay's generated client against a real HTTP server on loopback: the
//! exact request it sends (method, path, query, headers, body bytes) and
//! the docs' sample responses decoded through the client (wiremock, which
//! answers what the test says), and every documented failure met through
//! the provider's mock, which answers from the spec.

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

/// Every documented error, met by the client the way its `cause:` says,
/// against Razorpay's mock (which builds each body from the spec, so this
/// test restates no message): wrong credentials, an unknown id, and a
/// rule the docs state in prose (queued), each typed with the docs'
/// message; the constraints and the rejected field the client never sends.
#[tokio::test]
async fn every_documented_error_is_typed_or_never_sent() {
    use codegen::model::{ErrorCause, Fault};
    let server = mock::MockServer::start("razorpay")
        .await
        .expect("the mock starts");
    let env = Environment::Custom(server.base_url());
    let client = Client::new(
        &env,
        &Credentials::new(KEY_ID, KEY_SECRET),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client");
    let request = UpdateOrderRequest::new(notes_of(&json!({"key1": "value3"})));
    let checked = codegen::check::check_path(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/razorpay.yaml"
    )))
    .expect("the spec checks");
    let op = &checked[0].model().operations[0];
    let mut met = 0;
    for e in &op.errors {
        let [cause] = e.causes.as_slice() else {
            panic!("Razorpay gives each error one cause: {e:?}")
        };
        let err = match cause {
            ErrorCause::Credentials => {
                server.expect_authorization(AUTHORIZATION);
                let wrong = Client::new(
                    &env,
                    &Credentials::new(KEY_ID, "not the secret"),
                    &rt::ClientConfig::default(),
                )
                .expect("a loopback client");
                let err = wrong.update_order("order_DaaS6LOUAASb7Y", &request).await;
                // The right credentials are still served.
                client
                    .update_order("order_DaaS6LOUAASb7Y", &request)
                    .await
                    .expect("the expected credentials");
                err
            }
            ErrorCause::NotFound => client.update_order("order_unknown", &request).await,
            ErrorCause::Business(_) => {
                server.fail_next(mock::Failure::documented(e.status, e.message.clone()));
                client.update_order("order_DaaS6LOUAASb7Y", &request).await
            }
            // Constraints and a rejected field: the request type cannot
            // hold them, or `validate()` refuses them before sending
            // (`invalid_notes_are_rejected_with_the_docs_messages_before_sending`).
            ErrorCause::Request(faults) => {
                assert!(faults
                    .iter()
                    .all(|f| f.is_constraint() || *f == Fault::Rejected));
                continue;
            }
            other => panic!("Razorpay documents no {other:?} error"),
        };
        met += 1;
        let err = err.expect_err("a documented failure");
        let rt::Error::Api {
            provider,
            status,
            body: Some(body),
            message: shown,
            ..
        } = &err
        else {
            panic!(
                "expected a typed API error for {:?}, got {err:?}",
                e.message
            );
        };
        assert_eq!((*provider, *status), ("razorpay", e.status));
        let body: &UpdateOrderError = body;
        assert_eq!(body.error.description.as_deref(), Some(e.message.as_str()));
        assert_eq!(shown.as_deref(), Some(e.message.as_str()));
        assert!(
            err.to_string().starts_with("razorpay answered 400"),
            "{err}"
        );
        assert!(err.to_string().ends_with(&e.message), "{err}");
    }
    assert_eq!(met, 3, "credentials, an unknown id and a rule in prose");
    // The recording shows what was sent, and never the secret.
    let recorded = format!("{:?}", server.requests());
    assert!(!recorded.contains(KEY_SECRET) && !recorded.contains("not the secret"));
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
