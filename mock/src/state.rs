//! The resources a mock holds, by id: seeded from the spec's examples,
//! changed by updates.

use std::collections::HashMap;

use serde_json::{Map, Value};

use codegen::model::{ErrorCause, Fault, Operation};

use crate::wire::Body;

/// Resources by id.
#[derive(Debug, Default)]
pub(crate) struct Store {
    resources: HashMap<String, Value>,
}

impl Store {
    pub(crate) fn get(&self, id: &str) -> Option<&Value> {
        self.resources.get(id)
    }

    pub(crate) fn get_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.resources.get_mut(id)
    }

    pub(crate) fn put(&mut self, id: String, value: Value) {
        self.resources.insert(id, value);
    }

    /// Applies an update to the resource `id` ([`applied`]) and returns
    /// it; `None` for an unknown id.
    #[cfg(test)]
    pub(crate) fn update(&mut self, id: &str, body: &Body) -> Option<&Value> {
        let updated = applied(self.resources.get(id)?, body);
        self.put(id.to_string(), updated);
        self.resources.get(id)
    }
}

/// `held` with `update` applied: each field the body sets is set (an
/// object field by its own fields, as a sparse update reads), a `null`
/// clears it, and the others keep their values. A JSON:API document
/// changes its `data.attributes`; a JSON Patch list applies its
/// operations in order.
pub(crate) fn applied(held: &Value, update: &Body) -> Value {
    let mut copy = held.clone();
    match update {
        Body::Fields(fields) => {
            if let Some(target) = attributes_mut(&mut copy) {
                merge(target, fields, 0);
            }
        }
        Body::Patch(ops) => {
            for op in ops {
                apply_patch(&mut copy, op);
            }
        }
    }
    copy
}

/// Where a sparse update lands: a JSON:API document's `data.attributes`,
/// else the resource itself.
fn attributes(resource: &Value) -> &Value {
    match resource.pointer("/data/attributes") {
        Some(attributes @ Value::Object(_)) => attributes,
        _ => resource,
    }
}

fn attributes_mut(resource: &mut Value) -> Option<&mut Value> {
    let at = match resource.pointer("/data/attributes") {
        Some(Value::Object(_)) => "/data/attributes",
        // The empty pointer: the resource itself.
        _ => "",
    };
    resource.pointer_mut(at)
}

/// Increments each version `op` documents (`kind: version`) in the
/// resource an applied update leaves, as the provider does.
pub(crate) fn bump_versions(op: &Operation, resource: &mut Value) {
    let Some(target) = attributes_mut(resource) else {
        return;
    };
    for pointer in op.versions() {
        if let Some(v) = crate::pointer::get_mut(target, pointer) {
            if let Some(next) = v.as_i64().and_then(|n| n.checked_add(1)) {
                *v = Value::from(next);
            }
        }
    }
}

/// Why the held resource refuses `update`, in the order a server finds
/// it: a documented refused state (`state`), a stale version
/// (`version`), then a member the update changes that must stay as held
/// (`conflict`), as (status, message, the rule broken); then a JSON Patch
/// operation whose target is not as its op needs, as its fault and the
/// rule, for the caller to answer with the fault's documented error.
pub(crate) enum Refusal {
    /// A documented error: status, message, the rule.
    Documented(u16, String, String),
    /// A fault of the patch against the held resource, and the rule.
    Patch(Fault, String),
}

/// See [`Refusal`].
/// `after` is what `update` would leave ([`applied`]), to tell what it
/// changes.
pub(crate) fn refusal(
    op: &Operation,
    held: &Value,
    update: Option<&Body>,
    after: Option<&Value>,
) -> Option<Refusal> {
    let changed = |pointer: &str| after.is_some_and(|a| differs(held, a, pointer));
    for (e, cause) in op.state_errors() {
        let found = match cause {
            ErrorCause::State { pointer, equals } => {
                same(crate::pointer::get(held, pointer), Some(equals))
                    .then(|| format!("state: `{pointer}` is {equals}"))
            }
            ErrorCause::Version(pointer) => changed(pointer).then(|| {
                let current = crate::pointer::get(attributes(held), pointer)
                    .map_or_else(|| "none".to_string(), Value::to_string);
                format!("version: the update's `{pointer}` is not the current one, {current}")
            }),
            ErrorCause::Conflict(pointer) => {
                changed(pointer).then(|| format!("conflict: the update changes `{pointer}`"))
            }
            _ => None,
        };
        if let Some(rule) = found {
            let message = if e.message.is_empty() {
                rule.clone()
            } else {
                e.message.clone()
            };
            return Some(Refusal::Documented(e.status, message, rule));
        }
    }
    match update {
        Some(Body::Patch(ops)) => misplaced(held, ops).map(|(f, rule)| Refusal::Patch(f, rule)),
        _ => None,
    }
}

