//! Conformance cases derived from the model: for every constraint of every
//! request, a value exactly at the limit (accepted) and one just past it
//! (rejected, with the path, the rule and the docs' message).
//!
//! The cases are data (JSON request bodies plus the expected outcome), so a
//! test can run them through the compiled client's `validate()`; a
//! constraint added to a spec gets its cases without anyone writing them.

use serde_json::{json, Map, Value};

use codegen::lang::{Constraint, Scalar};
use codegen::model::{Checks, Field, NamedKind, Presence, Provider, Request, RustTy, TypeDef};

/// What a case expects `validate()` to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// No violation.
    Valid,
    /// Exactly one violation.
    Violation {
        /// JSON-Pointer path.
        path: String,
        /// Rule name as in the spec language (`max_length`, …, `format`, `required`).
        rule: String,
        /// The docs' message, when the spec gives one.
        message: Option<String>,
    },
}

/// One derived case.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// Provider module name.
    pub provider: String,
    /// Operation name.
    pub operation: String,
    /// What the case shows (`/notes max_entries at the limit`).
    pub name: String,
    /// The request body as the request type reads it (`serde`).
    pub body: Value,
    /// The expected outcome.
    pub expect: Expect,
}

/// Every case of every operation of a provider.
pub fn cases(p: &Provider) -> Vec<Case> {
    let mut out = Vec::new();
    for op in &p.operations {
        let Some(r) = &op.request else { continue };
        let d = Deriver { p, r };
        let mut push = |name: String, body: Value, expect: Expect| {
            out.push(Case {
                provider: p.name.clone(),
                operation: op.ident.clone(),
                name,
                body,
                expect,
            });
        };
        push("the minimal request".into(), d.base(), Expect::Valid);
        for f in &r.fields {
            for (name, value, expect) in d.field_cases(f) {
                let mut body = d.base();
                if let Value::Object(m) = &mut body {
                    m.insert(f.wire.clone(), value);
                }
                push(format!("/{} {name}", f.wire), body, expect);
            }
        }
        for rule in &r.rules {
            let Some(when) = r.fields.get(rule.when) else {
                continue;
            };
            for &i in &rule.require {
                let Some(req) = r.fields.get(i) else {
                    continue;
                };
                let wire = &req.wire;
                let mut triggered = d.base();
                if let Value::Object(m) = &mut triggered {
                    m.insert(when.wire.clone(), rule.equals.clone());
                }
                let expect = Expect::Violation {
                    path: format!("/{wire}"),
                    rule: "required".into(),
                    message: Some(rule.message.clone()),
                };
                push(
                    format!("rule {} = {} without /{wire}", when.wire, rule.equals),
                    triggered.clone(),
                    expect,
                );
                if let Value::Object(m) = &mut triggered {
                    m.insert(wire.clone(), d.valid(&req.ty, &req.checks));
                }
                push(
                    format!("rule {} = {} with /{wire}", when.wire, rule.equals),
                    triggered,
                    Expect::Valid,
                );
            }
        }
    }
    out
}

struct Deriver<'a> {
    p: &'a Provider,
    r: &'a Request,
}

type FieldCase = (String, Value, Expect);

fn violation(path: &str, rule: Constraint, checks: &Checks) -> Expect {
    Expect::Violation {
        path: path.to_string(),
        rule: rule.name().to_string(),
        message: checks.message(rule).map(str::to_string),
    }
}

