//! Request validation: every violation at once, each with a JSON-Pointer
//! path, the rule, and the docs' own message where the docs give one.
//!
//! Generated `validate()` methods call the checks here. A valid request
//! allocates nothing: paths are linked lists on the stack and become strings
//! only when a violation is recorded.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

/// The rule a violation broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// Fewer characters than `min_length`.
    MinLength,
    /// More characters than `max_length`.
    MaxLength,
    /// Below `minimum`.
    Minimum,
    /// Above `maximum`.
    Maximum,
    /// Does not match `pattern`.
    Pattern,
    /// Not one of the `allowed` values.
    Allowed,
    /// Fewer items than `min_items`.
    MinItems,
    /// More items than `max_items`.
    MaxItems,
    /// Two items of a list that share their `unique_by` member.
    UniqueBy,
    /// More map entries than `max_entries`.
    MaxEntries,
    /// A map key longer than `max_key_length`.
    MaxKeyLength,
    /// A map value longer than `max_value_length`.
    MaxValueLength,
    /// A map value that is a list or an object.
    ScalarValues,
    /// Not in the format of its type (currency code, URL, e-mail, …).
    Format,
    /// A cross-field rule: a field another field's value makes required.
    Required,
    /// A cross-field rule: a field another field's value forbids.
    Forbidden,
    /// None of a group of fields of which at least one must be set.
    AtLeastOneOf,
    /// Not exactly one of a group of fields of which exactly one must be set.
    ExactlyOneOf,
    /// More than one of a group of fields that exclude each other.
    MutuallyExclusive,
}

impl Rule {
    /// The rule's name in the spec language.
    pub fn name(self) -> &'static str {
        match self {
            Rule::MinLength => "min_length",
            Rule::MaxLength => "max_length",
            Rule::Minimum => "minimum",
            Rule::Maximum => "maximum",
            Rule::Pattern => "pattern",
            Rule::Allowed => "allowed",
            Rule::MinItems => "min_items",
            Rule::MaxItems => "max_items",
            Rule::UniqueBy => "unique_by",
            Rule::MaxEntries => "max_entries",
            Rule::MaxKeyLength => "max_key_length",
            Rule::MaxValueLength => "max_value_length",
            Rule::ScalarValues => "scalar_values",
            Rule::Format => "format",
            Rule::Required => "required",
            Rule::Forbidden => "forbid",
            Rule::AtLeastOneOf => "at_least_one_of",
            Rule::ExactlyOneOf => "exactly_one_of",
            Rule::MutuallyExclusive => "mutually_exclusive",
        }
    }
}

/// One broken constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON-Pointer path of the offending value, e.g. `/notes/key1`.
    pub path: String,
    /// The rule it broke.
    pub rule: Rule,
    /// The docs' message where they give one, else a description.
    pub message: Cow<'static, str>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.path, self.message, self.rule.name())
    }
}

/// Every violation of a request, in field order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(pub Vec<Violation>);

impl fmt::Display for ValidationErrors {
    /// Every violation, bounded to a few KB (saying how much was cut): a
    /// map of ten thousand bad entries makes no ten-thousand-line message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut text = format!("{} validation error", self.0.len());
        if self.0.len() != 1 {
            text.push('s');
        }
        for v in &self.0 {
            write!(text, "; {v}")?;
            if text.len() > 2 * super::redact::MAX_SHOWN_CHARS {
                break;
            }
        }
        f.write_str(&super::redact::bounded(
            &text,
            super::redact::MAX_SHOWN_CHARS,
        ))
    }
}

impl std::error::Error for ValidationErrors {}

/// A JSON-Pointer path built on the stack: `Path::root().field("notes").key(k)`.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
}

