//! The vocabulary of the spec language: scalar types, kinds, encodings,
//! leniencies, rule names, and how names become Rust identifiers. Shared by
//! the checker and the model so both agree on every word.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// A scalar field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `amount_minor`: money in minor units.
    AmountMinor,
    /// `decimal`
    Decimal,
    /// `boolean`
    Boolean,
    /// `timestamp`: ISO-8601 date-time.
    Timestamp,
    /// `unix_time`: seconds since the epoch.
    UnixTime,
    /// `duration`: ISO-8601 duration.
    Duration,
    /// `currency`: ISO 4217 code.
    Currency,
    /// `url`
    Url,
    /// `email`
    Email,
    /// `json`: any JSON value.
    Json,
}

impl Scalar {
    /// Every scalar with its spec name.
    pub const ALL: [(&'static str, Scalar); 12] = [
        ("string", Scalar::String),
        ("integer", Scalar::Integer),
        ("amount_minor", Scalar::AmountMinor),
        ("decimal", Scalar::Decimal),
        ("boolean", Scalar::Boolean),
        ("timestamp", Scalar::Timestamp),
        ("unix_time", Scalar::UnixTime),
        ("duration", Scalar::Duration),
        ("currency", Scalar::Currency),
        ("url", Scalar::Url),
        ("email", Scalar::Email),
        ("json", Scalar::Json),
    ];

    /// The scalar a spec name stands for.
    pub fn from_name(name: &str) -> Option<Scalar> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// The spec name.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(n, _)| *n)
            .unwrap_or("string")
    }

    /// The Rust type values of this scalar are held in. Scalars that share
    /// one (`string`, `url`, `email`, … are all `String`) differ only in
    /// the format a request checks ([`Scalar::format`]).
    pub fn rust(self) -> RustScalar {
        match self {
            Scalar::Integer | Scalar::AmountMinor | Scalar::UnixTime => RustScalar::I64,
            Scalar::Decimal => RustScalar::Decimal,
            Scalar::Boolean => RustScalar::Bool,
            Scalar::Json => RustScalar::Json,
            Scalar::String
            | Scalar::Timestamp
            | Scalar::Duration
            | Scalar::Currency
            | Scalar::Url
            | Scalar::Email => RustScalar::String,
        }
    }

    /// The format a request value of this scalar must have, if any.
    pub fn format(self) -> Option<formats::Format> {
        use formats::Format;
        match self {
            Scalar::Currency => Some(Format::Currency),
            Scalar::Url => Some(Format::Url),
            Scalar::Email => Some(Format::Email),
            Scalar::Timestamp => Some(Format::Timestamp),
            Scalar::Duration => Some(Format::Duration),
            _ => None,
        }
    }

    /// Leniencies response decoding always has for this scalar, written or
    /// not: a decimal is read from a JSON string as from a number.
    pub fn implied_leniency(self) -> &'static [Lenient] {
        match self {
            Scalar::Decimal => &[Lenient::Quoted],
            _ => &[],
        }
    }

    /// Text on the wire (length and pattern rules apply).
    pub fn is_textual(self) -> bool {
        matches!(
            self,
            Scalar::String
                | Scalar::Timestamp
                | Scalar::Duration
                | Scalar::Currency
                | Scalar::Url
                | Scalar::Email
        )
    }

    /// A number (range rules apply).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Scalar::Integer | Scalar::AmountMinor | Scalar::Decimal | Scalar::UnixTime
        )
    }

    /// A whole number.
    pub fn is_integral(self) -> bool {
        matches!(
            self,
            Scalar::Integer | Scalar::AmountMinor | Scalar::UnixTime
        )
    }
}

/// The Rust type a scalar is held in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RustScalar {
    /// `i64`
    I64,
    /// `rt::Decimal`
    Decimal,
    /// `bool`
    Bool,
    /// `serde_json::Value`
    Json,
    /// `String`
    String,
}

impl RustScalar {
    /// How the type is written in generated code (without the `rt::` path).
    pub fn name(self) -> &'static str {
        match self {
            RustScalar::I64 => "i64",
            RustScalar::Decimal => "Decimal",
            RustScalar::Bool => "bool",
            RustScalar::Json => "serde_json::Value",
            RustScalar::String => "String",
        }
    }
}

/// Names a field's `type` may take besides scalars and named types.
pub const CONTAINERS: [&str; 2] = ["list", "map"];

/// Map item type meaning "string, number or boolean".
pub const SCALAR_ITEMS: &str = "scalar";

/// Kinds of named types.
pub const KINDS: [&str; 4] = ["object", "enum", "map", "list"];

/// Request body encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// `application/x-www-form-urlencoded`, flat names.
    Form,
    /// `application/json`.
    Json,
    /// `application/vnd.api+json` document.
    JsonApi,
}

impl Encoding {
    /// Spec names.
    pub const NAMES: [&'static str; 3] = ["form", "json", "jsonapi"];

    /// The encoding a spec name stands for.
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name {
            "form" => Some(Encoding::Form),
            "json" => Some(Encoding::Json),
            "jsonapi" => Some(Encoding::JsonApi),
            _ => None,
        }
    }

    /// The `Content-Type` it sends.
    pub fn content_type(self) -> &'static str {
        match self {
            Encoding::Form => "application/x-www-form-urlencoded",
            Encoding::Json => "application/json",
            Encoding::JsonApi => "application/vnd.api+json",
        }
    }
}

/// HTTP methods an operation may use.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// Auth schemes.
pub const AUTH_SCHEMES: [&str; 2] = ["basic", "bearer"];

