//! Walking two specs side by side: providers, environments, auth and named
//! types. Operations are in `operations`; fields and enum values in
//! `fields`; constraints in `constraints`. Nothing here decides a severity:
//! every change goes through `Collector::push` (in `collect`), which looks it
//! up in the rules table.

use std::collections::BTreeMap;

use crate::load::model::{Provider, SpecFile, TypeDef};

use super::collect::{only_in, At, Collector};
use super::fields::{self, field_views, header_views};
use super::hints::{keyed_diff, rename_hints, Entry};
use super::{constraints, operations, reach};
use super::{Change, Direction, Kind};

/// Every change between two sets of specs, matched by provider name.
pub(super) fn providers(old: &[&SpecFile], new: &[&SpecFile]) -> Vec<Change> {
    let (old, new) = (by_name(old), by_name(new));
    let entries = |specs: &BTreeMap<String, &SpecFile>, other: &BTreeMap<String, &SpecFile>| {
        only_in(specs, other)
            .map(|s| (s.provider.name.clone(), Some(s.provider.title.clone())))
            .collect::<Vec<_>>()
    };
    let (removed, added) = (entries(&old, &new), entries(&new, &old));
    let (to, from) = rename_hints(&removed, &added);
    let mut changes = Vec::new();
    for (list, kind, hints, verb) in [
        (&removed, Kind::ProviderRemoved, &to, "removed"),
        (&added, Kind::ProviderAdded, &from, "added"),
    ] {
        for (name, _) in list {
            let spec = match old.get(name).or_else(|| new.get(name)) {
                Some(s) => *s,
                None => continue,
            };
            let mut c = Collector::new(name, spec, spec);
            let d = format!("provider `{name}` {verb}");
            if let Some(ch) = c.push(kind, Direction::Api, &At::root("provider"), d) {
                ch.hint = hints.get(name).cloned();
            }
            changes.extend(c.changes);
        }
    }
    for (name, o) in &old {
        if let Some(n) = new.get(name) {
            let mut c = Collector::new(name, o, n);
            spec(&mut c, o, n);
            changes.extend(c.changes);
        }
    }
    changes
}

fn by_name<'s>(specs: &[&'s SpecFile]) -> BTreeMap<String, &'s SpecFile> {
    specs
        .iter()
        .map(|s| (s.provider.name.clone(), *s))
        .collect()
}

fn spec(c: &mut Collector, old: &SpecFile, new: &SpecFile) {
    provider(c, &old.provider, &new.provider);
    types(c, old, new);
    operations::operations(c, old, new);
}

