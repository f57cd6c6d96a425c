//! Conformance: every constraint of every spec, at its limit and just past
//! it, through the compiled client's `validate()`. The cases are derived
//! from the checked specs' models (`conformance/cases.rs`), so a constraint added to a spec
//! is tested without anyone writing a test.

use std::path::{Path, PathBuf};

#[path = "conformance/cases.rs"]
mod cases;

use cases::{cases, Case, Expect};
use generated_client::runtime::ValidationErrors;
use generated_client::{commercelayer, costplus, juspay, razorpay};
use integration_tests::shop;
use serde_json::Value;

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

fn all_cases(dir: &Path) -> Vec<Case> {
    let specs = codegen::check::check_path(dir).expect("specs check clean");
    specs.iter().flat_map(|c| cases(c.model())).collect()
}

fn decode_and_validate<T: serde::de::DeserializeOwned>(
    body: &Value,
    validate: fn(&T) -> Result<(), ValidationErrors>,
) -> Result<Result<(), ValidationErrors>, String> {
    let request: T = serde_json::from_value(body.clone())
        .map_err(|e| format!("the body does not decode into the request type: {e}"))?;
    Ok(validate(&request))
}

/// Runs a case through the compiled request type of its operation.
fn run(case: &Case) -> Result<Result<(), ValidationErrors>, String> {
    match (case.provider.as_str(), case.operation.as_str()) {
        ("juspay", "update_order") => {
            decode_and_validate(&case.body, juspay::UpdateOrderRequest::validate)
        }
        ("razorpay", "update_order") => {
            decode_and_validate(&case.body, razorpay::UpdateOrderRequest::validate)
        }
        ("costplus", "update_order") => {
            decode_and_validate(&case.body, costplus::UpdateOrderRequest::validate)
        }
        ("commercelayer", "update_order") => {
            decode_and_validate(&case.body, commercelayer::UpdateOrderRequest::validate)
        }
        ("shop", "update_order") => {
            decode_and_validate(&case.body, shop::UpdateOrderRequest::validate)
        }
        ("shop", "update_cart") => {
            decode_and_validate(&case.body, shop::UpdateCartRequest::validate)
        }
        ("shop", "replace_order") => {
            decode_and_validate(&case.body, shop::ReplaceOrderRequest::validate)
        }
        ("shop", "update_customer") => {
            decode_and_validate(&case.body, shop::UpdateCustomerRequest::validate)
        }
        (p, o) => Err(format!(
            "no compiled request type registered for {p}.{o}: add it to `run`"
        )),
    }
}

fn language_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/language")
}

#[test]
fn every_constraint_holds_at_and_past_its_limit() {
    let mut cases = all_cases(&spec_dir());
    cases.extend(all_cases(&language_dir()));
    let mut failures = Vec::new();
    for case in &cases {
        let label = format!("{}.{}: {}", case.provider, case.operation, case.name);
        match (run(case), &case.expect) {
            (Err(e), _) => failures.push(format!("{label}: {e}")),
            (Ok(Ok(())), Expect::Valid) => {}
            (Ok(Err(errors)), Expect::Valid) => {
                failures.push(format!("{label}: expected valid, got {errors}"))
            }
            (Ok(Ok(())), Expect::Violation { path, rule, .. }) => {
                failures.push(format!("{label}: expected {rule} at {path}, got valid"))
            }
            (
                Ok(Err(errors)),
                Expect::Violation {
                    path,
                    rule,
                    message,
                },
            ) => {
                let ok = errors.0.len() == 1
                    && errors.0[0].path == *path
                    && errors.0[0].rule.name() == rule
                    && message.as_deref().is_none_or(|m| errors.0[0].message == m);
                if !ok {
                    failures.push(format!(
                        "{label}: expected one {rule} at {path} ({message:?}), got {errors}"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    // The specs' constraints: Juspay's ten udf limits, Razorpay's four
    // notes rules, CostPlus's rule and formats, Commerce Layer's allowed values.
    assert!(cases.len() >= 60, "only {} cases derived", cases.len());
    for (provider, rule) in [
        ("juspay", "max_length"),
        ("razorpay", "max_entries"),
        ("razorpay", "scalar_values"),
        ("costplus", "required"),
        ("costplus", "format"),
        ("commercelayer", "allowed"),
        ("shop", "required"),
        ("shop", "forbid"),
        ("shop", "at_least_one_of"),
        ("shop", "exactly_one_of"),
        ("shop", "mutually_exclusive"),
    ] {
        assert!(
            cases.iter().any(|c| c.provider == provider
                && matches!(&c.expect, Expect::Violation { rule: r, .. } if r == rule)),
            "{provider} has a {rule} case"
        );
    }
}

#[test]
fn a_constraint_added_to_a_spec_gets_its_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../target/test-tmp")
        .join(format!("conformance-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let original = std::fs::read_to_string(spec_dir().join("costplus.yaml")).expect("read");
    let before = all_cases(&spec_dir())
        .into_iter()
        .filter(|c| c.provider == "costplus")
        .count();
    let anchor = "        description:\n          type: string\n";
    assert!(
        original.contains(anchor),
        "the CostPlus request has a description field"
    );
    let edited = original.replacen(
        anchor,
        &format!("{anchor}          validation: {{ max_length: 140 }}\n"),
        1,
    );
    std::fs::write(dir.join("costplus.yaml"), edited).expect("write");
    let after: Vec<Case> = all_cases(&dir);
    assert_eq!(
        after.len(),
        before + 2,
        "one case at the limit, one past it"
    );
    let past = after
        .iter()
        .find(|c| c.name == "/description max_length 140 past the limit")
        .expect("derived");
    assert_eq!(
        past.body["description"].as_str().map(|s| s.chars().count()),
        Some(141)
    );
    assert_eq!(
        past.expect,
        Expect::Violation {
            path: "/description".into(),
            rule: "max_length".into(),
            message: None
        }
    );
}
