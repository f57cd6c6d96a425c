//! Lenient decoders for response fields the spec marks `lenient`.
//!
//! Each accepts the documented form and the forms real servers send instead
//! (a quoted number, an unquoted string, `[]` for `{}`), and fails only when
//! the value is truly unusable. Generated response decoders use them
//! through the seeds of `seed`; types that requests and responses share
//! name them in `#[serde(deserialize_with = "…")]`.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

#[derive(Clone, Copy)]
struct QuotedI64;

impl<'de> Visitor<'de> for QuotedI64 {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number, or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::custom(format!("{v} does not fit in i64")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // A whole number written as `12.0`.
        if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[derive(Clone, Copy)]
struct QuotedBool;

impl<'de> Visitor<'de> for QuotedBool {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, or \"true\" / \"false\"")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim() {
            "true" | "1" => Ok(true),
            "false" | "0" => Ok(false),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(de::Unexpected::Signed(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        self.visit_i64(i64::try_from(v).unwrap_or(i64::MAX))
    }
}

/// A decimal from its exact text: an optional sign, digits with an optional
/// fraction, an optional exponent (`12345678901234567.89`, `90.00`,
/// `-1.5e3`). Every digit and the scale are kept; text that does not fit a
/// `Decimal` (more than 28 decimals, a mantissa beyond 96 bits) is `None`,
/// never rounded.
pub fn exact_decimal(text: &str) -> Option<Decimal> {
    // One pass over the bytes: sign, whole digits, `.` and fraction
    // digits, then an exponent of at most four digits.
    let mut bytes = text.as_bytes();
    if let [b'+', rest @ ..] = bytes {
        bytes = rest;
    }
    let negative = matches!(bytes, [b'-', ..]);
    if negative {
        bytes = &bytes[1..];
    }
    let mut digits = Digits::default();
    let mut i = 0;
    while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
        digits.push(b)?;
        i += 1;
    }
    let whole = i;
    let mut fraction = 0usize;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while let Some(&b) = bytes.get(i).filter(|b| b.is_ascii_digit()) {
            digits.push(b)?;
            fraction += 1;
            i += 1;
        }
    }
    if whole == 0 && fraction == 0 {
        return None;
    }
    let exponent = match &bytes[i..] {
        [] => 0,
        [b'e' | b'E', e @ ..] => {
            let (sign, exp) = match e {
                [b'-', rest @ ..] => (-1, rest),
                [b'+', rest @ ..] => (1, rest),
                _ => (1, e),
            };
            if exp.is_empty() || exp.len() > 4 || !exp.iter().all(u8::is_ascii_digit) {
                return None;
            }
            sign * exp.iter().fold(0i32, |n, b| n * 10 + i32::from(b - b'0'))
        }
        _ => return None,
    };
    let mut mantissa = digits.value();
    let mut scale = i32::try_from(fraction).ok()? - exponent;
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok()?).ok()
}

/// The digits of a decimal's mantissa: in a `u64` while they fit (the
/// common case, cheap), then in an `i128`; `None` past that.
#[derive(Default)]
struct Digits {
    small: u64,
    big: Option<i128>,
}

impl Digits {
    fn push(&mut self, b: u8) -> Option<()> {
        let d = b - b'0';
        match &mut self.big {
            None => match self
                .small
                .checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d)))
            {
                Some(n) => self.small = n,
                None => {
                    self.big = Some(
                        i128::from(self.small)
                            .checked_mul(10)?
                            .checked_add(i128::from(d))?,
                    )
                }
            },
            Some(big) => *big = big.checked_mul(10)?.checked_add(i128::from(d))?,
        }
        Some(())
    }

    fn value(&self) -> i128 {
        self.big.unwrap_or(i128::from(self.small))
    }
}

/// The name under which serde_json's deserializers hand over a value's
/// exact text: the protocol of `serde_json::value::RawValue` (feature
/// `raw_value`), one map entry whose value is the text.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// A JSON value's exact text, as `RawValue` reads it: borrowed from the
/// input when it can be (`from_slice`, `from_str`: no allocation, where a
/// `Box<RawValue>` copies), owned otherwise (`from_reader`, a
/// `serde_json::Value`).
struct RawText<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for RawText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_newtype_struct(RAW_VALUE_TOKEN, RawEntry)
    }
}