#[derive(Clone, Copy)]
enum Segment<'a> {
    Root,
    Name(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The document root (`""`).
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Segment::Root,
        }
    }

    /// A member of this object or map.
    pub fn field(&'a self, name: &'a str) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Name(name),
        }
    }

    /// An item of this list.
    pub fn index(&'a self, i: usize) -> Path<'a> {
        Path {
            parent: Some(self),
            segment: Segment::Index(i),
        }
    }

    /// The JSON Pointer (RFC 6901): `/notes/a~1b` for key `a/b`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        self.render_into(&mut out);
        out
    }

    fn render_into(&self, out: &mut String) {
        if let Some(p) = self.parent {
            p.render_into(out);
        }
        match self.segment {
            Segment::Root => {}
            Segment::Name(n) => {
                out.push('/');
                for c in n.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            Segment::Index(i) => {
                out.push('/');
                out.push_str(&i.to_string());
            }
        }
    }
}

/// Collects violations. `Vec::new` does not allocate, so a valid request
/// costs no allocation.
#[derive(Debug, Default)]
pub struct Violations(Vec<Violation>);

impl Violations {
    /// An empty collection.
    pub const fn new() -> Self {
        Violations(Vec::new())
    }

    /// Records a violation.
    pub fn push(&mut self, path: &Path<'_>, rule: Rule, message: Cow<'static, str>) {
        self.0.push(Violation {
            path: path.render(),
            rule,
            message,
        });
    }

    /// `Ok` when nothing was recorded.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(ValidationErrors(self.0))
        }
    }

    /// The map rules that do not look at values (`max_entries`,
    /// `max_key_length`), for maps of objects, enums and lists.
    pub fn map_keys<'v>(
        &mut self,
        path: &Path<'_>,
        keys: impl ExactSizeIterator<Item = &'v String>,
        rules: &MapRules,
    ) {
        let len = keys.len();
        if let Some(max) = rules.max_entries.filter(|m| len > *m) {
            self.broke(path, Rule::MaxEntries, rules.messages.max_entries, || {
                format!("must have at most {max} entries, has {len}")
            });
        }
        if let Some(max) = rules.max_key_length {
            for key in keys {
                if key.chars().count() > max {
                    self.broke(
                        &path.field(key),
                        Rule::MaxKeyLength,
                        rules.messages.max_key_length,
                        || format!("key must be at most {max} characters"),
                    );
                }
            }
        }
    }

    /// Map rules: entry count, key and value lengths, scalar values.
    pub fn map<'v, V: MapValue + 'v>(
        &mut self,
        path: &Path<'_>,
        map: impl ExactSizeIterator<Item = (&'v String, &'v V)>,
        rules: &MapRules,
    ) {
        let len = map.len();
        if let Some(max) = rules.max_entries.filter(|m| len > *m) {
            self.broke(path, Rule::MaxEntries, rules.messages.max_entries, || {
                format!("must have at most {max} entries, has {len}")
            });
        }
        for (key, value) in map {
            let at = path.field(key);
            if let Some(max) = rules.max_key_length.filter(|m| key.chars().count() > *m) {
                self.broke(
                    &at,
                    Rule::MaxKeyLength,
                    rules.messages.max_key_length,
                    || format!("key must be at most {max} characters"),
                );
            }
            if let Some(max) = rules.max_value_length {
                if value.text_len() > max {
                    self.broke(
                        &at,
                        Rule::MaxValueLength,
                        rules.messages.max_value_length,
                        || format!("value must be at most {max} characters"),
                    );
                }
            }
            if rules.scalar_values && !value.is_scalar() {
                self.broke(
                    &at,
                    Rule::ScalarValues,
                    rules.messages.scalar_values,
                    || "value must be a string, number or boolean".to_string(),
                );
            }
        }
    }

    /// A field another field's value makes required.
    pub fn required_by(&mut self, path: &Path<'_>, is_set: bool, docs: &'static str) {
        if !is_set {
            self.push(path, Rule::Required, Cow::Borrowed(docs));
        }
    }

    /// A field another field's value forbids.
    pub fn forbidden_by(&mut self, path: &Path<'_>, is_set: bool, docs: &'static str) {
        if is_set {
            self.push(path, Rule::Forbidden, Cow::Borrowed(docs));
        }
    }

    /// A group rule over fields of the object at `path`, of which `set`
    /// are set: reported at the object.
    pub fn group(&mut self, path: &Path<'_>, rule: Rule, set: usize, docs: &'static str) {
        let broken = match rule {
            Rule::AtLeastOneOf => set == 0,
            Rule::ExactlyOneOf => set != 1,
            Rule::MutuallyExclusive => set > 1,
            _ => false,
        };
        if broken {
            self.push(path, rule, Cow::Borrowed(docs));
        }
    }
}

