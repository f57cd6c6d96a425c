//! The test README.md offers to copy ("Testing your code against the
//! mock"), as it is there: the README check below keeps the two equal.

use generated_client::razorpay::{Client, Credentials, Environment, Notes, UpdateOrderRequest};
use generated_client::runtime as rt;
use mock::{Failure, MockServer};

#[tokio::test]
async fn my_code_updates_the_order_notes() {
    let server = MockServer::start("razorpay")
        .await
        .expect("the mock starts");
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("key_id", "key_secret"),
        &rt::ClientConfig::default().retry(rt::RetryPolicy::standard()),
    )
    .expect("a client");
    let mut notes = Notes::new();
    notes.insert("purpose".into(), serde_json::json!("test"));

    // A 429 first: the client retries after `Retry-After`.
    server.fail_next(Failure::status(429).retry_after(0));
    let order = client
        .update_order("order_DaaS6LOUAASb7Y", &UpdateOrderRequest::new(notes))
        .await
        .expect("updated");
    assert_eq!(order.notes.expect("notes")["purpose"], "test");

    // What the mock received, credentials redacted.
    let sent = server.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].body, r#"{"notes":{"purpose":"test"}}"#);

    // An id the mock does not hold: the documented error, typed.
    let err = client
        .update_order("order_unknown", &UpdateOrderRequest::new(Notes::new()))
        .await
        .expect_err("not found");
    assert!(
        err.to_string().contains("The id provided does not exist"),
        "{err}"
    );
}

#[test]
fn the_readme_shows_this_test() {
    let readme = include_str!("../../README.md");
    let this = include_str!("readme.rs");
    let code = this
        .split_once("\n\n")
        .map(|(_, rest)| rest)
        .and_then(|rest| {
            rest.split("\n#[test]\nfn the_readme_shows_this_test")
                .next()
        })
        .expect("the copied test");
    assert!(
        readme.contains(code),
        "README.md's mock test differs from mock/tests/readme.rs"
    );
}
