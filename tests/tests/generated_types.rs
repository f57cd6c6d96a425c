//! What the generated types promise: every violation at once with paths and
//! the docs' messages, characters not bytes, cross-field rules, "clear" vs
//! "leave unchanged", redacted secrets, tolerant responses, and every doc
//! sample response decoding.

use generated_client::runtime::{Decimal, ErrorText, Patch, Rule};
use generated_client::{commercelayer, costplus, juspay, razorpay};
use serde_json::{json, Value};

fn notes(entries: impl IntoIterator<Item = (String, Value)>) -> razorpay::Notes {
    entries.into_iter().collect()
}

#[test]
fn razorpay_reports_every_violation_with_paths_and_docs_messages() {
    let mut n: Vec<(String, Value)> = (0..15).map(|i| (format!("k{i}"), json!("v"))).collect();
    n.push(("k".repeat(256), json!("ok")));
    n.push(("long".into(), json!("x".repeat(513))));
    n.push(("list".into(), json!(["a"])));
    let errors = razorpay::UpdateOrderRequest::new(notes(n))
        .validate()
        .expect_err("invalid");
    let found: Vec<(String, Rule, String)> = errors
        .0
        .iter()
        .map(|v| (v.path.clone(), v.rule, v.message.to_string()))
        .collect();
    let key = "k".repeat(256);
    assert_eq!(
        found,
        vec![
            (
                "/notes".into(),
                Rule::MaxEntries,
                "Number of fields in notes should be less than or equal to 15.".into()
            ),
            (
                format!("/notes/{key}"),
                Rule::MaxKeyLength,
                "Notes key cannot be greater than 255 characters.".into()
            ),
            (
                "/notes/long".into(),
                Rule::MaxValueLength,
                "Notes value cannot be greater than 512 characters.".into()
            ),
            (
                "/notes/list".into(),
                Rule::ScalarValues,
                "Notes values themselves should not be an array.".into()
            ),
        ]
    );
}

#[test]
fn lengths_count_characters_not_bytes() {
    // 255 two-byte characters: 510 bytes, within the 255-character limit.
    let key = "é".repeat(255);
    let ok = razorpay::UpdateOrderRequest::new(notes([(key.clone(), json!("ü".repeat(512)))]));
    assert_eq!(ok.validate(), Ok(()));
    let over = razorpay::UpdateOrderRequest::new(notes([(format!("{key}é"), json!("v"))]));
    assert_eq!(
        over.validate().expect_err("256 characters").0[0].rule,
        Rule::MaxKeyLength
    );
}

#[test]
fn json_pointer_paths_escape_keys() {
    let req = razorpay::UpdateOrderRequest::new(notes([("a/b~c".into(), json!({"nested": true}))]));
    let errors = req.validate().expect_err("object value");
    assert_eq!(errors.0[0].path, "/notes/a~1b~0c");
}

#[test]
fn costplus_cross_field_rule_and_formats() {
    let base = || costplus::UpdateOrderRequest::new("EUR", 1000);
    assert_eq!(base().validate(), Ok(()));
    let delayed = base().capture_mode("delayed");
    let errors = delayed
        .validate()
        .expect_err("delayed needs expiration_period");
    assert_eq!(errors.0.len(), 1);
    assert_eq!(errors.0[0].path, "/expiration_period");
    assert_eq!(errors.0[0].rule, Rule::Required);
    assert!(
        errors.0[0]
            .message
            .contains("`delayed` requires `expiration_period`"),
        "{}",
        errors.0[0].message
    );
    assert_eq!(
        base()
            .capture_mode("delayed")
            .expiration_period("PT30M")
            .validate(),
        Ok(())
    );
    // Clearing is not setting: the rule still fires.
    assert!(base()
        .capture_mode("delayed")
        .clear_expiration_period()
        .validate()
        .is_err());

    let bad = costplus::UpdateOrderRequest::new("euro", 1000)
        .expiration_period("30 minutes")
        .return_url("example.com");
    let errors = bad.validate().expect_err("bad formats");
    let paths: Vec<&str> = errors.0.iter().map(|v| v.path.as_str()).collect();
    // In the spec's field order.
    assert_eq!(paths, ["/expiration_period", "/currency", "/return_url"]);
}

