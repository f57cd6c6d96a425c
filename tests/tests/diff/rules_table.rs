//! Every row of the rules table, on the request side and on the response
//! side (and, for whole operations, providers and their docs, as `api`),
//! each with a tiny pair of specs built here.
//!
//! Field-level rows put a field `x` in a named object `Parcel` that only one
//! side reaches, so the same edit is tested once per side. A cell that is
//! `-` in the table is tested too where the edit can be made on that side
//! (the change must then not be reported there); where it cannot (a method
//! has no response side), [`impossible`] says why.

use codegen::diff::{Change, Direction, Kind, Severity, RULES};

use super::changes;

/// The side a test case puts its change on.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Side {
    Request,
    Response,
}

impl Side {
    fn direction(self) -> Direction {
        match self {
            Side::Request => Direction::Request,
            Side::Response => Direction::Response,
        }
    }
}

const BASE: &str = "\
provider:
  name: t
  title: T
  environments:
    production: https://api.example.com
  auth: { scheme: basic, username: api_key }
types:
  Parcel:
    kind: object
    fields:
      keep: { type: string }
#BOX
#TYPES
  Order:
    kind: object
    fields:
      id: { type: string, required: true }
#ORDER
  Problem:
    kind: object
    fields: {}
operations:
  update:
    summary: Update.
    method: POST
    path: /orders/{id}
    retry_safe: false
    path_params:
      id: { type: string, required: true }
    request:
      encoding: json
      fields:
        note: { type: string }
#REQUEST
    response: { status: 200, type: Order }
";

/// The base spec with field `x: FIELD` (none when empty) in the named
/// object `Parcel`, which only `side` reaches, and extra named `types`.
fn boxed(side: Side, field: &str, types: &str) -> String {
    boxed_on(&[side], field, types)
}

/// [`boxed`], with `Parcel` reached from every side in `sides`.
fn boxed_on(sides: &[Side], field: &str, types: &str) -> String {
    let x = if field.is_empty() {
        String::new()
    } else {
        format!("      x: {field}\n")
    };
    let reach = |side: Side, line: &'static str| if sides.contains(&side) { line } else { "" };
    BASE.replace("#BOX\n", &x)
        .replace("#TYPES\n", types)
        .replace(
            "#REQUEST\n",
            reach(Side::Request, "        box: { type: Parcel }\n"),
        )
        .replace(
            "#ORDER\n",
            reach(Side::Response, "      box: { type: Parcel }\n"),
        )
}

/// The base spec, with `Parcel` reached from no side, after `edits` (from, to).
fn plain(edits: &[(&str, &str)]) -> String {
    let mut s = boxed_on(&[], "", "");
    for (from, to) in edits {
        assert!(s.contains(from), "the base has no `{from}`");
        s = s.replacen(from, to, 1);
    }
    s
}

const STATUS_A: &str = "  Status:\n    kind: enum\n    values: [{ value: a }]\n";
const STATUS_AB: &str = "  Status:\n    kind: enum\n    values: [{ value: a }, { value: b }]\n";
const PRODUCTION: &str = "    production: https://api.example.com\n";
const TWO_ENVS: &str =
    "    production: https://api.example.com\n    sandbox: https://sandbox.example.com\n";
const RESPONSE: &str = "type: Order }\n";
const WITH_ERROR: &str =
    "type: Order }\n    errors: [{ status: 400, cause: { kind: provider } }]\n";
const WITH_ERROR_BODY: &str =
    "type: Order }\n    errors: [{ status: 400, body: Problem, cause: { kind: provider } }]\n";
const PROBLEM: &str = "  Problem:\n    kind: object\n    fields: {}\n";
const PROBLEM_WITH_TEXT: &str =
    "  Problem:\n    kind: object\n    fields:\n      message: { type: string }\n";
const TEXT_FIELDS: &str = "    fields:\n      message: { type: string }\n";
const ERROR_TEXT: &str =
    "    error_text: { message: message }\n    fields:\n      message: { type: string }\n";
const SECOND_OP: &str = "  get:
    summary: Fetch.
    method: GET
    path: /orders/{id}
    retry_safe: true
    path_params:
      id: { type: string, required: true }
    response: { status: 200, type: Order }
