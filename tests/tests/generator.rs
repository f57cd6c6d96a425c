//! The generator end to end: regeneration after a spec edit, determinism,
//! write-if-changed, atomic failure, and the build script's behaviour.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::{Config, GenerateError};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn spec_dir() -> PathBuf {
    workspace().join("spec")
}

/// A fresh temporary folder under the target dir (no extra crate needed).
fn temp_dir(name: &str) -> PathBuf {
    let dir = workspace()
        .join("target")
        .join("test-tmp")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create temp dir");
    dir
}

fn copy_specs(to: &Path) {
    std::fs::create_dir_all(to).expect("create spec copy");
    for f in codegen::load::spec_files(&spec_dir()).expect("list specs") {
        let name = f.file_name().expect("file name");
        std::fs::copy(&f, to.join(name)).expect("copy spec");
    }
}

fn code_of<'a>(generated: &'a codegen::Generated, name: &str) -> &'a str {
    &generated
        .files
        .iter()
        .find(|f| f.name == name)
        .expect("file generated")
        .code
}

#[test]
fn adding_a_field_and_a_constraint_shows_in_the_output() {
    let dir = temp_dir("regen");
    copy_specs(&dir);
    let before = Config::new().generate(&dir).expect("specs generate");
    let old = code_of(&before, "razorpay.rs");
    assert!(!old.contains("pub fn receipt_note("));

    let path = dir.join("razorpay.yaml");
    let spec = std::fs::read_to_string(&path).expect("read spec");
    let anchor = "      rejects:\n";
    assert!(
        spec.contains(anchor),
        "the Razorpay spec has a rejects section"
    );
    let added = "        receipt_note:\n          type: string\n          description: A note printed on the receipt.\n          validation:\n            max_length: 40\n            messages:\n              max_length: receipt_note must be at most 40 characters.\n";
    std::fs::write(&path, spec.replacen(anchor, &format!("{added}{anchor}"), 1))
        .expect("write spec");

    let after = Config::new().generate(&dir).expect("edited specs generate");
    let new = code_of(&after, "razorpay.rs");
    // Formatted or not (`codegen`'s `format` feature): compared without
    // whitespace.
    let has = |code: &str, needle: &str| {
        let squeeze = |s: &str| s.split_whitespace().collect::<String>();
        squeeze(code).contains(&squeeze(needle))
    };
    assert!(
        has(new, "receipt_note: Option<String>"),
        "the optional field is on the request type"
    );
    assert!(
        has(
            new,
            "pub fn receipt_note(mut self, value: impl Into<String>) -> Self"
        ),
        "with a setter"
    );
    assert!(
        has(new, " A note printed on the receipt."),
        "documented from the spec"
    );
    assert!(
        has(new, "Some(40)") && has(new, "receipt_note must be at most 40 characters."),
        "the constraint is validated with the docs' message"
    );
    assert_eq!(after.summary.fields, before.summary.fields + 1);
    // Only Razorpay's file changed.
    for f in &before.files {
        if f.name != "razorpay.rs" {
            assert_eq!(code_of(&after, &f.name), f.code, "{} is untouched", f.name);
        }
    }
}

#[test]
fn output_is_deterministic_and_independent_of_location() {
    let a = Config::new().generate(&spec_dir()).expect("generate");
    let b = Config::new().generate(&spec_dir()).expect("generate again");
    assert_eq!(a.files, b.files);
    let dir = temp_dir("elsewhere");
    copy_specs(&dir);
    let c = Config::new().generate(&dir).expect("generate from a copy");
    assert_eq!(
        a.files, c.files,
        "the spec folder's location does not leak into the code"
    );
    // One module per spec, in file order, then the index.
    let names: Vec<&str> = a.files.iter().map(|f| f.name.as_str()).collect();
    let mut expected: Vec<String> = spec_names()
        .iter()
        .map(|n| n.replace(".yaml", ".rs"))
        .collect();
    expected.push("providers.rs".into());
    assert_eq!(names, expected);
    for f in &a.files {
        assert!(
            !f.code.contains(&*workspace().to_string_lossy()),
            "{} holds no absolute path",
            f.name
        );
    }
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let out = temp_dir("write-once");
    let first = Config::new().write_to(&spec_dir(), &out).expect("write");
    assert_eq!(
        first.written.len(),
        spec_names().len() + 1,
        "each spec and the index"
    );
    let stamp = std::fs::metadata(out.join("juspay.rs"))
        .and_then(|m| m.modified())
        .expect("mtime");
    let second = Config::new()
        .write_to(&spec_dir(), &out)
        .expect("write again");
    assert!(
        second.written.is_empty(),
        "nothing changed, nothing written: {:?}",
        second.written
    );
    assert_eq!(second.unchanged.len(), spec_names().len() + 1);
    let again = std::fs::metadata(out.join("juspay.rs"))
        .and_then(|m| m.modified())
        .expect("mtime");
    assert_eq!(stamp, again);
}

