//! Generation cost: the four real specs end to end and stage by stage, and
//! the synthetic APIs of 10 to 10,000 operations, ours side by side with
//! progenitor. `cargo bench -p benches --bench generation`.
//!
//! Sizes whose single run takes seconds use criterion's smallest sample
//! (10 runs) and a short measurement time. 10,000 operations (about a
//! minute a run) is timed outside criterion, three runs in a child process,
//! by the `scaling` binary, which also measures peak memory; progenitor is
//! not run there (one run would take tens of minutes: see BENCHMARKS.md).
//! Set `BENCH_SIZES` (e.g. `10,100`) to run other sizes.

use std::hint::black_box;
use std::time::Duration;

use benches::pipeline;
use benches::synth;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};

fn sizes() -> Vec<usize> {
    std::env::var("BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10, 100, 1_000])
}

/// The largest size progenitor runs at.
const PROGENITOR_MAX: usize = 1_000;

fn real_specs(c: &mut Criterion) {
    let specs = pipeline::real_specs();
    let opts = pipeline::emit_options();
    let mut g = c.benchmark_group("real");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    for (name, text) in &specs {
        let provider = name.trim_end_matches(".yaml");
        g.bench_function(format!("{provider}/end_to_end"), |b| {
            b.iter(|| pipeline::ours(name, black_box(text)).expect("generates"))
        });
        g.bench_function(format!("{provider}/load"), |b| {
            b.iter(|| pipeline::load(name, black_box(text)).expect("loads"))
        });
        g.bench_function(format!("{provider}/check"), |b| {
            b.iter_batched(
                || pipeline::load(name, text).expect("loads"),
                |loaded| pipeline::check(black_box(loaded)).expect("clean"),
                BatchSize::SmallInput,
            )
        });
        let checked = pipeline::check(pipeline::load(name, text).expect("loads")).expect("clean");
        g.bench_function(format!("{provider}/emit"), |b| {
            b.iter(|| codegen::pipeline::emit(black_box(&checked), &opts))
        });
        g.bench_function(format!("{provider}/format"), |b| {
            b.iter_batched(
                || codegen::pipeline::emit(&checked, &opts),
                |tokens| codegen::pipeline::format(name, &tokens).expect("formats"),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();
}

fn synthetic(c: &mut Criterion) {
    let sizes = sizes();
    let mut g = c.benchmark_group("synthetic");
    g.sampling_mode(SamplingMode::Flat);
    for &n in &sizes {
        let big = n >= 1_000;
        g.sample_size(if big { 10 } else { 20 });
        g.warm_up_time(Duration::from_millis(if big { 1 } else { 500 }));
        g.measurement_time(Duration::from_secs(if big { 1 } else { 3 }));
        g.throughput(Throughput::Elements(synth::field_count(n) as u64));
        let yaml = synth::yaml_spec(n);
        g.bench_function(format!("ours/{n}"), |b| {
            b.iter(|| pipeline::ours("synthetic.yaml", black_box(&yaml)).expect("generates"))
        });
        g.bench_function(format!("ours_build_script/{n}"), |b| {
            b.iter(|| {
                pipeline::ours_build_script("synthetic.yaml", black_box(&yaml)).expect("generates")
            })
        });
        if n <= PROGENITOR_MAX {
            let openapi = synth::openapi_yaml(n);
            g.bench_function(format!("progenitor/{n}"), |b| {
                b.iter(|| pipeline::progenitor(black_box(&openapi)).expect("generates"))
            });
        }
    }
    g.finish();
}

fn synthetic_stages(c: &mut Criterion) {
    let n = 100;
    let yaml = synth::yaml_spec(n);
    let opts = pipeline::emit_options();
    let name = "synthetic.yaml";
    let mut g = c.benchmark_group("synthetic_stages_100");
    g.sample_size(20);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("load", |b| {
        b.iter(|| pipeline::load(name, black_box(&yaml)).expect("loads"))
    });
    g.bench_function("check", |b| {
        b.iter_batched(
            || pipeline::load(name, &yaml).expect("loads"),
            |loaded| pipeline::check(black_box(loaded)).expect("clean"),
            BatchSize::LargeInput,
        )
    });
    let checked = pipeline::check(pipeline::load(name, &yaml).expect("loads")).expect("clean");
    g.bench_function("emit", |b| {
        b.iter(|| codegen::pipeline::emit(black_box(&checked), &opts))
    });
    g.bench_function("format", |b| {
        b.iter_batched(
            || codegen::pipeline::emit(&checked, &opts),
            |tokens| codegen::pipeline::format(name, &tokens).expect("formats"),
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(generation, real_specs, synthetic_stages, synthetic);
criterion_main!(generation);
