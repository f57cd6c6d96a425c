//! Collects the figures of a benchmark run into tables with ratios and a
//! plot of generation time against spec size.
//!
//! `report [--criterion target/criterion] [--results target/bench-results]
//! [--plot benches/results/generation_time.svg]` reads criterion's medians
//! (`*/new/estimates.json`), `scaling.json` (from `scaling`),
//! `build_times.tsv` (from `build_times.sh`) and `alloc.txt` (from the
//! `alloc` bench), prints the tables as Markdown, writes them to
//! `RESULTS/summary.md`, and draws the plot (SVG).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use benches::synth;
use plotters::prelude::*;
use serde_json::Value;

fn main() {
    if let Err(e) = run() {
        eprintln!("report: {e}");
        std::process::exit(1);
    }
}

struct Args {
    criterion: PathBuf,
    results: PathBuf,
    plot: PathBuf,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        criterion: "target/criterion".into(),
        results: "target/bench-results".into(),
        plot: "benches/results/generation_time.svg".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().ok_or(format!("{k} needs a value"))?;
        match k.as_str() {
            "--criterion" => a.criterion = v.into(),
            "--results" => a.results = v.into(),
            "--plot" => a.plot = v.into(),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(a)
}

/// Criterion medians in nanoseconds, by full id (`synthetic/ours/100`).
fn criterion_medians(dir: &Path) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n == "new") {
                    let read = |f: &str| -> Option<Value> {
                        serde_json::from_str(&std::fs::read_to_string(p.join(f)).ok()?).ok()
                    };
                    if let (Some(b), Some(est)) = (read("benchmark.json"), read("estimates.json")) {
                        if let (Some(id), Some(m)) = (
                            b["full_id"].as_str(),
                            est["median"]["point_estimate"].as_f64(),
                        ) {
                            out.insert(id.to_string(), m);
                        }
                    }
                } else {
                    stack.push(p);
                }
            }
        }
    }
    out
}

