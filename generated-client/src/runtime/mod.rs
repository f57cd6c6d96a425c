//! Hand-written runtime the generated clients call: transport, auth,
//! encodings, lenient decoding, validation, errors. Nothing here is
//! generated; nothing generated lives here.

pub mod de;
mod digest;
mod encode;
mod error;
mod expandable;
mod form;
mod http;
mod idempotency;
mod json_patch;
mod oauth;
mod open;
mod patch;
mod redact;
mod retry;
mod secret;
pub mod ser;
pub mod tagged;
mod transport;
mod validate;

pub use de::NoContent;
pub use digest::spec_digest;
pub use encode::{
    check_base_url, check_header_value, check_url_variable, json_body, jsonapi_body, segment,
    segment_int, shown_url, Auth, Body, Linkage,
};
pub use error::{
    redacted_snippet, snippet, ConfigError, Error, ErrorText, TransportError, TransportErrorKind,
    SNIPPET_CHARS,
};
pub use expandable::{Expandable, Resource};
pub use form::{form_body, BracketStyle, FormStyle, ListStyle};
pub use http::{
    decode, decode_redacting, BoxFuture, ClientCore, HttpRequest, HttpResponse, Method,
    OperationInfo, Transport,
};
pub use idempotency::idempotency_key;
pub use json_patch::{patch_op, pointer_token};
pub use oauth::{ClientAuth, ClientCredentials, RENEW_BEFORE_EXPIRY};
pub use open::{Open, UnknownValue};
pub use patch::Patch;
pub use redact::{bounded, Secrets, MAX_SHOWN_CHARS, REDACTED};
pub use retry::{RetryPolicy, DEFAULT_TOTAL_TIMEOUT, MAX_ATTEMPTS};
pub use secret::Secret;
pub use transport::{ClientConfig, Proxy, ReqwestTransport};
pub use validate::{
    Format, MapRules, MapValue, Path, Rule, ValidationErrors, Violation, Violations,
};

/// Ordered maps, as used by map fields.
pub use indexmap::IndexMap;
/// Compiled patterns of `pattern` constraints.
pub use regex_lite::Regex;
/// Exact decimal numbers (money).
pub use rust_decimal::Decimal;
