//! The pipeline in one place: **load → check (→ model) → emit → format →
//! write**. [`crate::Config`] runs it on a folder or on texts; the stage
//! functions here are the same steps one at a time, for benchmarks, fuzz
//! targets and tools that time or drive a single stage.

use std::path::{Path, PathBuf};

use crate::check::{check_loaded, Checked};
use crate::code::Code;
use crate::config::{Config, GenerateError, Generated, GeneratedFile, Summary};
use crate::diag::Diagnostic;
use crate::emit;
pub use crate::emit::EmitOptions;
use crate::load::LoadedSpec;
use crate::model::{Provider, TypeDef};
use crate::write::{index_code, spec_digest, DIGEST_MAX_BYTES};

/// Checked specs to generated files: one per provider, in provider-name
/// order, then the index.
pub(crate) fn generate(
    config: &Config,
    mut checked: Vec<Checked>,
) -> Result<Generated, GenerateError> {
    let mut opts = emit_options(config.runtime())?;
    opts.both_directions = config.both();
    opts.partial_eq = config.derives_partial_eq();
    checked.sort_by(|a, b| a.model().name.cmp(&b.model().name));
    let mut files = Vec::new();
    for c in &checked {
        let emitted = emit(c, &opts);
        let code = if config.formats() {
            formatted_or_refused(&c.model().source, emitted)?
        } else {
            crate::write::unformatted_code(&c.model().source, emitted)
        };
        files.push(GeneratedFile {
            name: format!("{}.rs", c.model().name),
            code,
        });
    }
    if let Some(index) = config.index() {
        let digests: Vec<Option<u64>> = checked
            .iter()
            .map(|c| {
                let bytes = c.source().as_bytes();
                (bytes.len() <= DIGEST_MAX_BYTES).then(|| spec_digest(bytes))
            })
            .collect();
        let providers: Vec<&Provider> = checked.iter().map(Checked::model).collect();
        files.push(GeneratedFile {
            name: index.to_string(),
            code: index_code(&providers, &digests, config.verify(), config.runtime()),
        });
    }
    let mut sources: Vec<PathBuf> = checked.iter().map(|c| c.file().to_path_buf()).collect();
    sources.sort();
    Ok(Generated {
        files,
        sources,
        summary: summarize(checked.iter().map(Checked::model)),
    })
}

/// The emit options for a runtime path; a path that is not a Rust path is
/// the caller's mistake, not a generator bug.
pub fn emit_options(runtime: &str) -> Result<EmitOptions, GenerateError> {
    let runtime = emit::RuntimePath::parse(runtime).map_err(|e| {
        GenerateError::Config(format!("runtime path `{runtime}` is not a Rust path: {e}"))
    })?;
    Ok(EmitOptions {
        runtime,
        both_directions: false,
        partial_eq: false,
    })
}

/// Stage 1: spec text into the serde model, with positions.
pub fn load(file: &Path, text: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
    crate::load::load_str(file, text)
}

/// Stage 2 (and 3): every semantic check, then the model the spec means.
pub fn check(loaded: LoadedSpec) -> Result<Checked, Vec<Diagnostic>> {
    check_loaded(loaded)
}

/// Stage 4: the model as code.
pub fn emit(checked: &Checked, opts: &EmitOptions) -> Code {
    emit::provider(checked.model(), opts)
}

/// Stage 5: code as formatted Rust under an `@generated` header naming
/// the spec file (with the `format` feature).
#[cfg(feature = "format")]
pub fn format(source: &str, code: &Code) -> Result<String, GenerateError> {
    crate::write::format_code(source, code)
}

/// Another generator's tokens formatted as [`format()`] formats ours (for
/// side-by-side comparisons).
#[cfg(feature = "format")]
pub fn format_tokens(
    source: &str,
    tokens: proc_macro2::TokenStream,
) -> Result<String, GenerateError> {
    crate::write::format_tokens(source, tokens)
}

/// Stage 5 as `Config::format` asks for it: the formatted code, or, without
/// codegen's `format` feature, an error that says so.
fn formatted_or_refused(source: &str, code: Code) -> Result<String, GenerateError> {
    #[cfg(feature = "format")]
    return format(source, &code);
    #[cfg(not(feature = "format"))]
    {
        let _ = code;
        Err(GenerateError::Internal(format!(
            "{source}: formatted output needs codegen's `format` feature (or `Config::format(false)`)"
        )))
    }
}

fn summarize<'a>(providers: impl Iterator<Item = &'a Provider>) -> Summary {
    let mut s = Summary::default();
    for p in providers {
        s.providers += 1;
        s.names.push(p.name.clone());
        s.operations += p.operations.len();
        s.types += p.types.len();
        for t in &p.types {
            if let TypeDef::Object(o) = t {
                s.fields += o.fields.len();
            }
        }
        for op in &p.operations {
            if let Some(r) = &op.request {
                s.types += 1;
                s.validators += 1;
                s.fields += r.fields.len() + r.relationships.len();
            }
        }
        s.validators += emit::validated_types(p);
    }
    s
}
