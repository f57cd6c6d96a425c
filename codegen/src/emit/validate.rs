//! Validator bodies: constraint checks on request values.
//!
//! Every check calls the hand-written runtime (`rt::Violations`), so the
//! generated code states *which* rules apply and the runtime says *how*.

use proc_macro2::Literal;

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;

use super::ctx::{alias_validator, named_has_checks, Ctx};
use super::rust_types::is_secret;
use crate::lang::{Constraint, Scalar};
use crate::model::{
    Checks, Cond, Field, Group, GroupRule, NamedKind, Presence, Rule, RustTy, Test, WhenRule,
};

/// Parameter names of a validator: `_`-prefixed when the body is empty.
pub(crate) fn param_names(empty: bool) -> (Code, Code) {
    if empty {
        (code!(_path), code!(_violations))
    } else {
        (code!(path), code!(violations))
    }
}

/// Checks of every field of a struct plus its cross-field rules. `patch`
/// says whether clearable fields are `rt::Patch` (requests) or `Option`.
pub(crate) fn fields_body(fields: &[Field], rules: &[Rule], patch: bool, ctx: &Ctx<'_>) -> Code {
    let checks = Vec::from_iter(fields.iter().map(|f| {
        if let Some(call) = field_call(f) {
            return call;
        }
        let value = code!(value);
        let path = code!(path);
        let secret = is_secret(f);
        let body = value_checks(&f.ty, &f.checks, secret, &value, &path, ctx);
        if body.is_empty() {
            return code!();
        }
        let ident = rust_name(&f.ident);
        let wire = &f.wire;
        let bind = match (f.presence, patch) {
            (Presence::Required, _) => code!(let value = &self.#ident;),
            (Presence::Clearable, true) => {
                code!(let rt::Patch::Set(value) = &self.#ident else { break 'field };)
            }
            _ => code!(let Some(value) = &self.#ident else { break 'field };),
        };
        let needs_label = f.presence != Presence::Required;
        let inner = code! {
            #bind
            let path = path.field(#wire);
            #body
        };
        if needs_label {
            code!('field: { #inner })
        } else {
            code!({ #inner })
        }
    }));
    let rules = Vec::from_iter(rules.iter().map(|r| rule(r, fields, patch)));
    let out = code!(#(#checks)* #(#rules)*);
    if out.is_empty() {
        code!()
    } else {
        out
    }
}

/// One cross-field rule (its field indexes come from the model, which
/// built them from these `fields`).
fn rule(r: &Rule, fields: &[Field], patch: bool) -> Code {
    match r {
        Rule::When(w) => when_rule(w, fields, patch),
        Rule::Group(g) => group_rule(g, fields, patch),
    }
}

/// Whether the field `f` of `self` is set.
fn is_set(f: &Field, patch: bool) -> Code {
    let id = rust_name(&f.ident);
    match (f.presence, patch) {
        (Presence::Required, _) => code!(true),
        (Presence::Clearable, true) => code!(matches!(self.#id, rt::Patch::Set(_))),
        _ => code!(self.#id.is_some()),
    }
}

fn when_rule(r: &WhenRule, fields: &[Field], patch: bool) -> Code {
    let Some(when) = fields.get(r.when) else {
        return code!();
    };
    let message = &r.message;
    let requires = r.require.iter().filter_map(|&i| {
        let f = fields.get(i)?;
        let (wire, set) = (&f.wire, is_set(f, patch));
        Some(code!(violations.required_by(&path.field(#wire), #set, #message);))
    });
    let forbids = r.forbid.iter().filter_map(|&i| {
        let f = fields.get(i)?;
        let (wire, set) = (&f.wire, is_set(f, patch));
        Some(code!(violations.forbidden_by(&path.field(#wire), #set, #message);))
    });
    let effects = code!(#(#requires)* #(#forbids)*);
    let any = |tests: &[(Test, serde_json::Value)]| {
        let cmps = tests.iter().map(|(t, _)| test(t));
        code!(#(#cmps)||*)
    };
    let cmp = match &r.cond {
        Cond::Present => None,
        Cond::In(tests) => Some(any(tests)),
        Cond::NotIn(tests) => {
            let cmps = tests.iter().map(|(t, _)| test_not(t));
            Some(code!(#(#cmps)&&*))
        }
    };
    let when_ident = rust_name(&when.ident);
    match (cmp, when.presence, patch) {
        (None, Presence::Required, _) => code!({ #effects }),
        (None, _, _) => {
            let set = is_set(when, patch);
            code!(if #set { #effects })
        }
        // A required field is always there: compare it directly.
        (Some(cmp), Presence::Required, _) => code! {
            {
                let value = &self.#when_ident;
                if #cmp {
                    #effects
                }
            }
        },
        (Some(cmp), Presence::Clearable, true) => code! {
            if self.#when_ident.as_set().is_some_and(|value| #cmp) {
                #effects
            }
        },
        (Some(cmp), _, _) => code! {
            if self.#when_ident.as_ref().is_some_and(|value| #cmp) {
                #effects
            }
        },
    }
}

fn group_rule(r: &GroupRule, fields: &[Field], patch: bool) -> Code {
    let rule = match r.kind {
        Group::AtLeastOneOf => code!(AtLeastOneOf),
        Group::ExactlyOneOf => code!(ExactlyOneOf),
        Group::MutuallyExclusive => code!(MutuallyExclusive),
    };
    let sets = r
        .fields
        .iter()
        .filter_map(|&i| fields.get(i))
        .map(|f| is_set(f, patch));
    let message = &r.message;
    code! {
        violations.group(
            path,
            rt::Rule::#rule,
            [#(#sets),*].into_iter().filter(|set| *set).count(),
            #message,
        );
    }
}

/// The comparison of `value: &T` a rule makes.
fn test(t: &Test) -> Code {
    match t {
        Test::Decimal(m, s) => {
            let d = decimal_tokens((*m, *s));
            code!(*value == #d)
        }
        Test::Enum(s) => code!(value.as_str() == #s),
        Test::SecretText(s) => code!(value.expose() == #s),
        Test::Text(s) => code!(value == #s),
        Test::Bool(true) => code!(*value),
        Test::Bool(false) => code!(!*value),
        Test::Int(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            code!(*value == #lit)
        }
        Test::JsonText(s) => code!(value == #s),
        Test::JsonBool(b) => code!(*value == #b),
        // A JSON value compares with every integer type: the suffix picks one.
        Test::JsonInt(n) => {
            let lit = Literal::i64_suffixed(*n);
            code!(*value == #lit)
        }
    }
}

/// The negation of [`test`], written as clippy wants it (`!=`, not `!(==)`).
fn test_not(t: &Test) -> Code {
    match t {
        Test::Decimal(m, s) => {
            let d = decimal_tokens((*m, *s));
            code!(*value != #d)
        }
        Test::Enum(s) => code!(value.as_str() != #s),
        Test::SecretText(s) => code!(value.expose() != #s),
        Test::Text(s) | Test::JsonText(s) => code!(value != #s),
        Test::Bool(true) => code!(!*value),
        Test::Bool(false) => code!(*value),
        Test::Int(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            code!(*value != #lit)
        }
        Test::JsonInt(n) => {
            let lit = Literal::i64_suffixed(*n);
            code!(*value != #lit)
        }
        Test::JsonBool(b) => code!(*value != #b),
    }
}

fn opt_usize(v: Option<u64>) -> Option<Code> {
    v.map(|n| {
        let lit = Literal::usize_unsuffixed(n as usize);
        code!(Some(#lit))
    })
}

/// `rt::#ty { name: value, … }` with the members that are set, and
/// `..rt::#ty::NONE` for the others (none when every member is set).
fn named(ty: Code, members: Vec<(&str, Option<Code>)>) -> Code {
    let all = members.len();
    let set: Vec<Code> = members
        .into_iter()
        .filter_map(|(name, v)| {
            let name = rust_name(name);
            v.map(|v| code!(#name: #v))
        })
        .collect();
    if set.len() == all {
        code!(#ty { #(#set),* })
    } else {
        code!(#ty { #(#set,)* ..#ty::NONE })
    }
}

/// The docs' messages of `c` for `rules`, as `rt::Messages`; `None` when
/// the docs give none of them.
fn messages(c: &Checks, rules: &[Constraint]) -> Option<Code> {
    if rules.iter().all(|r| c.message(*r).is_none()) {
        return None;
    }
    let all = [
        Constraint::MinLength,
        Constraint::MaxLength,
        Constraint::Pattern,
        Constraint::Allowed,
        Constraint::Minimum,
        Constraint::Maximum,
        Constraint::MinItems,
        Constraint::MaxItems,
        Constraint::MaxEntries,
        Constraint::MaxKeyLength,
        Constraint::MaxValueLength,
        Constraint::ScalarValues,
        Constraint::UniqueBy,
    ];
    let members = all
        .iter()
        .map(|r| {
            let m = c.message(*r).filter(|_| rules.contains(r));
            (r.name(), m.map(|m| code!(Some(#m))))
        })
        .collect();
    Some(named(code!(rt::Messages), members))
}

/// The rules of a text value of scalar type `s` as `&rt::TextRules {…}`,
/// with the `static` its pattern needs (named `pattern`); `None` when
/// nothing is checked.
fn text_rules(s: Scalar, c: &Checks, pattern: &Name<'_>) -> Option<(Code, Code)> {
    let format = format_of(s);
    if c.min_length.is_none()
        && c.max_length.is_none()
        && c.pattern.is_none()
        && format.is_none()
        && c.allowed.is_empty()
    {
        return None;
    }
    let statics = match &c.pattern {
        Some(p) => code!(static #pattern: rt::Pattern = rt::Pattern::new(#p);),
        None => code!(),
    };
    let allowed = (!c.allowed.is_empty()).then(|| {
        let vals = c.allowed.iter().filter_map(|v| v.as_str());
        code!(&[#(#vals),*])
    });
    let msgs = messages(
        c,
        &[
            Constraint::MinLength,
            Constraint::MaxLength,
            Constraint::Pattern,
            Constraint::Allowed,
        ],
    );
    let rules = named(
        code!(rt::TextRules),
        vec![
            ("min_length", opt_usize(c.min_length)),
            ("max_length", opt_usize(c.max_length)),
            (
                "pattern",
                c.pattern.as_ref().map(|_| code!(Some(&#pattern))),
            ),
            ("format", format.map(|f| code!(Some(rt::Format::#f)))),
            ("allowed", allowed),
            ("messages", msgs),
        ],
    );
    Some((statics, code!(&#rules)))
}

/// The rules of a number or boolean of type `ty` as `&rt::IntRules {…}`
/// (or `DecimalRules`, `BoolRules`); `None` when nothing is checked.
fn value_rules(ty: &RustTy, c: &Checks) -> Option<Code> {
    let RustTy::Scalar(s) = ty else { return None };
    let (rules_ty, min, max, allowed) = if s.is_integral() {
        let num = |v: &Option<String>| {
            let n = v.as_deref()?.parse::<i64>().ok()?;
            let lit = Literal::i64_unsuffixed(n);
            Some(code!(Some(#lit)))
        };
        let vals = c
            .allowed
            .iter()
            .filter_map(|v| v.as_i64())
            .map(Literal::i64_unsuffixed);
        (
            code!(rt::IntRules),
            num(&c.minimum),
            num(&c.maximum),
            code!(&[#(#vals),*]),
        )
    } else if s.is_decimal() {
        let num = |v: &Option<String>| {
            let d = decimal_tokens(crate::lang::decimal_parts(v.as_deref()?)?);
            Some(code!(Some(#d)))
        };
        let vals = c.allowed.iter().filter_map(decimal_literal);
        (
            code!(rt::DecimalRules),
            num(&c.minimum),
            num(&c.maximum),
            code!(&[#(#vals),*]),
        )
    } else if *s == Scalar::Boolean {
        let vals = c.allowed.iter().filter_map(|v| v.as_bool());
        (code!(rt::BoolRules), None, None, code!(&[#(#vals),*]))
    } else {
        return None;
    };
    if min.is_none() && max.is_none() && c.allowed.is_empty() {
        return None;
    }
    let msgs = messages(
        c,
        &[
            Constraint::Minimum,
            Constraint::Maximum,
            Constraint::Allowed,
        ],
    );
    let rules = named(
        rules_ty,
        vec![
            ("minimum", min),
            ("maximum", max),
            ("allowed", (!c.allowed.is_empty()).then_some(allowed)),
            ("messages", msgs),
        ],
    );
    Some(code!(&#rules))
}

/// A field's checks as one call, when its type is a scalar: the runtime
/// reads the value from the field whether it is required, optional or a
/// patch, and builds the field's path only for a violation.
fn field_call(f: &Field) -> Option<Code> {
    let RustTy::Scalar(s) = &f.ty else {
        return None;
    };
    let ident = rust_name(&f.ident);
    let wire = &f.wire;
    if s.is_textual() {
        let name = f.ident.trim_start_matches("r#").to_uppercase();
        let pattern = owned_name(format!("{}_PATTERN", name));
        let (statics, rules) = text_rules(*s, &f.checks, &pattern)?;
        return Some(code! {
            #statics
            violations.text(path, #wire, &self.#ident, #rules);
        });
    }
    let rules = value_rules(&f.ty, &f.checks)?;
    Some(code!(violations.value(path, #wire, &self.#ident, #rules);))
}

/// Checks of a value `value: &T` of type `ty` at `path`.
pub(crate) fn value_checks(
    ty: &RustTy,
    c: &Checks,
    secret: bool,
    value: &Code,
    path: &Code,
    ctx: &Ctx<'_>,
) -> Code {
    let mut out = Vec::new();
    match ty {
        RustTy::Scalar(s) if s.is_textual() => {
            if let Some((statics, rules)) = text_rules(*s, c, &rust_name("PATTERN")) {
                let text = if secret {
                    code!(#value.expose())
                } else {
                    code!(#value.as_str())
                };
                let shown = !secret;
                out.push(code!(#statics violations.text_at(&#path, #text, #shown, #rules);));
            }
        }
        RustTy::Scalar(_) => {
            if let Some(rules) = value_rules(ty, c) {
                out.push(code!(violations.value_at(&#path, *#value, #rules);));
            }
        }
        RustTy::Named(_, NamedKind::Enum, _) if !c.allowed.is_empty() => {
            let vals = c.allowed.iter().filter_map(|v| v.as_str());
            let msgs = messages(c, &[Constraint::Allowed]);
            let rules = named(
                code!(rt::TextRules),
                vec![("allowed", Some(code!(&[#(#vals),*]))), ("messages", msgs)],
            );
            out.push(code!(violations.text_at(&#path, #value.as_str(), true, &#rules);));
        }
        RustTy::List(item) => {
            out.push(list_rules(c, value, path));
            let inner = value_checks(
                item,
                &Checks::default(),
                false,
                &code!(item),
                &code!(path),
                ctx,
            );
            if !inner.is_empty() {
                out.push(code! {
                    for (index, item) in #value.iter().enumerate() {
                        let path = #path.index(index);
                        #inner
                    }
                });
            }
        }
        RustTy::Map(item) => {
            out.push(map_rules(c, value, path, item));
            let inner = value_checks(
                item,
                &Checks::default(),
                false,
                &code!(item),
                &code!(path),
                ctx,
            );
            if !inner.is_empty() {
                out.push(code! {
                    for (key, item) in #value {
                        let path = #path.field(key);
                        #inner
                    }
                });
            }
        }
        RustTy::Named(name, NamedKind::Alias, id) => {
            // Field-level constraints apply to the aliased value too; its
            // items are checked once, by the alias's own validator.
            match ctx.alias(*id).map(|a| &a.ty) {
                Some(RustTy::List(_)) => out.push(list_rules(c, value, path)),
                Some(RustTy::Map(item)) => out.push(map_rules(c, value, path, item)),
                _ => {}
            }
            if named_has_checks(name, NamedKind::Alias, ctx) {
                let func = alias_validator(name);
                out.push(code!(#func(#value, &#path, violations);));
            }
        }
        RustTy::Named(name, NamedKind::Object, _)
            if named_has_checks(name, NamedKind::Object, ctx) =>
        {
            out.push(code!(#value.validate_into(&#path, violations);));
        }
        _ => {}
    }
    let out: Vec<Code> = out.into_iter().filter(|t| !t.is_empty()).collect();
    code!(#(#out)*)
}

/// The item rules of a list: its count and, with `unique_by`, that no two
/// items share the member.
fn list_rules(c: &Checks, value: &Code, path: &Code) -> Code {
    let unique = c.unique_by.as_ref().map(|k| {
        let ident = rust_name(&k.ident);
        let wire = &k.wire;
        let key = if k.required {
            code!(Some(&item.#ident))
        } else {
            code!(item.#ident.as_ref())
        };
        let msg = match c.message(Constraint::UniqueBy) {
            Some(m) => code!(Some(#m)),
            None => code!(None),
        };
        code!(violations.unique_by(&#path, #value.as_slice(), #wire, |item| #key, #msg);)
    });
    if c.min_items.is_none() && c.max_items.is_none() {
        return code!(#unique);
    }
    let msgs = messages(c, &[Constraint::MinItems, Constraint::MaxItems]);
    let rules = named(
        code!(rt::ItemRules),
        vec![
            ("min_items", opt_usize(c.min_items)),
            ("max_items", opt_usize(c.max_items)),
            ("messages", msgs),
        ],
    );
    code!(violations.items(&#path, #value.len(), &#rules); #unique)
}

/// The map rules of a map whose values are `item`. Values the runtime can
/// measure (scalars) go through `Violations::map`; maps of other values
/// can only have their entries and keys checked (the checker refuses value
/// rules on them).
fn map_rules(c: &Checks, value: &Code, path: &Code, item: &RustTy) -> Code {
    if c.max_entries.is_none()
        && c.max_key_length.is_none()
        && c.max_value_length.is_none()
        && !c.scalar_values
    {
        return code!();
    }
    let msgs = messages(
        c,
        &[
            Constraint::MaxEntries,
            Constraint::MaxKeyLength,
            Constraint::MaxValueLength,
            Constraint::ScalarValues,
        ],
    );
    let scalar = c.scalar_values.then(|| code!(true));
    let rules = named(
        code!(rt::MapRules),
        vec![
            ("max_entries", opt_usize(c.max_entries)),
            ("max_key_length", opt_usize(c.max_key_length)),
            ("max_value_length", opt_usize(c.max_value_length)),
            ("scalar_values", scalar),
            ("messages", msgs),
        ],
    );
    let rules = code!(&#rules);
    if matches!(item, RustTy::Scalar(_) | RustTy::AnyScalar) {
        code!(violations.map(&#path, #value.iter(), #rules);)
    } else {
        code!(violations.map_keys(&#path, #value.keys(), #rules);)
    }
}

fn format_of(s: Scalar) -> Option<Name<'static>> {
    use formats::Format;
    let name = match s.format()? {
        Format::Currency => "Currency",
        Format::CurrencyLower => "CurrencyLower",
        Format::Date => "Date",
        Format::Url => "Url",
        Format::Email => "Email",
        Format::Timestamp => "Timestamp",
        Format::Duration => "Duration",
    };
    Some(rust_name(name))
}

/// A decimal from a spec value (a number, or a string as decimals are
/// sent), as an `rt::Decimal` expression.
fn decimal_literal(v: &serde_json::Value) -> Option<Code> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    crate::lang::decimal_parts(&text).map(decimal_tokens)
}

fn decimal_tokens((mantissa, scale): (i64, u32)) -> Code {
    let (m, s) = (
        Literal::i64_unsuffixed(mantissa),
        Literal::u32_unsuffixed(scale),
    );
    code!(rt::Decimal::new(#m, #s))
}

#[cfg(all(test, feature = "format"))]
mod tests;
