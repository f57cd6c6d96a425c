//! Checks of JSON Patch requests (`encoding: json_patch`): the patchable
//! table (each path a JSON Pointer template, its operations, its value)
//! and the docs' sample patches.

use std::collections::{BTreeMap, BTreeSet};

use serde_yaml::Value;

use super::fields::FieldSide;
use super::values::{kind, Mode, Problem};
use super::Checker;
use crate::lang::{Encoding, Part, PatchOp, Template, EXPANDABLE};
use crate::load::model::{Field, Patchable, Request};
use crate::load::SpecPath;

impl<'a> Checker<'a> {
    /// The patch table of a `json_patch` request; any other encoding may
    /// not have one.
    pub(super) fn patch_request(&mut self, path: &SpecPath, req: &'a Request) {
        if req.encoding != Encoding::JsonPatch {
            for (key, set) in [
                ("patches", !req.patches.is_empty()),
                ("patch_params", !req.patch_params.is_empty()),
            ] {
                if set {
                    self.err_key(
                        &path.key(key),
                        format!("`{key}` applies to `json_patch` encoding only"),
                        "remove it, or use `encoding: json_patch`",
                    );
                }
            }
            return;
        }
        for (key, set) in [
            ("fields", !req.fields.is_empty()),
            ("rules", !req.rules.is_empty()),
            ("rejects", !req.rejects.is_empty()),
        ] {
            if set {
                self.err_key(
                    &path.key(key),
                    format!("a `json_patch` body is a list of patches: it has no `{key}`"),
                    "list each patchable path under `patches:`, with its `ops:` and `value:`",
                );
            }
        }
        if req.patches.is_empty() {
            self.err_key(
                path,
                "`json_patch` encoding needs `patches:`, the docs' patchable paths",
                "e.g. `patches: { /intent: { ops: [replace], value: { type: string } } }`",
            );
        }
        let pp = path.key("patch_params");
        self.fields(&pp, &req.patch_params, FieldSide::Path);
        for (name, f) in &req.patch_params {
            if f.rust_name.as_deref().unwrap_or(name) == "value" {
                self.err_key(
                    &pp.key(name),
                    "a patch parameter cannot be named `value` in Rust (the patch's value is)",
                    "give it a `rust_name:`",
                );
            }
        }
        let mut used = BTreeSet::new();
        let mut stems: BTreeMap<String, &str> = BTreeMap::new();
        for (pointer, row) in &req.patches {
            let rp = path.key("patches").key(pointer);
            if let Some(t) = self.pointer_template(&rp, pointer, req) {
                used.extend(t.params().map(str::to_string));
                if let Some(stem) = self.patch_stem(&rp, row, &t) {
                    if let Some(first) = stems.insert(stem.clone(), pointer) {
                        self.err_key(
                            &rp,
                            format!("paths `{first}` and `{pointer}` both become `{stem}` in Rust"),
                            "give one of them a different `rust_name:`",
                        );
                    }
                }
            }
            self.patch_ops(&rp, row);
        }
        for name in req.patch_params.keys() {
            if !used.contains(name) {
                self.err_key(
                    &pp.key(name),
                    format!("patch parameter `{name}` appears in no patch path"),
                    format!("use `{{{name}}}` in a path under `patches:`, or remove it"),
                );
            }
        }
    }

    /// A patch path: a JSON Pointer whose placeholders are declared.
    fn pointer_template(
        &mut self,
        rp: &SpecPath,
        pointer: &str,
        req: &Request,
    ) -> Option<Template> {
        if !pointer.starts_with('/') {
            self.err_key(
                rp,
                format!("patch path `{pointer}` is not a JSON Pointer: it does not start with `/`"),
                "write it from the document's root, e.g. `/intent`",
            );
        }
        if pointer.chars().any(char::is_control) {
            self.err_key(
                rp,
                "a patch path cannot contain control characters",
                "remove them",
            );
        }
        let Some(t) = Template::parse(pointer) else {
            self.err_key(
                rp,
                "unbalanced `{` or `}` in the patch path",
                "write each placeholder as `{name}`",
            );
            return None;
        };
        for part in t.parts() {
            if let Part::Literal(text) = part {
                if bad_escape(text) {
                    self.err_key(
                        rp,
                        format!("patch path `{pointer}` has a `~` that is not `~0` or `~1`"),
                        "in a JSON Pointer `~` is written `~0` and a `/` inside a name `~1`",
                    );
                }
            }
        }
        let mut seen = BTreeSet::new();
        for p in t.params() {
            if !seen.insert(p) {
                self.err_key(
                    rp,
                    format!("`{{{p}}}` appears twice in the patch path"),
                    "each placeholder appears once in a path",
                );
            }
            if !req.patch_params.contains_key(p) {
                let declared = req.patch_params.keys().map(String::as_str);
                let hint = match crate::diag::closest(p, declared) {
                    Some(c) => {
                        format!("did you mean `{{{c}}}`? Or declare `{p}` under `patch_params`")
                    }
                    None => format!(
                        "declare it: `patch_params: {{ {p}: {{ type: string, required: true }} }}`"
                    ),
                };
                self.err_key(
                    rp,
                    format!("placeholder `{{{p}}}` is not declared in `patch_params`"),
                    hint,
                );
            }
        }
        Some(t)
    }

