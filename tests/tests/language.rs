//! The constructs of the spec language, through the code generated from
//! `fixtures/language/` (see `build.rs`): exact bodies, decoding of the
//! documented shapes, validation with the docs' messages.

use generated_client::runtime::{Patch, Rule};
use integration_tests::shop;
use serde_json::json;

fn text(body: generated_client::runtime::Body) -> String {
    String::from_utf8(body.bytes).expect("UTF-8")
}

fn shipping() -> shop::Shipping {
    shop::Shipping::new(
        "Ada Lovelace",
        shop::Address::new("12 St James's Sq").city("London"),
    )
}

fn metadata(pairs: &[(&str, &str)]) -> shop::Metadata {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

// ---- builders at every depth ----------------------------------------------

#[test]
fn nested_request_objects_are_built_with_constructors_and_setters() {
    let address = shop::Address::new("1 Main St")
        .city("Springfield")
        .postal_code("12345");
    assert_eq!(address.line1, "1 Main St");
    assert_eq!(address.city.as_deref(), Some("Springfield"));
    assert_eq!(address.postal_code, Patch::Set("12345".to_string()));
    let cleared = address.clone().clear_postal_code();
    assert_eq!(cleared.postal_code, Patch::Clear);
    let s = shop::Shipping::new("Ada", address).phone("+44 20");
    assert_eq!(s.phone.as_set().map(String::as_str), Some("+44 20"));
    let item = shop::Item::new("tea").quantity(2);
    assert_eq!((item.name.as_str(), item.quantity), ("tea", Some(2)));
}

#[test]
fn a_type_that_contains_itself_is_boxed() {
    let leaf = shop::Category::new("Tea")
        .parent(shop::Category::new("Drinks").parent(shop::Category::new("Food")));
    let parent: &shop::Category = leaf.parent.as_deref().expect("parent");
    assert_eq!(parent.name, "Drinks");
    assert_eq!(
        parent.parent.as_deref().map(|c| c.name.as_str()),
        Some("Food")
    );
    // Decoding follows the same shape, to any depth the JSON has.
    let order: shop::Order = serde_json::from_value(json!({
        "id": "o1",
        "category": {"name": "Tea", "parent": {"name": "Drinks", "parent": {"name": "Food"}}}
    }))
    .expect("decodes");
    // The types compare without `PartialEq` (off by default): through
    // their `Debug` output, which shows every field.
    assert_eq!(format!("{:?}", order.category), format!("{:?}", Some(leaf)));
}

// ---- form bodies with structure -------------------------------------------

#[test]
fn form_bodies_nest_objects_maps_and_lists_with_indexes_and_encoded_brackets() {
    let request = shop::UpdateOrderRequest::new()
        .shipping(shipping())
        .metadata(metadata(&[("ref", "A&B"), ("channel", "web")]))
        .expand(vec!["customer".into(), "items".into()])
        .items(vec![
            shop::Item::new("tea").quantity(2),
            shop::Item::new("cup"),
        ])
        .category(shop::Category::new("Tea").parent(shop::Category::new("Drinks")))
        .note("leave at door");
    assert_eq!(
        text(request.body().expect("encodes")),
        concat!(
            "shipping%5Bname%5D=Ada+Lovelace",
            "&shipping%5Baddress%5D%5Bline1%5D=12+St+James%27s+Sq",
            "&shipping%5Baddress%5D%5Bcity%5D=London",
            "&metadata%5Bref%5D=A%26B&metadata%5Bchannel%5D=web",
            "&expand%5B0%5D=customer&expand%5B1%5D=items",
            "&items%5B0%5D%5Bname%5D=tea&items%5B0%5D%5Bquantity%5D=2",
            "&items%5B1%5D%5Bname%5D=cup",
            "&category%5Bname%5D=Tea&category%5Bparent%5D%5Bname%5D=Drinks",
            "&note=leave+at+door",
        )
    );
}

#[test]
fn form_bodies_clear_a_whole_object_map_or_list_with_an_empty_value() {
    let request = shop::UpdateOrderRequest::new()
        .clear_shipping()
        .clear_metadata()
        .clear_items()
        .clear_note();
    assert_eq!(
        text(request.body().expect("encodes")),
        "shipping=&metadata=&items=&note="
    );
    // A nested clearable field clears inside its object.
    let request = shop::UpdateOrderRequest::new().shipping(
        shop::Shipping::new("Ada", shop::Address::new("1 Main St").clear_postal_code())
            .clear_phone(),
    );
    assert_eq!(
        text(request.body().expect("encodes")),
        concat!(
            "shipping%5Bname%5D=Ada&shipping%5Baddress%5D%5Bline1%5D=1+Main+St",
            "&shipping%5Baddress%5D%5Bpostal_code%5D=&shipping%5Bphone%5D=",
        )
    );
    // Nothing set, nothing sent.
    assert_eq!(
        text(shop::UpdateOrderRequest::new().body().expect("encodes")),
        ""
    );
}

#[test]
fn form_bodies_in_the_empty_bracket_style_with_literal_brackets() {
    let request = shop::UpdateCartRequest::new()
        .shipping(shipping())
        .expand(vec!["customer".into(), "items".into()])
        .items(vec![shop::Item::new("tea").quantity(2)]);
    assert_eq!(
        text(request.body().expect("encodes")),
        concat!(
            "shipping[name]=Ada+Lovelace&shipping[address][line1]=12+St+James%27s+Sq",
            "&shipping[address][city]=London&expand[]=customer&expand[]=items",
            "&items[][name]=tea&items[][quantity]=2",
        )
    );
}

// ---- the same nested types in JSON ----------------------------------------

#[test]
fn json_bodies_carry_the_same_nested_types() {
    let request = shop::ReplaceOrderRequest::new()
        .shipping(shipping())
        .metadata(metadata(&[("ref", "A&B")]))
        .items(vec![shop::Item::new("tea").quantity(2)])
        .category(shop::Category::new("Tea").parent(shop::Category::new("Drinks")));
    assert_eq!(
        text(request.body().expect("encodes")),
        concat!(
            r#"{"shipping":{"name":"Ada Lovelace","address":{"line1":"12 St James's Sq","city":"London"}},"#,
            r#""metadata":{"ref":"A&B"},"items":[{"name":"tea","quantity":2}],"#,
            r#""category":{"name":"Tea","parent":{"name":"Drinks"}}}"#,
        )
    );
    let cleared = shop::ReplaceOrderRequest::new().shipping(shop::Shipping::new(
        "Ada",
        shop::Address::new("1 Main St").clear_postal_code(),
    ));
    assert_eq!(
        text(cleared.body().expect("encodes")),
        r#"{"shipping":{"name":"Ada","address":{"line1":"1 Main St","postal_code":null}}}"#
    );
    assert_eq!(
        text(
            shop::ReplaceOrderRequest::new()
                .clear_shipping()
                .body()
                .expect("encodes")
        ),
        r#"{"shipping":null}"#
    );
}

// ---- validation at every depth --------------------------------------------

#[test]
fn nested_values_are_validated_with_json_pointer_paths() {
    let request = shop::UpdateOrderRequest::new()
        .shipping(shop::Shipping::new(
            "Ada",
            shop::Address::new("x".repeat(41)),
        ))
        .metadata(metadata(&[("a", "1"), ("b", "2"), ("c", "3"), ("d", "4")]))
        .items(vec![
            shop::Item::new("tea"),
            shop::Item::new("cup").quantity(0),
        ]);
    let errors = request.validate().expect_err("three violations");
    let found: Vec<(&str, Rule)> = errors.0.iter().map(|v| (v.path.as_str(), v.rule)).collect();
    assert_eq!(
        found,
        [
            ("/shipping/address/line1", Rule::MaxLength),
            ("/metadata", Rule::MaxEntries),
            ("/items/1/quantity", Rule::Minimum),
        ]
    );
    assert_eq!(errors.0[1].message, "Metadata can hold at most 3 keys.");
    // A cleared value is not checked.
    assert_eq!(
        shop::UpdateOrderRequest::new().clear_shipping().validate(),
        Ok(())
    );
}

// ---- cross-field rules ----------------------------------------------------

fn customer() -> shop::UpdateCustomerRequest {
    shop::UpdateCustomerRequest::new()
        .name("Ada")
        .card_token("tok_1")
}

fn broken(request: &shop::UpdateCustomerRequest) -> Vec<(String, Rule, String)> {
    match request.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors
            .0
            .iter()
            .map(|v| (v.path.clone(), v.rule, v.message.to_string()))
            .collect(),
    }
}

