//! Benchmarks of the generator and of the generated client.
//!
//! - [`synth`] writes synthetic APIs of any size, as our YAML and as
//!   OpenAPI for progenitor;
//! - [`pipeline`] runs both generators, whole or stage by stage;
//! - [`measure`] has the small statistics and the peak-memory probe;
//! - [`cases`] has the runtime comparisons, shared by the criterion bench
//!   and the instruction counter;
//! - [`handwritten`] has the serde-only equivalents of the generated
//!   types, [`fixtures`] the docs' samples, and [`loopback`] a local HTTP
//!   server for the end-to-end benchmark.
//!
//! The criterion benches are in `benches/benches/`, the build-time
//! benchmarks in `benches/build_times.sh`, and `benches/run_all.sh` runs
//! everything (see `BENCHMARKS.md` at the repository root).

pub mod cases;
pub mod fixtures;
pub mod handwritten;
pub mod loopback;
pub mod measure;
pub mod pipeline;
pub mod synth;
