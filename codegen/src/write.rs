//! Stages 5 and 6: format the tokens and write the files.
//!
//! [`Config`] is the library API, in the style of `prost_build::Config`:
//! chained options, [`Config::generate`] returns the code without touching
//! disk, and [`Config::write_to`] writes it, atomically and only where the
//! content changed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::check::check_path;
use crate::diag::Diagnostics;
use crate::emit::{self, EmitOptions};
use crate::model::{self, Provider, TypeDef};

/// Generator options.
#[derive(Debug, Clone)]
pub struct Config {
    runtime: String,
    index: Option<String>,
    verify: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime: "crate::runtime".into(),
            index: Some("providers.rs".into()),
            verify: None,
        }
    }
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// File name (`razorpay.rs`).
    pub name: String,
    /// The formatted code, with its `@generated` header.
    pub code: String,
}

/// What a run produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files, in provider-name order (the index last).
    pub files: Vec<GeneratedFile>,
    /// The spec files read, for `rerun-if-changed`.
    pub sources: Vec<PathBuf>,
    /// Counts.
    pub summary: Summary,
}

/// Counts of what was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Providers.
    pub providers: usize,
    /// Operations (client methods).
    pub operations: usize,
    /// Types: named types plus request types.
    pub types: usize,
    /// Fields of all types.
    pub fields: usize,
    /// Types with a `validate`/`validate_into` function.
    pub validators: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} providers, {} operations, {} types, {} fields, {} validators",
            self.providers, self.operations, self.types, self.fields, self.validators
        )
    }
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    /// The specs have problems; nothing was written.
    Spec(Diagnostics),
    /// Writing failed.
    Io(PathBuf, std::io::Error),
    /// The emitted code did not parse: a generator bug.
    Internal(String),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Spec(d) => write!(f, "{d}"),
            GenerateError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            GenerateError::Internal(m) => {
                write!(f, "internal generator error (please report): {m}")
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// Result of [`Config::write_to`].
#[derive(Debug, Clone)]
pub struct WriteReport {
    /// What was generated.
    pub summary: Summary,
    /// Files whose content changed and were rewritten.
    pub written: Vec<PathBuf>,
    /// Files left as they were.
    pub unchanged: Vec<PathBuf>,
    /// Wall time of the whole run.
    pub elapsed: Duration,
}

impl Config {
    /// Default options: runtime at `crate::runtime`, with a `providers.rs` index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Path of the runtime module the generated code calls.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.runtime = path.into();
        self
    }

    /// Name of the index file that includes every provider behind its cargo
    /// feature; `None` writes no index.
    pub fn index_file(&mut self, name: Option<&str>) -> &mut Self {
        self.index = name.map(str::to_string);
        self
    }

    /// Makes the index check, when the crate compiles, that each included
    /// module was generated from exactly the bytes of its spec file in
    /// `dir` (relative to the including crate's `CARGO_MANIFEST_DIR`, e.g.
    /// `../spec`). Two checkouts sharing one target dir share `OUT_DIR`;
    /// with this, code generated from the other checkout's specs fails to
    /// compile instead of being used.
    pub fn verify_sources(&mut self, dir: impl Into<String>) -> &mut Self {
        self.verify = Some(dir.into());
        self
    }

    /// Loads, checks and generates the specs under `spec` (a folder or a
    /// file). Touches no file.
    pub fn generate(&self, spec: &Path) -> Result<Generated, GenerateError> {
        let specs = check_path(spec).map_err(GenerateError::Spec)?;
        let runtime: syn::Path = syn::parse_str(&self.runtime).map_err(|e| {
            GenerateError::Internal(format!("runtime path `{}`: {e}", self.runtime))
        })?;
        let opts = EmitOptions { runtime };
        let mut providers: Vec<(Provider, Option<u64>)> = specs
            .iter()
            .map(|s| {
                let bytes = s.source().as_bytes();
                let digest = (bytes.len() <= DIGEST_MAX_BYTES).then(|| spec_digest(bytes));
                (model::lower(s), digest)
            })
            .collect();
        providers.sort_by(|a, b| a.0.name.cmp(&b.0.name));
        let (providers, digests): (Vec<Provider>, Vec<Option<u64>>) = providers.into_iter().unzip();
        let mut files = Vec::new();
        for p in &providers {
            let tokens = emit::provider(p, &opts);
            let code = format_code(&p.source, tokens)?;
            files.push(GeneratedFile {
                name: format!("{}.rs", p.name),
                code,
            });
        }
        if let Some(index) = &self.index {
            files.push(GeneratedFile {
                name: index.clone(),
                code: index_code(&providers, &digests, self.verify.as_deref(), &self.runtime),
            });
        }
        let mut sources: Vec<PathBuf> = specs.iter().map(|s| s.file.clone()).collect();
        sources.sort();
        Ok(Generated {
            files,
            sources,
            summary: summarize(&providers),
        })
    }

    /// Generates and writes into `out`. If any spec has a problem, nothing
    /// in `out` changes. Files are replaced atomically, and only when their
    /// content changed.
    pub fn write_to(&self, spec: &Path, out: &Path) -> Result<WriteReport, GenerateError> {
        let start = Instant::now();
        let generated = self.generate(spec)?;
        std::fs::create_dir_all(out).map_err(|e| GenerateError::Io(out.to_path_buf(), e))?;
        let mut written = Vec::new();
        let mut unchanged = Vec::new();
        for f in &generated.files {
            let path = out.join(&f.name);
            if write_if_changed(&path, &f.code).map_err(|e| GenerateError::Io(path.clone(), e))? {
                written.push(path);
            } else {
                unchanged.push(path);
            }
        }
        Ok(WriteReport {
            summary: generated.summary,
            written,
            unchanged,
            elapsed: start.elapsed(),
        })
    }
}

