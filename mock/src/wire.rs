//! A request body as the wire carries it, read back into the request's
//! fields: the JSON object the request type decodes from (and validates),
//! and what an update changes in the stored resource.

use codegen::lang::{Encoding, Scalar};
use codegen::model::{Provider, Request, RustTy, TypeDef};
use serde_json::{Map, Value};

/// Deepest bracket nesting a form key may have.
const MAX_FORM_DEPTH: usize = 32;

/// What a body holds.
#[derive(Debug)]
pub(crate) enum Body {
    /// The request's fields by wire name (JSON:API: the attributes).
    Fields(Map<String, Value>),
    /// A JSON Patch list.
    Patch(Vec<Value>),
}

/// The media type each encoding is sent as.
pub(crate) fn media_type(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Form => "application/x-www-form-urlencoded",
        Encoding::Json | Encoding::JsonPatch => "application/json",
        Encoding::JsonApi => "application/vnd.api+json",
    }
}

/// Reads `bytes` as `request` is encoded; the error says what is wrong.
pub(crate) fn decode(
    request: &Request,
    content_type: Option<&str>,
    bytes: &[u8],
    model: &Provider,
) -> Result<Body, String> {
    let expected = media_type(request.encoding);
    let sent = content_type
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim();
    if !sent.eq_ignore_ascii_case(expected) {
        return Err(format!("the body must be `{expected}`, not `{sent}`"));
    }
    match request.encoding {
        Encoding::Json => match serde_json::from_slice(bytes) {
            Ok(Value::Object(map)) => Ok(Body::Fields(map)),
            Ok(_) => Err("the body must be a JSON object".into()),
            Err(e) => Err(format!("the body is not JSON: {e}")),
        },
        Encoding::JsonPatch => match serde_json::from_slice(bytes) {
            Ok(Value::Array(list)) => Ok(Body::Patch(list)),
            Ok(_) => Err("the body must be a JSON Patch list".into()),
            Err(e) => Err(format!("the body is not JSON: {e}")),
        },
        Encoding::JsonApi => json_api(request, bytes),
        Encoding::Form => {
            let nested = form(bytes)?;
            let mut fields = Map::new();
            for (k, v) in nested {
                let v = match request.fields.iter().find(|f| f.wire == k) {
                    Some(f) => coerce(v, &f.ty, model, 0),
                    None => v,
                };
                fields.insert(k, v);
            }
            Ok(Body::Fields(fields))
        }
    }
}

/// Each operation of a JSON Patch list as the documented patch it is: the
/// row whose path template its `path` matches and whose operations include
/// its `op`, with the placeholders' values and its `value`.
#[cfg(json_patch)]
pub(crate) fn patches(
    table: &codegen::model::PatchTable,
    items: &[Value],
) -> Result<Vec<crate::checked::Patch>, (codegen::model::Fault, String)> {
    use codegen::model::Fault;

    let mut out = Vec::new();
    for item in items {
        let Some(op) = item.get("op").and_then(Value::as_str) else {
            return Err((
                Fault::Malformed,
                "each JSON Patch operation has an `op`".into(),
            ));
        };
        let Some(path) = item.get("path").and_then(Value::as_str) else {
            return Err((
                Fault::PatchPath,
                format!("the `{op}` operation has no `path`"),
            ));
        };
        if !codegen::lang::is_json_pointer(path) {
            return Err((
                Fault::PatchPointer,
                format!("`{path}` is not a JSON Pointer"),
            ));
        }
        if matches!(op, "add" | "replace") && item.get("value").is_none() {
            return Err((
                Fault::PatchValue,
                format!("the `{op}` at `{path}` has no `value`"),
            ));
        }
        let found = table.rows.iter().find_map(|row| {
            let o = row.ops.iter().find(|o| o.name() == op)?;
            let values = row.match_pointer(path)?;
            Some((row, *o, values))
        });
        let Some((row, o, values)) = found else {
            return Err((
                Fault::NotPatchable,
                format!("`{op}` at `{path}` is not a documented patch"),
            ));
        };
        let mut params = Map::new();
        for (&i, (_, text)) in row.params.iter().zip(&values) {
            let Some(f) = table.params.get(i) else {
                continue;
            };
            let textual = matches!(&f.ty, RustTy::Scalar(s) if s.is_textual());
            let v = if textual {
                Value::String(text.clone())
            } else {
                text.parse::<i64>()
                    .map(Value::from)
                    .unwrap_or(Value::String(text.clone()))
            };
            params.insert(f.ident.clone(), v);
        }
        out.push(crate::checked::Patch {
            build: row.constructor(o),
            params: Value::Object(params),
            value: item.get("value").cloned().unwrap_or(Value::Null),
        });
    }
    Ok(out)
}

