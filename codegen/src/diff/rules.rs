//! The rules table: every kind of change the diff reports, and its severity
//! on each side. This is the only place severities are decided; the walker
//! in `compare` only says *what* changed and on which side, and a change
//! whose cell here is `-` is not reported on that side.
//!
//! The README's table is rendered from this one ([`rules_markdown`]) and a
//! test keeps the two the same.

use serde::{Serialize, Serializer};

use super::{Direction, Severity};

/// One row of the rules table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The kind of change.
    pub kind: Kind,
    /// Its stable name, as in the JSON output (`field_removed`).
    pub name: &'static str,
    /// Severity on the request side; `None`: never reported there.
    pub request: Option<Severity>,
    /// Severity on the response side; `None`: never reported there.
    pub response: Option<Severity>,
    /// Severity for changes to the client as a whole (operations,
    /// providers, their docs); `None`: never reported there.
    pub api: Option<Severity>,
    /// What triggers it.
    pub change: &'static str,
    /// Why it has those severities.
    pub why: &'static str,
}

impl Rule {
    /// The severity of this change on `direction`, if it is reported there.
    pub fn severity(&self, direction: Direction) -> Option<Severity> {
        match direction {
            Direction::Request => self.request,
            Direction::Response => self.response,
            Direction::Api => self.api,
        }
    }
}

macro_rules! sev {
    (-) => {
        None
    };
    (breaking) => {
        Some(Severity::Breaking)
    };
    (compatible) => {
        Some(Severity::Compatible)
    };
    (docs) => {
        Some(Severity::Docs)
    };
}

/// Declares [`Kind`] and [`RULES`] from one list, so they cannot drift:
/// `Variant "name" [request, response, api] "change" "why";`
macro_rules! rules {
    ($( $(#[$doc:meta])* $variant:ident $name:literal [$req:tt, $resp:tt, $api:tt]
        $change:literal $why:literal; )*) => {
        /// A kind of change; its row in [`RULES`] gives its severities.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $( $(#[$doc])* $variant, )*
        }

        /// The rules table, one row a [`Kind`], in declaration order.
        pub const RULES: &[Rule] = &[
            $( Rule {
                kind: Kind::$variant,
                name: $name,
                request: sev!($req),
                response: sev!($resp),
                api: sev!($api),
                change: $change,
                why: $why,
            }, )*
        ];
    };
}

