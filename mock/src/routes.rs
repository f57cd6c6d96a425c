//! What the mock serves for a provider, read once from its checked spec:
//! each operation's method, path, body encoding, success status,
//! documented errors and examples, and the provider's authentication and
//! headers. The spec's meaning comes from the generator's model; only what
//! the model leaves out (examples, the error body's wire paths, the
//! messages of rejected fields) is read from the spec file itself.

use codegen::lang::Template;
use codegen::model::{Auth, Header, Operation, Provider, Request, TypeDef};
use serde_json::Value;

/// A provider's routes and the rules common to them.
pub(crate) struct Table {
    /// Module name (`razorpay`).
    pub name: String,
    /// The schemes a request may authenticate with.
    pub auth: Vec<Auth>,
    /// Headers every call sends.
    pub headers: Vec<Header>,
    /// The operations.
    pub routes: Vec<Route>,
    /// Where the message goes in an error body: the wire name of each step
    /// and whether it is a list (whose first item is read).
    pub message_path: Option<Vec<(String, bool)>>,
    /// An error body from the spec's examples, the shape errors are built on.
    pub error_template: Option<Value>,
    /// A minimal error body that decodes into the error type, when there
    /// is no example.
    pub error_minimal: Option<Value>,
    /// The provider's model, for the types bodies are coerced to.
    pub model: Provider,
}

/// One operation.
pub(crate) struct Route {
    /// Method name (`update_order`).
    pub op: String,
    /// `PATCH`.
    pub method: &'static str,
    /// The path template.
    pub path: Template,
    /// The request body, when there is one.
    pub request: Option<Request>,
    /// Success status.
    pub success: u16,
    /// The success answer has a body.
    pub has_body: bool,
    /// The operation as the model has it: its documented errors and
    /// which one each failure gets.
    pub operation: Operation,
    /// Rejected wire names and the docs' message for each.
    pub rejects: Vec<(String, Option<String>)>,
    /// Examples: path parameters and the success body.
    pub seeds: Vec<(Vec<(String, String)>, Value)>,
}

