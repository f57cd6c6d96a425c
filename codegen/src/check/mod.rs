//! Stage 2: semantic checks of a loaded spec.
//!
//! Every problem in the file is reported, each with the position of the node
//! it is about and a hint. The checker only reads the serde model; it never
//! changes it. A spec with no diagnostics is safe to lower into the model.

mod causes;
mod error_text;
mod fields;
mod idempotency;
mod names;
mod operations;
mod patches;
mod provider;
mod types;
mod values;

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::{suggest, Diagnostic, Diagnostics};
use crate::lang::{Scalar, CONTAINERS, SCALAR_ITEMS};
use crate::load::model::{SpecFile, TypeDef};
use crate::load::{LoadedSpec, SpecPath, SpecSource};
use crate::model::Provider;

/// Checks one loaded spec; returns every problem found, sorted by position.
pub(crate) fn check(spec: &LoadedSpec) -> Vec<Diagnostic> {
    let mut c = Checker {
        spec,
        diags: Vec::new(),
        rule_messages: std::cell::OnceCell::new(),
    };
    c.provider();
    c.types();
    c.operations();
    c.names();
    let mut diags = c.diags;
    diags.sort_by(|a, b| (a.pos, &a.message).cmp(&(b.pos, &b.message)));
    diags.dedup();
    diags
}

