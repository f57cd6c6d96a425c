//! How the generated code serializes the structs requests carry: one
//! [`Fields`] call a field, in declaration order. An absent optional field
//! and an unchanged patch field are skipped; a cleared one is `null`.
//!
//! Request fields of type `decimal` go on the wire as JSON numbers, digit
//! for digit (`10.50`, never through floating point), whatever holds the
//! decimals (an option, a patch, a list, a map): the generated code sends
//! them through the `*_numbers` methods. In a form body the number is its
//! text, as every value there. (`decimal_string` fields, and `rt::Decimal`
//! values serialized anywhere else, are strings.)
//!
//! serde's derive would write the same in about three times the code per
//! field (a length count, a branch and an early return each), which is
//! what the compiler spends its time on in a large client.

use rust_decimal::Decimal;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

use super::{IndexMap, Patch};

/// A value whose decimals serialize as JSON numbers.
pub trait AsNumbers {
    /// Serializes `self`, each decimal in it as a number.
    fn serialize_numbers<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
}

/// A struct being serialized, one field at a time. The first error is
/// kept and returned by [`Fields::end`]; the calls after it do nothing, so
/// a generated `serialize` is a straight list of calls.
pub struct Fields<M: SerializeStruct> {
    inner: M,
    error: Option<M::Error>,
}

impl<M: SerializeStruct> Fields<M> {
    /// Starts the struct `name` with `len` fields (the skipped ones are
    /// reported to the serializer as skipped).
    pub fn new<S>(serializer: S, name: &'static str, len: usize) -> Result<Self, M::Error>
    where
        S: Serializer<SerializeStruct = M, Ok = M::Ok, Error = M::Error>,
    {
        Ok(Fields {
            inner: serializer.serialize_struct(name, len)?,
            error: None,
        })
    }

    /// A field that is always sent.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if self.error.is_none() {
            if let Err(e) = self.inner.serialize_field(key, value) {
                self.error = Some(e);
            }
        }
    }

    fn skip(&mut self, key: &'static str) {
        if self.error.is_none() {
            if let Err(e) = self.inner.skip_field(key) {
                self.error = Some(e);
            }
        }
    }

    /// An optional field: sent when set.
    pub fn opt<T: Serialize>(&mut self, key: &'static str, value: &Option<T>) {
        match value {
            Some(v) => self.field(key, v),
            None => self.skip(key),
        }
    }

    /// A clearable field: sent when set or cleared (as `null`).
    pub fn patch<T: Serialize>(&mut self, key: &'static str, value: &Patch<T>) {
        if value.is_unchanged() {
            self.skip(key)
        } else {
            self.field(key, value)
        }
    }

    /// A field holding decimals, each sent as a JSON number.
    pub fn numbers<T: AsNumbers>(&mut self, key: &'static str, value: &T) {
        self.field(key, &Numbers(value))
    }

    /// An optional field holding decimals.
    pub fn opt_numbers<T: AsNumbers>(&mut self, key: &'static str, value: &Option<T>) {
        match value {
            Some(v) => self.numbers(key, v),
            None => self.skip(key),
        }
    }

    /// A clearable field holding decimals.
    pub fn patch_numbers<T: AsNumbers>(&mut self, key: &'static str, value: &Patch<T>) {
        if value.is_unchanged() {
            self.skip(key)
        } else {
            self.numbers(key, value)
        }
    }

    /// Ends the struct, or returns the first error.
    pub fn end(self) -> Result<M::Ok, M::Error> {
        match self.error {
            Some(e) => Err(e),
            None => self.inner.end(),
        }
    }
}

/// A value serialized with its decimals as JSON numbers (a field through
/// [`Fields::numbers`], a JSON Patch `value`).
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

    struct Amounts {
        amount: Decimal,
        tip: Option<Decimal>,
        fee: Patch<Decimal>,
        splits: Vec<Decimal>,
        rates: IndexMap<String, Decimal>,
        text: Decimal,
        absent: Option<Decimal>,
        kept: Patch<String>,
    }

    impl serde::Serialize for Amounts {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut fields = super::Fields::new(serializer, "Amounts", 8)?;
            fields.numbers("amount", &self.amount);
            fields.opt_numbers("tip", &self.tip);
            fields.patch_numbers("fee", &self.fee);
            fields.numbers("splits", &self.splits);
            fields.numbers("rates", &self.rates);
            fields.field("text", &self.text);
            fields.opt_numbers("absent", &self.absent);
            fields.patch("kept", &self.kept);
            fields.end()
        }
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
            absent: None,
            kept: Patch::Unchanged,
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

    struct Fails;

    impl serde::Serialize for Fails {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("this value cannot be sent"))
        }
    }

    struct Broken;

    impl serde::Serialize for Broken {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut fields = super::Fields::new(serializer, "Broken", 3)?;
            fields.field("a", &1);
            fields.field("b", &Fails);
            fields.field("c", &Fails);
            fields.end()
        }
    }

    #[test]
    fn the_first_error_ends_the_struct() {
        let e = serde_json::to_string(&Broken).expect_err("fails");
        assert_eq!(e.to_string(), "this value cannot be sent");
        let e = form_body(&Broken, FormStyle::default()).expect_err("fails");
        assert!(e.contains("this value cannot be sent"), "{e}");
    }
}
