//! An operation's documented errors and what causes each: which one a
//! failure gets is decided here, once, for the client's docs and the mock.

use super::Operation;
use crate::lang::Fault;

/// A documented failure of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentedError {
    /// HTTP status.
    pub status: u16,
    /// The docs' message; empty when they give none.
    pub message: String,
    /// What makes the provider answer with it: each cause the docs give
    /// (one, mostly).
    pub causes: Vec<ErrorCause>,
}

impl DocumentedError {
    /// Whether a request breaking `fault` gets this error.
    pub fn covers(&self, fault: Fault) -> bool {
        self.causes.iter().any(|c| c.covers(fault))
    }

    /// Whether `cause` is one of its causes.
    pub fn has_cause(&self, cause: &ErrorCause) -> bool {
        self.causes.contains(cause)
    }

    /// Its causes as a sentence, for the client's docs.
    pub fn describe(&self) -> String {
        let each: Vec<String> = self.causes.iter().map(ErrorCause::describe).collect();
        each.join(" Or: ")
    }
}

/// What makes the provider answer with a documented error.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorCause {
    /// The request breaks one of these rules.
    Request(Vec<Fault>),
    /// No credentials, or ones the provider does not accept.
    Credentials,
    /// The path names a resource the provider does not hold.
    NotFound,
    /// The request's value at this JSON Pointer differs from the held
    /// resource's.
    Conflict(String),
    /// The request's value at this JSON Pointer is not the held
    /// resource's current version; each applied update increments it.
    Version(String),
    /// The held resource's value at `pointer` is `equals`.
    State {
        /// JSON Pointer into the held resource.
        pointer: String,
        /// The value the operation refuses.
        equals: serde_json::Value,
    },
    /// A rule about the updated resource that the docs state in prose:
    /// stated as a rule when the spec gives one (`cause.rule`).
    Business(Option<super::BusinessRule>),
    /// Decided on the provider's side (account, permissions, limits).
    Provider,
    /// Sums up the other errors of its status.
    Summary,
}

impl ErrorCause {
    /// Whether a request breaking `fault` gets this error.
    pub fn covers(&self, fault: Fault) -> bool {
        matches!(self, ErrorCause::Request(faults) if faults.contains(&fault))
    }

