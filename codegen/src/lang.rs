//! The vocabulary of the spec language: scalar types, kinds, encodings,
//! leniencies, rule names, and how names become Rust identifiers. Shared by
//! the checker and the model so both agree on every word.

use heck::{ToSnakeCase, ToUpperCamelCase};
use serde::Deserialize;

/// A scalar field type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scalar {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `amount_minor`: money in minor units.
    AmountMinor,
    /// `decimal`: exact, a JSON number on the wire.
    Decimal,
    /// `decimal_string`: exact, a JSON string on the wire (`"10.50"`).
    DecimalString,
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
    /// `currency_lower`: ISO 4217 code in lowercase.
    CurrencyLower,
    /// `date`: ISO-8601 calendar date.
    Date,
    /// `url`
    Url,
    /// `email`
    Email,
    /// `json`: any JSON value.
    Json,
}

impl Scalar {
    /// Every scalar with its spec name.
    pub const ALL: [(&'static str, Scalar); 15] = [
        ("string", Scalar::String),
        ("integer", Scalar::Integer),
        ("amount_minor", Scalar::AmountMinor),
        ("decimal", Scalar::Decimal),
        ("decimal_string", Scalar::DecimalString),
        ("boolean", Scalar::Boolean),
        ("timestamp", Scalar::Timestamp),
        ("unix_time", Scalar::UnixTime),
        ("duration", Scalar::Duration),
        ("currency", Scalar::Currency),
        ("currency_lower", Scalar::CurrencyLower),
        ("date", Scalar::Date),
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
            Scalar::Decimal | Scalar::DecimalString => RustScalar::Decimal,
            Scalar::Boolean => RustScalar::Bool,
            Scalar::Json => RustScalar::Json,
            Scalar::String
            | Scalar::Timestamp
            | Scalar::Duration
            | Scalar::Currency
            | Scalar::CurrencyLower
            | Scalar::Date
            | Scalar::Url
            | Scalar::Email => RustScalar::String,
        }
    }

    /// The format a request value of this scalar must have, if any.
    pub fn format(self) -> Option<formats::Format> {
        use formats::Format;
        match self {
            Scalar::Currency => Some(Format::Currency),
            Scalar::CurrencyLower => Some(Format::CurrencyLower),
            Scalar::Date => Some(Format::Date),
            Scalar::Url => Some(Format::Url),
            Scalar::Email => Some(Format::Email),
            Scalar::Timestamp => Some(Format::Timestamp),
            Scalar::Duration => Some(Format::Duration),
            _ => None,
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
                | Scalar::CurrencyLower
                | Scalar::Date
                | Scalar::Url
                | Scalar::Email
        )
    }

    /// A number (range rules apply).
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            Scalar::Integer
                | Scalar::AmountMinor
                | Scalar::Decimal
                | Scalar::DecimalString
                | Scalar::UnixTime
        )
    }

    /// An exact decimal (`decimal` or `decimal_string`).
    pub fn is_decimal(self) -> bool {
        matches!(self, Scalar::Decimal | Scalar::DecimalString)
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
pub const CONTAINERS: [&str; 3] = ["list", "map", "expandable"];

/// The field type "a resource's id, or the resource itself when expanded".
pub const EXPANDABLE: &str = "expandable";

/// Map item type meaning "string, number or boolean".
pub const SCALAR_ITEMS: &str = "scalar";

/// Writes a closed word of the language as the spec writes it.
macro_rules! spec_words {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in the order the language reference lists them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The spec's word for it.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name,)*
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }
    };
}

/// The kind of a named type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `object`: a struct.
    Object,
    /// `enum`: an enum with `Unknown(String)`.
    Enum,
    /// `map`: a string-keyed map.
    Map,
    /// `list`: a list.
    List,
    /// `union`: one of several objects, told apart by a tag field.
    Union,
}

spec_words!(Kind { Object = "object", Enum = "enum", Map = "map", List = "list", Union = "union" });

/// HTTP methods an operation may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

spec_words!(Method { Get = "GET", Post = "POST", Put = "PUT", Patch = "PATCH", Delete = "DELETE" });

impl Method {
    /// The runtime's `rt::Method` variant.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }

    /// Whether the method carries a request body.
    pub fn has_body(self) -> bool {
        matches!(self, Method::Post | Method::Put | Method::Patch)
    }
}

/// Authentication schemes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scheme {
    /// HTTP Basic.
    Basic,
    /// A Bearer token.
    Bearer,
    /// OAuth 2.0 client credentials: a Bearer token from a token endpoint.
    #[serde(rename = "oauth2_client_credentials")]
    OAuth2ClientCredentials,
}

spec_words!(Scheme { Basic = "basic", Bearer = "bearer", OAuth2ClientCredentials = "oauth2_client_credentials" });

/// Where an OAuth 2.0 token request carries the client id and secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientAuth {
    /// HTTP Basic, the grant in a form body (RFC 6749's default).
    #[default]
    Basic,
    /// Everything in a form body.
    Form,
    /// Everything in a JSON body.
    Json,
}