impl Table {
    /// The table of a checked spec.
    pub(crate) fn new(checked: &codegen::Checked) -> Table {
        let model = checked.model().clone();
        let spec = checked.spec();
        let mut error_template = None;
        let mut routes = Vec::new();
        for op in &model.operations {
            let spec_op = spec.operations.get(&op.ident);
            let mut seeds = Vec::new();
            for example in spec_op.map(|o| o.examples.as_slice()).unwrap_or_default() {
                let Some(response) = &example.response else {
                    // A request sample without its answer still names a
                    // resource: held as the smallest response that
                    // decodes, with its id.
                    let mut held = op
                        .response_type
                        .as_ref()
                        .and_then(|t| model.types.iter().find(|d| type_name(d) == t))
                        .map(|d| minimal(d, &model, 0))
                        .unwrap_or_else(|| Value::Object(serde_json::Map::new()));
                    let params: Vec<(String, String)> = example
                        .path_params
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    if let (Some(Value::String(id)), Some((_, value))) =
                        (held.get_mut("id"), params.last())
                    {
                        *id = value.clone();
                    }
                    seeds.push((params, held));
                    continue;
                };
                let body = response
                    .body
                    .as_ref()
                    .and_then(|b| serde_json::to_value(b).ok());
                if response.status >= 400 {
                    if let Some(body) = body {
                        error_template.get_or_insert(body);
                    }
                } else {
                    // A success without a body (a 204) still names a
                    // resource that exists: held as an empty object.
                    let mut body = body.unwrap_or_else(|| Value::Object(serde_json::Map::new()));
                    // The docs' answer shows a version the update has
                    // incremented: before it, the resource held the one
                    // the sample sends.
                    let sent = example
                        .request
                        .as_ref()
                        .and_then(|r| serde_json::to_value(r).ok());
                    for pointer in op.versions() {
                        let before = sent.as_ref().and_then(|r| r.pointer(pointer));
                        if let (Some(before), Some(held)) =
                            (before, crate::pointer::get_mut(&mut body, pointer))
                        {
                            *held = before.clone();
                        }
                    }
                    let params = example
                        .path_params
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    seeds.push((params, body));
                }
            }
            let rejects = spec_op
                .and_then(|o| o.request.as_ref())
                .map(|r| {
                    r.rejects
                        .iter()
                        .map(|(k, v)| (k.clone(), v.message.clone()))
                        .collect()
                })
                .unwrap_or_default();
            // A JSON Patch sample changes members of a resource the docs
            // never show: hold what its operations need (the members it
            // replaces or removes, the parents of those it adds), so each
            // sample is served as documented.
            if op.request.as_ref().is_some_and(|r| r.patch.is_some()) {
                for example in spec_op.map(|o| o.examples.as_slice()).unwrap_or_default() {
                    let Some(id) = example.path_params.values().last() else {
                        continue;
                    };
                    let Some(Value::Array(ops)) = example
                        .request
                        .as_ref()
                        .and_then(|r| serde_json::to_value(r).ok())
                    else {
                        continue;
                    };
                    for (_, held) in seeds
                        .iter_mut()
                        .filter(|(p, _)| p.last().map(|(_, v)| v) == Some(id))
                    {
                        needs_of(held, &ops);
                    }
                }
            }
            routes.push(route(op, seeds, rejects));
        }
        let error_type = model.operations.iter().find_map(|o| o.error_type.clone());
        let message_path = error_type.as_ref().and_then(|t| {
            let def = spec.types.get(t)?;
            let text = def.error_text.as_ref()?;
            let wire = first_path(&text.message)?;
            // Which steps are lists (their first item holds the text).
            let lists: Vec<bool> = model
                .types
                .iter()
                .find_map(|d| match d {
                    TypeDef::Object(o) if &o.name == t => o.error_text.message.first().cloned(),
                    _ => None,
                })
                .map(|p| p.steps.iter().map(|s| s.first_item).collect())
                .unwrap_or_default();
            Some(
                wire.split('.')
                    .enumerate()
                    .map(|(i, seg)| (seg.to_string(), lists.get(i).copied().unwrap_or(false)))
                    .collect::<Vec<_>>(),
            )
        });
        let error_def = error_type
            .as_ref()
            .and_then(|t| model.types.iter().find(|d| type_name(d) == t));
        let error_minimal = error_def.map(|d| {
            let mut body = minimal(d, &model, 0);
            if let Some(path) = &message_path {
                with_path(&mut body, d, path, &model);
            }
            body
        });
        Table {
            name: model.name.clone(),
            auth: model.auth.clone(),
            headers: model.headers.clone(),
            routes,
            message_path,
            error_template,
            error_minimal,
            model,
        }
    }

    /// The route `method path` goes to, with its path parameters.
    pub(crate) fn find(&self, method: &str, path: &str) -> Option<(&Route, Vec<(String, String)>)> {
        self.routes
            .iter()
            .filter(|r| r.method == method)
            .find_map(|r| {
                r.path
                    .match_with(path, percent_decode)
                    .map(|params| (r, params))
            })
    }
}

fn route(
    op: &Operation,
    seeds: Vec<(Vec<(String, String)>, Value)>,
    rejects: Vec<(String, Option<String>)>,
) -> Route {
    Route {
        op: op.ident.clone(),
        method: op.method.name(),
        path: op.path.clone(),
        request: op.request.clone(),
        success: op.success_status,
        has_body: op.response_type.is_some(),
        operation: op.clone(),
        rejects,
        seeds,
    }
}

/// Makes `held` hold what the JSON Patch `ops` need to apply: each member
/// a `replace` or `remove` targets (with the value a `replace` sends), and
/// the parent of each member an `add` targets.
fn needs_of(held: &mut Value, ops: &[Value]) {
    for op in ops {
        let Some(path) = op.get("path").and_then(Value::as_str) else {
            continue;
        };
        match op.get("op").and_then(Value::as_str) {
            Some("replace" | "remove") if crate::pointer::get(held, path).is_none() => {
                if let Some(slot) = crate::pointer::make(held, path) {
                    *slot = op.get("value").cloned().unwrap_or(Value::Null);
                }
            }
            Some("add") => {
                let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
                let _ = crate::pointer::make(held, parent);
            }
            _ => {}
        }
    }
}

fn first_path(paths: &codegen::load::model::Paths) -> Option<String> {
    paths.as_slice().first().cloned()
}

fn type_name(t: &TypeDef) -> &str {
    match t {
        TypeDef::Object(o) => &o.name,
        TypeDef::Enum(e) => &e.name,
        TypeDef::Alias(a) => &a.name,
        TypeDef::Union(u) => &u.name,
    }
}

