//! Instructions per operation of the runtime comparisons, counted by
//! `valgrind --tool=callgrind`: unlike wall time, the count does not move
//! when other processes share the machine, so ratios of a few percent can
//! be told apart from noise.
//!
//! `target/release/instructions report [runtime|stages]` runs every case of
//! `benches::cases` under callgrind twice, with `LOW` and `HIGH` iterations,
//! and prints `(count(HIGH) - count(LOW)) / (HIGH - LOW)`: the setup (runtime,
//! clients, first connection) cancels out. The loopback servers run in a
//! child process of their own, outside callgrind, so only the caller's side
//! of each call is counted. The table also goes to
//! `target/bench-results/instructions.md`.
//!
//! It then counts the generator's stages the same way (`stage`): each of
//! load, check (with lowering into the model), emit and format on its own, for the four real specs
//! and the synthetic 100-operation API, and the synthetic API end to end,
//! ours and progenitor's, at 10 and 100 operations. That table goes to
//! `target/bench-results/stages.md`.
//!
//! The other modes are what `report` runs: `serve` (the servers; prints
//! their URLs, stops when its stdin closes),
//! `run GROUP PROVIDER SIDE ITERATIONS [URL…]` and
//! `stage SPEC STAGE ITERATIONS` (SPEC: a file stem of `spec/` or
//! `synthetic<N>`; STAGE: load, check, emit, format, ours, build_script
//! (what the build script runs: no formatting), progenitor).

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};

use benches::cases::{self, Calls, Provider, Requests, Samples, Side, Urls};
use benches::{pipeline, synth};

const GROUPS: [&str; 3] = ["validate_encode", "decode", "end_to_end"];