impl Deriver<'_> {
    /// A request with its required fields, all valid.
    fn base(&self) -> Value {
        let mut m = Map::new();
        for f in self
            .r
            .fields
            .iter()
            .filter(|f| f.presence == Presence::Required)
        {
            m.insert(f.wire.clone(), self.valid(&f.ty, &f.checks));
        }
        Value::Object(m)
    }

    fn alias(&self, name: &str) -> Option<(&RustTy, &Checks)> {
        self.p.types.iter().find_map(|t| match t {
            TypeDef::Alias(a) if a.name == name => Some((&a.ty, &a.checks)),
            _ => None,
        })
    }

    /// A value of `ty` that meets `checks`.
    fn valid(&self, ty: &RustTy, c: &Checks) -> Value {
        if let Some(first) = c.allowed.first() {
            return first.clone();
        }
        match ty {
            RustTy::Scalar(s) => valid_scalar(*s, c),
            RustTy::AnyScalar => json!("v"),
            RustTy::List(item) => {
                let n = c.min_items.unwrap_or(0) as usize;
                Value::Array(
                    (0..n)
                        .map(|_| self.valid(item, &Checks::default()))
                        .collect(),
                )
            }
            RustTy::Map(_) => json!({}),
            RustTy::Named(name, NamedKind::Alias, _) => match self.alias(name) {
                Some((t, ac)) => self.valid(t, ac),
                None => json!({}),
            },
            RustTy::Named(name, NamedKind::Enum, _) => self
                .p
                .types
                .iter()
                .find_map(|t| match t {
                    TypeDef::Enum(e) if &e.name == name => {
                        e.variants.first().map(|v| json!(v.wire))
                    }
                    _ => None,
                })
                .unwrap_or(json!("x")),
            RustTy::Named(name, NamedKind::Object, _) => {
                let mut m = Map::new();
                if let Some(TypeDef::Object(o)) = self
                    .p
                    .types
                    .iter()
                    .find(|t| matches!(t, TypeDef::Object(o) if &o.name == name))
                {
                    for f in o.fields.iter().filter(|f| f.presence == Presence::Required) {
                        m.insert(f.wire.clone(), self.valid(&f.ty, &f.checks));
                    }
                }
                Value::Object(m)
            }
        }
    }

    /// At-limit and past-limit cases of one field (field-level checks and,
    /// for named map/list types, the type's own checks).
    fn field_cases(&self, f: &Field) -> Vec<FieldCase> {
        let path = format!("/{}", f.wire);
        let mut out = self.checks_cases(&path, &f.ty, &f.checks);
        if let RustTy::Named(name, NamedKind::Alias, _) = &f.ty {
            if let Some((t, ac)) = self.alias(name) {
                out.extend(self.checks_cases(&path, t, ac));
                // Field-level checks apply to the aliased value too.
                if f.checks != Checks::default() {
                    out.extend(self.checks_cases(&path, t, &f.checks));
                }
            }
        }
        out
    }

    fn checks_cases(&self, path: &str, ty: &RustTy, c: &Checks) -> Vec<FieldCase> {
        let mut out = Vec::new();
        match ty {
            RustTy::Scalar(s) if s.is_textual() => text_cases(path, *s, c, &mut out),
            RustTy::Scalar(s) if s.is_numeric() => number_cases(path, *s, c, &mut out),
            RustTy::Scalar(Scalar::Boolean) if !c.allowed.is_empty() => {
                for v in &c.allowed {
                    out.push((format!("allowed {v}"), v.clone(), Expect::Valid));
                }
                if let Some(other) = [true, false]
                    .into_iter()
                    .find(|b| !c.allowed.contains(&json!(b)))
                {
                    out.push((
                        "not allowed".into(),
                        json!(other),
                        violation(path, Constraint::Allowed, c),
                    ));
                }
            }
            RustTy::List(item) => {
                let item_value = self.valid(item, &Checks::default());
                let list = |n: u64| Value::Array(vec![item_value.clone(); n as usize]);
                if let Some(max) = c.max_items {
                    out.push((
                        format!("max_items {max} at the limit"),
                        list(max),
                        Expect::Valid,
                    ));
                    out.push((
                        format!("max_items {max} past the limit"),
                        list(max + 1),
                        violation(path, Constraint::MaxItems, c),
                    ));
                }
                if let Some(min) = c.min_items.filter(|m| *m > 0) {
                    out.push((
                        format!("min_items {min} at the limit"),
                        list(min),
                        Expect::Valid,
                    ));
                    out.push((
                        format!("min_items {min} past the limit"),
                        list(min - 1),
                        violation(path, Constraint::MinItems, c),
                    ));
                }
            }
            RustTy::Map(_) => map_cases(path, c, &mut out),
            _ => {}
        }
        out
    }
}

fn valid_scalar(s: Scalar, c: &Checks) -> Value {
    match s {
        Scalar::Integer | Scalar::AmountMinor | Scalar::UnixTime => {
            let n = c
                .minimum
                .as_deref()
                .or(c.maximum.as_deref())
                .and_then(|n| n.parse::<i64>().ok())
                .unwrap_or(1);
            json!(n)
        }
        Scalar::Decimal => json!(c
            .minimum
            .clone()
            .or(c.maximum.clone())
            .unwrap_or_else(|| "1.00".into())),
        Scalar::Boolean => json!(true),
        Scalar::Json => json!({}),
        Scalar::Currency => json!("EUR"),
        Scalar::Url => json!("https://example.com/x"),
        Scalar::Email => json!("john@example.com"),
        Scalar::Timestamp => json!("2021-09-10T09:24:06Z"),
        Scalar::Duration => json!("PT30M"),
        Scalar::String => {
            let n = c
                .min_length
                .unwrap_or(1)
                .max(1)
                .min(c.max_length.unwrap_or(u64::MAX));
            json!("a".repeat(n as usize))
        }
    }
}