#[test]
fn clear_and_leave_unchanged_are_different_requests() {
    let unchanged = costplus::UpdateOrderRequest::new("EUR", 1000);
    let cleared = costplus::UpdateOrderRequest::new("EUR", 1000).clear_merchant_order_id();
    let set = costplus::UpdateOrderRequest::new("EUR", 1000).merchant_order_id("m-1");
    let body = |r: &costplus::UpdateOrderRequest| -> Value {
        serde_json::from_slice(&r.body().expect("encodes").bytes).expect("json")
    };
    assert_eq!(body(&unchanged), json!({"currency": "EUR", "amount": 1000}));
    assert_eq!(
        body(&cleared),
        json!({"merchant_order_id": null, "currency": "EUR", "amount": 1000})
    );
    assert_eq!(body(&set)["merchant_order_id"], json!("m-1"));
}

#[test]
fn body_fields_are_public_to_read_and_to_set_conditionally() {
    let given: Option<&str> = Some("m-1");
    let mut r = costplus::UpdateOrderRequest::new("EUR", 1000).merchant_order_id("order-7");
    // Reading: required, optional, clearable.
    assert_eq!(r.currency, "EUR");
    assert_eq!(r.amount, 1000);
    assert_eq!(r.description, None);
    assert_eq!(r.merchant_order_id, Patch::Set("order-7".to_string()));
    // Setting from an `Option`: `None` leaves the field unset.
    r.description = given.map(String::from);
    r.capture_mode = None;
    r.merchant_name = Patch::Clear;
    let body: Value = serde_json::from_slice(&r.body().expect("encodes").bytes).expect("json");
    assert_eq!(body["description"], json!("m-1"));
    assert_eq!(body["merchant_name"], Value::Null);
    assert!(body.get("capture_mode").is_none());
    // What a caller sets directly is validated like what a setter sets.
    r.currency = "euro".into();
    assert!(r.validate().is_err());
}

#[test]
fn juspay_form_body_and_udf_limit() {
    let amount: Decimal = "90.00".parse().expect("decimal");
    let req = juspay::UpdateOrderRequest::new(amount)
        .udf1("x".repeat(255))
        .billing_address_city("Bengaluru");
    assert_eq!(req.validate(), Ok(()));
    let body = req.body().expect("encodes");
    assert_eq!(body.content_type, "application/x-www-form-urlencoded");
    let text = String::from_utf8(body.bytes).expect("utf-8");
    assert!(text.starts_with("amount=90.00&"), "{text}");
    assert!(text.contains("billing_address_city=Bengaluru"), "{text}");
    let over = juspay::UpdateOrderRequest::new(amount).udf10("x".repeat(256));
    let errors = over.validate().expect_err("256 characters");
    assert_eq!(
        (errors.0[0].path.as_str(), errors.0[0].rule),
        ("/udf10", Rule::MaxLength)
    );
}

#[test]
fn commercelayer_secrets_allowed_values_and_document() {
    let req = commercelayer::UpdateOrderRequest::new()
        .market("QWERtyUpBa")
        .customer_password("hunter2-secret")
        .customer_email("not-an-email")
        .guest(true);
    assert!(
        !format!("{req:?}").contains("hunter2-secret"),
        "Debug redacts the password"
    );
    let errors = req.validate().expect_err("not an e-mail address");
    assert_eq!(
        (errors.0[0].path.as_str(), errors.0[0].rule),
        ("/customer_email", Rule::Format)
    );
    let ok = commercelayer::UpdateOrderRequest::new()
        .market("QWERtyUpBa")
        .customer_password("hunter2-secret")
        .place();
    let doc: Value =
        serde_json::from_slice(&ok.body("xYZkjABcde").expect("encodes").bytes).expect("json");
    assert_eq!(
        doc,
        json!({"data": {
            "type": "orders",
            "id": "xYZkjABcde",
            "attributes": {"customer_password": "hunter2-secret", "_place": true},
            "relationships": {"market": {"data": {"type": "markets", "id": "QWERtyUpBa"}}}
        }})
    );
}

