//! A spec-driven code generator for payment-provider API clients.
//!
//! The pipeline, one module a stage: [`spec`] loads YAML into a serde model
//! with source positions, [`check`] reports every semantic problem, [`model`]
//! lowers a checked spec into the resolved model the emitters read, [`emit`]
//! turns it into tokens, and [`write`] formats and writes the files.

pub mod check;
pub mod diag;
pub mod lang;
pub mod spec;

pub use diag::{Diagnostic, Diagnostics, Pos};