/// Leniencies of response decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lenient {
    /// A number or boolean may arrive as a JSON string.
    Quoted,
    /// A string may arrive as a number or boolean.
    Unquoted,
    /// An object or map may arrive as `[]`.
    EmptyArray,
}

impl Lenient {
    /// Spec names.
    pub const NAMES: [&'static str; 3] = ["quoted", "unquoted", "empty_array"];

    /// The spec name.
    pub fn name(self) -> &'static str {
        match self {
            Lenient::Quoted => "quoted",
            Lenient::Unquoted => "unquoted",
            Lenient::EmptyArray => "empty_array",
        }
    }

    /// The leniency a spec name stands for.
    pub fn from_name(name: &str) -> Option<Lenient> {
        match name {
            "quoted" => Some(Lenient::Quoted),
            "unquoted" => Some(Lenient::Unquoted),
            "empty_array" => Some(Lenient::EmptyArray),
            _ => None,
        }
    }
}

/// Validation rule names, as used under `validation.messages`.
pub const RULES: [&str; 12] = [
    "min_length",
    "max_length",
    "minimum",
    "maximum",
    "pattern",
    "allowed",
    "min_items",
    "max_items",
    "max_entries",
    "max_key_length",
    "max_value_length",
    "scalar_values",
];

/// Rust keywords (strict and reserved, 2021 edition).
const KEYWORDS: [&str; 52] = [
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

/// Whether `s` is a Rust keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// Whether `s` is a plain Rust identifier (not a keyword).
pub fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    let first_ok = matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic());
    first_ok && chars.all(|c| c == '_' || c.is_ascii_alphanumeric()) && s != "_" && !is_keyword(s)
}

/// Whether `s` is a snake_case identifier.
pub fn is_snake(s: &str) -> bool {
    is_ident(s) && s.to_snake_case() == s
}

/// Whether `s` is an UpperCamelCase identifier.
pub fn is_camel(s: &str) -> bool {
    is_ident(s) && s.to_upper_camel_case() == s
}

/// The Rust field name of a wire name: snake_case, with a trailing `_` for
/// keywords (`type` → `type_`). `None` when no identifier can be made.
pub fn field_ident(wire: &str) -> Option<String> {
    let snake = wire.to_snake_case();
    if is_keyword(&snake) {
        return Some(format!("{snake}_"));
    }
    is_ident(&snake).then_some(snake)
}

/// The Rust variant name of an enum value: UpperCamelCase. `None` when no
/// identifier can be made.
pub fn variant_ident(wire: &str) -> Option<String> {
    let camel = wire.to_upper_camel_case();
    if camel == "Self" || camel == "Unknown" {
        return None;
    }
    is_ident(&camel).then_some(camel)
}

/// The `{name}` placeholders of a template, in order.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        match after.find('}') {
            Some(end) => {
                out.push(after[..end].to_string());
                rest = &after[end + 1..];
            }
            None => break,
        }
    }
    out
}

/// Compiles a spec `pattern` exactly as the generated client does
/// (anchored, with `regex-lite`), so the checker and the client agree on
/// what a pattern is and what it matches. The error is the last line of
/// the engine's message.
pub fn compile_pattern(pattern: &str) -> Result<regex_lite::Regex, String> {
    regex_lite::Regex::new(&anchored_pattern(pattern)).map_err(|e| {
        let text = e.to_string();
        let last = text
            .lines()
            .map(str::trim)
            .rfind(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
        last.strip_prefix("error: ").unwrap_or(&last).to_string()
    })
}

/// A pattern as the client compiles it: matching the whole value.
pub fn anchored_pattern(pattern: &str) -> String {
    format!("^(?:{pattern})$")
}

/// `12.50` → (1250, 2); `1e-6` (how a YAML number like `0.000001` prints)
/// → (1, 6); `2.5e3` → (2500, 0). `None` when `rt::Decimal::new` could not
/// take it (a mantissa beyond `i64`, or more than 28 decimals, where it
/// would panic).
pub fn decimal_parts(text: &str) -> Option<(i64, u32)> {
    let (number, exp) = match text.split_once(['e', 'E']) {
        Some((number, exp)) => (number, exp.parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mantissa: i64 = format!("{int}{frac}").parse().ok()?;
    let scale = i64::try_from(frac.len()).ok()? - exp;
    let (mantissa, scale) = match u32::try_from(scale) {
        Ok(scale) => (mantissa, scale),
        // More exponent than decimals: trailing zeros of a whole number.
        Err(_) => {
            let zeros = 10i64.checked_pow(u32::try_from(-scale).ok()?)?;
            (mantissa.checked_mul(zeros)?, 0)
        }
    };
    (scale <= 28).then_some((mantissa, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_identifiers() {
        assert_eq!(field_ident("_place").as_deref(), Some("place"));
        assert_eq!(
            field_ident("billing_address_line1").as_deref(),
            Some("billing_address_line1")
        );
        assert_eq!(field_ident("x-merchantid").as_deref(), Some("x_merchantid"));
        assert_eq!(field_ident("type").as_deref(), Some("type_"));
        assert_eq!(field_ident("1st"), None);
        assert_eq!(field_ident("---"), None);
        assert_eq!(variant_ident("en-GB").as_deref(), Some("EnGb"));
        assert_eq!(variant_ident("NEW").as_deref(), Some("New"));
        assert_eq!(variant_ident("unknown"), None);
    }

    #[test]
    fn classifies_identifiers() {
        assert!(is_snake("update_order"));
        assert!(!is_snake("UpdateOrder"));
        assert!(!is_snake("fn"));
        assert!(is_camel("OrderStatus"));
        assert!(!is_camel("order_status"));
    }
}
