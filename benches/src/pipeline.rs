//! The two generators as the benchmarks run them: text in, formatted Rust
//! out, each stage callable on its own.
//!
//! Ours is the same sequence as `codegen::Config::generate` (load, check
//! with lowering into the model, emit, format: `codegen::pipeline`'s stage
//! functions) on text instead of a folder, so file reading does not count. Progenitor's is the one its README gives for build scripts:
//! parse the OpenAPI document, `Generator::generate_tokens`, then
//! `syn::parse2` and `prettyplease::unparse`, here through the same
//! `codegen::pipeline::format` that formats ours.

use std::path::Path;
use std::time::{Duration, Instant};

use codegen::load::LoadedSpec;
use codegen::pipeline::{self, EmitOptions};
use codegen::Checked;

/// Why a run failed (the benchmarks treat it as a bug).
pub type Error = String;

/// Loads spec text (stage 1: YAML, positions, serde model).
pub fn load(name: &str, source: &str) -> Result<LoadedSpec, Error> {
    pipeline::load(Path::new(name), source).map_err(|d| render(&d))
}

/// Checks a loaded spec and lowers it into the model (stages 2 and 3); an
/// error lists the diagnostics.
pub fn check(spec: LoadedSpec) -> Result<Checked, Error> {
    pipeline::check(spec).map_err(|d| render(&d))
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
    let checked = check(load(name, source)?)?;
    let tokens = pipeline::emit(&checked, &emit_options());
    pipeline::format(&checked.model().source, &tokens).map_err(|e| e.to_string())
}

/// What the client's build script runs: load, check, lower, emit, and
/// the unformatted text (`Config::format(false)`).
pub fn ours_build_script(name: &str, source: &str) -> Result<String, Error> {
    let checked = check(load(name, source)?)?;
    let tokens = pipeline::emit(&checked, &emit_options());
    Ok(codegen::unformatted_code(&checked.model().source, tokens))
}

/// Our generator with a different runtime path (`generated_client::runtime`
/// for code compiled outside the client crate).
pub fn ours_with_runtime(name: &str, source: &str, runtime: &str) -> Result<String, Error> {
    let checked = check(load(name, source)?)?;
    let opts = pipeline::emit_options(runtime).map_err(|e| e.to_string())?;
    let tokens = pipeline::emit(&checked, &opts);
    pipeline::format(&checked.model().source, &tokens).map_err(|e| e.to_string())
}

/// Wall time of each of our stages in one run.
#[derive(Debug, Clone, Copy, Default)]
pub struct StageTimes {
    /// YAML parsing into the serde model, with positions.
    pub load: Duration,
    /// Semantic checks and lowering into the model.
    pub check: Duration,
    /// Model to tokens.
    pub emit: Duration,
    /// Tokens to formatted text (`syn` parse + prettyplease).
    pub format: Duration,
}

impl StageTimes {
    /// All stages.
    pub fn total(&self) -> Duration {
        self.load + self.check + self.emit + self.format
    }

    /// The generator's own stages: check (with lowering), emit.
    pub fn own(&self) -> Duration {
        self.check + self.emit
    }
}

/// Runs our generator once, timing each stage.
pub fn ours_staged(name: &str, source: &str) -> Result<(String, StageTimes), Error> {
    let mut t = StageTimes::default();
    let start = Instant::now();
    let spec = load(name, source)?;
    t.load = start.elapsed();
    let start = Instant::now();
    let checked = check(spec)?;
    t.check = start.elapsed();
    let start = Instant::now();
    let tokens = pipeline::emit(&checked, &emit_options());
    t.emit = start.elapsed();
    let start = Instant::now();
    let code = pipeline::format(&checked.model().source, &tokens).map_err(|e| e.to_string())?;
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
    pipeline::format_tokens("openapi.yaml", tokens).map_err(|e| e.to_string())
}

/// The four real specs of `spec/`, as (file name, text).
pub fn real_specs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut out = Vec::new();
    if let Ok(files) = codegen::load::spec_files(&dir) {
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
