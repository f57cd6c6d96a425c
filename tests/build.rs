//! Generates into `OUT_DIR`:
//!
//! - the module of `fixtures/hostile/hostile.yaml`, whose text is hostile
//!   (pasted code, indentation, control and bidi characters);
//! - the modules of `fixtures/language/`, specs that use every construct
//!   of the language (their bodies are asserted in `tests/language.rs`);
//! - `conformance_dispatch.rs`: for every operation with a request body of
//!   every spec in `../spec` and `fixtures/language/`, the compiled request
//!   type the conformance test runs its cases through (so a new spec needs
//!   no registration);
//! - the modules of the random specs `check` accepts
//!   (`build/random_specs.rs`): whatever `check` accepts must compile.
//!
//! Compiling them into this crate puts them through clippy, rustdoc and the
//! doc tests of every CI run. `RANDOM_SPECS=N` tries N random specs instead
//! of the CI's [`RANDOM_SPECS_CI`] (the long run).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "build/random_specs.rs"]
mod random_specs;

/// Random specs tried on every build; `RANDOM_SPECS` overrides.
const RANDOM_SPECS_CI: u64 = 300;

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
    println!("cargo:rerun-if-changed=fixtures/language");
    if let Ok(files) = codegen::load::spec_files(&manifest.join("fixtures/language")) {
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
        }
    }
    println!("cargo:rerun-if-changed=build/random_specs.rs");
    println!("cargo:rerun-if-env-changed=RANDOM_SPECS");
    println!("cargo:rerun-if-env-changed=RANDOM_SPECS_DUMP");
    // Another checkout sharing the target dir shares OUT_DIR (see
    // `.cargo/config.toml`).
    println!("cargo:rerun-if-env-changed=GENERATED_CLIENT_CHECKOUT");
    if let Err(e) = codegen::Config::new().write_to(&manifest.join("fixtures/hostile"), &out) {
        eprintln!("error: fixtures/hostile does not generate:\n{e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = codegen::Config::new()
        .index_file(None)
        .write_to(&manifest.join("fixtures/language"), &out.join("language"))
    {
        eprintln!("error: fixtures/language does not generate:\n{e}");
        return ExitCode::FAILURE;
    }
    if let Err(e) = dispatch(&manifest, &out) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    match random(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `conformance_modules.rs`, the modules of `../spec` and
/// `fixtures/language` generated with both serde directions, and
/// `conformance_dispatch.rs`: `fn run_case(provider, operation, body)`,
/// which decodes `body` into the operation's request type there and
/// validates it (`None` for an operation that has no request type).
fn dispatch(manifest: &Path, out: &Path) -> Result<(), String> {
    println!("cargo:rerun-if-changed=../spec");
    let mut arms = String::new();
    // The conformance harness decodes requests from JSON: it runs through
    // copies of the modules generated with both serde directions (the
    // client's own request types are only built through their
    // constructors), from the same specs by the same generator, and with
    // `PartialEq`, so a round trip can be compared.
    let copies = out.join("conformance");
    let _ = std::fs::remove_dir_all(&copies);
    let mut includes = String::new();
    for dir in [manifest.join("../spec"), manifest.join("fixtures/language")] {
        let report = codegen::Config::new()
            .index_file(None)
            .both_directions(true)
            .partial_eq(true)
            .write_to(&dir, &copies)
            .map_err(|e| format!("{} does not generate for conformance:\n{e}", dir.display()))?;
        let mut files: Vec<&PathBuf> = report.written.iter().chain(&report.unchanged).collect();
        files.sort();
        for f in files {
            includes.push_str(&format!("include!({:?});\n", f.display().to_string()));
        }
    }
    std::fs::write(out.join("conformance_modules.rs"), includes).map_err(|e| e.to_string())?;
    let module = "integration_tests::conformance";
    for dir in [manifest.join("../spec"), manifest.join("fixtures/language")] {
        if let Ok(files) = codegen::load::spec_files(&dir) {
            for f in files {
                println!("cargo:rerun-if-changed={}", f.display());
            }
        }
        let checked = codegen::check::check_path(&dir)
            .map_err(|e| format!("{} does not check:\n{e}", dir.display()))?;
        for c in &checked {
            let p = c.model();
            for op in &p.operations {
                let Some(r) = &op.request else { continue };
                if let Some(t) = &r.patch {
                    if let Some(arm) = patch_arm(module, &p.name, &op.ident, r, t) {
                        arms.push_str(&arm);
                    }
                    continue;
                }
                arms.push_str(&format!(
                    "        ({:?}, {:?}) => Some(decode_and_validate(body, {module}::{}::{}::validate)),\n",
                    p.name, op.ident, p.name, r.name
                ));
            }
        }
    }
    let code = format!(
        "/// Runs a conformance case through the compiled request type of its\n\
         /// operation; `None` when no such operation has a request type.\n\
         pub fn run_case(\n    provider: &str,\n    operation: &str,\n    body: &serde_json::Value,\n\
         ) -> Option<Result<Result<(), generated_client::runtime::ValidationErrors>, String>> {{\n\
         \x20   match (provider, operation) {{\n{arms}        _ => None,\n    }}\n}}\n"
    );
    std::fs::write(out.join("conformance_dispatch.rs"), code).map_err(|e| e.to_string())
}

/// The dispatch arm of a JSON Patch operation: each case patch names the
/// constructor that builds it (`build`), its placeholders (`params`) and
/// its value, decoded into the constructor's argument types. `None` when
/// the request type needs more than its patches to be built.
fn patch_arm(
    module: &str,
    provider: &str,
    op: &str,
    r: &codegen::model::Request,
    t: &codegen::model::PatchTable,
) -> Option<String> {
    if r.headers.iter().any(|h| h.required && h.constant.is_none()) {
        return None;
    }
    let builds = patch_builds(t, "params", "value");
    Some(format!(
        "        ({provider:?}, {op:?}) => Some(patch_case(body, |build, params, value| {{\n         \x20           use {module}::{provider}::{patch} as P;\n         \x20           Ok(match build {{\n{builds}\
         \x20               other => return Err(format!(\"no patch constructor {{other}}\")),\n         \x20           }})\n         \x20       }}, |patches| {{\n         \x20           let mut patches = patches.into_iter();\n         \x20           let first = patches.next().ok_or(\"a case has at least one patch\")?;\n         \x20           let request = patches.fold({module}::{provider}::{request}::new(first), |r, p| r.patch(p));\n         \x20           Ok(request.validate())\n         \x20       }})),\n",
        patch = t.name,
        request = r.name,
    ))
}

include!("../mock/build_support/patch_builds.rs");

/// Generates every random spec `check` accepts into `out/random/`, and
/// `out/random_specs.rs` including them, with a summary of the run.
fn random(out: &Path) -> Result<(), String> {
    let tries = std::env::var("RANDOM_SPECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(RANDOM_SPECS_CI);
    let dir = out.join("random");
    let _ = std::fs::remove_dir_all(&dir);
    let mut accepted = Vec::new();
    let mut refused = 0u64;
    for seed in 0..tries {
        let text = random_specs::spec(seed);
        if std::env::var_os("RANDOM_SPECS_DUMP").is_some() {
            let dump = out.join("random_text");
            let _ = std::fs::create_dir_all(&dump);
            let _ = std::fs::write(dump.join(format!("random_{seed}.yaml")), &text);
        }
        let source = codegen::SpecSource::new(format!("random_{seed}.yaml"), text);
        // Checked here, generated once below with the others (a spec that
        // checks but does not generate fails that run, naming its file).
        match codegen::check::check_sources(std::slice::from_ref(&source)) {
            Ok(_) => accepted.push(source),
            Err(_) => refused += 1,
        }
    }
    // Unformatted, as the client's build script writes its code: the
    // line printer is compiled on every accepted spec too.
    let report = codegen::Config::new()
        .index_file(None)
        .runtime_path("crate::runtime")
        .format(false)
        .write_to_sources(&accepted, &dir)
        .map_err(|e| format!("the accepted random specs do not generate together: {e}"))?;
    let mut index = format!(
        "// {} of {tries} random specs accepted by `check` ({refused} refused), compiled below.\n\n",
        accepted.len()
    );
    let mut names: Vec<&PathBuf> = report.written.iter().chain(&report.unchanged).collect();
    names.sort();
    for file in &names {
        index.push_str(&format!("include!({:?});\n", file.display().to_string()));
    }
    index.push_str(
        "\n/// The generated source of each module above.\npub const SOURCES: &[&str] = &[\n",
    );
    for file in &names {
        index.push_str(&format!(
            "    include_str!({:?}),\n",
            file.display().to_string()
        ));
    }
    index.push_str("];\n");
    index.push_str(&format!(
        "\n/// How many random specs `check` accepted, of how many tried.\npub const ACCEPTED: (usize, u64) = ({}, {tries});\n",
        accepted.len()
    ));
    std::fs::write(out.join("random_specs.rs"), index).map_err(|e| e.to_string())
}
