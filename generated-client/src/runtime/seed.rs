//! The pieces the generated response decoders are made of: a map key that
//! borrows when it can, a seed per lenient decoding of `de`, and one
//! function per way a field is read. A response object decodes with one
//! `visit_map` loop over its keys (no field enum, no sequence form, no
//! wrapper type per field), one call a key and one `?` for them all,
//! which is what keeps generated clients cheap to compile.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use rust_decimal::Decimal;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde::Deserialize;

use super::de as lenient;

/// An object's key: borrowed from the input when the deserializer can
/// lend it, owned otherwise.
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    /// The key's text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text, borrowed or owned as it was read.
    pub(crate) fn into_cow(self) -> Cow<'de, str> {
        self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }

        d.deserialize_str(KeyVisitor)
    }
}

/// Reads the next value into a required field's `slot`.
#[inline]
pub fn put<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Reads the next value into an optional field's `slot` (`null` is `None`).
#[inline]
pub fn set<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
) -> Result<(), A::Error> {
    *slot = map.next_value()?;
    Ok(())
}

/// Reads the next value into a required field's `slot` with the lenient
/// decoder `M`.
#[inline]
pub fn put_with<'de, A: MapAccess<'de>, T, M: Decoder<T>>(
    map: &mut A,
    slot: &mut Option<T>,
    _decoder: M,
) -> Result<(), A::Error> {
    *slot = Some(map.next_value_seed(With::<T, M>::new())?);
    Ok(())
}

/// Reads the next value into an optional field's `slot` with the lenient
/// decoder `M` (one of the `Opt…` decoders).
#[inline]
pub fn set_with<'de, A: MapAccess<'de>, T, M: Decoder<Option<T>>>(
    map: &mut A,
    slot: &mut Option<T>,
    _decoder: M,
) -> Result<(), A::Error> {
    *slot = map.next_value_seed(With::<Option<T>, M>::new())?;
    Ok(())
}

/// Skips the next value (an undocumented key's).
#[inline]
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// A required field's value, or serde's `missing field` error.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// A way to decode a `T` (one of the lenient decoders).
pub trait Decoder<T> {
    /// Decodes a `T` from `d`.
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error>;
}

/// The seed that decodes one value with the decoder `M`.
pub struct With<T, M>(PhantomData<fn() -> (T, M)>);

impl<T, M> With<T, M> {
    /// The seed.
    pub fn new() -> Self {
        With(PhantomData)
    }
}

impl<T, M> Default for With<T, M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'de, T, M: Decoder<T>> DeserializeSeed<'de> for With<T, M> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        M::decode(d)
    }
}

macro_rules! decoders {
    ($($(#[$doc:meta])* $marker:ident: $ty:ty = $f:ident;)*) => {$(
        $(#[$doc])*
        pub struct $marker;

        impl Decoder<$ty> for $marker {
            fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                lenient::$f(d)
            }
        }
    )*};
}

decoders! {
    /// [`lenient::decimal`].
    ExactDecimal: Decimal = decimal;
    /// [`lenient::opt_decimal`].
    OptExactDecimal: Option<Decimal> = opt_decimal;
    /// [`lenient::quoted_i64`].
    QuotedI64: i64 = quoted_i64;
    /// [`lenient::opt_quoted_i64`].
    OptQuotedI64: Option<i64> = opt_quoted_i64;
    /// [`lenient::quoted_bool`].
    QuotedBool: bool = quoted_bool;
    /// [`lenient::opt_quoted_bool`].
    OptQuotedBool: Option<bool> = opt_quoted_bool;
    /// [`lenient::unquoted_string`].
    UnquotedString: String = unquoted_string;
    /// [`lenient::opt_unquoted_string`].
    OptUnquotedString: Option<String> = opt_unquoted_string;
}

/// [`lenient::empty_array`].
pub struct EmptyArray;

impl<T: DeserializeOwned + Default> Decoder<T> for EmptyArray {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        lenient::empty_array(d)
    }
}

/// [`lenient::opt_empty_array`].
pub struct OptEmptyArray;

impl<T: DeserializeOwned + Default> Decoder<Option<T>> for OptEmptyArray {
    fn decode<'de, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        lenient::opt_empty_array(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_borrow_from_a_slice_and_own_escaped_text() {
        let k: Key<'_> = serde_json::from_str(r#""plain""#).unwrap();
        assert!(matches!(k.0, Cow::Borrowed("plain")));
        let k: Key<'_> = serde_json::from_str(r#""esc\u0061ped""#).unwrap();
        assert_eq!(k.as_str(), "escaped");
    }

    #[test]
    fn seeds_decode_as_their_lenient_decoder() {
        let mut de = serde_json::Deserializer::from_str(r#""42""#);
        let n = With::<i64, QuotedI64>::new().deserialize(&mut de).unwrap();
        assert_eq!(n, 42);
        let mut de = serde_json::Deserializer::from_str("[]");
        let m: Option<indexmap::IndexMap<String, String>> = With::<_, OptEmptyArray>::new()
            .deserialize(&mut de)
            .unwrap();
        assert_eq!(m, Some(indexmap::IndexMap::new()));
    }
}
