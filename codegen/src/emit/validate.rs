//! Validator bodies: constraint checks on request values.
//!
//! Every check calls the hand-written runtime (`rt::Violations`), so the
//! generated code states *which* rules apply and the runtime says *how*.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{alias_validator, named_has_checks, Ctx};
use super::rust_types::is_secret;
use crate::lang::{Constraint, Scalar};
use crate::model::{
    Checks, Cond, Field, Group, GroupRule, NamedKind, Presence, Rule, RustTy, Test, WhenRule,
};

/// Parameter names of a validator: `_`-prefixed when the body is empty.
pub(crate) fn param_names(empty: bool) -> (TokenStream, TokenStream) {
    if empty {
        (quote!(_path), quote!(_violations))
    } else {
        (quote!(path), quote!(violations))
    }
}

/// Checks of every field of a struct plus its cross-field rules. `patch`
/// says whether clearable fields are `rt::Patch` (requests) or `Option`.
pub(crate) fn fields_body(
    fields: &[Field],
    rules: &[Rule],
    patch: bool,
    ctx: &Ctx<'_>,
) -> TokenStream {
    let checks = fields.iter().map(|f| {
        let value = quote!(value);
        let path = quote!(path);
        let secret = is_secret(f);
        let body = value_checks(&f.ty, &f.checks, secret, &value, &path, ctx);
        if body.is_empty() {
            return quote!();
        }
        let ident = format_ident!("{}", f.ident);
        let wire = &f.wire;
        let bind = match (f.presence, patch) {
            (Presence::Required, _) => quote!(let value = &self.#ident;),
            (Presence::Clearable, true) => {
                quote!(let rt::Patch::Set(value) = &self.#ident else { break 'field };)
            }
            _ => quote!(let Some(value) = &self.#ident else { break 'field };),
        };
        let needs_label = f.presence != Presence::Required;
        let inner = quote! {
            #bind
            let path = path.field(#wire);
            #body
        };
        if needs_label {
            quote!('field: { #inner })
        } else {
            quote!({ #inner })
        }
    });
    let rules = rules.iter().map(|r| rule(r, fields, patch));
    let out = quote!(#(#checks)* #(#rules)*);
    if out.is_empty() {
        quote!()
    } else {
        out
    }
}

/// One cross-field rule (its field indexes come from the model, which
/// built them from these `fields`).
fn rule(r: &Rule, fields: &[Field], patch: bool) -> TokenStream {
    match r {
        Rule::When(w) => when_rule(w, fields, patch),
        Rule::Group(g) => group_rule(g, fields, patch),
    }
}

/// Whether the field `f` of `self` is set.
fn is_set(f: &Field, patch: bool) -> TokenStream {
    let id = format_ident!("{}", f.ident);
    match (f.presence, patch) {
        (Presence::Required, _) => quote!(true),
        (Presence::Clearable, true) => quote!(matches!(self.#id, rt::Patch::Set(_))),
        _ => quote!(self.#id.is_some()),
    }
}

fn when_rule(r: &WhenRule, fields: &[Field], patch: bool) -> TokenStream {
    let Some(when) = fields.get(r.when) else {
        return quote!();
    };
    let message = &r.message;
    let requires = r.require.iter().filter_map(|&i| {
        let f = fields.get(i)?;
        let (wire, set) = (&f.wire, is_set(f, patch));
        Some(quote!(violations.required_by(&path.field(#wire), #set, #message);))
    });
    let forbids = r.forbid.iter().filter_map(|&i| {
        let f = fields.get(i)?;
        let (wire, set) = (&f.wire, is_set(f, patch));
        Some(quote!(violations.forbidden_by(&path.field(#wire), #set, #message);))
    });
    let effects = quote!(#(#requires)* #(#forbids)*);
    let any = |tests: &[(Test, serde_json::Value)]| {
        let cmps = tests.iter().map(|(t, _)| test(t));
        quote!(#(#cmps)||*)
    };
    let cmp = match &r.cond {
        Cond::Present => None,
        Cond::In(tests) => Some(any(tests)),
        Cond::NotIn(tests) => {
            let cmps = tests.iter().map(|(t, _)| test_not(t));
            Some(quote!(#(#cmps)&&*))
        }
    };
    let when_ident = format_ident!("{}", when.ident);
    match (cmp, when.presence, patch) {
        (None, Presence::Required, _) => quote!({ #effects }),
        (None, _, _) => {
            let set = is_set(when, patch);
            quote!(if #set { #effects })
        }
        // A required field is always there: compare it directly.
        (Some(cmp), Presence::Required, _) => quote! {
            {
                let value = &self.#when_ident;
                if #cmp {
                    #effects
                }
            }
        },
        (Some(cmp), Presence::Clearable, true) => quote! {
            if self.#when_ident.as_set().is_some_and(|value| #cmp) {
                #effects
            }
        },
        (Some(cmp), _, _) => quote! {
            if self.#when_ident.as_ref().is_some_and(|value| #cmp) {
                #effects
            }
        },
    }
}

fn group_rule(r: &GroupRule, fields: &[Field], patch: bool) -> TokenStream {
    let rule = match r.kind {
        Group::AtLeastOneOf => quote!(AtLeastOneOf),
        Group::ExactlyOneOf => quote!(ExactlyOneOf),
        Group::MutuallyExclusive => quote!(MutuallyExclusive),
    };
    let sets = r
        .fields
        .iter()
        .filter_map(|&i| fields.get(i))
        .map(|f| is_set(f, patch));
    let message = &r.message;
    quote! {
        violations.group(
            path,
            rt::Rule::#rule,
            [#(#sets),*].into_iter().filter(|set| *set).count(),
            #message,
        );
    }
}

/// The comparison of `value: &T` a rule makes.
fn test(t: &Test) -> TokenStream {
    match t {
        Test::Decimal(m, s) => {
            let d = decimal_tokens((*m, *s));
            quote!(*value == #d)
        }
        Test::Enum(s) => quote!(value.as_str() == #s),
        Test::SecretText(s) => quote!(value.expose() == #s),
        Test::Text(s) => quote!(value == #s),
        Test::Bool(true) => quote!(*value),
        Test::Bool(false) => quote!(!*value),
        Test::Int(n) => {
            let lit = Literal::i64_suffixed(*n);
            quote!(*value == #lit)
        }
        Test::JsonText(s) => quote!(value == #s),
        Test::JsonBool(b) => quote!(*value == #b),
        Test::JsonInt(n) => {
            let lit = Literal::i64_suffixed(*n);
            quote!(*value == #lit)
        }
    }
}

/// The negation of [`test`], written as clippy wants it (`!=`, not `!(==)`).
fn test_not(t: &Test) -> TokenStream {
    match t {
        Test::Decimal(m, s) => {
            let d = decimal_tokens((*m, *s));
            quote!(*value != #d)
        }
        Test::Enum(s) => quote!(value.as_str() != #s),
        Test::SecretText(s) => quote!(value.expose() != #s),
        Test::Text(s) | Test::JsonText(s) => quote!(value != #s),
        Test::Bool(true) => quote!(!*value),
        Test::Bool(false) => quote!(*value),
        Test::Int(n) | Test::JsonInt(n) => {
            let lit = Literal::i64_suffixed(*n);
            quote!(*value != #lit)
        }
        Test::JsonBool(b) => quote!(*value != #b),
    }
}

fn opt_usize(v: Option<u64>) -> TokenStream {
    match v {
        Some(n) => {
            let lit = Literal::usize_unsuffixed(n as usize);
            quote!(Some(#lit))
        }
        None => quote!(None),
    }
}

fn opt_msg(m: Option<&str>) -> TokenStream {
    match m {
        Some(m) => quote!(Some(#m)),
        None => quote!(None),
    }
}

/// Checks of a value `value: &T` of type `ty` at `path`.
pub(crate) fn value_checks(
    ty: &RustTy,
    c: &Checks,
    secret: bool,
    value: &TokenStream,
    path: &TokenStream,
    ctx: &Ctx<'_>,
) -> TokenStream {
    let mut out = Vec::new();
    let msg = |rule: Constraint| opt_msg(c.message(rule));
    match ty {
        RustTy::Scalar(s) if s.is_textual() => {
            let text = if secret {
                quote!(#value.expose())
            } else {
                quote!(#value.as_str())
            };
            if c.min_length.is_some() || c.max_length.is_some() {
                let (min, max) = (opt_usize(c.min_length), opt_usize(c.max_length));
                let (m1, m2) = (msg(Constraint::MinLength), msg(Constraint::MaxLength));
                out.push(quote!(violations.length(&#path, #text, #min, #max, [#m1, #m2]);));
            }
            if let Some(p) = &c.pattern {
                let anchored = crate::lang::anchored_pattern(p);
                let m = msg(Constraint::Pattern);
                out.push(quote! {
                    static PATTERN: std::sync::LazyLock<Option<rt::Regex>> =
                        std::sync::LazyLock::new(|| rt::Regex::new(#anchored).ok());
                    violations.pattern(&#path, #text, PATTERN.as_ref(), #p, #m);
                });
            }
            if let Some(format) = format_of(*s) {
                out.push(quote!(violations.format(&#path, #text, rt::Format::#format);));
            }
            if !c.allowed.is_empty() {
                let vals = c.allowed.iter().filter_map(|v| v.as_str());
                let m = msg(Constraint::Allowed);
                out.push(if secret {
                    // The message must not repeat a sensitive value.
                    quote!(violations.allowed_secret(&#path, #text, &[#(#vals),*], #m);)
                } else {
                    quote!(violations.allowed(&#path, &#text, &[#(#vals),*], #m);)
                });
            }
        }
        RustTy::Scalar(s) if s.is_integral() => {
            let num = |v: &Option<String>| match v.as_deref().and_then(|n| n.parse::<i64>().ok()) {
                Some(n) => {
                    let lit = Literal::i64_suffixed(n);
                    quote!(Some(#lit))
                }
                None => quote!(None),
            };
            if c.minimum.is_some() || c.maximum.is_some() {
                let (min, max) = (num(&c.minimum), num(&c.maximum));
                let (m1, m2) = (msg(Constraint::Minimum), msg(Constraint::Maximum));
                out.push(quote!(violations.range(&#path, *#value, #min, #max, [#m1, #m2]);));
            }
            if !c.allowed.is_empty() {
                let vals = c
                    .allowed
                    .iter()
                    .filter_map(|v| v.as_i64())
                    .map(Literal::i64_suffixed);
                let m = msg(Constraint::Allowed);
                out.push(quote!(violations.allowed(&#path, #value, &[#(#vals),*], #m);));
            }
        }
        RustTy::Scalar(s) if s.is_decimal() => {
            let num = |v: &Option<String>| match v
                .as_deref()
                .and_then(crate::lang::decimal_parts)
                .map(decimal_tokens)
            {
                Some(d) => quote!(Some(#d)),
                None => quote!(None),
            };
            if c.minimum.is_some() || c.maximum.is_some() {
                let (min, max) = (num(&c.minimum), num(&c.maximum));
                let (m1, m2) = (msg(Constraint::Minimum), msg(Constraint::Maximum));
                out.push(quote!(violations.range(&#path, *#value, #min, #max, [#m1, #m2]);));
            }
            if !c.allowed.is_empty() {
                let vals = c.allowed.iter().filter_map(decimal_literal);
                let m = msg(Constraint::Allowed);
                out.push(quote!(violations.allowed(&#path, #value, &[#(#vals),*], #m);));
            }
        }
        RustTy::Scalar(Scalar::Boolean) if !c.allowed.is_empty() => {
            let vals = c.allowed.iter().filter_map(|v| v.as_bool());
            let m = msg(Constraint::Allowed);
            out.push(quote!(violations.allowed(&#path, #value, &[#(#vals),*], #m);));
        }
        RustTy::Named(_, NamedKind::Enum, _) if !c.allowed.is_empty() => {
            let vals = c.allowed.iter().filter_map(|v| v.as_str());
            let m = msg(Constraint::Allowed);
            out.push(quote!(violations.allowed(&#path, &#value.as_str(), &[#(#vals),*], #m);));
        }
        RustTy::List(item) => {
            out.push(list_rules(c, value, path));
            let inner = value_checks(
                item,
                &Checks::default(),
                false,
                &quote!(item),
                &quote!(path),
                ctx,
            );
            if !inner.is_empty() {
                out.push(quote! {
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
                &quote!(item),
                &quote!(path),
                ctx,
            );
            if !inner.is_empty() {
                out.push(quote! {
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
                out.push(quote!(#func(#value, &#path, violations);));
            }
        }
        RustTy::Named(name, NamedKind::Object, _)
            if named_has_checks(name, NamedKind::Object, ctx) =>
        {
            out.push(quote!(#value.validate_into(&#path, violations);));
        }
        _ => {}
    }
    let out: Vec<TokenStream> = out.into_iter().filter(|t| !t.is_empty()).collect();
    quote!(#(#out)*)
}

/// The item count rule of a list, if it has one.
fn list_rules(c: &Checks, value: &TokenStream, path: &TokenStream) -> TokenStream {
    if c.min_items.is_none() && c.max_items.is_none() {
        return quote!();
    }
    let (min, max) = (opt_usize(c.min_items), opt_usize(c.max_items));
    let (m1, m2) = (
        opt_msg(c.message(Constraint::MinItems)),
        opt_msg(c.message(Constraint::MaxItems)),
    );
    quote!(violations.items(&#path, #value.len(), #min, #max, [#m1, #m2]);)
}

/// The map rules of a map, if it has any.
/// The map rules of a map whose values are `item`. Values the runtime can
/// measure (scalars) go through `Violations::map`; maps of other values
/// can only have their entries and keys checked (the checker refuses value
/// rules on them).
fn map_rules(c: &Checks, value: &TokenStream, path: &TokenStream, item: &RustTy) -> TokenStream {
    if c.max_entries.is_none()
        && c.max_key_length.is_none()
        && c.max_value_length.is_none()
        && !c.scalar_values
    {
        return quote!();
    }
    let (e, k, v) = (
        opt_usize(c.max_entries),
        opt_usize(c.max_key_length),
        opt_usize(c.max_value_length),
    );
    let s = c.scalar_values;
    let msgs = [
        Constraint::MaxEntries,
        Constraint::MaxKeyLength,
        Constraint::MaxValueLength,
        Constraint::ScalarValues,
    ]
    .map(|rule| opt_msg(c.message(rule)));
    let rules = quote! {
        &rt::MapRules {
            max_entries: #e,
            max_key_length: #k,
            max_value_length: #v,
            scalar_values: #s,
            messages: [#(#msgs),*],
        }
    };
    if matches!(item, RustTy::Scalar(_) | RustTy::AnyScalar) {
        quote!(violations.map(&#path, #value.iter(), #rules);)
    } else {
        quote!(violations.map_keys(&#path, #value.keys(), #rules);)
    }
}

fn format_of(s: Scalar) -> Option<proc_macro2::Ident> {
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
    Some(format_ident!("{}", name))
}

/// A decimal from a spec value (a number, or a string as decimals are
/// sent), as an `rt::Decimal` expression.
fn decimal_literal(v: &serde_json::Value) -> Option<TokenStream> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    crate::lang::decimal_parts(&text).map(decimal_tokens)
}

fn decimal_tokens((mantissa, scale): (i64, u32)) -> TokenStream {
    let (m, s) = (
        Literal::i64_suffixed(mantissa),
        Literal::u32_suffixed(scale),
    );
    quote!(rt::Decimal::new(#m, #s))
}

#[cfg(test)]
mod tests;
