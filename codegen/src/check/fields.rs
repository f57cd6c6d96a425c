//! Checks of fields, their constraints and cross-field rules.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_yaml::Value;

use super::values::Mode;
use super::{Checker, Ty};
use crate::diag::suggest;
use crate::lang::{
    field_ident, is_snake, Compare, Constraint, Kind, Lenient, Scalar, SCALAR_ITEMS,
};
use crate::load::model::{Condition, Constraints, Field, Rule};
use crate::load::SpecPath;

/// Where a set of fields is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldSide {
    /// A request body.
    Request,
    /// Path parameters.
    Path,
    /// A named type: may be used in requests and responses.
    Both,
}

/// The shape a constraint is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    Number { integral: bool },
    Boolean,
    Enum,
    List,
    Map,
    Other,
}

fn shape(ty: &Ty<'_>) -> Shape {
    match ty {
        Ty::Scalar(s) if s.is_textual() => Shape::Text,
        Ty::Scalar(s) if s.is_numeric() => Shape::Number {
            integral: s.is_integral(),
        },
        Ty::Scalar(Scalar::Boolean) => Shape::Boolean,
        Ty::List(_) => Shape::List,
        Ty::Map(_) => Shape::Map,
        Ty::Named(_, d) => match d.kind {
            Kind::Enum => Shape::Enum,
            Kind::List => Shape::List,
            Kind::Map => Shape::Map,
            Kind::Object | Kind::Union => Shape::Other,
        },
        _ => Shape::Other,
    }
}

fn shape_name(ty: &Ty<'_>) -> String {
    match ty {
        Ty::Scalar(s) => format!("`{}`", s.name()),
        Ty::AnyScalar => "scalar".into(),
        Ty::List(_) => "`list`".into(),
        Ty::Map(_) => "`map`".into(),
        Ty::Expandable(_) => "`expandable`".into(),
        Ty::Named(n, d) => format!("`{n}` ({})", d.kind),
    }
}

/// Most fields one object, request or set of path parameters may have:
/// rustc fails on the code for ten thousand; real pages have hundreds.
pub const MAX_FIELDS: usize = 2_000;

impl<'a> Checker<'a> {
    /// Checks a map of fields; returns their resolved types by wire name.
    pub(crate) fn fields(
        &mut self,
        path: &SpecPath,
        fields: &'a IndexMap<String, Field>,
        side: FieldSide,
    ) -> BTreeMap<&'a str, Ty<'a>> {
        let mut idents: BTreeMap<String, &str> = BTreeMap::new();
        let mut resolved = BTreeMap::new();
        if fields.len() > MAX_FIELDS {
            self.err_key(
                path,
                format!(
                    "{} fields in one place; at most {MAX_FIELDS} are supported",
                    fields.len()
                ),
                "rustc cannot compile a struct (and its constructor, setters and validator) this large; split the fields into nested object types",
            );
        }
        for (wire, f) in fields {
            let fp = path.key(wire);
            let ident = match &f.rust_name {
                Some(r) if is_snake(r) => Some(r.clone()),
                Some(r) => {
                    self.err_value(
                        &fp.key("rust_name"),
                        format!("`{r}` is not a snake_case Rust identifier"),
                        "use lowercase letters, digits and `_`",
                    );
                    None
                }
                None => {
                    let i = field_ident(wire);
                    if i.is_none() {
                        self.err_key(
                            &fp,
                            format!("field `{wire}` has no usable Rust name"),
                            "add `rust_name:` with a snake_case name",
                        );
                    }
                    i
                }
            };
            if let Some(ident) = ident {
                if let Some(first) = idents.insert(ident.clone(), wire) {
                    self.err_key(
                        &fp,
                        format!("fields `{first}` and `{wire}` both become `{ident}` in Rust"),
                        format!("give one of them a different `rust_name:`, e.g. `rust_name: {ident}_2`"),
                    );
                }
            }
            let Some(ty) = self.field(&fp, wire, f, side) else {
                continue;
            };
            resolved.insert(wire.as_str(), ty);
        }
        resolved
    }

