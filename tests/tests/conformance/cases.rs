//! Conformance cases derived from the model: for every constraint of every
//! request, a value exactly at the limit (accepted) and one just past it
//! (rejected, with the path, the rule and the docs' message).
//!
//! The cases are data (JSON request bodies plus the expected outcome), so a
//! test can run them through the compiled client's `validate()`; a
//! constraint added to a spec gets its cases without anyone writing them.

use serde_json::{json, Map, Value};

use codegen::lang::{Constraint, Scalar};
use codegen::model::{
    Checks, Cond, Field, Group, GroupRule, NamedKind, PatchTable, Presence, Provider, Request,
    Rule, RustTy, TypeDef, UniqueKey, WhenRule,
};

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
        if let Some(table) = &r.patch {
            for (name, body, expect) in d.patch_cases(table) {
                push(name, body, expect);
            }
            continue;
        }
        push("the minimal request".into(), d.base(), Expect::Valid);
        for f in &r.fields {
            for (name, value, expect) in d.field_cases(f) {
                push(format!("/{} {name}", f.wire), d.base_with(f, value), expect);
            }
            let at = format!("/{}", pointer_escape(&f.wire));
            for (name, value, expect) in d.nested_cases(&at, &f.ty, &f.checks, &mut Vec::new()) {
                push(format!("/{}{name}", f.wire), d.base_with(f, value), expect);
            }
        }
        for rule in &r.rules {
            for (name, body, expect) in d.rule_cases(rule) {
                push(name, body, expect);
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

/// Deepest nesting of objects whose fields get cases.
const MAX_NESTING: usize = 6;

fn violation(path: &str, rule: Constraint, checks: &Checks) -> Expect {
    Expect::Violation {
        path: path.to_string(),
        rule: rule.name().to_string(),
        message: checks.message(rule).map(str::to_string),
    }
}

impl Deriver<'_> {
    /// A request with its required fields, all valid, and the first field
    /// of each group that needs one set.
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
        for rule in &self.r.rules {
            if let Rule::Group(g) = rule {
                if g.kind != Group::MutuallyExclusive {
                    if let Some(f) = g.fields.first().and_then(|&i| self.r.fields.get(i)) {
                        m.insert(f.wire.clone(), self.valid(&f.ty, &f.checks));
                    }
                }
            }
        }
        Value::Object(m)
    }

    /// [`Deriver::base`] with `f` set to `value`, and the other fields of
    /// any group `f` may not share left out.
    pub(crate) fn base_with(&self, f: &Field, value: Value) -> Value {
        let mut body = self.base();
        if let Value::Object(m) = &mut body {
            for rule in &self.r.rules {
                let Rule::Group(g) = rule else { continue };
                let members = self.members(g);
                if g.kind != Group::AtLeastOneOf && members.iter().any(|m| m.wire == f.wire) {
                    for other in members {
                        m.remove(&other.wire);
                    }
                }
            }
            m.insert(f.wire.clone(), value);
        }
        body
    }

    /// A JSON Patch request's cases: each row's patch with valid
    /// placeholders and value, then each placeholder's and each value's
    /// constraints at and past their limits. A body is a list of
    /// `{"build": <constructor>, "params": {…}, "value": …}`, which the
    /// dispatch turns into patches through the generated constructors.
    fn patch_cases(&self, t: &PatchTable) -> Vec<FieldCase> {
        let mut out = Vec::new();
        for row in &t.rows {
            let Some(op) = row.ops.iter().find(|o| o.takes_value()).or(row.ops.first()) else {
                continue;
            };
            let params: Vec<&Field> = row.params.iter().filter_map(|&i| t.params.get(i)).collect();
            let valid_params: Map<String, Value> = params
                .iter()
                .map(|f| (f.ident.clone(), self.valid(&f.ty, &f.checks)))
                .collect();
            let value = row.value.as_ref().filter(|_| op.takes_value());
            let patch = |params: &Map<String, Value>, v: Option<Value>| {
                let mut m = Map::new();
                m.insert("build".into(), json!(row.constructor(*op)));
                m.insert("params".into(), Value::Object(params.clone()));
                if let Some(v) = v {
                    m.insert("value".into(), v);
                }
                json!([Value::Object(m)])
            };
            let valid_value = value.map(|f| self.valid(&f.ty, &f.checks));
            out.push((
                format!("{} {}", op.name(), row.path.as_str()),
                patch(&valid_params, valid_value.clone()),
                Expect::Valid,
            ));
            for f in &params {
                let at = format!("/0/path/{}", f.wire);
                for (name, v, expect) in self.checks_cases(&at, &f.ty, &f.checks) {
                    let mut ps = valid_params.clone();
                    ps.insert(f.ident.clone(), v);
                    out.push((
                        format!("{} {{{}}} {name}", row.path.as_str(), f.wire),
                        patch(&ps, valid_value.clone()),
                        expect,
                    ));
                }
            }
            if let Some(f) = value {
                let mut value_cases = self.checks_cases("/0/value", &f.ty, &f.checks);
                if let RustTy::Named(name, NamedKind::Alias, _) = &f.ty {
                    if let Some((t, ac)) = self.alias(name) {
                        value_cases.extend(self.checks_cases("/0/value", t, ac));
                    }
                }
                for (name, v, expect) in value_cases {
                    out.push((
                        format!("{} value {name}", row.path.as_str()),
                        patch(&valid_params, Some(v)),
                        expect,
                    ));
                }
                for (name, v, expect) in
                    self.nested_cases("/0/value", &f.ty, &f.checks, &mut Vec::new())
                {
                    out.push((
                        format!("{} value{name}", row.path.as_str()),
                        patch(&valid_params, Some(v)),
                        expect,
                    ));
                }
            }
        }
        out
    }

    fn members(&self, g: &GroupRule) -> Vec<&Field> {
        g.fields
            .iter()
            .filter_map(|&i| self.r.fields.get(i))
            .collect()
    }

    /// The cases of one cross-field rule.
    fn rule_cases(&self, rule: &Rule) -> Vec<FieldCase> {
        match rule {
            Rule::When(w) => self.when_cases(w),
            Rule::Group(g) => self.group_cases(g),
        }
    }

    /// A condition rule: triggered with and without each field it requires
    /// and forbids; for `not_in`, a listed value does not trigger it.
    fn when_cases(&self, w: &WhenRule) -> Vec<FieldCase> {
        let mut out = Vec::new();
        let Some(when) = self.r.fields.get(w.when) else {
            return out;
        };
        let any = self.valid(&when.ty, &when.checks);
        let trigger = match &w.cond {
            Cond::Present => Some(any),
            Cond::In(values) => values.first().map(|(_, v)| v.clone()),
            Cond::NotIn(values) => (!values.iter().any(|(_, v)| *v == any)).then_some(any),
        };
        let Some(trigger) = trigger else { return out };
        let label = format!("rule on {} = {trigger}", when.wire);
        let triggered = self.base_with(when, trigger);
        for f in w.require.iter().filter_map(|&i| self.r.fields.get(i)) {
            let (wire, mut with) = (&f.wire, triggered.clone());
            if let Value::Object(m) = &mut with {
                m.insert(wire.clone(), self.valid(&f.ty, &f.checks));
            }
            let mut without = triggered.clone();
            if let Value::Object(m) = &mut without {
                m.remove(wire);
            }
            out.push((
                format!("{label} without /{wire}"),
                without,
                self.rule_violation(&format!("/{wire}"), "required", &w.message),
            ));
            out.push((format!("{label} with /{wire}"), with, Expect::Valid));
            if let Cond::NotIn(values) = &w.cond {
                if let Some((_, listed)) = values.first() {
                    let mut exempt = self.base_with(when, listed.clone());
                    if let Value::Object(m) = &mut exempt {
                        m.remove(wire);
                    }
                    out.push((
                        format!("rule on {} = {listed} (listed) without /{wire}", when.wire),
                        exempt,
                        Expect::Valid,
                    ));
                }
            }
        }
        for f in w.forbid.iter().filter_map(|&i| self.r.fields.get(i)) {
            let wire = &f.wire;
            let mut with = triggered.clone();
            if let Value::Object(m) = &mut with {
                m.insert(wire.clone(), self.valid(&f.ty, &f.checks));
            }
            out.push((
                format!("{label} with forbidden /{wire}"),
                with,
                self.rule_violation(&format!("/{wire}"), "forbid", &w.message),
            ));
            out.push((
                format!("{label} without /{wire}"),
                triggered.clone(),
                Expect::Valid,
            ));
        }
        out
    }

    /// A group rule: none, one and two of its fields set.
    fn group_cases(&self, g: &GroupRule) -> Vec<FieldCase> {
        let members = self.members(g);
        let (Some(first), Some(second)) = (members.first(), members.get(1)) else {
            return Vec::new();
        };
        let mut none = self.base();
        if let Value::Object(m) = &mut none {
            for f in &members {
                m.remove(&f.wire);
            }
        }
        let with = |body: &Value, f: &Field| {
            let mut body = body.clone();
            if let Value::Object(m) = &mut body {
                m.insert(f.wire.clone(), self.valid(&f.ty, &f.checks));
            }
            body
        };
        let one = with(&none, first);
        let two = with(&one, second);
        let rule = g.kind.name();
        let broken = || self.rule_violation("", rule, &g.message);
        let (expect_none, expect_two) = match g.kind {
            Group::AtLeastOneOf => (broken(), Expect::Valid),
            Group::ExactlyOneOf => (broken(), broken()),
            Group::MutuallyExclusive => (Expect::Valid, broken()),
        };
        vec![
            (format!("{rule} with none set"), none, expect_none),
            (
                format!("{rule} with /{} set", first.wire),
                one,
                Expect::Valid,
            ),
            (
                format!("{rule} with /{} and /{} set", first.wire, second.wire),
                two,
                expect_two,
            ),
        ]
    }

    fn rule_violation(&self, path: &str, rule: &str, message: &str) -> Expect {
        Expect::Violation {
            path: path.to_string(),
            rule: rule.to_string(),
            message: Some(message.to_string()),
        }
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
            // Responses only (`check` keeps it out of requests): an id.
            RustTy::Expandable(_) => json!("id_1"),
            // A closed enum as a response holds it: any text.
            RustTy::Open(e) => self.valid(e, c),
            // Responses only, too: an object with an undocumented tag.
            RustTy::Named(_, NamedKind::Union, _) => json!({}),
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
        self.field_cases_at(&format!("/{}", pointer_escape(&f.wire)), f)
    }

    /// [`Deriver::field_cases`] of a field at `path`.
    fn field_cases_at(&self, path: &str, f: &Field) -> Vec<FieldCase> {
        let path = path.to_string();
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

    /// The cases of the fields below a value of `ty` (at `path`, with the
    /// value's own `checks`): each field of a nested object, and of a
    /// list's object item, at and past its limits inside an otherwise
    /// valid value, down to [`MAX_NESTING`] objects and never into an
    /// object type already on the way (`seen`). Names start with the
    /// field's path below the value (`/amount/value maximum …`).
    fn nested_cases(
        &self,
        path: &str,
        ty: &RustTy,
        checks: &Checks,
        seen: &mut Vec<String>,
    ) -> Vec<FieldCase> {
        let mut out = Vec::new();
        match ty {
            RustTy::Named(name, NamedKind::Alias, _) => {
                if let Some((t, ac)) = self.alias(name) {
                    out = self.nested_cases(path, t, ac, seen);
                }
            }
            RustTy::List(item) => {
                // As many items as the list needs, the first one broken.
                let n = checks.min_items.unwrap_or(0).max(1) as usize;
                let valid = self.valid(item, &Checks::default());
                let at = format!("{path}/0");
                for (name, v, expect) in self.nested_cases(&at, item, &Checks::default(), seen) {
                    let mut items = vec![valid.clone(); n];
                    items[0] = v;
                    out.push((format!("/0{name}"), Value::Array(items), expect));
                }
            }
            RustTy::Named(name, NamedKind::Object, _) => {
                let Some(o) = self.object(name) else {
                    return out;
                };
                if seen.contains(name) || seen.len() >= MAX_NESTING || !o.rules.is_empty() {
                    return out;
                }
                seen.push(name.clone());
                let base = self.valid(ty, &Checks::default());
                for f in &o.fields {
                    let at = format!("{path}/{}", pointer_escape(&f.wire));
                    let mut cases: Vec<FieldCase> = self
                        .field_cases_at(&at, f)
                        .into_iter()
                        .map(|(n, v, e)| (format!(" {n}"), v, e))
                        .collect();
                    cases.extend(self.nested_cases(&at, &f.ty, &f.checks, seen));
                    for (case, v, expect) in cases {
                        let mut value = base.clone();
                        value[f.wire.as_str()] = v;
                        out.push((format!("/{}{case}", f.wire), value, expect));
                    }
                }
                seen.pop();
            }
            _ => {}
        }
        out
    }

    /// The object type `name`.
    fn object(&self, name: &str) -> Option<&codegen::model::Object> {
        self.p.types.iter().find_map(|t| match t {
            TypeDef::Object(o) if o.name == name => Some(o),
            _ => None,
        })
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
                // Items differ in their `unique_by` member, when there is one.
                let list = |n: u64| match &c.unique_by {
                    Some(key) => self
                        .keyed_items(item, key, n as usize)
                        .map(Value::Array)
                        .unwrap_or(Value::Null),
                    None => Value::Array(vec![item_value.clone(); n as usize]),
                };
                if let Some(key) = &c.unique_by {
                    self.unique_cases(path, item, key, c, &mut out);
                }
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

impl Deriver<'_> {
    /// `n` valid items of `item` whose `key` members all differ; `None`
    /// when that many distinct valid values are not found.
    fn keyed_items(&self, item: &RustTy, key: &UniqueKey, n: usize) -> Option<Vec<Value>> {
        let RustTy::Named(name, NamedKind::Object, _) = item else {
            return None;
        };
        let f = self
            .object(name)?
            .fields
            .iter()
            .find(|f| f.wire == key.wire)?;
        let base = self.valid(item, &Checks::default());
        let values = self.distinct_values(&f.ty, &f.checks, n)?;
        Some(
            values
                .into_iter()
                .map(|v| {
                    let mut it = base.clone();
                    it[key.wire.as_str()] = v;
                    it
                })
                .collect(),
        )
    }

    /// `n` different valid values of `ty` under `checks`.
    fn distinct_values(&self, ty: &RustTy, checks: &Checks, n: usize) -> Option<Vec<Value>> {
        let out: Vec<Value> = match ty {
            RustTy::Scalar(Scalar::String) => {
                let len = checks.min_length.unwrap_or(2).max(2) as usize;
                let re = checks
                    .pattern
                    .as_ref()
                    .map(|p| generated_client::runtime::Regex::new(&format!("^(?:{p})$")).ok());
                (0..n * 8)
                    .map(|i| format!("{i:0>len$}").chars().rev().collect::<String>())
                    .chain((0..n * 8).map(|i| format!("K{i:0>len$}")))
                    .filter(|t| {
                        let chars = t.chars().count() as u64;
                        chars >= checks.min_length.unwrap_or(0)
                            && checks.max_length.is_none_or(|m| chars <= m)
                            && re
                                .as_ref()
                                .is_none_or(|r| r.as_ref().is_some_and(|r| r.is_match(t)))
                    })
                    .take(n)
                    .map(Value::String)
                    .collect()
            }
            RustTy::Scalar(s) if s.is_integral() => {
                let lo = checks
                    .minimum
                    .as_deref()
                    .and_then(|m| m.parse::<i64>().ok())
                    .unwrap_or(1);
                (0..n as i64).map(|i| json!(lo + i)).collect()
            }
            RustTy::Named(name, NamedKind::Enum, _) => self
                .p
                .types
                .iter()
                .find_map(|t| match t {
                    TypeDef::Enum(e) if &e.name == name => Some(e),
                    _ => None,
                })?
                .variants
                .iter()
                .take(n)
                .map(|v| json!(v.wire))
                .collect(),
            _ => return None,
        };
        (out.len() == n).then_some(out)
    }

    /// `unique_by`: two items that differ in the member are valid, two
    /// that share it break the rule at the second one's member.
    fn unique_cases(
        &self,
        path: &str,
        item: &RustTy,
        key: &UniqueKey,
        c: &Checks,
        out: &mut Vec<FieldCase>,
    ) {
        let n = c.min_items.unwrap_or(0).max(2);
        if n > 2 || c.max_items.is_some_and(|m| m < 2) {
            return;
        }
        let Some(items) = self.keyed_items(item, key, 2) else {
            return;
        };
        out.push((
            format!("unique_by {} distinct", key.wire),
            Value::Array(items.clone()),
            Expect::Valid,
        ));
        let mut repeated = items;
        repeated[1][key.wire.as_str()] = repeated[0][key.wire.as_str()].clone();
        out.push((
            format!("unique_by {} repeated", key.wire),
            Value::Array(repeated),
            violation(
                &format!("{path}/1/{}", pointer_escape(&key.wire)),
                Constraint::UniqueBy,
                c,
            ),
        ));
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
        // 1.00 where the limits allow it, not a limit itself: a limit (an
        // amount of 0) is its own case, and the docs' business rules may
        // refuse it (PayPal's `CANNOT_BE_ZERO_OR_NEGATIVE`).
        Scalar::Decimal | Scalar::DecimalString => {
            use codegen::lang::rules::Decimal;
            use std::cmp::Ordering::{Greater, Less};
            let one = Decimal::parse("1.00").expect("a decimal");
            // Whether 1.00 is not on the `outside` side of `bound`.
            let allows = |bound: &Option<String>, outside| {
                bound
                    .as_deref()
                    .and_then(Decimal::parse)
                    .is_none_or(|b| one.compare(b) != Some(outside))
            };
            if allows(&c.minimum, Less) && allows(&c.maximum, Greater) {
                json!("1.00")
            } else {
                json!(c.minimum.clone().or(c.maximum.clone()))
            }
        }
        Scalar::Boolean => json!(true),
        Scalar::Json => json!({}),
        Scalar::Currency => json!("EUR"),
        Scalar::CurrencyLower => json!("eur"),
        Scalar::Date => json!("2024-02-29"),
        Scalar::Url => json!("https://example.com/x"),
        Scalar::Email => json!("john@example.com"),
        Scalar::Timestamp => json!("2021-09-10T09:24:06Z"),
        Scalar::Duration => json!("PT30M"),
        Scalar::String => {
            let n = c
                .min_length
                .unwrap_or(1)
                .max(1)
                .min(c.max_length.unwrap_or(u64::MAX)) as usize;
            match &c.pattern {
                Some(p) => json!(matching(p, n)),
                None => json!("a".repeat(n)),
            }
        }
    }
}

/// A text of at least `n` characters that the pattern `p` accepts (as the
/// client anchors it), from a few simple shapes; the first shape when
/// none fits, which the case then reports.
fn matching(p: &str, n: usize) -> String {
    let re = generated_client::runtime::Regex::new(&format!("^(?:{p})$")).ok();
    let shapes = ["A", "1", "a", "US", "2A", "A1"];
    (n..n + 4)
        .flat_map(|len| shapes.iter().map(move |s| s.repeat(len.div_ceil(s.len()))))
        .find(|t| re.as_ref().is_some_and(|re| re.is_match(t)))
        .unwrap_or_else(|| "a".repeat(n))
}

/// Text within the field's length limits that its pattern refuses, when
/// it has a pattern and such a text is found.
fn not_matching(c: &Checks) -> Option<Value> {
    let p = c.pattern.as_ref()?;
    let re = generated_client::runtime::Regex::new(&format!("^(?:{p})$")).ok()?;
    let n = c
        .min_length
        .unwrap_or(1)
        .max(1)
        .min(c.max_length.unwrap_or(u64::MAX)) as usize;
    ["#", " ", "é", "-", "a", "A", "1"]
        .iter()
        .map(|s| s.repeat(n))
        .find(|t| !re.is_match(t))
        .map(Value::String)
}

/// Text of exactly `n` characters that the field's pattern (if any)
/// accepts: two-byte characters where they may be (limits count
/// characters, not bytes), else the first of a few shapes that matches;
/// `None` when no such text is found (a pattern that fixes the length
/// makes a length rule unreachable on its own).
fn text_of(c: &Checks, n: u64) -> Option<Value> {
    let n = n as usize;
    let Some(p) = &c.pattern else {
        return Some(json!("é".repeat(n)));
    };
    let re = generated_client::runtime::Regex::new(&format!("^(?:{p})$")).ok()?;
    ["é", "A", "1", "a", "US", "2A", "A1", "a.b"]
        .iter()
        .map(|s| s.repeat(n).chars().take(n).collect::<String>())
        .find(|t| t.chars().count() == n && re.is_match(t))
        .map(Value::String)
}

fn text_cases(path: &str, s: Scalar, c: &Checks, out: &mut Vec<FieldCase>) {
    if s == Scalar::String {
        let mut limit = |name: String, n: u64, expect: Expect| {
            if let Some(text) = text_of(c, n) {
                out.push((name, text, expect));
            }
        };
        if let Some(max) = c.max_length {
            limit(format!("max_length {max} at the limit"), max, Expect::Valid);
            limit(
                format!("max_length {max} past the limit"),
                max + 1,
                violation(path, Constraint::MaxLength, c),
            );
        }
        if let Some(min) = c.min_length.filter(|m| *m > 0) {
            limit(format!("min_length {min} at the limit"), min, Expect::Valid);
            limit(
                format!("min_length {min} past the limit"),
                min - 1,
                violation(path, Constraint::MinLength, c),
            );
        }
        if let Some(text) = not_matching(c) {
            out.push((
                "not matching its pattern".into(),
                text,
                violation(path, Constraint::Pattern, c),
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
            decimal_step(n, up).map(Value::String)
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

/// `n` (a decimal's text) one unit of its last place further (at least a
/// hundredth), exactly: `999999999999999.99` up is `1000000000000000.00`.
fn decimal_step(n: &str, up: bool) -> Option<String> {
    let (negative, digits) = match n.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, n),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let scale = frac.len().max(2);
    let units: i128 = format!("{whole}{frac:0<scale$}").parse().ok()?;
    let units = if negative { -units } else { units };
    let stepped = if up {
        units.checked_add(1)?
    } else {
        units.checked_sub(1)?
    };
    let sign = if stepped < 0 { "-" } else { "" };
    let text = format!("{:0>width$}", stepped.unsigned_abs(), width = scale + 1);
    let (w, f) = text.split_at(text.len() - scale);
    Some(format!("{sign}{w}.{f}"))
}

#[test]
fn decimal_steps_are_exact() {
    assert_eq!(
        decimal_step("999999999999999.99", true).as_deref(),
        Some("1000000000000000.00")
    );
    assert_eq!(decimal_step("0", false).as_deref(), Some("-0.01"));
    assert_eq!(decimal_step("1.5", true).as_deref(), Some("1.51"));
    assert_eq!(decimal_step("-0.001", true).as_deref(), Some("0.000"));
    assert_eq!(decimal_step("0.01", false).as_deref(), Some("0.00"));
    assert_eq!(decimal_step("x", true), None);
}

fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
