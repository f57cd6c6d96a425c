//! Comparing operations: the call (method, path, retry safety, encoding),
//! its parameters and body, its response and documented errors.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::model::{Example, Operation, SpecFile};

use super::collect::{At, Collector};
use super::fields::{self, field_views, header_views};
use super::hints::{keyed_diff, move_hints, rename_hints, Entry};
use super::{Direction, Kind};

/// Operations: added, removed, and compared by name.
pub(super) fn operations(c: &mut Collector, old: &SpecFile, new: &SpecFile) {
    let at = At::root("operations");
    let names = |s: &SpecFile| -> Vec<Entry> {
        s.operations
            .iter()
            .map(|(k, o)| (k.clone(), Some(o.summary.clone())))
            .collect()
    };
    let (removed, added) = keyed_diff(&names(old), &names(new));
    let (to, from) = rename_hints(&removed, &added);
    for (name, _) in &removed {
        let at = At {
            operation: Some(name.clone()),
            ..at.key(name)
        };
        if let Some(ch) = c.push(
            Kind::OperationRemoved,
            Direction::Api,
            &at,
            format!("operation `{name}` removed"),
        ) {
            ch.hint = to.get(name).cloned();
        }
    }
    for (name, _) in &added {
        let at = At {
            operation: Some(name.clone()),
            ..at.key(name)
        };
        if let Some(ch) = c.push(
            Kind::OperationAdded,
            Direction::Api,
            &at,
            format!("operation `{name}` added"),
        ) {
            ch.hint = from.get(name).cloned();
        }
    }
    for (name, o) in &old.operations {
        if let Some(n) = new.operations.get(name) {
            let at = At {
                operation: Some(name.clone()),
                ..at.key(name)
            };
            operation(c, &at, o, n);
        }
    }
}

fn operation(c: &mut Collector, at: &At, old: &Operation, new: &Operation) {
    let start = c.changes.len();
    let (oe, ne) = (examples_text(&old.examples), examples_text(&new.examples));
    c.docs(
        Direction::Api,
        at,
        &[
            ("summary", Some(&old.summary), Some(&new.summary)),
            (
                "description",
                old.description.as_deref(),
                new.description.as_deref(),
            ),
            ("docs", old.docs.as_deref(), new.docs.as_deref()),
            ("decision", old.decision.as_deref(), new.decision.as_deref()),
            ("examples", Some(&oe), Some(&ne)),
        ],
    );
    call(c, at, old, new);
    let req = Direction::Request;
    let (op, np) = (
        field_views(c.old, &old.path_params),
        field_views(c.new, &new.path_params),
    );
    fields::container(c, req, &at.key("path_params"), &op, &np);
    let (oh, nh) = (header_views(&old.headers), header_views(&new.headers));
    fields::container(c, req, &at.key("headers"), &oh, &nh);
    fields::request(
        c,
        &at.key("request"),
        old.request.as_ref(),
        new.request.as_ref(),
    );
    response(c, at, old, new);
    move_hints(&mut c.changes[start..]);
}

/// Method, path, retry safety and body encoding.
fn call(c: &mut Collector, at: &At, old: &Operation, new: &Operation) {
    let req = Direction::Request;
    if old.method != new.method {
        let d = format!("`{}` → `{}`", old.method, new.method);
        c.push(Kind::MethodChanged, req, &at.key("method"), d);
    }
    if path_shape(&old.path) != path_shape(&new.path) {
        let d = format!("`{}` → `{}`", old.path, new.path);
        c.push(Kind::PathChanged, req, &at.key("path"), d);
    }
    if old.retry_safe && !new.retry_safe {
        let d = "`retry_safe` true → false";
        c.push(Kind::RetryNowUnsafe, req, &at.key("retry_safe"), d);
    }
    if !old.retry_safe && new.retry_safe {
        let d = "`retry_safe` false → true";
        c.push(Kind::RetryNowSafe, req, &at.key("retry_safe"), d);
    }
    idempotency(c, req, at, old, new);
    let encoding = |o: &Operation| -> String {
        match &o.request {
            None => "no body".to_string(),
            Some(r) => match (&r.resource_type, r.form) {
                (Some(t), _) => format!("{} ({t})", r.encoding),
                (None, Some(f)) => format!(
                    "{} (lists: {}, brackets: {})",
                    r.encoding, f.lists, f.brackets
                ),
                (None, None) => r.encoding.to_string(),
            },
        }
    };
    let (oe, ne) = (encoding(old), encoding(new));
    if oe != ne {
        let d = format!("`{oe}` → `{ne}`");
        c.push(Kind::EncodingChanged, req, &at.key("request"), d);
    }
}

/// The path template with every placeholder's name erased.
fn path_shape(path: &str) -> String {
    crate::lang::Template::parse(path).map_or_else(|| path.to_string(), |t| t.format_string())
}

fn response(c: &mut Collector, at: &At, old: &Operation, new: &Operation) {
    let resp = Direction::Response;
    let (o, n) = (&old.response, &new.response);
    let rat = at.key("response");
    if o.status != n.status {
        let d = format!("status {} → {}", o.status, n.status);
        c.push(Kind::ResponseStatusChanged, resp, &rat.key("status"), d);
    }
    if o.ty != n.ty {
        let shown = |t: &Option<String>| t.clone().unwrap_or_else(|| "none (no body)".into());
        let d = format!("type `{}` → `{}`", shown(&o.ty), shown(&n.ty));
        c.push(Kind::ResponseTypeChanged, resp, &rat.key("type"), d);
    }
    let (od, nd) = (o.description.as_deref(), n.description.as_deref());
    c.docs(resp, &rat, &[("description", od, nd)]);
    errors(c, &at.key("errors"), old, new);
}

