//! Checks of operations: method, path template, request, response, errors
//! and the docs' examples.

use std::collections::BTreeSet;

use serde_yaml::Value;

use super::fields::FieldSide;
use super::values::{kind, Mode, Problem};
use super::{Checker, Ty};
use crate::diag::suggest;
use crate::lang::{is_snake, Compare, Encoding, Group, Kind, Template};
use crate::load::model::{Example, Operation, Request};
use crate::load::SpecPath;

impl<'a> Checker<'a> {
    pub(super) fn operations(&mut self) {
        let ops = &self.spec.spec.operations;
        if ops.is_empty() {
            self.err_key(
                &SpecPath::root(),
                "the spec has no `operations`",
                "add at least one operation; spec/README.md shows the shape",
            );
        }
        for (name, op) in ops {
            let path = SpecPath::root().key("operations").key(name);
            if !is_snake(name) {
                self.err_key(
                    &path,
                    format!("operation name `{name}` is not a snake_case identifier"),
                    "it becomes a method name, e.g. `update_order`",
                );
            }
            self.operation(&path, op);
            self.idempotency(&path, op);
        }
    }

    fn operation(&mut self, path: &SpecPath, op: &'a Operation) {
        if let Some(url) = &op.docs {
            self.url(&path.key("docs"), url);
        }
        self.path_template(path, op);
        self.fields(&path.key("path_params"), &op.path_params, FieldSide::Path);
        self.headers(&path.key("headers"), &op.headers);
        for name in op.headers.keys() {
            let provider = &self.spec.spec.provider.headers;
            if let Some(first) = provider.keys().find(|p| p.eq_ignore_ascii_case(name)) {
                self.err_key(
                    &path.key("headers").key(name),
                    format!("header `{name}` is also a provider header (`{first}`)"),
                    "it would be sent twice; keep it in one place",
                );
            }
        }
        if op.request.is_none() && op.headers.values().any(|h| h.constant.is_none()) {
            self.err_key(
                &path.key("headers"),
                "per-operation headers are set on the request type, and this operation has no `request:`",
                "move the header to `provider.headers`, or give it a `const:` value",
            );
        }
        if let Some(req) = &op.request {
            self.request(&path.key("request"), req, op);
        } else if op.method.has_body() {
            self.err_key(
                path,
                format!("a {} operation needs a `request:` body", op.method),
                "add `request: { encoding: json, fields: {…} }`",
            );
        }
        let rp = path.key("response");
        if !(200..300).contains(&op.response.status) {
            self.err_value(
                &rp.key("status"),
                format!("success status {} is not 2xx", op.response.status),
                "documented failures go under `errors:`",
            );
        }
        if let Some(ty) = &op.response.ty {
            self.object_type(&rp.key("type"), ty);
        }
        for (i, e) in op.errors.iter().enumerate() {
            let ep = path.key("errors").index(i);
            if !(400..600).contains(&e.status) {
                self.err_value(
                    &ep.key("status"),
                    format!("error status {} is not 4xx or 5xx", e.status),
                    "the success response goes under `response:`",
                );
            }
            if let Some(body) = &e.body {
                self.object_type(&ep.key("body"), body);
            }
        }
        self.causes(path, op);
        let mut names = BTreeSet::new();
        for (i, ex) in op.examples.iter().enumerate() {
            let xp = path.key("examples").index(i);
            if !names.insert(ex.name.as_str()) {
                self.err_value(
                    &xp.key("name"),
                    format!("example name `{}` is used twice in this operation", ex.name),
                    "example names must be unique per operation",
                );
            }
            self.example(&xp, ex, op);
        }
    }

    /// `name` must be a named object type.
    fn object_type(&mut self, path: &SpecPath, name: &str) {
        match self.lookup(name) {
            Some(Ty::Named(_, d)) if d.kind == Kind::Object => {}
            Some(_) => self.err_value(
                path,
                format!("`{name}` is not an object type"),
                "response and error bodies are named `kind: object` types",
            ),
            None => {
                let objects: Vec<&str> = self
                    .spec
                    .spec
                    .types
                    .iter()
                    .filter(|(_, d)| d.kind == Kind::Object)
                    .map(|(n, _)| n.as_str())
                    .collect();
                self.err_value(
                    path,
                    format!("unknown type `{name}`"),
                    suggest(name, &objects),
                );
            }
        }
    }

