//! Generates, from `../spec`, what the mock checks requests with: each
//! provider's module with both serde directions (so a request body decodes
//! into its request type and is checked by the same `validate()` the client
//! runs), a dispatch from (provider, operation) to that check, and the spec
//! texts themselves, which the server reads its routes, errors and
//! examples from.

use std::fmt::Write as _;
use std::path::PathBuf;
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
    let all_specs = manifest.join("../spec");
    println!("cargo:rerun-if-changed=../spec");
    for f in codegen::load::spec_files(&all_specs).map_err(|e| e.to_string())? {
        println!("cargo:rerun-if-changed={}", f.display());
    }
    // The providers the generated client is built with (its features), as
    // its build script says: the mock serves the same ones, found by the
    // provider's name (its feature's), whatever its file is called.
    let built = std::env::var("DEP_GENERATED_CLIENT_PROVIDERS").unwrap_or_default();
    let built: Vec<&str> = built.split(',').filter(|p| !p.is_empty()).collect();
    let checked: Vec<codegen::Checked> = codegen::check::check_path(&all_specs)
        .map_err(|e| e.to_string())?
        .into_iter()
        .filter(|c| built.contains(&c.model().name.as_str()))
        .collect();
    let files: Vec<(String, PathBuf)> = checked
        .iter()
        .map(|c| (c.model().name.clone(), c.file().to_path_buf()))
        .collect();
    let spec_dir = out.join("specs");
    let _ = std::fs::remove_dir_all(&spec_dir);
    std::fs::create_dir_all(&spec_dir).map_err(|e| e.to_string())?;
    for (_, f) in &files {
        let name = f.file_name().ok_or("a spec file name")?;
        std::fs::copy(f, spec_dir.join(name)).map_err(|e| e.to_string())?;
    }
    let modules = out.join("modules");
    let _ = std::fs::remove_dir_all(&modules);
    let mut code = String::new();
    // A client built without providers: a mock that serves none.
    if !files.is_empty() {
        let report = codegen::Config::new()
            .runtime_path("generated_client::runtime")
            .index_file(None)
            .both_directions(true)
            .format(false)
            .write_to(&spec_dir, &modules)
            .map_err(|e| format!("the specs do not generate for the mock:\n{e}"))?;
        let mut written: Vec<&PathBuf> = report.written.iter().chain(&report.unchanged).collect();
        written.sort();
        for f in written {
            let _ = writeln!(code, "include!({:?});", f.display().to_string());
        }
    }
    // The JSON Patch checks exist in a build with a provider that takes
    // JSON Patch (PayPal), and only there.
    println!("cargo:rustc-check-cfg=cfg(json_patch)");
    let json_patch = checked.iter().any(|c| {
        c.model()
            .operations
            .iter()
            .any(|o| o.request.as_ref().is_some_and(|r| r.patch.is_some()))
    });
    if json_patch {
        println!("cargo:rustc-cfg=json_patch");
    }
    code.push_str(&dispatch(&checked));
    code.push_str(&embedded(&files)?);
    std::fs::write(out.join("generated.rs"), code).map_err(|e| e.to_string())
}

