//! Every constraint of every spec, sent over the wire to the provider's
//! mock: the conformance cases (derived from the checked specs' models, a
//! value at each limit and one just past it) encoded as the client encodes
//! them. A valid case is served; a broken one gets the documented error
//! its fault causes, and its body decodes into the client's own error type
//! with the docs' message. Then every documented error is produced the way
//! its `cause:` says: a probe for each fault that is not a constraint (a
//! malformed body, a missing or wrongly typed field, a bad JSON Patch
//! operation), no credentials, an unknown id, a held state, a changed
//! member, or (business rules in prose, the provider's side) queued with
//! `fail_next`. A constraint or error added to a spec is covered here
//! without anyone writing a test.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

#[path = "../../tests/tests/conformance/cases.rs"]
mod cases;

use base64::Engine as _;
use cases::{cases, Case, Expect};
use codegen::lang::Encoding;
use codegen::model::{Auth, DocumentedError, ErrorCause, Fault, Operation, Provider};
use mock::{Failure, MockServer};
use serde_json::{json, Map, Value};

/// A flat JSON body as a form: nested keys in brackets, lists as `a[]`.
fn form(body: &Value) -> String {
    fn walk(out: &mut form_urlencoded::Serializer<'_, String>, key: &str, v: &Value) {
        match v {
            Value::Object(map) => map
                .iter()
                .for_each(|(k, v)| walk(out, &format!("{key}[{k}]"), v)),
            Value::Array(list) => list.iter().for_each(|v| walk(out, &format!("{key}[]"), v)),
            Value::String(s) => {
                out.append_pair(key, s);
            }
            Value::Null => {
                out.append_pair(key, "");
            }
            other => {
                out.append_pair(key, &other.to_string());
            }
        }
    }
    let mut out = form_urlencoded::Serializer::new(String::new());
    if let Value::Object(map) = body {
        map.iter().for_each(|(k, v)| walk(&mut out, k, v));
    }
    out.finish()
}

/// A patch case (each item names its constructor, placeholders and value)
/// as the JSON Patch list the client sends.
fn json_patch(t: &codegen::model::PatchTable, body: &Value) -> Option<String> {
    let mut ops = Vec::new();
    for item in body.as_array()? {
        let build = item["build"].as_str()?;
        let (row, op) = t.rows.iter().find_map(|row| {
            let o = row.ops.iter().find(|o| row.constructor(**o) == build)?;
            Some((row, *o))
        })?;
        let mut path = String::new();
        for part in row.path.parts() {
            match part {
                codegen::lang::Part::Literal(text) => path.push_str(text),
                codegen::lang::Part::Param(name) => {
                    let f = t.params.iter().find(|f| &f.wire == name)?;
                    match &item["params"][&f.ident] {
                        Value::String(s) => path.push_str(s),
                        other => path.push_str(&other.to_string()),
                    }
                }
            }
        }
        let mut patch = json!({"op": op.name(), "path": path});
        if op.takes_value() {
            patch["value"] = item["value"].clone();
        }
        ops.push(patch);
    }
    Some(Value::Array(ops).to_string())
}

/// An `Authorization` value of the provider's first scheme.
fn authorization(p: &Provider) -> String {
    match p.auth.first() {
        Some(Auth::Basic { .. }) => format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode("user:secret")
        ),
        _ => "Bearer token".to_string(),
    }
}

/// How a request is sent: as the case says, or broken in one more way the
/// docs name an error for.
#[derive(Clone, PartialEq, Debug)]
enum Probe {
    AsIs,
    NoCredentials,
    UnknownId,
    /// This body text instead of the case's.
    Raw(String),
}