/// Reads the one entry serde_json gives a raw value as: its value is the
/// text, read like a key (borrowed when the input lends it).
struct RawEntry;

impl<'de> Visitor<'de> for RawEntry {
    type Value = RawText<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any valid JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText<'de>, A::Error> {
        if map.next_key::<IgnoredAny>()?.is_none() {
            return Err(de::Error::invalid_type(de::Unexpected::Map, &self));
        }
        let text: super::seed::Key<'de> = map.next_value()?;
        Ok(RawText(text.into_cow()))
    }
}

/// Calls `f` with the text of a JSON value as the server wrote it (`text`,
/// its raw JSON): a number's digits, a string's decoded content; `None`
/// for anything else. Numbers never pass through `f64`; a number or a
/// string without escapes is read in place.
fn with_scalar_text<R>(
    text: &str,
    f: impl FnOnce(&str) -> R,
) -> Result<Option<R>, serde_json::Error> {
    match text.as_bytes().first() {
        Some(b'"') if !text.as_bytes().contains(&b'\\') && text.len() >= 2 => {
            Ok(Some(f(&text[1..text.len() - 1])))
        }
        Some(b'"') => serde_json::from_str::<String>(text).map(|s| Some(f(&s))),
        Some(b'-' | b'0'..=b'9') => Ok(Some(f(text))),
        _ => Ok(None),
    }
}

/// `text` without surrounding whitespace; a number's text, which starts
/// and ends with a digit (or a sign, `.`), is returned as it is without
/// scanning for Unicode whitespace.
fn trimmed(text: &str) -> &str {
    let plain = |b: Option<&u8>| {
        b.is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'+' | b'.'))
    };
    if plain(text.as_bytes().first()) && plain(text.as_bytes().last()) {
        text
    } else {
        text.trim()
    }
}

fn decimal_from_raw<E: de::Error>(raw: &str) -> Result<Decimal, E> {
    with_scalar_text(raw, |t| exact_decimal(trimmed(t)))
        .map_err(E::custom)?
        .flatten()
        .ok_or_else(|| {
            E::custom(format_args!(
                "expected a decimal number, or a string holding one, that fits 28 decimals and 96 bits, got {}",
                super::redact::bounded(raw, 64)
            ))
        })
}

/// A decimal from a JSON number or a string (`"90.00"` keeps its scale),
/// read from its exact text: `12345678901234567.89` stays exactly that.
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    let raw = RawText::deserialize(d)?;
    decimal_from_raw(&raw.0)
}

/// Optional [`decimal`] (`null` is `None`).
pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    match <Option<RawText<'de>>>::deserialize(d)? {
        Some(raw) if raw.0 != "null" => decimal_from_raw(&raw.0).map(Some),
        _ => Ok(None),
    }
}

/// `patch_…` decoders: the `opt_…` decoder of the same name, with `null`
/// read as [`Patch::Clear`](super::Patch::Clear), for the clearable fields
/// of objects that travel in requests and responses alike (a missing field
/// is `Patch::Unchanged` through `#[serde(default)]`).
macro_rules! patch_decoders {
    ($($patch:ident from $opt:ident -> $ty:ty;)*) => {$(
        #[doc = concat!("[`", stringify!($opt), "`], read as a [`Patch`](super::Patch).")]
        pub fn $patch<'de, D: Deserializer<'de>>(d: D) -> Result<super::Patch<$ty>, D::Error> {
            Ok($opt(d)?.map_or(super::Patch::Clear, super::Patch::Set))
        }
    )*};
}

patch_decoders! {
    patch_decimal from opt_decimal -> Decimal;
    patch_quoted_i64 from opt_quoted_i64 -> i64;
    patch_quoted_bool from opt_quoted_bool -> bool;
    patch_unquoted_string from opt_unquoted_string -> String;
}

/// [`opt_empty_array`], read as a [`Patch`](super::Patch).
pub fn patch_empty_array<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(
    d: D,
) -> Result<super::Patch<T>, D::Error> {
    Ok(opt_empty_array(d)?.map_or(super::Patch::Clear, super::Patch::Set))
}

