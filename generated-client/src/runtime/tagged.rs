//! Tagged unions: an object whose tag field (`type`) names which of
//! several documented objects it is. Generated union enums read and write
//! themselves through these functions: a documented tag decodes as its
//! variant's object, any other tag (or none) is kept as the JSON it came
//! as, so a provider adding a variant never breaks decoding.

use serde::de::{self, DeserializeOwned, Deserializer};
use serde::ser::{self, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Reads a union's object: its tag's text (when it has a text tag) and
/// the whole object. Anything but a JSON object is an error.
pub fn decode<'de, D: Deserializer<'de>>(
    d: D,
    tag: &str,
) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(d)?;
    if !value.is_object() {
        return Err(de::Error::custom(format!(
            "expected an object with a `{tag}` field"
        )));
    }
    let found = value.get(tag).and_then(Value::as_str).map(str::to_string);
    Ok((found, value))
}

/// A documented variant's object, decoded from the union's JSON.
pub fn variant<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    serde_json::from_value(value).map_err(E::custom)
}

/// Writes a documented variant: its object, with the tag field set to
/// `value`.
pub fn encode<S: Serializer, T: Serialize>(
    s: S,
    tag: &str,
    value: &str,
    inner: &T,
) -> Result<S::Ok, S::Error> {
    let mut json = serde_json::to_value(inner).map_err(ser::Error::custom)?;
    if let Value::Object(m) = &mut json {
        m.insert(tag.to_string(), Value::String(value.to_string()));
    }
    json.serialize(s)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Redirect {
        url: String,
    }

    #[derive(Debug, PartialEq)]
    enum Action {
        Redirect(Redirect),
        Unknown(serde_json::Value),
    }

    impl<'de> serde::Deserialize<'de> for Action {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let (tag, value) = super::decode(d, "type")?;
            Ok(match tag.as_deref() {
                Some("redirect") => Action::Redirect(super::variant(value)?),
                _ => Action::Unknown(value),
            })
        }
    }

    impl serde::Serialize for Action {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            match self {
                Action::Redirect(v) => super::encode(s, "type", "redirect", v),
                Action::Unknown(v) => serde::Serialize::serialize(v, s),
            }
        }
    }

    #[test]
    fn documented_tags_decode_as_their_variant_and_others_are_kept() {
        let a: Action =
            serde_json::from_value(json!({"type": "redirect", "url": "https://x.test"}))
                .expect("decodes");
        assert_eq!(
            a,
            Action::Redirect(Redirect {
                url: "https://x.test".into()
            })
        );
        for other in [
            json!({"type": "new_kind", "x": 1}),
            json!({"no_tag": true}),
            json!({"type": 7}),
        ] {
            let a: Action = serde_json::from_value(other.clone()).expect("kept");
            assert_eq!(a, Action::Unknown(other));
        }
        // A documented tag whose object is malformed is an error, and so is
        // anything but an object.
        assert!(serde_json::from_value::<Action>(json!({"type": "redirect"})).is_err());
        assert!(serde_json::from_value::<Action>(json!("redirect")).is_err());
    }

    #[test]
    fn a_variant_writes_its_tag() {
        let a = Action::Redirect(Redirect { url: "u".into() });
        let json = serde_json::to_value(&a).expect("encodes");
        assert_eq!(json, json!({"type": "redirect", "url": "u"}));
        let back: Action = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, a);
    }
}
