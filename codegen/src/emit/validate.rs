//! Validator bodies: constraint checks on request values.
//!
//! Every check calls the hand-written runtime (`rt::Violations`), so the
//! generated code states *which* rules apply and the runtime says *how*.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::ctx::{alias_validator, named_has_checks, Ctx};
use super::moved::{self, Moved};
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
    let checks = moved::all(fields.iter().map(|f| {
        if let Some(call) = field_call(f) {
            return call;
        }
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
        let body = Moved::new(body);
        let inner = Moved::new(quote! {
            #bind
            let path = path.field(#wire);
            #body
        });
        if needs_label {
            quote!('field: { #inner })
        } else {
            quote!({ #inner })
        }
    }));
    let rules = moved::all(rules.iter().map(|r| rule(r, fields, patch)));
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
            let lit = Literal::i64_unsuffixed(*n);
            quote!(*value == #lit)
        }
        Test::JsonText(s) => quote!(value == #s),
        Test::JsonBool(b) => quote!(*value == #b),
        // A JSON value compares with every integer type: the suffix picks one.
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
        Test::Int(n) => {
            let lit = Literal::i64_unsuffixed(*n);
            quote!(*value != #lit)
        }
        Test::JsonInt(n) => {
            let lit = Literal::i64_suffixed(*n);
            quote!(*value != #lit)
        }
        Test::JsonBool(b) => quote!(*value != #b),
    }
}

fn opt_usize(v: Option<u64>) -> Option<TokenStream> {
    v.map(|n| {
        let lit = Literal::usize_unsuffixed(n as usize);
        quote!(Some(#lit))
    })
}

/// `rt::#ty { name: value, … }` with the members that are set, and
/// `..rt::#ty::NONE` for the others (none when every member is set).
fn named(ty: TokenStream, members: Vec<(&str, Option<TokenStream>)>) -> TokenStream {
    let all = members.len();
    let set: Vec<TokenStream> = members
        .into_iter()
        .filter_map(|(name, v)| {
            let name = format_ident!("{}", name);
            v.map(|v| quote!(#name: #v))
        })
        .collect();
    if set.len() == all {
        quote!(#ty { #(#set),* })
    } else {
        quote!(#ty { #(#set,)* ..#ty::NONE })
    }
}

/// The docs' messages of `c` for `rules`, as `rt::Messages`; `None` when
/// the docs give none of them.
fn messages(c: &Checks, rules: &[Constraint]) -> Option<TokenStream> {
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
            (r.name(), m.map(|m| quote!(Some(#m))))
        })
        .collect();
    Some(named(quote!(rt::Messages), members))
}

/// The rules of a text value of scalar type `s` as `&rt::TextRules {…}`,
/// with the `static` its pattern needs (named `pattern`); `None` when
/// nothing is checked.
fn text_rules(
    s: Scalar,
    c: &Checks,
    pattern: &proc_macro2::Ident,
) -> Option<(TokenStream, TokenStream)> {
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
        Some(p) => quote!(static #pattern: rt::Pattern = rt::Pattern::new(#p);),
        None => quote!(),
    };
    let allowed = (!c.allowed.is_empty()).then(|| {
        let vals = c.allowed.iter().filter_map(|v| v.as_str());
        quote!(&[#(#vals),*])
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
        quote!(rt::TextRules),
        vec![
            ("min_length", opt_usize(c.min_length)),
            ("max_length", opt_usize(c.max_length)),
            (
                "pattern",
                c.pattern.as_ref().map(|_| quote!(Some(&#pattern))),
            ),
            ("format", format.map(|f| quote!(Some(rt::Format::#f)))),
            ("allowed", allowed),
            ("messages", msgs),
        ],
    );
    Some((statics, quote!(&#rules)))
}

/// The rules of a number or boolean of type `ty` as `&rt::IntRules {…}`
/// (or `DecimalRules`, `BoolRules`); `None` when nothing is checked.
fn value_rules(ty: &RustTy, c: &Checks) -> Option<TokenStream> {
    let RustTy::Scalar(s) = ty else { return None };
    let (rules_ty, min, max, allowed) = if s.is_integral() {
        let num = |v: &Option<String>| {
            let n = v.as_deref()?.parse::<i64>().ok()?;
            let lit = Literal::i64_unsuffixed(n);
            Some(quote!(Some(#lit)))
        };
        let vals = c
            .allowed
            .iter()
            .filter_map(|v| v.as_i64())
            .map(Literal::i64_unsuffixed);
        (
            quote!(rt::IntRules),
            num(&c.minimum),
            num(&c.maximum),
            quote!(&[#(#vals),*]),
        )
    } else if s.is_decimal() {
        let num = |v: &Option<String>| {
            let d = decimal_tokens(crate::lang::decimal_parts(v.as_deref()?)?);
            Some(quote!(Some(#d)))
        };
        let vals = c.allowed.iter().filter_map(decimal_literal);
        (
            quote!(rt::DecimalRules),
            num(&c.minimum),
            num(&c.maximum),
            quote!(&[#(#vals),*]),
        )
    } else if *s == Scalar::Boolean {
        let vals = c.allowed.iter().filter_map(|v| v.as_bool());
        (quote!(rt::BoolRules), None, None, quote!(&[#(#vals),*]))
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
    Some(quote!(&#rules))
}

/// A field's checks as one call, when its type is a scalar: the runtime
/// reads the value from the field whether it is required, optional or a
/// patch, and builds the field's path only for a violation.
fn field_call(f: &Field) -> Option<TokenStream> {
    let RustTy::Scalar(s) = &f.ty else {
        return None;
    };
    let ident = format_ident!("{}", f.ident);
    let wire = &f.wire;
    if s.is_textual() {
        let name = f.ident.trim_start_matches("r#").to_uppercase();
        let pattern = format_ident!("{}_PATTERN", name);
        let (statics, rules) = text_rules(*s, &f.checks, &pattern)?;
        return Some(quote! {
            #statics
            violations.text(path, #wire, &self.#ident, #rules);
        });
    }
    let rules = value_rules(&f.ty, &f.checks)?;
    Some(quote!(violations.value(path, #wire, &self.#ident, #rules);))
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
    match ty {
        RustTy::Scalar(s) if s.is_textual() => {
            if let Some((statics, rules)) = text_rules(*s, c, &format_ident!("PATTERN")) {
                let text = if secret {
                    quote!(#value.expose())
                } else {
                    quote!(#value.as_str())
                };
                let shown = !secret;
                out.push(quote!(#statics violations.text_at(&#path, #text, #shown, #rules);));
            }
        }
        RustTy::Scalar(_) => {
            if let Some(rules) = value_rules(ty, c) {
                out.push(quote!(violations.value_at(&#path, *#value, #rules);));
            }
        }
        RustTy::Named(_, NamedKind::Enum, _) if !c.allowed.is_empty() => {
            let vals = c.allowed.iter().filter_map(|v| v.as_str());
            let msgs = messages(c, &[Constraint::Allowed]);
            let rules = named(
                quote!(rt::TextRules),
                vec![("allowed", Some(quote!(&[#(#vals),*]))), ("messages", msgs)],
            );
            out.push(quote!(violations.text_at(&#path, #value.as_str(), true, &#rules);));
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

/// The item rules of a list: its count and, with `unique_by`, that no two
/// items share the member.
fn list_rules(c: &Checks, value: &TokenStream, path: &TokenStream) -> TokenStream {
    let unique = c.unique_by.as_ref().map(|k| {
        let ident = format_ident!("{}", k.ident);
        let wire = &k.wire;
        let key = if k.required {
            quote!(Some(&item.#ident))
        } else {
            quote!(item.#ident.as_ref())
        };
        let msg = match c.message(Constraint::UniqueBy) {
            Some(m) => quote!(Some(#m)),
            None => quote!(None),
        };
        quote!(violations.unique_by(&#path, #value.as_slice(), #wire, |item| #key, #msg);)
    });
    if c.min_items.is_none() && c.max_items.is_none() {
        return quote!(#unique);
    }
    let msgs = messages(c, &[Constraint::MinItems, Constraint::MaxItems]);
    let rules = named(
        quote!(rt::ItemRules),
        vec![
            ("min_items", opt_usize(c.min_items)),
            ("max_items", opt_usize(c.max_items)),
            ("messages", msgs),
        ],
    );
    quote!(violations.items(&#path, #value.len(), &#rules); #unique)
}

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
    let msgs = messages(
        c,
        &[
            Constraint::MaxEntries,
            Constraint::MaxKeyLength,
            Constraint::MaxValueLength,
            Constraint::ScalarValues,
        ],
    );
    let scalar = c.scalar_values.then(|| quote!(true));
    let rules = named(
        quote!(rt::MapRules),
        vec![
            ("max_entries", opt_usize(c.max_entries)),
            ("max_key_length", opt_usize(c.max_key_length)),
            ("max_value_length", opt_usize(c.max_value_length)),
            ("scalar_values", scalar),
            ("messages", msgs),
        ],
    );
    let rules = quote!(&#rules);
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
        Literal::i64_unsuffixed(mantissa),
        Literal::u32_unsuffixed(scale),
    );
    quote!(rt::Decimal::new(#m, #s))
}

#[cfg(all(test, feature = "format"))]
mod tests;