    /// Checks one field (`wire` at `fp`) and resolves its type; `None`
    /// when the type does not resolve.
    pub(crate) fn field(
        &mut self,
        fp: &SpecPath,
        wire: &str,
        f: &'a Field,
        side: FieldSide,
    ) -> Option<Ty<'a>> {
        if side == FieldSide::Request && f.response_only {
            self.err_key(
                &fp.key("response_only"),
                format!("request field `{wire}` is marked `response_only`"),
                "remove the field from the request, or remove `response_only`",
            );
        }
        if f.required && f.default.is_some() {
            self.err_key(
                &fp.key("default"),
                format!("field `{wire}` is required and also has a `default`"),
                "a default only makes sense for a field that may be left out",
            );
        }
        let ty = self.resolve(fp, &f.ty, f.items.as_deref())?;
        if f.sensitive && side == FieldSide::Path {
            self.err_key(
                &fp.key("sensitive"),
                format!("path parameter `{wire}` cannot be `sensitive`"),
                "the path is part of the URL, which errors and logs show: send the value in a header or the body",
            );
        } else if f.sensitive && !matches!(ty, Ty::Scalar(s) if s.is_textual()) {
            self.err_key(
                &fp.key("sensitive"),
                format!(
                    "`sensitive` applies to text fields; `{wire}` is {}",
                    shape_name(&ty)
                ),
                "a secret is text: type it `string`, or mark the text fields inside it",
            );
        }
        if side == FieldSide::Path {
            let ok = matches!(ty, Ty::Scalar(s) if s.is_textual() || s.is_integral());
            if !ok {
                self.err_value(
                    &fp.key("type"),
                    format!(
                        "path parameter `{wire}` must be text or an integer, not {}",
                        shape_name(&ty)
                    ),
                    "use `type: string`",
                );
            }
            if !f.required {
                self.err_key(
                    fp,
                    format!("path parameter `{wire}` must be `required: true`"),
                    "a path cannot be built without it",
                );
            }
        }
        self.leniency(fp, f, &ty);
        self.constraints(&fp.key("validation"), &f.validation, &ty, side);
        let mut problems = Vec::new();
        if let Some(v) = &f.default {
            self.field_value_problems(&fp.key("default"), f, &ty, v, Mode::Request, &mut problems);
        }
        if let Some(v) = &f.constant {
            let fits = matches!(&ty, Ty::Scalar(s) if s.is_textual() || s.is_integral() || *s == Scalar::Boolean);
            if !fits || f.sensitive {
                self.err_value(
                    &fp.key("const"),
                    "`const` applies to text, whole-number and boolean fields that are not sensitive",
                    "a trigger such as `_place` sending `1` is `type: integer` with `const: 1`",
                );
            } else {
                self.field_value_problems(
                    &fp.key("const"),
                    f,
                    &ty,
                    v,
                    Mode::Request,
                    &mut problems,
                );
            }
        }
        if let Some(v) = &f.example {
            // A request or path field's example is what the client sends;
            // a named type's may be what a server sends.
            let mode = if side == FieldSide::Both {
                Mode::Response
            } else {
                Mode::Request
            };
            self.field_value_problems(&fp.key("example"), f, &ty, v, mode, &mut problems);
        }
        for (p, msg, hint) in problems {
            self.err_value(&p, msg, hint);
        }
        Some(ty)
    }

    fn leniency(&mut self, path: &SpecPath, f: &Field, ty: &Ty<'_>) {
        for (i, &l) in f.lenient.iter().enumerate() {
            let lp = path.key("lenient").index(i);
            let name = l.name();
            let fits = match (l, shape(ty)) {
                (Lenient::Quoted, Shape::Number { .. } | Shape::Boolean) => true,
                // A secret is never read from a number or boolean, and an
                // enum value is text only: the client decodes neither so.
                (Lenient::Unquoted, Shape::Text) => !f.sensitive,
                // `[]` decodes as the empty value: an object needs one
                // (no required fields), a map always has one.
                (Lenient::EmptyArray, Shape::Map | Shape::Other) => {
                    matches!(ty, Ty::Map(_))
                        || matches!(ty, Ty::Named(_, d) if d.kind == Kind::Map)
                        || matches!(ty, Ty::Named(_, d) if d.kind == Kind::Object
                            && d.fields.values().all(|f| !f.required))
                }
                _ => false,
            };
            if !fits {
                let what = if f.sensitive && l == Lenient::Unquoted {
                    "sensitive".to_string()
                } else {
                    shape_name(ty)
                };
                self.err_value(
                    &lp,
                    format!("`{name}` does not apply to {what} fields"),
                    "see the `lenient` table in spec/README.md",
                );
            }
        }
    }

    /// Checks that every constraint fits the type and the bounds are sane.
    pub(crate) fn constraints(
        &mut self,
        path: &SpecPath,
        c: &Constraints,
        ty: &Ty<'a>,
        side: FieldSide,
    ) {
        let sh = shape(ty);
        let values_measurable = map_values_are_scalars(ty);
        let fits = |rule: Constraint| -> bool {
            use Constraint as C;
            match rule {
                C::MinLength | C::MaxLength | C::Pattern => sh == Shape::Text,
                // The runtime measures scalar map values only.
                C::MaxValueLength | C::ScalarValues => sh == Shape::Map && values_measurable,
                C::Minimum | C::Maximum => matches!(sh, Shape::Number { .. }),
                C::Allowed => matches!(
                    sh,
                    Shape::Text | Shape::Number { .. } | Shape::Boolean | Shape::Enum
                ),
                C::MinItems | C::MaxItems | C::UniqueBy => sh == Shape::List,
                C::MaxEntries | C::MaxKeyLength => sh == Shape::Map,
            }
        };
        let set = rules_set(c);
        for &rule in &set {
            if !fits(rule) {
                self.err_key(
                    &path.key(rule.name()),
                    format!("`{rule}` does not apply to {} fields", shape_name(ty)),
                    applies_hint(rule),
                );
            }
        }
        if let (Some(member), Shape::List) = (&c.unique_by, sh) {
            self.unique_by(&path.key("unique_by"), member, ty);
        }
        let pairs = [
            ("min_length", c.min_length, "max_length", c.max_length),
            ("min_items", c.min_items, "max_items", c.max_items),
        ];
        for (lo_name, lo, hi_name, hi) in pairs {
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if lo > hi {
                    self.err_value(
                        &path.key(lo_name),
                        format!("`{lo_name}` ({lo}) is greater than `{hi_name}` ({hi})"),
                        "swap them, or fix the one the docs got wrong",
                    );
                }
            }
        }
        if let (Some(lo), Some(hi)) = (&c.minimum, &c.maximum) {
            if lo.as_f64().unwrap_or(0.0) > hi.as_f64().unwrap_or(0.0) {
                self.err_value(
                    &path.key("minimum"),
                    format!("`minimum` ({lo}) is greater than `maximum` ({hi})"),
                    "swap them, or fix the one the docs got wrong",
                );
            }
        }
        if let Shape::Number { integral: true } = sh {
            for (name, n) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
                if let Some(n) = n {
                    if !n.is_i64() {
                        let what = if n.is_u64() {
                            "is beyond the 64-bit signed range of an integer field"
                        } else {
                            "is not a whole number, but the field is an integer"
                        };
                        self.err_value(
                            &path.key(name),
                            format!("`{name}` ({n}) {what}"),
                            "write a whole number within the 64-bit signed range",
                        );
                    }
                }
            }
        }
        if ty_is_decimal(ty) {
            for (name, n) in [("minimum", &c.minimum), ("maximum", &c.maximum)] {
                if let Some(n) = n {
                    if crate::lang::decimal_parts(&n.to_string()).is_none() {
                        self.err_value(
                            &path.key(name),
                            format!("`{name}` ({n}) cannot be held exactly by a decimal"),
                            "write a finite number with at most 28 decimals and 18 significant digits, e.g. `0.01`",
                        );
                    }
                }
            }
        }
        if let Some(p) = &c.pattern {
            if let Err(e) = crate::lang::compile_pattern(p) {
                self.err_value(
                    &path.key("pattern"),
                    format!("invalid regular expression: {e}"),
                    "patterns use the `regex-lite` syntax the client enforces them with (ASCII classes, no `\\p{…}`); escape `\\` inside double quotes or use single quotes",
                );
            }
        }
        if let Some(values) = &c.allowed {
            if values.is_empty() {
                self.err_key(
                    &path.key("allowed"),
                    "`allowed` is empty: no value could ever pass",
                    "list the accepted values or remove `allowed`",
                );
            }
            if fits(Constraint::Allowed) {
                for (i, v) in values.iter().enumerate() {
                    self.value(&path.key("allowed").index(i), ty, false, v, Mode::Request);
                }
            }
        }
        for rule in c.messages.keys() {
            if !set.contains(rule) {
                self.err_key(
                    &path.key("messages").key(rule.name()),
                    format!("a message for `{rule}`, but no `{rule}` rule is set"),
                    format!("add `{rule}:` or remove the message"),
                );
            }
        }
        let _ = side;
    }

    /// Checks cross-field rules against the fields they refer to.
    pub(crate) fn rules(
        &mut self,
        path: &SpecPath,
        rules: &[Rule],
        fields: &IndexMap<String, Field>,
    ) {
        for (i, r) in rules.iter().enumerate() {
            let rp = path.index(i);
            let groups: Vec<&str> = r.groups().map(|(g, _)| g.name()).collect();
            match (&r.when, groups.as_slice()) {
                (None, []) => self.err_key(
                    &rp,
                    "a rule needs a condition (`when`) or a group (`at_least_one_of`, `exactly_one_of`, `mutually_exclusive`)",
                    "e.g. `when: { field: mode, equals: delayed }` with `require: [expires_at]`",
                ),
                (Some(_), [first, ..]) | (None, [_, first, ..]) => self.err_key(
                    &rp.key(first),
                    "a rule is either a condition or one group",
                    "split it into one rule each",
                ),
                (Some(c), []) => self.when_rule(&rp, r, c, fields),
                (None, [group]) => self.group_rule(&rp.key(group), r, group, fields),
            }
        }
    }

    /// A condition rule: its field, its comparison, and what it requires
    /// or forbids.
    fn when_rule(
        &mut self,
        rp: &SpecPath,
        r: &Rule,
        c: &Condition,
        fields: &IndexMap<String, Field>,
    ) {
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let given: Vec<&str> = c.compares().map(|(k, _)| k.name()).collect();
        if let [_, second, ..] = given.as_slice() {
            self.err_key(
                &rp.key("when").key(second),
                "a condition compares with one of `equals`, `in` or `not_in`",
                "keep one; without any, the rule applies whenever the field is set",
            );
        }
        match fields.get(&c.field) {
            None => self.err_value(
                &rp.key("when").key("field"),
                format!("rule refers to unknown field `{}`", c.field),
                suggest(&c.field, &names),
            ),
            Some(f) => {
                if let (Some(ty), Some((compare, values))) = (self.lookup_field(f), c.values()) {
                    let key = compare.name();
                    if values.is_empty() {
                        self.err_key(
                            &rp.key("when").key(key),
                            format!("`{key}` lists no value"),
                            "list the values, or remove the key to apply the rule whenever the field is set",
                        );
                    }
                    let bools: std::collections::BTreeSet<bool> =
                        values.iter().filter_map(|v| v.as_bool()).collect();
                    if compare != Compare::Equals && bools.len() == 2 {
                        self.err_key(
                            &rp.key("when").key(key),
                            format!("`{key}` lists both `true` and `false`"),
                            if compare == Compare::In {
                                "the rule applies whenever the field is set: remove the list"
                            } else {
                                "the rule could never fire"
                            },
                        );
                    }
                    for (k, v) in values.into_iter().enumerate() {
                        let at = if compare == Compare::Equals {
                            rp.key("when").key(key)
                        } else {
                            rp.key("when").key(key).index(k)
                        };
                        if comparable(&ty, v) {
                            self.value(&at, &ty, false, v, Mode::Request);
                        } else {
                            self.err_value(
                                &at,
                                format!(
                                    "a rule cannot compare {} field `{}` with this value",
                                    shape_name(&ty),
                                    c.field
                                ),
                                "a rule's condition is a text, number, boolean or enum field, compared with a value of its type (a decimal with at most 28 decimals)",
                            );
                        }
                    }
                }
            }
        }
        if r.require.is_empty() && r.forbid.is_empty() {
            self.err_key(
                &rp.key("require"),
                "a rule must require or forbid at least one field",
                "list the fields the condition makes required (`require:`) or forbids (`forbid:`)",
            );
        }
        for (key, list) in [("require", &r.require), ("forbid", &r.forbid)] {
            for (j, name) in list.iter().enumerate() {
                let at = rp.key(key).index(j);
                if !fields.contains_key(name) {
                    let verb = if key == "require" {
                        "requires"
                    } else {
                        "forbids"
                    };
                    self.err_value(
                        &at,
                        format!("rule {verb} unknown field `{name}`"),
                        suggest(name, &names),
                    );
                } else if *name == c.field {
                    let verb = if key == "require" {
                        "requires"
                    } else {
                        "forbids"
                    };
                    self.err_value(
                        &at,
                        format!("field `{name}` {verb} itself"),
                        "a rule relates two different fields",
                    );
                } else if key == "forbid" && fields[name].required && !fields[name].nullable {
                    self.err_value(
                        &at,
                        format!("rule forbids `{name}`, which every request sends"),
                        "a required field cannot be forbidden; make it optional",
                    );
                } else if key == "forbid" && r.require.contains(name) {
                    self.err_value(
                        &at,
                        format!("rule both requires and forbids `{name}`"),
                        "keep it in one list",
                    );
                }
            }
        }
    }

    /// A group rule: at least two distinct, known, optional fields.
    fn group_rule(
        &mut self,
        at: &SpecPath,
        r: &Rule,
        group: &str,
        fields: &IndexMap<String, Field>,
    ) {
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        let list = r.group().map(|(_, l)| l).unwrap_or_default();
        if r.when.is_none() && (!r.require.is_empty() || !r.forbid.is_empty()) {
            let key = if r.require.is_empty() {
                "forbid"
            } else {
                "require"
            };
            self.err_key(
                &at.parent().key(key),
                format!("`{key}` needs a condition (`when`)"),
                format!("a `{group}` rule lists its fields alone"),
            );
        }
        if list.len() < 2 {
            self.err_key(
                at,
                format!("`{group}` needs at least two fields"),
                "a group rule relates several fields",
            );
        }
        let mut seen = std::collections::HashSet::new();
        for (j, name) in list.iter().enumerate() {
            let fat = at.index(j);
            match fields.get(name) {
                None => self.err_value(
                    &fat,
                    format!("rule refers to unknown field `{name}`"),
                    suggest(name, &names),
                ),
                Some(_) if !seen.insert(name) => self.err_value(
                    &fat,
                    format!("`{name}` is listed twice"),
                    "list each field once",
                ),
                Some(f) if f.required && !f.nullable => self.err_value(
                    &fat,
                    format!("`{name}` is required, so every request sends it"),
                    "a group rule relates optional fields; make it optional or leave it out",
                ),
                Some(_) => {}
            }
        }
    }

    /// Refuses `expandable` fields where a request carries them: a request
    /// sends an id, never a choice between an id and an object.
    pub(crate) fn no_expandable(&mut self, path: &SpecPath, fields: &IndexMap<String, Field>) {
        for (wire, f) in fields {
            if f.ty == crate::lang::EXPANDABLE {
                self.err_value(
                    &path.key(wire).key("type"),
                    format!("`{wire}` is `expandable`, which only a response can carry"),
                    "a request sends the id: `type: string`",
                );
            }
        }
    }

    /// The resolved type of a field, without reporting (already reported).
    pub(crate) fn lookup_field(&self, f: &Field) -> Option<Ty<'a>> {
        match f.ty.as_str() {
            crate::lang::EXPANDABLE => {
                Some(Ty::Expandable(Box::new(self.lookup(f.items.as_deref()?)?)))
            }
            "list" | "map" => {
                let item = f.items.as_deref()?;
                let inner = if f.ty == "map" && item == crate::lang::SCALAR_ITEMS {
                    Ty::AnyScalar
                } else {
                    self.lookup(item)?
                };
                Some(if f.ty == "list" {
                    Ty::List(Box::new(inner))
                } else {
                    Ty::Map(Box::new(inner))
                })
            }
            other => self.lookup(other),
        }
    }

    /// Checks a YAML value against a type, reporting each problem at its
    /// position inside the value.
    pub(crate) fn value(
        &mut self,
        path: &SpecPath,
        ty: &Ty<'a>,
        nullable: bool,
        v: &Value,
        mode: Mode,
    ) {
        let mut problems = Vec::new();
        self.value_problems(path, ty, nullable, v, mode, &mut problems);
        for (p, msg, hint) in problems {
            self.err_value(&p, msg, hint);
        }
    }
}

