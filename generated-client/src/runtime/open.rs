//! `Open<E>`: a closed enum's value in a response. The docs say the list
//! of values is complete, so requests hold the enum itself; a response
//! still decodes a value the docs did not list, as text.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of the closed enum `E`, or one the docs did not list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Open<E> {
    /// A documented value.
    Known(E),
    /// A value the docs do not list, kept as sent.
    Unknown(String),
}

impl<E> Open<E> {
    /// The documented value, if it is one.
    pub fn known(&self) -> Option<&E> {
        match self {
            Open::Known(e) => Some(e),
            Open::Unknown(_) => None,
        }
    }
}

impl<E: AsRef<str>> Open<E> {
    /// The value on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            Open::Known(e) => e.as_ref(),
            Open::Unknown(s) => s,
        }
    }
}

impl<E: AsRef<str>> fmt::Display for Open<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<E> From<E> for Open<E> {
    fn from(e: E) -> Self {
        Open::Known(e)
    }
}

impl<E: AsRef<str>> Serialize for Open<E> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de, E: FromStr> Deserialize<'de> for Open<E> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(d)?;
        Ok(match E::from_str(&text) {
            Ok(e) => Open::Known(e),
            Err(_) => Open::Unknown(text.into_owned()),
        })
    }
}

/// A value that is none of a closed enum's documented values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// The enum.
    pub type_name: &'static str,
    /// The value, bounded for display.
    pub value: String,
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not one of the documented values of `{}`",
            super::bounded(&self.value, 64),
            self.type_name
        )
    }
}

impl std::error::Error for UnknownValue {}

#[cfg(test)]
mod tests {
    use super::{Open, UnknownValue};
    use std::str::FromStr;

    #[derive(Debug, Clone, PartialEq)]
    enum Mode {
        Auto,
    }

    impl AsRef<str> for Mode {
        fn as_ref(&self) -> &str {
            "auto"
        }
    }

    impl FromStr for Mode {
        type Err = UnknownValue;
        fn from_str(s: &str) -> Result<Self, UnknownValue> {
            match s {
                "auto" => Ok(Mode::Auto),
                other => Err(UnknownValue {
                    type_name: "Mode",
                    value: other.to_string(),
                }),
            }
        }
    }

    #[test]
    fn documented_values_are_known_others_kept() {
        let known: Open<Mode> = serde_json::from_str("\"auto\"").expect("known");
        assert_eq!(known, Open::Known(Mode::Auto));
        assert_eq!((known.as_str(), known.known()), ("auto", Some(&Mode::Auto)));
        let other: Open<Mode> = serde_json::from_str("\"manual\"").expect("kept");
        assert_eq!(other, Open::Unknown("manual".into()));
        assert_eq!(other.to_string(), "manual");
        assert_eq!(
            serde_json::to_string(&other).expect("encodes"),
            "\"manual\""
        );
        assert!(serde_json::from_str::<Open<Mode>>("1").is_err());
        let e = Mode::from_str("x").expect_err("unknown");
        assert_eq!(
            e.to_string(),
            "\"x\" is not one of the documented values of `Mode`"
        );
    }
}
