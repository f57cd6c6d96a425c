//! `codegen::diff`: the Juspay pair (older page → newer page), self diffs,
//! the output formats and the README's copy of the rules table; every row
//! of the rules table on both sides is in `diff/rules_table.rs`.

use std::path::{Path, PathBuf};

use codegen::diff::{self, Change, Direction, Format, Kind, Report, Semver, Severity};
use codegen::SpecSource;

/// Every row of the rules table, on the request and the response side.
#[path = "diff/rules_table.rs"]
mod rules_table;

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

/// Spec texts as sources, one file each.
fn sources(texts: &[&str]) -> Vec<SpecSource> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| SpecSource::new(format!("case{i}.yaml"), *t))
        .collect()
}

/// Every change from `old` to `new`; panics with the diagnostics if a side
/// does not check.
fn changes(old: &[&str], new: &[&str]) -> Vec<Change> {
    diff::diff_sources(&sources(old), &sources(new))
        .unwrap_or_else(|d| panic!("does not check: {d}\n{old:?}\n{new:?}"))
}

fn juspay() -> Report {
    diff::diff_paths(
        &repo("tests/fixtures/diff/juspay_old.yaml"),
        &repo("tests/fixtures/diff/juspay_new.yaml"),
    )
    .expect("both Juspay fixtures check")
}

fn find<'a>(report: &'a Report, kind: Kind, path: &str) -> Vec<&'a Change> {
    report
        .changes
        .iter()
        .filter(|c| c.kind == kind && c.path == path)
        .collect()
}

fn one<'a>(report: &'a Report, kind: Kind, path: &str) -> &'a Change {
    match find(report, kind, path).as_slice() {
        [c] => c,
        other => panic!("expected one {kind} at {path}, got {other:#?}"),
    }
}

// ---------------------------------------------------------------- Juspay

#[test]
fn juspay_older_to_newer_page_is_a_major_change() {
    let r = juspay();
    assert_eq!(r.semver(), Semver::Major);
    let breaking: Vec<(Direction, Kind, &str)> = r
        .changes
        .iter()
        .filter(|c| c.severity == Severity::Breaking)
        .map(|c| (c.direction, c.kind, c.path.as_str()))
        .collect();
    use Direction::{Request, Response};
    assert_eq!(
        breaking,
        [
            (
                Response,
                Kind::ErrorBodyChanged,
                "operations.update_order.errors"
            ),
            (Request, Kind::PathChanged, "operations.update_order.path"),
            (
                Request,
                Kind::FieldAddedRequired,
                "operations.update_order.path_params.order_id"
            ),
            (
                Request,
                Kind::TypeChanged,
                "operations.update_order.request.fields.amount"
            ),
            (
                Request,
                Kind::FieldRemoved,
                "operations.update_order.request.fields.order_id"
            ),
            (
                Request,
                Kind::FieldAddedRequired,
                "provider.headers.x-merchantid"
            ),
        ]
    );
    assert_eq!(r.count(Severity::Compatible), 31);
    assert_eq!(r.count(Severity::Docs), 8);
    assert!(r.changes.iter().all(|c| c.provider == "juspay"));
}

#[test]
fn juspay_order_id_moved_from_the_body_to_the_path() {
    let r = juspay();
    let gone = one(
        &r,
        Kind::FieldRemoved,
        "operations.update_order.request.fields.order_id",
    );
    assert_eq!(gone.operation.as_deref(), Some("update_order"));
    assert_eq!(gone.field.as_deref(), Some("order_id"));
    assert_eq!(
        gone.hint.as_deref(),
        Some("moved: now at `operations.update_order.path_params.order_id`")
    );
    let param = one(
        &r,
        Kind::FieldAddedRequired,
        "operations.update_order.path_params.order_id",
    );
    assert_eq!(
        param.hint.as_deref(),
        Some("moved: was at `operations.update_order.request.fields.order_id`")
    );
    let path = one(&r, Kind::PathChanged, "operations.update_order.path");
    assert_eq!(path.detail, "`/orders/` → `/orders/{order_id}`");
}

