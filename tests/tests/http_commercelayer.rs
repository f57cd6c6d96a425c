//! Commerce Layer's generated client against a real HTTP server on
//! loopback: the exact JSON:API request (`PATCH /api/orders/{id}`, Bearer
//! token, `Accept` and `Content-Type: application/vnd.api+json`, the
//! document with `type`, `id`, `attributes` and `relationships` in the
//! spec's order), the docs' sample response decoded field by field, and the
//! documented JSON:API error documents.

use std::str::FromStr;

use generated_client::commercelayer::{
    Client, Credentials, Environment, FulfillmentStatus, Metadata, OrderDocument, OrderStatus,
    PaymentStatus, UpdateOrderRequest,
};
use generated_client::runtime as rt;
use integration_tests::{documented_errors, example, header_values, only_request, str_at};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "eyJhbGciOiJIUzUxMiJ9.test-access-token";

fn client(server: &MockServer) -> Client {
    Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::bearer(TOKEN),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

async fn respond(server: &MockServer, status: u16, body: &Value) {
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(
            serde_json::to_vec(body).expect("JSON"),
            "application/vnd.api+json",
        ))
        .mount(server)
        .await;
}

fn decimal(s: &str) -> rt::Decimal {
    rt::Decimal::from_str(s).expect("a decimal")
}

/// The docs' sample request, through the generated builder.
fn sample_request(sample: &Value) -> UpdateOrderRequest {
    let a = &sample["request"]["data"]["attributes"];
    let r = &sample["request"]["data"]["relationships"];
    let s = |k: &str| a[k].as_str().expect("string attribute").to_string();
    let rel = |k: &str| str_at(r, &format!("/{k}/data/id")).to_string();
    let metadata: Metadata = a["metadata"]
        .as_object()
        .expect("metadata")
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    UpdateOrderRequest::new()
        .market(rel("market"))
        .guest(a["guest"].as_bool().expect("guest"))
        .customer_email(s("customer_email"))
        .customer_password(s("customer_password"))
        .language_code(s("language_code"))
        .shipping_country_code_lock(s("shipping_country_code_lock"))
        .coupon_code(s("coupon_code"))
        .cart_url(s("cart_url"))
        .return_url(s("return_url"))
        .terms_url(s("terms_url"))
        .privacy_url(s("privacy_url"))
        .place()
        .cancel()
        .approve()
        .capture()
        .refund()
        .update_taxes()
        .billing_address_clone_id(s("_billing_address_clone_id"))
        .shipping_address_clone_id(s("_shipping_address_clone_id"))
        .customer_payment_source_id(s("_customer_payment_source_id"))
        .shipping_address_same_as_billing()
        .billing_address_same_as_shipping()
        .save_payment_source_to_customer_wallet()
        .save_shipping_address_to_customer_address_book()
        .save_billing_address_to_customer_address_book()
        .refresh()
        .reference(s("reference"))
        .metadata(metadata)
        .customer(rel("customer"))
        .shipping_address(rel("shipping_address"))
        .billing_address(rel("billing_address"))
        .payment_method(rel("payment_method"))
        .payment_source(rel("payment_source"))
}