fn errors(c: &mut Collector, at: &At, old: &Operation, new: &Operation) {
    let resp = Direction::Response;
    type Texts = (Option<String>, Option<String>, Option<String>);
    let keyed = |o: &Operation| -> BTreeMap<String, Texts> {
        let mut seen: BTreeMap<u16, usize> = BTreeMap::new();
        o.errors
            .iter()
            .map(|e| {
                let n = seen.entry(e.status).or_default();
                *n += 1;
                let key = match *n {
                    1 => e.status.to_string(),
                    n => format!("{}#{n}", e.status),
                };
                let causes: Vec<String> = e.cause.list.iter().map(cause_text).collect();
                let cause = Some(causes.join("; "));
                (key, (e.message.clone(), e.description.clone(), cause))
            })
            .collect()
    };
    let (ok, nk) = (keyed(old), keyed(new));
    for (status, (om, od, oc)) in &ok {
        match nk.get(status) {
            None => {
                let d = format!("error status {status} no longer documented");
                c.push(Kind::ErrorRemoved, resp, &at.field(status), d);
            }
            // What causes it is part of the method's docs (and of what the
            // mock answers), not of its types.
            Some((nm, nd, nc)) => c.docs(
                resp,
                &at.field(status),
                &[
                    ("message", om.as_deref(), nm.as_deref()),
                    ("description", od.as_deref(), nd.as_deref()),
                    ("cause", oc.as_deref(), nc.as_deref()),
                ],
            ),
        }
    }
    for status in nk.keys().filter(|s| !ok.contains_key(*s)) {
        let d = format!("error status {status} documented");
        c.push(Kind::ErrorAdded, resp, &at.field(status), d);
    }
    let body = |o: &Operation| -> String {
        o.errors
            .iter()
            .find_map(|e| e.body.clone())
            .unwrap_or_else(|| "none (any JSON)".to_string())
    };
    let (ob, nb) = (body(old), body(new));
    if ob != nb {
        let d = format!("error body `{ob}` → `{nb}`");
        c.push(Kind::ErrorBodyChanged, resp, at, d);
    }
}

/// A documented error's cause as comparable text: `request: malformed,
/// max_length`, `state: /status = "COMPLETED"`.
fn cause_text(c: &crate::load::model::Cause) -> String {
    let mut text = c.kind.to_string();
    if !c.broken.is_empty() {
        let faults: Vec<&str> = c.broken.iter().map(|f| f.name()).collect();
        text.push_str(&format!(": {}", faults.join(", ")));
    }
    if let Some(f) = &c.field {
        text.push_str(&format!(": {f}"));
    }
    if let Some(v) = &c.equals {
        text.push_str(&format!(
            " = {}",
            serde_json::to_string(v).unwrap_or_default()
        ));
    }
    // In canonical form: the same rule folded on other lines, or with
    // other spacing and parentheses, is no change.
    if let Some(rule) = &c.rule {
        let shown = crate::lang::rules::parse(rule)
            .map_or_else(|_| rule.trim().to_string(), |r| r.to_string());
        text.push_str(&format!(": rule {shown}"));
    }
    text
}

/// The examples as comparable text (the spec model has no equality).
fn examples_text(examples: &[Example]) -> String {
    let mut names = BTreeSet::new();
    examples
        .iter()
        .filter(|e| names.insert(&e.name))
        .map(|e| {
            let resp = e.response.as_ref().map(|r| (r.status, &r.body));
            format!(
                "{:?}",
                (
                    &e.name,
                    &e.description,
                    &e.path_params,
                    &e.headers,
                    &e.request,
                    resp
                )
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where an operation's idempotency key goes.
fn idempotency(c: &mut Collector, req: Direction, at: &At, old: &Operation, new: &Operation) {
    let place = |o: &Operation| -> Option<String> {
        let i = o.idempotency.as_ref()?;
        match (&i.header, &i.field) {
            (Some(h), _) => Some(format!("header `{}`", h.to_ascii_lowercase())),
            (None, Some(f)) => Some(format!("field `{f}`")),
            (None, None) => None,
        }
    };
    let (o, n) = (place(old), place(new));
    if o == n {
        return;
    }
    let at = at.key("idempotency");
    if let Some(o) = &o {
        c.push(
            Kind::IdempotencyRemoved,
            req,
            &at,
            format!("the key in the {o} removed"),
        );
    }
    if let Some(n) = &n {
        c.push(
            Kind::IdempotencyAdded,
            req,
            &at,
            format!("a key in the {n}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::path_shape;

    #[test]
    fn renaming_a_placeholder_keeps_the_path_shape() {
        assert_eq!(path_shape("/orders/{id}"), path_shape("/orders/{order_id}"));
        assert_eq!(path_shape("/v1/orders/{id}/"), "/v1/orders/{}/");
        assert_ne!(path_shape("/orders/"), path_shape("/orders/{order_id}"));
    }
}
