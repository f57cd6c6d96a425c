//! `codegen diff` reports what callers see: when two specs generate
//! byte-identical code, diff reports no API change (documentation at
//! most). Proved as a property over random edits of the real specs, with
//! the two false positives once reported kept as regression tests.
//!
//! Longer run: `PROPTEST_CASES=2000 cargo test -p integration-tests --test diff_invariant --release`.

use std::path::Path;

use codegen::diff::{self, Change, Severity};
use codegen::{Config, SpecSource};
use proptest::prelude::*;
use serde_yaml::{Mapping, Value};

fn cases(ci: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci)
}

const PROVIDERS: [&str; 4] = ["juspay", "razorpay", "costplus", "commercelayer"];

fn spec_value(provider: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../spec/{provider}.yaml"));
    let text = std::fs::read_to_string(&path).expect("spec");
    serde_yaml::from_str(&text).expect("spec parses")
}

fn source(provider: &str, v: &Value) -> SpecSource {
    let text = serde_yaml::to_string(v).expect("serializes");
    SpecSource::new(format!("{provider}.yaml"), text)
}

/// The generated module, or `None` when the spec does not check.
fn generate(src: &SpecSource) -> Option<String> {
    let generated = Config::new()
        .index_file(None)
        .generate_sources(std::slice::from_ref(src))
        .ok()?;
    Some(generated.files.into_iter().map(|f| f.code).collect())
}

fn api_changes(old: &SpecSource, new: &SpecSource) -> Vec<Change> {
    diff::diff_sources(std::slice::from_ref(old), std::slice::from_ref(new))
        .expect("both sides check")
        .into_iter()
        .filter(|c| c.severity > Severity::Docs)
        .collect()
}

/// A mapping's entry.
fn get_mut<'v>(v: &'v mut Value, key: &str) -> Option<&'v mut Value> {
    v.as_mapping_mut()?.get_mut(key)
}

/// Every field mapping of a spec: of named objects and of request bodies,
/// as (path to it, wire name).
fn field_paths(spec: &Value) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let keys = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_mapping)
            .map(|m| {
                m.keys()
                    .filter_map(|k| k.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    for t in keys(spec.get("types")) {
        for f in keys(
            spec.get("types")
                .and_then(|x| x.get(&t))
                .and_then(|x| x.get("fields")),
        ) {
            out.push((
                vec!["types".into(), t.clone(), "fields".into(), f.clone()],
                f,
            ));
        }
    }
    for o in keys(spec.get("operations")) {
        let req = spec
            .get("operations")
            .and_then(|x| x.get(&o))
            .and_then(|x| x.get("request"))
            .and_then(|x| x.get("fields"));
        for f in keys(req) {
            let path = vec![
                "operations".into(),
                o.clone(),
                "request".into(),
                "fields".into(),
                f.clone(),
            ];
            out.push((path, f));
        }
    }
    out
}

fn node<'v>(spec: &'v mut Value, path: &[String]) -> Option<&'v mut Mapping> {
    let mut cur = spec;
    for k in path {
        cur = get_mut(cur, k)?;
    }
    cur.as_mapping_mut()
}