/// (low, high) iteration counts per group.
fn iterations(group: &str) -> (u64, u64) {
    match group {
        "end_to_end" => (20, 220),
        _ => (200, 2_200),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("run") => run(&args[1..]),
        Some("stage") => stage(&args[1..]),
        Some("report") | None => report(args.get(1).map(String::as_str)),
        Some(other) => Err(format!(
            "unknown mode `{other}`: expected report, serve or run"
        )),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("instructions: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), String> {
    let rt = cases::server_runtime();
    let urls = rt.block_on(cases::serve_all()).map_err(|e| e.to_string())?;
    println!("{}", urls.0.join(" "));
    std::io::stdout().flush().map_err(|e| e.to_string())?;
    // Serve until the parent closes our stdin.
    let mut sink = String::new();
    while std::io::stdin()
        .read_line(&mut sink)
        .map_err(|e| e.to_string())?
        > 0
    {}
    Ok(())
}

fn parse_case(args: &[String]) -> Result<(String, Provider, Side, u64), String> {
    let [group, provider, side, n, ..] = args else {
        return Err("usage: run GROUP PROVIDER SIDE ITERATIONS [URL…]".into());
    };
    let provider = Provider::parse(provider).ok_or(format!("unknown provider `{provider}`"))?;
    let side = match side.as_str() {
        "generated" => Side::Generated,
        "baseline" => Side::Baseline,
        other => return Err(format!("unknown side `{other}`")),
    };
    let n = n.parse().map_err(|e| format!("iterations `{n}`: {e}"))?;
    Ok((group.clone(), provider, side, n))
}

fn run(args: &[String]) -> Result<(), String> {
    let (group, provider, side, n) = parse_case(args)?;
    match group.as_str() {
        "validate_encode" => {
            let requests = Requests::new();
            for _ in 0..n {
                requests.validate_encode(provider, side);
            }
        }
        "decode" => {
            let samples = Samples::new();
            for _ in 0..n {
                samples.decode(provider, side);
            }
        }
        "end_to_end" => {
            let urls: [String; 4] = args[4..]
                .to_vec()
                .try_into()
                .map_err(|_| "end_to_end needs the four server URLs".to_string())?;
            let calls = Calls::new(Urls(urls));
            let rt = cases::client_runtime();
            for _ in 0..n {
                rt.block_on(calls.call(provider, side));
            }
        }
        other => return Err(format!("unknown group `{other}`")),
    }
    Ok(())
}

/// The spec text and file name of `spec` (a stem of `spec/` or
/// `synthetic<N>`), plus the equivalent OpenAPI text for synthetic ones.
fn spec_text(spec: &str) -> Result<(String, String, Option<String>), String> {
    if let Some(n) = spec.strip_prefix("synthetic") {
        let ops = n.parse().map_err(|e| format!("`{spec}`: {e}"))?;
        return Ok((
            format!("{spec}.yaml"),
            synth::yaml_spec(ops),
            Some(synth::openapi_yaml(ops)),
        ));
    }
    let name = format!("{spec}.yaml");
    pipeline::real_specs()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| (n, t, None))
        .ok_or(format!("no spec `{name}` in spec/"))
}

/// Runs one generator stage `n` times, its inputs made once beforehand.
fn stage(args: &[String]) -> Result<(), String> {
    let [spec, stage, n, ..] = args else {
        return Err("usage: stage SPEC STAGE ITERATIONS".into());
    };
    let n: u64 = n.parse().map_err(|e| format!("iterations `{n}`: {e}"))?;
    let (name, text, openapi) = spec_text(spec)?;
    let opts = pipeline::emit_options();
    let checked = pipeline::check(pipeline::load(&name, &text)?)?;
    for _ in 0..n {
        match stage.as_str() {
            "load" => drop(pipeline::load(&name, &text)?),
            // Loading is part of this run (checking consumes the loaded
            // spec); `load` is subtracted.
            "check" => drop(pipeline::check(pipeline::load(&name, &text)?)?),
            "emit" => drop(codegen::pipeline::emit(&checked, &opts)),
            "format" => {
                // Emitting is part of this run; `emit` is subtracted.
                let tokens = codegen::pipeline::emit(&checked, &opts);
                drop(codegen::pipeline::format(&name, &tokens).map_err(|e| e.to_string())?);
            }
            "ours" => drop(pipeline::ours(&name, &text)?),
            "build_script" => drop(pipeline::ours_build_script(&name, &text)?),
            "progenitor" => {
                let doc = openapi
                    .as_deref()
                    .ok_or("progenitor runs on synthetic specs only")?;
                drop(pipeline::progenitor(doc)?);
            }
            other => return Err(format!("unknown stage `{other}`")),
        }
    }
    Ok(())
}

/// Instructions callgrind counted for one run of this program with `args`.
fn count(exe: &str, args: &[&str]) -> Result<u64, String> {
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("cannot start valgrind (is it installed?): {e}"))?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("{} failed:\n{stderr}", args.join(" ")));
    }
    stderr
        .lines()
        .find_map(|l| {
            l.split_once("Collected :")
                .map(|(_, n)| n.trim().parse().ok())
        })
        .flatten()
        .ok_or(format!(
            "no `Collected :` line in callgrind's output:\n{stderr}"
        ))
}

/// Both tables, or only `runtime` or `stages`.
fn report(only: Option<&str>) -> Result<(), String> {
    if only == Some("stages") {
        return write_stages(
            &std::env::current_exe()
                .map_err(|e| e.to_string())?
                .to_string_lossy(),
        );
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let exe = exe.to_string_lossy().into_owned();
    let mut server = Command::new(&exe)
        .arg("serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start the servers: {e}"))?;
    let mut line = String::new();
    if let Some(out) = server.stdout.take() {
        BufReader::new(out)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
    }
    let urls: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let mut table = String::from(
        "| group | provider | generated | baseline | ratio |\n|---|---|---:|---:|---:|\n",
    );
    print!("{table}");
    for group in GROUPS {
        let (low, high) = iterations(group);
        let providers: &[Provider] = if group == "decode" {
            &Samples::PROVIDERS
        } else {
            &Provider::ALL
        };
        for &p in providers {
            let mut per_op = [0f64; 2];
            for (slot, side) in per_op.iter_mut().zip(["generated", "baseline"]) {
                let run = |n: u64| {
                    let n = n.to_string();
                    let mut args = vec!["run", group, p.name(), side, &n];
                    args.extend(urls.iter().map(String::as_str));
                    count(&exe, &args)
                };
                *slot = run(high)?.saturating_sub(run(low)?) as f64 / (high - low) as f64;
            }
            let row = format!(
                "| {group} | {p} | {:.0} | {:.0} | {:.3} |\n",
                per_op[0],
                per_op[1],
                per_op[0] / per_op[1]
            );
            print!("{row}");
            table.push_str(&row);
        }
    }
    drop(server.stdin.take());
    let _ = server.wait();
    std::fs::write(results_dir()?.join("instructions.md"), table).map_err(|e| e.to_string())?;
    if only == Some("runtime") {
        return Ok(());
    }
    write_stages(&exe)
}