#[test]
fn a_caller_builds_a_response_without_decoding_one() {
    // Response structs are `#[non_exhaustive]`: outside the crate, `new`
    // (the required fields) and the public fields are the way to build one.
    let mut order = razorpay::Order::new("order_1");
    assert_eq!(order.id, "order_1");
    assert_eq!(order.amount, None);
    order.amount = Some(29_500);
    order.status = Some(razorpay::OrderStatus::Paid);
    assert_eq!(order.amount, Some(29_500));
    // The same value as decoding the same fields.
    let decoded: razorpay::Order =
        serde_json::from_value(json!({"id": "order_1", "amount": 29500, "status": "paid"}))
            .expect("decodes");
    // (`PartialEq` is the `partial-eq` feature's; `Debug` shows every field.)
    assert_eq!(format!("{order:?}"), format!("{decoded:?}"));
}

#[test]
fn enums_keep_unknown_values() {
    let status: razorpay::OrderStatus = serde_json::from_value(json!("refunded")).expect("decodes");
    assert_eq!(status, razorpay::OrderStatus::Unknown("refunded".into()));
    assert_eq!(status.as_str(), "refunded");
    let paid: razorpay::OrderStatus = serde_json::from_value(json!("paid")).expect("decodes");
    assert_eq!(paid, razorpay::OrderStatus::Paid);
    assert_eq!(paid.as_str(), "paid");
    assert_eq!(paid.to_string(), "paid");
}

#[test]
fn responses_tolerate_real_servers() {
    // Unknown fields, nulls, quoted numbers and `[]` for `{}`.
    let order: razorpay::Order = serde_json::from_value(json!({
        "id": "order_1", "amount": 100, "notes": [], "offer_id": null, "brand_new_field": {"x": 1}
    }))
    .expect("tolerant decode");
    assert_eq!(order.notes.as_ref().map(|n| n.len()), Some(0));
    assert_eq!(order.amount, Some(100));
    let attrs: commercelayer::OrderAttributes = serde_json::from_value(json!({
        "subtotal_amount_cents": "5000", "guest": "true", "tax_rate": "0.22"
    }))
    .expect("quoted scalars decode");
    assert_eq!(attrs.subtotal_amount_cents, Some(5000));
    assert_eq!(attrs.guest, Some(true));
    assert_eq!(attrs.tax_rate, Some("0.22".parse().expect("decimal")));
    // A required field missing is a decode error, not a panic.
    assert!(serde_json::from_value::<razorpay::Order>(json!({"amount": 1})).is_err());
}

/// The `examples:` of a spec, as (operation response status, body).
fn sample_responses(spec: &str) -> Vec<(u64, Value)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .join(spec);
    let doc: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).expect("spec")).expect("yaml");
    let mut out = Vec::new();
    for op in doc["operations"].as_mapping().expect("operations").values() {
        for ex in op["examples"].as_sequence().into_iter().flatten() {
            if let Some(body) = ex["response"].get("body") {
                let status = ex["response"]["status"].as_u64().expect("status");
                out.push((status, serde_json::to_value(body).expect("json")));
            }
        }
    }
    out
}

/// A documented error sample decodes into the typed error body, which
/// gives the provider's message (what `Display` shows).
fn error_sample<E: serde::de::DeserializeOwned + ErrorText>(provider: &str, body: Value) -> E {
    let e: E = serde_json::from_value(body)
        .unwrap_or_else(|err| panic!("{provider}: an error sample does not decode: {err}"));
    assert!(
        e.message().is_some(),
        "{provider}: an error sample without a message"
    );
    e
}

