//! Generates one module per spec in `../spec` into `OUT_DIR`, so this crate
//! can never drift from the specs. A broken spec fails the build with the
//! loader's diagnostics (file:line:column, what, hint).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(manifest) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        eprintln!("CARGO_MANIFEST_DIR is not set: run this through cargo");
        return ExitCode::FAILURE;
    };
    let Some(out) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run this through cargo");
        return ExitCode::FAILURE;
    };
    let spec_dir = manifest.join("../spec");
    let spec_dir = spec_dir.canonicalize().unwrap_or(spec_dir);
    // Any rerun-if-changed line replaces cargo's default scan of the package,
    // so name the folder (new and removed files) and every spec file.
    println!("cargo:rerun-if-changed={}", spec_dir.display());
    if let Ok(files) = codegen::spec::spec_files(&spec_dir) {
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
    }
    match codegen::Config::new().write_to(&spec_dir, &out) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!(
                "error: the specs in {} do not generate:\n{e}",
                spec_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}
