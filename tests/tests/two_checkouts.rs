//! Two checkouts of the workspace sharing one target dir (a global
//! `CARGO_TARGET_DIR`, git worktrees) share the generated client's
//! `OUT_DIR`. A spec edited and built in one must never reach the other's
//! build. The checkouts are real copies built by cargo with one target dir
//! of their own (under this workspace's target dir, kept between runs).

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir").flatten() {
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy");
        }
    }
}

/// A checkout holding the generator, the generated client and the specs.
fn checkout(root: &Path) {
    let _ = std::fs::remove_dir_all(root);
    let ws = workspace();
    // `mock` too: the client's examples run against it (a dev-dependency).
    for dir in [
        "codegen",
        "formats",
        "generated-client",
        "mock",
        "spec",
        ".cargo",
    ] {
        copy_dir(&ws.join(dir), &root.join(dir));
    }
    std::fs::copy(ws.join("Cargo.lock"), root.join("Cargo.lock")).expect("lock");
    let manifest = std::fs::read_to_string(ws.join("Cargo.toml")).expect("manifest");
    let manifest = manifest.replace(
        r#"members = ["codegen", "formats", "generated-client", "mock", "tests", "benches"]"#,
        r#"members = ["codegen", "formats", "generated-client", "mock"]"#,
    );
    assert!(manifest.contains(r#"members = ["codegen", "formats", "generated-client", "mock"]"#));
    std::fs::write(root.join("Cargo.toml"), manifest).expect("manifest written");
}

/// `cargo check` of the generated client (Razorpay only) in `root`, with
/// the shared target dir; returns the generated `razorpay.rs` it compiled.
fn build(root: &Path, target: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("GENERATED_CLIENT_CHECKOUT")
        .args([
            "check",
            "--offline",
            "-q",
            "-p",
            "generated-client",
            "--no-default-features",
            "--features",
            "razorpay",
            "--message-format=json",
        ])
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "cargo check in {} failed:\n{}\n{stdout}",
        root.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let out_dir = stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|m| {
            m["reason"] == "build-script-executed"
                && m["package_id"]
                    .as_str()
                    .is_some_and(|p| p.contains("generated-client"))
        })
        .and_then(|m| m["out_dir"].as_str().map(PathBuf::from))
        .expect("the generated client's build script reported its OUT_DIR");
    std::fs::read_to_string(out_dir.join("razorpay.rs")).expect("generated razorpay.rs")
}

#[test]
fn a_checkout_never_compiles_another_checkouts_generated_code() {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("two-checkouts");
    let (a, b, target) = (base.join("a"), base.join("b"), base.join("target"));
    checkout(&a);
    checkout(&b);
    let first_b = build(&b, &target);
    assert!(!first_b.contains("EDITED IN A"));

    // Edit a spec in A and build A: A's client has the edit.
    let spec = a.join("spec/razorpay.yaml");
    let text = std::fs::read_to_string(&spec).expect("spec");
    let edited = text.replacen(
        "Razorpay payment gateway, Orders API.",
        "Razorpay payment gateway, Orders API. EDITED IN A.",
        1,
    );
    assert_ne!(text, edited, "the edit applies");
    std::fs::write(&spec, edited).expect("spec edited");
    assert!(build(&a, &target).contains("EDITED IN A"));

    // B's specs are older than A's last build, and B shares A's OUT_DIR:
    // B's build still compiles B's specs.
    let b_again = build(&b, &target);
    assert!(
        !b_again.contains("EDITED IN A"),
        "B compiled A's generated code"
    );
    assert_eq!(b_again, first_b);
    // And back in A, A's edit again.
    assert!(build(&a, &target).contains("EDITED IN A"));
}

/// The generated index compares the generator's digest of each spec with
/// the runtime's, computed in a `const`: the two must agree on every input.
#[test]
fn the_generator_and_the_runtime_agree_on_spec_digests() {
    let spec = std::fs::read(workspace().join("spec/razorpay.yaml")).expect("spec");
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"a".to_vec(), b"abcdefgh".to_vec(), spec];
    inputs.push("é 🦀 \n\r\t".repeat(9).into_bytes());
    // The digest `generated-client/tests/ui/stale_generated_code.rs`
    // records: that of the spec before its edit, so only the edit fails it.
    assert_eq!(
        codegen::spec_digest(b"provider:\n  name: example\n  title: As generated\n"),
        0x0b6e_5faf_f5a6_a076
    );
    for input in inputs {
        assert_eq!(
            generated_client::runtime::spec_digest(&input),
            codegen::spec_digest(&input),
            "{} bytes",
            input.len()
        );
    }
}
