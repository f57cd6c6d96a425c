//! Stage 1: read a spec file into the serde model, with source positions.

pub mod model;
mod positions;
mod read;

pub use positions::{PathSeg, PositionIndex, SpecPath, MAX_DEPTH};
pub use read::{
    load_file, load_repaired, load_str, read_sources, spec_files, LoadedSpec, SpecSource,
};
