//! Time per named type of `check` and of the whole generation, at 100,
//! 1,000 and 10,000 types (a chain of objects, `synth::type_chain`), with
//! the ratio of each per-type time to the one at 100: linear means ≈ 1.
//!
//! `type_scaling [--runs 3]`; prints a Markdown table. Medians of the runs.

use std::time::{Duration, Instant};

use benches::measure::median;
use benches::{pipeline, synth};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs = match args.as_slice() {
        [flag, n] if flag == "--runs" => n.parse().unwrap_or(3),
        _ => 3,
    };
    let sizes = [100usize, 1_000, 10_000];
    let mut rows = Vec::new();
    for n in sizes {
        let source = synth::type_chain(n);
        let mut check = Vec::new();
        let mut total = Vec::new();
        for _ in 0..runs {
            let start = Instant::now();
            let spec = match pipeline::load("chain.yaml", &source) {
                Ok(s) => s,
                Err(e) => return fail(&e),
            };
            if let Err(e) = pipeline::check(spec) {
                return fail(&e);
            }
            check.push(start.elapsed());
            let start = Instant::now();
            if let Err(e) = pipeline::ours("chain.yaml", &source) {
                return fail(&e);
            }
            total.push(start.elapsed());
        }
        rows.push((n, median(&check), median(&total)));
    }
    let per = |d: Duration, n: usize| d.as_secs_f64() * 1e6 / n as f64;
    let (base_check, base_total) = (per(rows[0].1, rows[0].0), per(rows[0].2, rows[0].0));
    println!("| types | load + check (with lowering) | per type | ÷ at 100 | generate | per type | ÷ at 100 |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (n, c, t) in rows {
        println!(
            "| {n} | {:.1} ms | {:.1} µs | {:.2} | {:.1} ms | {:.1} µs | {:.2} |",
            c.as_secs_f64() * 1e3,
            per(c, n),
            per(c, n) / base_check,
            t.as_secs_f64() * 1e3,
            per(t, n),
            per(t, n) / base_total,
        );
    }
}

fn fail(e: &str) {
    eprintln!("type_scaling: {e}");
    std::process::exit(1);
}
