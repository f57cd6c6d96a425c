//! The probes of the docs' business rules (`cause.rule`): for each, a
//! resource that holds every rule, and one update that breaks that rule
//! and no rule the docs list before it. A rule without a probe here fails
//! the test, so a rule added to a spec gets one.

use codegen::model::{DocumentedError, Operation, Provider};
use mock::MockServer;
use serde_json::{json, Value};

use super::{is_error, send, Case, Expect, Probe};

/// PayPal's order that every rule holds for: 25.00 of items, 2.50 of tax
/// and 2.50 of shipping make 30.00; one shipping option, selected, at the
/// breakdown's shipping.
fn paypal_order(id: &str) -> Value {
    json!({
        "id": id,
        "intent": "CAPTURE",
        "purchase_units": [paypal_unit("default", "USD")]
    })
}

fn money(value: &str) -> Value {
    json!({"currency_code": "USD", "value": value})
}

fn paypal_unit(reference_id: &str, currency: &str) -> Value {
    json!({
        "reference_id": reference_id,
        "amount": {
            "currency_code": currency,
            "value": "30.00",
            "breakdown": {
                "item_total": money("25.00"),
                "tax_total": money("2.50"),
                "shipping": money("2.50")
            }
        },
        "items": [tea("2", "1.25", "PHYSICAL_GOODS")],
        "payment_instruction": {"disbursement_mode": "INSTANT"},
        "shipping": {
            "options": [option("std", true, "2.50")]
        }
    })
}

fn tea(quantity: &str, tax: &str, category: &str) -> Value {
    json!({
        "name": "Tea",
        "unit_amount": money("12.50"),
        "tax": money(tax),
        "quantity": quantity,
        "category": category
    })
}

fn option(id: &str, selected: bool, amount: &str) -> Value {
    json!({"id": id, "label": id, "selected": selected, "amount": money(amount)})
}

/// A JSON Patch operation on the purchase unit `default`.
fn on_unit(op: &str, member: &str, value: Value) -> Value {
    json!({
        "op": op,
        "path": format!("/purchase_units/@reference_id=='default'/{member}"),
        "value": value
    })
}

fn breakdown(members: &[(&str, &str)]) -> Value {
    let mut b = serde_json::Map::new();
    for (k, v) in members {
        b.insert((*k).to_string(), money(v));
    }
    json!({"currency_code": "USD", "value": "30.00", "breakdown": b})
}

/// The update that breaks PayPal's rule of the error `code` alone.
fn paypal_probe(code: &str) -> Option<Vec<Value>> {
    let second = json!({"reference_id": "second", "amount": money("5.00")});
    Some(match code {
        "AMOUNT_MISMATCH" => vec![on_unit(
            "replace",
            "amount",
            json!({"currency_code": "USD", "value": "31.00",
                   "breakdown": {"item_total": money("25.00"), "tax_total": money("2.50"), "shipping": money("2.50")}}),
        )],
        "CANNOT_BE_ZERO_OR_NEGATIVE" => vec![on_unit("replace", "amount", money("0"))],
        "DECIMAL_PRECISION" => vec![on_unit(
            "replace",
            "amount",
            json!({"currency_code": "USD", "value": "30.000",
                   "breakdown": {"item_total": money("25.00"), "tax_total": money("2.50"), "shipping": money("2.50")}}),
        )],
        "DONATION_ITEMS_NOT_SUPPORTED" => {
            let mut unit = paypal_unit("default", "USD");
            unit["items"] = json!([tea("2", "1.25", "DONATION")]);
            vec![json!({"op": "replace", "path": "/purchase_units", "value": [unit, second]})]
        }
        "ITEM_TOTAL_MISMATCH" => vec![on_unit(
            "replace",
            "items",
            json!([tea("3", "1.25", "PHYSICAL_GOODS")]),
        )],
        "ITEM_TOTAL_REQUIRED" => vec![on_unit(
            "replace",
            "amount",
            breakdown(&[
                ("handling", "25.00"),
                ("tax_total", "2.50"),
                ("shipping", "2.50"),
            ]),
        )],
        "TAX_TOTAL_MISMATCH" => vec![on_unit(
            "replace",
            "items",
            json!([tea("2", "1.00", "PHYSICAL_GOODS")]),
        )],
        "TAX_TOTAL_REQUIRED" => vec![on_unit(
            "replace",
            "amount",
            breakdown(&[
                ("item_total", "25.00"),
                ("handling", "2.50"),
                ("shipping", "2.50"),
            ]),
        )],
        // The intent cannot change (`CANNOT_MODIFY_INTENT`): the order
        // authorizes already (see `paypal_held`).
        "UNSUPPORTED_INTENT" => vec![json!({"op": "replace", "path": "/purchase_units",
                   "value": [paypal_unit("default", "USD"), second]})],
        "INVALID_PLATFORM_FEES_AMOUNT" => vec![on_unit(
            "add",
            "payment_instruction/platform_fees",
            json!([{"amount": money("40.00")}]),
        )],
        "REFERENCE_ID_REQUIRED" => {
            let mut anonymous = second;
            anonymous.as_object_mut()?.remove("reference_id");
            vec![json!({"op": "replace", "path": "/purchase_units",
                        "value": [paypal_unit("default", "USD"), anonymous]})]
        }
        "MULTI_CURRENCY_ORDER" => {
            let mut euros = second;
            euros["amount"]["currency_code"] = json!("EUR");
            vec![json!({"op": "replace", "path": "/purchase_units",
                        "value": [paypal_unit("default", "USD"), euros]})]
        }
        "SHIPPING_OPTION_NOT_SELECTED" => vec![on_unit(
            "replace",
            "shipping/options",
            json!([option("std", false, "2.50")]),
        )],
        "MULTIPLE_SHIPPING_OPTION_SELECTED" => vec![on_unit(
            "replace",
            "shipping/options",
            json!([option("std", true, "2.50"), option("express", true, "2.50")]),
        )],
        "SHIPPING_OPTIONS_NOT_SUPPORTED" => {
            vec![on_unit("add", "shipping/type", json!("SHIPPING"))]
        }
        "PREFERRED_SHIPPING_OPTION_AMOUNT_MISMATCH" => vec![on_unit(
            "replace",
            "shipping/options",
            json!([option("std", true, "3.00")]),
        )],
        _ => return None,
    })
}