/// Adds to `value` (of type `t`) each field on `path` it lacks, at its
/// smallest (a list with one item), so the message has somewhere to go
/// that still decodes.
fn with_path(value: &mut Value, t: &TypeDef, path: &[(String, bool)], model: &Provider) {
    let mut current = value;
    let mut ty = Some(t);
    for (key, list) in path.iter().take(path.len().saturating_sub(1)) {
        let Some(TypeDef::Object(o)) = ty else { return };
        let Some(f) = o.fields.iter().find(|f| &f.wire == key) else {
            return;
        };
        let Value::Object(map) = current else { return };
        let mut next = map
            .entry(key.clone())
            .or_insert_with(|| minimal_ty(&f.ty, model, 1));
        let mut field_ty = &f.ty;
        if *list {
            if let codegen::model::RustTy::List(inner) = field_ty {
                field_ty = inner;
            }
            match next {
                Value::Array(items) if !items.is_empty() => next = &mut items[0],
                _ => return,
            }
        }
        ty = match field_ty {
            codegen::model::RustTy::Named(_, _, id) => model.types.get(id.0),
            _ => None,
        };
        current = next;
    }
}

/// The smallest value of a named type that decodes: an object with its
/// required fields, an enum's first value.
fn minimal(t: &TypeDef, model: &Provider, depth: usize) -> Value {
    match t {
        TypeDef::Object(o) => {
            let mut map = serde_json::Map::new();
            for f in o
                .fields
                .iter()
                .filter(|f| f.presence == codegen::model::Presence::Required)
            {
                map.insert(f.wire.clone(), minimal_ty(&f.ty, model, depth + 1));
            }
            Value::Object(map)
        }
        TypeDef::Enum(e) => e
            .variants
            .first()
            .map(|v| Value::String(v.wire.clone()))
            .unwrap_or(Value::Null),
        TypeDef::Alias(a) => minimal_ty(&a.ty, model, depth + 1),
        TypeDef::Union(_) => Value::Object(serde_json::Map::new()),
    }
}

fn minimal_ty(ty: &codegen::model::RustTy, model: &Provider, depth: usize) -> Value {
    use codegen::lang::Scalar;
    use codegen::model::RustTy;
    if depth > 16 {
        return Value::Null;
    }
    match ty {
        RustTy::Scalar(Scalar::Boolean) => Value::Bool(false),
        RustTy::Scalar(s) if s.is_textual() => Value::String(String::new()),
        RustTy::Scalar(_) => Value::from(0),
        RustTy::AnyScalar => Value::String(String::new()),
        // One item: an error list (`errors: [{...}]`) needs one to hold
        // the message.
        RustTy::List(inner) => Value::Array(vec![minimal_ty(inner, model, depth + 1)]),
        RustTy::Map(_) => Value::Object(serde_json::Map::new()),
        RustTy::Expandable(_) => Value::String(String::new()),
        RustTy::Open(_) => Value::String(String::new()),
        RustTy::Named(_, _, id) => model
            .types
            .get(id.0)
            .map(|t| minimal(t, model, depth))
            .unwrap_or(Value::Null),
    }
}

/// `%XX` escapes decoded; `None` when the result is not UTF-8, and for an
/// empty segment (no id).
fn percent_decode(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(|c| c.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_match_their_templates() {
        let t = codegen::lang::Template::parse("/v1/orders/{id}/items/{item}.json")
            .expect("a template");
        assert_eq!(
            t.match_with("/v1/orders/o%201/items/x.json", percent_decode),
            Some(vec![
                ("id".into(), "o 1".into()),
                ("item".into(), "x".into())
            ])
        );
        assert_eq!(t.match_with("/v1/orders/o1/items/x", percent_decode), None);
        assert_eq!(
            t.match_with("/v1/orders//items/x.json", percent_decode),
            None
        );
        assert_eq!(
            t.match_with("/v1/orders/a/b/items/x.json", percent_decode),
            None
        );
        // Not UTF-8 once decoded; a `+` in a path is a plus.
        assert_eq!(
            t.match_with("/v1/orders/%FF/items/x.json", percent_decode),
            None
        );
        assert_eq!(
            t.match_with("/v1/orders/a+b/items/x.json", percent_decode),
            Some(vec![
                ("id".into(), "a+b".into()),
                ("item".into(), "x".into())
            ])
        );
    }
}
