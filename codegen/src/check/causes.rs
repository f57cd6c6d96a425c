//! An operation's documented errors tied to their causes (`cause:`): each
//! kind with the keys it takes, JSON Pointers that parse, and no cause
//! claimed by two errors (the mock could not tell which one to answer).

use std::collections::BTreeMap;

use super::Checker;
use crate::lang::{CauseKind, Fault};
use crate::load::model::{Cause, Operation};
use crate::load::SpecPath;

impl Checker<'_> {
    /// The `cause:` of each error of `op` (at `path`, the operation).
    pub(super) fn causes(&mut self, path: &SpecPath, op: &Operation) {
        // Who claimed what first: a fault, or a kind that can only have one
        // error (credentials, not found).
        let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
        for (i, e) in op.errors.iter().enumerate() {
            let Some(cause) = &e.cause else { continue };
            let cp = path.key("errors").index(i).key("cause");
            self.cause_keys(&cp, cause, op);
            let claims: Vec<String> = match cause.kind {
                CauseKind::Request => cause.broken.iter().map(|f| format!("`{f}`")).collect(),
                CauseKind::Credentials | CauseKind::NotFound => vec![format!("`{}`", cause.kind)],
                CauseKind::Conflict | CauseKind::State => {
                    let field = cause.field.clone().unwrap_or_default();
                    vec![format!("`{}` at `{field}`", cause.kind)]
                }
                CauseKind::Business | CauseKind::Provider | CauseKind::Summary => Vec::new(),
            };
            for claim in claims {
                if let Some(first) = claimed.get(&claim) {
                    self.err_value(
                        &cp,
                        format!("{claim} is already the cause of errors[{first}]"),
                        "one cause gets one documented error, so the mock knows what to answer: give it to one error (`kind: summary` for a status's general entry)",
                    );
                } else {
                    claimed.insert(claim, i);
                }
            }
        }
    }

    /// The keys `cause.kind` takes, and their values.
    fn cause_keys(&mut self, cp: &SpecPath, cause: &Cause, op: &Operation) {
        let kind = cause.kind;
        let wants_broken = kind == CauseKind::Request;
        let wants_field = matches!(kind, CauseKind::Conflict | CauseKind::State);
        let wants_equals = kind == CauseKind::State;
        if wants_broken && cause.broken.is_empty() {
            self.err_value(
                &cp.key("kind"),
                "`kind: request` names the rules the request breaks",
                format!(
                    "add `broken: [...]` with some of: {}",
                    names(Fault::ALL.iter().map(|f| f.name()))
                ),
            );
        }
        if !wants_broken && !cause.broken.is_empty() {
            self.unused(cp, "broken", kind, "request");
        }
        if wants_field {
            match &cause.field {
                None => self.err_value(
                    &cp.key("kind"),
                    format!("`kind: {kind}` names the `field` it is about"),
                    "add `field:` with a JSON Pointer (`/order/version`)",
                ),
                Some(f) if !is_pointer(f) => self.err_value(
                    &cp.key("field"),
                    format!("`{f}` is not a JSON Pointer"),
                    "a JSON Pointer starts with `/` and names members (`/order/version`)",
                ),
                Some(_) => {}
            }
        } else if cause.field.is_some() {
            self.unused(cp, "field", kind, "conflict` or `kind: state");
        }
        if wants_equals {
            match &cause.equals {
                None => self.err_value(
                    &cp.key("kind"),
                    "`kind: state` says which value of `field` the operation refuses",
                    "add `equals:` with the value (`equals: COMPLETED`)",
                ),
                Some(v) if !(v.is_string() || v.is_bool() || v.is_number()) => self.err_value(
                    &cp.key("equals"),
                    "`equals` is a string, number or boolean",
                    "name one value of the field",
                ),
                Some(_) => {}
            }
        } else if cause.equals.is_some() {
            self.unused(cp, "equals", kind, "state");
        }
        let request = op.request.as_ref();
        for (j, fault) in cause.broken.iter().enumerate() {
            let needs = match fault {
                Fault::NotPatchable
                | Fault::PatchPath
                | Fault::PatchPointer
                | Fault::PatchValue
                | Fault::PatchTarget => request
                    .filter(|r| r.patches.is_empty())
                    .map(|_| "a JSON Patch request (`patches:`)"),
                Fault::Rejected => request
                    .filter(|r| r.rejects.is_empty())
                    .map(|_| "fields the operation `rejects`"),
                _ => None,
            };
            let needs = if request.is_none() {
                Some("a request body")
            } else {
                needs
            };
            if let Some(needs) = needs {
                self.err_value(
                    &cp.key("broken").index(j),
                    format!("no request of this operation can break `{fault}`"),
                    format!("`{fault}` needs {needs}"),
                );
            }
        }
    }

    fn unused(&mut self, cp: &SpecPath, key: &str, kind: CauseKind, takes: &str) {
        self.err_key(
            &cp.key(key),
            format!("`{key}` has no meaning for `kind: {kind}`"),
            format!("only `kind: {takes}` takes `{key}`"),
        );
    }
}

/// Whether `s` is a JSON Pointer that names at least one member.
fn is_pointer(s: &str) -> bool {
    s.starts_with('/') && s.len() > 1 && !s.contains("//")
}

fn names<'a>(it: impl Iterator<Item = &'a str>) -> String {
    it.map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
