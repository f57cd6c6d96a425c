//! An operation's documented errors tied to their causes (`cause:`): each
//! kind with the keys it takes, a `field` that names a member of the body
//! or resource it is about, an `equals` that is one of that member's
//! values, a cause the operation can meet, and no cause given to two
//! errors (the mock could not tell which one to answer).

use std::collections::BTreeMap;

use indexmap::IndexMap;

use super::{Checker, Ty};
use crate::lang::{CauseKind, Constraint, Fault, Kind, Scalar, Template};
use crate::load::model::{Cause, ErrorCase, Field, Operation};
use crate::load::{LoadedSpec, SpecPath};

/// Each docs message a constraint carries (`messages:`), with the rules
/// that carry it, in the spec's order.
pub(crate) type RuleMessages<'a> = BTreeMap<&'a str, Vec<&'a Constraint>>;

/// [`RuleMessages`] of the whole spec: the fields of its types, path
/// parameters and requests, and its types' own validation. Gathered once,
/// so tying errors to constraints stays linear in the spec's size.
fn rule_messages(loaded: &LoadedSpec) -> RuleMessages<'_> {
    let spec = &loaded.spec;
    let fields = spec.types.values().flat_map(|d| d.fields.values()).chain(
        spec.operations.values().flat_map(|o| {
            o.path_params.values().chain(
                o.request
                    .iter()
                    .flat_map(|r| r.carried_fields().chain(r.patch_params.values())),
            )
        }),
    );
    let validations = fields
        .map(|f| &f.validation)
        .chain(spec.types.values().map(|d| &d.validation));
    let mut out: RuleMessages<'_> = BTreeMap::new();
    for v in validations {
        for (rule, m) in &v.messages {
            out.entry(m.as_str()).or_default().push(rule);
        }
    }
    out
}

impl<'a> Checker<'a> {
    /// The `cause:` of each error of `op` (at `path`, the operation).
    pub(super) fn causes(&mut self, path: &SpecPath, op: &'a Operation) {
        // Who claimed what first: a fault, or a kind that can only have one
        // error (credentials, not found, a state value).
        let mut claimed: BTreeMap<String, usize> = BTreeMap::new();
        for (i, e) in op.errors.iter().enumerate() {
            let at = path.key("errors").index(i).key("cause");
            if e.cause.list.is_empty() {
                self.err_value(
                    &at,
                    "an empty list of causes",
                    "give the error its cause, `{ kind: … }`, or list several",
                );
            }
            if e.cause.list.len() > 1 && e.cause.list.iter().any(|c| c.kind == CauseKind::Summary) {
                self.err_value(
                    &at,
                    "`kind: summary` is listed with other causes",
                    "a status's general entry sums up the other errors: give it `kind: summary` alone",
                );
            }
            for (j, cause) in e.cause.list.iter().enumerate() {
                let cp = if e.cause.is_list {
                    at.index(j)
                } else {
                    at.clone()
                };
                self.cause(&cp, op, (i, e), cause, &mut claimed);
            }
        }
    }

    /// One cause of the error `i` (at `cp`), and the claim it makes.
    fn cause(
        &mut self,
        cp: &SpecPath,
        op: &'a Operation,
        (i, e): (usize, &ErrorCase),
        cause: &Cause,
        claimed: &mut BTreeMap<String, usize>,
    ) {
        {
            self.cause_keys(cp, cause, op);
            self.cause_members(cp, cause, op);
            let field = cause.field.clone().unwrap_or_default();
            let claims: Vec<String> = match cause.kind {
                CauseKind::Request => cause.broken.iter().map(|f| format!("`{f}`")).collect(),
                CauseKind::Credentials | CauseKind::NotFound => vec![format!("`{}`", cause.kind)],
                CauseKind::Conflict => vec![format!("`conflict` at `{field}`")],
                CauseKind::Version => vec![format!("`version` at `{field}`")],
                CauseKind::State => {
                    let equals = cause
                        .equals
                        .as_ref()
                        .and_then(|v| serde_json::to_string(v).ok())
                        .unwrap_or_default();
                    vec![format!("`state` `{field}` = {equals}")]
                }
                CauseKind::Business | CauseKind::Provider | CauseKind::Summary => Vec::new(),
            };
            let linked = self.linked_by_message(&e.message, cause);
            for claim in claims {
                if linked.contains(&claim) {
                    // The constraint names this error by its message.
                    continue;
                }
                if let Some(first) = claimed.get(&claim) {
                    let (already, hint) = if *first == i {
                        (
                            "is listed twice among this error's causes".to_string(),
                            "list it once",
                        )
                    } else {
                        (
                            format!("is already the cause of errors[{first}]"),
                            "one cause gets one documented error, so the mock knows what to answer: give it to one error (`kind: summary` for a status's general entry)",
                        )
                    };
                    self.err_value(cp, format!("{claim} {already}"), hint);
                } else {
                    claimed.insert(claim, i);
                }
            }
        }
    }

