//! Comparing fields (of objects, request bodies, path parameters, headers,
//! relationships) and enum values. Constraints are in `constraints`, rename
//! and move hints in `hints`.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use crate::lang::{Lenient, Scalar};
use crate::load::model::SpecFile;
use crate::load::model::{Constraints, EnumValue, Field, Header, Relationship, Request};
use crate::model::{Decode, RustTy};

use super::constraints::{constraints, rules};
use super::hints::{keyed_diff, rename_hints};

use super::collect::{show, At, Collector};
use super::{Direction, Kind};

/// What the diff compares of a field, a header or a relationship.
#[derive(Debug, Clone, Default)]
pub(super) struct View<'a> {
    /// The type as the spec writes it, for messages.
    ty: String,
    /// The Rust type callers hold (`url` and `string` are both `String`).
    rust_ty: String,
    /// The format a request checks in the value, per element (`Vec<url>`).
    format: Option<String>,
    /// How decimals in the value are written in a JSON request (`number`
    /// or `string`), when it holds any.
    wire: Option<String>,
    /// Held in a `Box` (the object is on a type cycle).
    boxed: bool,
    /// A field's `const`: its setter takes no argument.
    fixed: Option<String>,
    required: bool,
    nullable: bool,
    response_only: bool,
    sensitive: bool,
    lenient: BTreeSet<&'static str>,
    default: Option<String>,
    /// The Rust name callers use: `rust_name`, or the default from the
    /// wire name (writing out the default changes nothing).
    ident: Option<String>,
    rust_name: Option<&'a str>,
    constant: Option<&'a str>,
    description: Option<&'a str>,
    decision: Option<&'a str>,
    example: Option<String>,
    validation: Option<&'a Constraints>,
}

impl<'a> View<'a> {
    /// A field of `spec`, compared through its lowered model: the Rust
    /// name, the Rust type, the formats a request checks and the response
    /// decoding are the model's, decided where the generator decides them.
    pub(super) fn field(spec: &SpecFile, wire: &str, f: &'a Field) -> Self {
        let lowered = crate::model::lower_field(spec, wire, f);
        View {
            ty: match &f.items {
                Some(items) => format!("{} of {items}", f.ty),
                None => f.ty.clone(),
            },
            rust_ty: rust_shape(&lowered.ty),
            format: format_shape(&lowered.ty),
            wire: wire_shape(&lowered.ty),
            fixed: f.constant.as_ref().map(show),
            ident: Some(lowered.ident.clone()),
            required: f.required,
            nullable: f.nullable,
            response_only: f.response_only,
            sensitive: f.sensitive,
            lenient: leniency(lowered.decode),
            default: f.default.as_ref().map(show),
            rust_name: f.rust_name.as_deref(),
            description: f.description.as_deref(),
            decision: f.decision.as_deref(),
            example: f.example.as_ref().map(show),
            validation: Some(&f.validation),
            ..View::default()
        }
    }

    pub(super) fn header(wire: &str, h: &'a Header) -> Self {
        View {
            ty: "string".into(),
            rust_ty: "String".into(),
            ident: Some(crate::model::header_name(wire, h)),
            required: h.required,
            sensitive: h.sensitive,
            rust_name: h.rust_name.as_deref(),
            constant: h.constant.as_deref(),
            description: h.description.as_deref(),
            example: h.example.clone(),
            ..View::default()
        }
    }

    fn relationship(r: &'a Relationship) -> Self {
        let ty = format!("relationship to `{}`", r.resource);
        View {
            rust_ty: ty.clone(),
            ty,
            required: r.required,
            description: r.description.as_deref(),
            decision: r.decision.as_deref(),
            ..View::default()
        }
    }

    fn presence(&self, side: Direction) -> Presence {
        match side {
            Direction::Request if self.nullable => Presence::Clearable,
            _ if self.required && !self.nullable => Presence::Required,
            _ => Presence::Optional,
        }
    }

    fn describe(&self, side: Direction) -> String {
        let presence = match self.presence(side) {
            Presence::Required => "required",
            Presence::Optional => "optional",
            Presence::Clearable => "optional, clearable",
        };
        format!("{}, {presence}", self.ty)
    }
}

/// The views of a map of fields of `spec`.
pub(super) fn field_views<'a>(
    spec: &SpecFile,
    map: &'a IndexMap<String, Field>,
) -> Vec<(String, View<'a>)> {
    map.iter()
        .map(|(k, f)| (k.clone(), View::field(spec, k, f)))
        .collect()
}