#[test]
fn juspay_amount_became_a_decimal_and_a_header_is_required() {
    let r = juspay();
    let amount = one(
        &r,
        Kind::TypeChanged,
        "operations.update_order.request.fields.amount",
    );
    assert_eq!(
        (amount.severity, amount.direction),
        (Severity::Breaking, Direction::Request)
    );
    assert_eq!(amount.detail, "type `string` → `decimal`");
    let header = one(
        &r,
        Kind::FieldAddedRequired,
        "provider.headers.x-merchantid",
    );
    assert_eq!(header.operation, None);
    assert_eq!(header.detail, "`x-merchantid` added (string, required)");
    // The address and UDF groups are the same on both pages.
    assert!(!r
        .changes
        .iter()
        .any(|c| c.path.contains("fields.udf") && c.direction == Direction::Request));
}

#[test]
fn juspay_response_gained_its_documented_fields() {
    let r = juspay();
    for (field, kind) in [
        ("order_id", Kind::FieldAddedRequired),
        ("id", Kind::FieldAddedRequired),
        ("status", Kind::FieldAddedRequired),
        ("amount", Kind::FieldAddedOptional),
        ("payment_links", Kind::FieldAddedOptional),
        ("udf10", Kind::FieldAddedOptional),
    ] {
        let c = one(&r, kind, &format!("types.Order.fields.{field}"));
        assert_eq!(
            (c.severity, c.direction),
            (Severity::Compatible, Direction::Response)
        );
        assert_eq!(c.ty.as_deref(), Some("Order"));
        assert_eq!(c.operation, None);
    }
    for ty in ["PaymentLinks", "ErrorBody"] {
        let c = one(&r, Kind::TypeAdded, &format!("types.{ty}"));
        assert_eq!(
            (c.severity, c.direction),
            (Severity::Compatible, Direction::Response)
        );
    }
    let e = one(&r, Kind::ErrorAdded, "operations.update_order.errors.400");
    assert_eq!(e.severity, Severity::Compatible);
    let body = one(&r, Kind::ErrorBodyChanged, "operations.update_order.errors");
    assert_eq!(body.detail, "error body `none (any JSON)` → `ErrorBody`");
    let docs = one(&r, Kind::DocsChanged, "operations.update_order");
    assert_eq!(docs.direction, Direction::Api);
}

// ---------------------------------------------------------------- self, formats

#[test]
fn every_spec_diffed_with_itself_has_no_changes() {
    let r = diff::diff_paths(&repo("spec"), &repo("spec")).expect("spec/ checks");
    assert_eq!(r.changes, []);
    assert_eq!(r.semver(), Semver::None);
    assert_eq!(r.worst(), None);
    for f in [
        diff::FailOn::Breaking,
        diff::FailOn::Compatible,
        diff::FailOn::Any,
    ] {
        assert!(!r.fails(f));
    }
}

#[test]
fn text_is_grouped_by_severity_most_severe_first() {
    let text = juspay().render(Format::Text);
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("no `{s}` in:\n{text}"))
    };
    assert!(text.contains("6 breaking, 31 compatible, 8 docs-only; suggested version bump: major"));
    assert!(at("\nbreaking (6):\n") < at("\ncompatible (31):\n"));
    assert!(at("\ncompatible (31):\n") < at("\ndocs only (8):\n"));
    assert!(at("[request] path_changed: juspay operations.update_order.path\n      `/orders/` → `/orders/{order_id}`") < at("\ncompatible (31):\n"));
}

