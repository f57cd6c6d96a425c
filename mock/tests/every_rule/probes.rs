//! The probes of the every-case test: for each documented error, a
//! request that meets its cause (a fault that is not a constraint, a held
//! state, a changed member, a queued failure), and the state a JSON Patch
//! case needs.

use std::collections::HashMap;

use codegen::model::{DocumentedError, ErrorCause, Fault, Operation, Provider};
use mock::{Failure, MockServer};
use serde_json::{json, Map, Value};

use super::cases::{cases, Case, Expect};
use super::{expected_error, is_error, json_patch, send, Probe};

/// What each documented error was produced by, keyed by (provider,
/// operation, index).
pub(super) type Produced = HashMap<(String, String, usize), &'static str>;

/// The body with one member of the wrong type (a nested list), or one
/// member left out, for each member a test can reach: the body's own, or
/// those of each patch item's value (or the value itself).
fn mutations(body: &Value, fault: Fault) -> Vec<Value> {
    let wrong = json!([[["not", "this", "type"]]]);
    let each = |obj: &Map<String, Value>| -> Vec<Map<String, Value>> {
        obj.keys()
            .map(|k| {
                let mut m = obj.clone();
                if fault == Fault::Missing {
                    m.remove(k);
                } else {
                    m.insert(k.clone(), wrong.clone());
                }
                m
            })
            .collect()
    };
    let mut out = Vec::new();
    match body {
        Value::Object(obj) => out.extend(each(obj).into_iter().map(Value::Object)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let mut values = match &item["value"] {
                    Value::Object(obj) => each(obj).into_iter().map(Value::Object).collect(),
                    _ => Vec::new(),
                };
                if fault == Fault::Invalid {
                    values.push(wrong.clone());
                }
                for v in values {
                    let mut items = items.clone();
                    items[i]["value"] = v;
                    out.push(Value::Array(items));
                }
            }
        }
        _ => {}
    }
    out
}

/// The id of the operation's first example (the resource the cases
/// update).
pub(super) fn example_id(spec: &codegen::load::model::SpecFile, op: &Operation) -> String {
    spec.operations[&op.ident].examples[0]
        .path_params
        .values()
        .last()
        .cloned()
        .unwrap_or_default()
}

/// A fresh resource under `id` with the members a JSON Patch case's
/// `replace` and `remove` operations expect, and the parents of its `add`
/// targets (the targets themselves absent).
pub(super) async fn prepare(server: &MockServer, op: &Operation, case: &Case, id: &str) {
    let Some(t) = op.request.as_ref().and_then(|r| r.patch.as_ref()) else {
        return;
    };
    let Some(text) = json_patch(t, &case.body) else {
        return;
    };
    let ops: Vec<Value> = serde_json::from_str(&text).unwrap_or_default();
    server.seed(id, json!({}));
    for o in ops {
        let path = o["path"].as_str().unwrap_or_default();
        let held = match o["op"].as_str() {
            // The value it already has: a replace that changes nothing is
            // valid even where a change is a conflict (PayPal's intent).
            Some("replace") => o["value"].clone(),
            Some("remove") => json!("held before"),
            // An add needs its parent, not the member.
            Some("add") => {
                let parent = path.rsplit_once('/').map_or("", |(p, _)| p);
                if !parent.is_empty() {
                    assert!(server.seed_at(id, &format!("{parent}/another_member"), json!(1)));
                }
                continue;
            }
            _ => continue,
        };
        assert!(server.seed_at(id, path, held), "{path}");
    }
}

/// What a probe is sent with: the running mock, the provider and its
/// spec, the operation, its valid cases, and the id they update.
#[derive(Clone, Copy)]
struct Probing<'a> {
    server: &'a MockServer,
    p: &'a Provider,
    spec: &'a codegen::load::model::SpecFile,
    op: &'a Operation,
    valid: &'a [Case],
    id: &'a str,
}