";
const OTHER_PROVIDER: &str = "\
provider:
  name: u
  title: U
  environments: { production: https://api.u.example }
  auth: { scheme: bearer, token: token }
types:
  R: { kind: object, fields: {} }
operations:
  get:
    summary: Get.
    method: GET
    path: /r
    retry_safe: true
    response: { status: 200, type: R }
";

/// One row × side: the specs before and after, and the severity the change
/// must have there (`None`: it must not be reported on that side).
struct Case {
    kind: Kind,
    direction: Direction,
    old: Vec<String>,
    new: Vec<String>,
    expect: Option<Severity>,
}

/// A change that exists in one direction only.
fn on(kind: Kind, direction: Direction, old: String, new: String, expect: Severity) -> Case {
    Case {
        kind,
        direction,
        old: vec![old],
        new: vec![new],
        expect: Some(expect),
    }
}

/// A field-level row: the kind, the old and new `x` field (and extra
/// types), and the expected severity on the request and response sides.
type FieldRow = (
    Kind,
    (&'static str, &'static str),
    (&'static str, &'static str),
    Option<Severity>,
    Option<Severity>,
);

const B: Option<Severity> = Some(Severity::Breaking);
const C: Option<Severity> = Some(Severity::Compatible);
const D: Option<Severity> = Some(Severity::Docs);
const NOT_REPORTED: Option<Severity> = None;

#[rustfmt::skip]
const FIELD_ROWS: &[FieldRow] = &[
    (Kind::TypeAdded, ("{ type: string }", ""), ("{ type: Status }", STATUS_A), C, C),
    (Kind::TypeRemoved, ("{ type: Status }", STATUS_A), ("{ type: string }", ""), B, B),
    (Kind::TypeChanged, ("{ type: string }", ""), ("{ type: integer }", ""), B, B),
    (Kind::FieldAddedRequired, ("", ""), ("{ type: string, required: true }", ""), B, C),
    (Kind::FieldAddedOptional, ("", ""), ("{ type: string }", ""), C, C),
    (Kind::FieldRemoved, ("{ type: string }", ""), ("", ""), B, B),
    (Kind::FieldNowRequired, ("{ type: string }", ""), ("{ type: string, required: true }", ""), B, B),
    (Kind::FieldNowOptional, ("{ type: string, required: true }", ""), ("{ type: string }", ""), B, B),
    (Kind::FieldNowClearable, ("{ type: string }", ""), ("{ type: string, nullable: true }", ""), C, NOT_REPORTED),
    (Kind::FieldNoLongerClearable, ("{ type: string, nullable: true }", ""), ("{ type: string }", ""), B, NOT_REPORTED),
    (Kind::FieldNowResponseOnly, ("{ type: string }", ""), ("{ type: string, response_only: true }", ""), B, NOT_REPORTED),
    (Kind::FieldNoLongerResponseOnly, ("{ type: string, response_only: true }", ""), ("{ type: string }", ""), C, NOT_REPORTED),
    (Kind::FieldSensitivityChanged, ("{ type: string }", ""), ("{ type: string, sensitive: true }", ""), B, B),
    (Kind::LenientNarrowed, ("{ type: integer, lenient: [quoted] }", ""), ("{ type: integer }", ""), NOT_REPORTED, B),
    (Kind::LenientWidened, ("{ type: integer }", ""), ("{ type: integer, lenient: [quoted] }", ""), NOT_REPORTED, C),
    (Kind::DefaultChanged, ("{ type: string, default: a }", ""), ("{ type: string, default: b }", ""), B, D),
    (Kind::RustNameChanged, ("{ type: string, rust_name: ex }", ""), ("{ type: string, rust_name: why }", ""), B, B),
    (Kind::ConstraintTightened, ("{ type: string, validation: { max_length: 10 } }", ""), ("{ type: string, validation: { max_length: 5 } }", ""), B, D),
    (Kind::ConstraintLoosened, ("{ type: string, validation: { max_length: 5 } }", ""), ("{ type: string, validation: { max_length: 10 } }", ""), C, C),
    (Kind::ConstraintChanged, ("{ type: string, validation: { pattern: \"^a+$\" } }", ""), ("{ type: string, validation: { pattern: \"^b+$\" } }", ""), B, C),
    (Kind::EnumValueAdded, ("{ type: Status }", STATUS_A), ("{ type: Status }", STATUS_AB), C, C),
    (Kind::EnumValueRemoved, ("{ type: Status }", STATUS_AB), ("{ type: Status }", STATUS_A), B, B),
    (Kind::DocsChanged, ("{ type: string, description: Old. }", ""), ("{ type: string, description: New. }", ""), D, D),
];

/// Each field-level row, once with `Parcel` on the request side and once on
/// the response side.
fn field_cases() -> Vec<Case> {
    let mut all = Vec::new();
    for &(kind, (old, old_types), (new, new_types), request, response) in FIELD_ROWS {
        for (side, expect) in [(Side::Request, request), (Side::Response, response)] {
            all.push(Case {
                kind,
                direction: side.direction(),
                old: vec![boxed(side, old, old_types)],
                new: vec![boxed(side, new, new_types)],
                expect,
            });
        }
    }
    all
}

fn header(value: &str) -> String {
    let auth = "  auth: { scheme: basic, username: api_key }\n";
    plain(&[(
        auth,
        &format!("{auth}  headers:\n    Accept: {{ const: {value} }}\n"),
    )])
}

/// How a request is sent: method, path, encoding, auth, environments,
/// retry safety, fixed headers.
fn request_cases() -> Vec<Case> {
    let base = plain(&[]);
    let safe = plain(&[("retry_safe: false", "retry_safe: true")]);
    let two_envs = plain(&[(PRODUCTION, TWO_ENVS)]);
    let (b, c) = (Severity::Breaking, Severity::Compatible);
    let changed = [
        (
            Kind::MethodChanged,
            plain(&[("method: POST", "method: PUT")]),
            b,
        ),
        (
            Kind::PathChanged,
            plain(&[("/orders/{id}", "/v2/orders/{id}")]),
            b,
        ),
        (
            Kind::EncodingChanged,
            plain(&[("encoding: json", "encoding: form")]),
            b,
        ),
        (
            Kind::AuthChanged,
            plain(&[("username: api_key", "username: key_id")]),
            b,
        ),
        (Kind::EnvironmentAdded, two_envs.clone(), c),
        (Kind::EnvironmentChanged, plain(&[("//api.", "//api2.")]), b),
        (Kind::RetryNowSafe, safe.clone(), c),
    ];
    let mut all: Vec<Case> = changed
        .into_iter()
        .map(|(kind, new, sev)| on(kind, Direction::Request, base.clone(), new, sev))
        .collect();
    let req = Direction::Request;
    all.push(on(Kind::EnvironmentRemoved, req, two_envs, base.clone(), b));
    all.push(on(Kind::RetryNowUnsafe, req, safe, base, b));
    let keyed_field = (
        "        note: { type: string }\n",
        "        note: { type: string }\n        key: { type: string }\n",
    );
    let keyed = (
        "    retry_safe: false\n",
        "    retry_safe: false\n    idempotency: { field: key }\n",
    );
    let (unkeyed, keyed) = (plain(&[keyed_field]), plain(&[keyed_field, keyed]));
    all.push(on(
        Kind::IdempotencyAdded,
        req,
        unkeyed.clone(),
        keyed.clone(),
        c,
    ));
    all.push(on(Kind::IdempotencyRemoved, req, keyed, unkeyed, b));
    let json_body = "      encoding: json\n      fields:\n        note: { type: string }\n";
    let patch_body = |ops: &str| {
        format!("      encoding: json_patch\n      patches:\n        /note: {{ ops: [{ops}], value: {{ type: string }} }}\n")
    };
    let (one, two) = (
        plain(&[(json_body, &patch_body("replace"))]),
        plain(&[(json_body, &patch_body("replace, add"))]),
    );
    all.push(on(Kind::PatchAdded, req, one.clone(), two.clone(), c));
    all.push(on(Kind::PatchRemoved, req, two, one, b));
    let (json, text) = (header("application/json"), header("text/plain"));
    all.push(on(Kind::HeaderValueChanged, req, json, text, b));
    all
}

/// Statuses, response types, documented errors.
fn response_cases() -> Vec<Case> {
    let base = plain(&[]);
    let resp = Direction::Response;
    let with_error = plain(&[(RESPONSE, WITH_ERROR)]);
    vec![
        on(
            Kind::ResponseStatusChanged,
            resp,
            base.clone(),
            plain(&[("status: 200", "status: 201")]),
            Severity::Compatible,
        ),
        on(
            Kind::ResponseTypeChanged,
            resp,
            base.clone(),
            plain(&[(RESPONSE, "type: Problem }\n")]),
            Severity::Breaking,
        ),
        on(
            Kind::ErrorAdded,
            resp,
            base.clone(),
            with_error.clone(),
            Severity::Compatible,
        ),
        on(
            Kind::ErrorRemoved,
            resp,
            with_error,
            base.clone(),
            Severity::Docs,
        ),
        on(
            Kind::ErrorBodyChanged,
            resp,
            base,
            plain(&[(RESPONSE, WITH_ERROR_BODY)]),
            Severity::Breaking,
        ),
        on(
            Kind::ErrorTextChanged,
            resp,
            plain(&[(RESPONSE, WITH_ERROR_BODY), (PROBLEM, PROBLEM_WITH_TEXT)]),
            plain(&[
                (RESPONSE, WITH_ERROR_BODY),
                (PROBLEM, PROBLEM_WITH_TEXT),
                (TEXT_FIELDS, ERROR_TEXT),
            ]),
            Severity::Compatible,
        ),
    ]
}

/// Whole operations and providers, and operation docs.
fn api_cases() -> Vec<Case> {
    let base = plain(&[]);
    let api = Direction::Api;
    let two_ops = format!("{base}{SECOND_OP}");
    let summary = plain(&[("summary: Update.", "summary: Update it.")]);
    let two_providers = vec![base.clone(), OTHER_PROVIDER.to_string()];
    vec![
        on(
            Kind::OperationAdded,
            api,
            base.clone(),
            two_ops.clone(),
            Severity::Compatible,
        ),
        on(
            Kind::OperationRemoved,
            api,
            two_ops,
            base.clone(),
            Severity::Breaking,
        ),
        on(
            Kind::DocsChanged,
            api,
            base.clone(),
            summary,
            Severity::Docs,
        ),
        Case {
            kind: Kind::ProviderAdded,
            direction: api,
            old: vec![base.clone()],
            new: two_providers.clone(),
            expect: C,
        },
        Case {
            kind: Kind::ProviderRemoved,
            direction: api,
            old: two_providers,
            new: vec![base],
            expect: B,
        },
    ]
}

/// Why a cell cannot be tested: the change cannot happen on that side.
fn impossible(kind: Kind, direction: Direction) -> Option<&'static str> {
    use Kind::*;
    let sided = matches!(direction, Direction::Request | Direction::Response);
    match kind {
        ProviderAdded | ProviderRemoved | OperationAdded | OperationRemoved if sided => {
            Some("a whole provider or operation is on no side: `api`")
        }
        MethodChanged | PathChanged | EncodingChanged | RetryNowUnsafe | RetryNowSafe
        | IdempotencyAdded | IdempotencyRemoved | AuthChanged | EnvironmentAdded
        | EnvironmentRemoved | EnvironmentChanged | HeaderValueChanged | PatchAdded
        | PatchRemoved
            if direction == Direction::Response =>
        {
            Some("how a request is sent: responses have none of it")
        }
        ResponseStatusChanged
        | ResponseTypeChanged
        | ErrorAdded
        | ErrorRemoved
        | ErrorBodyChanged
        | ErrorTextChanged
            if direction == Direction::Request =>
        {
            Some("statuses, response types and error bodies exist on responses only")
        }
        _ => None,
    }
}

