//! Every other provider's client against its mock: a valid update
//! round-trips, and the next update's response shows the first one's
//! changes (Razorpay's are in `razorpay.rs`).

use std::str::FromStr;

use generated_client::runtime as rt;
use mock::MockServer;
use serde_json::json;

async fn start(provider: &str) -> MockServer {
    MockServer::start(provider).await.expect("the mock starts")
}

#[tokio::test]
async fn costplus_updates_persist() {
    use generated_client::costplus::{Client, Credentials, Environment, UpdateOrderRequest};
    const ID: &str = "4851e31c-4137-4e91-95ef-1df945ee76a2";
    let server = start("costplus").await;
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("key"),
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    let first = client
        .update_order(
            ID,
            &UpdateOrderRequest::new("EUR", 1000).description("first"),
        )
        .await
        .expect("a valid update");
    assert_eq!(first.description.as_deref(), Some("first"));
    let second = client
        .update_order(ID, &UpdateOrderRequest::new("EUR", 1200))
        .await
        .expect("a second update");
    assert_eq!(second.amount, Some(1200));
    assert_eq!(
        second.description.as_deref(),
        Some("first"),
        "kept from the first update"
    );
}

#[tokio::test]
async fn square_updates_persist() {
    use generated_client::square::{Client, Credentials, Environment, Order, UpdateOrderRequest};
    const ID: &str = "DREk7wJcyXNHqULq8JJ2iPAsluJZY";
    let server = start("square").await;
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("token"),
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    let first = client
        .update_order(
            ID,
            &UpdateOrderRequest::new(Order::new().version(1).reference_id("first")),
        )
        .await
        .expect("a valid update");
    assert_eq!(
        first.order.reference_id,
        rt::Patch::Set("first".to_string())
    );
    let second = client
        .update_order(ID, &UpdateOrderRequest::new(Order::new().version(2)))
        .await
        .expect("a second update");
    assert_eq!(
        second.order.reference_id,
        rt::Patch::Set("first".to_string())
    );
    // The request carried the idempotency key the client made up.
    let sent = &server.requests()[0];
    assert!(sent.body.contains("\"idempotency_key\""), "{}", sent.body);
}

#[tokio::test]
async fn juspay_form_updates_persist() {
    use generated_client::juspay::{Client, Credentials, Environment, UpdateOrderRequest};
    const ID: &str = "JPAYNEW035";
    let server = start("juspay").await;
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("key"),
        "merchant",
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    let amount = |s| rt::Decimal::from_str(s).expect("a decimal");
    let first = client
        .update_order(ID, &UpdateOrderRequest::new(amount("90.50")).udf1("first"))
        .await
        .expect("a valid update");
    assert_eq!(first.amount, Some(amount("90.50")));
    assert_eq!(first.udf1.as_deref(), Some("first"));
    let second = client
        .update_order(ID, &UpdateOrderRequest::new(amount("91.00")))
        .await
        .expect("a second update");
    assert_eq!(second.amount, Some(amount("91")));
    assert_eq!(
        second.udf1.as_deref(),
        Some("first"),
        "kept from the first update"
    );
    assert_eq!(
        server.requests()[0].body.split('&').next(),
        Some("amount=90.50")
    );
}

#[tokio::test]
async fn commercelayer_json_api_updates_persist() {
    use generated_client::commercelayer::{Client, Credentials, Environment, UpdateOrderRequest};
    const ID: &str = "xYZkjABcde";
    let server = start("commercelayer").await;
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::bearer("token"),
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    let first = client
        .update_order(
            ID,
            &UpdateOrderRequest::new()
                .market("QWERtyUpBa")
                .customer_email("first@example.com"),
        )
        .await
        .expect("a valid update");
    let email = |doc: &generated_client::commercelayer::OrderDocument| {
        doc.data
            .attributes
            .as_ref()
            .and_then(|a| a.customer_email.clone())
    };
    assert_eq!(email(&first).as_deref(), Some("first@example.com"));
    let second = client
        .update_order(
            ID,
            &UpdateOrderRequest::new()
                .market("QWERtyUpBa")
                .language_code("it"),
        )
        .await
        .expect("a second update");
    assert_eq!(email(&second).as_deref(), Some("first@example.com"));
    let attributes = second.data.attributes.expect("attributes");
    assert_eq!(attributes.language_code.as_deref(), Some("it"));
}