/// The response of an operation whose docs describe no body: any body, or
/// none (a `204`), decodes to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NoContent;

impl<'de> Deserialize<'de> for NoContent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        IgnoredAny::deserialize(d).map(|_| NoContent)
    }
}

/// Wraps a visitor so `null` becomes `None`.
struct OptionOf<V>(V);

impl<'de, V: Visitor<'de> + Copy> Visitor<'de> for OptionOf<V> {
    type Value = Option<V::Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self.0).map(Some)
    }
}

/// A whole number, or a string holding one (`lenient: [quoted]`).
pub fn quoted_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(QuotedI64)
}

/// Optional [`quoted_i64`].
pub fn opt_quoted_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    d.deserialize_option(OptionOf(QuotedI64))
}

/// A boolean, or `"true"`/`"false"` (`lenient: [quoted]`).
pub fn quoted_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    d.deserialize_any(QuotedBool)
}

/// Optional [`quoted_bool`].
pub fn opt_quoted_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    d.deserialize_option(OptionOf(QuotedBool))
}

fn unquoted_from_raw<E: de::Error>(raw: &str) -> Result<String, E> {
    match raw {
        b @ ("true" | "false") => Ok(b.to_string()),
        _ => with_scalar_text(raw, str::to_string)
            .map_err(E::custom)?
            .ok_or_else(|| {
                E::custom(format_args!(
                    "expected a string, number or boolean, got {}",
                    super::redact::bounded(raw, 64)
                ))
            }),
    }
}

/// A string, or a number or boolean kept as its exact text (`lenient:
/// [unquoted]`): `12345678901234567.89` stays those digits.
pub fn unquoted_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let raw = RawText::deserialize(d)?;
    unquoted_from_raw(&raw.0)
}

/// Optional [`unquoted_string`] (`null` is `None`).
pub fn opt_unquoted_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    match <Option<RawText<'de>>>::deserialize(d)? {
        Some(raw) if raw.0 != "null" => unquoted_from_raw(&raw.0).map(Some),
        _ => Ok(None),
    }
}

struct EmptyArrayOr<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> Visitor<'de> for EmptyArrayOr<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, or [] for an empty one")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<T, A::Error> {
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(1, &self));
        }
        Ok(T::default())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
}

/// An object or map, or `[]` meaning an empty one (`lenient: [empty_array]`).
pub fn empty_array<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(
    d: D,
) -> Result<T, D::Error> {
    d.deserialize_any(EmptyArrayOr(PhantomData))
}

struct OptEmptyArrayOr<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Default> Visitor<'de> for OptEmptyArrayOr<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object, [] for an empty one, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        empty_array(d).map(Some)
    }
}