/// Whether a rule can compare a value of `ty` with `v` (exactly the
/// rules the model gives a test: `model::rule_test`).
fn comparable(ty: &Ty<'_>, v: &serde_yaml::Value) -> bool {
    use serde_yaml::Value as V;
    match (ty, v) {
        (Ty::Scalar(s), V::String(t)) if s.is_decimal() => crate::lang::decimal_parts(t).is_some(),
        (Ty::Scalar(s), V::Number(n)) if s.is_decimal() => {
            crate::lang::decimal_parts(&n.to_string()).is_some()
        }
        (Ty::Named(_, d), V::String(_)) => d.kind == Kind::Enum,
        (Ty::Scalar(Scalar::Json), V::String(_) | V::Bool(_)) => true,
        (Ty::Scalar(Scalar::Json), V::Number(n)) => n.is_i64(),
        (Ty::Scalar(s), V::String(_)) => s.is_textual(),
        (Ty::Scalar(Scalar::Boolean), V::Bool(_)) => true,
        (Ty::Scalar(s), V::Number(n)) => s.is_integral() && n.is_i64(),
        _ => false,
    }
}

/// Whether the values of a map type are scalars (text, numbers, booleans,
/// JSON): what value rules can measure. `true` for anything not a map.
fn map_values_are_scalars(ty: &Ty<'_>) -> bool {
    match ty {
        Ty::Map(inner) => matches!(**inner, Ty::Scalar(_) | Ty::AnyScalar),
        Ty::Named(_, d) if d.kind == Kind::Map => d
            .items
            .as_deref()
            .is_some_and(|i| i == SCALAR_ITEMS || Scalar::from_name(i).is_some()),
        _ => true,
    }
}