rules! {
    /// A provider that was not there.
    ProviderAdded "provider_added" [-, -, compatible]
        "a provider (spec file) was added"
        "a new module; nothing existing changes";
    /// A provider that is gone.
    ProviderRemoved "provider_removed" [-, -, breaking]
        "a provider was removed (or its `name` changed)"
        "its module and every type in it are gone";
    /// A new operation.
    OperationAdded "operation_added" [-, -, compatible]
        "an operation was added"
        "a new client method; nothing existing changes";
    /// An operation that is gone.
    OperationRemoved "operation_removed" [-, -, breaking]
        "an operation was removed (or renamed)"
        "callers of its method no longer compile";
    /// The HTTP method changed.
    MethodChanged "method_changed" [breaking, -, -]
        "the HTTP method changed"
        "clients built from the old spec send the wrong method";
    /// The path template changed.
    PathChanged "path_changed" [breaking, -, -]
        "the path template changed (renaming a `{placeholder}` alone is not a change)"
        "clients built from the old spec call the wrong URL";
    /// The body encoding changed, or the body appeared or went away.
    EncodingChanged "encoding_changed" [breaking, -, -]
        "the request body's encoding, JSON:API `resource_type` or form conventions changed, the operation gained or lost its body, or a request field's decimals switched between JSON numbers and strings"
        "the bytes on the wire change, and a body added or removed changes the method's parameters";
    /// A retry may now apply the change twice.
    RetryNowUnsafe "retry_now_unsafe" [breaking, -, -]
        "`retry_safe` went from true to false"
        "a retry that was harmless can now apply the change twice; callers that retry must stop";
    /// Retrying became safe.
    RetryNowSafe "retry_now_safe" [compatible, -, -]
        "`retry_safe` went from false to true"
        "the client may now retry the call; nothing a caller wrote breaks";
    /// A newly declared idempotency key.
    IdempotencyAdded "idempotency_added" [compatible, -, -]
        "an operation's `idempotency:` key was declared (or moved to another header or field)"
        "every call now sends a key (the caller's or a new one) and is retried as the policy allows; nothing callers wrote changes";
    /// An idempotency key no longer declared.
    IdempotencyRemoved "idempotency_removed" [breaking, -, -]
        "an operation's `idempotency:` key was removed (or moved to another header or field)"
        "calls no longer carry a generated key, and an operation not `retry_safe` is no longer retried";
    /// A patch that can now be built.
    PatchAdded "patch_added" [compatible, -, -]
        "a JSON Patch request gained a patchable path, or an operation on one"
        "a new patch constructor; every patch callers built is still sent as before";
    /// A patch that can no longer be built.
    PatchRemoved "patch_removed" [breaking, -, -]
        "a JSON Patch request lost a patchable path, or an operation on one (or a path's template changed)"
        "callers of its constructor no longer compile";
    /// Authentication changed.
    AuthChanged "auth_changed" [breaking, -, -]
        "the auth scheme or the names of its credentials changed"
        "callers must supply other credentials";
    /// A new environment.
    EnvironmentAdded "environment_added" [compatible, -, -]
        "an environment was added"
        "a new `Environment` variant (the enum is `#[non_exhaustive]`)";
    /// An environment that is gone.
    EnvironmentRemoved "environment_removed" [breaking, -, -]
        "an environment was removed"
        "callers using its `Environment` variant no longer compile";
    /// An environment's address or variables changed.
    EnvironmentChanged "environment_changed" [breaking, -, -]
        "an environment's URL, the default (first) environment, or the URL variables changed"
        "calls go to another address, or callers must supply other variables";
    /// A fixed header value changed.
    HeaderValueChanged "header_value_changed" [breaking, -, -]
        "a header's fixed `const` value was added, removed or changed"
        "every call sends something else";
    /// The success status changed.
    ResponseStatusChanged "response_status_changed" [-, compatible, -]
        "the documented success status changed"
        "success statuses are always 2xx and the client accepts any 2xx, so decoding still works; read what the new status means";
    /// The response is another named type.
    ResponseTypeChanged "response_type_changed" [-, breaking, -]
        "the operation's response `type` names another type"
        "the method returns another Rust type";
    /// A newly documented failure.
    ErrorAdded "error_added" [-, compatible, -]
        "a documented error status was added"
        "it already reached callers as `Error::Api`; now it is documented";
    /// A failure no longer documented.
    ErrorRemoved "error_removed" [-, docs, -]
        "a documented error status was removed"
        "only the method's docs change";
    /// The error body type changed.
    ErrorBodyChanged "error_body_changed" [-, breaking, -]
        "the operation's error body type changed (the first `body` among its errors)"
        "the method's `rt::Error<E>` changes type";
    /// Where an error body's message and code are read from changed.
    ErrorTextChanged "error_text_changed" [-, compatible, -]
        "an error body's `error_text` (the fields its message and code are read from) changed"
        "only what `Error::Api`'s `message`, `code` and `Display` show changes; the typed body is the same";
    /// A new named type.
    TypeAdded "type_added" [compatible, compatible, -]
        "a named type was added"
        "a new Rust type; nothing existing changes";
    /// A named type that is gone.
    TypeRemoved "type_removed" [breaking, breaking, -]
        "a named type was removed (or renamed)"
        "code naming the Rust type no longer compiles";
    /// A type changed.
    TypeChanged "type_changed" [breaking, breaking, -]
        "a field's `type` or `items`, a named type's `kind`, a list's or map's `items`, or a relationship's resource changed"
        "the Rust type changes, and values of the old type are no longer valid";
    /// A new required field.
    FieldAddedRequired "field_added_required" [breaking, compatible, -]
        "a required field, path parameter, header or relationship was added"
        "request: a new constructor argument every caller must pass; response: one more field, always present";
    /// A new optional field.
    FieldAddedOptional "field_added_optional" [compatible, compatible, -]
        "an optional (or clearable) field, header or relationship was added"
        "request: a new setter; response: one more `Option` field (structs are `#[non_exhaustive]`)";
    /// A field that is gone.
    FieldRemoved "field_removed" [breaking, breaking, -]
        "a field, path parameter, header or relationship was removed (or renamed)"
        "request: callers setting it no longer compile; response: data callers read is gone";
    /// A field became required.
    FieldNowRequired "field_now_required" [breaking, breaking, -]
        "a field became required (`required: true`, and not `nullable`)"
        "request: a new constructor argument; response: `Option<T>` becomes `T`, and a response without it no longer decodes";
    /// A field is no longer required.
    FieldNowOptional "field_now_optional" [breaking, breaking, -]
        "a required field became optional or nullable"
        "request: the constructor loses an argument; response: `T` becomes `Option<T>`, the value is no longer guaranteed";
    /// A field can now be cleared.
    FieldNowClearable "field_now_clearable" [compatible, -, -]
        "an optional field became `nullable`"
        "request: a new `clear_…` setter; optional response fields accept `null` either way";
    /// A field can no longer be cleared.
    FieldNoLongerClearable "field_no_longer_clearable" [breaking, -, -]
        "an optional field is no longer `nullable`"
        "request: the `clear_…` setter is gone and the server no longer accepts `null`; optional response fields accept `null` either way";
    /// The server no longer accepts a field in requests.
    FieldNowResponseOnly "field_now_response_only" [breaking, -, -]
        "a field became `response_only`"
        "request: the server no longer accepts what callers set; the flag means nothing for decoding";
    /// The server now accepts a field in requests.
    FieldNoLongerResponseOnly "field_no_longer_response_only" [compatible, -, -]
        "a field is no longer `response_only`"
        "request: callers may now set it; the flag means nothing for decoding";
    /// A field's sensitivity changed.
    FieldSensitivityChanged "field_sensitivity_changed" [breaking, breaking, -]
        "`sensitive` was turned on or off"
        "a text field's Rust type switches between `String` and `rt::Secret`, and what `Debug` and logs show changes";
    /// Response decoding became stricter.
    LenientNarrowed "lenient_narrowed" [-, breaking, -]
        "a `lenient` value was removed from a field"
        "response: values that decoded before now fail; requests never use `lenient`";
    /// Response decoding became more forgiving.
    LenientWidened "lenient_widened" [-, compatible, -]
        "a `lenient` value was added to a field"
        "response: more values decode, none fails that decoded before; requests never use `lenient`";
    /// The documented default changed.
    DefaultChanged "default_changed" [breaking, docs, -]
        "a field's `default` changed from one value to another (adding or removing one is `docs_changed`)"
        "request: callers who leave the field out now get another value; response: documentation only";
    /// A Rust name changed.
    RustNameChanged "rust_name_changed" [breaking, breaking, -]
        "the Rust name of a field, header or enum value changed (`rust_name`); the wire name is the same"
        "code using the old identifier no longer compiles";
    /// A constraint now accepts less.
    ConstraintTightened "constraint_tightened" [breaking, docs, -]
        "a `validation` rule or cross-field rule now accepts less (a new rule, a smaller maximum, a larger minimum, fewer `allowed` values)"
        "request: values that passed `validate()` now fail; response: a narrower promise, and responses are never validated";
    /// A constraint now accepts more.
    ConstraintLoosened "constraint_loosened" [compatible, compatible, -]
        "a `validation` rule or cross-field rule now accepts more (a rule removed, a larger maximum, a smaller minimum, more `allowed` values)"
        "request: everything valid before still is; response: values outside the old bounds may now arrive, check what you store them in";
    /// A constraint changed with no order between old and new.
    ConstraintChanged "constraint_changed" [breaking, compatible, -]
        "a `validation` rule changed so that neither accepts all the other does (a new `pattern`, a different `allowed` set)"
        "request: some values that passed now fail; response: values the old rule ruled out may arrive";
    /// A new enum value.
    EnumValueAdded "enum_value_added" [compatible, compatible, -]
        "an enum value was added"
        "request: a new variant to send; response: a value that decoded as `Unknown(..)` now has its own variant; every generated enum is `#[non_exhaustive]`, so callers' matches already have a `_` arm (one that looked for the text in `Unknown(..)` no longer sees it)";
    /// An enum value that is gone.
    EnumValueRemoved "enum_value_removed" [breaking, breaking, -]
        "an enum value was removed (or renamed)"
        "code naming the variant no longer compiles; on responses the value now decodes as `Unknown(..)`";
    /// Documentation only.
    DocsChanged "docs_changed" [docs, docs, docs]
        "a description, summary, decision, example, docs page, title, error message, error cause or validation message changed, or a `default` was added or removed"
        "only doc comments and documentation change";
}

