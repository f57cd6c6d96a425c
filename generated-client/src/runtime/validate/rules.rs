//! The documented rules of a value, as data the generated validators name
//! field by field (`max_length: Some(64)`, the docs' message under the
//! rule's own name), and the checks that apply them. A field is checked
//! with one call, whether it is required, optional or a patch: an absent
//! value has nothing to check, and a path is only built for a violation.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use super::{describe, Format, Path, Rule, Violations};
use crate::runtime::{Patch, Secret};

/// The docs' own message for each rule, where they give one; a rule
/// without one gets a description of what it wants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Messages {
    /// For `min_length`.
    pub min_length: Option<&'static str>,
    /// For `max_length`.
    pub max_length: Option<&'static str>,
    /// For `pattern`.
    pub pattern: Option<&'static str>,
    /// For `allowed`.
    pub allowed: Option<&'static str>,
    /// For `minimum`.
    pub minimum: Option<&'static str>,
    /// For `maximum`.
    pub maximum: Option<&'static str>,
    /// For `min_items`.
    pub min_items: Option<&'static str>,
    /// For `max_items`.
    pub max_items: Option<&'static str>,
    /// For `max_entries`.
    pub max_entries: Option<&'static str>,
    /// For `max_key_length`.
    pub max_key_length: Option<&'static str>,
    /// For `max_value_length`.
    pub max_value_length: Option<&'static str>,
    /// For `scalar_values`.
    pub scalar_values: Option<&'static str>,
    /// For `unique_by`.
    pub unique_by: Option<&'static str>,
}

impl Messages {
    /// No message from the docs.
    pub const NONE: Messages = Messages {
        min_length: None,
        max_length: None,
        pattern: None,
        allowed: None,
        minimum: None,
        maximum: None,
        min_items: None,
        max_items: None,
        max_entries: None,
        max_key_length: None,
        max_value_length: None,
        scalar_values: None,
        unique_by: None,
    };
}

/// A documented pattern, compiled on first use and kept for the life of
/// the program. A pattern the runtime's regex engine cannot compile (one
/// the spec checker accepted, e.g. with a Unicode class) checks nothing:
/// the server's own validation applies.
#[derive(Debug)]
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<regex_lite::Regex>>,
}

impl Pattern {
    /// The pattern `source`, which must match the whole value.
    pub const fn new(source: &'static str) -> Pattern {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    /// Whether the whole of `value` matches (`true` when the pattern does
    /// not compile).
    pub fn accepts(&self, value: &str) -> bool {
        self.compiled
            .get_or_init(|| regex_lite::Regex::new(&format!("^(?:{})$", self.source)).ok())
            .as_ref()
            .is_none_or(|re| re.is_match(value))
    }
}

/// The rules of a text value.
#[derive(Debug, Clone, Copy)]
pub struct TextRules<'a> {
    /// Fewest characters (not bytes).
    pub min_length: Option<usize>,
    /// Most characters.
    pub max_length: Option<usize>,
    /// A pattern the whole value matches.
    pub pattern: Option<&'a Pattern>,
    /// The format of the value's type (currency code, URL, …).
    pub format: Option<Format>,
    /// The values allowed, when the docs list them.
    pub allowed: &'a [&'a str],
    /// The docs' messages.
    pub messages: Messages,
}

impl TextRules<'_> {
    /// No rule.
    pub const NONE: TextRules<'static> = TextRules {
        min_length: None,
        max_length: None,
        pattern: None,
        format: None,
        allowed: &[],
        messages: Messages::NONE,
    };
}

/// The rules of a number (or a boolean's allowed values).
#[derive(Debug, Clone, Copy)]
pub struct ValueRules<'a, T> {
    /// The least value allowed.
    pub minimum: Option<T>,
    /// The greatest value allowed.
    pub maximum: Option<T>,
    /// The values allowed, when the docs list them.
    pub allowed: &'a [T],
    /// The docs' messages.
    pub messages: Messages,
}