    /// The claims of `cause` that a constraint ties to this error by its
    /// message (`messages: { unique_by: "DUPLICATE_REFERENCE_ID: …" }`):
    /// several errors may share such a fault, each with its constraints.
    fn linked_by_message(&self, message: &Option<String>, cause: &Cause) -> Vec<String> {
        let Some(message) = message.as_deref().filter(|m| !m.is_empty()) else {
            return Vec::new();
        };
        let spec = self.spec;
        let messages = self.rule_messages.get_or_init(|| rule_messages(spec));
        messages
            .get(message)
            .into_iter()
            .flatten()
            .filter(|rule| cause.broken.iter().any(|f| f.name() == rule.name()))
            .map(|rule| format!("`{rule}`"))
            .collect()
    }

    /// The keys `cause.kind` takes, and whether the operation can meet it.
    fn cause_keys(&mut self, cp: &SpecPath, cause: &Cause, op: &Operation) {
        let kind = cause.kind;
        let wants_broken = kind == CauseKind::Request;
        let wants_field = matches!(
            kind,
            CauseKind::Conflict | CauseKind::Version | CauseKind::State
        );
        let wants_equals = kind == CauseKind::State;
        if wants_broken && cause.broken.is_empty() {
            let all: Vec<String> = Fault::ALL.iter().map(|f| format!("`{f}`")).collect();
            self.err_value(
                &cp.key("kind"),
                "`kind: request` names the rules the request breaks",
                format!("add `broken: [...]` with some of: {}", all.join(", ")),
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
                    "a JSON Pointer is `/` and a member name for each step (`/order/version`), with `~0` for `~` and `~1` for `/`",
                ),
                Some(_) => {}
            }
        } else if cause.field.is_some() {
            self.unused(
                cp,
                "field",
                kind,
                "conflict`, `kind: version` or `kind: state",
            );
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
        match (&cause.rule, kind) {
            (Some(text), CauseKind::Business) => {
                if let Err(e) = crate::model::BusinessRule::new(&self.spec.spec, op, text) {
                    self.err_value(&cp.key("rule"), e.message, e.hint);
                }
            }
            (Some(_), _) => self.unused(cp, "rule", kind, "business"),
            (None, _) => {}
        }
        // What the operation must have for the cause to happen.
        let request = op.request.as_ref();
        let has_id = !op.path_params.is_empty();
        let needs = match kind {
            CauseKind::Conflict | CauseKind::Version if request.is_none() => Some("a request body"),
            CauseKind::NotFound | CauseKind::State | CauseKind::Version if !has_id => {
                Some("a path parameter naming the resource")
            }
            _ => None,
        };
        if let Some(needs) = needs {
            self.err_value(
                &cp.key("kind"),
                format!("this operation cannot meet `kind: {kind}`"),
                format!("`kind: {kind}` needs {needs}"),
            );
        }
        for (j, fault) in cause.broken.iter().enumerate() {
            let needs = match fault {
                _ if request.is_none() => Some("a request body"),
                Fault::NotPatchable
                | Fault::PatchPath
                | Fault::PatchPointer
                | Fault::PatchValue
                | Fault::PatchTarget
                | Fault::PatchFilter => request
                    .filter(|r| r.patches.is_empty())
                    .map(|_| "a JSON Patch request (`patches:`)"),
                Fault::Rejected => request
                    .filter(|r| r.rejects.is_empty())
                    .map(|_| "fields the operation `rejects`"),
                _ => None,
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

    /// A `conflict` field names a member the request sends (a documented
    /// JSON Patch path, or a field of the body); a `version` field an
    /// integer the body sends and the success response's type holds; a
    /// `state` field a member of the success response's type, and
    /// `equals` one of its values.
    fn cause_members(&mut self, cp: &SpecPath, cause: &Cause, op: &'a Operation) {
        let Some(pointer) = cause.field.as_deref().filter(|f| is_pointer(f)) else {
            return;
        };
        let found = match (cause.kind, op.request.as_ref()) {
            (CauseKind::Conflict, Some(r)) if !r.patches.is_empty() => {
                let listed = r.patches.keys().any(|t| {
                    Template::parse(t).is_some_and(|t| t.match_pointer(pointer).is_some())
                });
                if listed {
                    return;
                }
                Err("no documented patch path".to_string())
            }
            (CauseKind::Conflict, Some(r)) => self.member_at(&r.fields, pointer, "the request"),
            // A version is sent in the body and held in the resource, and
            // counts: an integer in both.
            (CauseKind::Version, Some(r)) => {
                let held = op
                    .response
                    .ty
                    .as_deref()
                    .and_then(|t| self.lookup(t))
                    .and_then(|t| match t {
                        Ty::Named(name, def) => Some((name, def)),
                        _ => None,
                    });
                let sent = self.member_at(&r.fields, pointer, "the request");
                let kept = held
                    .map(|(name, def)| self.member_at(&def.fields, pointer, &format!("`{name}`")));
                match (sent, kept) {
                    (Err(why), _) | (_, Some(Err(why))) => Err(why),
                    (Ok(ty), _) if !matches!(ty, Ty::Scalar(s) if s.is_integral()) => {
                        Err("no integer: a version counts its updates".to_string())
                    }
                    (Ok(ty), _) => Ok(ty),
                }
            }
            (CauseKind::State, _) => {
                let Some(Some(Ty::Named(name, def))) =
                    op.response.ty.as_deref().map(|t| self.lookup(t))
                else {
                    // No response type to read it in: the docs say what the
                    // resource holds.
                    return;
                };
                self.member_at(&def.fields, pointer, &format!("`{name}`"))
            }
            _ => return,
        };
        match found {
            Err(why) => self.err_value(
                &cp.key("field"),
                format!("`{pointer}` names {why}"),
                "the pointer follows field names (and list indexes) from the body or the resource",
            ),
            Ok(ty) => {
                let scalar = |v: &&serde_yaml::Value| v.is_string() || v.is_bool() || v.is_number();
                if let Some(equals) = cause.equals.as_ref().filter(scalar) {
                    if let Some(why) = not_a_value_of(&ty, equals) {
                        self.err_value(&cp.key("equals"), why, "name a value the field can hold");
                    }
                }
            }
        }
    }

    /// The type of the member `pointer` names below `fields` (in `what`).
    fn member_at(
        &self,
        fields: &'a IndexMap<String, Field>,
        pointer: &str,
        what: &str,
    ) -> Result<Ty<'a>, String> {
        let mut fields = Some(fields);
        let mut current: Option<Ty<'a>> = None;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            let next = match (fields, &current) {
                (Some(fs), _) => fs
                    .get(&token)
                    .and_then(|f| self.lookup_field(f))
                    .ok_or_else(|| format!("no field `{token}` of {what}"))?,
                (None, Some(Ty::List(item))) if token.parse::<usize>().is_ok() => (**item).clone(),
                (None, Some(Ty::Map(item))) => (**item).clone(),
                _ => return Err(format!("no member `{token}` of {what}")),
            };
            fields = None;
            current = Some(match next {
                Ty::Named(_, def) if def.kind == Kind::Object => {
                    fields = Some(&def.fields);
                    next
                }
                Ty::Named(_, def) if matches!(def.kind, Kind::List | Kind::Map) => {
                    let item = def
                        .items
                        .as_deref()
                        .and_then(|i| self.lookup(i))
                        .ok_or_else(|| format!("no member `{token}` of {what}"))?;
                    if def.kind == Kind::List {
                        Ty::List(Box::new(item))
                    } else {
                        Ty::Map(Box::new(item))
                    }
                }
                other => other,
            });
        }
        current.ok_or_else(|| format!("no member of {what}"))
    }

