//! The resources a mock holds, by id: seeded from the spec's examples,
//! changed by updates.

use std::collections::HashMap;

use serde_json::{Map, Value};

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
    let Some(parent) = make_parents(doc, parent) else {
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

/// The object at `pointer`, created (as empty objects) where missing.
fn make_parents<'a>(doc: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    let mut current = doc;
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        current = match current {
            Value::Object(map) => map.entry(seg).or_insert_with(|| Value::Object(Map::new())),
            Value::Array(list) => list.get_mut(seg.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
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
