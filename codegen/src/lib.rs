//! A spec-driven code generator for payment-provider API clients.
//!
//! The front door is [`Config`]: it runs the [`pipeline`] on a folder of
//! specs ([`Config::generate`], [`Config::write_to`]) or on spec texts
//! ([`Config::generate_sources`]). The pipeline, one module a stage:
//! [`load`] reads YAML into a serde model with source positions; [`check`]
//! reports every problem and, for a clean spec, produces the [`Checked`]
//! value that alone carries the [`model`], where the spec's meaning is
//! decided once; `emit` turns the model into Rust source ([`code`]);
//! `write` formats and writes the files. Beside the pipeline, `diff` (feature `diff`, which the CLI has)
//! compares two versions of the specs and classifies every change for
//! callers; [`lang`] is the
//! vocabulary of the spec language, shared by every stage.

pub mod check;
pub mod code;
mod config;
pub mod diag;
#[cfg(feature = "diff")]
pub mod diff;
mod emit;
mod graph;
pub mod lang;
pub mod load;
mod markdown;
pub mod model;
pub mod pipeline;
mod write;

pub use check::Checked;
pub use config::{Config, GenerateError, Generated, GeneratedFile, Summary, WriteReport};
pub use diag::{Diagnostic, Diagnostics, Pos};
pub use load::SpecSource;
#[cfg(feature = "format")]
pub use write::formatted;
pub use write::{spec_digest, unformatted_code, write_if_changed, DIGEST_MAX_BYTES};
