//! Stage 1: read a spec file into the serde model, with source positions.

mod load;
pub mod model;
mod positions;

pub use load::{load_dir, load_file, load_str, spec_files, LoadedSpec};
pub use positions::{PathSeg, PositionIndex, SpecPath, MAX_DEPTH};