/// A JSON:API document's attributes, after checking its resource type.
fn json_api(request: &Request, bytes: &[u8]) -> Result<Body, String> {
    let doc: Value =
        serde_json::from_slice(bytes).map_err(|e| format!("the body is not JSON: {e}"))?;
    let data = doc.get("data").ok_or("a JSON:API document has `data`")?;
    if let Some(t) = &request.resource_type {
        if data.get("type").and_then(Value::as_str) != Some(t.as_str()) {
            return Err(format!("`data.type` must be `{t}`"));
        }
    }
    match data.get("attributes") {
        None => Ok(Body::Fields(Map::new())),
        Some(Value::Object(map)) => Ok(Body::Fields(map.clone())),
        Some(_) => Err("`data.attributes` must be an object".into()),
    }
}

/// A form body as nested JSON: `a[b]=1` is `{"a": {"b": "1"}}`, `a[]=1`
/// and a repeated `a=1` append to a list. Every value is text.
pub(crate) fn form(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    let mut root = Map::new();
    for (key, value) in form_urlencoded::parse(bytes) {
        let (head, segments) = split_key(&key)?;
        insert(
            &mut root,
            head,
            &segments,
            Value::String(value.into_owned()),
        );
    }
    Ok(root)
}

/// `a[b][]` into `a` and `["b", ""]`.
fn split_key(key: &str) -> Result<(String, Vec<String>), String> {
    let (head, mut rest) = match key.find('[') {
        Some(i) => (&key[..i], &key[i..]),
        None => (key, ""),
    };
    let mut segments = Vec::new();
    while let Some(inner) = rest.strip_prefix('[') {
        let end = inner
            .find(']')
            .ok_or_else(|| format!("the form key `{key}` has an unclosed `[`"))?;
        segments.push(inner[..end].to_string());
        rest = &inner[end + 1..];
        if segments.len() > MAX_FORM_DEPTH {
            return Err(format!("the form key `{key}` nests too deep"));
        }
    }
    if !rest.is_empty() || head.is_empty() {
        return Err(format!("`{key}` is not a form key"));
    }
    Ok((head.to_string(), segments))
}

fn insert(map: &mut Map<String, Value>, key: String, segments: &[String], value: Value) {
    match segments.split_first() {
        None => match map.get_mut(&key) {
            Some(Value::Array(list)) => list.push(value),
            Some(old) => {
                let first = old.take();
                *old = Value::Array(vec![first, value]);
            }
            None => {
                map.insert(key, value);
            }
        },
        Some((seg, rest)) if seg.is_empty() || seg.bytes().all(|b| b.is_ascii_digit()) => {
            let slot = map.entry(key).or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(list) = slot {
                if rest.is_empty() {
                    list.push(value);
                } else {
                    let mut inner = Map::new();
                    let (next, tail) = (rest[0].clone(), &rest[1..]);
                    insert(&mut inner, next, tail, value);
                    list.push(Value::Object(inner));
                }
            }
        }
        Some((seg, rest)) => {
            let slot = map.entry(key).or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = slot {
                insert(inner, seg.clone(), rest, value);
            }
        }
    }
}

/// A form's text values turned into the JSON the field's type decodes
/// from: numbers and booleans parsed, objects and lists field by field.
fn coerce(value: Value, ty: &RustTy, model: &Provider, depth: usize) -> Value {
    if depth > MAX_FORM_DEPTH {
        return value;
    }
    match (value, ty) {
        (Value::String(s), RustTy::Scalar(scalar)) => match scalar {
            Scalar::Integer | Scalar::AmountMinor | Scalar::UnixTime => s
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::String(s)),
            // A JSON number on the wire: its digits as a number.
            Scalar::Decimal => serde_json::from_str::<serde_json::Number>(&s)
                .map(Value::Number)
                .unwrap_or(Value::String(s)),
            Scalar::Boolean => match s.as_str() {
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                _ => Value::String(s),
            },
            _ => Value::String(s),
        },
        (Value::Array(list), RustTy::List(inner)) => Value::Array(
            list.into_iter()
                .map(|v| coerce(v, inner, model, depth + 1))
                .collect(),
        ),
        (Value::Object(map), RustTy::Map(inner)) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, coerce(v, inner, model, depth + 1)))
                .collect(),
        ),
        (Value::Object(map), RustTy::Named(_, _, id)) => match model.types.get(id.0) {
            Some(TypeDef::Object(o)) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        let v = match o.fields.iter().find(|f| f.wire == k) {
                            Some(f) => coerce(v, &f.ty, model, depth + 1),
                            None => v,
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            _ => Value::Object(map),
        },
        (value, _) => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn form_keys_nest_and_lists_append() {
        let map = form(b"amount=90.50&notes%5Bk%5D=v&tags[]=a&tags[]=b&x=1&x=2").expect("a form");
        assert_eq!(
            Value::Object(map),
            json!({"amount": "90.50", "notes": {"k": "v"}, "tags": ["a", "b"], "x": ["1", "2"]})
        );
        assert!(form(b"a[b=1").is_err());
        assert!(form(b"[b]=1").is_err());
        let deep = format!("a{}=1", "[b]".repeat(MAX_FORM_DEPTH + 1));
        assert!(form(deep.as_bytes()).is_err());
    }
}