fn fmt_time(ns: f64) -> String {
    if ns >= 1e9 {
        format!("{:.2} s", ns / 1e9)
    } else if ns >= 1e6 {
        format!("{:.1} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.2} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

fn run() -> Result<(), String> {
    let a = args()?;
    let crit = criterion_medians(&a.criterion);
    let scaling: Vec<Value> = std::fs::read_to_string(a.results.join("scaling.json"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut md = String::new();
    let get = |id: &str| crit.get(id).copied();

    // Generation, side by side.
    let _ = writeln!(
        md,
        "### Generation of the synthetic API: ours against progenitor (criterion medians)\n"
    );
    let _ = writeln!(md, "| operations | fields | ours | progenitor | ours / progenitor | progenitor ÷ ours | ours per field | progenitor per field |");
    let _ = writeln!(md, "|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut ours_pts = Vec::new();
    let mut prog_pts = Vec::new();
    let mut per_field = BTreeMap::new();
    for n in [10usize, 100, 1_000, 10_000] {
        let fields = synth::field_count(n) as f64;
        let ours = get(&format!("synthetic/ours/{n}"));
        let prog = get(&format!("synthetic/progenitor/{n}"));
        if ours.is_none() && prog.is_none() {
            continue;
        }
        if let Some(o) = ours {
            ours_pts.push((n as f64, o / 1e9));
            per_field.insert(n, o / fields);
        }
        if let Some(p) = prog {
            prog_pts.push((n as f64, p / 1e9));
        }
        let cell = |v: Option<f64>| v.map(fmt_time).unwrap_or_else(|| "not run".into());
        let ratio = match (ours, prog) {
            (Some(o), Some(p)) => format!("{:.3}", o / p),
            _ => "–".into(),
        };
        let speedup = match (ours, prog) {
            (Some(o), Some(p)) => format!("{:.1}×", p / o),
            _ => "–".into(),
        };
        let _ = writeln!(
            md,
            "| {n} | {} | {} | {} | {ratio} | {speedup} | {} | {} |",
            fields,
            cell(ours),
            cell(prog),
            cell(ours.map(|o| o / fields)),
            cell(prog.map(|p| p / fields)),
        );
    }
    if let (Some(a100), Some(a10k)) = (per_field.get(&100), per_field.get(&10_000)) {
        let _ = writeln!(
            md,
            "\nOurs, time per field at 10,000 operations ÷ at 100: **{:.2}** (target ≤ 1.3).",
            a10k / a100
        );
    }
    if let (Some(a100), Some(a1k)) = (per_field.get(&100), per_field.get(&1_000)) {
        let _ = writeln!(
            md,
            "Ours, time per field at 1,000 ÷ at 100: {:.2}.",
            a1k / a100
        );
    }

    // Stage shares.
    let _ = writeln!(
        md,
        "\n### Where our time goes (criterion medians per stage)\n"
    );
    let _ = writeln!(md, "| spec | load (YAML) | check (with lowering) | emit | format | check+emit share | end to end |");
    let _ = writeln!(md, "|---|---:|---:|---:|---:|---:|---:|");
    let mut specs: Vec<String> = crit
        .keys()
        .filter_map(|k| k.strip_prefix("real/")?.strip_suffix("/end_to_end"))
        .map(str::to_string)
        .collect();
    specs.push("synthetic 100 ops".into());
    for s in &specs {
        let key = |stage: &str| {
            if s.starts_with("synthetic") {
                get(&format!("synthetic_stages_100/{stage}"))
            } else {
                get(&format!("real/{s}/{stage}"))
            }
        };
        let st: Vec<Option<f64>> = ["load", "check", "emit", "format"]
            .iter()
            .map(|x| key(x))
            .collect();
        if st.iter().any(Option::is_none) {
            continue;
        }
        let st: Vec<f64> = st.into_iter().flatten().collect();
        let total: f64 = st.iter().sum();
        let own = st[1] + st[2];
        let e2e = if s.starts_with("synthetic") {
            get("synthetic/ours/100")
        } else {
            get(&format!("real/{s}/end_to_end"))
        };
        let _ = writeln!(
            md,
            "| {s} | {} | {} | {} | {} | {:.1} % | {} |",
            fmt_time(st[0]),
            fmt_time(st[1]),
            fmt_time(st[2]),
            fmt_time(st[3]),
            100.0 * own / total,
            e2e.map(fmt_time).unwrap_or_default()
        );
    }

    // Scaling with memory.
    let mut scaling_per_field = BTreeMap::new();
    if !scaling.is_empty() {
        let _ = writeln!(md, "\n### Time and peak memory per size (one child process per run set; median of its runs)\n");
        let _ = writeln!(md, "| generator | operations | runs | median | per field | stage shares (load / check / emit / format) | peak RSS |");
        let _ = writeln!(md, "|---|---:|---:|---:|---:|---|---:|");
        for v in &scaling {
            let fields = v["fields"].as_f64().unwrap_or(1.0);
            let med = v["median_ms"].as_f64().unwrap_or(0.0) * 1e6;
            let shares = match v["stages_ms"].as_object() {
                Some(o) => {
                    let parts: Vec<f64> = ["load", "check", "emit", "format"]
                        .iter()
                        .map(|k| o.get(*k).and_then(Value::as_f64).unwrap_or(0.0))
                        .collect();
                    let sum: f64 = parts.iter().sum::<f64>().max(1e-9);
                    parts
                        .iter()
                        .map(|p| format!("{:.0}%", 100.0 * p / sum))
                        .collect::<Vec<_>>()
                        .join(" / ")
                }
                None => "–".into(),
            };
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} | {} | {:.0} MiB |",
                v["tool"].as_str().unwrap_or(""),
                v["ops"],
                v["runs_ms"].as_array().map_or(0, Vec::len),
                fmt_time(med),
                fmt_time(med / fields),
                shares,
                v["peak_rss_kib"].as_f64().unwrap_or(0.0) / 1024.0
            );
            // Sizes criterion did not run (10,000): plot these figures.
            let pt = (v["ops"].as_f64().unwrap_or(0.0), med / 1e9);
            let pts = if v["tool"] == "ours" {
                &mut ours_pts
            } else {
                &mut prog_pts
            };
            if !pts.iter().any(|(x, _)| *x == pt.0) {
                pts.push(pt);
            }
            if v["tool"] == "ours" {
                scaling_per_field.insert(v["ops"].as_u64().unwrap_or(0), med / fields);
            }
        }
    }

    if let Some(big) = scaling_per_field.get(&10_000) {
        let _ = writeln!(md);
        if let Some(small) = scaling_per_field.get(&100) {
            let _ = writeln!(
                md,
                "Ours, time per field at 10,000 operations ÷ at 100, both from these child runs: **{:.2}** (target ≤ 1.3).",
                big / small
            );
        }
        if let Some(small) = per_field.get(&100) {
            let _ = writeln!(
                md,
                "Ours, time per field at 10,000 operations (these runs) ÷ at 100 (criterion): **{:.2}**.",
                big / small
            );
        }
    }
    for pts in [&mut ours_pts, &mut prog_pts] {
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
    }

    // Runtime.
    let pairs = [
        (
            "validate_encode",
            "generated",
            "hand_written",
            "validate() + encode",
        ),
        ("decode", "generated", "hand_written", "decode docs sample"),
        (
            "end_to_end",
            "generated",
            "bare_reqwest",
            "call over loopback",
        ),
    ];
    let _ = writeln!(md, "\n### Runtime (criterion medians)\n");
    let _ = writeln!(
        md,
        "| what | provider | generated | baseline | generated ÷ baseline |"
    );
    let _ = writeln!(md, "|---|---|---:|---:|---:|");
    for (group, ours, base, label) in pairs {
        for p in ["razorpay", "juspay", "costplus", "commercelayer"] {
            if let (Some(o), Some(b)) = (
                get(&format!("{group}/{p}/{ours}")),
                get(&format!("{group}/{p}/{base}")),
            ) {
                let _ = writeln!(
                    md,
                    "| {label} | {p} | {} | {} | {:.3} |",
                    fmt_time(o),
                    fmt_time(b),
                    o / b
                );
            }
        }
    }

    // Allocations.
    if let Ok(text) = std::fs::read_to_string(a.results.join("alloc.txt")) {
        let _ = writeln!(md, "\n### Allocations per call\n");
        let _ = writeln!(md, "| what | provider | allocations |");
        let _ = writeln!(md, "|---|---|---:|");
        for l in text.lines().filter_map(|l| l.strip_prefix("alloc ")) {
            let parts: Vec<&str> = l.split_whitespace().collect();
            if let [what, provider, n] = parts[..] {
                let _ = writeln!(md, "| {what} | {provider} | {n} |");
            }
        }
    }

    // Build times.
    if let Ok(text) = std::fs::read_to_string(a.results.join("build_times.tsv")) {
        let _ = writeln!(
            md,
            "\n### Build times (`benches/build_times.sh`, median of the runs)\n"
        );
        let _ = writeln!(
            md,
            "| build | runs | median wall time | median peak RSS | note |"
        );
        let _ = writeln!(md, "|---|---:|---:|---:|---|");
        for l in text.lines().skip(1) {
            let c: Vec<&str> = l.split('\t').collect();
            if let [name, runs, secs, mib, note] = c[..] {
                let _ = writeln!(md, "| {name} | {runs} | {secs} s | {mib} MiB | {note} |");
            }
        }
    }

    print!("{md}");
    std::fs::create_dir_all(&a.results).map_err(|e| e.to_string())?;
    std::fs::write(a.results.join("summary.md"), &md).map_err(|e| e.to_string())?;
    plot(&a.plot, &ours_pts, &prog_pts)?;
    println!("\nplot: {}", a.plot.display());
    Ok(())
}

fn plot(path: &Path, ours: &[(f64, f64)], prog: &[(f64, f64)]) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    let all = ours.iter().chain(prog);
    let (ymin, ymax) = all.fold((f64::MAX, f64::MIN), |(lo, hi), (_, y)| {
        (lo.min(*y), hi.max(*y))
    });
    let (ymin, ymax) = if ymin > ymax {
        (1e-3, 1.0)
    } else {
        (ymin / 2.0, ymax * 2.0)
    };
    let root = SVGBackend::new(path, (900, 560)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Generation time against spec size (load, check, emit, format)",
            ("sans-serif", 20),
        )
        .margin(20)
        .x_label_area_size(45)
        .y_label_area_size(70)
        .build_cartesian_2d((5f64..20_000f64).log_scale(), (ymin..ymax).log_scale())
        .map_err(|e| e.to_string())?;
    chart
        .configure_mesh()
        .x_desc("operations (40 fields each)")
        .y_desc("seconds (median)")
        .draw()
        .map_err(|e| e.to_string())?;
    for (pts, color, name) in [(ours, BLUE, "ours"), (prog, RED, "progenitor 0.15")] {
        chart
            .draw_series(LineSeries::new(pts.iter().copied(), color.stroke_width(2)))
            .map_err(|e| e.to_string())?
            .label(name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color));
        chart
            .draw_series(pts.iter().map(|p| Circle::new(*p, 4, color.filled())))
            .map_err(|e| e.to_string())?;
    }
    chart
        .configure_series_labels()
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()
        .map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())?;
    Ok(())
}