const SAMPLE_BODY: &str = concat!(
    r#"{"data":{"type":"orders","id":"xYZkjABcde","attributes":{"#,
    r#""guest":true,"customer_email":"john@example.com","customer_password":"secret","#,
    r#""language_code":"it","shipping_country_code_lock":"IT","coupon_code":"SUMMERDISCOUNT","#,
    r#""cart_url":"https://yourbrand.com/cart","return_url":"https://yourbrand.com/","#,
    r#""terms_url":"https://yourbrand.com/terms","privacy_url":"https://yourbrand.com/privacy","#,
    r#""_place":true,"_cancel":true,"_approve":true,"_capture":true,"_refund":true,"_update_taxes":true,"#,
    r#""_billing_address_clone_id":"1234","_shipping_address_clone_id":"1234","#,
    r#""_customer_payment_source_id":"1234","_shipping_address_same_as_billing":true,"#,
    r#""_billing_address_same_as_shipping":true,"_save_payment_source_to_customer_wallet":true,"#,
    r#""_save_shipping_address_to_customer_address_book":true,"#,
    r#""_save_billing_address_to_customer_address_book":true,"_refresh":true,"#,
    r#""reference":"ANYREFEFERNCE","metadata":{"foo":"bar"}},"#,
    r#""relationships":{"#,
    r#""market":{"data":{"type":"markets","id":"QWERtyUpBa"}},"#,
    r#""customer":{"data":{"type":"customers","id":"QWERtyUpBa"}},"#,
    r#""shipping_address":{"data":{"type":"addresses","id":"QWERtyUpBa"}},"#,
    r#""billing_address":{"data":{"type":"addresses","id":"QWERtyUpBa"}},"#,
    r#""payment_method":{"data":{"type":"payment_methods","id":"QWERtyUpBa"}},"#,
    r#""payment_source":{"data":{"type":"payment_sources","id":"QWERtyUpBa"}}}}}"#
);

#[tokio::test]
async fn docs_sample_is_sent_byte_for_byte_and_its_response_decodes() {
    let sample = example("commercelayer", "update_order", "docs_sample");
    let server = MockServer::start().await;
    respond(&server, 200, &sample["response"]["body"]).await;

    let id = str_at(&sample, "/path_params/id");
    let doc: OrderDocument = client(&server)
        .update_order(id, &sample_request(&sample))
        .await
        .expect("the sample response decodes");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PATCH");
    assert_eq!(sent.url.path(), "/api/orders/xYZkjABcde");
    assert_eq!(sent.url.query(), None);
    assert_eq!(
        header_values(&sent, "authorization"),
        [format!("Bearer {TOKEN}")]
    );
    assert_eq!(header_values(&sent, "accept"), ["application/vnd.api+json"]);
    assert_eq!(
        header_values(&sent, "content-type"),
        ["application/vnd.api+json"]
    );
    assert_eq!(
        String::from_utf8(sent.body.clone()).expect("UTF-8"),
        SAMPLE_BODY
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&sent.body).expect("JSON"),
        sample["request"],
        "the body is the spec's sample document"
    );

    let data = doc.data;
    assert_eq!(data.id, "{{order_id}}");
    assert_eq!(data.resource_type, "orders");
    assert_eq!(
        data.links.and_then(|l| l.self_link).as_deref(),
        Some("https://{{subdomain}}.commercelayer.io/api/orders/{{order_id}}")
    );
    let a = data.attributes.expect("attributes");
    assert_eq!(a.number.as_deref(), Some("1234"));
    assert_eq!(a.status, Some(OrderStatus::Draft));
    assert_eq!(a.payment_status, Some(PaymentStatus::Unpaid));
    assert_eq!(a.fulfillment_status, Some(FulfillmentStatus::Unfulfilled));
    assert_eq!(a.guest, Some(true));
    assert_eq!(a.editable, Some(true));
    assert_eq!(a.placeable, Some(false));
    assert_eq!(a.customer_email.as_deref(), Some("john@example.com"));
    assert_eq!(a.currency_code.as_deref(), Some("EUR"));
    assert_eq!(a.tax_rate, Some(decimal("0.22")));
    assert_eq!(a.subtotal_amount_cents, Some(5000));
    assert_eq!(a.subtotal_amount_float, Some(decimal("50.0")));
    assert_eq!(a.formatted_subtotal_amount.as_deref(), Some("€50,00"));
    assert_eq!(a.discount_amount_cents, Some(-500));
    assert_eq!(a.discount_taxable_amount_float, Some(decimal("-4.10")));
    assert_eq!(a.formatted_discount_tax_amount.as_deref(), Some("-€0,90"));
    assert_eq!(a.total_amount_with_taxes_cents, Some(5700));
    assert_eq!(
        a.total_amount_with_taxes_float
            .map(|d| d.to_string())
            .as_deref(),
        Some("57.00"),
        "decimals keep their scale"
    );
    assert_eq!(a.skus_count, Some(2));
    assert_eq!(a.shipments_count, Some(1));
    assert_eq!(a.payment_source_details, None);
    assert_eq!(
        a.token.as_ref().map(rt::Secret::expose),
        Some("1c0994cc4e996e8c6ee56a2198f66f3c")
    );
    assert_eq!(
        a.checkout_url.as_ref().map(rt::Secret::expose),
        Some("https://commerce.yourbrand.com/checkout/1c0994cc4e996e8c6ee56a2198f66f3c")
    );
    assert_eq!(a.placed_at.as_deref(), Some("2018-01-01T12:00:00.000Z"));
    assert_eq!(a.reference.as_deref(), Some("ANYREFEFERNCE"));
    assert_eq!(
        a.metadata.as_ref().expect("metadata").get("foo"),
        Some(&json!("bar"))
    );
    let rels = data.relationships.expect("relationships");
    assert_eq!(
        rels.shipments
            .and_then(|r| r.links)
            .and_then(|l| l.related)
            .as_deref(),
        Some("https://{{subdomain}}.commercelayer.io/api/orders/{{order_id}}/shipments")
    );
    assert_eq!(
        rels.market
            .and_then(|r| r.links)
            .and_then(|l| l.self_link)
            .as_deref(),
        Some("https://{{subdomain}}.commercelayer.io/api/orders/{{order_id}}/relationships/market")
    );
    assert_eq!(data.meta.and_then(|m| m.mode).as_deref(), Some("test"));
    // The sensitive response fields stay out of Debug output.
    let shown = format!("{a:?}");
    assert!(
        !shown.contains("1c0994cc4e996e8c6ee56a2198f66f3c"),
        "{shown}"
    );
}