/// The JSON Patch operations a case sends.
fn patch_ops(op: &Operation, case: &Case) -> Vec<Value> {
    op.request
        .as_ref()
        .and_then(|r| r.patch.as_ref())
        .and_then(|t| json_patch(t, &case.body))
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Whether every way of missing a patch's target gets the documented
/// error `e`: for `patch_target`, a `replace` and a `remove` of an absent
/// member, an `add` of a present one, and a `replace` under an absent
/// parent; for `patch_filter`, a filter step that matches no item. Each
/// is tried on the cases' documented paths until one is accepted as a
/// documented patch.
async fn patch_target_probes(t: Probing<'_>, fault: Fault, e: &DocumentedError) -> bool {
    let Probing {
        server,
        p,
        spec,
        op,
        valid,
        id,
    } = t;
    let variants: &[&str] = if fault == Fault::PatchFilter {
        &["filter"]
    } else {
        &["replace", "remove", "add", "orphan"]
    };
    for variant in variants {
        let mut met = false;
        for case in valid {
            for o in patch_ops(op, case) {
                let path = o["path"].as_str().unwrap_or_default().to_string();
                let Some((parent, _)) = path.rsplit_once('/') else {
                    continue;
                };
                server.seed(id, json!({}));
                let mut sent = o.clone();
                match *variant {
                    "filter" => {
                        // The list the filter searches, without the item.
                        let Some(at) = path.find("/@") else { continue };
                        server.seed_at(id, &path[..at], json!([{"reference_id": "another"}]));
                        sent["op"] = json!("replace");
                    }
                    "orphan" => {
                        if parent.is_empty() || parent.contains('@') {
                            continue;
                        }
                        sent["op"] = json!("replace");
                    }
                    "add" => {
                        server.seed_at(id, &path, json!("held before"));
                        sent["op"] = json!("add");
                    }
                    kind => {
                        if !parent.is_empty() {
                            server.seed_at(id, &format!("{parent}/another_member"), json!(1));
                        }
                        sent["op"] = json!(kind);
                        if kind == "remove" {
                            if let Some(m) = sent.as_object_mut() {
                                m.remove("value");
                            }
                        }
                    }
                }
                if sent["op"] != json!("remove") && sent.get("value").is_none() {
                    sent["value"] = json!("a value");
                }
                let probe = Probe::Raw(json!([sent]).to_string());
                let a = send(server, p, spec, case, &probe).await;
                if a.is_some_and(|a| is_error(p, op, e, &a)) {
                    met = true;
                    break;
                }
            }
            if met {
                break;
            }
        }
        if !met {
            eprintln!(
                "{}.{}: the `{variant}` probe of `{fault}` met no documented error",
                p.name, op.ident
            );
            return false;
        }
    }
    true
}

/// The probes of one operation: every cause its errors name, each
/// produced the way the cause says, against the running mock.
pub(super) async fn probe_operation(
    server: &MockServer,
    p: &Provider,
    spec: &codegen::load::model::SpecFile,
    op: &Operation,
    produced: &mut Produced,
    failures: &mut Vec<String>,
) {
    let valid: Vec<Case> = cases(p)
        .into_iter()
        .filter(|c| c.operation == op.ident && c.expect == Expect::Valid)
        .collect();
    let Some(first) = valid.first() else { return };
    let id = example_id(spec, op);
    let key = |i: usize| (p.name.clone(), op.ident.clone(), i);
    let request = op.request.as_ref();
    for (i, e) in op.errors.iter().enumerate() {
        for cause in &e.causes {
            let how: &'static str = match cause {
                ErrorCause::Credentials => {
                    let a = send(server, p, spec, first, &Probe::NoCredentials).await;
                    if a.is_some_and(|a| is_error(p, op, e, &a)) {
                        "no credentials"
                    } else {
                        ""
                    }
                }
                ErrorCause::NotFound => {
                    let a = send(server, p, spec, first, &Probe::UnknownId).await;
                    if a.is_some_and(|a| is_error(p, op, e, &a)) {
                        "an unknown id"
                    } else {
                        ""
                    }
                }
                ErrorCause::Business(Some(_)) => {
                    super::business::produce(server, p, spec, op, (&id, e), failures).await
                }
                ErrorCause::Business(None) | ErrorCause::Provider => {
                    server.fail_next(Failure::documented(e.status, e.message.clone()));
                    let a = send(server, p, spec, first, &Probe::AsIs).await;
                    if a.is_some_and(|a| is_error(p, op, e, &a)) {
                        "queued"
                    } else {
                        ""
                    }
                }
                ErrorCause::Summary => continue,
                ErrorCause::Version(pointer) => {
                    version_probe(server, (p, spec, op), first, (&id, pointer.as_str()), e).await
                }
                ErrorCause::State { pointer, equals } => {
                    prepare(server, op, first, &id).await;
                    assert!(server.seed_at(&id, pointer, equals.clone()));
                    let a = send(server, p, spec, first, &Probe::AsIs).await;
                    if a.is_some_and(|a| is_error(p, op, e, &a)) {
                        "held state"
                    } else {
                        ""
                    }
                }
                ErrorCause::Conflict(pointer) => {
                    let mut how = "";
                    for case in &valid {
                        let sends = match &case.body {
                            Value::Array(items) => items.iter().any(|item| {
                                let t = request.and_then(|r| r.patch.as_ref());
                                json_patch(
                                    t.expect("a patch table"),
                                    &Value::Array(vec![item.clone()]),
                                )
                                .is_some_and(|text| {
                                    text.contains(&format!("\"path\":\"{pointer}\""))
                                })
                            }),
                            body => body.pointer(pointer).is_some(),
                        };
                        if !sends {
                            continue;
                        }
                        prepare(server, op, case, &id).await;
                        assert!(server.seed_at(&id, pointer, json!("a value held before")));
                        let a = send(server, p, spec, case, &Probe::AsIs).await;
                        if a.is_some_and(|a| is_error(p, op, e, &a)) {
                            how = "a changed member";
                            break;
                        }
                    }
                    how
                }
                ErrorCause::Request(faults) => {
                    let mut how = "";
                    for fault in faults {
                        if expected_error(op, *fault, None) != Some(i) {
                            continue;
                        }
                        let t = Probing {
                            server,
                            p,
                            spec,
                            op,
                            valid: &valid,
                            id: &id,
                        };
                        if fault_probe(t, *fault, e).await {
                            how = "a probe";
                            break;
                        }
                    }
                    if how.is_empty() && produced.contains_key(&key(i)) {
                        continue;
                    }
                    how
                }
            };
            // Every cause of an error produces it (a request cause may have
            // been produced by a conformance case already).
            if how.is_empty() {
                failures.push(format!(
                    "{}.{}: errors[{i}] ({} {:?}) not produced by its cause {cause:?}",
                    p.name, op.ident, e.status, e.message
                ));
            } else {
                produced.entry(key(i)).or_insert(how);
            }
        }
    }
}