    /// The cause as a sentence, for the client's docs.
    pub fn describe(&self) -> String {
        match self {
            ErrorCause::Request(faults) => {
                let rules: Vec<String> = faults
                    .iter()
                    .filter(|f| f.is_constraint())
                    .map(|f| format!("`{f}`"))
                    .collect();
                let mut parts: Vec<String> = Vec::new();
                if !rules.is_empty() {
                    parts.push(format!("breaks {}", or_list(&rules)));
                }
                parts.extend(faults.iter().filter_map(|f| f.describe().map(String::from)));
                format!("the request {}.", or_list(&parts))
            }
            ErrorCause::Credentials => "credentials missing or not accepted.".into(),
            ErrorCause::NotFound => "no resource with that id.".into(),
            ErrorCause::Conflict(p) => {
                format!("the request changes `{p}`, which must stay as the provider holds it.")
            }
            ErrorCause::Version(p) => format!(
                "the request's `{p}` is not the resource's current version (each update increments it)."
            ),
            ErrorCause::State { pointer, equals } => {
                format!("the resource's `{pointer}` is `{equals}`.")
            }
            ErrorCause::Business(None) => {
                "a rule the docs state in prose only, not checked before sending.".into()
            }
            ErrorCause::Business(Some(rule)) => format!(
                "the resource, once updated, breaks the rule {}; the provider checks it, not the client.",
                crate::markdown::code_span(&rule.text)
            ),
            ErrorCause::Provider => {
                "the provider's side (the account, permissions, limits).".into()
            }
            ErrorCause::Summary => "any of the other errors of this status.".into(),
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

impl Operation {
    /// The documented error a request at `fault` gets: the one whose
    /// message is the broken rule's own (`own`, when the docs give the rule
    /// a message), else the one whose cause covers the fault.
    pub fn error_for(&self, fault: Fault, own: &str) -> Option<&DocumentedError> {
        let by_message = (!own.is_empty())
            .then(|| self.errors.iter().find(|e| e.message == own))
            .flatten();
        by_message.or_else(|| self.errors.iter().find(|e| e.covers(fault)))
    }

    /// The documented error whose cause is `cause` (credentials, not found).
    pub fn error_caused_by(&self, cause: &ErrorCause) -> Option<&DocumentedError> {
        self.errors.iter().find(|e| e.has_cause(cause))
    }

    /// The status of a bad request that no documented error names: the
    /// documented 400, else the documented 422, else 400.
    pub fn bad_request_status(&self) -> u16 {
        [400, 422]
            .into_iter()
            .find(|s| self.errors.iter().any(|e| e.status == *s))
            .unwrap_or(400)
    }

    /// The first documented error whose business rule `updated` (the
    /// resource as an update would leave it) breaks, with the rule, in the
    /// docs' order.
    pub fn broken_business_rule(
        &self,
        updated: &serde_json::Value,
    ) -> Option<(&DocumentedError, &super::BusinessRule)> {
        self.errors.iter().find_map(|e| {
            e.causes.iter().find_map(|c| match c {
                ErrorCause::Business(Some(rule)) if rule.broken_by(updated) => Some((e, rule)),
                _ => None,
            })
        })
    }

    /// The documented errors the held resource decides, with the cause
    /// that decides, in the order a server finds them: its state first,
    /// then a stale version, then a member the update must not change.
    pub fn state_errors(&self) -> impl Iterator<Item = (&DocumentedError, &ErrorCause)> {
        let of = |pick: fn(&ErrorCause) -> bool| {
            self.errors
                .iter()
                .flat_map(|e| e.causes.iter().map(move |c| (e, c)))
                .filter(move |(_, c)| pick(c))
        };
        of(|c| matches!(c, ErrorCause::State { .. }))
            .chain(of(|c| matches!(c, ErrorCause::Version(_))))
            .chain(of(|c| matches!(c, ErrorCause::Conflict(_))))
    }

    /// The JSON Pointers of the versions each applied update increments.
    pub fn versions(&self) -> impl Iterator<Item = &str> {
        self.errors
            .iter()
            .flat_map(|e| &e.causes)
            .filter_map(|c| match c {
                ErrorCause::Version(p) => Some(p.as_str()),
                _ => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(status: u16, message: &str, cause: ErrorCause) -> DocumentedError {
        DocumentedError {
            status,
            message: message.into(),
            causes: vec![cause],
        }
    }

    fn operation(errors: Vec<DocumentedError>) -> Operation {
        Operation {
            ident: "update".into(),
            docs: Vec::new(),
            notes: Vec::new(),
            method: crate::lang::Method::Patch,
            path: crate::lang::Template::parse("/orders/{id}").expect("a template"),
            path_params: Vec::new(),
            request: None,
            success_status: 200,
            response_type: None,
            error_type: None,
            error_alias: "UpdateError".into(),
            errors,
            retry_safe: false,
            idempotency: None,
            redact_keys: Vec::new(),
        }
    }

    #[test]
    fn a_rules_own_message_wins_then_the_cause_then_nothing() {
        let op = operation(vec![
            error(400, "", ErrorCause::Summary),
            error(
                422,
                "Too long.",
                ErrorCause::Request(vec![Fault::MaxLength]),
            ),
            error(400, "Notes key too long.", ErrorCause::Business(None)),
            error(401, "Who?", ErrorCause::Credentials),
        ]);
        let pick = |fault, own| op.error_for(fault, own).map(|e| e.status);
        assert_eq!(pick(Fault::MaxLength, "Notes key too long."), Some(400));
        assert_eq!(pick(Fault::MaxLength, "another text"), Some(422));
        // An empty message is no message: not the summary without one.
        assert_eq!(pick(Fault::Pattern, ""), None);
        assert_eq!(pick(Fault::MaxLength, ""), Some(422));
        assert_eq!(
            op.error_caused_by(&ErrorCause::Credentials)
                .map(|e| e.status),
            Some(401)
        );
        assert_eq!(op.error_caused_by(&ErrorCause::NotFound), None);
        assert_eq!(op.bad_request_status(), 400);
        assert_eq!(
            operation(vec![error(422, "", ErrorCause::Summary)]).bad_request_status(),
            422
        );
        assert_eq!(operation(Vec::new()).bad_request_status(), 400);
    }

    #[test]
    fn the_state_is_found_before_a_conflict_whatever_the_docs_order() {
        let op = operation(vec![
            error(400, "patch", ErrorCause::Request(vec![Fault::PatchTarget])),
            error(422, "intent", ErrorCause::Conflict("/intent".into())),
            error(
                422,
                "completed",
                ErrorCause::State {
                    pointer: "/status".into(),
                    equals: serde_json::json!("COMPLETED"),
                },
            ),
        ]);
        let order: Vec<&str> = op.state_errors().map(|(e, _)| e.message.as_str()).collect();
        assert_eq!(order, ["completed", "intent"]);
    }

    #[test]
    fn an_error_with_several_causes_is_found_by_each() {
        let mut invalid = error(400, "invalid", ErrorCause::Request(vec![Fault::Malformed]));
        invalid
            .causes
            .push(ErrorCause::Version("/order/version".into()));
        let op = operation(vec![
            error(409, "conflict", ErrorCause::Conflict("/state".into())),
            invalid,
        ]);
        assert_eq!(
            op.error_for(Fault::Malformed, "").map(|e| e.status),
            Some(400)
        );
        assert_eq!(
            op.error_caused_by(&ErrorCause::Version("/order/version".into()))
                .map(|e| e.status),
            Some(400)
        );
        // A stale version is found before a member that must not change.
        let order: Vec<u16> = op.state_errors().map(|(e, _)| e.status).collect();
        assert_eq!(order, [400, 409]);
        assert_eq!(op.versions().collect::<Vec<_>>(), ["/order/version"]);
        assert_eq!(
            op.errors[1].describe(),
            "the request is not well-formed. Or: the request's `/order/version` is not the resource's current version (each update increments it)."
        );
    }

    #[test]
    fn causes_read_as_sentences() {
        let cause = ErrorCause::Request(vec![Fault::MinLength, Fault::MaxLength, Fault::Malformed]);
        assert_eq!(
            cause.describe(),
            "the request breaks `min_length` or `max_length` or is not well-formed."
        );
        assert!(Fault::ALL
            .iter()
            .all(|f| ErrorCause::Request(vec![*f]).covers(*f)));
        assert!(!ErrorCause::Business(None).covers(Fault::Malformed));
    }
}