#[tokio::test]
async fn the_current_references_triggers_are_no_argument_methods_sent_with_attributes_only() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        &json!({"data": {"id": "ord_1", "type": "orders", "attributes": {
            "status": "approved", "payment_status": "paid",
            "gift_card_amount_cents": "1500", "duty_amount_float": "0.0",
            "archived_at": "2018-01-01T12:00:00.000Z", "requires_billing_info": "false",
            "reference_origin": "ERP", "customer_type": "returning"
        }}}),
    )
    .await;
    // No relationship at all: an update of attributes and triggers only.
    let request = UpdateOrderRequest::new()
        .gift_card_code("cc92c23e")
        .authorization_amount_cents(500)
        .authorize()
        .approve_and_capture()
        .archive()
        .unarchive()
        .run_validation()
        .add_tags("vip,gift");
    let doc = client(&server)
        .update_order("ord_1", &request)
        .await
        .expect("decodes");
    let sent = only_request(&server).await;
    assert_eq!(
        String::from_utf8(sent.body).expect("UTF-8"),
        concat!(
            r#"{"data":{"type":"orders","id":"ord_1","attributes":{"gift_card_code":"cc92c23e","#,
            r#""_archive":true,"_unarchive":true,"_approve_and_capture":true,"_authorize":true,"#,
            r#""_authorization_amount_cents":500,"_validate":true,"_add_tags":"vip,gift"}}}"#
        )
    );
    let a = doc.data.attributes.expect("attributes");
    assert_eq!(a.gift_card_amount_cents, Some(1500));
    assert_eq!(a.duty_amount_float, Some("0.0".parse().expect("decimal")));
    assert_eq!(a.archived_at.as_deref(), Some("2018-01-01T12:00:00.000Z"));
    assert_eq!(a.requires_billing_info, Some(false));
    assert_eq!(a.reference_origin.as_deref(), Some("ERP"));
    assert_eq!(
        a.customer_type,
        Some(generated_client::commercelayer::CustomerType::Returning)
    );
}

