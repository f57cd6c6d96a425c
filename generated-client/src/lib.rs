//! Typed API clients for payment providers, generated at build time from
//! the specs in `spec/` by the `codegen` crate.
//!
//! One module per provider (`juspay`, `razorpay`, `costplus`, `commercelayer`,
//! `square`, `paypal`), each behind the cargo feature of the same name, all on
//! by default. Hand-written support code (transport, auth, encodings,
//! validation, errors) lives in [`runtime`]; nothing in it is generated.

#![warn(missing_docs)]

pub mod runtime;

include!(concat!(env!("OUT_DIR"), "/providers.rs"));
