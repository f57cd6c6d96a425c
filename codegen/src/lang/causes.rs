//! The words of an error's `cause:`: its kind, and the faults a request
//! can have (the rules of the language, and what a server finds before
//! them), with JSON Pointer syntax, which causes name members by.

use serde::Deserialize;

#[cfg(test)]
use super::{Constraint, Group};

/// What makes the provider answer with a documented error (an error's
/// `cause.kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// `request`: the request breaks one of the rules under `broken`.
    Request,
    /// `credentials`: no credentials, or ones the provider does not accept.
    Credentials,
    /// `not_found`: the path names a resource the provider does not hold.
    NotFound,
    /// `conflict`: the request's value at `field` differs from the held
    /// resource's (an optimistic-concurrency version, a value that cannot
    /// change).
    Conflict,
    /// `version`: the request's value at `field` is not the held
    /// resource's current version, which each applied update increments
    /// (optimistic concurrency).
    Version,
    /// `state`: the held resource's value at `field` is `equals`.
    State,
    /// `business`: a rule about the request that the docs state in prose
    /// only (arithmetic across fields, what a country requires).
    Business,
    /// `provider`: decided on the provider's side (the account, its
    /// permissions, rate limits).
    Provider,
    /// `summary`: sums up the other errors of its status (the general
    /// entry of a status whose cases are listed one by one).
    Summary,
}

spec_words!(CauseKind {
    Request = "request",
    Credentials = "credentials",
    NotFound = "not_found",
    Conflict = "conflict",
    Version = "version",
    State = "state",
    Business = "business",
    Provider = "provider",
    Summary = "summary",
});

/// A way a request can be wrong (an item of an error's `cause.broken`):
/// a constraint or cross-field rule, by its name in the language, or what
/// the server finds before those.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// `min_length`
    MinLength,
    /// `max_length`
    MaxLength,
    /// `minimum`
    Minimum,
    /// `maximum`
    Maximum,
    /// `pattern`
    Pattern,
    /// `allowed`
    Allowed,
    /// `min_items`
    MinItems,
    /// `max_items`
    MaxItems,
    /// `max_entries`
    MaxEntries,
    /// `max_key_length`
    MaxKeyLength,
    /// `max_value_length`
    MaxValueLength,
    /// `scalar_values`
    ScalarValues,
    /// `unique_by`
    UniqueBy,
    /// `format`: not in the format of its type (a currency code, a URL).
    Format,
    /// `required`: a cross-field rule's required field.
    Required,
    /// `forbid`: a cross-field rule's forbidden field.
    Forbid,
    /// `at_least_one_of`
    AtLeastOneOf,
    /// `exactly_one_of`
    ExactlyOneOf,
    /// `mutually_exclusive`
    MutuallyExclusive,
    /// `malformed`: the body is not in its encoding (JSON that does not
    /// parse).
    Malformed,
    /// `missing`: a required field is absent.
    Missing,
    /// `invalid`: a value of the wrong type, or not one of a closed enum's.
    Invalid,
    /// `rejected`: a field the operation `rejects`.
    Rejected,
    /// `not_patchable`: a JSON Patch operation at a path the docs do not
    /// list.
    NotPatchable,
    /// `patch_path`: a JSON Patch operation without its `path`.
    PatchPath,
    /// `patch_pointer`: a JSON Patch `path` that is not a JSON Pointer.
    PatchPointer,
    /// `patch_value`: an `add` or `replace` without its `value`.
    PatchValue,
    /// `patch_target`: an `add` at a member that is present, a `replace`
    /// or `remove` at one that is absent (or whose parent is absent).
    PatchTarget,
    /// `patch_filter`: a `@member=='value'` step of a JSON Patch path
    /// that matches no item of the list.
    PatchFilter,
}

spec_words!(Fault {
    MinLength = "min_length",
    MaxLength = "max_length",
    Minimum = "minimum",
    Maximum = "maximum",
    Pattern = "pattern",
    Allowed = "allowed",
    MinItems = "min_items",
    MaxItems = "max_items",
    MaxEntries = "max_entries",
    MaxKeyLength = "max_key_length",
    MaxValueLength = "max_value_length",
    ScalarValues = "scalar_values",
    UniqueBy = "unique_by",
    Format = "format",
    Required = "required",
    Forbid = "forbid",
    AtLeastOneOf = "at_least_one_of",
    ExactlyOneOf = "exactly_one_of",
    MutuallyExclusive = "mutually_exclusive",
    Malformed = "malformed",
    Missing = "missing",
    Invalid = "invalid",
    Rejected = "rejected",
    NotPatchable = "not_patchable",
    PatchPath = "patch_path",
    PatchPointer = "patch_pointer",
    PatchValue = "patch_value",
    PatchTarget = "patch_target",
    PatchFilter = "patch_filter",
});

impl Fault {
    /// The fault of a validation rule, by the name the client's
    /// `Violation` gives it.
    pub fn of_rule(name: &str) -> Option<Fault> {
        Fault::ALL
            .iter()
            .copied()
            .find(|f| f.is_constraint() && f.name() == name)
    }

    /// A constraint or cross-field rule, which the client checks before
    /// sending.
    pub fn is_constraint(self) -> bool {
        self.describe().is_none()
    }

    /// What a request at this fault does, for the ones that are not a
    /// rule of the language (`None` for those).
    pub fn describe(self) -> Option<&'static str> {
        Some(match self {
            Fault::Malformed => "is not well-formed",
            Fault::Missing => "lacks a required field",
            Fault::Invalid => "has a value of the wrong type or not among the documented ones",
            Fault::Rejected => "sends a field this operation rejects",
            Fault::NotPatchable => "patches a path the docs do not list",
            Fault::PatchPath => "has a patch operation without a `path`",
            Fault::PatchPointer => "has a patch `path` that is not a JSON Pointer",
            Fault::PatchValue => "has an `add` or `replace` without a `value`",
            Fault::PatchTarget => {
                "adds a member that is present, or replaces or removes one that is absent"
            }
            Fault::PatchFilter => "patches a list item its filter does not find",
            _ => return None,
        })
    }
}

/// Whether `s` is a JSON Pointer (RFC 6901): empty (the whole document),
/// or `/` and a token for each step, with `~` only as `~0` or `~1`.
pub fn is_json_pointer(s: &str) -> bool {
    s.is_empty()
        || (s.starts_with('/')
            && s.split('/').skip(1).all(|token| {
                let mut chars = token.chars();
                while let Some(c) = chars.next() {
                    if c == '~' && !matches!(chars.next(), Some('0' | '1')) {
                        return false;
                    }
                }
                true
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The faults that are rules are exactly the language's constraints,
    /// `format`, the cross-field `required` and `forbid`, and the group
    /// rules, by the same names (the client's `Violation` reports them).
    #[test]
    fn fault_rules_are_the_language_rules() {
        let rules: Vec<&str> = Fault::ALL
            .iter()
            .filter(|f| f.is_constraint())
            .map(|f| f.name())
            .collect();
        let mut language: Vec<&str> = Constraint::ALL.iter().map(|c| c.name()).collect();
        language.extend(["format", "required", "forbid"]);
        language.extend(Group::ALL.iter().map(|g| g.name()));
        assert_eq!(rules, language);
        for name in &rules {
            assert_eq!(Fault::of_rule(name).map(Fault::name), Some(*name));
        }
        assert_eq!(Fault::of_rule("malformed"), None, "not a rule");
        assert!(Fault::ALL
            .iter()
            .filter(|f| !f.is_constraint())
            .all(|f| f.describe().is_some_and(|d| !d.is_empty())));
    }
}