/// Marks the views of the fields of object `ty` that `boxed` lists.
pub(super) fn mark_boxed(
    views: &mut [(String, View<'_>)],
    ty: &str,
    boxed: &BTreeSet<(String, String)>,
) {
    for (wire, view) in views {
        view.boxed = boxed.contains(&(ty.to_string(), wire.clone()));
    }
}

/// The views of a map of headers.
pub(super) fn header_views(map: &IndexMap<String, Header>) -> Vec<(String, View<'_>)> {
    map.iter()
        .map(|(k, h)| (k.clone(), View::header(k, h)))
        .collect()
}

fn relationship_views(map: &IndexMap<String, Relationship>) -> Vec<(String, View<'_>)> {
    map.iter()
        .map(|(k, r)| (k.clone(), View::relationship(r)))
        .collect()
}

/// How a field is present, as the generated code sees it on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Presence {
    Required,
    Optional,
    Clearable,
}

/// One keyed collection of fields on one side: removed, added, changed.
pub(super) fn container(
    c: &mut Collector,
    side: Direction,
    at: &At,
    old: &[(String, View<'_>)],
    new: &[(String, View<'_>)],
) {
    let entries = |list: &[(String, View<'_>)]| -> Vec<(String, Option<String>)> {
        list.iter()
            .map(|(k, v)| (k.clone(), v.description.map(str::to_string)))
            .collect()
    };
    let (removed, added) = keyed_diff(&entries(old), &entries(new));
    let (to, from) = rename_hints(&removed, &added);
    let find = |list: &'_ [(String, View<'_>)], name: &str| -> Option<usize> {
        list.iter().position(|(k, _)| k == name)
    };
    for (name, _) in &removed {
        let Some(i) = find(old, name) else { continue };
        let (v, fat) = (&old[i].1, at.field(name));
        let pushed = match v.constant {
            Some(k) => {
                let d = format!("`{name}` (always `{k}`) no longer sent");
                c.push(Kind::HeaderValueChanged, side, &fat, d)
            }
            None => {
                let d = format!("`{name}` removed (was {})", v.describe(side));
                c.push(Kind::FieldRemoved, side, &fat, d)
            }
        };
        if let Some(ch) = pushed {
            ch.hint = to.get(name).cloned();
        }
    }
    for (name, _) in &added {
        let Some(i) = find(new, name) else { continue };
        let (v, fat) = (&new[i].1, at.field(name));
        let pushed = match v.constant {
            Some(k) => {
                let d = format!("`{name}` now always sent as `{k}`");
                c.push(Kind::HeaderValueChanged, side, &fat, d)
            }
            None => {
                let kind = match v.presence(side) {
                    Presence::Required => Kind::FieldAddedRequired,
                    _ => Kind::FieldAddedOptional,
                };
                c.push(
                    kind,
                    side,
                    &fat,
                    format!("`{name}` added ({})", v.describe(side)),
                )
            }
        };
        if let Some(ch) = pushed {
            ch.hint = from.get(name).cloned();
        }
    }
    for (name, o) in old {
        if let Some(i) = find(new, name) {
            field(c, side, &at.field(name), o, &new[i].1);
        }
    }
}

/// The Rust type callers hold, as text to compare (`url` and `string` are
/// both `String`).
fn rust_shape(ty: &RustTy) -> String {
    match ty {
        RustTy::Scalar(s) => s.rust().name().to_string(),
        RustTy::AnyScalar => "scalar".into(),
        RustTy::List(i) => format!("Vec<{}>", rust_shape(i)),
        RustTy::Map(i) => format!("IndexMap<String, {}>", rust_shape(i)),
        RustTy::Expandable(i) => format!("Expandable<{}>", rust_shape(i)),
        RustTy::Open(i) => format!("Open<{}>", rust_shape(i)),
        RustTy::Named(n, _, _) => n.clone(),
    }
}

/// The formats a request checks in a value of `ty`, as text to compare
/// (`Vec<url>`); `None` when there is none.
fn format_shape(ty: &RustTy) -> Option<String> {
    match ty {
        RustTy::Scalar(s) => s.format().map(|_| s.name().to_string()),
        RustTy::List(i) => format_shape(i).map(|f| format!("Vec<{f}>")),
        RustTy::Map(i) => format_shape(i).map(|f| format!("IndexMap<{f}>")),
        RustTy::AnyScalar | RustTy::Expandable(_) | RustTy::Open(_) | RustTy::Named(..) => None,
    }
}

/// How a JSON request writes the decimals in a value of `ty`.
fn wire_shape(ty: &RustTy) -> Option<String> {
    match ty {
        RustTy::Scalar(Scalar::Decimal) => Some("a JSON number".into()),
        RustTy::Scalar(Scalar::DecimalString) => Some("a JSON string".into()),
        RustTy::List(i) | RustTy::Map(i) => wire_shape(i),
        _ => None,
    }
}

/// What response decoding forgives, as the leniency names a field's
/// decoder amounts to (a decimal always reads a quoted value).
fn leniency(d: Decode) -> BTreeSet<&'static str> {
    let l = match d {
        Decode::Plain => None,
        Decode::EmptyArray => Some(Lenient::EmptyArray),
        Decode::Decimal | Decode::QuotedI64 | Decode::QuotedBool => Some(Lenient::Quoted),
        Decode::UnquotedString => Some(Lenient::Unquoted),
    };
    l.map(Lenient::name).into_iter().collect()
}

/// One field present on both sides.
fn field(c: &mut Collector, side: Direction, at: &At, o: &View<'_>, n: &View<'_>) {
    if o.rust_ty != n.rust_ty {
        let d = format!("type `{}` → `{}`", o.ty, n.ty);
        c.push(Kind::TypeChanged, side, at, d);
    } else if o.fixed != n.fixed {
        let show = |v: &Option<String>| match v {
            Some(v) => format!("takes no argument and sends `{v}`"),
            None => "takes the value".to_string(),
        };
        let d = format!("its setter {} (was: {})", show(&n.fixed), show(&o.fixed));
        c.push(Kind::TypeChanged, side, at, d);
    } else if o.boxed != n.boxed {
        let d = if n.boxed {
            format!(
                "`{}` is now held in a `Box` (its type is on a cycle)",
                n.rust_ty
            )
        } else {
            format!("`{}` is no longer held in a `Box`", n.rust_ty)
        };
        c.push(Kind::TypeChanged, side, at, d);
    } else {
        if o.ty != n.ty {
            format_change(c, side, at, o, n);
        }
        if side == Direction::Request && o.wire != n.wire {
            let show = |w: &Option<String>| w.clone().unwrap_or_else(|| "-".into());
            let d = format!(
                "type `{}` → `{}`: in a JSON body, decimals go as {} instead of {}",
                o.ty,
                n.ty,
                show(&n.wire),
                show(&o.wire)
            );
            c.push(Kind::EncodingChanged, side, at, d);
        }
        if let (Some(ov), Some(nv)) = (o.validation, n.validation) {
            constraints(c, side, at, ov, nv);
        }
        lenient(c, side, at, o, n);
    }
    if o.constant != n.constant {
        let d = format!(
            "fixed value `{}` → `{}`",
            o.constant.unwrap_or("none"),
            n.constant.unwrap_or("none")
        );
        c.push(Kind::HeaderValueChanged, side, at, d);
    } else if o.constant.is_none() {
        presence(c, side, at, o, n);
    }
    let flag = |b: bool| if b { "true" } else { "false" };
    if o.response_only != n.response_only {
        let kind = if n.response_only {
            Kind::FieldNowResponseOnly
        } else {
            Kind::FieldNoLongerResponseOnly
        };
        let d = format!(
            "`response_only` {} → {}",
            flag(o.response_only),
            flag(n.response_only)
        );
        c.push(kind, side, at, d);
    }
    if o.sensitive != n.sensitive {
        let d = format!("`sensitive` {} → {}", flag(o.sensitive), flag(n.sensitive));
        c.push(Kind::FieldSensitivityChanged, side, at, d);
    }
    if o.ident != n.ident {
        let d = format!(
            "`rust_name` `{}` → `{}`",
            o.ident.as_deref().unwrap_or("(none)"),
            n.ident.as_deref().unwrap_or("(none)")
        );
        c.push(Kind::RustNameChanged, side, at, d);
    } else if o.rust_name != n.rust_name {
        let docs = [("rust_name", o.rust_name, n.rust_name)];
        c.docs(side, at, &docs);
    }
    let default_docs = match (&o.default, &n.default) {
        (Some(a), Some(b)) if a != b => {
            c.push(
                Kind::DefaultChanged,
                side,
                at,
                format!("default `{a}` → `{b}`"),
            );
            None
        }
        (Some(_), Some(_)) => None,
        (a, b) => Some(("default", a.as_deref(), b.as_deref())),
    };
    let mut docs = vec![
        ("description", o.description, n.description),
        ("decision", o.decision, n.decision),
        ("example", o.example.as_deref(), n.example.as_deref()),
    ];
    docs.extend(default_docs);
    c.docs(side, at, &docs);
}

/// Two spec types held in one Rust type (`string` → `url`): callers'
/// code is unchanged, and only the format a request checks may differ.
fn format_change(c: &mut Collector, side: Direction, at: &At, o: &View<'_>, n: &View<'_>) {
    let kind = match (&o.format, &n.format) {
        (a, b) if side != Direction::Request || a == b => {
            let docs = [("type", Some(o.ty.as_str()), Some(n.ty.as_str()))];
            c.docs(side, at, &docs);
            return;
        }
        (None, Some(_)) => Kind::ConstraintTightened,
        (Some(_), None) => Kind::ConstraintLoosened,
        _ => Kind::ConstraintChanged,
    };
    let d = format!(
        "type `{}` → `{}` (both `{}` in Rust; the format a request must have changed)",
        o.ty, n.ty, n.rust_ty
    );
    c.push(kind, side, at, d);
}

fn presence(c: &mut Collector, side: Direction, at: &At, o: &View<'_>, n: &View<'_>) {
    let (op, np) = (o.presence(side), n.presence(side));
    let kind = match (op, np) {
        (a, b) if a == b => return,
        (_, Presence::Required) => Kind::FieldNowRequired,
        (Presence::Required, _) => Kind::FieldNowOptional,
        (_, Presence::Clearable) => Kind::FieldNowClearable,
        (_, _) => Kind::FieldNoLongerClearable,
    };
    let name = |p: Presence| match p {
        Presence::Required => "required",
        Presence::Optional => "optional",
        Presence::Clearable => "clearable (nullable)",
    };
    c.push(kind, side, at, format!("{} → {}", name(op), name(np)));
}

fn lenient(c: &mut Collector, side: Direction, at: &At, o: &View<'_>, n: &View<'_>) {
    let gone: Vec<&str> = o.lenient.difference(&n.lenient).copied().collect();
    let new: Vec<&str> = n.lenient.difference(&o.lenient).copied().collect();
    if !gone.is_empty() {
        let d = format!("`lenient` no longer accepts {}", gone.join(", "));
        c.push(Kind::LenientNarrowed, side, &at.key("lenient"), d);
    }
    if !new.is_empty() {
        let d = format!("`lenient` now accepts {}", new.join(", "));
        c.push(Kind::LenientWidened, side, &at.key("lenient"), d);
    }
}

/// The request body: fields, relationships, rules, rejects.
pub(super) fn request(c: &mut Collector, at: &At, old: Option<&Request>, new: Option<&Request>) {
    let side = Direction::Request;
    let (of, nf) = (old.map(|r| &r.fields), new.map(|r| &r.fields));
    let none = IndexMap::new();
    let fat = at.key("fields");
    container(
        c,
        side,
        &fat,
        &field_views(c.old, of.unwrap_or(&none)),
        &field_views(c.new, nf.unwrap_or(&none)),
    );
    let (orl, nrl) = (old.map(|r| &r.relationships), new.map(|r| &r.relationships));
    let none = IndexMap::new();
    let (orl, nrl) = (orl.unwrap_or(&none), nrl.unwrap_or(&none));
    let rat = at.key("relationships");
    container(
        c,
        side,
        &rat,
        &relationship_views(orl),
        &relationship_views(nrl),
    );
    let (or, nr) = (
        old.map(|r| r.rules.as_slice()),
        new.map(|r| r.rules.as_slice()),
    );
    rules(c, side, at, or.unwrap_or_default(), nr.unwrap_or_default());
    patches(c, at, old, new);
    let rejects = |r: Option<&Request>| -> Option<String> {
        let r = r?;
        let list: Vec<String> = r
            .rejects
            .iter()
            .map(|(k, v)| format!("{k}: {}", v.message.as_deref().unwrap_or("")))
            .collect();
        (!list.is_empty()).then(|| list.join("\n"))
    };
    let (orj, nrj) = (rejects(old), rejects(new));
    let od = old.and_then(|r| r.description.as_deref());
    let nd = new.and_then(|r| r.description.as_deref());
    c.docs(
        side,
        at,
        &[
            ("description", od, nd),
            ("rejects", orj.as_deref(), nrj.as_deref()),
        ],
    );
}

/// A JSON Patch request's table: the (operation, path) pairs each side
/// can build, the placeholders as fields, and the value of each path on
/// both sides as a field.
fn patches(c: &mut Collector, at: &At, old: Option<&Request>, new: Option<&Request>) {
    let side = Direction::Request;
    let none = IndexMap::new();
    let (op, np) = (
        old.map_or(&none, |r| &r.patch_params),
        new.map_or(&none, |r| &r.patch_params),
    );
    container(
        c,
        side,
        &at.key("patch_params"),
        &field_views(c.old, op),
        &field_views(c.new, np),
    );
    let none = IndexMap::new();
    let (ot, nt) = (
        old.map_or(&none, |r| &r.patches),
        new.map_or(&none, |r| &r.patches),
    );
    let pairs = |t: &IndexMap<String, crate::load::model::Patchable>| -> Vec<(String, String)> {
        t.iter()
            .flat_map(|(path, row)| {
                row.ops
                    .iter()
                    .map(move |o| (path.clone(), o.name().to_string()))
            })
            .collect()
    };
    let (opairs, npairs) = (pairs(ot), pairs(nt));
    let pat = at.key("patches");
    for (path, o) in opairs.iter().filter(|p| !npairs.contains(p)) {
        c.push(
            Kind::PatchRemoved,
            side,
            &pat.key(path),
            format!("`{o} {path}` removed"),
        );
    }
    for (path, o) in npairs.iter().filter(|p| !opairs.contains(p)) {
        c.push(
            Kind::PatchAdded,
            side,
            &pat.key(path),
            format!("`{o} {path}` added"),
        );
    }
    for (path, orow) in ot {
        let Some(nrow) = nt.get(path) else { continue };
        if let (Some(ov), Some(nv)) = (&orow.value, &nrow.value) {
            container(
                c,
                side,
                &pat.key(path),
                &[("value".to_string(), View::field(c.old, "value", ov))],
                &[("value".to_string(), View::field(c.new, "value", nv))],
            );
        }
        let (od, nd) = (orow.description.as_deref(), nrow.description.as_deref());
        c.docs(side, &pat.key(path), &[("description", od, nd)]);
    }
}

/// The values of an enum.
pub(super) fn enum_values(
    c: &mut Collector,
    side: Direction,
    at: &At,
    old: &[EnumValue],
    new: &[EnumValue],
) {
    let entries = |vals: &[EnumValue]| -> Vec<(String, Option<String>)> {
        vals.iter()
            .map(|v| (v.value.clone(), v.description.clone()))
            .collect()
    };
    let (removed, added) = keyed_diff(&entries(old), &entries(new));
    let (to, from) = rename_hints(&removed, &added);
    for (value, _) in &removed {
        let d = format!("value `{value}` removed");
        if let Some(ch) = c.push(Kind::EnumValueRemoved, side, &at.field(value), d) {
            ch.hint = to.get(value).cloned();
        }
    }
    for (value, _) in &added {
        let d = format!("value `{value}` added");
        if let Some(ch) = c.push(Kind::EnumValueAdded, side, &at.field(value), d) {
            ch.hint = from.get(value).cloned();
        }
    }
    for o in old {
        let Some(n) = new.iter().find(|n| n.value == o.value) else {
            continue;
        };
        let vat = at.field(&o.value);
        let (oi, ni) = (crate::model::variant_name(o), crate::model::variant_name(n));
        if oi != ni {
            let d = format!("`rust_name` `{oi}` → `{ni}`");
            c.push(Kind::RustNameChanged, side, &vat, d);
        } else if o.rust_name != n.rust_name {
            let docs = [("rust_name", o.rust_name.as_deref(), n.rust_name.as_deref())];
            c.docs(side, &vat, &docs);
        }
        let (od, nd) = (o.description.as_deref(), n.description.as_deref());
        c.docs(side, &vat, &[("description", od, nd)]);
    }
}
