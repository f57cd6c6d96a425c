//! The one error type every generated method returns.

use std::fmt;

use std::borrow::Cow;

use super::redact::{bounded, decode_literal, literal_len, Secrets, MAX_SHOWN_CHARS};
use super::validate::ValidationErrors;

/// What went wrong with a call. `E` is the provider's typed error body.
///
/// Everything an error shows is safe to log: the client's credentials, its
/// sensitive headers and the sensitive fields of the request are redacted
/// from every message and snippet (in plain, JSON-escaped, percent-encoded
/// and base64 form), and `Display` is bounded to a few KB, saying how much
/// was cut. `Debug` shows the same text, never the typed body's fields
/// (a server may echo a secret into them): read those from `body`.
#[non_exhaustive]
pub enum Error<E: fmt::Debug> {
    /// The request broke the docs' constraints; nothing was sent.
    Validation(ValidationErrors),
    /// The request could not be built (a header value with a line break, a
    /// bad base URL); nothing was sent.
    Build(String),
    /// The provider answered with a documented or undocumented failure.
    Api {
        /// Provider name.
        provider: &'static str,
        /// HTTP status.
        status: u16,
        /// The typed error body, when it decoded (boxed: bodies can be large).
        body: Option<Box<E>>,
        /// The provider's message, read from the typed body where the spec
        /// says it is (bounded, secrets redacted).
        message: Option<String>,
        /// The provider's error code, read the same way.
        code: Option<String>,
        /// The start of the raw body (bounded, secrets redacted): what
        /// `Display` shows when the body has no message.
        snippet: String,
    },
    /// The client could not get an OAuth access token from the provider's
    /// token endpoint; the API request was not sent.
    Auth {
        /// The token endpoint's HTTP status, when it answered.
        status: Option<u16>,
        /// What went wrong (bounded; the credentials and tokens redacted).
        message: String,
    },
    /// The request did not complete.
    Transport {
        /// Timeout, connection failure, …
        kind: TransportErrorKind,
        /// Whether the server may have received (and acted on) the request.
        may_have_been_sent: bool,
        /// What the transport said (bounded, secrets redacted).
        message: String,
    },
    /// A success (2xx) response whose body is not what the docs describe:
    /// not JSON, not the documented shape, or without a field the docs
    /// guarantee. The provider answered with success: the request was
    /// applied, so do not resend a call that is not safe to retry.
    Decode {
        /// Provider name.
        provider: &'static str,
        /// HTTP status.
        status: u16,
        /// What did not decode (bounded, secrets redacted).
        message: String,
        /// The start of the raw body (bounded, secrets redacted).
        snippet: String,
    },
}

impl<E: fmt::Debug> Error<E> {
    fn write_message(&self, f: &mut impl fmt::Write) -> fmt::Result {
        match self {
            Error::Validation(v) => write!(f, "request not sent, it is invalid: {v}"),
            Error::Build(m) => write!(f, "request not sent: {m}"),
            Error::Auth { message, .. } => {
                write!(f, "request not sent, no access token: {message}")
            }
            Error::Api {
                provider,
                status,
                snippet,
                ..
            } if snippet.is_empty() => write!(f, "{provider} answered {status} with an empty body"),
            Error::Api {
                provider,
                status,
                body,
                message,
                code,
                snippet,
            } => {
                write!(f, "{provider} answered {status}")?;
                if let Some(code) = code {
                    write!(f, " ({code})")?;
                }
                match (message, body) {
                    (Some(message), _) => write!(f, ": {message}"),
                    (None, Some(_)) => write!(f, ": {snippet}"),
                    (None, None) => write!(f, " with an undocumented body: {snippet:?}"),
                }
            }
            Error::Transport {
                kind,
                may_have_been_sent,
                message,
            } => {
                let sent = if *may_have_been_sent {
                    "the request may have reached the server"
                } else {
                    "the request was not sent"
                };
                write!(f, "transport failure ({kind}); {sent}: {message}")
            }
            Error::Decode {
                provider,
                status,
                message,
                snippet,
            } => write!(
                f,
                "{provider} answered {status} with a body that does not decode: {message}; body starts: {snippet:?}"
            ),
        }
    }
}

impl<E: fmt::Debug> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut text = String::new();
        self.write_message(&mut text)?;
        f.write_str(&bounded(&text, MAX_SHOWN_CHARS))
    }
}

impl<E: fmt::Debug> fmt::Debug for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(v) => f
                .debug_tuple("Validation")
                .field(&bounded(&format!("{v:?}"), MAX_SHOWN_CHARS))
                .finish(),
            Error::Build(m) => f
                .debug_tuple("Build")
                .field(&bounded(m, MAX_SHOWN_CHARS))
                .finish(),
            Error::Auth { status, message } => f
                .debug_struct("Auth")
                .field("status", status)
                .field("message", &bounded(message, MAX_SHOWN_CHARS))
                .finish(),
            Error::Api {
                provider,
                status,
                body,
                message,
                code,
                snippet,
            } => f
                .debug_struct("Api")
                .field("provider", provider)
                .field("status", status)
                .field("body_decoded", &body.is_some())
                .field("message", message)
                .field("code", code)
                .field("snippet", snippet)
                .finish(),
            Error::Transport {
                kind,
                may_have_been_sent,
                message,
            } => f
                .debug_struct("Transport")
                .field("kind", kind)
                .field("may_have_been_sent", may_have_been_sent)
                .field("message", &bounded(message, MAX_SHOWN_CHARS))
                .finish(),
            Error::Decode {
                provider,
                status,
                message,
                snippet,
            } => f
                .debug_struct("Decode")
                .field("provider", provider)
                .field("status", status)
                .field("message", &bounded(message, MAX_SHOWN_CHARS))
                .field("snippet", snippet)
                .finish(),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {}

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

