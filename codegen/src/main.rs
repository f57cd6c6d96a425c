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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { path } => match codegen::check::check_path(&path) {
            Ok(specs) => {
                let ops: usize = specs.iter().map(|s| s.spec.operations.len()).sum();
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
