//! Lenient decoders for response fields the spec marks `lenient`.
//!
//! Each accepts the documented form and the forms real servers send instead
//! (a quoted number, an unquoted string, `[]` for `{}`), and fails only when
//! the value is truly unusable. Generated structs name them in
//! `#[serde(deserialize_with = "…")]`.

use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, SeqAccess, Visitor};

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

#[derive(Clone, Copy)]
struct Unquoted;

impl<'de> Visitor<'de> for Unquoted {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

#[derive(Clone, Copy)]
struct AnyDecimal;

impl<'de> Visitor<'de> for AnyDecimal {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number, or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // The shortest text that reads back as `v` (`0.22`, not 0.2200000000000000011…).
        Decimal::from_str_exact(&v.to_string())
            .or_else(|_| Decimal::from_scientific(&format!("{v:e}")))
            .map_err(|_| E::invalid_value(de::Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        let t = v.trim();
        Decimal::from_str_exact(t)
            .or_else(|_| Decimal::from_scientific(t))
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// A decimal from a JSON number or a string (`"90.00"` keeps its scale).
/// Decimals always decode both forms, whatever features `rust_decimal` has.
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(AnyDecimal)
}

/// Optional [`decimal`].
pub fn opt_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_option(OptionOf(AnyDecimal))
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

/// A string, or a number or boolean kept as its text (`lenient: [unquoted]`).
pub fn unquoted_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(Unquoted)
}

/// Optional [`unquoted_string`].
pub fn opt_unquoted_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_option(OptionOf(Unquoted))
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
    fn rejects_unusable_values() {
        assert!(probe(r#"{"n": "12a"}"#).is_err());
        assert!(probe(r#"{"n": 1.5}"#).is_err());
        assert!(probe(r#"{"b": "yes"}"#).is_err());
        assert!(probe(r#"{"m": [1]}"#).is_err());
        assert!(probe(r#"{"n": 18446744073709551615}"#).is_err());
    }
}
