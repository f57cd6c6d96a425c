//! Keeping secrets out of everything the client shows: the values of
//! credentials, sensitive headers and sensitive request fields are removed
//! from error messages, body snippets and `Debug` output in every form a
//! server or a stack may echo them (as sent, JSON-escaped in any way,
//! percent-encoded, form-encoded, base64), and every shown text is bounded.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, MatchKind};

use base64::Engine;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are by the usual percent-encoders (RFC 3986's
/// unreserved set).
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// What replaces a secret.
pub const REDACTED: &str = "[REDACTED]";

/// Longest text an error or log line carries, in characters.
pub const MAX_SHOWN_CHARS: usize = 2048;

/// `text` cut to `max` characters, saying how much was cut.
pub fn bounded(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some((i, _)) => Cow::Owned(format!(
            "{}… [{} more bytes cut]",
            &text[..i],
            text.len() - i
        )),
    }
}

/// The secrets of a client or a request. Cheap to build and to clone
/// (shared until changed), so every request carries its client's; the
/// forms a secret may be echoed in are worked out only when something is
/// shown. `Debug` shows only how many there are.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secrets(Arc<Vec<String>>);

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let distinct: HashSet<&String> = self.0.iter().collect();
        write!(f, "Secrets({} values)", distinct.len())
    }
}

impl Secrets {
    /// No secrets.
    pub fn new() -> Self {
        Secrets::default()
    }

    /// Adds a secret value (an empty one is nothing to hide).
    pub fn add(&mut self, secret: &str) {
        if !secret.is_empty() {
            Arc::make_mut(&mut self.0).push(secret.to_string());
        }
    }

    /// These secrets and `other`'s.
    pub fn extend(&mut self, other: &Secrets) {
        if self.is_empty() {
            *self = other.clone();
            return;
        }
        for s in other.0.iter() {
            self.add(s);
        }
    }

    /// Whether there is nothing to hide.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every form of every secret a text may hold, longest first: as sent,
    /// JSON-escaped, `Debug`-escaped, percent-encoded (every byte but
    /// letters and digits, or all but RFC 3986's unreserved ones, in upper
    /// or lower case hex), form-encoded, and base64 (standard and URL-safe,
    /// padded or not).
    fn forms(&self) -> Vec<String> {
        let b64 = base64::engine::general_purpose::STANDARD;
        let b64_url = base64::engine::general_purpose::URL_SAFE;
        let mut seen: HashSet<String> = HashSet::new();
        let mut forms: Vec<String> = Vec::new();
        for secret in self.0.iter() {
            let pct = utf8_percent_encode(secret, NON_ALPHANUMERIC).to_string();
            let pct_unreserved = utf8_percent_encode(secret, UNRESERVED).to_string();
            let std = b64.encode(secret);
            let url = b64_url.encode(secret);
            for form in [
                secret.clone(),
                json_escaped(secret),
                format!("{secret:?}").trim_matches('"').to_string(),
                pct.to_lowercase_hex(),
                pct,
                pct_unreserved.to_lowercase_hex(),
                pct_unreserved,
                form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
                std.trim_end_matches('=').to_string(),
                url.trim_end_matches('=').to_string(),
                std,
                url,
            ] {
                if !form.is_empty() && seen.insert(form.clone()) {
                    forms.push(form);
                }
            }
        }
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms
    }

    /// `text` with every form of every secret replaced by `[REDACTED]`; a
    /// JSON string whose escapes decode to text holding a secret is
    /// replaced whole (`"tok\u0065n"` hides `token`).
    pub fn redact<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out: Cow<'t, str> = Cow::Borrowed(text);
        if text.contains('\\') {
            if let Some(replaced) = self.redact_json_strings(text) {
                out = Cow::Owned(replaced);
            }
        }
        // Every form in one pass, the longest match first.
        let forms = self.forms();
        match AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&forms)
        {
            Ok(ac) if ac.is_match(out.as_ref()) => {
                let with = vec![REDACTED; forms.len()];
                Cow::Owned(ac.replace_all(&out, &with))
            }
            Ok(_) => out,
            Err(_) => {
                for form in &forms {
                    if out.contains(form.as_str()) {
                        out = Cow::Owned(out.replace(form.as_str(), REDACTED));
                    }
                }
                out
            }
        }
    }

    /// [`Secrets::redact`], then [`bounded`] to [`MAX_SHOWN_CHARS`]: the
    /// text an error may show.
    pub fn show(&self, text: &str) -> String {
        bounded(&self.redact(text), MAX_SHOWN_CHARS).into_owned()
    }

    /// Replaces the JSON string literals of `text` that hold escapes and,
    /// decoded, a secret. `None` when none does.
    fn redact_json_strings(&self, text: &str) -> Option<String> {
        let mut out = String::with_capacity(text.len());
        let mut changed = false;
        let mut rest = text;
        while let Some(start) = rest.find('"') {
            out.push_str(&rest[..start]);
            let literal_end = literal_len(&rest[start..]);
            let literal = &rest[start..start + literal_end];
            let hides = literal.contains('\\')
                && decode_literal(literal)
                    .is_some_and(|s| self.0.iter().any(|p| s.contains(p.as_str())));
            if hides {
                out.push('"');
                out.push_str(REDACTED);
                out.push('"');
                changed = true;
            } else {
                out.push_str(literal);
            }
            rest = &rest[start + literal_end..];
        }
        out.push_str(rest);
        changed.then_some(out)
    }
}

/// The length of the JSON string literal starting `s` (at its `"`), up to
/// and including its closing quote, or the rest of `s` when unclosed.
pub(crate) fn literal_len(s: &str) -> usize {
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i + 1,
            _ => escaped = false,
        }
    }
    s.len()
}

/// The text of a JSON string literal (closed or, at the end of a cut
/// body, not), when its escapes are valid.
pub(crate) fn decode_literal(literal: &str) -> Option<String> {
    let closed =
        literal.len() >= 2 && literal_len(literal) == literal.len() && literal.ends_with('"');
    if closed {
        serde_json::from_str(literal).ok()
    } else {
        serde_json::from_str(&format!("{literal}\"")).ok()
    }
}

fn json_escaped(s: &str) -> String {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    quoted
        .strip_prefix('"')
        .and_then(|q| q.strip_suffix('"'))
        .unwrap_or(&quoted)
        .to_string()
}

trait LowercaseHex {
    fn to_lowercase_hex(&self) -> String;
}

impl LowercaseHex for String {
    /// `%2F` → `%2f`, leaving the other characters alone.
    fn to_lowercase_hex(&self) -> String {
        let mut out = String::with_capacity(self.len());
        let mut hex_left = 0;
        for c in self.chars() {
            if c == '%' {
                hex_left = 2;
                out.push(c);
            } else if hex_left > 0 {
                hex_left -= 1;
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