impl Kind {
    /// This kind's row of [`RULES`].
    pub fn rule(self) -> &'static Rule {
        // `RULES` is declared in the same order as the variants.
        &RULES[self as usize]
    }

    /// The stable name (`field_removed`).
    pub fn name(self) -> &'static str {
        self.rule().name
    }

    /// The severity of this change on `direction`, if reported there.
    pub fn severity(self, direction: Direction) -> Option<Severity> {
        self.rule().severity(direction)
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// The rules table as Markdown, exactly as the README shows it.
pub fn rules_markdown() -> String {
    let cell = |s: Option<Severity>| s.map_or("-", Severity::name);
    let mut out = String::from(
        "| kind | change | request | response | api | why |\n|---|---|---|---|---|---|\n",
    );
    for r in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            r.name,
            r.change,
            cell(r.request),
            cell(r.response),
            cell(r.api),
            r.why
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_follow_the_variants() {
        for (i, r) in RULES.iter().enumerate() {
            assert_eq!(r.kind as usize, i, "{}", r.name);
            assert_eq!(r.kind.name(), r.name);
        }
    }

    #[test]
    fn names_are_unique_snake_case_and_every_row_is_reported_somewhere() {
        let mut seen = std::collections::BTreeSet::new();
        for r in RULES {
            assert!(seen.insert(r.name), "duplicate {}", r.name);
            assert!(crate::lang::is_snake(r.name), "{}", r.name);
            assert!(
                r.request.is_some() || r.response.is_some() || r.api.is_some(),
                "{} is reported nowhere",
                r.name
            );
        }
    }
}