#[test]
fn a_broken_spec_leaves_earlier_output_untouched() {
    let specs = temp_dir("atomic-specs");
    copy_specs(&specs);
    let out = temp_dir("atomic-out");
    Config::new()
        .write_to(&specs, &out)
        .expect("first generation");
    let before: Vec<(PathBuf, Vec<u8>)> = codegen_outputs(&out);
    // Break one spec; the others are fine.
    let path = specs.join("costplus.yaml");
    let text =
        std::fs::read_to_string(&path)
            .expect("read")
            .replacen("method: PUT", "method: PUTT", 1);
    std::fs::write(&path, text).expect("write");
    match Config::new().write_to(&specs, &out) {
        Err(GenerateError::Spec(d)) => {
            let shown = d.to_string();
            assert!(shown.contains("costplus.yaml:"), "{shown}");
            assert!(shown.contains("unknown HTTP method `PUTT`"), "{shown}");
        }
        other => panic!("expected spec diagnostics, got {other:?}"),
    }
    assert_eq!(codegen_outputs(&out), before, "no file changed");
}

fn codegen_outputs(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("list")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let bytes = std::fs::read(&p).expect("read");
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

/// The file names of the specs in `spec/`, sorted: found, not listed, so a
/// new spec needs no change here.
fn spec_names() -> Vec<String> {
    let mut names: Vec<String> = codegen::load::spec_files(&workspace().join("spec"))
        .expect("spec/ lists")
        .iter()
        .filter_map(|p| Some(p.file_name()?.to_str()?.to_string()))
        .collect();
    names.sort();
    names
}

/// The compiled build script of `generated-client`, as cargo built it for
/// this test run.
fn build_script() -> PathBuf {
    // This test runs from `<target>/debug/deps/`; the build scripts are in
    // `<target>/debug/build/` (whatever CARGO_TARGET_DIR is).
    let exe = std::env::current_exe().expect("the test's own path");
    let debug = exe.parent().and_then(Path::parent).expect("target/debug");
    let build = debug.join("build");
    let mut found: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(&build)
        .expect("target/debug/build exists")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("generated-client-")
        })
        .map(|e| e.path().join("build-script-build"))
        .filter(|p| p.is_file())
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    found.sort();
    found.pop().expect("the build script was compiled").1
}

/// Runs the real build script against a copy of the crate layout whose
/// specs are in `spec`.
fn run_build_script(spec: &Path, out: &Path) -> std::process::Output {
    let root = spec.parent().expect("spec folder has a parent");
    let manifest = root.join("generated-client");
    std::fs::create_dir_all(&manifest).expect("create manifest dir");
    Command::new(build_script())
        .env("CARGO_MANIFEST_DIR", &manifest)
        .env("OUT_DIR", out)
        .output()
        .expect("run the build script")
}

#[test]
fn build_script_names_every_spec_for_rerun() {
    let root = temp_dir("build-ok");
    copy_specs(&root.join("spec"));
    let out = root.join("out");
    std::fs::create_dir_all(&out).expect("out");
    let run = run_build_script(&root.join("spec"), &out);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    let reruns: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
        .collect();
    let specs = spec_names();
    assert_eq!(
        reruns.len(),
        specs.len() + 1,
        "the folder and every spec: {reruns:?}"
    );
    assert!(
        reruns[0].ends_with("spec"),
        "the folder comes first: {reruns:?}"
    );
    for name in &specs {
        assert!(
            reruns.iter().any(|r| r.ends_with(name)),
            "{name} is watched"
        );
    }
    assert!(out.join("providers.rs").is_file() && out.join("juspay.rs").is_file());
}

#[test]
fn build_script_fails_with_the_diagnostic_not_a_panic() {
    let root = temp_dir("build-broken");
    let spec = root.join("spec");
    copy_specs(&spec);
    let path = spec.join("razorpay.yaml");
    let text = std::fs::read_to_string(&path).expect("read").replacen(
        "    method: PATCH",
        "    method: PATCH\n    methd: PATCH",
        1,
    );
    std::fs::write(&path, text).expect("write");
    let out = root.join("out");
    std::fs::create_dir_all(&out).expect("out");
    let run = run_build_script(&spec, &out);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("razorpay.yaml:"),
        "names the file: {stderr}"
    );
    assert!(
        stderr.contains("unknown key `methd`"),
        "says what: {stderr}"
    );
    assert!(stderr.contains("did you mean `method`?"), "hints: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.contains("unknown key `methd`"))
        .expect("the diagnostic line");
    let pos = line
        .split("razorpay.yaml:")
        .nth(1)
        .expect("position follows the file");
    let mut parts = pos.split(':');
    let (l, c) = (parts.next().expect("line"), parts.next().expect("column"));
    assert!(
        l.parse::<usize>().is_ok_and(|n| n > 1) && c == "5",
        "file:line:col, got {line}"
    );
    assert!(!out.join("razorpay.rs").exists(), "nothing written");
}

