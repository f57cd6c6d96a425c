//! Checks of `idempotency:`, the member an operation's idempotency key
//! goes in.

use super::Checker;
use crate::load::model::{Constraints, Operation};
use crate::load::SpecPath;

/// Characters of the keys the client generates (a UUID).
pub const KEY_LENGTH: u64 = 36;

/// A key of the form the client generates.
const SAMPLE_KEY: &str = "123e4567-e89b-42d3-a456-426614174000";

/// What a key holder is, for the checks.
struct Holder<'s> {
    what: &'static str,
    name: &'s str,
    required: bool,
    constant: bool,
    sensitive: bool,
    validation: &'s Constraints,
}

impl Checker<'_> {
    /// An operation's `idempotency:` names one optional, non-secret text
    /// member of its request: a per-operation header or a body field, which
    /// the client fills with a new key when the caller leaves it unset.
    pub(super) fn idempotency(&mut self, path: &SpecPath, op: &Operation) {
        let Some(i) = &op.idempotency else {
            return;
        };
        let at = path.key("idempotency");
        if op.request.is_none() {
            self.err_key(
                &at,
                "an operation without a `request:` has nowhere to put an idempotency key",
                "per-operation headers and body fields live on the request type; add `request:`",
            );
            return;
        }
        let holder = match (&i.header, &i.field) {
            (Some(h), None) => {
                let Some((name, header)) =
                    op.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(h))
                else {
                    self.err_value(
                        &at.key("header"),
                        format!("`{h}` is not one of the operation's `headers:`"),
                        "declare it under the operation's `headers:`, with its description and limits",
                    );
                    return;
                };
                Holder {
                    what: "header",
                    name,
                    required: header.required,
                    constant: header.constant.is_some(),
                    sensitive: header.sensitive,
                    validation: &header.validation,
                }
            }
            (None, Some(f)) => {
                let fields = op.request.as_ref().map(|r| &r.fields);
                let Some((name, field)) = fields.and_then(|fs| fs.get_key_value(f)) else {
                    self.err_value(
                        &at.key("field"),
                        format!("`{f}` is not one of the request's `fields:`"),
                        "declare it under the request's `fields:`, with its description and limits",
                    );
                    return;
                };
                if field.ty != "string" || field.nullable {
                    self.err_value(
                        &at.key("field"),
                        format!("the idempotency key `{f}` is not a plain `string` field"),
                        "a key is text: `type: string`, not `nullable`",
                    );
                    return;
                }
                Holder {
                    what: "field",
                    name,
                    required: field.required,
                    constant: field.constant.is_some(),
                    sensitive: field.sensitive,
                    validation: &field.validation,
                }
            }
            _ => {
                self.err_key(
                    &at,
                    "`idempotency:` names one `header:` or one `field:`",
                    "e.g. `idempotency: { header: Idempotency-Key }` or `idempotency: { field: idempotency_key }`",
                );
                return;
            }
        };
        self.key_holder(&at.key(holder.what), &holder);
    }

    fn key_holder(&mut self, at: &SpecPath, h: &Holder<'_>) {
        let (what, name) = (h.what, h.name);
        let problem = if h.required {
            Some(format!("the {what} `{name}` is required, but the client fills the key in when the caller leaves it out"))
        } else if h.constant {
            Some(format!(
                "the {what} `{name}` has a `const` value; a key is new for every call"
            ))
        } else if h.sensitive {
            Some(format!("the {what} `{name}` is sensitive; an idempotency key is not a secret, and the client generates it"))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.err_value(
                at,
                problem,
                "declare the key optional, without `const` or `sensitive`",
            );
            return;
        }
        // The generated key must pass every constraint the key has, or a
        // call without the caller's key would fail validation.
        let v = h.validation;
        let problem = if let Some(max) = v.max_length.filter(|m| *m < KEY_LENGTH) {
            Some(format!("allows {max} characters"))
        } else if let Some(min) = v.min_length.filter(|m| *m > KEY_LENGTH) {
            Some(format!("needs at least {min} characters"))
        } else if v.allowed.is_some() {
            Some("allows a fixed list of values".to_string())
        } else if v
            .pattern
            .as_deref()
            .is_some_and(|p| regex_lite::Regex::new(p).is_ok_and(|re| !re.is_match(SAMPLE_KEY)))
        {
            Some(format!(
                "has a `pattern` a UUID such as `{SAMPLE_KEY}` does not match"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            self.err_value(
                at,
                format!("the {what} `{name}` {problem}; the keys the client generates are UUIDs ({KEY_LENGTH} characters)"),
                "check the docs' limits: a generated key must pass them",
            );
        }
    }
}