/// Optional [`empty_array`].
pub fn opt_empty_array<'de, D: Deserializer<'de>, T: DeserializeOwned + Default>(
    d: D,
) -> Result<Option<T>, D::Error> {
    d.deserialize_option(OptEmptyArrayOr(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;
    use indexmap::IndexMap;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Probe {
        #[serde(default, deserialize_with = "opt_quoted_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "opt_quoted_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "opt_unquoted_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "opt_empty_array")]
        m: Option<IndexMap<String, String>>,
        #[serde(default, deserialize_with = "opt_decimal")]
        d: Option<Decimal>,
    }

    fn probe(json: &str) -> Result<Probe, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_documented_and_real_forms() {
        let p = probe(r#"{"n": "5700", "b": "true", "s": 42, "m": [], "d": "90.00"}"#)
            .expect("lenient forms decode");
        assert_eq!(p.d.map(|d| d.to_string()), Some("90.00".to_string()));
        let p2 = probe(r#"{"d": 0.22}"#).expect("number decodes");
        assert_eq!(p2.d.map(|d| d.to_string()), Some("0.22".to_string()));
        assert!(probe(r#"{"d": "abc"}"#).is_err());
        assert_eq!(p.n, Some(5700));
        assert_eq!(p.b, Some(true));
        assert_eq!(p.s.as_deref(), Some("42"));
        assert_eq!(p.m.map(|m| m.len()), Some(0));
        let p = probe(r#"{"n": 12, "b": false, "s": "x", "m": {"a": "b"}}"#)
            .expect("documented forms decode");
        assert_eq!(p.n, Some(12));
        assert_eq!(p.b, Some(false));
        assert_eq!(p.m.map(|m| m.len()), Some(1));
        let p = probe(r#"{"n": null, "b": null, "s": null, "m": null}"#).expect("nulls decode");
        assert!(p.n.is_none() && p.b.is_none() && p.s.is_none() && p.m.is_none());
        let p = probe("{}").expect("missing decodes");
        assert!(p.n.is_none());
    }

    #[test]
    fn decimals_keep_every_digit_and_their_scale() {
        for (json, shown) in [
            ("12345678901234567.89", "12345678901234567.89"),
            ("1234567.123456789012345", "1234567.123456789012345"),
            ("90.00", "90.00"),
            ("\"90.00\"", "90.00"),
            ("-0.000001", "-0.000001"),
            ("2.5e3", "2500"),
            ("1E-2", "0.01"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
        ] {
            let p = probe(&format!(r#"{{"d": {json}}}"#)).expect(json);
            assert_eq!(p.d.map(|d| d.to_string()).as_deref(), Some(shown), "{json}");
        }
        // Beyond what a Decimal holds: an error, never a rounded value.
        for json in [
            "79228162514264337593543950336",
            "1e-29",
            "0.12345678901234567890123456789",
            "1e400",
            "\"1.2.3\"",
            "true",
            "[]",
        ] {
            assert!(probe(&format!(r#"{{"d": {json}}}"#)).is_err(), "{json}");
        }
        let p = probe(r#"{"s": 12345678901234567.89}"#).expect("unquoted number");
        assert_eq!(p.s.as_deref(), Some("12345678901234567.89"));
        let p = probe(r#"{"s": true, "d": null}"#).expect("bool and null");
        assert_eq!(p.s.as_deref(), Some("true"));
        assert!(p.d.is_none());
        assert!(probe(r#"{"s": {"a": 1}}"#).is_err());
    }

    /// The exact text arrives borrowed from a slice or a string and copied
    /// from a reader or a `serde_json::Value`: every route gives the same
    /// digits, scale and errors (a `Value` holds its numbers as `f64`
    /// already, so it is checked with strings).
    #[test]
    fn every_serde_json_input_reads_the_exact_text() {
        let json = r#"{"d": 12345678901234567.89, "s": 90.10, "n": "7"}"#;
        let routes: [(&str, Probe); 3] = [
            ("str", probe(json).expect("from_str")),
            (
                "slice",
                serde_json::from_slice(json.as_bytes()).expect("from_slice"),
            ),
            (
                "reader",
                serde_json::from_reader(json.as_bytes()).expect("from_reader"),
            ),
        ];
        for (route, p) in routes {
            assert_eq!(
                p.d.map(|d| d.to_string()).as_deref(),
                Some("12345678901234567.89"),
                "{route}"
            );
            assert_eq!(p.s.as_deref(), Some("90.10"), "{route}");
            assert_eq!(p.n, Some(7), "{route}");
        }
        let value = serde_json::json!({"d": "12345678901234567.89", "s": "90.10"});
        let p: Probe = serde_json::from_value(value).expect("from_value");
        assert_eq!(
            p.d.map(|d| d.to_string()).as_deref(),
            Some("12345678901234567.89")
        );
        assert_eq!(p.s.as_deref(), Some("90.10"));
        let bad = r#"{"d": "1.2.3"}"#;
        assert!(serde_json::from_reader::<_, Probe>(bad.as_bytes()).is_err());
        assert!(serde_json::from_slice::<Probe>(bad.as_bytes()).is_err());
    }

    #[test]
    fn rejects_unusable_values() {
        assert!(probe(r#"{"n": "12a"}"#).is_err());
        assert!(probe(r#"{"n": 1.5}"#).is_err());
        assert!(probe(r#"{"b": "yes"}"#).is_err());
        assert!(probe(r#"{"m": [1]}"#).is_err());
        assert!(probe(r#"{"n": 18446744073709551615}"#).is_err());
    }
}
