//! The `codegen` command line: check specs, generate clients, diff specs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Spec-driven code generator for payment-provider API clients.
#[derive(Parser)]
#[command(name = "codegen", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check spec files and report every problem with file:line:column.
    Check {
        /// A spec file or a folder of them.
        #[arg(default_value = "spec")]
        path: PathBuf,
    },
    /// Generate the client code, as the build script does, into a folder.
    ///
    /// Atomic: if any spec has a problem, nothing in the output folder
    /// changes. Files whose content is unchanged are not rewritten.
    Generate {
        /// A spec file or a folder of them.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Where to write the generated files.
        #[arg(long, default_value = "generated")]
        out: PathBuf,
        /// Path of the runtime module the generated code calls.
        #[arg(long, default_value = "crate::runtime")]
        runtime: String,
    },
    /// Compare two versions of the specs and classify every change.
    ///
    /// Both sides are checked first. Exit 0 normally; 3 with `--fail-on`
    /// when a change at or above that severity exists; 1 when a spec has a
    /// problem; 2 on a usage error.
    Diff {
        /// The old spec file, or folder of them.
        old: PathBuf,
        /// The new spec file, or folder of them.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// Exit 3 when a change at or above this severity exists.
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
    },
    /// Serve a provider's mock on loopback: its operations checked as the
    /// docs say, each request logged with the rule it broke.
    ///
    /// Runs the `codegen-mock` program (the `mock` crate: `cargo build -p
    /// mock`), found next to this one or on the PATH, so the generator
    /// itself carries no server.
    Mock {
        /// The specs (checked to be the ones the mock was built from).
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// The provider to serve (its spec file's name).
        #[arg(long)]
        provider: String,
        /// The port (0: any free one, printed).
        #[arg(long, default_value_t = 0)]
        port: u16,
    },
}

/// The `codegen-mock` program: next to this executable, else on the PATH.
fn mock_program() -> PathBuf {
    let name = format!("codegen-mock{}", std::env::consts::EXE_SUFFIX);
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&name)))
        .filter(|p| p.is_file())
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Output formats of `diff` (the library's `diff::Format`, as a flag).
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// Plain text, grouped by severity.
    Text,
    /// Markdown tables, grouped by severity (for a pull request).
    Markdown,
    /// JSON, in the documented schema.
    Json,
}

impl From<Format> for codegen::diff::Format {
    fn from(f: Format) -> Self {
        match f {
            Format::Text => codegen::diff::Format::Text,
            Format::Markdown => codegen::diff::Format::Markdown,
            Format::Json => codegen::diff::Format::Json,
        }
    }
}

/// `--fail-on` (the library's `diff::FailOn`, as a flag).
#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    /// Fail on a breaking change.
    Breaking,
    /// Fail on a breaking or compatible change.
    Compatible,
    /// Fail on any change, documentation included.
    Any,
}

impl From<FailOn> for codegen::diff::FailOn {
    fn from(f: FailOn) -> Self {
        match f {
            FailOn::Breaking => codegen::diff::FailOn::Breaking,
            FailOn::Compatible => codegen::diff::FailOn::Compatible,
            FailOn::Any => codegen::diff::FailOn::Any,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate { spec, out, runtime } => {
            match codegen::Config::new()
                .runtime_path(runtime)
                .write_to(&spec, &out)
            {
                Ok(report) => {
                    println!(
                        "generated {} in {:.1?}: {} written, {} unchanged, in {}",
                        report.summary,
                        report.elapsed,
                        report.written.len(),
                        report.unchanged.len(),
                        out.display()
                    );
                    ExitCode::SUCCESS
                }
                Err(codegen::GenerateError::Spec(diags)) => {
                    eprintln!("{diags}");
                    eprintln!("nothing was written to {}", out.display());
                    ExitCode::from(1)
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Diff {
            old,
            new,
            format,
            fail_on,
        } => match codegen::diff::diff_paths(&old, &new) {
            Ok(report) => {
                print!("{}", report.render(format.into()));
                match fail_on {
                    Some(f) if report.fails(f.into()) => ExitCode::from(3),
                    _ => ExitCode::SUCCESS,
                }
            }
            Err(diags) => {
                eprintln!("{diags}");
                ExitCode::from(1)
            }
        },
        Command::Mock {
            spec,
            provider,
            port,
        } => {
            let program = mock_program();
            match std::process::Command::new(&program)
                .arg("--spec")
                .arg(&spec)
                .arg("--provider")
                .arg(&provider)
                .arg("--port")
                .arg(port.to_string())
                .status()
            {
                Ok(status) if status.success() => ExitCode::SUCCESS,
                Ok(status) => ExitCode::from(status.code().map_or(1, |c| c.clamp(1, 255) as u8)),
                Err(e) => {
                    eprintln!(
                        "error: cannot run {}: {e}\nhint: build it with `cargo build -p mock` (it lands next to `codegen`)",
                        program.display()
                    );
                    ExitCode::from(1)
                }
            }
        }
        Command::Check { path } => match codegen::check::check_path(&path) {
            Ok(specs) => {
                let ops: usize = specs.iter().map(|s| s.model().operations.len()).sum();
                println!(
                    "ok: {} spec file{}, {ops} operation{}, no problems",
                    specs.len(),
                    if specs.len() == 1 { "" } else { "s" },
                    if ops == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            }
            Err(diags) => {
                eprintln!("{diags}");
                ExitCode::from(1)
            }
        },
    }
}