spec_words!(ClientAuth { Basic = "basic", Form = "form", Json = "json" });

/// Request body encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// `application/x-www-form-urlencoded`, nested names in brackets.
    Form,
    /// `application/json`.
    Json,
    /// `application/vnd.api+json` document.
    #[serde(rename = "jsonapi")]
    JsonApi,
    /// A JSON Patch (RFC 6902) array of the documented operations, sent as
    /// `application/json`.
    JsonPatch,
}

spec_words!(Encoding {
    Form = "form",
    Json = "json",
    JsonApi = "jsonapi",
    JsonPatch = "json_patch"
});

impl Encoding {
    /// The `Content-Type` it sends.
    pub fn content_type(self) -> &'static str {
        match self {
            Encoding::Form => "application/x-www-form-urlencoded",
            Encoding::Json => "application/json",
            Encoding::JsonApi => "application/vnd.api+json",
            Encoding::JsonPatch => "application/json",
        }
    }
}

/// The JSON Patch (RFC 6902) operations a patchable path may allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PatchOp {
    /// `add`: sets a member that is absent (or appends to a list).
    Add,
    /// `replace`: sets a member that is present.
    Replace,
    /// `remove`: removes a member; sends no value.
    Remove,
}

spec_words!(PatchOp { Add = "add", Replace = "replace", Remove = "remove" });

impl PatchOp {
    /// Whether the operation sends a `value`.
    pub fn takes_value(self) -> bool {
        self != PatchOp::Remove
    }
}

/// How a form body writes list items (`request.form.lists`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// `a[0]=x&a[1]=y`.
    #[default]
    Indexed,
    /// `a[]=x&a[]=y`.
    Brackets,
}

spec_words!(ListStyle { Indexed = "indexed", Brackets = "brackets" });

/// How a form body sends the brackets of nested names
/// (`request.form.brackets`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BracketStyle {
    /// Percent-encoded: `a%5Bb%5D=x`.
    #[default]
    Encoded,
    /// As they are: `a[b]=x`.
    Literal,
}

spec_words!(BracketStyle { Encoded = "encoded", Literal = "literal" });

/// The conventions of a form body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormStyle {
    /// List items.
    #[serde(default)]
    pub lists: ListStyle,
    /// Brackets of nested names.
    #[serde(default)]
    pub brackets: BracketStyle,
}

/// The kind of a group rule: how many of its fields may be set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// `at_least_one_of`
    AtLeastOneOf,
    /// `exactly_one_of`
    ExactlyOneOf,
    /// `mutually_exclusive`: at most one.
    MutuallyExclusive,
}

spec_words!(Group {
    AtLeastOneOf = "at_least_one_of",
    ExactlyOneOf = "exactly_one_of",
    MutuallyExclusive = "mutually_exclusive",
});

/// How a rule's condition compares its field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Compare {
    /// `equals`: one value.
    Equals,
    /// `in`: one of several values.
    In,
    /// `not_in`: none of several values.
    NotIn,
}

spec_words!(Compare { Equals = "equals", In = "in", NotIn = "not_in" });

/// Leniencies of response decoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lenient {
    /// A number or boolean may arrive as a JSON string.
    Quoted,
    /// A string may arrive as a number or boolean.
    Unquoted,
    /// An object or map may arrive as `[]`.
    EmptyArray,
}

spec_words!(Lenient { Quoted = "quoted", Unquoted = "unquoted", EmptyArray = "empty_array" });

/// A kind of constraint (a key of `validation`), as used under
/// `validation.messages`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Constraint {
    /// `min_length`
    MinLength,
    /// `max_length`
    MaxLength,
    /// `minimum`
    Minimum,
    /// `maximum`
    Maximum,
    /// `pattern`
    Pattern,
    /// `allowed`
    Allowed,
    /// `min_items`
    MinItems,
    /// `max_items`
    MaxItems,
    /// `max_entries`
    MaxEntries,
    /// `max_key_length`
    MaxKeyLength,
    /// `max_value_length`
    MaxValueLength,
    /// `scalar_values`
    ScalarValues,
    /// `unique_by`
    UniqueBy,
}

spec_words!(Constraint {
    MinLength = "min_length",
    MaxLength = "max_length",
    Minimum = "minimum",
    Maximum = "maximum",
    Pattern = "pattern",
    Allowed = "allowed",
    MinItems = "min_items",
    MaxItems = "max_items",
    MaxEntries = "max_entries",
    MaxKeyLength = "max_key_length",
    MaxValueLength = "max_value_length",
    ScalarValues = "scalar_values",
    UniqueBy = "unique_by",
});

mod causes;
mod decimal;
pub mod rules;
pub use causes::{is_json_pointer, CauseKind, Fault};

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
    let snake = snake_case(wire);
    if is_keyword(&snake) {
        return Some(format!("{snake}_"));
    }
    is_ident(&snake).then_some(snake)
}