/// One edit of a field.
#[derive(Debug, Clone)]
enum Edit {
    /// `rust_name:` written out as the default the wire name gives.
    DefaultRustName,
    /// `rust_name:` set to another name.
    RustName(&'static str),
    Type(&'static str),
    ToggleRequired,
    ToggleNullable,
    Description(String),
    MaxLength(u64),
    DropValidation,
    Lenient(&'static str),
    DropLenient,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::DefaultRustName),
        prop::sample::select(vec!["renamed", "other_name"]).prop_map(Edit::RustName),
        prop::sample::select(vec![
            "string",
            "url",
            "email",
            "currency",
            "timestamp",
            "integer",
            "amount_minor",
            "unix_time",
            "decimal",
            "boolean",
            "json",
        ])
        .prop_map(Edit::Type),
        Just(Edit::ToggleRequired),
        Just(Edit::ToggleNullable),
        "[a-z ]{0,20}".prop_map(Edit::Description),
        (1u64..100).prop_map(Edit::MaxLength),
        Just(Edit::DropValidation),
        prop::sample::select(vec!["quoted", "unquoted", "empty_array"]).prop_map(Edit::Lenient),
        Just(Edit::DropLenient),
    ]
}

fn apply(field: &mut Mapping, wire: &str, e: &Edit) {
    let key = |k: &str| Value::String(k.to_string());
    match e {
        Edit::DefaultRustName => {
            if let Some(ident) = codegen::lang::field_ident(wire) {
                field.insert(key("rust_name"), Value::String(ident));
            }
        }
        Edit::RustName(n) => {
            field.insert(key("rust_name"), key(n));
        }
        Edit::Type(t) => {
            field.insert(key("type"), key(t));
        }
        Edit::ToggleRequired | Edit::ToggleNullable => {
            let k = if matches!(e, Edit::ToggleRequired) {
                "required"
            } else {
                "nullable"
            };
            let now = field.get(k).and_then(Value::as_bool).unwrap_or(false);
            field.insert(key(k), Value::Bool(!now));
        }
        Edit::Description(d) => {
            field.insert(key("description"), key(d));
        }
        Edit::MaxLength(n) => {
            let mut v = Mapping::new();
            v.insert(key("max_length"), Value::Number((*n).into()));
            field.insert(key("validation"), Value::Mapping(v));
        }
        Edit::DropValidation => {
            field.remove("validation");
        }
        Edit::Lenient(l) => {
            field.insert(key("lenient"), Value::Sequence(vec![key(l)]));
        }
        Edit::DropLenient => {
            field.remove("lenient");
        }
    }
}

/// The regression cases: an edit of one field of one spec whose generated
/// code is byte-identical, and whose diff is therefore docs-only at most.
fn assert_same_code_and_no_api_change(provider: &str, path: &[&str], e: Edit) {
    let old = spec_value(provider);
    let mut new = old.clone();
    let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
    let wire = path.last().cloned().unwrap_or_default();
    apply(node(&mut new, &path).expect("the field"), &wire, &e);
    let (old, new) = (source(provider, &old), source(provider, &new));
    let (a, b) = (
        generate(&old).expect("old checks"),
        generate(&new).expect("new checks"),
    );
    assert_eq!(a, b, "the edit {e:?} should not change the generated code");
    assert_eq!(api_changes(&old, &new), Vec::new(), "{e:?}");
}

#[test]
fn a_written_out_default_rust_name_is_no_api_change() {
    assert_same_code_and_no_api_change(
        "razorpay",
        &["types", "Order", "fields", "offer_id"],
        Edit::DefaultRustName,
    );
}

#[test]
fn string_to_url_on_a_response_field_is_no_api_change() {
    assert_same_code_and_no_api_change(
        "razorpay",
        &["types", "Order", "fields", "receipt"],
        Edit::Type("url"),
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(48), ..ProptestConfig::default() })]

    /// Same code, no API change: diff is docs-only at most. Different
    /// code, something reported (a doc change at least).
    #[test]
    fn diff_reports_an_api_change_only_when_the_code_changes(
        which in 0usize..4,
        pick in any::<prop::sample::Index>(),
        e in edit(),
    ) {
        let provider = PROVIDERS[which];
        let old = spec_value(provider);
        let fields = field_paths(&old);
        let (path, wire) = pick.get(&fields).clone();
        let mut new = old.clone();
        apply(node(&mut new, &path).expect("the field"), &wire, &e);
        let (old, new) = (source(provider, &old), source(provider, &new));
        let (Some(a), Some(b)) = (generate(&old), generate(&new)) else {
            // The edit made the spec invalid: nothing to compare.
            return Ok(());
        };
        let all = diff::diff_sources(std::slice::from_ref(&old), std::slice::from_ref(&new))
            .expect("both sides check");
        if a == b {
            let api: Vec<&Change> = all.iter().filter(|c| c.severity > Severity::Docs).collect();
            prop_assert!(api.is_empty(), "{provider} {path:?} {e:?}: same code, but {api:#?}");
        } else {
            prop_assert!(!all.is_empty(), "{provider} {path:?} {e:?}: the code changed, diff saw nothing");
        }
    }
}