#[tokio::test]
async fn a_market_only_update_has_no_attributes_member_and_metadata_keeps_its_order() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        &json!({"data": {"id": "ord_1", "type": "orders", "attributes": {"metadata": []}}}),
    )
    .await;
    let client = client(&server);
    let doc = client
        .update_order("ord_1", &UpdateOrderRequest::new().market("mkt_1"))
        .await
        .expect("decodes");
    assert_eq!(
        doc.data.attributes.and_then(|a| a.metadata),
        Some(Metadata::new())
    );
    let sent = only_request(&server).await;
    assert_eq!(
        String::from_utf8(sent.body).expect("UTF-8"),
        r#"{"data":{"type":"orders","id":"ord_1","relationships":{"market":{"data":{"type":"markets","id":"mkt_1"}}}}}"#
    );

    // Map keys go out in the order the caller inserted them.
    server.reset().await;
    respond(
        &server,
        200,
        &json!({"data": {"id": "ord_1", "type": "orders"}}),
    )
    .await;
    let mut metadata = Metadata::new();
    metadata.insert("zeta".into(), json!(1));
    metadata.insert("alpha".into(), json!({"a": 1, "b": 2}));
    let request = UpdateOrderRequest::new()
        .market("mkt_1")
        .reference("ref-9")
        .guest(false)
        .metadata(metadata)
        .payment_source("ps_1");
    client
        .update_order("ord_1", &request)
        .await
        .expect("decodes");
    let sent = only_request(&server).await;
    assert_eq!(
        String::from_utf8(sent.body).expect("UTF-8"),
        concat!(
            r#"{"data":{"type":"orders","id":"ord_1","attributes":{"guest":false,"#,
            r#""reference":"ref-9","metadata":{"zeta":1,"alpha":{"a":1,"b":2}}},"#,
            r#""relationships":{"market":{"data":{"type":"markets","id":"mkt_1"}},"#,
            r#""payment_source":{"data":{"type":"payment_sources","id":"ps_1"}}}}}"#
        )
    );
}

#[tokio::test]
async fn documented_errors_decode_as_jsonapi_error_documents() {
    let errors = documented_errors("commercelayer", "update_order");
    assert_eq!(
        errors.iter().map(|e| e.status).collect::<Vec<_>>(),
        [400, 401, 404, 422]
    );
    let server = MockServer::start().await;
    let client = client(&server);
    let request = UpdateOrderRequest::new().market("QWERtyUpBa");
    for documented in &errors {
        server.reset().await;
        let title = documented.message.as_deref().expect("message");
        // JSON:API writes `status` as a string; some servers send a number.
        let status_member = if documented.status == 422 {
            json!(422)
        } else {
            json!(documented.status.to_string())
        };
        let body = json!({
            "errors": [
                {
                    "title": title,
                    "detail": format!("{title} (detail)"),
                    "code": format!("E{}", documented.status),
                    "status": status_member,
                    "source": {"pointer": "/data/attributes/customer_email"},
                    "meta": {"error": ["is invalid"]}
                },
                {"title": "second"}
            ]
        });
        respond(&server, documented.status, &body).await;
        let err = client
            .update_order("xYZkjABcde", &request)
            .await
            .expect_err("a documented failure");
        let rt::Error::Api {
            provider,
            status,
            body: Some(decoded),
            ..
        } = &err
        else {
            panic!("expected a typed API error, got {err:?}");
        };
        assert_eq!(*provider, "commercelayer");
        assert_eq!(*status, documented.status);
        assert_eq!(decoded.errors.len(), 2);
        let first = &decoded.errors[0];
        assert_eq!(first.title.as_deref(), Some(title));
        assert_eq!(
            first.detail.as_deref(),
            Some(format!("{title} (detail)").as_str())
        );
        assert_eq!(
            first.code.as_deref(),
            Some(format!("E{}", documented.status).as_str())
        );
        assert_eq!(
            first.status.as_deref(),
            Some(documented.status.to_string().as_str())
        );
        assert_eq!(
            first.source.as_ref().and_then(|s| s.pointer.as_deref()),
            Some("/data/attributes/customer_email")
        );
        assert_eq!(first.meta, Some(json!({"error": ["is invalid"]})));
        assert_eq!(decoded.errors[1].title.as_deref(), Some("second"));
        // The first error's code and detail.
        assert_eq!(
            err.to_string(),
            format!(
                "commercelayer answered {0} (E{0}): {title} (detail)",
                documented.status
            )
        );
        assert_eq!(
            only_request(&server).await.url.path(),
            "/api/orders/xYZkjABcde"
        );
    }
}