fn provider(c: &mut Collector, old: &Provider, new: &Provider) {
    let at = At::root("provider");
    let pages = |p: &Provider| -> String {
        p.docs
            .iter()
            .map(|d| format!("{:?}", (&d.url, &d.title, &d.version, &d.note)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (op, np) = (pages(old), pages(new));
    c.docs(
        Direction::Api,
        &at,
        &[
            ("title", Some(&old.title), Some(&new.title)),
            (
                "description",
                old.description.as_deref(),
                new.description.as_deref(),
            ),
            ("docs pages", Some(&op), Some(&np)),
            ("decision", old.decision.as_deref(), new.decision.as_deref()),
        ],
    );
    auth(c, &at.key("auth"), old, new);
    environments(c, &at, old, new);
    let (oh, nh) = (header_views(&old.headers), header_views(&new.headers));
    fields::container(c, Direction::Request, &at.key("headers"), &oh, &nh);
}

fn auth(c: &mut Collector, at: &At, old: &Provider, new: &Provider) {
    let (o, n) = (&old.auth, &new.auth);
    let show = |a: &crate::load::model::Auth| -> String {
        let mut parts = vec![a.scheme.to_string()];
        for (k, v) in [
            ("username", &a.username),
            ("password", &a.password),
            ("token", &a.token),
            ("token_url", &a.token_url),
            ("client_id", &a.client_id),
            ("client_secret", &a.client_secret),
        ] {
            if let Some(v) = v {
                parts.push(format!("{k}: {v}"));
            }
        }
        if let Some(how) = a.client_auth {
            parts.push(format!("client_auth: {how}"));
        }
        if !a.scopes.is_empty() {
            parts.push(format!("scopes: {}", a.scopes.join(" ")));
        }
        parts.join(", ")
    };
    let all = |a: &crate::load::model::Auth| -> String {
        a.schemes().map(show).collect::<Vec<_>>().join(" | ")
    };
    let (os, ns) = (all(o), all(n));
    if os != ns {
        c.push(
            Kind::AuthChanged,
            Direction::Request,
            at,
            format!("`{os}` → `{ns}`"),
        );
    }
    c.docs(
        Direction::Request,
        at,
        &[(
            "description",
            o.description.as_deref(),
            n.description.as_deref(),
        )],
    );
}

fn environments(c: &mut Collector, at: &At, old: &Provider, new: &Provider) {
    let envs = at.key("environments");
    for (name, url) in &old.environments {
        match new.environments.get(name) {
            None => {
                c.push(
                    Kind::EnvironmentRemoved,
                    Direction::Request,
                    &envs.field(name),
                    format!("environment `{name}` ({url}) removed"),
                );
            }
            Some(n) if n != url => {
                c.push(
                    Kind::EnvironmentChanged,
                    Direction::Request,
                    &envs.field(name),
                    format!("URL `{url}` → `{n}`"),
                );
            }
            Some(_) => {}
        }
    }
    for (name, url) in &new.environments {
        if !old.environments.contains_key(name) {
            c.push(
                Kind::EnvironmentAdded,
                Direction::Request,
                &envs.field(name),
                format!("environment `{name}` ({url}) added"),
            );
        }
    }
    let (od, nd) = (
        old.environments.keys().next(),
        new.environments.keys().next(),
    );
    if let (Some(od), Some(nd)) = (od, nd) {
        if od != nd {
            c.push(
                Kind::EnvironmentChanged,
                Direction::Request,
                &envs,
                format!("default (first) environment `{od}` → `{nd}`"),
            );
        }
    }
    variables(c, &at.key("variables"), old, new);
}

/// Variables of environment URLs: each one is something callers supply.
fn variables(c: &mut Collector, vars: &At, old: &Provider, new: &Provider) {
    for (name, v) in &old.variables {
        let at = vars.field(name);
        match new.variables.get(name) {
            None => {
                c.push(
                    Kind::EnvironmentChanged,
                    Direction::Request,
                    &at,
                    format!("URL variable `{name}` removed"),
                );
            }
            Some(n) => c.docs(
                Direction::Request,
                &at,
                &[
                    (
                        "description",
                        v.description.as_deref(),
                        n.description.as_deref(),
                    ),
                    ("example", v.example.as_deref(), n.example.as_deref()),
                ],
            ),
        }
    }
    for name in new.variables.keys() {
        if !old.variables.contains_key(name) {
            c.push(
                Kind::EnvironmentChanged,
                Direction::Request,
                &vars.field(name),
                format!("URL variable `{name}` added: callers must supply it"),
            );
        }
    }
}

/// Named types, each compared once per side it is on.
fn types(c: &mut Collector, old: &SpecFile, new: &SpecFile) {
    let (os, ns) = (reach::sides(old), reach::sides(new));
    let at = At::root("types");
    let names = |s: &SpecFile| -> Vec<Entry> {
        s.types
            .iter()
            .map(|(k, t)| (k.clone(), t.description.clone()))
            .collect()
    };
    let (removed, added) = keyed_diff(&names(old), &names(new));
    let (to, from) = rename_hints(&removed, &added);
    for (list, kind, hints) in [
        (&removed, Kind::TypeRemoved, &to),
        (&added, Kind::TypeAdded, &from),
    ] {
        for (name, _) in list {
            let at = At {
                ty: Some(name.clone()),
                ..at.key(name)
            };
            let verb = if kind == Kind::TypeAdded {
                "added"
            } else {
                "removed"
            };
            for side in reach::union(&os, &ns, name) {
                if let Some(ch) = c.push(kind, side, &at, format!("type `{name}` {verb}")) {
                    ch.hint = hints.get(name).cloned();
                }
            }
        }
    }
    for (name, o) in &old.types {
        let Some(n) = new.types.get(name) else {
            continue;
        };
        let at = At {
            ty: Some(name.clone()),
            ..at.key(name)
        };
        for side in reach::union(&os, &ns, name) {
            type_def(c, side, &at, o, n);
        }
    }
}

fn type_def(c: &mut Collector, side: Direction, at: &At, old: &TypeDef, new: &TypeDef) {
    c.docs(
        side,
        at,
        &[
            (
                "description",
                old.description.as_deref(),
                new.description.as_deref(),
            ),
            ("decision", old.decision.as_deref(), new.decision.as_deref()),
        ],
    );
    if old.kind != new.kind {
        c.push(
            Kind::TypeChanged,
            side,
            at,
            format!("kind `{}` → `{}`", old.kind, new.kind),
        );
        return;
    }
    if old.items != new.items {
        c.push(
            Kind::TypeChanged,
            side,
            &at.key("items"),
            format!(
                "items `{}` → `{}`",
                old.items.as_deref().unwrap_or("-"),
                new.items.as_deref().unwrap_or("-")
            ),
        );
    } else {
        constraints::constraints(c, side, at, &old.validation, &new.validation);
    }
    let name = at.ty.clone().unwrap_or_default();
    let (mut of, mut nf) = (
        field_views(c.old, &old.fields),
        field_views(c.new, &new.fields),
    );
    fields::mark_boxed(&mut of, &name, &c.boxed[0]);
    fields::mark_boxed(&mut nf, &name, &c.boxed[1]);
    fields::container(c, side, &at.key("fields"), &of, &nf);
    constraints::rules(c, side, at, &old.rules, &new.rules);
    fields::enum_values(c, side, &at.key("values"), &old.values, &new.values);
    if old.closed != new.closed {
        let d = if new.closed {
            "the enum is now closed: it loses its `Unknown` variant, and response objects hold it as `rt::Open`"
        } else {
            "the enum is no longer closed: it gains an `Unknown` variant"
        };
        c.push(Kind::TypeChanged, side, &at.key("closed"), d.to_string());
    }
    union_variants(c, side, at, old, new);
    error_text(c, side, at, old, new);
}

/// Where an error body's message and code are read from.
fn error_text(c: &mut Collector, side: Direction, at: &At, old: &TypeDef, new: &TypeDef) {
    let paths = |d: &TypeDef, code: bool| -> Vec<String> {
        d.error_text.as_ref().map_or_else(Vec::new, |t| {
            let p = if code { &t.code } else { &t.message };
            p.as_slice().to_vec()
        })
    };
    for (key, code) in [("message", false), ("code", true)] {
        let (o, n) = (paths(old, code), paths(new, code));
        if o != n {
            let show = |p: &[String]| {
                if p.is_empty() {
                    "-".to_string()
                } else {
                    p.join(", ")
                }
            };
            let d = format!("the {key} is read from `{}` → `{}`", show(&o), show(&n));
            c.push(
                Kind::ErrorTextChanged,
                side,
                &at.key("error_text").key(key),
                d,
            );
        }
    }
}

/// The tag and variants of a union.
fn union_variants(c: &mut Collector, side: Direction, at: &At, old: &TypeDef, new: &TypeDef) {
    if old.tag != new.tag {
        let show = |t: &Option<String>| t.clone().unwrap_or_else(|| "-".into());
        let d = format!("tag `{}` → `{}`", show(&old.tag), show(&new.tag));
        c.push(Kind::TypeChanged, side, &at.key("tag"), d);
    }
    let vat = at.key("variants");
    for (value, ty) in &old.variants {
        match new.variants.get(value) {
            None => {
                let d = format!("variant `{value}` removed");
                c.push(Kind::EnumValueRemoved, side, &vat.field(value), d);
            }
            Some(n) if n != ty => {
                let d = format!("variant `{value}` holds `{ty}` → `{n}`");
                c.push(Kind::TypeChanged, side, &vat.field(value), d);
            }
            Some(_) => {}
        }
    }
    for value in new
        .variants
        .keys()
        .filter(|v| !old.variants.contains_key(*v))
    {
        let d = format!("variant `{value}` added");
        c.push(Kind::EnumValueAdded, side, &vat.field(value), d);
    }
}