    /// The Rust name a row's methods are built from.
    fn patch_stem(&mut self, rp: &SpecPath, row: &Patchable, t: &Template) -> Option<String> {
        match &row.rust_name {
            Some(r) if crate::lang::is_snake(r) => Some(r.clone()),
            Some(r) => {
                self.err_value(
                    &rp.key("rust_name"),
                    format!("`{r}` is not a snake_case Rust identifier"),
                    "use lowercase letters, digits and `_`",
                );
                None
            }
            None => {
                let stem = crate::model::patch_ident(t);
                if stem.is_none() {
                    self.err_key(
                        rp,
                        format!("patch path `{}` has no usable Rust name", t.as_str()),
                        "add `rust_name:` with a snake_case name, e.g. `rust_name: shipping_address`",
                    );
                }
                stem
            }
        }
    }

    /// A row's operations and its value.
    fn patch_ops(&mut self, rp: &SpecPath, row: &'a Patchable) {
        if row.ops.is_empty() {
            self.err_value(
                &rp.key("ops"),
                "a patchable path needs at least one operation",
                "list the docs' operations, e.g. `ops: [replace, add]`",
            );
        }
        let mut seen = BTreeSet::new();
        for (i, op) in row.ops.iter().enumerate() {
            if !seen.insert(*op) {
                self.err_value(
                    &rp.key("ops").index(i),
                    format!("operation `{op}` is listed twice"),
                    "list each operation once",
                );
            }
        }
        let takes_value = row.ops.iter().any(|o| o.takes_value());
        match &row.value {
            None if takes_value => self.err_key(
                rp,
                "`add` and `replace` send a value: this path needs `value:`",
                "give its type, e.g. `value: { type: string }`",
            ),
            Some(_) if !takes_value => self.err_key(
                &rp.key("value"),
                "a `remove`-only path sends no value",
                "remove `value:`",
            ),
            Some(v) => self.patch_value(&rp.key("value"), v),
            None => {}
        }
    }

    fn patch_value(&mut self, vp: &SpecPath, v: &'a Field) {
        for (set, key, why) in [
            (v.required, "required", "a patch that takes a value always sends it"),
            (v.nullable, "nullable", "`remove` takes a path's value away; declare the `remove` operation"),
            (v.response_only, "response_only", "a patch value is what the client sends"),
            (v.constant.is_some(), "const", "a fixed value is a path with the value in it; ask for a language change if a provider needs one"),
            (v.rust_name.is_some(), "rust_name", "name the methods with the path's `rust_name:`"),
        ] {
            if set {
                self.err_key(
                    &vp.key(key),
                    format!("`{key}` does not apply to a patch value"),
                    why,
                );
            }
        }
        if v.ty == EXPANDABLE {
            self.err_value(
                &vp.key("type"),
                "a patch value cannot be `expandable`, which only a response can carry",
                "a request sends the id: `type: string`",
            );
        }
        self.field(vp, "value", v, FieldSide::Request);
    }

    /// A sample JSON Patch body: a list of documented patches, each value
    /// checked as the client sends it.
    pub(super) fn example_patches(
        &self,
        path: &SpecPath,
        body: &Value,
        req: &'a Request,
        out: &mut Vec<Problem>,
    ) {
        let Value::Sequence(items) = body else {
            out.push((
                path.clone(),
                format!(
                    "a JSON Patch body is a list of patches, found {}",
                    kind(body)
                ),
                "write `request: [{ op: replace, path: /…, value: … }]`".into(),
            ));
            return;
        };
        if items.is_empty() {
            out.push((
                path.clone(),
                "a JSON Patch body holds at least one patch".into(),
                String::new(),
            ));
        }
        for (i, item) in items.iter().enumerate() {
            self.example_patch(&path.index(i), item, req, out);
        }
    }

