//! Generates one module per spec in `../spec` into `OUT_DIR`, so this crate
//! can never drift from the specs. A broken spec fails the build with the
//! loader's diagnostics (file:line:column, what, hint).

use std::path::PathBuf;
use std::process::ExitCode;

/// The specs, relative to this package.
const SPEC_DIR: &str = "../spec";

fn main() -> ExitCode {
    let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        eprintln!("CARGO_MANIFEST_DIR is not set: run this through cargo");
        return ExitCode::FAILURE;
    };
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run this through cargo");
        return ExitCode::FAILURE;
    };
    let spec_dir = manifest.join(SPEC_DIR);
    // Any rerun-if-changed line replaces cargo's default scan of the package,
    // so name the folder (new and removed files) and every spec file. The
    // paths are relative to the package, so cargo checks this checkout's
    // files even when another checkout shares the target dir (and so this
    // build script's OUT_DIR).
    println!("cargo:rerun-if-changed={SPEC_DIR}");
    if let Ok(files) = codegen::load::spec_files(&spec_dir) {
        for f in files {
            if let Some(name) = f.file_name() {
                println!(
                    "cargo:rerun-if-changed={SPEC_DIR}/{}",
                    name.to_string_lossy()
                );
            }
        }
    }
    // Checkouts sharing a target dir share OUT_DIR, and a spec older than
    // the other checkout's last run looks unchanged: rerun whenever the
    // checkout differs (`.cargo/config.toml` sets this to the workspace).
    println!("cargo:rerun-if-env-changed=GENERATED_CLIENT_CHECKOUT");
    // And should the generated code come from other specs all the same,
    // the index checks each spec's digest at compile time.
    // Unformatted: only the compiler reads this text (the snapshot test
    // formats it for review; `codegen generate` writes it formatted).
    match codegen::Config::new()
        .verify_sources(SPEC_DIR)
        .format(false)
        .partial_eq(std::env::var_os("CARGO_FEATURE_PARTIAL_EQ").is_some())
        .write_to(&spec_dir, &out)
    {
        Ok(report) => {
            // The providers this build has (each module is behind its
            // provider's feature), for dependents' build scripts (the mock
            // builds the same ones): `DEP_GENERATED_CLIENT_PROVIDERS`.
            let enabled: Vec<&str> = report
                .summary
                .names
                .iter()
                .map(String::as_str)
                .filter(|name| {
                    let var = format!("CARGO_FEATURE_{}", name.to_uppercase().replace('-', "_"));
                    std::env::var_os(var).is_some()
                })
                .collect();
            println!("cargo:providers={}", enabled.join(","));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!(
                "error: the specs in {} do not generate:\n{e}",
                spec_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}