#[test]
fn the_index_checks_each_spec_digest_at_compile_time() {
    let generated = codegen::Config::new()
        .verify_sources("../spec")
        .generate(&spec_dir())
        .expect("the specs generate");
    let index = code_of(&generated, "providers.rs");
    let spec = std::fs::read(spec_dir().join("razorpay.yaml")).expect("spec");
    let digest = codegen::spec_digest(&spec);
    let expected = format!(
        "crate::runtime::spec_digest(include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../spec/razorpay.yaml\"))) == {digest:#018x}"
    );
    assert!(index.contains(&expected), "{index}");
    // Without the option, no check (other users of the generator).
    let plain = codegen::Config::new()
        .generate(&spec_dir())
        .expect("generates");
    assert!(!code_of(&plain, "providers.rs").contains("spec_digest"));
}

#[test]
fn a_bad_runtime_path_is_the_callers_mistake_not_a_generator_bug() {
    let err = Config::new()
        .runtime_path("crate::not a path")
        .generate(&spec_dir())
        .expect_err("not a Rust path");
    assert!(matches!(err, GenerateError::Config(_)), "{err:?}");
    let shown = err.to_string();
    assert!(
        shown.contains("runtime path `crate::not a path`"),
        "{shown}"
    );
    assert!(!shown.contains("please report"), "{shown}");
}

#[test]
fn generate_errors_name_their_source() {
    use std::error::Error as _;
    let spec = codegen::SpecSource::new("bad.yaml", "provider: {}\n");
    let err = Config::new()
        .generate_sources(&[spec])
        .expect_err("a broken spec");
    let source = err.source().expect("the diagnostics are the source");
    assert!(source.to_string().contains("bad.yaml:"), "{source}");
    let out = temp_dir("source-io");
    let blocker = out.join("file");
    std::fs::create_dir_all(&out).expect("temp dir");
    std::fs::write(&blocker, "").expect("a file where a folder should be");
    let err = Config::new()
        .write_to(&spec_dir(), &blocker.join("sub"))
        .expect_err("cannot create a folder under a file");
    assert!(matches!(err, GenerateError::Io(..)), "{err:?}");
    assert!(err.source().is_some(), "the io::Error is the source");
}

#[test]
fn spec_texts_generate_exactly_what_the_folder_generates() {
    let from_folder = Config::new().generate(&spec_dir()).expect("generates");
    let sources: Vec<codegen::SpecSource> = codegen::load::spec_files(&spec_dir())
        .expect("list specs")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read spec");
            codegen::SpecSource::new(p, text)
        })
        .collect();
    let from_texts = Config::new().generate_sources(&sources).expect("generates");
    assert_eq!(from_folder.files, from_texts.files);
    assert_eq!(from_folder.summary, from_texts.summary);
}

#[test]
fn partial_eq_is_derived_on_data_types_only_when_asked_for() {
    // Every `#[derive(..)]` of every provider, with and without the option.
    fn derives(config: &Config) -> Vec<String> {
        let generated = config.generate(&spec_dir()).expect("specs generate");
        let mut all = Vec::new();
        for f in &generated.files {
            for line in f.code.lines() {
                // Formatted or not: without the spaces.
                let line: String = line.split_whitespace().collect();
                if let Some(rest) = line.strip_prefix("#[derive(") {
                    all.push(rest.trim_end_matches(")]").to_string());
                }
            }
        }
        all
    }
    let lean = derives(&Config::new());
    let with_eq = derives(Config::new().partial_eq(true));
    assert_eq!(lean.len(), with_eq.len(), "the same types either way");
    let mut added = 0;
    for (a, b) in lean.iter().zip(&with_eq) {
        // Without the option, only what also derives `Eq` compares: value
        // enums and `Environment`.
        assert!(!a.contains("PartialEq") || a.contains(",Eq"), "{a}");
        if a != b {
            // With it, a data type gains `PartialEq` and nothing else
            // (`Client` and `Credentials` stay as they are).
            assert_eq!(b, &a.replacen("Debug,Clone", "Debug,Clone,PartialEq", 1));
            added += 1;
        }
    }
    // Objects, requests, unions: most of the types.
    assert!(added > lean.len() / 2, "{added} of {}", lean.len());
}