impl<'a> Checker<'a> {
    /// `unique_by: member` on the list `ty`: its items are objects with
    /// that field, a scalar or an enum that is neither nullable nor
    /// sensitive (an item's key is compared, and never shown).
    fn unique_by(&mut self, path: &SpecPath, member: &str, ty: &Ty<'a>) {
        let item = match ty {
            Ty::List(item) => Some((**item).clone()),
            Ty::Named(_, d) if d.kind == Kind::List => {
                d.items.as_deref().and_then(|i| self.lookup(i))
            }
            _ => None,
        };
        let Some(Ty::Named(name, def)) =
            item.filter(|t| matches!(t, Ty::Named(_, d) if d.kind == Kind::Object))
        else {
            self.err_value(
                path,
                "`unique_by` names a field of the list's items, which are not objects",
                "use it on a list of a `kind: object` type",
            );
            return;
        };
        let Some(f) = def.fields.get(member) else {
            let names: Vec<&str> = def.fields.keys().map(String::as_str).collect();
            self.err_value(
                path,
                format!("`{name}` has no field `{member}`"),
                super::suggest(member, &names),
            );
            return;
        };
        let keyed = match self.lookup(&f.ty) {
            Some(Ty::Scalar(s)) => s != Scalar::Json,
            Some(Ty::Named(_, d)) => d.kind == Kind::Enum,
            _ => false,
        };
        if !keyed || f.nullable || f.sensitive {
            self.err_value(
                path,
                format!("`{name}.{member}` cannot be compared as a key"),
                "name a text, number or enum field that is neither `nullable` nor `sensitive`",
            );
        }
    }
}