    fn path_template(&mut self, path: &SpecPath, op: &Operation) {
        let pp = path.key("path");
        if !op.path.starts_with('/') {
            self.err_value(
                &pp,
                format!("path `{}` does not start with `/`", op.path),
                "write it relative to the base URL, e.g. `/orders/{id}`",
            );
        }
        if op.path.contains(['?', '#']) {
            self.err_value(
                &pp,
                "a path template cannot contain `?` or `#`",
                "query parameters are not part of the path",
            );
        }
        if op.path.chars().any(|c| c.is_control() || c.is_whitespace()) {
            self.err_value(
                &pp,
                "a path template cannot contain spaces, tabs, line breaks or control characters",
                "percent-encode them (`%20`), or remove them",
            );
        }
        let dot_segment = op.path.split('/').find(|seg| matches!(*seg, "." | ".."));
        if op.path.contains("//") || dot_segment.is_some() {
            self.err_value(
                &pp,
                match dot_segment {
                    Some(seg) => format!("a path template cannot contain a `{seg}` segment"),
                    None => "a path template cannot contain an empty segment (`//`)".to_string(),
                },
                "the server would see a different path than the one reported; write the path as sent",
            );
        }
        if op.path.contains('\\') {
            self.err_value(
                &pp,
                "a path template cannot contain `\\`",
                "use `/` between segments",
            );
        }
        let Some(template) = Template::parse(&op.path) else {
            self.err_value(
                &pp,
                "unbalanced `{` or `}` in the path",
                "write each path parameter as `{name}`",
            );
            // Its placeholders cannot be told apart; the other checks would only add noise.
            return;
        };
        let in_template: Vec<String> = template.params().map(str::to_string).collect();
        let mut seen = BTreeSet::new();
        for p in &in_template {
            if !seen.insert(p.as_str()) {
                self.err_value(
                    &pp,
                    format!("`{{{p}}}` appears twice in the path"),
                    "each path parameter appears once",
                );
            }
            if !op.path_params.contains_key(p) {
                let declared: Vec<&str> = op.path_params.keys().map(String::as_str).collect();
                let hint = match crate::diag::closest(p, declared.iter().copied()) {
                    Some(c) => {
                        format!("did you mean `{{{c}}}`? Or declare `{p}` under `path_params`")
                    }
                    None => format!(
                        "declare it: `path_params: {{ {p}: {{ type: string, required: true }} }}`"
                    ),
                };
                self.err_value(
                    &pp,
                    format!("path parameter `{{{p}}}` is not declared in `path_params`"),
                    hint,
                );
            }
        }
        for name in op.path_params.keys() {
            if !in_template.iter().any(|p| p == name) {
                self.err_key(
                    &path.key("path_params").key(name),
                    format!(
                        "path parameter `{name}` does not appear in the path `{}`",
                        op.path
                    ),
                    format!("add `{{{name}}}` to the path, or remove the parameter"),
                );
            }
        }
    }

    fn request(&mut self, path: &SpecPath, req: &'a Request, op: &Operation) {
        let encoding = req.encoding;
        let is_jsonapi = encoding == Encoding::JsonApi;
        if is_jsonapi && req.resource_type.is_none() {
            self.err_key(
                path,
                "`jsonapi` encoding needs `resource_type`",
                "the JSON:API `data.type`, e.g. `resource_type: orders`",
            );
        }
        match op.path_params.get("id") {
            None if is_jsonapi => self.err_key(
                path,
                "`jsonapi` encoding needs an `id` path parameter",
                "the document's `data.id` is the `{id}` of the path",
            ),
            Some(id) if is_jsonapi && id.ty != "string" => self.err_value(
                &path.parent().key("path_params").key("id").key("type"),
                "the `id` path parameter of a `jsonapi` operation must be a `string`",
                "JSON:API resource ids are strings (`data.id`)",
            ),
            _ => {}
        }
        if !is_jsonapi {
            if req.resource_type.is_some() {
                self.err_key(
                    &path.key("resource_type"),
                    "`resource_type` applies to `jsonapi` encoding only",
                    "remove it, or use `encoding: jsonapi`",
                );
            }
            if !req.relationships.is_empty() {
                self.err_key(
                    &path.key("relationships"),
                    "`relationships` apply to `jsonapi` encoding only",
                    "remove them, or use `encoding: jsonapi`",
                );
            }
        }
        self.fields(&path.key("fields"), &req.fields, FieldSide::Request);
        self.no_expandable(&path.key("fields"), &req.fields);
        if encoding != Encoding::Form && req.form.is_some() {
            self.err_key(
                &path.key("form"),
                "`form` applies to `form` encoding only",
                "remove it, or use `encoding: form`",
            );
        }
        for (name, rel) in &req.relationships {
            let rp = path.key("relationships").key(name);
            if !is_snake(name) {
                self.err_key(
                    &rp,
                    format!("relationship name `{name}` is not snake_case"),
                    "e.g. `billing_address`",
                );
            }
            if req.fields.contains_key(name) {
                self.err_key(
                    &rp,
                    format!("`{name}` is both a field and a relationship"),
                    "a JSON:API member is one or the other",
                );
            }
            if rel.resource.is_empty() {
                self.err_value(
                    &rp.key("resource"),
                    "empty resource type",
                    "the related resource's `type`, e.g. `markets`",
                );
            }
        }
        self.rules(&path.key("rules"), &req.rules, &req.fields);
        self.patch_request(path, req);
        for name in req.rejects.keys() {
            if req.fields.contains_key(name) {
                self.err_key(
                    &path.key("rejects").key(name),
                    format!("`{name}` is both a request field and rejected by the server"),
                    "remove it from `fields` or from `rejects`",
                );
            }
        }
    }