async fn send(
    server: &MockServer,
    p: &Provider,
    spec: &codegen::load::model::SpecFile,
    case: &Case,
    probe: &Probe,
) -> Option<(u16, Vec<u8>)> {
    let op = p.operations.iter().find(|o| o.ident == case.operation)?;
    let request = op.request.as_ref()?;
    let example = spec.operations.get(&op.ident)?.examples.first()?;
    let mut path = String::new();
    for part in op.path.parts() {
        match part {
            codegen::lang::Part::Literal(t) => path.push_str(t),
            codegen::lang::Part::Param(name)
                if *probe == Probe::UnknownId
                    && Some(name) == op.path_params.last().map(|f| &f.wire) =>
            {
                path.push_str("mock-unknown-id")
            }
            codegen::lang::Part::Param(name) => path.push_str(example.path_params.get(name)?),
        }
    }
    let (content_type, body) = match (request.encoding, probe) {
        (Encoding::Form, Probe::Raw(text)) => ("application/x-www-form-urlencoded", text.clone()),
        (Encoding::JsonApi, Probe::Raw(text)) => ("application/vnd.api+json", text.clone()),
        (_, Probe::Raw(text)) => ("application/json", text.clone()),
        _ => match request.encoding {
            Encoding::Json => ("application/json", case.body.to_string()),
            Encoding::Form => ("application/x-www-form-urlencoded", form(&case.body)),
            Encoding::JsonApi => {
                let id = example.path_params.values().last()?;
                let doc = json!({"data": {
                    "type": request.resource_type,
                    "id": id,
                    "attributes": case.body,
                }});
                ("application/vnd.api+json", doc.to_string())
            }
            Encoding::JsonPatch => (
                "application/json",
                json_patch(request.patch.as_ref()?, &case.body)?,
            ),
        },
    };
    let mut call = reqwest::Client::new()
        .request(
            op.method.name().parse().ok()?,
            format!("{}{path}", server.base_url()),
        )
        .header("content-type", content_type);
    if *probe != Probe::NoCredentials {
        call = call.header("authorization", authorization(p));
    }
    for h in p.headers.iter().chain(&request.headers) {
        if h.required || h.constant.is_some() {
            call = call.header(
                h.wire.as_str(),
                h.constant.clone().unwrap_or_else(|| "x".into()),
            );
        }
    }
    let response = call.body(body).send().await.ok()?;
    let status = response.status().as_u16();
    Some((status, response.bytes().await.ok()?.to_vec()))
}

/// The documented error of `op` a request at `fault` expects, stated here
/// apart from the model's `Operation::error_for` (which the mock uses): the
/// one whose message is the broken constraint's own, else the one whose
/// cause covers the fault.
fn expected_error(op: &Operation, fault: Fault, own: Option<&str>) -> Option<usize> {
    own.filter(|m| !m.is_empty())
        .and_then(|m| op.errors.iter().position(|e| e.message == m))
        .or_else(|| op.errors.iter().position(|e| e.cause.covers(fault)))
}

/// Whether an answer is the documented error `e`: its status, and a body
/// that decodes into the client's error type showing the docs' message
/// (any message when the docs give none).
fn is_error(p: &Provider, op: &Operation, e: &DocumentedError, answer: &(u16, Vec<u8>)) -> bool {
    let shown = mock::checked::client_error_message(&p.name, &op.ident, &answer.1);
    answer.0 == e.status
        && match shown {
            Some(Ok(Some(s))) => e.message.is_empty() || s == e.message,
            Some(Ok(None)) => e.message.is_empty(),
            _ => false,
        }
}