fn one(path: &str, rule: Rule, message: &str) -> Vec<(String, Rule, String)> {
    vec![(path.to_string(), rule, message.to_string())]
}

#[test]
fn group_rules_report_at_the_object_with_the_docs_message() {
    assert_eq!(broken(&customer()), []);
    // An update that changes nothing is refused before it is sent.
    let empty = shop::UpdateCustomerRequest::new().card_token("tok_1");
    assert_eq!(
        broken(&empty),
        one(
            "",
            Rule::AtLeastOneOf,
            "Give the customer a name or a nickname."
        )
    );
    assert_eq!(
        broken(&customer().email("a@b.example").phone("+1 555")),
        one(
            "",
            Rule::MutuallyExclusive,
            "Contact the customer by e-mail or by phone, not both."
        )
    );
    let message = "Pay with exactly one of a card or a bank account.";
    assert_eq!(
        broken(&customer().bank_account("DE89")),
        one("", Rule::ExactlyOneOf, message)
    );
    assert_eq!(
        broken(&shop::UpdateCustomerRequest::new().name("Ada")),
        one("", Rule::ExactlyOneOf, message)
    );
}

#[test]
fn condition_rules_require_or_forbid_with_json_pointer_paths() {
    let state = "A state is required in the US and Canada.";
    for country in ["US", "CA"] {
        assert_eq!(
            broken(&customer().country(country)),
            one("/state", Rule::Required, state)
        );
        assert_eq!(broken(&customer().country(country).state("ON")), []);
    }
    assert_eq!(broken(&customer().country("FR")), []);
    // Required unless the country is one of those listed.
    let postal = "A postal code is required outside GB, IE and HK.";
    assert_eq!(
        broken(&customer().billing_country("FR")),
        one("/postal_code", Rule::Required, postal)
    );
    for exempt in ["GB", "IE", "HK"] {
        assert_eq!(broken(&customer().billing_country(exempt)), []);
    }
    // Not triggered when the field is not sent.
    assert_eq!(broken(&customer()), []);
    assert_eq!(
        broken(&customer().method("card").upi_vpa("a@upi")),
        one(
            "/upi_vpa",
            Rule::Forbidden,
            "A card payment takes no UPI address."
        )
    );
    assert_eq!(broken(&customer().method("upi").upi_vpa("a@upi")), []);
    // Required when another field is present at all.
    assert_eq!(
        broken(&customer().shipping_city("Paris")),
        one(
            "/shipping_name",
            Rule::Required,
            "A shipping address needs a recipient."
        )
    );
    assert_eq!(
        broken(&customer().shipping_city("Paris").shipping_name("Ada")),
        []
    );
}

