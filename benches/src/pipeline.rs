//! The two generators as the benchmarks run them: text in, formatted Rust
//! out, each stage callable on its own.
//!
//! Ours is the same sequence as `codegen::Config::generate` (load, check,
//! lower, emit, format) on text instead of a folder, so file reading does
//! not count. Progenitor's is the one its README gives for build scripts:
//! parse the OpenAPI document, `Generator::generate_tokens`, then
//! `syn::parse2` and `prettyplease::unparse`, here through the same
//! `codegen::write::format_code` that formats ours.

use std::path::Path;
use std::time::{Duration, Instant};

use codegen::emit::EmitOptions;
use codegen::spec::LoadedSpec;

/// Why a run failed (the benchmarks treat it as a bug).
pub type Error = String;

/// Loads spec text (stage 1: YAML, positions, serde model).
pub fn load(name: &str, source: &str) -> Result<LoadedSpec, Error> {
    codegen::spec::load_str(Path::new(name), source).map_err(|d| render(&d))
}

/// Checks a loaded spec (stage 2); an error lists the diagnostics.
pub fn check(spec: &LoadedSpec) -> Result<(), Error> {
    let diags = codegen::check::check(spec);
    if diags.is_empty() {
        Ok(())
    } else {
        Err(render(&diags))
    }
}

fn render(diags: &[codegen::Diagnostic]) -> String {
    diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The emit options of the generated client crate.
pub fn emit_options() -> EmitOptions {
    EmitOptions::default()
}

/// Our generator end to end: load, check, lower, emit, format.
pub fn ours(name: &str, source: &str) -> Result<String, Error> {
    let spec = load(name, source)?;
    check(&spec)?;
    let provider = codegen::model::lower(&spec);
    let tokens = codegen::emit::provider(&provider, &emit_options());
    codegen::write::format_code(&provider.source, tokens).map_err(|e| e.to_string())
}

/// Our generator with a different runtime path (`generated_client::runtime`
/// for code compiled outside the client crate).
pub fn ours_with_runtime(name: &str, source: &str, runtime: &str) -> Result<String, Error> {
    let spec = load(name, source)?;
    check(&spec)?;
    let provider = codegen::model::lower(&spec);
    let opts = EmitOptions {
        runtime: syn_path(runtime)?,
    };
    let tokens = codegen::emit::provider(&provider, &opts);
    codegen::write::format_code(&provider.source, tokens).map_err(|e| e.to_string())
}

fn syn_path(path: &str) -> Result<syn::Path, Error> {
    syn::parse_str(path).map_err(|e| format!("runtime path `{path}`: {e}"))
}

/// Wall time of each of our stages in one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// YAML parsing into the serde model, with positions.
    pub load: Duration,
    /// Semantic checks.
    pub check: Duration,
    /// Lowering into the model.
    pub lower: Duration,
    /// Model to tokens.
    pub emit: Duration,
    /// Tokens to formatted text (`syn` parse + prettyplease).
    pub format: Duration,
}

impl StageTimes {
    /// All stages.
    pub fn total(&self) -> Duration {
        self.load + self.check + self.lower + self.emit + self.format
    }

    /// The generator's own stages: check, lower, emit.
    pub fn own(&self) -> Duration {
        self.check + self.lower + self.emit
    }
}

/// Runs our generator once, timing each stage.
pub fn ours_staged(name: &str, source: &str) -> Result<(String, StageTimes), Error> {
    let mut t = StageTimes::default();
    let start = Instant::now();
    let spec = load(name, source)?;
    t.load = start.elapsed();
    let start = Instant::now();
    check(&spec)?;
    t.check = start.elapsed();
    let start = Instant::now();
    let provider = codegen::model::lower(&spec);
    t.lower = start.elapsed();
    let start = Instant::now();
    let tokens = codegen::emit::provider(&provider, &emit_options());
    t.emit = start.elapsed();
    let start = Instant::now();
    let code = codegen::write::format_code(&provider.source, tokens).map_err(|e| e.to_string())?;
    t.format = start.elapsed();
    Ok((code, t))
}

/// Parses an OpenAPI document (YAML text), as progenitor's users do.
pub fn progenitor_parse(source: &str) -> Result<openapiv3::OpenAPI, Error> {
    serde_yaml::from_str(source).map_err(|e| format!("OpenAPI document: {e}"))
}

/// Progenitor's generation of a parsed document, unformatted.
pub fn progenitor_tokens(spec: &openapiv3::OpenAPI) -> Result<proc_macro2::TokenStream, Error> {
    let mut generator = progenitor::Generator::default();
    generator
        .generate_tokens(spec)
        .map_err(|e| format!("progenitor: {e}"))
}

/// Progenitor end to end: parse, generate, format with prettyplease.
pub fn progenitor(source: &str) -> Result<String, Error> {
    let spec = progenitor_parse(source)?;
    let tokens = progenitor_tokens(&spec)?;
    codegen::write::format_code("openapi.yaml", tokens).map_err(|e| e.to_string())
}

/// The four real specs of `spec/`, as (file name, text).
pub fn real_specs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut out = Vec::new();
    if let Ok(files) = codegen::spec::spec_files(&dir) {
        for f in files {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if let Ok(text) = std::fs::read_to_string(&f) {
                out.push((name, text));
            }
        }
    }
    out
}