/// `wire` in snake_case. Most wire names already are (`billing_address`),
/// and those are returned as they are without heck's word splitting,
/// which gives the same (a property test holds the two together).
fn snake_case(wire: &str) -> String {
    let b = wire.as_bytes();
    let plain = b.first().is_some_and(u8::is_ascii_lowercase)
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'_')
        && !wire.ends_with('_')
        && !wire.contains("__");
    if plain {
        wire.to_string()
    } else {
        wire.to_snake_case()
    }
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

/// A URL or path template, parsed once: literal text and `{name}`
/// placeholders, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: String,
    parts: Vec<Part>,
}

/// A piece of a [`Template`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text sent as written.
    Literal(String),
    /// A `{name}` placeholder.
    Param(String),
}

impl Template {
    /// Parses a template; `None` when a `{` is not closed by a `}` before
    /// the next `{`, or a `}` stands alone.
    pub fn parse(text: &str) -> Option<Template> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(['{', '}']) {
            if rest[start..].starts_with('}') {
                return None;
            }
            let after = &rest[start + 1..];
            let end = after.find(['{', '}'])?;
            if !after[end..].starts_with('}') {
                return None;
            }
            if start > 0 {
                parts.push(Part::Literal(rest[..start].to_string()));
            }
            parts.push(Part::Param(after[..end].to_string()));
            rest = &after[end + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_string()));
        }
        Some(Template {
            text: text.to_string(),
            parts,
        })
    }

    /// A template of one literal, with no placeholders.
    pub fn literal(text: &str) -> Template {
        Template {
            text: text.to_string(),
            parts: vec![Part::Literal(text.to_string())],
        }
    }

    /// The template as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Its pieces, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The placeholder values of a JSON Pointer when it fits this template
    /// (each unescaped from its JSON Pointer form); `None` when it does not
    /// fit.
    pub fn match_pointer(&self, pointer: &str) -> Option<Vec<(String, String)>> {
        self.match_with(pointer, |token| {
            Some(token.replace("~1", "/").replace("~0", "~"))
        })
    }

    /// The placeholder values of `text` when it fits this template, each
    /// read through `decode` (a URL path's percent escapes, a JSON
    /// Pointer's `~` escapes); `None` when it does not fit or a value does
    /// not decode. A value ends where the next literal begins (or at the
    /// end), and never spans a `/`; `decode` says whether it may be empty
    /// (a JSON Pointer's member name may, a URL path's segment may not).
    pub fn match_with(
        &self,
        text: &str,
        decode: impl Fn(&str) -> Option<String>,
    ) -> Option<Vec<(String, String)>> {
        let mut rest = text;
        let mut args = Vec::new();
        let parts = self.parts();
        for (i, part) in parts.iter().enumerate() {
            match part {
                Part::Literal(text) => rest = rest.strip_prefix(text.as_str())?,
                Part::Param(name) => {
                    let end = match parts.get(i + 1) {
                        Some(Part::Literal(next)) => rest.find(next.as_str())?,
                        _ => rest.len(),
                    };
                    let token = &rest[..end];
                    if token.contains('/') {
                        return None;
                    }
                    args.push((name.clone(), decode(token)?));
                    rest = &rest[end..];
                }
            }
        }
        rest.is_empty().then_some(args)
    }

    /// The placeholder names, in order (a name used twice appears twice).
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.parts.iter().filter_map(|p| match p {
            Part::Param(name) => Some(name.as_str()),
            Part::Literal(_) => None,
        })
    }

    /// A `format!` string: literals with `{` and `}` escaped, each
    /// placeholder `{}`.
    pub fn format_string(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Literal(t) => t.replace('{', "{{").replace('}', "}}"),
                Part::Param(_) => "{}".to_string(),
            })
            .collect()
    }
}

impl std::fmt::Display for Template {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]
        #[test]
        fn plain_snake_names_are_what_heck_gives(wire in "[a-z0-9_]{0,12}|[a-z][a-z0-9_]{0,12}|[a-zA-Z0-9_ -]{0,8}") {
            proptest::prop_assert_eq!(snake_case(&wire), wire.to_snake_case());
        }
    }

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
    fn templates_parse_into_literals_and_params() {
        let t = Template::parse("https://{region}.api.test/v1/{id}").expect("balanced");
        assert_eq!(t.params().collect::<Vec<_>>(), ["region", "id"]);
        assert_eq!(t.format_string(), "https://{}.api.test/v1/{}");
        assert_eq!(t.as_str(), "https://{region}.api.test/v1/{id}");
        let plain = Template::parse("/orders").expect("no braces");
        assert_eq!(plain.parts(), [Part::Literal("/orders".into())]);
        for bad in ["/a/{id", "/a/id}", "/{a{b}}", "}{", "{"] {
            assert_eq!(Template::parse(bad), None, "{bad}");
        }
        assert_eq!(Template::parse("{a}{b}").map(|t| t.parts().len()), Some(2));
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