fn results_dir() -> Result<PathBuf, String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-results");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(dir)
}

fn write_stages(exe: &str) -> Result<(), String> {
    let stages = stages_report(exe)?;
    std::fs::write(results_dir()?.join("stages.md"), stages).map_err(|e| e.to_string())
}

/// Instructions of one stage run of `spec`, setup subtracted.
fn per_stage(exe: &str, spec: &str, stage: &str) -> Result<u64, String> {
    let (low, high) = if spec.starts_with("synthetic") {
        (1, 2)
    } else {
        (1, 4)
    };
    let run = |n: u64| count(exe, &["stage", spec, stage, &n.to_string()]);
    Ok(run(high)?.saturating_sub(run(low)?) / (high - low))
}

fn stages_report(exe: &str) -> Result<String, String> {
    let mut out = String::from(
        "\n| spec | load | check (with lowering) | emit | format | check + emit | end to end |\n\
         |---|---:|---:|---:|---:|---:|---:|\n",
    );
    print!("{out}");
    let mut specs: Vec<String> = pipeline::real_specs()
        .into_iter()
        .map(|(n, _)| n.trim_end_matches(".yaml").to_string())
        .collect();
    specs.push("synthetic100".into());
    for spec in &specs {
        let mut c = [0u64; 4];
        for (slot, stage) in c.iter_mut().zip(["load", "check", "emit", "format"]) {
            *slot = per_stage(exe, spec, stage)?;
        }
        // The check run loads too, and the format run emits too.
        c[1] = c[1].saturating_sub(c[0]);
        c[3] = c[3].saturating_sub(c[2]);
        let total: u64 = c.iter().sum();
        let own = (c[1] + c[2]) as f64 / total as f64;
        let m = |n: u64| format!("{:.1} M", n as f64 / 1e6);
        let row = format!(
            "| {spec} | {} | {} | {} | {} | {:.1} % | {} |\n",
            m(c[0]),
            m(c[1]),
            m(c[2]),
            m(c[3]),
            own * 100.0,
            m(total)
        );
        print!("{row}");
        out.push_str(&row);
    }
    let head = "\n| operations | ours, formatted | ours, build script (unformatted) | progenitor | formatted ÷ progenitor | progenitor ÷ build script |\n|---:|---:|---:|---:|---:|---:|\n";
    print!("{head}");
    out.push_str(head);
    for ops in [10, 100] {
        let spec = format!("synthetic{ops}");
        let ours = per_stage(exe, &spec, "ours")?;
        let script = per_stage(exe, &spec, "build_script")?;
        let theirs = per_stage(exe, &spec, "progenitor")?;
        let row = format!(
            "| {ops} | {:.1} M | {:.1} M | {:.1} M | {:.3} | {:.2} |\n",
            ours as f64 / 1e6,
            script as f64 / 1e6,
            theirs as f64 / 1e6,
            ours as f64 / theirs as f64,
            theirs as f64 / script as f64
        );
        print!("{row}");
        out.push_str(&row);
    }
    Ok(out)
}
