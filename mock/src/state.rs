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

    /// Applies an update to the resource `id` and returns it: each field
    /// the body sets is set (an object field by its own fields, as a sparse
    /// update reads), a `null` clears it, and the others keep their
    /// values. A JSON:API document changes its `data.attributes`; a JSON
    /// Patch list applies its operations in order. `None` for an unknown id.
    pub(crate) fn update(&mut self, id: &str, body: &Body) -> Option<&Value> {
        let resource = self.resources.get_mut(id)?;
        match body {
            Body::Fields(fields) => {
                let target = match resource.pointer_mut("/data/attributes") {
                    Some(Value::Object(_)) => resource.pointer_mut("/data/attributes")?,
                    _ => resource,
                };
                merge(target, fields, 0);
            }
            Body::Patch(ops) => {
                for op in ops {
                    apply_patch(resource, op);
                }
            }
        }
        self.resources.get(id)
    }
}

/// Why the held resource refuses `update`, in the order a server finds
/// it: a documented refused state (`state`), then a member the update
/// changes that must stay as held (`conflict`), as (status, message, the
/// rule broken); then a JSON Patch operation whose target is not as its
/// op needs, as its fault and the rule, for the caller to answer with the
/// fault's documented error.
pub(crate) enum Refusal {
    /// A documented error: status, message, the rule.
    Documented(u16, String, String),
    /// A fault of the patch against the held resource, and the rule.
    Patch(Fault, String),
}

/// See [`Refusal`].
pub(crate) fn refusal(op: &Operation, held: &Value, update: Option<&Body>) -> Option<Refusal> {
    for e in op.state_errors() {
        let found = match &e.cause {
            ErrorCause::State { pointer, equals } => (crate::pointer::get(held, pointer)
                == Some(equals))
            .then(|| format!("state: `{pointer}` is {equals}")),
            ErrorCause::Conflict(pointer) => update
                .filter(|u| changes(u, held, pointer))
                .map(|_| format!("conflict: the update changes `{pointer}`")),
            _ => None,
        };
        if let Some(rule) = found {
            return Some(Refusal::Documented(e.status, e.message.clone(), rule));
        }
    }
    match update {
        Some(Body::Patch(ops)) => misplaced(held, ops).map(|(f, rule)| Refusal::Patch(f, rule)),
        _ => None,
    }
}

/// Whether `update` changes the held member at `pointer`: sets it to
/// another value than the held one, or removes it.
fn changes(update: &Body, held: &Value, pointer: &str) -> bool {
    let kept = crate::pointer::get(held, pointer);
    match update {
        Body::Fields(fields) => {
            let Some(rest) = pointer.strip_prefix('/') else {
                return false;
            };
            let (first, below) = rest.split_once('/').unwrap_or((rest, ""));
            let first = first.replace("~1", "/").replace("~0", "~");
            let below = if below.is_empty() {
                String::new()
            } else {
                format!("/{below}")
            };
            let sent = fields
                .get(&first)
                .and_then(|v| crate::pointer::get(v, &below));
            sent.is_some_and(|v| Some(v) != kept)
        }
        Body::Patch(ops) => ops.iter().any(|op| {
            if op.get("path").and_then(Value::as_str) != Some(pointer) {
                return false;
            }
            match op.get("op").and_then(Value::as_str) {
                Some("add" | "replace") => op.get("value") != kept,
                Some("remove") => kept.is_some(),
                _ => false,
            }
        }),
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
        let present = match crate::pointer::find(&doc, parent) {
            Err(crate::pointer::Miss::Filter) => {
                return Some((
                    Fault::PatchFilter,
                    format!("patch: no item matches `{path}`"),
                ));
            }
            Err(crate::pointer::Miss::Member) => {
                return Some((
                    Fault::PatchTarget,
                    format!("patch: `{kind}` at `{path}`, whose parent is absent"),
                ));
            }
            Ok(Value::Array(list)) if last == "-" => false,
            Ok(Value::Array(list)) => match crate::pointer::index_in(list, last) {
                Some(_) => true,
                None if last.starts_with('@') && kind != "add" => {
                    return Some((
                        Fault::PatchFilter,
                        format!("patch: no item matches `{path}`"),
                    ));
                }
                None => false,
            },
            Ok(_) => crate::pointer::get(&doc, path).is_some(),
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
            if let Some(at) = last.parse::<usize>().ok().filter(|i| *i <= list.len()) {
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
