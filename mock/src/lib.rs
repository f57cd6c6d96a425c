//! A mock server for every provider, generated from the same specs as the
//! client, so it cannot drift from them either.
//!
//! Each operation of a provider is served on loopback at its documented
//! method and path. A request is checked the way the provider documents:
//! authentication present and of the right scheme, required headers, the
//! body's encoding, and every constraint, with the same generated
//! `validate()` the client runs. A request that breaks a rule gets the
//! documented error status and body shape with the docs' own message; a
//! valid one updates the resource held in memory (seeded from the spec's
//! examples) and gets it back.
//!
//! ```no_run
//! # async fn demo() -> Result<(), mock::MockError> {
//! let server = mock::MockServer::start("razorpay").await?;
//! let base_url = server.base_url(); // for `Environment::Custom`
//! # let _ = base_url;
//! # Ok(())
//! # }
//! ```

mod checks;
mod error_body;
#[cfg(test)]
mod hostile;
mod pointer;
mod redact;
mod routes;
mod server;
mod state;
mod wire;

pub use server::{Failure, Log, MockError, MockServer, Recorded};

/// The modules the mock checks requests with: each provider's generated
/// module with both serde directions, and the spec texts. Not part of the
/// API.
#[doc(hidden)]
pub mod checked {
    include!(concat!(env!("OUT_DIR"), "/generated.rs"));

    /// One JSON Patch operation, named by the constructor that builds it
    /// (in a build with a provider that takes JSON Patch).
    #[cfg(json_patch)]
    #[derive(Debug, Clone)]
    pub(crate) struct Patch {
        /// `replace_purchase_unit_amount`.
        pub build: String,
        /// Its placeholders' values, by Rust name.
        pub params: serde_json::Value,
        /// Its value (`null` for a `remove`).
        pub value: serde_json::Value,
    }

    #[cfg(json_patch)]
    fn decode<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Result<T, String> {
        serde_json::from_value(value.clone()).map_err(|e| e.to_string())
    }
}

/// The providers the mock serves: those the generated client is built
/// with, by name.
pub fn providers() -> Vec<String> {
    checked::SPECS
        .iter()
        .map(|(name, _)| (*name).to_string())
        .collect()
}