/// The limits of a map, with the docs' messages.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapRules {
    /// Most entries.
    pub max_entries: Option<usize>,
    /// Longest key, in characters.
    pub max_key_length: Option<usize>,
    /// Longest value as text, in characters.
    pub max_value_length: Option<usize>,
    /// Values must be scalars.
    pub scalar_values: bool,
    /// The docs' messages.
    pub messages: Messages,
}

impl MapRules {
    /// No rule.
    pub const NONE: MapRules = MapRules {
        max_entries: None,
        max_key_length: None,
        max_value_length: None,
        scalar_values: false,
        messages: Messages::NONE,
    };
}

/// A map value the map rules can measure.
pub trait MapValue {
    /// Length in characters of the value as text.
    fn text_len(&self) -> usize;
    /// Whether it is a string, number or boolean.
    fn is_scalar(&self) -> bool;
}

impl MapValue for Value {
    fn text_len(&self) -> usize {
        match self {
            Value::String(s) => s.chars().count(),
            Value::Number(n) => n.to_string().len(),
            Value::Bool(b) => {
                if *b {
                    4
                } else {
                    5
                }
            }
            _ => 0,
        }
    }

    fn is_scalar(&self) -> bool {
        matches!(self, Value::String(_) | Value::Number(_) | Value::Bool(_))
    }
}

impl MapValue for i64 {
    fn text_len(&self) -> usize {
        // Digits, and the sign of a negative number.
        let mut n = self.unsigned_abs();
        let mut len = usize::from(*self < 0) + 1;
        while n >= 10 {
            n /= 10;
            len += 1;
        }
        len
    }

    fn is_scalar(&self) -> bool {
        true
    }
}

impl MapValue for bool {
    fn text_len(&self) -> usize {
        if *self {
            4
        } else {
            5
        }
    }

    fn is_scalar(&self) -> bool {
        true
    }
}

impl MapValue for crate::runtime::Decimal {
    fn text_len(&self) -> usize {
        self.to_string().len()
    }

    fn is_scalar(&self) -> bool {
        true
    }
}

impl MapValue for String {
    fn text_len(&self) -> usize {
        self.chars().count()
    }

    fn is_scalar(&self) -> bool {
        true
    }
}

pub use formats::Format;

/// How a violation message names a format.
fn describe(format: Format) -> &'static str {
    match format {
        Format::Currency => "an ISO 4217 currency code (three capital letters)",
        Format::CurrencyLower => "an ISO 4217 currency code in lowercase (three small letters)",
        Format::Date => "an ISO 8601 calendar date (YYYY-MM-DD)",
        Format::Url => "an absolute http(s) URL",
        Format::Email => "an e-mail address",
        Format::Timestamp => "an ISO-8601 date-time such as 2021-09-10T09:24:06Z",
        Format::Duration => "an ISO-8601 duration such as PT30M",
    }
}

mod rules;

pub use rules::{
    BoolRules, DecimalRules, IntRules, ItemRules, Messages, Pattern, TextRules, TextSlot,
    ValueRules, ValueSlot,
};

#[cfg(test)]
mod map_tests;
#[cfg(test)]
mod tests;