fn ty_is_decimal(ty: &Ty<'_>) -> bool {
    matches!(ty, Ty::Scalar(s) if s.is_decimal())
}

fn rules_set(c: &Constraints) -> Vec<Constraint> {
    let flags = [
        c.min_length.is_some(),
        c.max_length.is_some(),
        c.minimum.is_some(),
        c.maximum.is_some(),
        c.pattern.is_some(),
        c.allowed.is_some(),
        c.min_items.is_some(),
        c.max_items.is_some(),
        c.max_entries.is_some(),
        c.max_key_length.is_some(),
        c.max_value_length.is_some(),
        c.scalar_values,
        c.unique_by.is_some(),
    ];
    Constraint::ALL
        .iter()
        .zip(flags)
        .filter(|(_, on)| *on)
        .map(|(r, _)| *r)
        .collect()
}

fn applies_hint(rule: Constraint) -> &'static str {
    use Constraint as C;
    match rule {
        C::MinLength | C::MaxLength | C::Pattern => {
            "length and pattern rules apply to text fields; use `minimum`/`maximum` for numbers"
        }
        C::Minimum | C::Maximum => {
            "range rules apply to numbers; use `min_length`/`max_length` for text"
        }
        C::Allowed => "`allowed` applies to scalars and enums",
        C::MinItems | C::MaxItems => {
            "item counts apply to `list` fields; use `max_entries` for maps"
        }
        C::UniqueBy => "`unique_by` applies to lists of objects: it names a field of the items",
        C::MaxEntries | C::MaxKeyLength | C::MaxValueLength | C::ScalarValues => {
            "map rules apply to `map` fields (value rules to maps of scalar values)"
        }
    }
}