/// Formats tokens with prettyplease under an `@generated` header.
pub fn format_code(
    source: &str,
    tokens: proc_macro2::TokenStream,
) -> Result<String, GenerateError> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| GenerateError::Internal(format!("{source}: {e}")))?;
    Ok(format!(
        "// @generated by codegen from spec/{source}. Do not edit by hand:\n// change the spec and rebuild (or run `codegen generate`).\n\n{}",
        prettyplease::unparse(&file)
    ))
}

fn index_code(
    providers: &[Provider],
    digests: &[Option<u64>],
    verify: Option<&str>,
    runtime: &str,
) -> String {
    let mut out = String::from(
        "// @generated by codegen: one module per spec file, each behind its cargo feature.\n\n",
    );
    for (p, digest) in providers.iter().zip(digests) {
        out.push_str(&format!(
            "#[cfg(feature = \"{0}\")]\ninclude!(\"{0}.rs\");\n",
            p.name
        ));
        if let (Some(dir), Some(digest)) = (verify, digest) {
            let file = format!("{dir}/{}", p.source);
            out.push_str(&format!(
                "const _: () = assert!(\n    {runtime}::spec_digest(include_bytes!(concat!(env!(\"CARGO_MANIFEST_DIR\"), {path:?}))) == {digest:#018x},\n    {msg:?}\n);\n",
                path = format!("/{file}"),
                msg = format!(
                    "the generated `{}` module was not generated from this checkout's {file} \
                     (another checkout shares this target dir?): touch {file} and build again",
                    p.name
                ),
            ));
        }
    }
    out
}

/// The digest the generated index compares with `runtime::spec_digest` of
/// the spec file it compiles against: FNV-1a style over little-endian
/// 8-byte words, then the remaining bytes (the same function, in a `const`,
/// on the runtime side).
pub fn spec_digest(bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut words = bytes.chunks_exact(8);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for w in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(w);
        hash = (hash ^ u64::from_le_bytes(word)).wrapping_mul(PRIME);
        hash ^= hash >> 29;
    }
    for &b in words.remainder() {
        hash = (hash ^ u64::from(b)).wrapping_mul(PRIME);
    }
    hash
}

/// Largest spec file whose digest the generated index checks at compile
/// time (rustc bounds compile-time evaluation); a larger one is guarded by
/// the rerun on a checkout change alone.
pub const DIGEST_MAX_BYTES: usize = 1 << 20;

fn summarize(providers: &[Provider]) -> Summary {
    let mut s = Summary {
        providers: providers.len(),
        ..Summary::default()
    };
    for p in providers {
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

/// Writes `code` to `path` unless it already holds exactly that, through a
/// temporary file and a rename so readers never see a half-written file.
/// Returns whether it wrote.
pub fn write_if_changed(path: &Path, code: &str) -> std::io::Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == code.as_bytes()) {
        return Ok(false);
    }
    let tmp = path.with_extension("rs.tmp");
    std::fs::write(&tmp, code)?;
    std::fs::rename(&tmp, path)?;
    Ok(true)
}