/// Whether `update` changes the held member at `pointer`: what it
/// leaves there differs from what is held (a value set to another, a
/// member removed), however its paths are written (a filter step, a
/// parent replaced whole).
#[cfg(test)]
fn changes(update: &Body, held: &Value, pointer: &str) -> bool {
    differs(held, &applied(held, update), pointer)
}

/// Whether the member at `pointer` (of a JSON:API document, below its
/// attributes) differs between `before` and `after`.
fn differs(before: &Value, after: &Value, pointer: &str) -> bool {
    !same(
        crate::pointer::get(attributes(before), pointer),
        crate::pointer::get(attributes(after), pointer),
    )
}

/// Whether two values are the same: equal JSON, or numbers (or decimal
/// strings) of the same exact value (`"10.00"` and `10`).
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    use generated_client::runtime::Decimal;
    use std::str::FromStr;
    let decimal = |v: &Value| match v {
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        Value::String(s) => Decimal::from_str(s).ok(),
        _ => None,
    };
    match (a, b) {
        (Some(a), Some(b)) if a == b => true,
        (Some(a), Some(b)) => matches!((decimal(a), decimal(b)), (Some(x), Some(y)) if x == y),
        (None, None) => true,
        _ => false,
    }
}

/// The first JSON Patch operation whose target is not as its op needs,
/// each against the resource as the ones before it left it: a filter
/// step that matches no item (`patch_filter`); a parent that is absent,
/// an `add` at a member that is present, a `replace` or `remove` at one
/// that is absent (`patch_target`).
fn misplaced(held: &Value, ops: &[Value]) -> Option<(Fault, String)> {
    let mut doc = held.clone();
    for op in ops {
        let (Some(kind), Some(path)) = (
            op.get("op").and_then(Value::as_str),
            op.get("path").and_then(Value::as_str),
        ) else {
            continue;
        };
        let (parent, last) = path.rsplit_once('/').unwrap_or(("", path));
        let absent_parent = || {
            Some((
                Fault::PatchTarget,
                format!("patch: `{kind}` at `{path}`, whose parent is absent"),
            ))
        };
        let filter_misses = || {
            Some((
                Fault::PatchFilter,
                format!("patch: no item matches `{path}`"),
            ))
        };
        let present = match crate::pointer::find(&doc, parent) {
            Err(crate::pointer::Miss::Filter) => return filter_misses(),
            Err(crate::pointer::Miss::Member) => return absent_parent(),
            // A list: `add` inserts at an index up to its length (or
            // appends at `-`); `replace` and `remove` need an item there.
            Ok(Value::Array(list)) => {
                let found = crate::pointer::index_in(list, last);
                match kind {
                    "add" if last == "-" => false,
                    "add" => match crate::pointer::array_index(last) {
                        Some(i) if i <= list.len() => false,
                        _ if found.is_some() => true,
                        _ if last.starts_with('@') => return filter_misses(),
                        _ => return absent_parent(),
                    },
                    _ if found.is_some() => true,
                    _ if last.starts_with('@') => return filter_misses(),
                    _ => false,
                }
            }
            Ok(Value::Object(_)) => crate::pointer::get(&doc, path).is_some(),
            // A text, a number or `null` holds no members.
            Ok(_) => return absent_parent(),
        };
        let bad = match kind {
            "add" => present,
            "replace" | "remove" => !present,
            _ => false,
        };
        if bad {
            let state = if present { "present" } else { "absent" };
            return Some((
                Fault::PatchTarget,
                format!("patch: `{kind}` at `{path}`, which is {state}"),
            ));
        }
        apply_patch(&mut doc, op);
    }
    None
}

/// Deepest object nesting an update merges into (deeper objects are
/// replaced whole).
const MAX_MERGE_DEPTH: usize = 64;

/// Sets each of `fields` in `target`: objects field by field, anything
/// else (a list, a `null`) replaced.
fn merge(target: &mut Value, fields: &Map<String, Value>, depth: usize) {
    let Value::Object(map) = target else { return };
    for (k, v) in fields {
        match (map.get_mut(k), v) {
            (Some(old @ Value::Object(_)), Value::Object(inner)) if depth < MAX_MERGE_DEPTH => {
                merge(old, inner, depth + 1);
            }
            _ => {
                map.insert(k.clone(), v.clone());
            }
        }
    }
}