#[test]
fn every_doc_sample_response_decodes() {
    let mut decoded = 0;
    for (status, body) in sample_responses("razorpay.yaml") {
        if status == 200 {
            let o: razorpay::Order = serde_json::from_value(body).expect("razorpay sample");
            assert_eq!(o.id, "order_DaaS6LOUAASb7Y");
            assert_eq!(o.status, Some(razorpay::OrderStatus::Attempted));
        } else {
            let e: razorpay::ErrorBody = error_sample("razorpay", body);
            assert_eq!(e.code(), Some("BAD_REQUEST_ERROR"));
        }
        decoded += 1;
    }
    for (status, body) in sample_responses("juspay.yaml") {
        if status == 200 {
            let o: juspay::Order = serde_json::from_value(body).expect("juspay sample");
            assert!(["JPAYNEW035", "JP1636474794"].contains(&o.order_id.as_str()));
        } else {
            let e: juspay::ErrorBody = error_sample("juspay", body);
            assert_eq!(e.error_message.as_deref(), Some("Bad request."));
        }
        decoded += 1;
    }
    for (status, body) in sample_responses("commercelayer.yaml") {
        if status == 200 {
            let d: commercelayer::OrderDocument =
                serde_json::from_value(body).expect("commerce layer sample");
            assert!(d.data.attributes.is_some(), "attributes");
        } else {
            let e: commercelayer::ErrorDocument = error_sample("commercelayer", body);
            assert!(e.code().is_some());
        }
        decoded += 1;
    }
    for (status, body) in sample_responses("costplus.yaml") {
        if status == 200 {
            serde_json::from_value::<costplus::Order>(body).expect("costplus sample");
        } else {
            let e: costplus::ErrorBody = error_sample("costplus", body);
            assert_eq!(
                e.message(),
                Some("No authorization for the requested resource")
            );
        }
        decoded += 1;
    }
    // Razorpay 2, Juspay 3 (two success samples), Commerce Layer 5: each
    // one's success samples and its documented error samples; CostPlus 1:
    // its error sample (its page shows no response).
    assert_eq!(decoded, 11, "the specs carry the docs' sample responses");
}

#[test]
fn url_variables_cannot_move_requests_to_another_host() {
    let env = |s: &str| commercelayer::Environment::Production {
        subdomain: s.into(),
    };
    assert_eq!(
        env("yourdomain").base_url().as_deref(),
        Ok("https://yourdomain.commercelayer.io")
    );
    for hostile in ["attacker.example/", "a@b", "x?y", "", "a.b"] {
        assert!(env(hostile).base_url().is_err(), "{hostile:?} is refused");
        let client = commercelayer::Client::new(
            &env(hostile),
            &commercelayer::Credentials::bearer("token-secret"),
            &generated_client::runtime::ClientConfig::default(),
        );
        assert!(client.is_err(), "{hostile:?} is refused by the client too");
    }
}

#[test]
fn secrets_in_undecodable_responses_are_redacted_from_errors() {
    use generated_client::runtime::{decode_redacting, Error, HttpResponse};
    // A success body that does not decode (`data` must be an object), carrying the order token.
    let body = br#"{"data": [], "meta": {"token": "1c0994cc4e996e8c6ee56a2198f66f3c"}}"#.to_vec();
    let response = HttpResponse {
        status: 200,
        headers: Vec::new(),
        body,
    };
    let err = decode_redacting::<commercelayer::OrderDocument, commercelayer::ErrorDocument>(
        "commercelayer",
        200,
        &response,
        &["checkout_url", "token"],
    )
    .expect_err("does not decode");
    assert!(matches!(err, Error::Decode { .. }));
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("1c0994cc4e996e8c6ee56a2198f66f3c"),
        "{shown}"
    );
    assert!(shown.contains("[REDACTED]"), "{shown}");
}
