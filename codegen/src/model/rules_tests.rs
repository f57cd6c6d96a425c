use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::lang::rules::parse;
use crate::lang::rules::tests::{expr, name};

/// `text` as a rule, untyped: comparisons of paths read the JSON as it is
/// (text with text), as the typed rule does for text members.
fn rule(text: &str) -> BusinessRule {
    let expr = parse(text).expect("parses");
    BusinessRule {
        text: expr.to_string(),
        expr,
    }
}

fn order() -> Value {
    json!({
        "intent": "AUTHORIZE",
        "purchase_units": [
            {
                "reference_id": "A",
                "amount": {
                    "currency_code": "USD",
                    "value": "20.00",
                    "breakdown": {
                        "item_total": { "currency_code": "USD", "value": "17.50" },
                        "shipping": { "currency_code": "USD", "value": "3.5" },
                        "discount": { "currency_code": "USD", "value": "1" }
                    }
                },
                "items": [
                    { "unit_amount": { "value": "2.50" }, "quantity": "3" },
                    { "unit_amount": { "value": "10" }, "quantity": "1" }
                ]
            }
        ]
    })
}

#[test]
fn sums_are_exact() {
    let amount = rule(
        "all(u in purchase_units, number(u.amount.value) == number(u.amount.breakdown.item_total.value ?? 0) + number(u.amount.breakdown.shipping.value ?? 0) + number(u.amount.breakdown.tax_total.value ?? 0) - number(u.amount.breakdown.discount.value ?? 0))",
    );
    assert!(!amount.broken_by(&order()));
    let items = rule(
        "all(u in purchase_units, number(u.amount.breakdown.item_total.value) == sum(i in u.items, number(i.unit_amount.value) * number(i.quantity)))",
    );
    assert!(!items.broken_by(&order()));
    let mut changed = order();
    changed["purchase_units"][0]["items"][0]["quantity"] = json!("4");
    assert!(items.broken_by(&changed));
    assert!(amount.broken_by(&{
        let mut o = order();
        o["purchase_units"][0]["amount"]["value"] = json!("20.01");
        o
    }));
    // 0.1 + 0.2 is 0.3: no binary fractions.
    assert!(!rule("number(a) + number(b) == 0.3").broken_by(&json!({"a": "0.1", "b": 0.2})));
}

#[test]
fn what_is_absent_leaves_a_rule_undecided_and_undecided_is_not_broken() {
    let r = rule("number(missing.value) > 5");
    assert!(!r.broken_by(&order()));
    assert!(!rule("not (number(missing.value) > 5)").broken_by(&order()));
    // Kleene logic: a decided side decides where it can.
    assert!(rule("false and number(missing) > 1").broken_by(&order()));
    assert!(!rule("true or number(missing) > 1").broken_by(&order()));
    assert!(!rule("false => number(missing) > 1").broken_by(&order()));
    assert!(!rule("number(missing) > 1 => false").broken_by(&order()));
    assert!(rule("present(missing)").broken_by(&order()));
    assert!(rule("missing ?? 1 == 2").broken_by(&order()));
    // `null` is absent too.
    assert!(rule("present(x)").broken_by(&json!({"x": null})));
}

