//! Error bodies in the provider's documented shape, carrying the docs' own
//! message where the client reads it.

use serde_json::{Map, Value};

use crate::routes::{Route, Table};

/// The body of a documented error with `message`: the spec's example error
/// body (or the smallest body the error type decodes from) with the
/// message at the error type's message path.
pub(crate) fn body(table: &Table, message: &str) -> Value {
    let mut body = table
        .error_template
        .clone()
        .or_else(|| table.error_minimal.clone())
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

/// Sets the text at a dotted path, creating what is missing; a list on the
/// way stands for its first item.
fn set(value: &mut Value, path: &str, text: &str) {
    let segments: Vec<&str> = path.split('.').collect();
    let mut current = value;
    for (i, seg) in segments.iter().enumerate() {
        if let Value::Array(list) = current {
            if list.is_empty() {
                list.push(Value::Object(Map::new()));
            }
            current = &mut list[0];
        }
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else { return };
        if i + 1 == segments.len() {
            map.insert((*seg).to_string(), Value::String(text.to_string()));
            return;
        }
        current = map
            .entry((*seg).to_string())
            .or_insert_with(|| Value::Object(Map::new()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_message_lands_at_its_path_through_lists() {
        let mut v = json!({"errors": [{"code": "X", "detail": "old"}], "other": 1});
        set(&mut v, "errors.detail", "new");
        assert_eq!(
            v,
            json!({"errors": [{"code": "X", "detail": "new"}], "other": 1})
        );
        let mut empty = json!({});
        set(&mut empty, "error.description", "m");
        assert_eq!(empty, json!({"error": {"description": "m"}}));
    }
}
