//! Hand-written runtime the generated clients call: transport, auth,
//! encodings, lenient decoding, validation, errors. Nothing here is
//! generated; nothing generated lives here.

#[doc(hidden)]
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
#[doc(hidden)]
pub mod seed;
#[doc(hidden)]
pub mod ser;
#[doc(hidden)]
pub mod tagged;
mod transport;
mod validate;

// What callers use: configuration, transports, the values requests and
// responses hold, and the errors.
pub use de::NoContent;
pub use encode::Body;
pub use error::{ConfigError, Error, ErrorText, TransportError, TransportErrorKind, SNIPPET_CHARS};
pub use expandable::{Expandable, Resource};
pub use http::{BoxFuture, HttpRequest, HttpResponse, Method, Transport};
pub use idempotency::idempotency_key;
pub use oauth::RENEW_BEFORE_EXPIRY;
pub use open::{Open, UnknownValue};
pub use patch::Patch;
pub use redact::{MAX_SHOWN_CHARS, REDACTED};
pub use retry::{RetryPolicy, DEFAULT_TOTAL_TIMEOUT, MAX_ATTEMPTS};
pub use secret::Secret;
pub use transport::{ClientConfig, Proxy, ReqwestTransport};
pub use validate::{Format, Rule, ValidationErrors, Violation};

// What the generated code calls: not API, and may change with the
// generator.
#[doc(hidden)]
pub use digest::spec_digest;
#[doc(hidden)]
pub use encode::{
    check_base_url, check_header_value, check_url_variable, json_body, jsonapi_body, segment,
    segment_int, shown_url, Auth, Linkage,
};
#[doc(hidden)]
pub use error::{redacted_snippet, snippet};
#[doc(hidden)]
pub use form::{form_body, BracketStyle, FormStyle, ListStyle};
#[doc(hidden)]
pub use http::{decode, decode_redacting, ClientCore, OperationInfo};
#[doc(hidden)]
pub use json_patch::{patch_op, pointer_token};
#[doc(hidden)]
pub use oauth::{ClientAuth, ClientCredentials};
#[doc(hidden)]
pub use redact::{bounded, Secrets};
#[doc(hidden)]
pub use validate::{
    BoolRules, DecimalRules, IntRules, ItemRules, MapRules, MapValue, Messages, Path, Pattern,
    TextRules, TextSlot, ValueRules, ValueSlot, Violations,
};

/// Ordered maps, as used by map fields.
pub use indexmap::IndexMap;
/// Compiled patterns of `pattern` constraints.
#[doc(hidden)]
pub use regex_lite::Regex;
/// Exact decimal numbers (money).
pub use rust_decimal::Decimal;
