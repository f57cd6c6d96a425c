//! `codegen-mock --provider NAME [--port N] [--spec DIR]`: serves a
//! provider's mock on loopback for consumers outside Rust, prints its base
//! URL, and logs each request with the rule it broke. `codegen mock` runs
//! this program.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: codegen-mock --provider NAME [--port N] [--spec DIR]";

struct Args {
    provider: String,
    port: u16,
    spec: Option<PathBuf>,
}

fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    let (mut provider, mut port, mut spec) = (None, 0, None);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or(format!("`{flag}` needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--provider" => provider = Some(value()?),
            "--port" => {
                let v = value()?;
                port = v
                    .parse()
                    .map_err(|_| format!("`{v}` is not a port\n{USAGE}"))?;
            }
            "--spec" => spec = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    let provider = provider.ok_or(format!(
        "which provider? one of: {}\n{USAGE}",
        mock::providers().join(", ")
    ))?;
    Ok(Args {
        provider,
        port,
        spec,
    })
}

/// The mock checks requests with code compiled from its own copy of the
/// specs: serving other specs would check them against the wrong rules.
fn same_specs(dir: &std::path::Path, provider: &str) -> Result<(), String> {
    let file = dir.join(format!("{provider}.yaml"));
    let text = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    let built = mock::checked::SPECS
        .iter()
        .find(|(name, _)| *name == provider)
        .map(|(_, t)| *t);
    if built == Some(text.as_str()) {
        Ok(())
    } else {
        Err(format!(
            "{} differs from the spec this mock was built from; rebuild it (`cargo build -p mock`)",
            file.display()
        ))
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if let Some(dir) = &args.spec {
        if let Err(e) = same_specs(dir, &args.provider) {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    let log = Box::new(|r: &mock::Recorded| {
        let outcome = r
            .broke
            .as_deref()
            .map_or(String::new(), |b| format!(" (broke: {b})"));
        println!("{} {} -> {}{outcome}", r.method, r.path, r.status);
    });
    let server = match mock::MockServer::start_on(&args.provider, args.port, Some(log)).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("{} mock at {}", server.provider(), server.base_url());
    // Serves until interrupted.
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}