/// A resolved field type.
#[derive(Debug, Clone)]
pub(crate) enum Ty<'a> {
    /// A scalar.
    Scalar(Scalar),
    /// `scalar` map items: string, number or boolean.
    AnyScalar,
    /// `list` of items.
    List(Box<Ty<'a>>),
    /// `map` of items.
    Map(Box<Ty<'a>>),
    /// `expandable`: an id, or the object `items` names.
    Expandable(Box<Ty<'a>>),
    /// A named type.
    Named(&'a str, &'a TypeDef),
}

pub(crate) struct Checker<'a> {
    pub(crate) spec: &'a LoadedSpec,
    pub(crate) diags: Vec<Diagnostic>,
    /// Every constraint's own docs message (`messages:`) with the rules
    /// that carry it, gathered once for the whole spec (`causes.rs`).
    pub(crate) rule_messages: std::cell::OnceCell<causes::RuleMessages<'a>>,
}

impl<'a> Checker<'a> {
    /// Reports a problem at the key of `path`. An empty hint is no hint.
    pub(crate) fn err_key(
        &mut self,
        path: &SpecPath,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        if self.spec.is_tainted(path) {
            return;
        }
        let d = self.spec.at_key(path, msg);
        self.push(d, hint.into());
    }

    /// Reports a problem at the value of `path`. An empty hint is no hint.
    pub(crate) fn err_value(
        &mut self,
        path: &SpecPath,
        msg: impl Into<String>,
        hint: impl Into<String>,
    ) {
        if self.spec.is_tainted(path) {
            return;
        }
        let d = self.spec.at_value(path, msg);
        self.push(d, hint.into());
    }

    fn push(&mut self, d: Diagnostic, hint: String) {
        self.diags.push(if hint.is_empty() {
            d
        } else {
            d.with_hint(hint)
        });
    }

    /// Every type name a field may use, for hints.
    fn type_names(&self) -> Vec<&'a str> {
        let mut names: Vec<&str> = Scalar::ALL.iter().map(|(n, _)| *n).collect();
        names.extend(CONTAINERS);
        names.extend(self.spec.spec.types.keys().map(String::as_str));
        names
    }

    /// Resolves a type name, or `None` when it names nothing (not reported here).
    pub(crate) fn lookup(&self, name: &str) -> Option<Ty<'a>> {
        if let Some(s) = Scalar::from_name(name) {
            return Some(Ty::Scalar(s));
        }
        let (key, def) = self.spec.spec.types.get_key_value(name)?;
        Some(Ty::Named(key.as_str(), def))
    }

    /// Resolves `type` (+ `items`) at `path`, reporting unknown names.
    pub(crate) fn resolve(
        &mut self,
        path: &SpecPath,
        ty: &str,
        items: Option<&str>,
    ) -> Option<Ty<'a>> {
        let items_path = path.key("items");
        match ty {
            crate::lang::EXPANDABLE => {
                let Some(item) = items else {
                    self.err_key(
                        &path.key("type"),
                        "`expandable` needs an `items:` object type",
                        "add e.g. `items: Customer` beside `type: expandable`",
                    );
                    return None;
                };
                let inner = self.named_or_report(&items_path, item)?;
                let with_id = matches!(&inner, Ty::Named(_, d) if d.kind == crate::lang::Kind::Object
                    && d.fields.get("id").is_some_and(|f| f.ty == "string" && f.required && !f.nullable && !f.sensitive));
                if !with_id {
                    self.err_value(
                        &items_path,
                        format!("`expandable` expands to an object with a required string `id`; `{item}` is not one"),
                        "the object the id names: give it `id: { type: string, required: true }`",
                    );
                    return None;
                }
                Some(Ty::Expandable(Box::new(inner)))
            }
            "list" | "map" => {
                let Some(item) = items else {
                    self.err_key(
                        &path.key("type"),
                        format!("`{ty}` needs an `items:` type"),
                        format!("add e.g. `items: string` beside `type: {ty}`"),
                    );
                    return None;
                };
                let inner = if ty == "map" && item == SCALAR_ITEMS {
                    Some(Ty::AnyScalar)
                } else if item == "list" || item == "map" {
                    self.err_value(
                        &items_path,
                        format!("`items: {item}` cannot be nested directly"),
                        "declare a named `kind: list` or `kind: map` type and use its name",
                    );
                    None
                } else {
                    self.named_or_report(&items_path, item)
                }?;
                Some(if ty == "list" {
                    Ty::List(Box::new(inner))
                } else {
                    Ty::Map(Box::new(inner))
                })
            }
            _ => {
                if items.is_some() {
                    self.err_key(
                        &items_path,
                        format!("`items` applies to `list` and `map`, not to `{ty}`"),
                        "remove `items:`, or change `type:` to `list` or `map`",
                    );
                }
                self.named_or_report(&path.key("type"), ty)
            }
        }
    }

    fn named_or_report(&mut self, path: &SpecPath, name: &str) -> Option<Ty<'a>> {
        if let Some(t) = self.lookup(name) {
            return Some(t);
        }
        let names = self.type_names();
        self.err_value(
            path,
            format!("unknown type `{name}`"),
            suggest(name, &names),
        );
        None
    }
}

/// A spec that passed every check, and the model it means: the only way
/// to reach the model, so nothing downstream can see an unchecked spec.
#[derive(Debug)]
pub struct Checked {
    loaded: LoadedSpec,
    model: Provider,
}

impl Checked {
    /// The resolved model the emitters read.
    pub fn model(&self) -> &Provider {
        &self.model
    }

    /// The spec as written (for docs and examples).
    pub fn spec(&self) -> &SpecFile {
        &self.loaded.spec
    }

    /// The file it came from.
    pub fn file(&self) -> &Path {
        &self.loaded.file
    }

    /// The text it was loaded from.
    pub fn source(&self) -> &str {
        self.loaded.source()
    }
}

/// Checks a loaded spec; the model when it is clean, else every problem,
/// sorted by position.
pub fn check_loaded(loaded: LoadedSpec) -> Result<Checked, Vec<Diagnostic>> {
    let diags = check(&loaded);
    if !diags.is_empty() {
        return Err(diags);
    }
    let model = crate::model::lower(&loaded);
    Ok(Checked { loaded, model })
}

