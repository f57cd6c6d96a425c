//! Runtime cost of the generated client against hand-written serde code:
//! `validate()` + encoding of each provider's update request, decoding of
//! each docs sample response, and whole calls over loopback against bare
//! `reqwest`. `cargo bench -p benches --bench runtime`.
//!
//! The cases themselves are in `benches::cases`, shared with the
//! instruction counter (`src/bin/instructions.rs`).

use std::time::Duration;

use benches::cases::{self, Calls, Provider, Requests, Samples, Side};
use criterion::{criterion_group, criterion_main, Criterion};

fn validate_and_encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate_encode");
    let requests = Requests::new();
    for p in Provider::ALL {
        for side in Side::BOTH {
            g.bench_function(format!("{p}/{}", side.label("validate_encode")), |b| {
                b.iter(|| requests.validate_encode(p, side))
            });
        }
    }
    g.finish();
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    let samples = Samples::new();
    for p in Samples::PROVIDERS {
        for side in Side::BOTH {
            g.bench_function(format!("{p}/{}", side.label("decode")), |b| {
                b.iter(|| samples.decode(p, side))
            });
        }
    }
    g.finish();
}

fn end_to_end(c: &mut Criterion) {
    // The servers get a runtime (one worker thread) of their own; the calls
    // run on a current-thread runtime in the benchmark thread.
    let server_rt = cases::server_runtime();
    let urls = server_rt.block_on(cases::serve_all()).expect("servers");
    let calls = Calls::new(urls);
    let rt = cases::client_runtime();
    let mut g = c.benchmark_group("end_to_end");
    g.measurement_time(cases::CALL_MEASUREMENT);
    for p in Provider::ALL {
        for side in Side::BOTH {
            g.bench_function(format!("{p}/{}", side.label("end_to_end")), |b| {
                b.iter(|| rt.block_on(calls.call(p, side)))
            });
        }
    }
    g.finish();
    drop(rt);
    server_rt.shutdown_timeout(Duration::from_secs(1));
}

criterion_group! {
    name = runtime;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = validate_and_encode, decode, end_to_end
}
criterion_main!(runtime);