impl<T: 'static> ValueRules<'_, T> {
    /// No rule.
    pub const NONE: ValueRules<'static, T> = ValueRules {
        minimum: None,
        maximum: None,
        allowed: &[],
        messages: Messages::NONE,
    };
}

/// The rules of an integer.
pub type IntRules<'a> = ValueRules<'a, i64>;

/// The rules of a decimal.
pub type DecimalRules<'a> = ValueRules<'a, rust_decimal::Decimal>;

/// The allowed values of a boolean.
pub type BoolRules<'a> = ValueRules<'a, bool>;

/// The rules of a list's length.
#[derive(Debug, Clone, Copy)]
pub struct ItemRules {
    /// Fewest items.
    pub min_items: Option<usize>,
    /// Most items.
    pub max_items: Option<usize>,
    /// The docs' messages.
    pub messages: Messages,
}

impl ItemRules {
    /// No rule.
    pub const NONE: ItemRules = ItemRules {
        min_items: None,
        max_items: None,
        messages: Messages::NONE,
    };
}

/// A text value as a field holds it: itself, an option or a patch (only
/// a set value is checked), plain or secret.
pub trait TextSlot {
    /// The text to check, if there is one, and whether a message may
    /// repeat it (never for a secret).
    fn text(&self) -> Option<(&str, bool)>;
}

impl TextSlot for str {
    fn text(&self) -> Option<(&str, bool)> {
        Some((self, true))
    }
}

impl TextSlot for String {
    fn text(&self) -> Option<(&str, bool)> {
        Some((self, true))
    }
}

impl TextSlot for Secret {
    fn text(&self) -> Option<(&str, bool)> {
        Some((self.expose(), false))
    }
}

impl<T: TextSlot> TextSlot for Option<T> {
    fn text(&self) -> Option<(&str, bool)> {
        self.as_ref()?.text()
    }
}

impl<T: TextSlot> TextSlot for Patch<T> {
    fn text(&self) -> Option<(&str, bool)> {
        self.as_set()?.text()
    }
}

/// A number or boolean as a field holds it: itself, an option or a patch.
pub trait ValueSlot<T> {
    /// The value to check, if there is one.
    fn value(&self) -> Option<T>;
}

impl<T: Copy> ValueSlot<T> for T {
    fn value(&self) -> Option<T> {
        Some(*self)
    }
}

impl<T: Copy> ValueSlot<T> for Option<T> {
    fn value(&self) -> Option<T> {
        *self
    }
}

impl<T: Copy> ValueSlot<T> for Patch<T> {
    fn value(&self) -> Option<T> {
        self.as_set().copied()
    }
}

impl Violations {
    pub(super) fn broke(
        &mut self,
        path: &Path<'_>,
        rule: Rule,
        docs: Option<&'static str>,
        fallback: impl FnOnce() -> String,
    ) {
        let message = match docs {
            Some(m) => Cow::Borrowed(m),
            None => Cow::Owned(fallback()),
        };
        self.push(path, rule, message);
    }

    /// Checks the text field `name` of the object at `path`, if it is set.
    pub fn text(
        &mut self,
        path: &Path<'_>,
        name: &str,
        value: &(impl TextSlot + ?Sized),
        rules: &TextRules<'_>,
    ) {
        if let Some((text, shown)) = value.text() {
            self.text_at(&path.field(name), text, shown, rules);
        }
    }

