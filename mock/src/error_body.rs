//! Error bodies in the provider's documented shape, carrying the docs' own
//! message where the client reads it.

use serde_json::{Map, Value};

use codegen::model::{ErrorCause, Fault};

use crate::routes::{Route, Table};

/// The body of a documented error with `message`: the smallest body the
/// error type decodes from (its required fields), or the spec's example
/// error body when the docs name no type, with the message at the error
/// type's message path. Not the example when there is a type: its other
/// values (a reason, ids) belong to another failure.
pub(crate) fn body(table: &Table, message: &str) -> Value {
    let mut body = table
        .error_minimal
        .clone()
        .or_else(|| table.error_template.clone())
        .unwrap_or_else(|| Value::Object(Map::new()));
    if let Some(path) = &table.message_path {
        set(&mut body, path, message);
    }
    body
}

/// The documented error a request at `fault` gets, as (status, message):
/// the model's choice (the one with the broken rule's own message, else
/// the one whose cause covers the fault), with the violation's message
/// when the docs give the error none; else the route's status for bad
/// requests with the violation's message. Never another documented
/// status: a broken rule is not a 401 or a 403.
pub(crate) fn for_fault(route: &Route, fault: Fault, message: &str) -> (u16, String) {
    let op = &route.operation;
    match op.error_for(fault, message) {
        Some(e) if !e.message.is_empty() => (e.status, e.message.clone()),
        Some(e) => (e.status, message.to_string()),
        None => (op.bad_request_status(), message.to_string()),
    }
}

/// The documented error caused by `cause`, else `fallback`.
fn caused_by(route: &Route, cause: &ErrorCause, fallback: (u16, &str)) -> (u16, String) {
    match route.operation.error_caused_by(cause) {
        Some(e) if !e.message.is_empty() => (e.status, e.message.clone()),
        // The docs give the error no message: the status is theirs.
        Some(e) => (e.status, fallback.1.to_string()),
        None => (fallback.0, fallback.1.to_string()),
    }
}

/// The documented error for an id the mock does not hold.
pub(crate) fn not_found(route: &Route) -> (u16, String) {
    caused_by(
        route,
        &ErrorCause::NotFound,
        (404, "The resource does not exist."),
    )
}

/// The documented error for a request without acceptable credentials.
pub(crate) fn unauthorized(route: &Route) -> (u16, String) {
    caused_by(
        route,
        &ErrorCause::Credentials,
        (401, "Authentication failed."),
    )
}

/// Sets the text at a path (each step a key, and whether it holds a list
/// whose first item goes on), creating what is missing.
fn set(value: &mut Value, path: &[(String, bool)], text: &str) {
    let mut current = value;
    for (i, (key, list)) in path.iter().enumerate() {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else { return };
        if i + 1 == path.len() {
            map.insert(key.clone(), Value::String(text.to_string()));
            return;
        }
        let empty = || {
            if *list {
                Value::Array(Vec::new())
            } else {
                Value::Object(Map::new())
            }
        };
        let mut next = map.entry(key.clone()).or_insert_with(empty);
        if *list {
            if !next.is_array() {
                *next = Value::Array(Vec::new());
            }
            let Value::Array(items) = next else { return };
            if items.is_empty() {
                items.push(Value::Object(Map::new()));
            }
            next = &mut items[0];
        }
        current = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_message_lands_at_its_path_through_lists() {
        let path = |steps: &[(&str, bool)]| -> Vec<(String, bool)> {
            steps.iter().map(|(k, l)| (k.to_string(), *l)).collect()
        };
        let mut v = json!({"errors": [{"code": "X", "detail": "old"}], "other": 1});
        set(&mut v, &path(&[("errors", true), ("detail", false)]), "new");
        assert_eq!(
            v,
            json!({"errors": [{"code": "X", "detail": "new"}], "other": 1})
        );
        let mut empty = json!({});
        set(
            &mut empty,
            &path(&[("details", true), ("description", false)]),
            "m",
        );
        assert_eq!(empty, json!({"details": [{"description": "m"}]}));
        let mut empty = json!({});
        set(
            &mut empty,
            &path(&[("error", false), ("description", false)]),
            "m",
        );
        assert_eq!(empty, json!({"error": {"description": "m"}}));
    }
}
