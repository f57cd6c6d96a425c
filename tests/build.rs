//! Generates the module of `fixtures/hostile/hostile.yaml` into `OUT_DIR`.
//! The spec's text is hostile (pasted code, indentation, control and bidi
//! characters); compiling its module into this crate puts it through
//! clippy, rustdoc and the doc tests of every CI run.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let (Some(manifest), Some(out)) = (
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
        std::env::var_os("OUT_DIR").map(PathBuf::from),
    ) else {
        eprintln!("CARGO_MANIFEST_DIR and OUT_DIR must be set: run this through cargo");
        return ExitCode::FAILURE;
    };
    println!("cargo:rerun-if-changed=fixtures/hostile");
    println!("cargo:rerun-if-changed=fixtures/hostile/hostile.yaml");
    // Another checkout sharing the target dir shares OUT_DIR (see
    // `.cargo/config.toml`).
    println!("cargo:rerun-if-env-changed=GENERATED_CLIENT_CHECKOUT");
    match codegen::Config::new().write_to(&manifest.join("fixtures/hostile"), &out) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: fixtures/hostile does not generate:\n{e}");
            ExitCode::FAILURE
        }
    }
}
