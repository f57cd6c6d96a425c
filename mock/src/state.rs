//! The resources a mock holds, by id: seeded from the spec's examples,
//! changed by updates.

use std::collections::HashMap;

use serde_json::{Map, Value};

use codegen::model::{DocumentedError, ErrorCause, Fault};

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

/// The documented error the held resource gives `update`, when one's
/// cause is about state: (status, message, the rule broken). A resource in
/// a refused state (`state`), an update that changes a member that must
/// stay as held (`conflict`), a JSON Patch `add` at a member that is
/// present or a `replace` or `remove` at one that is absent
/// (`patch_target`, each operation against the resource as the ones
/// before it left it).
pub(crate) fn refusal(
    errors: &[DocumentedError],
    held: &Value,
    update: Option<&Body>,
) -> Option<(u16, String, String)> {
    for e in errors {
        let found = match &e.cause {
            Some(ErrorCause::State { pointer, equals }) => (crate::pointer::get(held, pointer)
                == Some(equals))
            .then(|| format!("state: `{pointer}` is {equals}")),
            Some(ErrorCause::Conflict(pointer)) => update.and_then(|u| {
                let sent = sent_at(u, pointer)?;
                let kept = crate::pointer::get(held, pointer)?;
                (sent != kept).then(|| format!("conflict: `{pointer}` differs from the held value"))
            }),
            Some(cause) if cause.covers(Fault::PatchTarget) => match update {
                Some(Body::Patch(ops)) => misplaced(held, ops),
                _ => None,
            },
            _ => None,
        };
        if let Some(rule) = found {
            return Some((e.status, e.message.clone(), rule));
        }
    }
    None
}

/// The value an update sends for the member at `pointer`.
fn sent_at<'a>(update: &'a Body, pointer: &str) -> Option<&'a Value> {
    match update {
        Body::Fields(fields) => {
            let (first, rest) = match pointer.strip_prefix('/')?.split_once('/') {
                Some((first, rest)) => (first, format!("/{rest}")),
                None => (pointer.strip_prefix('/')?, String::new()),
            };
            crate::pointer::get(fields.get(first)?, &rest)
        }
        Body::Patch(ops) => ops.iter().rev().find_map(|op| {
            let adds = matches!(
                op.get("op").and_then(Value::as_str),
                Some("add" | "replace")
            );
            (adds && op.get("path").and_then(Value::as_str) == Some(pointer))
                .then(|| op.get("value"))
                .flatten()
        }),
    }
}

/// The first JSON Patch operation whose target is not as its op needs.
fn misplaced(held: &Value, ops: &[Value]) -> Option<String> {
    let mut doc = held.clone();
    for op in ops {
        let (Some(kind), Some(path)) = (
            op.get("op").and_then(Value::as_str),
            op.get("path").and_then(Value::as_str),
        ) else {
            continue;
        };
        // Only a member of something the resource holds: a missing parent
        // is another error (a filter that matches no item).
        let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
        if crate::pointer::get(&doc, parent).is_none() {
            apply_patch(&mut doc, op);
            continue;
        }
        let present = crate::pointer::get(&doc, path).is_some();
        let bad = match kind {
            "add" => present && !path.ends_with("/-"),
            "replace" | "remove" => !present,
            _ => false,
        };
        if bad {
            let state = if present { "present" } else { "absent" };
            return Some(format!("patch: `{kind}` at `{path}`, which is {state}"));
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

/// One JSON Patch operation (`add`, `replace`, `remove`) on `doc`; others
/// and malformed ones change nothing.
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
    let last = last.replace("~1", "/").replace("~0", "~");
    let Some(parent) = crate::pointer::make(doc, parent) else {
        return;
    };
    match (kind, parent) {
        ("add" | "replace", Value::Object(map)) => {
            map.insert(last, op.get("value").cloned().unwrap_or(Value::Null));
        }
        ("remove", Value::Object(map)) => {
            map.remove(&last);
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