    fn example_patch(&self, ip: &SpecPath, item: &Value, req: &'a Request, out: &mut Vec<Problem>) {
        let Value::Mapping(m) = item else {
            out.push((
                ip.clone(),
                format!(
                    "a patch is a mapping of `op`, `path` and `value`, found {}",
                    kind(item)
                ),
                String::new(),
            ));
            return;
        };
        for key in m.keys() {
            if !matches!(key.as_str(), Some("op" | "path" | "value")) {
                out.push((
                    ip.clone(),
                    format!(
                        "unexpected key `{}` in a patch",
                        super::values::key_text(key)
                    ),
                    "a patch has `op`, `path` and, for `add` and `replace`, `value`".into(),
                ));
            }
        }
        let op = m.get("op").and_then(Value::as_str);
        let pointer = m.get("path").and_then(Value::as_str);
        let (Some(op), Some(pointer)) = (op, pointer) else {
            out.push((
                ip.clone(),
                "a patch needs a text `op` and a text `path`".into(),
                String::new(),
            ));
            return;
        };
        let Some((template, row, args)) = req.patches.iter().find_map(|(t, row)| {
            let parsed = Template::parse(t)?;
            let args = parsed.match_pointer(pointer)?;
            Some((t, row, args))
        }) else {
            out.push((
                ip.key("path"),
                format!("`{pointer}` is not a patchable path of this operation"),
                "patch one of the paths under `patches:`".into(),
            ));
            return;
        };
        if !row.ops.iter().any(|o| o.name() == op) {
            let listed: Vec<&str> = row.ops.iter().map(|o| o.name()).collect();
            out.push((
                ip.key("op"),
                format!("`{op}` is not allowed on `{template}`"),
                format!("the docs allow {}", listed.join(", ")),
            ));
        }
        for (name, text) in &args {
            if let Some(f) = req.patch_params.get(name.as_str()) {
                if let Some(ty) = self.lookup_field(f) {
                    let v = match text.parse::<i64>() {
                        Ok(n) if matches!(ty, super::Ty::Scalar(s) if s.is_integral()) => {
                            Value::Number(n.into())
                        }
                        _ => Value::String(text.clone()),
                    };
                    self.field_value_problems(&ip.key("path"), f, &ty, &v, Mode::Request, out);
                }
            }
        }
        let sends_value = PatchOp::ALL
            .iter()
            .any(|o| o.name() == op && o.takes_value());
        match (m.get("value"), &row.value) {
            (Some(v), Some(f)) if sends_value => {
                if let Some(ty) = self.lookup_field(f) {
                    self.field_value_problems(&ip.key("value"), f, &ty, v, Mode::Request, out);
                }
            }
            (None, _) if sends_value => {
                out.push((ip.clone(), format!("`{op}` sends a `value`"), String::new()))
            }
            (Some(_), _) if !sends_value => out.push((
                ip.key("value"),
                "`remove` sends no `value`".into(),
                String::new(),
            )),
            _ => {}
        }
    }
}

/// Whether literal pointer text has a `~` that is not `~0` or `~1`.
fn bad_escape(text: &str) -> bool {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_match_their_templates() {
        let t = Template::parse("/purchase_units/@reference_id=='{id}'/invoice_id").unwrap();
        assert_eq!(
            t.match_pointer("/purchase_units/@reference_id=='default'/invoice_id"),
            Some(vec![("id".into(), "default".into())])
        );
        assert_eq!(
            t.match_pointer("/purchase_units/@reference_id=='a~1b~0'/invoice_id"),
            Some(vec![("id".into(), "a/b~".into())])
        );
        assert_eq!(
            t.match_pointer("/purchase_units/@reference_id=='x'/custom_id"),
            None
        );
        assert_eq!(
            t.match_pointer("/purchase_units/@reference_id=='a/b'/invoice_id"),
            None
        );
        let plain = Template::parse("/intent").unwrap();
        assert_eq!(plain.match_pointer("/intent"), Some(vec![]));
        assert_eq!(plain.match_pointer("/intent/x"), None);
    }

    #[test]
    fn tildes_must_be_escapes() {
        assert!(!bad_escape("/a~0b~1c"));
        assert!(bad_escape("/a~b"));
        assert!(bad_escape("/a~"));
    }
}
