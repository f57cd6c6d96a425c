//! A spec-driven code generator for payment-provider API clients.
//!
//! The pipeline, one module a stage: [`spec`] loads YAML into a serde model
//! with source positions, [`check`] reports every semantic problem, [`model`]
//! lowers a checked spec into the resolved model the emitters read, [`emit`]
//! turns it into tokens, and [`mod@write`] formats and writes the files.
//! Beside the pipeline, [`diff`] compares two versions of the specs and
//! classifies every change for callers.

pub mod check;
pub mod conformance;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod lang;
pub mod model;
pub mod spec;
pub mod write;

pub use diag::{Diagnostic, Diagnostics, Pos};
pub use write::{Config, GenerateError, Generated, GeneratedFile, Summary, WriteReport};