    fn example(&mut self, path: &SpecPath, ex: &Example, op: &'a Operation) {
        for name in op.path_params.keys() {
            if !ex.path_params.contains_key(name) {
                self.err_key(
                    path,
                    format!(
                        "example `{}` gives no value for path parameter `{name}`",
                        ex.name
                    ),
                    format!("add `path_params: {{ {name}: … }}`"),
                );
            }
        }
        for name in ex.path_params.keys() {
            if !op.path_params.contains_key(name) {
                self.err_key(
                    &path.key("path_params").key(name),
                    format!("`{name}` is not a path parameter of this operation"),
                    "remove it or declare it",
                );
            }
        }
        let provider_headers = &self.spec.spec.provider.headers;
        for name in ex.headers.keys() {
            let known = op
                .headers
                .keys()
                .chain(provider_headers.keys())
                .any(|h| h.eq_ignore_ascii_case(name));
            if !known {
                self.err_key(
                    &path.key("headers").key(name),
                    format!("header `{name}` is not declared for this operation or provider"),
                    "declare it under `headers:`",
                );
            }
        }
        let mut problems = Vec::new();
        match (&ex.request, &op.request) {
            (Some(body), Some(req)) => {
                self.example_request(&path.key("request"), body, req, ex, &mut problems)
            }
            (Some(_), None) => self.err_key(
                &path.key("request"),
                "example has a request body but the operation has no `request`",
                "remove it",
            ),
            _ => {}
        }
        if let Some(resp) = &ex.response {
            let rp = path.key("response");
            let ty_name = if resp.status == op.response.status {
                op.response.ty.as_deref()
            } else {
                match op.errors.iter().find(|e| e.status == resp.status) {
                    Some(e) => e.body.as_deref(),
                    None => {
                        self.err_value(
                            &rp.key("status"),
                            format!(
                                "status {} is neither the success status nor a documented error",
                                resp.status
                            ),
                            "document it under `errors:` or fix the status",
                        );
                        None
                    }
                }
            };
            if let (Some(body), Some(name)) = (&resp.body, ty_name) {
                if let Some(ty @ Ty::Named(_, d)) = self.lookup(name) {
                    if d.kind == Kind::Object {
                        self.value_problems(
                            &rp.key("body"),
                            &ty,
                            false,
                            body,
                            Mode::Response,
                            &mut problems,
                        );
                    }
                }
            }
        }
        for (p, m, h) in problems {
            self.err_value(&p, format!("example `{}`: {m}", ex.name), h);
        }
    }