    /// Checks the text `value` at `path`; `shown`: a message may repeat it.
    pub fn text_at(&mut self, path: &Path<'_>, value: &str, shown: bool, rules: &TextRules<'_>) {
        let m = &rules.messages;
        if rules.min_length.is_some() || rules.max_length.is_some() {
            let n = value.chars().count();
            if let Some(min) = rules.min_length.filter(|min| n < *min) {
                self.broke(path, Rule::MinLength, m.min_length, || {
                    format!("must be at least {min} characters, has {n}")
                });
            }
            if let Some(max) = rules.max_length.filter(|max| n > *max) {
                self.broke(path, Rule::MaxLength, m.max_length, || {
                    format!("must be at most {max} characters, has {n}")
                });
            }
        }
        if let Some(pattern) = rules.pattern.filter(|p| !p.accepts(value)) {
            self.broke(path, Rule::Pattern, m.pattern, || {
                format!("must match the pattern {}", pattern.source)
            });
        }
        if let Some(format) = rules.format.filter(|f| !f.accepts(value)) {
            self.broke(path, Rule::Format, None, || {
                format!("must be {}", describe(format))
            });
        }
        if !rules.allowed.is_empty() && !rules.allowed.contains(&value) {
            let allowed = rules.allowed;
            self.broke(path, Rule::Allowed, m.allowed, || {
                if shown {
                    format!("must be one of {allowed:?}, is {value:?}")
                } else {
                    // A sensitive value is never repeated.
                    format!("must be one of {allowed:?}")
                }
            });
        }
    }

    /// Checks the number (or boolean) field `name` of the object at
    /// `path`, if it is set.
    pub fn value<T: Copy + PartialOrd + fmt::Display + fmt::Debug>(
        &mut self,
        path: &Path<'_>,
        name: &str,
        value: &impl ValueSlot<T>,
        rules: &ValueRules<'_, T>,
    ) {
        if let Some(v) = value.value() {
            self.value_at(&path.field(name), v, rules);
        }
    }

    /// Checks the number (or boolean) `value` at `path`.
    pub fn value_at<T: Copy + PartialOrd + fmt::Display + fmt::Debug>(
        &mut self,
        path: &Path<'_>,
        value: T,
        rules: &ValueRules<'_, T>,
    ) {
        let m = &rules.messages;
        if let Some(min) = rules.minimum.filter(|min| value < *min) {
            self.broke(path, Rule::Minimum, m.minimum, || {
                format!("must be at least {min}, is {value}")
            });
        }
        if let Some(max) = rules.maximum.filter(|max| value > *max) {
            self.broke(path, Rule::Maximum, m.maximum, || {
                format!("must be at most {max}, is {value}")
            });
        }
        if !rules.allowed.is_empty() && !rules.allowed.contains(&value) {
            let allowed = rules.allowed;
            self.broke(path, Rule::Allowed, m.allowed, || {
                format!("must be one of {allowed:?}, is {value:?}")
            });
        }
    }

    /// Checks that no two items of the list at `path` share their member
    /// `member` (which `key` reads; an item without it shares nothing):
    /// each repeat is reported at its member. Compares the pairs in place,
    /// allocating nothing.
    pub fn unique_by<T, K: PartialEq + ?Sized>(
        &mut self,
        path: &Path<'_>,
        items: &[T],
        member: &'static str,
        key: impl Fn(&T) -> Option<&K>,
        message: Option<&'static str>,
    ) {
        for (i, item) in items.iter().enumerate() {
            let Some(k) = key(item) else { continue };
            let Some(first) = items[..i].iter().position(|e| key(e) == Some(k)) else {
                continue;
            };
            let at = path.index(i);
            self.broke(&at.field(member), Rule::UniqueBy, message, || {
                format!("repeats the `{member}` of item {first}; each item's must differ")
            });
        }
    }

    /// Checks the length of a list of `len` items at `path`.
    pub fn items(&mut self, path: &Path<'_>, len: usize, rules: &ItemRules) {
        let m = &rules.messages;
        if let Some(min) = rules.min_items.filter(|min| len < *min) {
            self.broke(path, Rule::MinItems, m.min_items, || {
                format!("must have at least {min} items, has {len}")
            });
        }
        if let Some(max) = rules.max_items.filter(|max| len > *max) {
            self.broke(path, Rule::MaxItems, m.max_items, || {
                format!("must have at most {max} items, has {len}")
            });
        }
    }
}
