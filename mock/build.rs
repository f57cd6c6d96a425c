//! Generates, from `../spec`, what the mock checks requests with: each
//! provider's module with both serde directions (so a request body decodes
//! into its request type and is checked by the same `validate()` the client
//! runs), a dispatch from (provider, operation) to that check, and the spec
//! texts themselves, which the server reads its routes, errors and
//! examples from.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest =
        PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("run through cargo")?);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("run through cargo")?);
    let spec_dir = manifest.join("../spec");
    println!("cargo:rerun-if-changed=../spec");
    let files = codegen::load::spec_files(&spec_dir).map_err(|e| e.to_string())?;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    let modules = out.join("modules");
    let _ = std::fs::remove_dir_all(&modules);
    let report = codegen::Config::new()
        .runtime_path("generated_client::runtime")
        .index_file(None)
        .both_directions(true)
        .format(false)
        .write_to(&spec_dir, &modules)
        .map_err(|e| format!("the specs do not generate for the mock:\n{e}"))?;
    let mut written: Vec<&PathBuf> = report.written.iter().chain(&report.unchanged).collect();
    written.sort();
    let mut code = String::new();
    for f in written {
        let _ = writeln!(code, "include!({:?});", f.display().to_string());
    }
    code.push_str(&dispatch(&spec_dir)?);
    code.push_str(&embedded(&files)?);
    std::fs::write(out.join("generated.rs"), code).map_err(|e| e.to_string())
}

/// `fn check_body(provider, operation, body)`: the flat JSON of a request
/// body decoded into the operation's request type and validated; `None`
/// for an operation the mock cannot check this way (no body, or a JSON
/// Patch list, whose request is built patch by patch).
fn dispatch(spec_dir: &Path) -> Result<String, String> {
    let checked = codegen::check::check_path(spec_dir).map_err(|e| e.to_string())?;
    let mut arms = String::new();
    for c in &checked {
        let p = c.model();
        for op in &p.operations {
            let Some(r) = &op.request else { continue };
            if r.patch.is_some() {
                continue;
            }
            let _ = writeln!(
                arms,
                "        ({:?}, {:?}) => Some(decode_and_validate::<{}::{}>(body, {}::{}::validate)),",
                p.name, op.ident, p.name, r.name, p.name, r.name
            );
        }
    }
    Ok(format!(
        "/// Decodes `body` (the request's fields as JSON) into the request type\n\
         /// of `operation` and validates it; `None` when the operation has no\n\
         /// request type checked this way.\n\
         pub(crate) fn check_body(\n    provider: &str,\n    operation: &str,\n    body: &serde_json::Value,\n\
         ) -> Option<Result<Result<(), generated_client::runtime::ValidationErrors>, String>> {{\n\
         \x20   match (provider, operation) {{\n{arms}        _ => None,\n    }}\n}}\n"
    ))
}

/// The spec texts, by file name.
fn embedded(files: &[PathBuf]) -> Result<String, String> {
    let mut entries = String::new();
    for f in files {
        let name = f
            .file_name()
            .and_then(|s| s.to_str())
            .ok_or("a spec file name")?;
        let path = f.canonicalize().map_err(|e| e.to_string())?;
        let _ = writeln!(
            entries,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    Ok(format!(
        "/// The specs the mock was built from: file name and text.\n\
         pub const SPECS: &[(&str, &str)] = &[\n{entries}];\n"
    ))
}