/// Runs one case and checks it against its expectation.
fn check(case: &Case) {
    let old: Vec<&str> = case.old.iter().map(String::as_str).collect();
    let new: Vec<&str> = case.new.iter().map(String::as_str).collect();
    let found = changes(&old, &new);
    let (name, side) = (case.kind.name(), case.direction.name());
    let of_kind: Vec<&Change> = found.iter().filter(|c| c.kind == case.kind).collect();
    match case.expect {
        Some(sev) => {
            assert!(
                of_kind
                    .iter()
                    .any(|c| c.direction == case.direction && c.severity == sev),
                "`{name}` ({side}) should be {sev:?}; got {found:#?}"
            );
            assert!(
                of_kind.iter().all(|c| c.direction == case.direction),
                "`{name}` reported on another side: {of_kind:#?}"
            );
        }
        None => assert!(
            of_kind.is_empty(),
            "`{name}` must not be reported on the {side} side: {of_kind:#?}"
        ),
    }
}

#[test]
fn every_rule_on_the_request_and_the_response_side() {
    let mut cases = field_cases();
    cases.extend(request_cases());
    cases.extend(response_cases());
    cases.extend(api_cases());
    let mut checked = 0;
    for rule in RULES {
        for direction in [Direction::Request, Direction::Response, Direction::Api] {
            let found = cases
                .iter()
                .find(|c| c.kind == rule.kind && c.direction == direction);
            let Some(case) = found else {
                let needed = direction != Direction::Api || rule.api.is_some();
                assert!(
                    !needed || impossible(rule.kind, direction).is_some(),
                    "no test case for `{}` on the {} side",
                    rule.name,
                    direction.name()
                );
                continue;
            };
            assert_eq!(
                case.expect,
                rule.severity(direction),
                "the test and the rules table disagree on `{}` ({})",
                rule.name,
                direction.name()
            );
            check(case);
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        cases.len(),
        "a case matches no cell of the table, or two cases the same cell"
    );
}

#[test]
fn a_type_on_both_sides_is_reported_once_per_side_with_its_own_severity() {
    let both = |field: &str| boxed_on(&[Side::Request, Side::Response], field, "");
    let found = changes(&[&both("")], &[&both("{ type: string, required: true }")]);
    let added: Vec<(Direction, Severity)> = found
        .iter()
        .filter(|c| c.kind == Kind::FieldAddedRequired)
        .map(|c| (c.direction, c.severity))
        .collect();
    assert_eq!(
        added,
        [
            (Direction::Request, Severity::Breaking),
            (Direction::Response, Severity::Compatible)
        ]
    );
}

#[test]
fn a_type_no_operation_uses_is_compared_on_both_sides() {
    let found = changes(
        &[&boxed_on(&[], "", "")],
        &[&boxed_on(&[], "{ type: string }", "")],
    );
    let sides: Vec<Direction> = found.iter().map(|c| c.direction).collect();
    assert_eq!(sides, [Direction::Request, Direction::Response]);
}

/// `Parcel` on `side` with field `name: FIELD` instead of `x`.
fn named(side: Side, name: &str, field: &str) -> String {
    boxed(side, field, "").replace("      x:", &format!("      {name}:"))
}

#[test]
fn renames_are_reported_as_removed_and_added_with_a_hint() {
    let plain_string = "{ type: string }";
    let by_name = changes(
        &[&named(Side::Response, "customer_phone", plain_string)],
        &[&named(Side::Response, "customer_mobile", plain_string)],
    );
    let kinds: Vec<(Kind, Option<&str>)> = by_name
        .iter()
        .map(|c| (c.kind, c.hint.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                Kind::FieldAddedOptional,
                Some("possibly renamed from `customer_phone` (similar name)")
            ),
            (
                Kind::FieldRemoved,
                Some("possibly renamed to `customer_mobile` (similar name)")
            ),
        ]
    );
    let desc = "{ type: string, description: The phone number of the customer. }";
    let by_description = changes(
        &[&named(Side::Request, "tel", desc)],
        &[&named(Side::Request, "contact_number", desc)],
    );
    assert_eq!(by_description.len(), 2, "{by_description:#?}");
    assert_eq!(
        by_description[0].hint.as_deref(),
        Some("possibly renamed from `tel` (same description)")
    );
    let unrelated = changes(
        &[&named(Side::Request, "tel", plain_string)],
        &[&named(Side::Request, "quantity", plain_string)],
    );
    assert!(unrelated.iter().all(|c| c.hint.is_none()), "{unrelated:#?}");
}

