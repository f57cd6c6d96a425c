//! Error bodies in the provider's documented shape, carrying the docs' own
//! message where the client reads it.

use serde_json::{Map, Value};

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

/// The status of the documented error with `message`, or the status the
/// route documents for bad requests (400, else 422), or `fallback`. Never
/// another documented status: a broken rule is not a 401 or a 403.
pub(crate) fn status_for(route: &Route, message: &str, fallback: u16) -> u16 {
    if let Some((s, _)) = route.errors.iter().find(|(_, m)| m == message) {
        return *s;
    }
    [400, 422]
        .into_iter()
        .find(|s| route.errors.iter().any(|(e, _)| e == s))
        .unwrap_or(fallback)
}

/// The documented error for an id the mock does not hold: one whose
/// message says the resource does not exist, else a documented 404, else
/// a plain 404.
pub(crate) fn not_found(route: &Route) -> (u16, String) {
    let says_missing = |m: &str| {
        let m = m.to_ascii_lowercase();
        m.contains("not exist") || m.contains("not found") || m.contains("does not belong")
    };
    route
        .errors
        .iter()
        .find(|(_, m)| says_missing(m))
        .or_else(|| route.errors.iter().find(|(s, _)| *s == 404))
        .cloned()
        .unwrap_or((404, "The resource does not exist.".into()))
}

/// The documented error for a request without acceptable credentials: a
/// documented 401, else one whose message is about the key or the
/// credentials (Razorpay answers a bad key with a 400), else a plain 401.
pub(crate) fn unauthorized(route: &Route) -> (u16, String) {
    let about_credentials = |m: &str| {
        let m = m.to_ascii_lowercase();
        [
            "api key",
            "key/secret",
            "credential",
            "authoriz",
            "authentic",
            "token",
        ]
        .iter()
        .any(|w| m.contains(w))
    };
    route
        .errors
        .iter()
        .find(|(s, _)| *s == 401)
        .or_else(|| route.errors.iter().find(|(_, m)| about_credentials(m)))
        .cloned()
        .unwrap_or((401, "Authentication failed.".into()))
}

/// The documented error for a JSON Patch operation at a path the docs do
/// not list as patchable, when the docs have one (PayPal's
/// `FIELD_NOT_PATCHABLE`).
pub(crate) fn not_patchable(route: &Route) -> Option<(u16, String)> {
    route
        .errors
        .iter()
        .find(|(_, m)| {
            let m = m.to_ascii_lowercase();
            m.contains("cannot be patched") || m.contains("not patchable")
        })
        .cloned()
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
