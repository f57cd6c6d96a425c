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

/// The documented error a request at fault gets, as (status, message):
/// the one whose message is the violation's own (a constraint the docs
/// give a message), else the one whose `cause` covers the fault (with its
/// message, or the violation's when the docs give none), else the status
/// the route documents for bad requests (400, else 422) with the
/// violation's message. Never another documented status: a broken rule is
/// not a 401 or a 403.
pub(crate) fn for_fault(route: &Route, fault: Fault, message: &str) -> (u16, String) {
    if let Some(e) = route.errors.iter().find(|e| e.message == message) {
        return (e.status, message.to_string());
    }
    if let Some(e) = route
        .errors
        .iter()
        .find(|e| e.cause.as_ref().is_some_and(|c| c.covers(fault)))
    {
        let text = if e.message.is_empty() {
            message
        } else {
            &e.message
        };
        return (e.status, text.to_string());
    }
    let status = [400, 422]
        .into_iter()
        .find(|s| route.errors.iter().any(|e| e.status == *s))
        .unwrap_or(400);
    (status, message.to_string())
}

/// The documented error whose cause `matches`, as (status, message).
pub(crate) fn by_cause(
    route: &Route,
    matches: impl Fn(&ErrorCause) -> bool,
) -> Option<(u16, String)> {
    route
        .errors
        .iter()
        .find(|e| e.cause.as_ref().is_some_and(&matches))
        .map(|e| (e.status, e.message.clone()))
}

/// Whether any documented error of the route has a cause: a spec that
/// ties errors to causes is answered by them alone, without guessing from
/// the messages' words.
fn has_causes(route: &Route) -> bool {
    route.errors.iter().any(|e| e.cause.is_some())
}

/// The documented error with a message that `says` (a spec without
/// causes), else one of `status`.
fn by_words(route: &Route, status: u16, says: impl Fn(&str) -> bool) -> Option<(u16, String)> {
    if has_causes(route) {
        return None;
    }
    route
        .errors
        .iter()
        .find(|e| says(&e.message.to_ascii_lowercase()))
        .or_else(|| route.errors.iter().find(|e| e.status == status))
        .map(|e| (e.status, e.message.clone()))
}

/// The documented error for an id the mock does not hold: the one caused
/// by `not_found`; in a spec without causes, one whose message says the
/// resource does not exist, else a documented 404; else a plain 404.
pub(crate) fn not_found(route: &Route) -> (u16, String) {
    by_cause(route, |c| *c == ErrorCause::NotFound)
        .or_else(|| {
            by_words(route, 404, |m| {
                m.contains("not exist") || m.contains("not found") || m.contains("does not belong")
            })
        })
        .unwrap_or((404, "The resource does not exist.".into()))
}

/// The documented error for a request without acceptable credentials: the
/// one caused by `credentials`; in a spec without causes, a documented 401,
/// else one whose message is about the key or the credentials; else a
/// plain 401.
pub(crate) fn unauthorized(route: &Route) -> (u16, String) {
    by_cause(route, |c| *c == ErrorCause::Credentials)
        .or_else(|| {
            if has_causes(route) {
                return None;
            }
            route
                .errors
                .iter()
                .find(|e| e.status == 401)
                .map(|e| (e.status, e.message.clone()))
        })
        .or_else(|| {
            by_words(route, 401, |m| {
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
            })
        })
        .unwrap_or((401, "Authentication failed.".into()))
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