#[test]
fn markdown_has_a_table_per_severity() {
    let md = juspay().render(Format::Markdown);
    assert!(md.starts_with("## Spec changes: `"), "{md}");
    assert!(
        md.contains("Suggested version bump: **major** (6 breaking, 31 compatible, 8 docs-only).")
    );
    for h in [
        "### Breaking (6)",
        "### Compatible (31)",
        "### Docs only (8)",
    ] {
        assert!(md.contains(h), "no {h} in {md}");
    }
    assert!(md.contains("| request | `path_changed` | juspay | `operations.update_order.path` | `/orders/` → `/orders/{order_id}` |"));
    assert!(md.contains("<br>hint: moved: now at `operations.update_order.path_params.order_id`"));
}

#[test]
fn json_follows_the_documented_schema_in_a_stable_order() {
    let r = juspay();
    let text = r.render(Format::Json);
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["semver"], "major");
    assert_eq!(
        v["summary"],
        serde_json::json!({"breaking": 6, "compatible": 31, "docs": 8})
    );
    assert!(v["old"]
        .as_str()
        .is_some_and(|s| s.ends_with("juspay_old.yaml")));
    let list = v["changes"].as_array().expect("changes is an array");
    assert_eq!(list.len(), r.changes.len());
    let keys = [
        "severity",
        "direction",
        "kind",
        "path",
        "provider",
        "operation",
        "type",
        "field",
        "detail",
        "hint",
    ];
    for c in list {
        let obj = c.as_object().expect("a change is an object");
        let mut want = keys.to_vec();
        want.sort_unstable();
        assert_eq!(obj.keys().map(String::as_str).collect::<Vec<_>>(), want);
    }
    // The raw text keeps the schema's key order.
    let first = &text[text.find("\"changes\"").unwrap_or(0)..];
    let first = &first[..first.find('}').unwrap_or(first.len())];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| {
            first
                .find(&format!("\"{k}\":"))
                .unwrap_or_else(|| panic!("no {k} in {first}"))
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{first}");
    assert!(list.contains(&serde_json::json!({
        "severity": "breaking",
        "direction": "request",
        "kind": "type_changed",
        "path": "operations.update_order.request.fields.amount",
        "provider": "juspay",
        "operation": "update_order",
        "type": null,
        "field": "amount",
        "detail": "type `string` → `decimal`",
        "hint": null
    })));
    let order: Vec<(&str, &str, &str)> = list
        .iter()
        .map(|c| {
            (
                c["provider"].as_str().unwrap_or(""),
                c["path"].as_str().unwrap_or(""),
                c["kind"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted, "changes are sorted by provider, path, kind");
    assert_eq!(
        text,
        juspay().render(Format::Json),
        "the same input gives the same bytes"
    );
}

#[test]
fn readme_shows_the_rules_table_of_the_code() {
    let readme = std::fs::read_to_string(repo("README.md")).expect("README.md");
    assert!(
        readme.contains(&diff::rules_markdown()),
        "README.md's rules table differs from codegen::diff::RULES; paste this:\n{}",
        diff::rules_markdown()
    );
}

// ------------------------------------------------ unions and closed enums

#[test]
fn closing_an_enum_and_changing_union_variants_are_reported() {
    let fixture = std::fs::read_to_string(repo("tests/fixtures/language/shop.yaml"))
        .expect("the language fixture");
    let edited = fixture
        .replace("    closed: true\n", "")
        .replace(
            "      display_code: DisplayCode\n",
            "      show_code: DisplayCode\n      redirect_later: RedirectToUrl\n",
        )
        .replace(
            "      redirect_to_url: RedirectToUrl\n",
            "      redirect_to_url: DisplayCode\n",
        );
    assert_ne!(edited, fixture);
    let found: Vec<(Kind, String)> = changes(&[&fixture], &[&edited])
        .into_iter()
        .map(|c| (c.kind, c.path))
        .collect();
    for expected in [
        (Kind::TypeChanged, "types.Priority.closed"),
        (
            Kind::TypeChanged,
            "types.NextAction.variants.redirect_to_url",
        ),
        (
            Kind::EnumValueRemoved,
            "types.NextAction.variants.display_code",
        ),
        (Kind::EnumValueAdded, "types.NextAction.variants.show_code"),
        (
            Kind::EnumValueAdded,
            "types.NextAction.variants.redirect_later",
        ),
    ] {
        assert!(
            found
                .iter()
                .any(|(k, p)| *k == expected.0 && p == expected.1),
            "{expected:?} not in {found:#?}"
        );
    }
}

#[test]
fn form_conventions_and_decimal_wire_forms_are_encoding_changes() {
    let fixture = std::fs::read_to_string(repo("tests/fixtures/language/shop.yaml"))
        .expect("the language fixture");
    let edited = fixture
        .replace(
            "form: { lists: brackets, brackets: literal }",
            "form: { lists: indexed, brackets: literal }",
        )
        .replace("tip: { type: decimal,", "tip: { type: decimal_string,");
    assert_ne!(edited, fixture);
    let found: Vec<(Kind, String, String)> = changes(&[&fixture], &[&edited])
        .into_iter()
        .map(|c| (c.kind, c.path, c.detail))
        .collect();
    assert!(
        found.iter().any(|(k, p, d)| *k == Kind::EncodingChanged
            && p == "operations.update_cart.request"
            && d.contains("lists: brackets")
            && d.contains("lists: indexed")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|(k, p, d)| *k == Kind::EncodingChanged
            && p == "operations.replace_order.request.fields.tip"
            && d.contains("a JSON string instead of a JSON number")),
        "{found:#?}"
    );
    // Besides the two: the spec's type text changed (a docs change).
    let others: Vec<_> = found
        .iter()
        .filter(|(k, _, _)| *k != Kind::EncodingChanged && *k != Kind::DocsChanged)
        .collect();
    assert_eq!(others, Vec::<&(Kind, String, String)>::new());
}

#[test]
fn a_field_that_becomes_boxed_is_a_type_change() {
    let base = std::fs::read_to_string(repo("tests/fixtures/minimal.yaml")).expect("minimal");
    let types = "types:\n  Node:\n    kind: object\n    fields:\n      next: { type: Leaf }\n  Leaf:\n    kind: object\n    fields:\n      name: { type: string }\n";
    let old = base.replacen("types:\n", types, 1);
    // The leaf now points back: `Node.next` is on a cycle and boxed.
    let new = old.replacen(
        "      name: { type: string }\n",
        "      name: { type: string }\n      back: { type: Node }\n",
        1,
    );
    let found: Vec<(Kind, String, String)> = changes(&[&old], &[&new])
        .into_iter()
        .map(|c| (c.kind, c.path, c.detail))
        .collect();
    assert!(
        found.iter().any(|(k, p, d)| *k == Kind::TypeChanged
            && p == "types.Node.fields.next"
            && d.contains("now held in a `Box`")),
        "{found:#?}"
    );
}

#[test]
fn a_business_rule_that_changes_is_a_docs_change_and_refolding_it_is_none() {
    let paypal = std::fs::read_to_string(repo("spec/paypal.yaml")).expect("the PayPal spec");
    let folded = "\n            all(u in purchase_units, count(o in u.shipping.options, o.selected) <=\n            1)\n";
    assert!(
        paypal.contains(folded),
        "the rule is in the spec as folded here"
    );
    // Other line breaks, spacing and redundant parentheses: the same rule.
    let refolded = paypal.replace(
        folded,
        "\n            all(u in purchase_units,\n            (count(o in u.shipping.options, o.selected)) <= 1)\n",
    );
    assert_ne!(refolded, paypal);
    assert!(changes(&[&paypal], &[&refolded]).is_empty());
    let loosened = paypal.replace(folded, &folded.replace("            1)", "            2)"));
    let found = changes(&[&paypal], &[&loosened]);
    let [c] = found.as_slice() else {
        panic!("one change expected: {found:#?}")
    };
    assert_eq!(c.kind, Kind::DocsChanged, "{c:#?}");
    assert!(
        c.path.starts_with("operations.update_order.errors.422"),
        "{c:#?}"
    );
    assert_eq!(c.detail, "cause changed");
}