/// `fn check_body(provider, operation, body)`: the flat JSON of a request
/// body decoded into the operation's request type and validated; `None`
/// for an operation the mock cannot check this way (no body, or a JSON
/// Patch list, whose request is built patch by patch).
fn dispatch(checked: &[codegen::Checked]) -> String {
    let mut arms = String::new();
    let mut patch_arms = String::new();
    let mut error_arms = String::new();
    for c in checked {
        let p = c.model();
        for op in &p.operations {
            let _ = writeln!(
                error_arms,
                "        ({:?}, {:?}) => Some(client_message::<generated_client::{}::{}>(body)),",
                p.name, op.ident, p.name, op.error_alias
            );
            let Some(r) = &op.request else { continue };
            if let Some(t) = &r.patch {
                patch_arms.push_str(&patch_arm(&p.name, &op.ident, r, t));
                continue;
            }
            let _ = writeln!(
                arms,
                "        ({:?}, {:?}) => Some(decode_and_validate::<{}::{}>(body, {}::{}::validate)),",
                p.name, op.ident, p.name, r.name, p.name, r.name
            );
        }
    }
    let result = "Option<Result<Result<(), generated_client::runtime::ValidationErrors>, String>>";
    let mut code = String::new();
    code.push_str(&dispatch_fn(
        "/// Decodes `body` (the request's fields as JSON) into the request type\n\
         /// of `operation` and validates it; `None` when the operation has no\n\
         /// request type checked this way.\n",
        "pub(crate) fn check_body",
        "body: &serde_json::Value",
        result,
        &arms,
        "fn decode_and_validate<T: serde::de::DeserializeOwned>(\n    body: &serde_json::Value,\n    validate: fn(&T) -> Result<(), generated_client::runtime::ValidationErrors>,\n) -> Result<Result<(), generated_client::runtime::ValidationErrors>, String> {\n    let request: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;\n    Ok(validate(&request))\n}\n",
    ));
    if !patch_arms.is_empty() {
        code.push_str(&dispatch_fn(
            "/// Builds a JSON Patch request from its patches, each named by its\n\
             /// constructor with its placeholders and value, and validates it;\n\
             /// `None` when the operation takes no JSON Patch.\n",
            "pub(crate) fn check_patches",
            "patches: &[Patch]",
            result,
            &patch_arms,
            "",
        ));
    }
    code.push_str(&dispatch_fn(
        "/// The message the client shows for an error body of `operation`,\n\
         /// read through the client's own error type of it; `None` for an\n\
         /// operation the mock does not serve.\n",
        "pub fn client_error_message",
        "body: &[u8]",
        "Option<Result<Option<String>, String>>",
        &error_arms,
        "fn client_message<E>(body: &[u8]) -> Result<Option<String>, String>\nwhere\n    E: serde::de::DeserializeOwned + generated_client::runtime::ErrorText,\n{\n    let e: E = serde_json::from_slice(body).map_err(|e| e.to_string())?;\n    Ok(e.message().map(str::to_string))\n}\n",
    ));
    code
}

/// A dispatch function `(provider, operation, arg) -> result` over `arms`
/// and the helper they call; without arms (no provider of this build has
/// such an operation), one that answers `None`.
fn dispatch_fn(doc: &str, name: &str, arg: &str, result: &str, arms: &str, helper: &str) -> String {
    if arms.is_empty() {
        let arg = format!("_{arg}");
        return format!(
            "{doc}{name}(_provider: &str, _operation: &str, {arg}) -> {result} {{\n    None\n}}\n\n"
        );
    }
    format!(
        "{doc}{name}(\n    provider: &str,\n    operation: &str,\n    {arg},\n) -> {result} {{\n\
         \x20   match (provider, operation) {{\n{arms}        _ => None,\n    }}\n}}\n\n{helper}\n"
    )
}

/// The arm of a JSON Patch operation: each patch built through the
/// constructor it names, its placeholders and value decoded into the
/// constructor's argument types, then the request through `validate()`.
fn patch_arm(
    provider: &str,
    op: &str,
    r: &codegen::model::Request,
    t: &codegen::model::PatchTable,
) -> String {
    let builds = patch_builds(t, "patch.params", "&patch.value");
    // A request that also needs required headers is built with stand-ins:
    // the mock checks headers apart.
    let header_args = r
        .headers
        .iter()
        .filter(|h| h.required && h.constant.is_none())
        .map(|_| ", String::new()")
        .collect::<String>();
    format!(
        "        ({provider:?}, {op:?}) => Some((|| {{\n\
         \x20           use {provider}::{patch} as P;\n\
         \x20           let mut built = Vec::new();\n\
         \x20           for patch in patches {{\n\
         \x20               built.push(match patch.build.as_str() {{\n{builds}\
         \x20                   other => return Err(format!(\"no patch {{other}}\")),\n\
         \x20               }});\n\
         \x20           }}\n\
         \x20           let mut built = built.into_iter();\n\
         \x20           let first = built.next().ok_or(\"a JSON Patch has at least one operation\")?;\n\
         \x20           let request = built.fold({provider}::{request}::new(first{header_args}), |r, p| r.patch(p));\n\
         \x20           Ok(request.validate())\n\
         \x20       }})()),\n",
        patch = t.name,
        request = r.name,
    )
}

include!("build_support/patch_builds.rs");

/// The spec texts, by file name.
fn embedded(files: &[(String, PathBuf)]) -> Result<String, String> {
    let mut entries = String::new();
    for (name, f) in files {
        let path = f.canonicalize().map_err(|e| e.to_string())?;
        let _ = writeln!(
            entries,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    Ok(format!(
        "/// The specs the mock was built from: provider name and text.\n\
         pub const SPECS: &[(&str, &str)] = &[\n{entries}];\n"
    ))
}
