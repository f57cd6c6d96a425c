//! What a recorded request shows: credentials, sensitive headers and
//! sensitive body fields replaced by `[redacted]`, in JSON and form bodies
//! alike.

use serde_json::Value;

use crate::routes::Table;

/// What a recorded secret shows.
const REDACTED: &str = "[redacted]";

/// Header names whose values a recording never shows.
fn secret_headers(table: &Table) -> Vec<String> {
    let mut names = vec![
        "authorization".to_string(),
        "proxy-authorization".into(),
        "cookie".into(),
    ];
    let per_call = table
        .routes
        .iter()
        .filter_map(|r| r.request.as_ref())
        .flat_map(|r| r.headers.iter());
    names.extend(
        table
            .headers
            .iter()
            .chain(per_call)
            .filter(|h| h.sensitive)
            .map(|h| h.wire.to_ascii_lowercase()),
    );
    names
}

pub(crate) fn redact_headers(
    table: &Table,
    headers: Vec<(String, String)>,
) -> Vec<(String, String)> {
    let secret = secret_headers(table);
    headers
        .into_iter()
        .map(|(k, v)| {
            if secret.contains(&k.to_ascii_lowercase()) {
                (k, REDACTED.to_string())
            } else {
                (k, v)
            }
        })
        .collect()
}

/// The body as text with every sensitive field's value redacted (JSON
/// bodies by key at any depth, form bodies by name).
pub(crate) fn redact_body(table: &Table, body: &[u8]) -> String {
    let sensitive: Vec<&str> = table
        .routes
        .iter()
        .filter_map(|r| r.request.as_ref())
        .flat_map(|r| r.carried_fields())
        .filter(|f| f.sensitive)
        .map(|f| f.wire.as_str())
        .chain(table.model.types.iter().flat_map(|t| {
            match t {
                codegen::model::TypeDef::Object(o) => o
                    .fields
                    .iter()
                    .filter(|f| f.sensitive)
                    .map(|f| f.wire.as_str())
                    .collect::<Vec<_>>(),
                _ => Vec::new(),
            }
        }))
        .collect();
    if let Ok(mut v) = serde_json::from_slice::<Value>(body) {
        redact_value(&mut v, &sensitive, 0);
        return v.to_string();
    }
    let text = String::from_utf8_lossy(body);
    if sensitive.is_empty() || !text.contains('=') {
        return text.into_owned();
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (k, v) in form_urlencoded::parse(body) {
        let base = k.split('[').next().unwrap_or(&k);
        if sensitive.contains(&base) {
            out.append_pair(&k, REDACTED);
        } else {
            out.append_pair(&k, &v);
        }
    }
    out.finish()
}

fn redact_value(v: &mut Value, sensitive: &[&str], depth: usize) {
    if depth > 64 {
        return;
    }
    match v {
        Value::Object(map) => {
            for (k, inner) in map.iter_mut() {
                if sensitive.contains(&k.as_str()) {
                    *inner = Value::String(REDACTED.into());
                } else {
                    redact_value(inner, sensitive, depth + 1);
                }
            }
        }
        Value::Array(list) => list
            .iter_mut()
            .for_each(|i| redact_value(i, sensitive, depth + 1)),
        _ => {}
    }
}
