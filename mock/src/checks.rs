//! The checks a request goes through before it is served, the way the
//! docs describe them: credentials of a documented scheme, the required
//! headers, and the body (its encoding, the fields the server rejects, and
//! every constraint through the request type's own generated `validate()`).

use base64::Engine as _;
use codegen::model::{Auth, Fault, Request};
use generated_client::runtime::ValidationErrors;
use serde_json::Value;

use crate::error_body;
use crate::routes::{Route, Table};
use crate::server::Answer;
use crate::wire::{self, Body};

/// The value of the header `name` (any case).
pub(crate) fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// The body read and checked: its encoding, the fields the server
/// rejects, and every constraint through the request type's `validate()`.
/// A body at fault gets the documented error of its fault.
pub(crate) fn check_body(
    table: &Table,
    route: &Route,
    request: &Request,
    content_type: Option<&str>,
    bytes: &[u8],
) -> Result<Body, Answer> {
    let refuse = |fault: Fault, message: &str, rule: String| {
        let (status, message) = error_body::for_fault(route, fault, message);
        Answer::broke(table, status, &message, rule)
    };
    let body = wire::decode(request, content_type, bytes, &table.model)
        .map_err(|e| refuse(Fault::Malformed, &e, format!("encoding: {e}")))?;
    let fields = match &body {
        Body::Fields(fields) => fields,
        Body::Patch(items) => {
            return match &request.patch {
                Some(t) => patch_body(table, route, t, items).map(|()| body),
                None => Ok(body),
            };
        }
    };
    for (wire, message) in &route.rejects {
        if fields.contains_key(wire) {
            let message = message
                .clone()
                .unwrap_or_else(|| format!("{wire} is not allowed."));
            return Err(refuse(
                Fault::Rejected,
                &message,
                format!("rejected field `{wire}`"),
            ));
        }
    }
    match crate::checked::check_body(&table.name, &route.op, &Value::Object(fields.clone())) {
        Some(Err(e)) => Err(refuse(
            decoding_fault(&e),
            &format!("The body does not match the documented fields: {e}"),
            format!("decoding: {e}"),
        )),
        Some(Ok(Err(violations))) => Err(violation(table, route, &violations)),
        Some(Ok(Ok(()))) | None => Ok(body),
    }
}

/// A JSON Patch list checked: each operation a documented patch (built
/// through its generated constructor), and the request through its
/// `validate()`.
#[cfg(json_patch)]
fn patch_body(
    table: &Table,
    route: &Route,
    t: &codegen::model::PatchTable,
    items: &[Value],
) -> Result<(), Answer> {
    let refuse = |fault: Fault, message: &str, rule: String| {
        let (status, message) = error_body::for_fault(route, fault, message);
        Answer::broke(table, status, &message, rule)
    };
    let patches =
        wire::patches(t, items).map_err(|(fault, e)| refuse(fault, &e, format!("patch: {e}")))?;
    match crate::checked::check_patches(&table.name, &route.op, &patches) {
        Some(Err(e)) => Err(refuse(
            decoding_fault(&e),
            &format!("The patch does not match the documented values: {e}"),
            format!("decoding: {e}"),
        )),
        Some(Ok(Err(violations))) => Err(violation(table, route, &violations)),
        Some(Ok(Ok(()))) | None => Ok(()),
    }
}

/// No provider of this build takes JSON Patch, so no route has a patch
/// table to reach this with.
#[cfg(not(json_patch))]
fn patch_body(
    _table: &Table,
    _route: &Route,
    _t: &codegen::model::PatchTable,
    _items: &[Value],
) -> Result<(), Answer> {
    Ok(())
}

/// The fault of a body that does not decode into its request type: a
/// required field absent, else a value of the wrong type or not among the
/// documented ones.
fn decoding_fault(serde_error: &str) -> Fault {
    if serde_error.starts_with("missing field") {
        Fault::Missing
    } else {
        Fault::Invalid
    }
}

/// The documented error of the first violation: its status and message.
fn violation(table: &Table, route: &Route, violations: &ValidationErrors) -> Answer {
    let Some(first) = violations.0.first() else {
        let (status, message) = error_body::for_fault(route, Fault::Invalid, "");
        return Answer::broke(table, status, &message, String::new());
    };
    let rule = format!("{} {}", first.path, first.rule.name());
    // Every rule the client checks is a fault of the language.
    let fault = Fault::of_rule(first.rule.name()).unwrap_or(Fault::Invalid);
    let (status, message) = error_body::for_fault(route, fault, &first.message);
    Answer::broke(table, status, &message, rule)
}

/// The token endpoint's path, for a provider that authenticates with
/// OAuth client credentials.
pub(crate) fn token_path(table: &Table) -> Option<String> {
    table.auth.iter().find_map(|a| match a {
        Auth::ClientCredentials { token_url, .. } => {
            let after_scheme = token_url
                .split_once("://")
                .map_or(token_url.as_str(), |(_, r)| r);
            let path = match after_scheme.find('/') {
                Some(i) if token_url.contains("://") => &after_scheme[i..],
                _ => after_scheme,
            };
            Some(path.to_string())
        }
        _ => None,
    })
}

/// `Err(rule)` when no documented scheme of `table` accepts the
/// `Authorization` header (or it is not the `expected` one, when a test set
/// one).
pub(crate) fn check_auth(
    table: &Table,
    expected: Option<&str>,
    headers: &[(String, String)],
) -> Result<(), String> {
    let Some(value) = header(headers, "authorization") else {
        return Err("authentication: no `Authorization` header".into());
    };
    if let Some(expected) = expected {
        return if value == expected {
            Ok(())
        } else {
            Err("authentication: not the expected credentials".into())
        };
    }
    let accepted = table.auth.iter().any(|a| match a {
        Auth::Basic { .. } => value
            .strip_prefix("Basic ")
            .and_then(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
            .is_some_and(|d| d.contains(&b':')),
        Auth::Bearer { .. } | Auth::ClientCredentials { .. } => value
            .strip_prefix("Bearer ")
            .is_some_and(|t| !t.trim().is_empty()),
    });
    if accepted {
        Ok(())
    } else {
        Err("authentication: not a documented scheme".into())
    }
}

/// The first required header the request lacks (or sends with another
/// value than its fixed one).
pub(crate) fn missing_header(
    table: &Table,
    route: &Route,
    headers: &[(String, String)],
) -> Option<String> {
    let per_call = route.request.iter().flat_map(|r| r.headers.iter());
    table
        .headers
        .iter()
        .chain(per_call)
        .filter(|h| h.required || h.constant.is_some())
        .find(|h| match (header(headers, &h.wire), &h.constant) {
            (None, _) => h.required,
            (Some(v), Some(c)) => v != c,
            (Some(v), None) => v.is_empty(),
        })
        .map(|h| h.wire.clone())
}