    fn example_request(
        &self,
        path: &SpecPath,
        body: &Value,
        req: &'a Request,
        ex: &Example,
        out: &mut Vec<Problem>,
    ) {
        if req.encoding == Encoding::JsonPatch {
            return self.example_patches(path, body, req, out);
        }
        // A JSON:API document without `attributes` sends no fields: checked
        // as an empty mapping, so a missing required field is named.
        let no_attributes = Value::Mapping(serde_yaml::Mapping::new());
        let (attrs_path, attrs) = if req.encoding == Encoding::JsonApi {
            match jsonapi_parts(path, body, req, ex, out) {
                Some((p, a)) => (p, a.unwrap_or(&no_attributes)),
                None => return,
            }
        } else {
            (path.clone(), body)
        };
        let Value::Mapping(m) = attrs else {
            out.push((
                attrs_path,
                format!(
                    "expected a mapping of request fields, found {}",
                    kind(attrs)
                ),
                String::new(),
            ));
            return;
        };
        for key in m.keys().filter_map(Value::as_str) {
            if req.rejects.contains_key(key) {
                out.push((
                    attrs_path.key(key),
                    format!("`{key}` is rejected by the server on this operation"),
                    "remove it from the example".into(),
                ));
            }
        }
        let filtered: serde_yaml::Mapping = m
            .iter()
            .filter(|(k, _)| !k.as_str().is_some_and(|k| req.rejects.contains_key(k)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.object_fields(
            &attrs_path,
            "request",
            &req.fields,
            &filtered,
            Mode::Request,
            out,
        );
        for r in &req.rules {
            if let Some((problem, hint, at)) = broken_by(r, m) {
                let at = match at {
                    Some(field) => attrs_path.key(field),
                    None => attrs_path.clone(),
                };
                out.push((at, format!("breaks a rule: {problem}"), hint));
            }
        }
    }
}

/// How an example's request (its fields `m`) breaks the rule `r`, if it
/// does: the message, a hint, and the field to report it at (the object
/// itself for a group rule).
fn broken_by<'r>(
    r: &'r crate::load::model::Rule,
    m: &serde_yaml::Mapping,
) -> Option<(String, String, Option<&'r str>)> {
    let set = |name: &str| m.get(name).is_some_and(|v| !v.is_null());
    if let Some((group, names)) = r.group() {
        let count = names.iter().filter(|n| set(n)).count();
        let broken = match group {
            Group::AtLeastOneOf => count == 0,
            Group::ExactlyOneOf => count != 1,
            Group::MutuallyExclusive => count > 1,
        };
        let listed = names.join("`, `");
        let msg = r
            .message
            .clone()
            .unwrap_or_else(|| format!("`{group}` of `{listed}`"));
        return broken.then(|| {
            (
                msg,
                format!("set the fields `{group}` asks for: `{listed}`"),
                None,
            )
        });
    }
    let c = r.when.as_ref()?;
    let value = m.get(c.field.as_str()).filter(|v| !v.is_null())?;
    let triggered = match c.values() {
        None => true,
        Some((Compare::NotIn, values)) => !values.contains(&value),
        Some((_, values)) => values.contains(&value),
    };
    if !triggered {
        return None;
    }
    let field = Some(c.field.as_str());
    let hint = |action: String| format!("{action} the example, or change `{}`", c.field);
    if let Some(need) = r.require.iter().find(|n| !set(n)) {
        let msg = r
            .message
            .clone()
            .unwrap_or_else(|| format!("`{}` requires `{need}`", c.field));
        return Some((msg, hint(format!("add `{need}` to")), field));
    }
    let bad = r.forbid.iter().find(|n| set(n))?;
    let msg = r
        .message
        .clone()
        .unwrap_or_else(|| format!("`{}` forbids `{bad}`", c.field));
    Some((msg, hint(format!("remove `{bad}` from")), field))
}

/// Splits a JSON:API request document into the path and value of its
/// attributes (`None` when the document has none), checking the envelope and
/// relationships on the way. `None` when there is no `data` object to split.
fn jsonapi_parts<'v>(
    path: &SpecPath,
    body: &'v Value,
    req: &Request,
    ex: &Example,
    out: &mut Vec<Problem>,
) -> Option<(SpecPath, Option<&'v Value>)> {
    let dp = path.key("data");
    let Some(data) = body.get("data").filter(|d| d.is_mapping()) else {
        out.push((
            path.clone(),
            "a JSON:API request needs a `data` object".into(),
            "write `{ data: { type, id, attributes, relationships } }`".into(),
        ));
        return None;
    };
    for key in data
        .as_mapping()
        .into_iter()
        .flat_map(|m| m.keys())
        .filter_map(Value::as_str)
    {
        if !["type", "id", "attributes", "relationships"].contains(&key) {
            out.push((
                dp.key(key),
                format!("`{key}` is not a member of a JSON:API resource"),
                "expected `type`, `id`, `attributes` or `relationships`".into(),
            ));
        }
    }
    if data.get("type").and_then(Value::as_str) != req.resource_type.as_deref() {
        out.push((
            dp.key("type"),
            format!(
                "`data.type` must be `{}`",
                req.resource_type.as_deref().unwrap_or("")
            ),
            String::new(),
        ));
    }
    let id = data.get("id").and_then(Value::as_str);
    if id.is_none() || id != ex.path_params.get("id").map(String::as_str) {
        out.push((
            dp.key("id"),
            "`data.id` must equal the `id` path parameter".into(),
            String::new(),
        ));
    }
    let rels = data.get("relationships").and_then(Value::as_mapping);
    if let Some(rels) = rels {
        for (k, v) in rels {
            let name = k.as_str().unwrap_or("");
            let rp = dp.key("relationships").key(name);
            match req.relationships.get(name) {
                None => out.push((
                    rp,
                    format!("`{name}` is not a relationship of the request"),
                    "declare it under `relationships:`".into(),
                )),
                Some(rel) => {
                    let linkage = v.get("data");
                    let ty = linkage.and_then(|d| d.get("type")).and_then(Value::as_str);
                    let has_id = linkage
                        .and_then(|d| d.get("id"))
                        .and_then(Value::as_str)
                        .is_some();
                    if ty != Some(rel.resource.as_str()) || !has_id {
                        out.push((
                            rp,
                            format!("expected `{{ data: {{ type: {}, id: … }} }}`", rel.resource),
                            String::new(),
                        ));
                    }
                }
            }
        }
    }
    for (name, rel) in &req.relationships {
        if rel.required && !rels.is_some_and(|r| r.contains_key(name.as_str())) {
            out.push((
                dp.clone(),
                format!("required relationship `{name}` is missing"),
                String::new(),
            ));
        }
    }
    Some((dp.key("attributes"), data.get("attributes")))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diag::Diagnostic;

    /// A JSON:API operation whose fields are all optional, with an example
    /// that has no `attributes`.
    const JSONAPI: &str = "\
provider:
  name: example
  title: Example
  environments: { production: https://api.example.com }
  auth: { scheme: basic, username: api_key }
types:
  Order:
    kind: object
    fields:
      id: { type: string }
operations:
  update_order:
    summary: Update an order.
    method: PATCH
    path: /orders/{id}
    retry_safe: true
    path_params:
      id: { type: string, required: true }
    request:
      encoding: jsonapi
      resource_type: orders
      fields:
        reference: { type: string }
      relationships:
        market: { resource: markets }
    response: { status: 200, type: Order }
    examples:
      - name: attach_market
        path_params: { id: ord_1 }
        request:
          data:
            type: orders
            id: ord_1
            relationships:
              market: { data: { type: markets, id: mkt_1 } }
";

    fn diags(src: &str) -> Vec<Diagnostic> {
        let spec = crate::load::load_str(Path::new("t.yaml"), src).expect("loads");
        super::super::check(&spec)
    }

    #[test]
    fn form_encoding_takes_enum_fields() {
        let src = JSONAPI
            .replace("encoding: jsonapi", "encoding: form")
            .replace("      resource_type: orders\n", "")
            .replace(
                "      relationships:\n        market: { resource: markets }\n",
                "",
            )
            .replace(
                "reference: { type: string }",
                "reference: { type: Channel }",
            )
            .replace(
                "types:\n",
                "types:\n  Channel:\n    kind: enum\n    values: [{ value: web }]\n",
            );
        let src = &src[..src.find("    examples:").expect("examples")];
        assert_eq!(diags(src), Vec::new());
    }

    #[test]
    fn a_jsonapi_example_may_leave_out_attributes_when_no_field_is_required() {
        assert_eq!(diags(JSONAPI), Vec::new());
    }

    #[test]
    fn a_jsonapi_example_without_attributes_names_the_missing_required_field() {
        let d = diags(&JSONAPI.replace(
            "reference: { type: string }",
            "reference: { type: string, required: true }",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "example `attach_market`: required field `reference` of `request` is missing"
        );
    }

    #[test]
    fn jsonapi_attributes_that_are_not_a_mapping_are_reported() {
        let d = diags(&JSONAPI.replace(
            "            id: ord_1\n",
            "            id: ord_1\n            attributes: null\n",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "example `attach_market`: expected a mapping of request fields, found null"
        );
    }

    #[test]
    fn a_relationship_link_needs_the_declared_type_and_an_id() {
        let d = diags(&JSONAPI.replace(
            "{ data: { type: markets, id: mkt_1 } }",
            "{ data: { type: markets } }",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0]
            .message
            .contains("expected `{ data: { type: markets, id: … } }`"));
    }
}