#[test]
fn lists_are_gone_over_and_counted() {
    let one_unit_for_authorize = rule(r#"intent == "AUTHORIZE" => count(purchase_units) <= 1"#);
    assert!(!one_unit_for_authorize.broken_by(&order()));
    let mut two = order();
    let unit = two["purchase_units"][0].clone();
    two["purchase_units"]
        .as_array_mut()
        .expect("a list")
        .push(unit);
    assert!(one_unit_for_authorize.broken_by(&two));
    two["intent"] = json!("CAPTURE");
    assert!(!one_unit_for_authorize.broken_by(&two));
    // An absent list has no items; a member that is not a list is undecided.
    assert!(rule("count(nothing) == 1").broken_by(&order()));
    assert!(!rule("count(intent) == 1").broken_by(&order()));
    assert!(!rule("all(x in nothing, false)").broken_by(&order()));
    assert!(rule("any(x in nothing, true)").broken_by(&order()));
    let selected = rule("all(u in units, count(o in u.options, o.selected) <= 1)");
    let options =
        |a: bool, b: Value| json!({"units": [{"options": [{"selected": a}, {"selected": b}]}]});
    assert!(selected.broken_by(&options(true, json!(true))));
    assert!(!selected.broken_by(&options(true, json!(false))));
    // One item undecided: the count is too.
    assert!(!selected.broken_by(&options(true, Value::Null)));
}

#[test]
fn a_sum_that_overflows_is_undecided_not_wrong() {
    let big = "100000000000000000000000000000000000000";
    let r = rule("sum(x in a, number(x)) == 1");
    assert!(!r.broken_by(&json!({"a": [big, big]})));
    assert!(r.broken_by(&json!({"a": ["2"]})));
}

#[test]
fn precision_is_the_digits_as_written() {
    let r = rule("all(u in purchase_units, scale(u.amount.value) <= 2)");
    assert!(!r.broken_by(&order()));
    let mut o = order();
    o["purchase_units"][0]["amount"]["value"] = json!("20.000");
    assert!(r.broken_by(&o));
}

#[test]
fn names_bound_inside_shadow_nothing_outside() {
    let r = rule("all(u in a, all(v in a, u.c == v.c))");
    assert!(!r.broken_by(&json!({"a": [{"c": "USD"}, {"c": "USD"}]})));
    assert!(r.broken_by(&json!({"a": [{"c": "USD"}, {"c": "EUR"}]})));
}

#[test]
fn a_resource_too_large_to_decide_in_bounded_time_is_not_refused() {
    let items: Vec<Value> = (0..2_000).map(|i| json!({"v": i})).collect();
    let quadratic = rule("all(x in a, all(y in a, x.v != y.v or x.v == y.v and false))");
    assert!(!quadratic.broken_by(&json!({ "a": items })), "out of fuel");
    let small: Vec<Value> = (0..20).map(|i| json!({"v": i})).collect();
    assert!(quadratic.broken_by(&json!({ "a": small })));
}

#[test]
fn text_and_numbers_compare_as_their_kind() {
    // Typed rules make numbers explicit; text compares as text.
    assert!(rule(r#"a == "10.0""#).broken_by(&json!({"a": "10.00"})));
    assert!(!rule("number(a) == 10").broken_by(&json!({"a": "10.00"})));
    assert!(!rule("number(a) == number(b)").broken_by(&json!({"a": "10.00", "b": 10})));
    // A number too large to align is undecided, not wrong.
    assert!(!rule("a == 0.00000000000000000000000000000000000001").broken_by(&json!({"a": 1e30})));
}

/// JSON of the shapes a resource has, with members named as rules name
/// them.
fn resource() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "-?[0-9]{1,4}(\\.[0-9]{1,3})?".prop_map(Value::from),
        "[A-Z]{0,3}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(name(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    /// Any rule, typed or not, on any resource: decided or undecided,
    /// never a panic, and the same answer twice.
    #[test]
    fn any_rule_on_any_resource_is_decided_without_panic(e in expr(), doc in resource()) {
        let r = BusinessRule { text: e.to_string(), expr: e };
        let once = r.broken_by(&doc);
        prop_assert_eq!(once, r.broken_by(&doc));
    }
}

fn paypal() -> crate::load::LoadedSpec {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/paypal.yaml");
    let text = std::fs::read_to_string(&path).expect("the PayPal spec");
    crate::load::load_str(&path, &text).expect("loads")
}

#[test]
fn paypal_rules_type_and_read_numbers_as_numbers() {
    let spec = paypal();
    let op = &spec.spec.operations["update_order"];
    let typed = BusinessRule::new(
        &spec.spec,
        op,
        "all(u in purchase_units, u.amount.value == u.amount.breakdown.item_total.value)",
    )
    .expect("types");
    // Two `decimal_string` amounts compare as numbers.
    assert_eq!(
        typed.expr.to_string(),
        "all(u in purchase_units, number(u.amount.value) == number(u.amount.breakdown.item_total.value))"
    );
    let order = json!({"purchase_units": [{"amount": {"value": "10.0", "breakdown": {"item_total": {"value": "10.00"}}}}]});
    assert!(!typed.broken_by(&order));
    let e = BusinessRule::new(&spec.spec, op, r#"intent == "AUTHORISE""#).expect_err("not a value");
    assert!(e.hint.contains("`AUTHORIZE`"), "{e:?}");
}

proptest! {
    /// Typing any rule against a real spec answers, never panics, and a
    /// rule that types prints to one that types the same.
    #[test]
    fn any_rule_types_or_is_refused(e in expr()) {
        let spec = paypal();
        let op = &spec.spec.operations["update_order"];
        if let Ok(typed) = BusinessRule::new(&spec.spec, op, &e.to_string()) {
            let again = BusinessRule::new(&spec.spec, op, &typed.text);
            prop_assert_eq!(again.map(|r| r.expr), Ok(typed.expr));
        }
    }
}

/// Rules over PayPal's order that are well typed by construction: numbers
/// compared with numbers, text with text, conditions joined.
fn typed_paypal_rule() -> impl Strategy<Value = String> {
    let number = prop::sample::select(vec![
        "u.amount.value",
        "u.amount.breakdown.item_total.value ?? 0",
        "count(u.items)",
        "count(purchase_units)",
        "sum(i in u.items, i.unit_amount.value * number(i.quantity))",
        "scale(u.amount.value)",
        "count(o in u.shipping.options, o.selected)",
        "2.50",
    ]);
    let cmp = prop::sample::select(vec!["==", "!=", "<", "<=", ">", ">="]);
    let atom = prop_oneof![
        (number.clone(), cmp, number).prop_map(|(a, c, b)| format!("{a} {c} {b}")),
        prop::sample::select(vec![
            "present(u.amount.breakdown)",
            "present(u.reference_id)",
            r#"intent == "AUTHORIZE""#,
            r#"any(i in u.items, i.category == "DONATION")"#,
            "u.amount.currency_code == u.amount.breakdown.tax_total.currency_code",
        ])
        .prop_map(String::from),
    ];
    let condition = atom.prop_recursive(3, 12, 2, |inner| {
        let op = prop::sample::select(vec!["and", "or", "=>"]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("({a}) {o} ({b})")),
            inner.prop_map(|a| format!("not ({a})")),
        ]
    });
    (prop::sample::select(vec!["all", "any"]), condition)
        .prop_map(|(q, c)| format!("{q}(u in purchase_units, {c})"))
}

proptest! {
    /// Every well-typed rule types, prints to a rule that types the same,
    /// and is decided on any resource without a panic.
    #[test]
    fn well_typed_rules_type_and_evaluate(text in typed_paypal_rule(), doc in resource()) {
        let spec = paypal();
        let op = &spec.spec.operations["update_order"];
        let typed = BusinessRule::new(&spec.spec, op, &text);
        prop_assert!(typed.is_ok(), "{}: {:?}", text, typed);
        let typed = typed.expect("checked above");
        let again = BusinessRule::new(&spec.spec, op, &typed.text).map(|r| r.expr);
        prop_assert_eq!(again, Ok(typed.expr.clone()));
        let order = json!({"purchase_units": [doc]});
        prop_assert_eq!(typed.broken_by(&order), typed.broken_by(&order));
    }
}