/// One JSON Patch operation (`add`, `replace`, `remove`) on `doc`, at a
/// parent `doc` holds (nothing is created on the way); others, and
/// operations whose target is not there, change nothing.
fn apply_patch(doc: &mut Value, op: &Value) {
    let (Some(kind), Some(path)) = (
        op.get("op").and_then(Value::as_str),
        op.get("path").and_then(Value::as_str),
    ) else {
        return;
    };
    let Some((parent, last)) = path.rsplit_once('/') else {
        return;
    };
    let value = || op.get("value").cloned().unwrap_or(Value::Null);
    let Some(parent) = crate::pointer::get_mut(doc, parent) else {
        return;
    };
    match (kind, parent) {
        ("add" | "replace", Value::Object(map)) => {
            map.insert(last.replace("~1", "/").replace("~0", "~"), value());
        }
        ("remove", Value::Object(map)) => {
            map.remove(&last.replace("~1", "/").replace("~0", "~"));
        }
        ("add", Value::Array(list)) if last == "-" => list.push(value()),
        ("add", Value::Array(list)) => {
            if let Some(at) = crate::pointer::array_index(last).filter(|i| *i <= list.len()) {
                list.insert(at, value());
            }
        }
        ("replace", Value::Array(list)) => {
            if let Some(at) = crate::pointer::index_in(list, last) {
                list[at] = value();
            }
        }
        ("remove", Value::Array(list)) => {
            if let Some(at) = crate::pointer::index_in(list, last) {
                list.remove(at);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The fault of the first misplaced operation of `ops` on `held`.
    fn fault(held: Value, ops: Value) -> Option<Fault> {
        misplaced(&held, ops.as_array().map_or(&[][..], Vec::as_slice)).map(|(f, _)| f)
    }

    #[test]
    fn patch_targets_follow_rfc_6902_in_lists_and_paypal_in_objects() {
        let order = json!({"units": [{"ref": "a"}, {"ref": "b"}], "note": "n", "gone": null});
        let one = |op: &str, path: &str| json!([{"op": op, "path": path, "value": 1}]);
        // Lists: add inserts at an index up to the length or appends at
        // `-`; replace and remove need an item there.
        assert_eq!(fault(order.clone(), one("add", "/units/0")), None);
        assert_eq!(fault(order.clone(), one("add", "/units/2")), None);
        assert_eq!(fault(order.clone(), one("add", "/units/-")), None);
        assert_eq!(
            fault(order.clone(), one("add", "/units/3")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(
            fault(order.clone(), one("add", "/units/01")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(fault(order.clone(), one("replace", "/units/1")), None);
        assert_eq!(
            fault(order.clone(), one("remove", "/units/2")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(
            fault(order.clone(), one("replace", "/units/@ref=='b'")),
            None
        );
        assert_eq!(
            fault(order.clone(), one("remove", "/units/@ref=='z'")),
            Some(Fault::PatchFilter)
        );
        assert_eq!(
            fault(order.clone(), one("add", "/units/@ref=='z'/x")),
            Some(Fault::PatchFilter)
        );
        // Objects, as PayPal documents: add only what is absent, replace
        // and remove only what is present.
        assert_eq!(
            fault(order.clone(), one("add", "/note")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(
            fault(order.clone(), one("replace", "/other")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(fault(order.clone(), one("add", "/units/@ref=='a'/x")), None);
        // Nothing holds members under a text or a null, or an absent parent.
        assert_eq!(
            fault(order.clone(), one("add", "/note/x")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(
            fault(order.clone(), one("add", "/gone/x")),
            Some(Fault::PatchTarget)
        );
        assert_eq!(
            fault(order.clone(), one("add", "/nothing/x")),
            Some(Fault::PatchTarget)
        );
        // Each operation sees what the ones before it did.
        let twice = json!([
            {"op": "add", "path": "/extra", "value": 1},
            {"op": "add", "path": "/extra", "value": 2}
        ]);
        assert_eq!(fault(order.clone(), twice), Some(Fault::PatchTarget));
        let then = json!([
            {"op": "remove", "path": "/units/0"},
            {"op": "replace", "path": "/units/1", "value": 1}
        ]);
        assert_eq!(fault(order, then), Some(Fault::PatchTarget));
    }

    #[test]
    fn conflicts_see_parents_replaced_and_numbers_by_value() {
        let held = json!({"intent": "CAPTURE", "amount": {"value": "10.00", "currency": "USD"}});
        let patch = |ops: Value| Body::Patch(ops.as_array().cloned().unwrap_or_default());
        let replace = |path: &str, value: Value| {
            patch(json!([{"op": "replace", "path": path, "value": value}]))
        };
        assert!(!changes(
            &replace("/intent", json!("CAPTURE")),
            &held,
            "/intent"
        ));
        assert!(changes(
            &replace("/intent", json!("AUTHORIZE")),
            &held,
            "/intent"
        ));
        assert!(changes(
            &patch(json!([{"op": "remove", "path": "/intent"}])),
            &held,
            "/intent"
        ));
        // The parent replaced whole: the member inside it is compared.
        let amount = |v: Value| replace("/amount", json!({"value": v, "currency": "USD"}));
        assert!(!changes(&amount(json!("10.00")), &held, "/amount/value"));
        assert!(
            !changes(&amount(json!(10)), &held, "/amount/value"),
            "the same number"
        );
        assert!(changes(&amount(json!("10.01")), &held, "/amount/value"));
        assert!(
            !changes(&replace("/amounts", json!(1)), &held, "/amount/value"),
            "not a parent"
        );
        // A filter step names the same member as an index: what counts is
        // where the operation lands, not how its path is written.
        let units = json!({"units": [{"reference_id": "a", "amount": "1"}]});
        let by_filter = |v: &str| replace("/units/@reference_id=='a'/amount", json!(v));
        assert!(changes(&by_filter("2"), &units, "/units/0/amount"));
        assert!(!changes(&by_filter("1"), &units, "/units/0/amount"));
        assert!(changes(
            &replace("/units/0/amount", json!("3")),
            &units,
            "/units/0/amount"
        ));
        // A JSON:API document: what the attributes hold.
        let doc = json!({"data": {"id": "o", "attributes": {"version": 3}}});
        let fields = |v: Value| Body::Fields(v.as_object().cloned().unwrap_or_default());
        assert!(!changes(&fields(json!({"version": 3})), &doc, "/version"));
        assert!(changes(&fields(json!({"version": 2})), &doc, "/version"));
        assert!(
            !changes(&fields(json!({"other": 2})), &doc, "/version"),
            "not sent"
        );
        assert!(same(Some(&json!("1.50")), Some(&json!(1.5))));
        assert!(!same(Some(&json!("1.50")), Some(&json!("x"))));
    }

    #[test]
    fn list_patches_insert_replace_and_remove_items() {
        let mut doc = json!({"units": [{"ref": "a"}, {"ref": "b"}]});
        for op in [
            json!({"op": "add", "path": "/units/1", "value": {"ref": "new"}}),
            json!({"op": "add", "path": "/units/-", "value": {"ref": "last"}}),
            json!({"op": "replace", "path": "/units/@ref=='a'", "value": {"ref": "A"}}),
            json!({"op": "remove", "path": "/units/@ref=='b'"}),
            json!({"op": "add", "path": "/units/9", "value": 0}),
        ] {
            apply_patch(&mut doc, &op);
        }
        assert_eq!(
            doc,
            json!({"units": [{"ref": "A"}, {"ref": "new"}, {"ref": "last"}]})
        );
    }

    #[test]
    fn an_update_sets_clears_and_keeps() {
        let mut store = Store::default();
        store.put("o1".into(), json!({"id": "o1", "a": 1, "b": 2, "c": 3}));
        let body = Body::Fields(
            json!({"a": 10, "b": null})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        );
        assert_eq!(
            store.update("o1", &body),
            Some(&json!({"id": "o1", "a": 10, "b": null, "c": 3}))
        );
        assert_eq!(store.update("o2", &body), None);
        store.put(
            "d".into(),
            json!({"data": {"id": "d", "attributes": {"x": 1, "y": 2}}}),
        );
        let body = Body::Fields(json!({"x": 5}).as_object().cloned().unwrap_or_default());
        assert_eq!(
            store.update("d", &body),
            Some(&json!({"data": {"id": "d", "attributes": {"x": 5, "y": 2}}}))
        );
        store.put(
            "p".into(),
            json!({"intent": "CAPTURE", "purchase_units": [{"reference_id": "default"}]}),
        );
        let ops = Body::Patch(vec![
            json!({"op": "replace", "path": "/intent", "value": "AUTHORIZE"}),
            json!({"op": "add", "path": "/purchase_units/0/description", "value": "d"}),
        ]);
        assert_eq!(
            store.update("p", &ops),
            Some(
                &json!({"intent": "AUTHORIZE", "purchase_units": [{"reference_id": "default", "description": "d"}]})
            )
        );
    }
}