#[tokio::test]
async fn paypal_patches_apply_through_the_mocks_token() {
    use generated_client::paypal::{
        AmountWithBreakdown, Client, Credentials, Environment, UpdateOrderPatch, UpdateOrderRequest,
    };
    const ID: &str = "5O190127TN364715T";
    let server = start("paypal").await;
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::new("client-id", "client-secret"),
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    // The order the test holds: one purchase unit, `PUHF`.
    server.seed(
        ID,
        json!({"id": ID, "purchase_units": [{"reference_id": "PUHF", "amount": {"currency_code": "USD", "value": "100.00"}}]}),
    );
    let amount =
        AmountWithBreakdown::new("USD", rt::Decimal::from_str("120.00").expect("a decimal"));
    client
        .update_order(
            ID,
            &UpdateOrderRequest::new(UpdateOrderPatch::replace_purchase_unit_amount(
                "PUHF", amount,
            )),
        )
        .await
        .expect("a valid patch");
    // The patch's path is applied as a JSON Pointer whose
    // `@reference_id=='PUHF'` step picks the purchase unit.
    let held = server.resource(ID).expect("held");
    assert_eq!(
        held.pointer("/purchase_units/0"),
        Some(
            &json!({"reference_id": "PUHF", "amount": {"currency_code": "USD", "value": "120.00"}})
        )
    );
    // A unit the order does not have: REFERENCE_ID_NOT_FOUND
    // (`cause: patch_filter`), and nothing is made up.
    let elsewhere = UpdateOrderPatch::add_purchase_unit_description("PUHX", "Gift");
    let err = client
        .update_order(ID, &UpdateOrderRequest::new(elsewhere))
        .await
        .expect_err("no such unit");
    assert_eq!(err.status(), Some(422));
    assert!(err.to_string().contains("REFERENCE_ID_NOT_FOUND"), "{err}");
    let units = server
        .resource(ID)
        .and_then(|o| o.pointer("/purchase_units").cloned());
    assert_eq!(units.and_then(|u| u.as_array().map(Vec::len)), Some(1));
    let requests = server.requests();
    assert_eq!(requests[0].path, "/v1/oauth2/token");
    assert_eq!(requests[1].method, "PATCH");
    assert_eq!(requests[1].status, 204);
    assert_eq!(requests[2].status, 422);

    // A `replace` of a member the unit does not have: the documented
    // INVALID_PATCH_OPERATION (`cause: patch_target`), typed.
    let describe = UpdateOrderPatch::replace_purchase_unit_description("PUHF", "Gift");
    let err = client
        .update_order(ID, &UpdateOrderRequest::new(describe))
        .await
        .expect_err("the member is absent");
    assert_eq!(err.status(), Some(400));
    assert!(err.to_string().contains("INVALID_PATCH_OPERATION"), "{err}");
    let add = UpdateOrderPatch::add_purchase_unit_description("PUHF", "Gift");
    client
        .update_order(ID, &UpdateOrderRequest::new(add))
        .await
        .expect("an add of an absent member");

    // An order the test made COMPLETED: ORDER_ALREADY_COMPLETED
    // (`cause: { kind: state, field: /status, equals: COMPLETED }`),
    // found first: the `replace` of a member the unit does not have would
    // be INVALID_PATCH_OPERATION on an open order.
    assert!(server.seed_at(ID, "/status", json!("COMPLETED")));
    let describe = UpdateOrderPatch::replace_purchase_unit_soft_descriptor("PUHF", "Other");
    let err = client
        .update_order(ID, &UpdateOrderRequest::new(describe))
        .await
        .expect_err("a completed order");
    assert_eq!(err.status(), Some(422));
    assert!(
        err.to_string().contains(
            "ORDER_ALREADY_COMPLETED: The order cannot be patched after it is completed."
        ),
        "{err}"
    );
    assert_eq!(
        server
            .resource(ID)
            .and_then(|o| o.pointer("/purchase_units/0/description").cloned()),
        Some(json!("Gift")),
        "a refused patch changes nothing"
    );
}

#[tokio::test]
async fn the_controls_seed_delay_and_redact() {
    use generated_client::commercelayer::{Client, Credentials, Environment, UpdateOrderRequest};
    let server = start("commercelayer").await;
    // A resource the examples do not have, seeded by the test.
    let mut seeded = server.resource("xYZkjABcde").expect("the example's order");
    seeded["data"]["id"] = json!("seeded1");
    server.seed("seeded1", seeded);
    server.set_latency(std::time::Duration::from_millis(150));
    let client = Client::new(
        &Environment::Custom(server.base_url()),
        &Credentials::bearer("token-secret"),
        &rt::ClientConfig::default(),
    )
    .expect("a client");
    let started = std::time::Instant::now();
    let doc = client
        .update_order(
            "seeded1",
            &UpdateOrderRequest::new()
                .market("QWERtyUpBa")
                .customer_password("hunter2-secret"),
        )
        .await
        .expect("the seeded order updates");
    assert!(started.elapsed() >= std::time::Duration::from_millis(150));
    assert_eq!(doc.data.id, "seeded1");
    // Neither the token nor the sensitive field shows in what was recorded.
    let sent = &server.requests()[0];
    assert!(!format!("{sent:?}").contains("hunter2-secret"), "{sent:?}");
    assert!(!format!("{sent:?}").contains("token-secret"), "{sent:?}");
    assert!(
        sent.body.contains(r#""customer_password":"[redacted]""#),
        "{}",
        sent.body
    );
    // Nor in what the mock holds: a write-only secret is not kept.
    let held = server.resource("seeded1").expect("held");
    assert!(!held.to_string().contains("hunter2-secret"));
}