#[tokio::test]
async fn the_handling_errors_page_samples_decode_and_show_code_and_detail() {
    let server = MockServer::start().await;
    let client = client(&server);
    let request = UpdateOrderRequest::new().customer_email("john@example.com");
    for (name, shown) in [
        (
            "error_unauthorized",
            "commercelayer answered 401 (UNAUTHORIZED): You are not authorized to perform this action on the requested resource.",
        ),
        (
            "error_key_not_included_in_url",
            "commercelayer answered 400 (KEY_NOT_INCLUDED_IN_URL): The URL does not support the key 10272",
        ),
        (
            "error_record_not_found",
            "commercelayer answered 404 (RECORD_NOT_FOUND): The requested resource was not found. Please double-check the resource id.",
        ),
        (
            "error_validation",
            "commercelayer answered 422 (VALIDATION_ERROR): quantity - must be less than or equal to 10",
        ),
    ] {
        let sample = example("commercelayer", "update_order", name);
        let status = u16::try_from(sample["response"]["status"].as_u64().expect("status"))
            .expect("a status");
        server.reset().await;
        respond(&server, status, &sample["response"]["body"]).await;
        let err = client
            .update_order("xYZkjABcde", &request)
            .await
            .expect_err("a documented failure");
        let rt::Error::Api {
            body: Some(decoded),
            ..
        } = &err
        else {
            panic!("{name}: expected a typed API error, got {err:?}");
        };
        let first = &decoded.errors[0];
        assert_eq!(first.status.as_deref(), Some(&*status.to_string()), "{name}");
        assert_eq!(err.to_string(), shown, "{name}");
        if name == "error_validation" {
            assert_eq!(
                first.source.as_ref().and_then(|s| s.pointer.as_deref()),
                Some("/data/attributes/quantity")
            );
            assert_eq!(
                first.meta,
                Some(json!({"error": "less_than_or_equal_to", "value": 100, "count": 10}))
            );
        }
    }
}

#[tokio::test]
async fn an_invalid_update_with_a_trigger_sends_nothing() {
    let server = MockServer::start().await;
    respond(
        &server,
        200,
        &json!({"data": {"id": "o", "type": "orders"}}),
    )
    .await;
    let err = client(&server)
        .update_order(
            "o",
            &UpdateOrderRequest::new()
                .market("m")
                .place()
                .customer_email("nope"),
        )
        .await
        .expect_err("invalid");
    let paths: Vec<(&str, rt::Rule)> = err
        .violations()
        .expect("validation")
        .0
        .iter()
        .map(|v| (v.path.as_str(), v.rule))
        .collect();
    assert_eq!(paths, [("/customer_email", rt::Rule::Format)]);
    assert!(server
        .received_requests()
        .await
        .expect("recording")
        .is_empty());
}

