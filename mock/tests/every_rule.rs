//! Every constraint of every spec, sent over the wire to the provider's
//! mock: the conformance cases (derived from the checked specs' models, a
//! value at each limit and one just past it) encoded as the client encodes
//! them. A valid case is served; a broken one gets the documented status,
//! and its error body decodes into the client's own error type with the
//! docs' message where the client reads it. A constraint added to a spec is
//! covered here without anyone writing a test.

use std::collections::HashSet;
use std::path::Path;

#[path = "../../tests/tests/conformance/cases.rs"]
mod cases;

use base64::Engine as _;
use cases::{cases, Case, Expect};
use codegen::lang::Encoding;
use codegen::model::{Auth, Provider};
use mock::MockServer;
use serde_json::{json, Value};

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
#[derive(Clone, Copy, PartialEq)]
enum Probe {
    AsIs,
    NoCredentials,
    UnknownId,
    UnlistedPatch,
}

async fn send(
    server: &MockServer,
    p: &Provider,
    spec: &codegen::load::model::SpecFile,
    case: &Case,
    probe: Probe,
) -> Option<(u16, Vec<u8>)> {
    let op = p.operations.iter().find(|o| o.ident == case.operation)?;
    let request = op.request.as_ref()?;
    let example = spec.operations.get(&op.ident)?.examples.first()?;
    let mut path = String::new();
    for part in op.path.parts() {
        match part {
            codegen::lang::Part::Literal(t) => path.push_str(t),
            codegen::lang::Part::Param(name)
                if probe == Probe::UnknownId
                    && Some(name) == op.path_params.last().map(|f| &f.wire) =>
            {
                path.push_str("mock-unknown-id")
            }
            codegen::lang::Part::Param(name) => path.push_str(example.path_params.get(name)?),
        }
    }
    let (content_type, body) = match request.encoding {
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
        Encoding::JsonPatch if probe == Probe::UnlistedPatch => (
            "application/json",
            r#"[{"op": "replace", "path": "/not/a/documented/path", "value": 1}]"#.to_string(),
        ),
        Encoding::JsonPatch => (
            "application/json",
            json_patch(request.patch.as_ref()?, &case.body)?,
        ),
    };
    let mut call = reqwest::Client::new()
        .request(
            op.method.name().parse().ok()?,
            format!("{}{path}", server.base_url()),
        )
        .header("content-type", content_type);
    if probe != Probe::NoCredentials {
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

#[tokio::test]
async fn every_case_of_every_spec_through_the_mock() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let checked = codegen::check::check_path(&dir).expect("the specs check");
    let (mut served, mut refused, mut skipped, mut failures) = (0, 0, 0, Vec::new());
    // Every documented error produced: (provider, operation, status, the
    // message the client shows).
    let mut produced: HashSet<(String, String, u16, String)> = HashSet::new();
    let mut documented = Vec::new();
    for c in &checked {
        let p = c.model();
        let server = MockServer::start(&p.name).await.expect("starts");
        for case in cases(p) {
            let Some((status, body)) = send(&server, p, c.spec(), &case, Probe::AsIs).await else {
                skipped += 1;
                continue;
            };
            let op = p
                .operations
                .iter()
                .find(|o| o.ident == case.operation)
                .expect("the case's operation");
            match &case.expect {
                Expect::Valid => {
                    served += 1;
                    if status != op.success_status {
                        failures.push(format!(
                            "{}.{} {}: {status} {}",
                            case.provider,
                            case.operation,
                            case.name,
                            String::from_utf8_lossy(&body)
                        ));
                    }
                }
                Expect::Violation { message, .. } => {
                    refused += 1;
                    let documented = message
                        .as_ref()
                        .and_then(|m| op.errors.iter().find(|(_, e)| e == m));
                    let expected_status = documented.map_or(400, |(s, _)| *s);
                    let shown =
                        mock::checked::client_error_message(&case.provider, &case.operation, &body)
                            .unwrap_or_else(|| {
                                Err(format!("no client error type for {}", case.operation))
                            });
                    let ok = status == expected_status
                        && match (message, &shown) {
                            (Some(m), Ok(Some(s))) => s == m,
                            (None, Ok(_)) => true,
                            _ => false,
                        };
                    if !ok {
                        failures.push(format!(
                            "{}.{} {}: got {status} and {shown:?}, expected {expected_status} and {message:?}",
                            case.provider, case.operation, case.name
                        ));
                    } else if let (Some(m), Some(_)) = (message, documented) {
                        produced.insert((
                            case.provider.clone(),
                            case.operation.clone(),
                            status,
                            m.clone(),
                        ));
                    }
                }
            }
        }
        // The errors no constraint produces: no credentials, an unknown id,
        // a path the docs do not list as patchable.
        for op in &p.operations {
            documented.extend(
                op.errors
                    .iter()
                    .map(|(s, m)| (p.name.clone(), op.ident.clone(), *s, m.clone())),
            );
            let Some(valid) = cases(p)
                .into_iter()
                .find(|c| c.operation == op.ident && c.expect == Expect::Valid)
            else {
                continue;
            };
            let patched = op.request.as_ref().is_some_and(|r| r.patch.is_some());
            for probe in [Probe::NoCredentials, Probe::UnknownId, Probe::UnlistedPatch] {
                if probe == Probe::UnlistedPatch && !patched {
                    continue;
                }
                let Some((status, body)) = send(&server, p, c.spec(), &valid, probe).await else {
                    continue;
                };
                if let Some(Ok(Some(shown))) =
                    mock::checked::client_error_message(&p.name, &op.ident, &body)
                {
                    produced.insert((p.name.clone(), op.ident.clone(), status, shown));
                }
            }
        }
    }
    let missing: Vec<_> = documented
        .iter()
        .filter(|d| !produced.contains(*d))
        .collect();
    eprintln!(
        "{} of {} documented errors produced by breaking their rule; the others need state the mock does not model (queue them with `fail_next`):",
        documented.len() - missing.len(),
        documented.len()
    );
    for (p, op, status, message) in &missing {
        eprintln!("  {p}.{op} {status} {message}");
    }
    // 14 of 86 today: every constraint's message, the unauthorized, the
    // unknown-id and the unpatchable errors. The rest are business rules
    // the specs do not encode (PayPal's amount checks, Square's version
    // conflicts) or a second error on the same status.
    assert!(documented.len() - missing.len() >= 14, "{missing:#?}");
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        served + refused,
        failures.join("\n")
    );
    // 109 valid and 82 broken cases today, every one sent (PayPal's JSON
    // Patch cases among them); fewer means cases stopped reaching the mock.
    assert!(
        served >= 109 && refused >= 82 && skipped == 0,
        "{served} served, {refused} refused, {skipped} not sent"
    );
    eprintln!("{served} valid cases served, {refused} broken cases refused as documented, {skipped} not sent");
}
