//! `Patch<T>`: a request field that can be left unchanged, cleared, or set.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A request field the API lets you clear: leaving it out and sending
/// `null` are different requests.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Patch<T> {
    /// Not sent: the server keeps its value.
    #[default]
    Unchanged,
    /// Sent as `null`: the server clears the value.
    Clear,
    /// Sent with this value.
    Set(T),
}

impl<T> Patch<T> {
    /// Whether the field is left out of the request.
    pub fn is_unchanged(&self) -> bool {
        matches!(self, Patch::Unchanged)
    }

    /// The value, when one is set.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Patch::Set(v) => Some(v),
            _ => None,
        }
    }
}

impl<T: Serialize> Serialize for Patch<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Set(v) => v.serialize(s),
            Patch::Unchanged | Patch::Clear => s.serialize_none(),
        }
    }
}

/// `null` reads as [`Patch::Clear`], a value as [`Patch::Set`]; a missing
/// field reads as [`Patch::Unchanged`] through `#[serde(default)]`.
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Patch<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Patch::Set(v),
            None => Patch::Clear,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Probe {
        #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
        x: Patch<u8>,
    }

    #[test]
    fn round_trips_all_three_states() {
        for (value, json) in [
            (Patch::Unchanged, "{}"),
            (Patch::Clear, r#"{"x":null}"#),
            (Patch::Set(7), r#"{"x":7}"#),
        ] {
            let probe = Probe { x: value };
            assert_eq!(serde_json::to_string(&probe).expect("encodes"), json);
            assert_eq!(serde_json::from_str::<Probe>(json).expect("decodes"), probe);
        }
    }
}