fn text_cases(path: &str, s: Scalar, c: &Checks, out: &mut Vec<FieldCase>) {
    // Two-byte characters: limits count characters, not bytes.
    let text = |n: u64| json!("é".repeat(n as usize));
    if s == Scalar::String {
        if let Some(max) = c.max_length {
            out.push((
                format!("max_length {max} at the limit"),
                text(max),
                Expect::Valid,
            ));
            out.push((
                format!("max_length {max} past the limit"),
                text(max + 1),
                violation(path, Constraint::MaxLength, c),
            ));
        }
        if let Some(min) = c.min_length.filter(|m| *m > 0) {
            out.push((
                format!("min_length {min} at the limit"),
                text(min),
                Expect::Valid,
            ));
            out.push((
                format!("min_length {min} past the limit"),
                text(min - 1),
                violation(path, Constraint::MinLength, c),
            ));
        }
    } else {
        let bad = match s {
            Scalar::Currency => "eur",
            Scalar::Url => "example.com/no-scheme",
            Scalar::Email => "john.example.com",
            Scalar::Timestamp => "2021-09-10 09:24",
            _ => "30 minutes",
        };
        out.push(("in its format".into(), valid_scalar(s, c), Expect::Valid));
        out.push((
            "not in its format".into(),
            json!(bad),
            Expect::Violation {
                path: path.into(),
                rule: "format".into(),
                message: None,
            },
        ));
    }
    for v in c.allowed.iter() {
        out.push((format!("allowed {v}"), v.clone(), Expect::Valid));
    }
    if !c.allowed.is_empty() {
        out.push((
            "not allowed".into(),
            json!("not-an-allowed-value"),
            violation(path, Constraint::Allowed, c),
        ));
    }
}

fn number_cases(path: &str, s: Scalar, c: &Checks, out: &mut Vec<FieldCase>) {
    let integral = s.is_integral();
    let step = |n: &str, up: bool| -> Option<Value> {
        if integral {
            let n: i64 = n.parse().ok()?;
            Some(json!(if up {
                n.checked_add(1)?
            } else {
                n.checked_sub(1)?
            }))
        } else {
            let n: f64 = n.parse().ok()?;
            Some(json!(format!(
                "{:.2}",
                if up { n + 0.01 } else { n - 0.01 }
            )))
        }
    };
    let exact = |n: &str| {
        if integral {
            n.parse::<i64>().map(|v| json!(v)).unwrap_or(json!(n))
        } else {
            json!(n)
        }
    };
    if let Some(min) = &c.minimum {
        out.push((
            format!("minimum {min} at the limit"),
            exact(min),
            Expect::Valid,
        ));
        if let Some(below) = step(min, false) {
            out.push((
                format!("minimum {min} past the limit"),
                below,
                violation(path, Constraint::Minimum, c),
            ));
        }
    }
    if let Some(max) = &c.maximum {
        out.push((
            format!("maximum {max} at the limit"),
            exact(max),
            Expect::Valid,
        ));
        if let Some(above) = step(max, true) {
            out.push((
                format!("maximum {max} past the limit"),
                above,
                violation(path, Constraint::Maximum, c),
            ));
        }
    }
    for v in &c.allowed {
        out.push((format!("allowed {v}"), v.clone(), Expect::Valid));
    }
    if integral && !c.allowed.is_empty() {
        let top = c
            .allowed
            .iter()
            .filter_map(Value::as_i64)
            .max()
            .unwrap_or(0);
        out.push((
            "not allowed".into(),
            json!(top.saturating_add(1)),
            violation(path, Constraint::Allowed, c),
        ));
    }
}

fn map_cases(path: &str, c: &Checks, out: &mut Vec<FieldCase>) {
    let map = |n: u64| -> Value {
        Value::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect())
    };
    if let Some(max) = c.max_entries {
        out.push((
            format!("max_entries {max} at the limit"),
            map(max),
            Expect::Valid,
        ));
        out.push((
            format!("max_entries {max} past the limit"),
            map(max + 1),
            violation(path, Constraint::MaxEntries, c),
        ));
    }
    if let Some(max) = c.max_key_length {
        let at = "é".repeat(max as usize);
        let past = "é".repeat(max as usize + 1);
        out.push((
            format!("max_key_length {max} at the limit"),
            json!({ at: "v" }),
            Expect::Valid,
        ));
        let expect = violation(
            &format!("{path}/{}", pointer_escape(&past)),
            Constraint::MaxKeyLength,
            c,
        );
        out.push((
            format!("max_key_length {max} past the limit"),
            json!({ past: "v" }),
            expect,
        ));
    }
    if let Some(max) = c.max_value_length {
        out.push((
            format!("max_value_length {max} at the limit"),
            json!({"k": "é".repeat(max as usize)}),
            Expect::Valid,
        ));
        let expect = violation(&format!("{path}/k"), Constraint::MaxValueLength, c);
        out.push((
            format!("max_value_length {max} past the limit"),
            json!({"k": "é".repeat(max as usize + 1)}),
            expect,
        ));
    }
    if c.scalar_values {
        out.push((
            "scalar values: string, number, boolean".into(),
            json!({"s": "v", "n": 1, "b": true}),
            Expect::Valid,
        ));
        out.push((
            "scalar values: a list".into(),
            json!({"k": ["v"]}),
            violation(&format!("{path}/k"), Constraint::ScalarValues, c),
        ));
        out.push((
            "scalar values: an object".into(),
            json!({"k": {"x": 1}}),
            violation(&format!("{path}/k"), Constraint::ScalarValues, c),
        ));
    }
}

fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