/// Loads and checks spec texts: the checked specs when all are clean, else
/// every diagnostic of every text, structural and semantic together.
pub fn check_sources(sources: &[SpecSource]) -> Result<Vec<Checked>, Diagnostics> {
    let mut diags = Vec::new();
    let mut checked = Vec::new();
    for s in sources {
        let (loaded, structural) = crate::load::load_repaired(&s.file, &s.text);
        let clean = structural.is_empty();
        diags.extend(structural);
        let Some(loaded) = loaded else { continue };
        let semantic = check(&loaded);
        if clean && semantic.is_empty() {
            let model = crate::model::lower(&loaded);
            checked.push(Checked { loaded, model });
        }
        diags.extend(semantic);
    }
    let mut names: BTreeMap<&str, &Path> = BTreeMap::new();
    for c in &checked {
        let name = c.spec().provider.name.as_str();
        if let Some(first) = names.insert(name, c.file()) {
            let p = SpecPath::root().key("provider").key("name");
            diags.push(
                c.loaded
                    .at_value(
                        &p,
                        format!("provider `{name}` is also defined in {}", first.display()),
                    )
                    .with_hint("each provider has one spec file; rename one of them"),
            );
        }
    }
    if diags.is_empty() {
        Ok(checked)
    } else {
        Err(Diagnostics::sorted(diags))
    }
}

