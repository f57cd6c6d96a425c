//! The `codegen check` command line: exit codes and output.
//!
//! These live in the codegen package (not in `tests/`) because
//! `CARGO_BIN_EXE_codegen` is only set for integration tests of the package
//! that owns the binary; cargo builds the binary before running them.

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

fn check(path: &Path) -> Output {
    codegen(&["check".as_ref(), path.as_os_str()])
}

#[test]
fn clean_spec_exits_0() {
    let out = check(&repo_file("tests/fixtures/minimal.yaml"));
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.starts_with("ok: 1 spec file"), "stdout: {stdout}");
    assert!(out.stderr.is_empty());
}

#[test]
fn broken_spec_exits_1_with_file_line_column() {
    let file = repo_file("tests/broken/unknown_key_typo.yaml");
    let out = check(&file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let at = format!("{}:17:27: error: unknown key `requird`", file.display());
    assert!(stderr.contains(&at), "stderr lacks `{at}`:\n{stderr}");
    assert!(
        stderr.contains("\n  hint: did you mean `required`?"),
        "stderr: {stderr}"
    );
    assert!(stderr.trim_end().ends_with("1 error"), "stderr: {stderr}");
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = codegen(&["check".as_ref(), "--no-such-flag".as_ref()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stderr.is_empty());
}

#[test]
fn missing_subcommand_is_a_usage_error() {
    let out = codegen(&[]);
    assert_eq!(out.status.code(), Some(2));
}
