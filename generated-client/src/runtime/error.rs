//! The one error type every generated method returns.

use std::fmt;

use super::validate::ValidationErrors;

/// What went wrong with a call. `E` is the provider's typed error body.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<E: fmt::Debug> {
    /// The request broke the docs' constraints; nothing was sent.
    #[error("request not sent, it is invalid: {0}")]
    Validation(ValidationErrors),
    /// The request could not be built (a header value with a line break, a
    /// bad base URL); nothing was sent.
    #[error("request not sent: {0}")]
    Build(String),
    /// The provider answered with a documented or undocumented failure.
    #[error("{provider} answered {status}{}", describe_api(body.as_deref(), snippet))]
    Api {
        /// Provider name.
        provider: &'static str,
        /// HTTP status.
        status: u16,
        /// The typed error body, when it decoded (boxed: bodies can be large).
        body: Option<Box<E>>,
        /// The start of the raw body (bounded), for when it did not.
        snippet: String,
    },
    /// The request did not complete.
    #[error("transport failure ({kind}); {}: {message}", if *may_have_been_sent { "the request may have reached the server" } else { "the request was not sent" })]
    Transport {
        /// Timeout, connection failure, …
        kind: TransportErrorKind,
        /// Whether the server may have received (and acted on) the request.
        may_have_been_sent: bool,
        /// What the transport said.
        message: String,
    },
    /// A success response whose body is not what the docs describe.
    #[error("{provider} answered {status} with a body that does not decode: {message}; body starts: {snippet:?}")]
    Decode {
        /// Provider name.
        provider: &'static str,
        /// HTTP status.
        status: u16,
        /// What did not decode.
        message: String,
        /// The start of the raw body (bounded).
        snippet: String,
    },
}

fn describe_api<E: fmt::Debug>(body: Option<&E>, snippet: &str) -> String {
    match body {
        Some(b) => format!(": {b:?}"),
        None if snippet.is_empty() => " with an empty body".to_string(),
        None => format!(" with an undocumented body: {snippet:?}"),
    }
}

/// Why a transport failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// Could not connect (DNS, refused, TLS): the request was not sent.
    Connect,
    /// The connect or request timeout passed.
    Timeout,
    /// The response body was larger than the configured limit.
    BodyTooLarge,
    /// Anything else (connection reset mid-body, protocol error).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connection failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::Other => "I/O or protocol error",
        })
    }
}

/// A failure reported by a [`super::Transport`].
#[derive(Debug, Clone, thiserror::Error)]
#[error("{kind}: {message}")]
pub struct TransportError {
    /// What kind of failure.
    pub kind: TransportErrorKind,
    /// Whether the server may have received the request.
    pub may_have_been_sent: bool,
    /// Details (never contains credentials).
    pub message: String,
}

impl<E: fmt::Debug> From<TransportError> for Error<E> {
    fn from(e: TransportError) -> Self {
        Error::Transport {
            kind: e.kind,
            may_have_been_sent: e.may_have_been_sent,
            message: e.message,
        }
    }
}

impl<E: fmt::Debug> From<ValidationErrors> for Error<E> {
    fn from(e: ValidationErrors) -> Self {
        Error::Validation(e)
    }
}

impl<E: fmt::Debug> Error<E> {
    /// The violations, when the request was invalid.
    pub fn violations(&self) -> Option<&ValidationErrors> {
        match self {
            Error::Validation(v) => Some(v),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } | Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// At most this many characters of a body are kept in errors.
pub const SNIPPET_CHARS: usize = 512;

/// The start of a body as text, bounded, for error values.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_CHARS * 4)]);
    let mut out: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS || body.len() > SNIPPET_CHARS * 4 {
        out.push('…');
    }
    out
}

/// [`snippet`] with the string values of `sensitive` keys replaced by
/// `[REDACTED]`, found textually so truncated or invalid JSON is covered.
pub fn redacted_snippet(body: &[u8], sensitive: &[&str]) -> String {
    if sensitive.is_empty() {
        return snippet(body);
    }
    let text = String::from_utf8_lossy(body);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    'scan: while let Some(q) = rest.find('"') {
        out.push_str(&rest[..q]);
        rest = &rest[q..];
        for key in sensitive {
            let Some(after_key) = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
            else {
                continue;
            };
            let after_colon = after_key.trim_start();
            let Some(value) = after_colon.strip_prefix(':').map(str::trim_start) else {
                continue;
            };
            let Some(inner) = value.strip_prefix('"') else {
                continue;
            };
            // Skip to the closing, unescaped quote (or the end of the text).
            let mut end = inner.len();
            let mut escaped = false;
            for (i, c) in inner.char_indices() {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = i;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            out.push_str(&format!("\"{key}\":\"[REDACTED]\""));
            rest = inner.get(end + 1..).unwrap_or("");
            continue 'scan;
        }
        out.push('"');
        rest = &rest[1..];
    }
    out.push_str(rest);
    snippet(out.as_bytes())
}

/// A client could not be configured (bad base URL, a header value with a
/// line break).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid client configuration: {0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod redaction_tests {
    use super::redacted_snippet;

    #[test]
    fn redacts_sensitive_string_values_even_in_broken_json() {
        let body = br#"{"data":{"attributes":{"token": "tok\"en_1","number":1,"checkout_url":"https://x/tok"#;
        let shown = redacted_snippet(body, &["token", "checkout_url"]);
        assert!(
            !shown.contains("tok\\\"en_1") && !shown.contains("en_1"),
            "{shown}"
        );
        assert!(!shown.contains("https://x/tok"), "{shown}");
        assert!(shown.contains(r#""token":"[REDACTED]""#), "{shown}");
        assert!(shown.contains(r#""number":1"#), "{shown}");
        assert_eq!(redacted_snippet(b"<html>", &["token"]), "<html>");
    }
}