/// `value` at `pointer` in `doc`, with the objects on the way made.
fn set_at(doc: &mut Value, pointer: &str, value: Value) {
    let mut at = doc;
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !at.is_object() {
            *at = json!({});
        }
        at = &mut at[token.as_str()];
    }
    *at = value;
}

/// A stale version (`kind: version`): an update at the held version is
/// served and increments it, so the same update sent again is stale and
/// gets the documented error.
async fn version_probe(
    server: &MockServer,
    (p, spec, op): (&Provider, &codegen::load::model::SpecFile, &Operation),
    first: &Case,
    (id, pointer): (&str, &str),
    e: &DocumentedError,
) -> &'static str {
    let Some(current) = server
        .resource(id)
        .and_then(|r| r.pointer(pointer).and_then(Value::as_i64))
    else {
        return "";
    };
    let mut body = first.body.clone();
    set_at(&mut body, pointer, json!(current));
    let case = Case {
        body,
        ..first.clone()
    };
    let served = send(server, p, spec, &case, &Probe::AsIs).await;
    let bumped = server
        .resource(id)
        .and_then(|r| r.pointer(pointer).and_then(Value::as_i64));
    if served.map(|a| a.0) != Some(op.success_status) || bumped != current.checked_add(1) {
        return "";
    }
    let stale = send(server, p, spec, &case, &Probe::AsIs).await;
    if stale.is_some_and(|a| is_error(p, op, e, &a)) {
        "a stale version"
    } else {
        ""
    }
}

/// Whether a request at `fault` (not a constraint: those are the
/// conformance cases) gets the documented error `e`.
async fn fault_probe(t: Probing<'_>, fault: Fault, e: &DocumentedError) -> bool {
    let Probing {
        server,
        p,
        spec,
        op,
        valid,
        ..
    } = t;
    let first = &valid[0];
    let raw = |text: &str| Probe::Raw(text.to_string());
    let patch_probe = match fault {
        Fault::Malformed => Some(raw("{\"not\": json")),
        Fault::NotPatchable => Some(raw(
            r#"[{"op": "replace", "path": "/not/a/documented/path", "value": 1}]"#,
        )),
        Fault::PatchPath => Some(raw(r#"[{"op": "replace", "value": 1}]"#)),
        Fault::PatchPointer => Some(raw(r#"[{"op": "replace", "path": "intent", "value": 1}]"#)),
        Fault::PatchValue => Some(raw(r#"[{"op": "replace", "path": "/intent"}]"#)),
        _ => None,
    };
    if let Some(probe) = patch_probe {
        let a = send(server, p, spec, first, &probe).await;
        return a.is_some_and(|a| is_error(p, op, e, &a));
    }
    let mut bodies = Vec::new();
    match fault {
        Fault::Rejected => {
            let rejects = spec.operations[&op.ident]
                .request
                .as_ref()
                .map(|r| r.rejects.keys().cloned().collect::<Vec<_>>())
                .unwrap_or_default();
            for wire in rejects {
                let mut body = first.body.clone();
                body[wire.as_str()] = json!(1);
                bodies.push(body);
            }
        }
        Fault::Missing | Fault::Invalid => {
            for case in valid {
                bodies.extend(mutations(&case.body, fault));
            }
        }
        Fault::PatchTarget | Fault::PatchFilter => {
            return patch_target_probes(t, fault, e).await;
        }
        _ => return false,
    }
    for body in bodies {
        let case = Case {
            body,
            ..first.clone()
        };
        let a = send(server, p, spec, &case, &Probe::AsIs).await;
        if a.is_some_and(|a| is_error(p, op, e, &a)) {
            return true;
        }
    }
    false
}