/// The order the probe of `code` starts from.
fn paypal_held(id: &str, code: &str) -> Value {
    let mut order = paypal_order(id);
    if code == "UNSUPPORTED_INTENT" {
        order["intent"] = json!("AUTHORIZE");
    }
    order
}

/// The resource every rule of `p` holds for, and the update that breaks
/// the rule of `e` alone.
fn probe_of(p: &Provider, id: &str, e: &DocumentedError) -> Option<(Value, Vec<Value>)> {
    let code = e.message.split(':').next()?;
    match p.name.as_str() {
        "paypal" => Some((paypal_held(id, code), paypal_probe(code)?)),
        _ => None,
    }
}

/// Produces the error `e` by breaking its rule: seeds the resource that
/// holds every rule, checks that an update keeping them all is served,
/// sends the one that breaks this rule, and checks that the refused
/// update left the resource as it was. An empty string (with a line in
/// `failures`) when it cannot.
pub(super) async fn produce(
    server: &MockServer,
    p: &Provider,
    spec: &codegen::load::model::SpecFile,
    op: &Operation,
    (id, e): (&str, &DocumentedError),
    failures: &mut Vec<String>,
) -> &'static str {
    let Some((held, update)) = probe_of(p, id, e) else {
        failures.push(format!(
            "{}.{}: no probe breaks the rule of \"{}\" (mock/tests/every_rule/business.rs)",
            p.name, op.ident, e.message
        ));
        return "";
    };
    let case = Case {
        provider: p.name.clone(),
        operation: op.ident.clone(),
        name: format!("breaks the rule of {}", e.message),
        body: Value::Array(update.clone()),
        expect: Expect::Valid,
    };
    // Every rule holds for the held resource: an update that changes
    // nothing a rule reads is served.
    server.seed(id, held.clone());
    let keep = vec![on_unit("add", "description", json!("kept"))];
    let served = send(
        server,
        p,
        spec,
        &case,
        &Probe::Raw(Value::Array(keep).to_string()),
    )
    .await;
    if served.as_ref().map(|a| a.0) != Some(op.success_status) {
        failures.push(format!(
            "{}.{}: the probe's resource is refused ({served:?})",
            p.name, op.ident
        ));
        return "";
    }
    server.seed(id, held.clone());
    let answer = send(
        server,
        p,
        spec,
        &case,
        &Probe::Raw(Value::Array(update).to_string()),
    )
    .await;
    if !answer.as_ref().is_some_and(|a| is_error(p, op, e, a)) {
        let shown = answer.map(|(s, b)| format!("{s} {}", String::from_utf8_lossy(&b)));
        failures.push(format!(
            "{}.{}: breaking the rule of \"{}\" got {shown:?}",
            p.name, op.ident, e.message
        ));
        return "";
    }
    if server.resource(id).as_ref() != Some(&held) {
        failures.push(format!(
            "{}.{}: the refused update of \"{}\" changed the resource",
            p.name, op.ident, e.message
        ));
        return "";
    }
    "its business rule"
}