    fn unused(&mut self, cp: &SpecPath, key: &str, kind: CauseKind, takes: &str) {
        self.err_key(
            &cp.key(key),
            format!("`{key}` has no meaning for `kind: {kind}`"),
            format!("only `kind: {takes}` takes `{key}`"),
        );
    }
}

/// Why `v` is not a value a member of type `ty` holds (`None` when it is).
fn not_a_value_of(ty: &Ty<'_>, v: &serde_yaml::Value) -> Option<String> {
    let shown = serde_json::to_string(v).unwrap_or_default();
    match ty {
        Ty::Named(name, def) if def.kind == Kind::Enum => {
            let known = v
                .as_str()
                .is_some_and(|s| def.values.iter().any(|x| x.value == s));
            (!known).then(|| {
                let values: Vec<String> = def
                    .values
                    .iter()
                    .map(|x| format!("`{}`", x.value))
                    .collect();
                format!("{shown} is not a value of `{name}` ({})", values.join(", "))
            })
        }
        Ty::Scalar(Scalar::Boolean) => (!v.is_bool()).then(|| format!("{shown} is not a boolean")),
        Ty::Scalar(s) if s.is_numeric() => {
            (!v.is_number() && !s.is_decimal()).then(|| format!("{shown} is not a number"))
        }
        Ty::Scalar(s) if s.is_textual() => (!v.is_string()).then(|| format!("{shown} is not text")),
        // An expandable field sends its id.
        Ty::Scalar(_) | Ty::AnyScalar | Ty::Expandable(_) => None,
        _ => Some(format!(
            "{shown} cannot be the value of a list, map or object"
        )),
    }
}

/// Whether `s` is a JSON Pointer (RFC 6901) that names a member.
fn is_pointer(s: &str) -> bool {
    !s.is_empty() && crate::lang::is_json_pointer(s)
}

#[cfg(test)]
mod tests {
    use super::is_pointer;

    #[test]
    fn pointers_follow_rfc_6901() {
        for ok in ["/a", "/a/b", "/a~1b", "/m~0n", "/", "//x", "/0"] {
            assert!(is_pointer(ok), "{ok}");
        }
        for bad in ["", "a", "a/b", "/a~", "/a~2", "/~x"] {
            assert!(!is_pointer(bad), "{bad}");
        }
    }
}