#[test]
fn every_boolean_trigger_of_the_reference_is_a_no_argument_method_sending_true() {
    let request = UpdateOrderRequest::new()
        .archive()
        .unarchive()
        .pending()
        .place()
        .cancel()
        .approve()
        .approve_and_capture()
        .authorize()
        .capture()
        .refund()
        .fulfill()
        .update_taxes()
        .nullify_payment_source()
        .fix_payment_source()
        .shipping_address_same_as_billing()
        .billing_address_same_as_shipping()
        .commit_invoice()
        .refund_invoice()
        .save_payment_source_to_customer_wallet()
        .save_shipping_address_to_customer_address_book()
        .save_billing_address_to_customer_address_book()
        .refresh()
        .refresh_prices()
        .run_validation()
        .create_subscriptions()
        .start_editing()
        .stop_editing()
        .reset_circuit();
    let doc: Value =
        serde_json::from_slice(&request.body("o").expect("encodes").bytes).expect("JSON");
    let attributes = doc["data"]["attributes"].as_object().expect("attributes");
    let triggers = [
        "_archive",
        "_unarchive",
        "_pending",
        "_place",
        "_cancel",
        "_approve",
        "_approve_and_capture",
        "_authorize",
        "_capture",
        "_refund",
        "_fulfill",
        "_update_taxes",
        "_nullify_payment_source",
        "_fix_payment_source",
        "_shipping_address_same_as_billing",
        "_billing_address_same_as_shipping",
        "_commit_invoice",
        "_refund_invoice",
        "_save_payment_source_to_customer_wallet",
        "_save_shipping_address_to_customer_address_book",
        "_save_billing_address_to_customer_address_book",
        "_refresh",
        "_refresh_prices",
        "_validate",
        "_create_subscriptions",
        "_start_editing",
        "_stop_editing",
        "_reset_circuit",
    ];
    assert_eq!(attributes.len(), triggers.len());
    for name in triggers {
        assert_eq!(attributes.get(name), Some(&Value::Bool(true)), "{name}");
    }
    assert!(doc["data"].get("relationships").is_none());
}

#[tokio::test]
async fn client_credentials_get_a_token_with_a_json_body_and_send_it_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "eyJhbGciOiJIUzUxMiJ9.cl-token",
            "token_type": "bearer",
            "expires_in": 7200,
            "scope": "market:all",
            "created_at": 1_580_000_000
        })))
        .mount(&server)
        .await;
    respond(
        &server,
        200,
        &json!({"data": {"id": "o", "type": "orders"}}),
    )
    .await;
    // The spec's endpoint is https://auth.commercelayer.io/oauth/token;
    // the test server stands in for it.
    let client = Client::new(
        &Environment::Custom(server.uri()),
        &Credentials::client_credentials("cl_client_id", "cl_client_secret"),
        &rt::ClientConfig::default().token_url(format!("{}/oauth/token", server.uri())),
    )
    .expect("a loopback client");
    for _ in 0..2 {
        client
            .update_order("o", &UpdateOrderRequest::new().place())
            .await
            .expect("200");
    }
    let sent = server.received_requests().await.expect("recording");
    assert_eq!(sent.len(), 3, "one token for two calls");
    assert_eq!(sent[0].url.path(), "/oauth/token");
    assert_eq!(
        sent[0]
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
    assert!(sent[0].headers.get("authorization").is_none());
    assert_eq!(
        String::from_utf8_lossy(&sent[0].body),
        r#"{"grant_type":"client_credentials","client_id":"cl_client_id","client_secret":"cl_client_secret"}"#
    );
    for api in &sent[1..] {
        assert_eq!(
            api.headers
                .get("authorization")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer eyJhbGciOiJIUzUxMiJ9.cl-token")
        );
    }
    assert!(!format!("{client:?}").contains("cl_client_secret"));
}

#[test]
fn a_custom_environment_does_not_send_client_credentials_to_the_production_endpoint() {
    let err = Client::new(
        &Environment::Custom("http://127.0.0.1:9".into()),
        &Credentials::client_credentials("cl_client_id", "cl_client_secret"),
        &rt::ClientConfig::default(),
    )
    .expect_err("no token URL for a custom environment");
    assert!(err.to_string().contains("token_url"), "{err}");
    assert!(!err.to_string().contains("cl_client_secret"));
}
