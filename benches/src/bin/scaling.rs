//! Time and peak memory of generation at each size, one child process per
//! (generator, size) so each peak is that run's alone.
//!
//! `scaling [--sizes 10,100,1000,10000] [--progenitor-max 1000] [--runs 3]
//! [--out target/bench-results/scaling.json]` runs the children and writes
//! their results as JSON lines; `scaling --child ours|progenitor N RUNS` is
//! one child: it makes the input (untimed), generates it RUNS times, and
//! prints one JSON line with the wall time of each run, our stage times,
//! and its peak resident set size (`VmHWM`).

use std::process::Command;
use std::time::{Duration, Instant};

use benches::measure::{median, peak_rss_kib};
use benches::{pipeline, synth};
use serde_json::json;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("--child") {
        child(&args[1..])
    } else {
        parent(&args)
    };
    if let Err(e) = result {
        eprintln!("scaling: {e}");
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn child(args: &[String]) -> Result<(), String> {
    let [tool, n, runs] = args else {
        return Err("usage: scaling --child ours|progenitor N RUNS".into());
    };
    let n: usize = n.parse().map_err(|e| format!("N: {e}"))?;
    let runs: usize = runs.parse().map_err(|e| format!("RUNS: {e}"))?;
    let before = peak_rss_kib();
    let mut times = Vec::new();
    let mut stages = Vec::new();
    let mut lines = 0;
    match tool.as_str() {
        "ours" => {
            let yaml = synth::yaml_spec(n);
            for _ in 0..runs {
                let start = Instant::now();
                let (code, t) = pipeline::ours_staged("synthetic.yaml", &yaml)?;
                times.push(start.elapsed());
                stages.push(t);
                lines = code.lines().count();
            }
        }
        "progenitor" => {
            let openapi = synth::openapi_yaml(n);
            for _ in 0..runs {
                let start = Instant::now();
                let code = pipeline::progenitor(&openapi)?;
                times.push(start.elapsed());
                lines = code.lines().count();
            }
        }
        other => return Err(format!("unknown generator `{other}`")),
    }
    let stage = |f: fn(&pipeline::StageTimes) -> Duration| {
        ms(median(&stages.iter().map(f).collect::<Vec<_>>()))
    };
    let line = json!({
        "tool": tool,
        "ops": n,
        "fields": synth::field_count(n),
        "runs_ms": times.iter().map(|t| ms(*t)).collect::<Vec<_>>(),
        "median_ms": ms(median(&times)),
        "stages_ms": if stages.is_empty() { serde_json::Value::Null } else { json!({
            "load": stage(|t| t.load),
            "check": stage(|t| t.check),
            "emit": stage(|t| t.emit),
            "format": stage(|t| t.format),
        })},
        "baseline_rss_kib": before,
        "peak_rss_kib": peak_rss_kib(),
        "output_lines": lines,
    });
    println!("{line}");
    Ok(())
}

fn parent(args: &[String]) -> Result<(), String> {
    let mut sizes = vec![10, 100, 1_000, 10_000];
    let mut progenitor_max = 1_000;
    let mut runs = 3;
    let mut out = String::from("target/bench-results/scaling.json");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                sizes = value()?
                    .split(',')
                    .map(|s| s.trim().parse().map_err(|e| format!("--sizes: {e}")))
                    .collect::<Result<_, _>>()?
            }
            "--progenitor-max" => {
                progenitor_max = value()?.parse().map_err(|e| format!("{a}: {e}"))?
            }
            "--runs" => runs = value()?.parse().map_err(|e| format!("{a}: {e}"))?,
            "--out" => out = value()?,
            "--bench" => {}
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut results = Vec::new();
    println!(
        "{:<11} {:>6} {:>8} {:>12} {:>14} {:>10}",
        "generator", "ops", "fields", "median (s)", "per field (µs)", "peak (MiB)"
    );
    for &n in &sizes {
        for tool in ["ours", "progenitor"] {
            if tool == "progenitor" && n > progenitor_max {
                continue;
            }
            // Progenitor's largest size takes long: one run (criterion
            // has its median).
            let r = if tool == "progenitor" && n >= 1_000 {
                1
            } else {
                runs
            };
            let output = Command::new(&exe)
                .args(["--child", tool, &n.to_string(), &r.to_string()])
                .output()
                .map_err(|e| format!("cannot run the child: {e}"))?;
            if !output.status.success() {
                return Err(format!(
                    "{tool} at {n}: {}",
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
            let line = String::from_utf8_lossy(&output.stdout).trim().to_string();
            let v: serde_json::Value =
                serde_json::from_str(&line).map_err(|e| format!("child output: {e}"))?;
            let median_ms = v["median_ms"].as_f64().unwrap_or(0.0);
            println!(
                "{:<11} {:>6} {:>8} {:>12.3} {:>14.2} {:>10.1}",
                tool,
                n,
                synth::field_count(n),
                median_ms / 1e3,
                median_ms * 1e3 / synth::field_count(n) as f64,
                v["peak_rss_kib"].as_f64().unwrap_or(0.0) / 1024.0
            );
            results.push(line);
        }
    }
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(&out, results.join("\n") + "\n").map_err(|e| format!("{out}: {e}"))?;
    Ok(())
}