/// What each documented error was produced by, keyed by (provider,
/// operation, index).
type Produced = HashMap<(String, String, usize), &'static str>;

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
fn example_id(spec: &codegen::load::model::SpecFile, op: &Operation) -> String {
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
async fn prepare(server: &MockServer, op: &Operation, case: &Case, id: &str) {
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
async fn probe_operation(
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
        let cause = &e.cause;
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
            ErrorCause::Business | ErrorCause::Provider => {
                server.fail_next(Failure::documented(e.status, e.message.clone()));
                let a = send(server, p, spec, first, &Probe::AsIs).await;
                if a.is_some_and(|a| is_error(p, op, e, &a)) {
                    "queued"
                } else {
                    ""
                }
            }
            ErrorCause::Summary => continue,
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
                            json_patch(t.expect("a patch table"), &Value::Array(vec![item.clone()]))
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
        if how.is_empty() {
            if !produced.contains_key(&key(i)) {
                failures.push(format!(
                    "{}.{}: errors[{i}] ({} {:?}) not produced by its cause {cause:?}",
                    p.name, op.ident, e.status, e.message
                ));
            }
        } else {
            produced.entry(key(i)).or_insert(how);
        }
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

#[tokio::test]
async fn every_case_of_every_spec_through_the_mock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let checked = codegen::check::check_path(&dir).expect("the specs check");
    let (mut served, mut refused, mut skipped, mut failures) = (0, 0, 0, Vec::new());
    let mut produced = Produced::new();
    let mut documented = 0;
    for c in &checked {
        let p = c.model();
        let server = MockServer::start(&p.name).await.expect("starts");
        for case in cases(p) {
            let op = p
                .operations
                .iter()
                .find(|o| o.ident == case.operation)
                .expect("the case's operation");
            if case.expect == Expect::Valid {
                prepare(&server, op, &case, &example_id(c.spec(), op)).await;
            }
            let Some(answer) = send(&server, p, c.spec(), &case, &Probe::AsIs).await else {
                skipped += 1;
                continue;
            };
            let status = answer.0;
            match &case.expect {
                Expect::Valid => {
                    served += 1;
                    if status != op.success_status {
                        failures.push(format!(
                            "{}.{} {}: {status} {}",
                            case.provider,
                            case.operation,
                            case.name,
                            String::from_utf8_lossy(&answer.1)
                        ));
                    }
                }
                Expect::Violation { message, rule, .. } => {
                    refused += 1;
                    let fault = Fault::of_rule(rule).expect("a rule of the language");
                    let ok = match expected_error(op, fault, message.as_deref()) {
                        Some(i) => {
                            let ok = is_error(p, op, &op.errors[i], &answer);
                            if ok {
                                produced
                                    .entry((p.name.clone(), op.ident.clone(), i))
                                    .or_insert("a broken constraint");
                            }
                            ok
                        }
                        // No documented error for it: the documented 400
                        // (else 422), with the violation's message.
                        None => {
                            let bad = op
                                .errors
                                .iter()
                                .map(|e| e.status)
                                .find(|s| *s == 400)
                                .or_else(|| op.errors.iter().map(|e| e.status).find(|s| *s == 422))
                                .unwrap_or(400);
                            let shown =
                                mock::checked::client_error_message(&p.name, &op.ident, &answer.1);
                            status == bad
                                && match (message, shown) {
                                    (Some(m), Some(Ok(Some(s)))) => s == *m,
                                    (None, Some(Ok(_))) => true,
                                    _ => false,
                                }
                        }
                    };
                    if !ok {
                        failures.push(format!(
                            "{}.{} {}: got {status} {}",
                            case.provider,
                            case.operation,
                            case.name,
                            String::from_utf8_lossy(&answer.1)
                        ));
                    }
                }
            }
        }
        for op in &p.operations {
            documented += op.errors.len();
            probe_operation(&server, p, c.spec(), op, &mut produced, &mut failures).await;
            // A status's general entry: produced with any other error of
            // its status.
            for (i, e) in op.errors.iter().enumerate() {
                if e.cause != ErrorCause::Summary {
                    continue;
                }
                let other = op.errors.iter().enumerate().any(|(j, o)| {
                    j != i
                        && o.status == e.status
                        && produced.contains_key(&(p.name.clone(), op.ident.clone(), j))
                });
                if other {
                    produced.insert((p.name.clone(), op.ident.clone(), i), "its status");
                } else {
                    failures.push(format!(
                        "{}.{}: no other {} produced for the summary errors[{i}]",
                        p.name, op.ident, e.status
                    ));
                }
            }
        }
    }
    let mut by_how: BTreeMap<&str, usize> = BTreeMap::new();
    for how in produced.values() {
        *by_how.entry(how).or_default() += 1;
    }
    eprintln!(
        "{} of {documented} documented errors produced by their cause: {by_how:?}",
        produced.len()
    );
    assert!(
        failures.is_empty(),
        "{} problems in {} cases:\n{}",
        failures.len(),
        served + refused,
        failures.join("\n")
    );
    assert_eq!(
        produced.len(),
        documented,
        "every documented error is produced"
    );
    // 673 valid and 639 broken cases today (the fields of nested objects
    // among them), every one sent (PayPal's JSON Patch cases among them);
    // fewer means cases stopped reaching the mock.
    assert!(
        served >= 673 && refused >= 639 && skipped == 0,
        "{served} served, {refused} refused, {skipped} not sent"
    );
    eprintln!("{served} valid cases served, {refused} broken cases refused as documented, {skipped} not sent");
}

/// Every successful sample request of the docs, sent as the spec gives it
/// to a mock fresh from its start (no seeding by the test): answered with
/// the sample's own status (or the documented success).
#[tokio::test]
async fn every_docs_sample_is_served_by_a_fresh_mock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let checked = codegen::check::check_path(&dir).expect("the specs check");
    let mut sent = 0;
    let mut failures = Vec::new();
    for c in &checked {
        let p = c.model();
        for op in &p.operations {
            let Some(request) = &op.request else { continue };
            let Some(spec_op) = c.spec().operations.get(&op.ident) else {
                continue;
            };
            for example in &spec_op.examples {
                let Some(body) = example
                    .request
                    .as_ref()
                    .and_then(|b| serde_json::to_value(b).ok())
                else {
                    continue;
                };
                // Error samples show a failure's body; what caused it (a
                // token, an id elsewhere) is not in the request.
                let expected = example
                    .response
                    .as_ref()
                    .map_or(op.success_status, |r| r.status);
                if expected >= 400 {
                    continue;
                }
                let server = MockServer::start(&p.name).await.expect("starts");
                let mut path = String::new();
                for part in op.path.parts() {
                    match part {
                        codegen::lang::Part::Literal(t) => path.push_str(t),
                        codegen::lang::Part::Param(name) => {
                            path.push_str(example.path_params.get(name).map_or("x", String::as_str))
                        }
                    }
                }
                let (content_type, text) = match request.encoding {
                    Encoding::Form => ("application/x-www-form-urlencoded", form(&body)),
                    Encoding::JsonApi => ("application/vnd.api+json", body.to_string()),
                    Encoding::Json | Encoding::JsonPatch => ("application/json", body.to_string()),
                };
                let mut call = reqwest::Client::new()
                    .request(
                        op.method.name().parse().expect("a method"),
                        format!("{}{path}", server.base_url()),
                    )
                    .header("content-type", content_type)
                    .header("authorization", authorization(p));
                for h in p.headers.iter().chain(&request.headers) {
                    let value = example
                        .headers
                        .get(&h.wire)
                        .cloned()
                        .or_else(|| h.constant.clone())
                        .or_else(|| h.required.then(|| "x".to_string()));
                    if let Some(v) = value {
                        call = call.header(h.wire.as_str(), v);
                    }
                }
                let response = call.body(text).send().await.expect("the mock answers");
                let status = response.status().as_u16();
                sent += 1;
                if status != expected {
                    let answer = response.text().await.unwrap_or_default();
                    failures.push(format!(
                        "{}.{} example `{}`: {status} (expected {expected}) {answer}",
                        p.name, op.ident, example.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Each provider's update samples, PayPal's two JSON Patch ones among them.
    assert!(sent >= 8, "only {sent} samples sent");
    eprintln!("{sent} docs samples served as documented");
}
