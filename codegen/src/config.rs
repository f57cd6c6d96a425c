//! The library's front door, in the style of `prost_build::Config`:
//! chained options; [`Config::generate`] (a folder) and
//! [`Config::generate_sources`] (texts) return the code without touching
//! disk, and [`Config::write_to`] writes it, atomically and only where the
//! content changed.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diag::Diagnostics;
use crate::load::SpecSource;
use crate::write::write_if_changed;

/// Generator options.
#[derive(Debug, Clone)]
pub struct Config {
    runtime: String,
    index: Option<String>,
    verify: Option<String>,
    both_directions: bool,
    partial_eq: bool,
    format: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            runtime: "crate::runtime".into(),
            index: Some("providers.rs".into()),
            verify: None,
            both_directions: false,
            partial_eq: false,
            format: cfg!(feature = "format"),
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
    /// The providers' names (each its module's and its cargo feature's),
    /// in the order of their files.
    pub names: Vec<String>,
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
    /// An option given to [`Config`] is unusable (e.g. a runtime path that
    /// is not a Rust path).
    Config(String),
    /// The emitted code did not parse: a generator bug.
    Internal(String),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Spec(d) => write!(f, "{d}"),
            GenerateError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            GenerateError::Config(m) => write!(f, "{m}"),
            GenerateError::Internal(m) => {
                write!(f, "internal generator error (please report): {m}")
            }
        }
    }
}

impl std::error::Error for GenerateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            GenerateError::Spec(d) => Some(d),
            GenerateError::Io(_, e) => Some(e),
            GenerateError::Config(_) | GenerateError::Internal(_) => None,
        }
    }
}

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

    /// Derives both serde directions on every generated type (requests
    /// decodable, responses encodable), for test harnesses and servers;
    /// off by default, where each type implements only the direction the
    /// client uses (see [`EmitOptions::both_directions`](crate::pipeline::EmitOptions)).
    pub fn both_directions(&mut self, on: bool) -> &mut Self {
        self.both_directions = on;
        self
    }

    /// Derives `PartialEq` on the generated types that carry data (objects,
    /// requests, unions), for callers that compare values, e.g. in tests.
    /// Off by default, as in progenitor and typify: no client call needs
    /// it, and it adds compile time and memory.
    /// Value enums derive `PartialEq`, `Eq` and `Hash` either way.
    pub fn partial_eq(&mut self, on: bool) -> &mut Self {
        self.partial_eq = on;
        self
    }

    /// Formats the generated code with prettyplease (the default with the
    /// `format` feature, which the CLI has). A build script that only
    /// compiles the code turns it off: the compiler reads the tokens' text
    /// the same, and formatting is most of the run. Without the feature the
    /// code is unformatted by default, and asking for formatting is an
    /// error when generating.
    pub fn format(&mut self, on: bool) -> &mut Self {
        self.format = on;
        self
    }

    pub(crate) fn formats(&self) -> bool {
        self.format
    }

    pub(crate) fn both(&self) -> bool {
        self.both_directions
    }

    pub(crate) fn derives_partial_eq(&self) -> bool {
        self.partial_eq
    }

    /// Loads, checks and generates the specs under `spec` (a folder or a
    /// file). Touches no file.
    pub fn generate(&self, spec: &Path) -> Result<Generated, GenerateError> {
        let checked = crate::check::check_path(spec).map_err(GenerateError::Spec)?;
        crate::pipeline::generate(self, checked)
    }

    /// Checks and generates specs given as text (the in-memory front door
    /// for tests, benchmarks and tools). Touches no file.
    pub fn generate_sources(&self, sources: &[SpecSource]) -> Result<Generated, GenerateError> {
        let checked = crate::check::check_sources(sources).map_err(GenerateError::Spec)?;
        crate::pipeline::generate(self, checked)
    }

    pub(crate) fn runtime(&self) -> &str {
        &self.runtime
    }

    pub(crate) fn index(&self) -> Option<&str> {
        self.index.as_deref()
    }

    pub(crate) fn verify(&self) -> Option<&str> {
        self.verify.as_deref()
    }

    /// Generates and writes into `out`. If any spec has a problem, nothing
    /// in `out` changes. Files are replaced atomically, and only when their
    /// content changed.
    pub fn write_to(&self, spec: &Path, out: &Path) -> Result<WriteReport, GenerateError> {
        let start = Instant::now();
        write_all(self.generate(spec)?, out, start)
    }

    /// [`Config::write_to`] for specs given as text: checks and generates
    /// them, and writes the files into `out` (nothing, if any spec has a
    /// problem).
    pub fn write_to_sources(
        &self,
        sources: &[SpecSource],
        out: &Path,
    ) -> Result<WriteReport, GenerateError> {
        let start = Instant::now();
        write_all(self.generate_sources(sources)?, out, start)
    }
}

/// Writes generated files into `out`, atomically each and only where the
/// content changed.
fn write_all(
    generated: Generated,
    out: &Path,
    start: Instant,
) -> Result<WriteReport, GenerateError> {
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
