//! The `codegen diff` command line: exit codes, formats, and the loader's
//! diagnostics for bad input on either side.
//!
//! In the codegen package because `CARGO_BIN_EXE_codegen` is only set for
//! integration tests of the package that owns the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(rel)
}

fn codegen(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args(args)
        .output()
        .expect("the codegen binary runs")
}

fn diff(old: &Path, new: &Path, flags: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["diff".as_ref(), old.as_os_str(), new.as_os_str()];
    args.extend(flags.iter().map(std::ffi::OsStr::new));
    codegen(&args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn old_juspay() -> PathBuf {
    repo_file("tests/fixtures/diff/juspay_old.yaml")
}

fn new_juspay() -> PathBuf {
    repo_file("tests/fixtures/diff/juspay_new.yaml")
}

/// `tests/fixtures/minimal.yaml` after `edit`, written under a fresh name.
fn minimal_with(name: &str, edit: (&str, &str)) -> PathBuf {
    let base = std::fs::read_to_string(repo_file("tests/fixtures/minimal.yaml"))
        .expect("tests/fixtures/minimal.yaml");
    assert!(base.contains(edit.0), "minimal.yaml has no `{}`", edit.0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff_cli");
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let path = dir.join(name);
    // Tests run in parallel and share these files: write a private copy,
    // then rename it into place, so no reader ever sees a half-written file.
    let private = dir.join(format!("{name}.{:?}.tmp", std::thread::current().id()));
    std::fs::write(&private, base.replacen(edit.0, edit.1, 1)).expect("the temp spec is written");
    std::fs::rename(&private, &path).expect("the temp spec is moved into place");
    path
}

fn minimal() -> PathBuf {
    repo_file("tests/fixtures/minimal.yaml")
}

/// Only the summary changes: documentation.
fn docs_only() -> PathBuf {
    minimal_with(
        "docs_only.yaml",
        ("summary: Fetch an order.", "summary: Fetch one order."),
    )
}

/// A new optional response field: compatible.
fn compatible() -> PathBuf {
    minimal_with(
        "compatible.yaml",
        (
            "      amount: { type: integer }\n",
            "      amount: { type: integer }\n      note: { type: string }\n",
        ),
    )
}

#[test]
fn juspay_pair_prints_the_text_report_and_exits_0() {
    let out = diff(&old_juspay(), &new_juspay(), &[]);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("6 breaking, 31 compatible, 8 docs-only; suggested version bump: major"),
        "{text}"
    );
    assert!(text.contains("\nbreaking (6):\n"), "{text}");
    assert!(
        text.contains("  [request] field_added_required: juspay provider.headers.x-merchantid\n")
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn a_spec_diffed_with_itself_has_no_changes_and_exits_0_even_with_fail_on_any() {
    for target in [repo_file("spec"), new_juspay()] {
        let out = diff(&target, &target, &["--fail-on", "any"]);
        assert_eq!(out.status.code(), Some(0), "stderr: {}", stderr(&out));
        assert!(stdout(&out).contains("no changes; suggested version bump: none"));
    }
}

#[test]
fn fail_on_exits_3_at_or_above_its_severity() {
    let cases: [(PathBuf, PathBuf, &str, i32); 9] = [
        (old_juspay(), new_juspay(), "breaking", 3),
        (old_juspay(), new_juspay(), "compatible", 3),
        (old_juspay(), new_juspay(), "any", 3),
        (minimal(), compatible(), "breaking", 0),
        (minimal(), compatible(), "compatible", 3),
        (minimal(), compatible(), "any", 3),
        (minimal(), docs_only(), "breaking", 0),
        (minimal(), docs_only(), "compatible", 0),
        (minimal(), docs_only(), "any", 3),
    ];
    for (old, new, level, code) in cases {
        let out = diff(&old, &new, &["--fail-on", level]);
        assert_eq!(
            out.status.code(),
            Some(code),
            "{} → {} --fail-on {level}\n{}{}",
            old.display(),
            new.display(),
            stdout(&out),
            stderr(&out)
        );
        assert!(!out.stdout.is_empty(), "the report is printed either way");
    }
    // Without --fail-on, changes never fail the command.
    assert_eq!(diff(&minimal(), &compatible(), &[]).status.code(), Some(0));
}

#[test]
fn markdown_format() {
    let out = diff(&minimal(), &compatible(), &["--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0));
    let md = stdout(&out);
    assert!(md.starts_with("## Spec changes: `"), "{md}");
    assert!(
        md.contains("Suggested version bump: **minor** (0 breaking, 1 compatible, 0 docs-only).")
    );
    assert!(md.contains("### Compatible (1)\n\n| direction | kind | provider | path | change |\n|---|---|---|---|---|\n| response | `field_added_optional` | example | `types.Order.fields.note` | `note` added (string, optional) |\n"), "{md}");
}

#[test]
fn json_format() {
    let out = diff(&minimal(), &docs_only(), &["--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    assert_eq!(v["schema"], 1);
    assert_eq!(v["semver"], "patch");
    assert_eq!(
        v["summary"],
        serde_json::json!({"breaking": 0, "compatible": 0, "docs": 1})
    );
    assert_eq!(
        v["changes"],
        serde_json::json!([{
            "severity": "docs",
            "direction": "api",
            "kind": "docs_changed",
            "path": "operations.get_order",
            "provider": "example",
            "operation": "get_order",
            "type": null,
            "field": null,
            "detail": "summary changed",
            "hint": null
        }])
    );
    let same = diff(&minimal(), &minimal(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&same)).expect("stdout is JSON");
    assert_eq!(v["semver"], "none");
    assert_eq!(v["changes"], serde_json::json!([]));
}

#[test]
fn bad_input_on_either_side_prints_the_loaders_diagnostics_and_exits_1() {
    let broken = repo_file("tests/broken/unknown_key_typo.yaml");
    let at = format!("{}:17:27: error: unknown key `requird`", broken.display());
    for (old, new) in [(broken.clone(), minimal()), (minimal(), broken.clone())] {
        let out = diff(&old, &new, &["--fail-on", "breaking"]);
        assert_eq!(out.status.code(), Some(1), "stdout: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(&at), "stderr lacks `{at}`:\n{err}");
        assert!(err.contains("\n  hint: did you mean `required`?"), "{err}");
        assert!(err.trim_end().ends_with("1 error"), "{err}");
        assert!(out.stdout.is_empty());
    }
    let other = repo_file("tests/broken/unknown_http_method.yaml");
    let out = diff(&broken, &other, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&at), "{err}");
    assert!(err.contains(&format!("{}:", other.display())), "{err}");
    let missing = repo_file("tests/fixtures/diff/no_such_file.yaml");
    let out = diff(&minimal(), &missing, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot read the spec file"));
}

#[test]
fn usage_errors_exit_2() {
    let m = minimal();
    for args in [
        vec!["diff".as_ref()],
        vec!["diff".as_ref(), m.as_os_str()],
        vec![
            "diff".as_ref(),
            m.as_os_str(),
            m.as_os_str(),
            "--format".as_ref(),
            "html".as_ref(),
        ],
        vec![
            "diff".as_ref(),
            m.as_os_str(),
            m.as_os_str(),
            "--fail-on".as_ref(),
            "minor".as_ref(),
        ],
    ] {
        let out = codegen(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(!out.stderr.is_empty());
    }
}