#[test]
fn request_body_fields_follow_the_request_column() {
    let with = |field: &str| {
        plain(&[(
            "        note: { type: string }\n",
            &format!("        note: {field}\n"),
        )])
    };
    let found = changes(
        &[&with("{ type: string, validation: { max_length: 10 } }")],
        &[&with(
            "{ type: string, required: true, validation: { max_length: 5, allowed: [a] } }",
        )],
    );
    let got: Vec<(Kind, Severity, &str)> = found
        .iter()
        .map(|c| (c.kind, c.severity, c.path.as_str()))
        .collect();
    let note = "operations.update.request.fields.note";
    assert_eq!(
        got,
        [
            (Kind::FieldNowRequired, Severity::Breaking, note),
            (
                Kind::ConstraintTightened,
                Severity::Breaking,
                &format!("{note}.validation.allowed")
            ),
            (
                Kind::ConstraintTightened,
                Severity::Breaking,
                &format!("{note}.validation.max_length")
            ),
        ]
    );
    assert!(found
        .iter()
        .all(|c| c.operation.as_deref() == Some("update")));
}

/// A documented error whose cause changes: the method's docs change (and
/// what the mock answers), its types do not.
#[test]
fn a_changed_cause_is_a_docs_change() {
    let old = plain(&[(RESPONSE, WITH_ERROR)]);
    let new = old.replacen("cause: { kind: provider }", "cause: { kind: business }", 1);
    assert_ne!(old, new);
    let report = codegen::diff::diff_sources(
        &[codegen::SpecSource::new("example.yaml", &old)],
        &[codegen::SpecSource::new("example.yaml", &new)],
    )
    .expect("both check");
    let found: Vec<_> = report
        .iter()
        .map(|c| (c.kind, c.path.as_str(), c.severity, c.detail.as_str()))
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let (kind, path, severity, detail) = found[0];
    assert_eq!((kind, severity), (Kind::DocsChanged, Severity::Docs));
    assert!(path.ends_with("errors.400"), "{path}");
    assert!(detail.contains("cause"), "{detail}");
}