/// Reads, loads and checks every spec under `path` (a folder or one file).
pub fn check_path(path: &Path) -> Result<Vec<Checked>, Diagnostics> {
    let (sources, read) = crate::load::read_sources(path);
    match (check_sources(&sources), read.is_empty()) {
        (Ok(checked), true) => Ok(checked),
        (Ok(_), false) => Err(Diagnostics::sorted(read)),
        (Err(d), _) => {
            let mut all = read;
            all.extend(d.0);
            Err(Diagnostics::sorted(all))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diag::Diagnostic;

    const BASE: &str = "\
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
  create_order:
    summary: Create an order.
    method: POST
    path: /orders
    retry_safe: false
    request:
      encoding: form
      fields:
        amount: { type: decimal, required: true, example: \"90.00\" }
        capture: { type: string }
        expires_in: { type: integer }
      rules:
        - when: { field: capture, equals: delayed }
          require: [expires_in]
    response: { status: 200, type: Order }
";

    fn diags(src: &str) -> Vec<Diagnostic> {
        let spec = crate::load::load_str(Path::new("t.yaml"), src).expect("loads");
        super::check(&spec)
    }

    fn at(d: &Diagnostic) -> (usize, usize) {
        (d.pos.line, d.pos.column)
    }

    #[test]
    fn a_provider_defined_in_two_files_is_reported_once() {
        let dir = std::env::temp_dir().join(format!("codegen-dup-provider-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("a.yaml"), BASE).expect("write a.yaml");
        std::fs::write(dir.join("b.yaml"), BASE).expect("write b.yaml");
        let result = super::check_path(&dir);
        std::fs::remove_dir_all(&dir).expect("remove temp dir");
        let d = result.expect_err("a duplicate provider").0;
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].file, dir.join("b.yaml"));
        assert_eq!(at(&d[0]), (2, 9));
        assert!(d[0]
            .message
            .starts_with("provider `example` is also defined in "));
        assert!(d[0].message.ends_with("a.yaml"), "{}", d[0].message);
    }

    /// Every rule `check` accepts gets a test in the model (none is
    /// silently dropped): every type of condition field × every kind of
    /// value, through the real pipeline.
    #[test]
    fn every_rule_check_accepts_is_lowered() {
        let types = [
            "string",
            "integer",
            "amount_minor",
            "decimal",
            "boolean",
            "timestamp",
            "unix_time",
            "duration",
            "currency",
            "url",
            "email",
            "json",
            "Mode",
            "Item",
        ];
        let values = [
            "x",
            "EUR",
            "\"2024-01-01T00:00:00Z\"",
            "PT1M",
            "\"https://a.test\"",
            "a@b.test",
            "\"1.50\"",
            "1",
            "-3",
            "2.5",
            "1e-30",
            "18446744073709551615",
            "true",
            "null",
            "[a]",
            "{ a: 1 }",
            "created",
        ];
        let mut accepted = 0;
        let forms = ["equals: {v}", "in: [{v}, {v}]", "not_in: [{v}]"];
        for (ty, v, form) in types
            .iter()
            .flat_map(|t| values.iter().flat_map(move |v| forms.map(|f| (t, v, f))))
        {
            {
                let src = BASE
                    .replace(
                        "        capture: { type: string }",
                        &format!("        capture: {{ type: {ty} }}"),
                    )
                    .replace("equals: delayed", &form.replace("{v}", v))
                    .replace(
                        "types:\n",
                        "types:\n  Mode:\n    kind: enum\n    values: [{ value: created }]\n  Item:\n    kind: object\n    fields:\n      a: { type: integer }\n",
                    );
                let source = crate::load::SpecSource::new("t.yaml", src);
                let Ok(checked) = super::check_sources(&[source]) else {
                    continue;
                };
                accepted += 1;
                let op = &checked[0].model().operations[0];
                let rules = op.request.as_ref().map_or(0, |r| r.rules.len());
                assert_eq!(
                    rules, 1,
                    "`{ty}` {form} = {v} checks but its rule was dropped"
                );
            }
        }
        assert!(accepted >= 60, "only {accepted} combinations accepted");
    }

    #[test]
    fn base_is_clean() {
        assert_eq!(diags(BASE), Vec::new());
    }

    #[test]
    fn a_request_field_example_is_checked_as_sent() {
        // "90.00" is how a decimal is sent; as a response it would need `lenient: [quoted]`.
        assert!(diags(BASE).is_empty());
        let d = diags(&BASE.replace("example: \"90.00\"", "example: ninety"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("expected a decimal number"));
    }

    #[test]
    fn an_empty_hint_is_no_hint() {
        let src = BASE.to_string() + "    examples:\n      - name: x\n        request: { amount: \"1.00\", capture: delayed }\n";
        let d = diags(&src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].hint.as_deref().is_some_and(|h| !h.is_empty()));
    }

    #[test]
    fn a_broken_rule_points_at_the_value_that_triggers_it() {
        let src = BASE.to_string() + "    examples:\n      - name: x\n        request: { amount: \"1.00\", capture: delayed }\n";
        let d = diags(&src);
        assert_eq!(at(&d[0]), (29, 45));
        assert!(d[0]
            .message
            .contains("breaks a rule: `capture` requires `expires_in`"));
    }

    #[test]
    fn unbalanced_braces_in_templates() {
        let d = diags(&BASE.replace("path: /orders", "path: /orders/{id"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(at(&d[0]), (15, 11));
        assert!(d[0].message.contains("unbalanced"));
        let d = diags(&BASE.replace(
            "environments: { production: https://api.example.com }",
            "environments:\n    production: https://{region.example.com",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].message.contains("unbalanced"));
    }

    #[test]
    fn regex_errors_are_not_prefixed_twice() {
        let d = diags(&BASE.replace(
            "capture: { type: string }",
            "capture: { type: string, validation: { pattern: \"[a\" } }",
        ));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message,
            "invalid regular expression: non-empty character class has no closing bracket"
        );
    }

    #[test]
    fn undeclared_path_parameter_hint() {
        let src = BASE.replace("path: /orders", "path: /orders/{order_id}/{item}")
            .replace("    request:\n", "    path_params:\n      order_id: { type: string, required: true }\n    request:\n");
        let d = diags(&src);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].hint.as_deref(),
            Some("declare it: `path_params: { item: { type: string, required: true } }`")
        );
        let d = diags(&src.replace("{item}", "{order_ud}"));
        assert!(
            d[0].hint
                .as_deref()
                .unwrap_or("")
                .starts_with("did you mean `{order_id}`?"),
            "{d:?}"
        );
    }
}
