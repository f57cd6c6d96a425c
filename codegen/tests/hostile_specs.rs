//! Hostile specs through the generator: absurd nesting, long chains of
//! types, huge objects. Each ends in a positioned diagnostic or in output,
//! never in an abort, and each runs on a small thread stack so a recursion
//! driven by the input would fail here first.

use std::path::{Path, PathBuf};

/// Small enough that a recursion once per level of 10,000 overflows it at
/// once; large enough for serde_yaml's own bounded recursion (128 levels)
/// in a debug build, which needs a little under 512 KiB.
const SMALL_STACK: usize = 640 * 1024;

/// A spec dir holding `text` as `<name>.yaml`.
fn spec_dir(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join(format!("{name}.yaml")), text).expect("spec written");
    dir
}

/// Runs `f` on a thread with a small stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("thread")
        .join()
        .expect("no panic, no overflow")
}

fn razorpay() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/razorpay.yaml"))
        .expect("razorpay spec")
}

/// The razorpay spec with a chain `T0 -> T1 -> … -> T{n-1}` of object types,
/// each with a constrained field, the request holding `T0`.
fn chain_spec(n: usize, required: bool) -> String {
    let required = if required {
        "        required: true\n"
    } else {
        ""
    };
    let mut types = String::from("types:\n");
    for i in 0..n {
        types.push_str(&format!(
            "  T{i}:\n    kind: object\n    description: t\n    fields:\n"
        ));
        if i + 1 < n {
            types.push_str(&format!(
                "      next:\n        type: T{}\n        description: n\n{required}",
                i + 1
            ));
        }
        types.push_str("      v:\n        type: string\n        description: v\n        validation: { max_length: 5 }\n");
    }
    razorpay().replacen("types:\n", &types, 1).replacen(
        "        notes:\n          type: Notes\n          required: true",
        "        chain:\n          type: T0\n        notes:\n          type: Notes\n          required: true",
        1,
    )
}

#[test]
fn ten_thousand_nested_sequences_get_a_positioned_diagnostic() {
    let text = format!("{}\nx:\n{}a\n", razorpay(), "- ".repeat(10_000));
    let line = text.lines().count();
    let dir = spec_dir("nested", &text);
    let problems = on_small_stack(move || codegen::check::check_path(&dir).err());
    let problems = problems.expect("refused").to_string();
    assert!(
        problems.contains("nesting deeper than 128 levels"),
        "{problems}"
    );
    // Position: the `- ` that opens level 129 (the top-level mapping is
    // level 1, so the 128th sequence: column 2 × 127 + 1).
    assert!(
        problems.contains(&format!(":{line}:255: error")),
        "{problems}"
    );
}

#[test]
fn a_chain_of_a_thousand_types_checks_and_generates() {
    let dir = spec_dir("chain", &chain_spec(1_000, false));
    let generated = on_small_stack(move || {
        codegen::Config::new()
            .generate(&dir)
            .map_err(|e| e.to_string())
    })
    .expect("generates");
    let code = &generated.files[0].code;
    assert!(code.contains("pub struct T999"), "the last type");
    // Every link of the chain validates the next one: T998 has checks
    // because T999 has.
    assert!(code.matches(".validate_into(").count() >= 999);
}

#[test]
fn a_long_optional_cycle_is_boxed_without_deep_recursion() {
    // The same cycle through optional fields has finite values: each link
    // is boxed, and nothing in the generator recurses along it.
    let text = chain_spec(3_000, false).replacen(
        "  T2999:\n    kind: object\n    description: t\n    fields:\n",
        "  T2999:\n    kind: object\n    description: t\n    fields:\n      back:\n        type: T0\n        description: b\n",
        1,
    );
    let dir = spec_dir("optional_cycle", &text);
    let generated = on_small_stack(move || {
        codegen::Config::new()
            .generate(&dir)
            .map_err(|e| e.to_string())
    })
    .expect("generates");
    let code = &generated.files[0].code;
    assert_eq!(
        code.matches("Option<Box<T").count(),
        3_000,
        "every link boxed"
    );
}

#[test]
fn a_type_on_a_long_cycle_is_reported_once_each() {
    // T0 -> T1 -> … -> T2999 -> T0 through required fields: no value is
    // finite, and every type on the cycle is reported.
    let text = chain_spec(3_000, true).replacen(
        "  T2999:\n    kind: object\n    description: t\n    fields:\n",
        "  T2999:\n    kind: object\n    description: t\n    fields:\n      back:\n        type: T0\n        description: b\n        required: true\n",
        1,
    );
    let dir = spec_dir("cycle", &text);
    let problems = on_small_stack(move || codegen::check::check_path(&dir).err())
        .expect("refused")
        .to_string();
    let head: String = problems.chars().take(500).collect();
    assert_eq!(problems.matches("contains itself").count(), 3_000, "{head}");
}

#[test]
fn an_object_with_too_many_fields_is_refused() {
    let mut fields = String::new();
    for i in 0..2_001 {
        fields.push_str(&format!(
            "      f{i}:\n        type: string\n        description: f\n"
        ));
    }
    let text = razorpay().replacen(
        "types:\n",
        &format!("types:\n  Wide:\n    kind: object\n    description: w\n    fields:\n{fields}"),
        1,
    );
    let dir = spec_dir("wide", &text);
    let problems = codegen::check::check_path(&dir)
        .map(|_| ())
        .expect_err("refused")
        .to_string();
    assert!(
        problems.contains("2001 fields in one place; at most 2000 are supported"),
        "{problems}"
    );
    assert!(
        problems.contains("hint: rustc cannot compile"),
        "{problems}"
    );
}