/// What an error body says, for [`Error`]'s `Display`: the provider's own
/// message and code, read from the fields the spec names (its
/// `error_text:`). Every generated error body implements it; a body the
/// spec says nothing about has neither.
pub trait ErrorText {
    /// The provider's human-readable message.
    fn message(&self) -> Option<&str> {
        None
    }

    /// The provider's machine-readable code.
    fn code(&self) -> Option<&str> {
        None
    }
}

/// An undocumented error body: nothing is known about its fields.
impl ErrorText for serde_json::Value {}

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
/// `[REDACTED]`, found textually so truncated or invalid JSON is covered;
/// a key is matched after decoding its escapes (`"tok\u0065n"` is `token`).
pub fn redacted_snippet(body: &[u8], sensitive: &[&str]) -> String {
    shown_body(body, sensitive, &Secrets::new())
}

/// The snippet an error keeps of `body`: the values of `sensitive` keys and
/// every form of `secrets` redacted from the whole body, then bounded.
pub(crate) fn shown_body(body: &[u8], sensitive: &[&str], secrets: &Secrets) -> String {
    let text = String::from_utf8_lossy(body);
    let text = redact_keys(&text, sensitive);
    let text = secrets.redact(&text);
    snippet(text.as_bytes())
}

fn redact_keys<'t>(text: &'t str, keys: &[&str]) -> Cow<'t, str> {
    if keys.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(q) = rest.find('"') {
        out.push_str(&rest[..q]);
        rest = &rest[q..];
        let len = literal_len(rest);
        let literal = &rest[..len];
        out.push_str(literal);
        rest = &rest[len..];
        let key: Cow<'_, str> = if literal.contains('\\') {
            decode_literal(literal).map_or(Cow::Borrowed(""), Cow::Owned)
        } else {
            Cow::Borrowed(literal.trim_start_matches('"').trim_end_matches('"'))
        };
        if !keys.contains(&key.as_ref()) {
            continue;
        }
        let Some(value) = rest.trim_start().strip_prefix(':').map(str::trim_start) else {
            continue;
        };
        if value.starts_with('"') {
            out.push_str(":\"[REDACTED]\"");
            rest = &value[literal_len(value)..];
        } else if value.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-') {
            // A number, `true`, `false`, or a bare word where text belongs.
            let end = value
                .find(|c: char| matches!(c, ',' | '}' | ']') || c.is_whitespace())
                .unwrap_or(value.len());
            out.push_str(":\"[REDACTED]\"");
            rest = &value[end..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// serde's "invalid type: integer `1234`, expected …" and "invalid value:
/// string "…", expected …" repeat the value; where the body may hold
/// sensitive values, only its kind is kept.
pub(crate) fn hide_unexpected(message: &str) -> Cow<'_, str> {
    for marker in ["invalid type: ", "invalid value: "] {
        let Some(i) = message.find(marker) else {
            continue;
        };
        let start = i + marker.len();
        if let Some(end) = message[start..].rfind(", expected") {
            let kind = message[start..start + end]
                .split([' ', '`', '"'])
                .next()
                .unwrap_or_default();
            return Cow::Owned(format!(
                "{}{kind} [REDACTED]{}",
                &message[..start],
                &message[start + end..]
            ));
        }
    }
    Cow::Borrowed(message)
}

/// A client could not be configured (bad base URL, a header value with a
/// line break).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid client configuration: {0}")]
pub struct ConfigError(pub String);

#[cfg(test)]
mod redaction_tests {
    use super::{hide_unexpected, redacted_snippet};

    #[test]
    fn sensitive_values_that_are_not_strings_are_redacted_too() {
        let body = br#"{"pin": 1234, "flag":true ,"tok\u0065n":-5.5e3}"#;
        let shown = redacted_snippet(body, &["pin", "flag", "token"]);
        assert_eq!(
            shown,
            r#"{"pin":"[REDACTED]", "flag":"[REDACTED]" ,"tok\u0065n":"[REDACTED]"}"#
        );
    }

    #[test]
    fn serde_messages_keep_the_kind_not_the_value() {
        assert_eq!(
            hide_unexpected("invalid type: integer `1234`, expected a string at line 1 column 9"),
            "invalid type: integer [REDACTED], expected a string at line 1 column 9"
        );
        assert_eq!(
            hide_unexpected(r#"invalid value: string "a, expected b", expected a date"#),
            "invalid value: string [REDACTED], expected a date"
        );
        assert_eq!(hide_unexpected("missing field `id`"), "missing field `id`");
    }

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