// ---- dates and lowercase currency codes -----------------------------------

#[test]
fn dates_and_lowercase_currencies_are_checked_formats() {
    assert_eq!(
        broken(&customer().birthday("2024-02-29").currency("eur")),
        []
    );
    let found = broken(&customer().birthday("2023-02-29").currency("EUR"));
    let rules: Vec<(&str, Rule)> = found.iter().map(|(p, r, _)| (p.as_str(), *r)).collect();
    assert_eq!(
        rules,
        [("/birthday", Rule::Format), ("/currency", Rule::Format)]
    );
    assert!(found[0].2.contains("YYYY-MM-DD"), "{}", found[0].2);
    assert!(found[1].2.contains("lowercase"), "{}", found[1].2);
    let body = text(
        customer()
            .birthday("1815-12-10")
            .currency("gbp")
            .body()
            .expect("encodes"),
    );
    assert!(
        body.ends_with(r#""birthday":"1815-12-10","currency":"gbp"}"#),
        "{body}"
    );
}

#[test]
fn a_clearable_secret_in_a_nested_object_stays_secret() {
    let request = shop::UpdateOrderRequest::new().shipping(shop::Shipping::new(
        "Ada",
        shop::Address::new("1 Main St").door_code("4711#"),
    ));
    assert!(!format!("{request:?}").contains("4711"));
    // The client redacts what `secrets()` collects from every error.
    let secrets = request.secrets();
    assert_eq!(secrets.redact("door 4711# open"), "door [REDACTED] open");
    assert!(text(request.body().expect("encodes")).contains("door_code%5D=4711%23"));
}

// ---- unions ---------------------------------------------------------------

use generated_client::runtime::Expandable;

#[test]
fn an_expandable_field_decodes_an_id_or_the_object() {
    let order: shop::Order =
        serde_json::from_value(json!({"id": "o1", "customer": "cus_1"})).expect("id");
    let customer = order.customer.expect("present");
    assert_eq!(customer.id(), "cus_1");
    assert!(customer.object().is_none());
    let order: shop::Order = serde_json::from_value(json!({
        "id": "o1",
        "customer": {"id": "cus_1", "name": "Ada"}
    }))
    .expect("expanded");
    let customer = order.customer.expect("present");
    assert_eq!(customer.id(), "cus_1");
    assert_eq!(
        customer.object().and_then(|c| c.name.as_deref()),
        Some("Ada")
    );
    assert!(matches!(customer, Expandable::Object(_)));
    // Neither an id nor an object with its id: a decode error.
    for bad in [json!(7), json!({"name": "Ada"})] {
        let doc = json!({"id": "o1", "customer": bad});
        assert!(serde_json::from_value::<shop::Order>(doc).is_err());
    }
}

#[test]
fn a_tagged_union_decodes_each_documented_variant_and_keeps_others() {
    let order: shop::Order = serde_json::from_value(json!({
        "id": "o1",
        "next_action": {"type": "redirect_to_url", "url": "https://pay.example/3ds"},
        "actions": [
            {"type": "display_code", "code": "1234", "expires_at": 1700000000},
            {"type": "scan_qr", "qr": "data:..."},
            {"no_type": true}
        ]
    }))
    .expect("decodes");
    match &order.next_action {
        Some(shop::NextAction::RedirectToUrl(r)) => {
            assert_eq!(r.url, "https://pay.example/3ds");
            assert_eq!(r.return_url, None);
        }
        other => panic!("expected a redirect, got {other:?}"),
    }
    let actions = order.actions.expect("present");
    assert!(
        matches!(&actions[0], shop::NextAction::DisplayCode(c) if c.code == "1234" && c.expires_at == Some(1_700_000_000))
    );
    assert!(
        matches!(&actions[1], shop::NextAction::Unknown(v) if *v == json!({"type": "scan_qr", "qr": "data:..."}))
    );
    assert_eq!(
        actions.iter().map(|a| a.tag()).collect::<Vec<_>>(),
        [Some("display_code"), Some("scan_qr"), None]
    );
    // A documented tag with a malformed object is an error, not Unknown.
    let bad = json!({"id": "o1", "next_action": {"type": "display_code"}});
    assert!(serde_json::from_value::<shop::Order>(bad).is_err());
    // A client only decodes unions; generated with both directions (for a
    // server), encoding writes the tag back.
    let sent = json!({"type": "display_code", "code": "1234", "expires_at": 1700000000});
    let both: integration_tests::conformance::shop::NextAction =
        serde_json::from_value(sent.clone()).expect("decodes");
    assert_eq!(serde_json::to_value(&both).expect("encodes"), sent);
}

// ---- closed enums ---------------------------------------------------------

#[test]
fn a_closed_enum_is_strict_in_requests_and_tolerant_in_responses() {
    use generated_client::runtime::Open;
    // Requests can only hold a listed value: the type has no other.
    let body = text(
        customer()
            .priority(shop::Priority::Express)
            .body()
            .expect("encodes"),
    );
    assert!(body.ends_with(r#""priority":"express"}"#), "{body}");
    assert_eq!("standard".parse(), Ok(shop::Priority::Standard));
    let err = "overnight"
        .parse::<shop::Priority>()
        .expect_err("not listed");
    assert_eq!(
        err.to_string(),
        "\"overnight\" is not one of the documented values of `Priority`"
    );
    // Responses decode any value.
    let order: shop::Order =
        serde_json::from_value(json!({"id": "o1", "priority": "express"})).expect("known");
    assert_eq!(order.priority, Some(Open::Known(shop::Priority::Express)));
    let order: shop::Order =
        serde_json::from_value(json!({"id": "o1", "priority": "overnight"})).expect("kept");
    let priority = order.priority.expect("present");
    assert_eq!(priority, Open::Unknown("overnight".into()));
    assert_eq!(priority.as_str(), "overnight");
}

// ---- decimals -------------------------------------------------------------

#[test]
fn decimals_are_json_numbers_and_decimal_strings_json_strings_digit_for_digit() {
    let d = |s: &str| -> generated_client::runtime::Decimal { s.parse().expect("decimal") };
    let request = shop::ReplaceOrderRequest::new()
        .tip(d("12345678901234567.89"))
        .discount(d("0.50"))
        .rates([("eu".to_string(), d("0.22"))].into_iter().collect());
    assert_eq!(
        text(request.body().expect("encodes")),
        r#"{"tip":12345678901234567.89,"discount":"0.50","rates":{"eu":0.22}}"#
    );
    // In a form, both are text.
    let form = shop::UpdateOrderRequest::new().amount(d("10.50"));
    assert_eq!(text(form.body().expect("encodes")), "amount=10.50");
    // Responses read either form, every digit kept.
    // (From the response text: a `json!` number would pass through f64.)
    for total in [r#""19.990""#, "19.990"] {
        let text = format!(r#"{{"id": "o1", "total": {total}}}"#);
        let order: shop::Order = serde_json::from_str(&text).expect("decodes");
        assert_eq!(order.total.map(|t| t.to_string()), Some("19.990".into()));
    }
}

// ---- several auth schemes -------------------------------------------------

#[test]
fn the_caller_picks_one_of_several_auth_schemes() {
    use generated_client::runtime::ClientConfig;
    let header = |credentials: shop::Credentials| {
        let client = shop::Client::new(
            &shop::Environment::Custom("https://api.shop.test".into()),
            &credentials,
            &ClientConfig::default(),
        )
        .expect("client");
        let http = client
            .update_order_request("o1", &shop::UpdateOrderRequest::new().note("x"))
            .expect("request");
        http.header("authorization").map(str::to_string)
    };
    assert_eq!(
        header(shop::Credentials::bearer("sk_1")).as_deref(),
        Some("Bearer sk_1")
    );
    // `sk_1:` (empty password) in base64.
    assert_eq!(
        header(shop::Credentials::basic("sk_1")).as_deref(),
        Some("Basic c2tfMTo=")
    );
    assert!(!format!("{:?}", shop::Credentials::basic("sk_1")).contains("sk_1"));
}

#[test]
fn jsonapi_attributes_carry_the_same_nested_types() {
    let request = shop::UpdateProfileRequest::new()
        .shipping(shipping())
        .items(vec![shop::Item::new("tea").quantity(2)])
        .customer("cus_1");
    assert_eq!(
        text(request.body("p1").expect("encodes")),
        concat!(
            r#"{"data":{"type":"profiles","id":"p1","attributes":{"shipping":{"name":"Ada Lovelace","#,
            r#""address":{"line1":"12 St James's Sq","city":"London"}},"items":[{"name":"tea","quantity":2}]},"#,
            r#""relationships":{"customer":{"data":{"type":"customers","id":"cus_1"}}}}}"#,
        )
    );
    let cleared = shop::UpdateProfileRequest::new().clear_shipping();
    assert_eq!(
        text(cleared.body("p1").expect("encodes")),
        r#"{"data":{"type":"profiles","id":"p1","attributes":{"shipping":null}}}"#
    );
}

// ---- const fields (triggers) ----------------------------------------------

#[test]
fn a_const_field_is_a_setter_without_an_argument() {
    let request = shop::UpdateOrderRequest::new().place().archive();
    assert_eq!(
        text(request.body().expect("encodes")),
        "_place=1&_archive=true"
    );
    assert_eq!(
        text(
            shop::UpdateOrderRequest::new()
                .clear_archive()
                .body()
                .expect("encodes")
        ),
        "_archive="
    );
}

#[test]
fn error_text_reads_the_first_present_path_through_lists_patches_and_enums() {
    use generated_client::runtime::ErrorText;
    let decode = |v: serde_json::Value| -> shop::ShopError {
        serde_json::from_value(v).expect("an error body")
    };
    // The first problem's message and priority (a closed enum, held open).
    let e = decode(json!({"problems": [
        {"message": "Out of stock.", "code": "stock", "priority": "express"},
        {"message": "second", "code": "other"}
    ]}));
    assert_eq!(e.message(), Some("Out of stock."));
    assert_eq!(e.code(), Some("express"));
    // A value the docs did not list is still the code.
    let e = decode(json!({"problems": [{"code": "stock", "priority": "overnight"}]}));
    assert_eq!(e.code(), Some("overnight"));
    // Without a priority, the next path: the problem's own code; without a
    // message, the next path: a clearable field of a request object.
    let e = decode(json!({
        "problems": [{"code": "stock"}],
        "shipping": {"name": "Ada", "address": {"line1": "1 Main St"}, "phone": "555"}
    }));
    assert_eq!((e.message(), e.code()), (Some("555"), Some("stock")));
    // An empty list, a cleared field: nothing.
    let e = decode(json!({
        "problems": [],
        "shipping": {"name": "Ada", "address": {"line1": "1 Main St"}, "phone": null}
    }));
    assert_eq!((e.message(), e.code()), (None, None));
}
