//! Request fields of type `decimal` go on the wire as JSON numbers, digit
//! for digit (`10.50`, never through floating point): the generated code
//! names [`numbers`] in `#[serde(serialize_with = …)]` for them, whatever
//! holds the decimals (an option, a patch, a list, a map). In a form body
//! the number is its text, as every value there. (`decimal_string`
//! fields, and `rt::Decimal` values serialized anywhere else, are strings.)

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{IndexMap, Patch};

/// A value whose decimals serialize as JSON numbers.
pub trait AsNumbers {
    /// Serializes `self`, each decimal in it as a number.
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

/// `serialize_with` for fields that hold decimals: each as a JSON number.
pub fn numbers<T: AsNumbers, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    value.serialize_numbers(s)
}

/// A value serialized with its decimals as JSON numbers, where no
/// `serialize_with` can be named (a JSON Patch `value`).
pub struct Numbers<'a, T>(pub &'a T);

impl<T: AsNumbers> Serialize for Numbers<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_numbers(s)
    }
}

impl AsNumbers for Decimal {
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // A decimal's text is a valid JSON number (`-0.5`, `12`, `10.50`).
        let raw = RawValue::from_string(self.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

impl<T: AsNumbers> AsNumbers for Option<T> {
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => s.serialize_some(&Numbers(v)),
            None => s.serialize_none(),
        }
    }
}

impl<T: AsNumbers> AsNumbers for Patch<T> {
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(v) => v.serialize_numbers(s),
            Patch::Clear | Patch::Unchanged => s.serialize_none(),
        }
    }
}

impl<T: AsNumbers> AsNumbers for Vec<T> {
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for item in self {
            seq.serialize_element(&Numbers(item))?;
        }
        seq.end()
    }
}

impl<T: AsNumbers> AsNumbers for IndexMap<String, T> {
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, &Numbers(v))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{form_body, FormStyle, IndexMap, Patch};
    use rust_decimal::Decimal;

    #[derive(serde::Serialize)]
    struct Amounts {
        #[serde(serialize_with = "super::numbers")]
        amount: Decimal,
        #[serde(
            serialize_with = "super::numbers",
            skip_serializing_if = "Option::is_none"
        )]
        tip: Option<Decimal>,
        #[serde(
            serialize_with = "super::numbers",
            skip_serializing_if = "Patch::is_unchanged"
        )]
        fee: Patch<Decimal>,
        #[serde(serialize_with = "super::numbers")]
        splits: Vec<Decimal>,
        #[serde(serialize_with = "super::numbers")]
        rates: IndexMap<String, Decimal>,
        text: Decimal,
    }

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn decimals_are_exact_json_numbers_wherever_they_are_held() {
        let mut rates = IndexMap::new();
        rates.insert("vat".to_string(), d("0.22"));
        let a = Amounts {
            amount: d("12345678901234567.89"),
            tip: Some(d("-0.50")),
            fee: Patch::Clear,
            splits: vec![d("1"), d("2.000")],
            rates,
            text: d("1.10"),
        };
        assert_eq!(
            serde_json::to_string(&a).expect("encodes"),
            r#"{"amount":12345678901234567.89,"tip":-0.50,"fee":null,"splits":[1,2.000],"rates":{"vat":0.22},"text":"1.10"}"#
        );
        // In a form, a number is its text.
        let body = form_body(&a, FormStyle::default()).expect("form");
        assert_eq!(
            String::from_utf8(body.bytes).expect("ASCII"),
            "amount=12345678901234567.89&tip=-0.50&fee=&splits%5B0%5D=1&splits%5B1%5D=2.000&rates%5Bvat%5D=0.22&text=1.10"
        );
    }
}
