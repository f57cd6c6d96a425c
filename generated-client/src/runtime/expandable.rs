//! `Expandable<T>`: a response field that is a resource's id, or, when the
//! caller asked the provider to expand it, the whole resource.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::{Serialize, Serializer};

/// A resource with an id: what an [`Expandable`] field expands to.
pub trait Resource {
    /// The resource's id.
    fn id(&self) -> &str;
}

/// A resource's id, or the resource itself when it was expanded.
#[derive(Debug, Clone, PartialEq)]
pub enum Expandable<T> {
    /// Not expanded: the id alone.
    Id(String),
    /// Expanded: the whole resource.
    Object(Box<T>),
}

impl<T: Resource> Expandable<T> {
    /// The id, expanded or not.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(o) => o.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// The resource, when it was expanded.
    pub fn object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(o) => Some(o),
        }
    }

    /// Whether the resource was expanded.
    pub fn is_expanded(&self) -> bool {
        matches!(self, Expandable::Object(_))
    }
}

impl<T: Serialize> Serialize for Expandable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Expandable::Id(id) => s.serialize_str(id),
            Expandable::Object(o) => o.serialize(s),
        }
    }
}

struct IdOrObject<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for IdOrObject<T> {
    type Value = Expandable<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id string or an expanded object")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Expandable::Id(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Expandable::Id(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let object = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(Expandable::Object(Box::new(object)))
    }
}

impl<'de, T: DeserializeOwned> serde::Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdOrObject(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::{Expandable, Resource};
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Customer {
        id: String,
        name: Option<String>,
    }

    impl Resource for Customer {
        fn id(&self) -> &str {
            &self.id
        }
    }

    #[test]
    fn an_id_or_an_expanded_object() {
        let id: Expandable<Customer> = serde_json::from_value(json!("cus_1")).expect("id");
        assert_eq!(id, Expandable::Id("cus_1".into()));
        assert_eq!(
            (id.id(), id.object(), id.is_expanded()),
            ("cus_1", None, false)
        );
        let full: Expandable<Customer> =
            serde_json::from_value(json!({"id": "cus_1", "name": "Ada"})).expect("object");
        assert_eq!(full.id(), "cus_1");
        assert_eq!(full.object().and_then(|c| c.name.as_deref()), Some("Ada"));
        assert!(full.is_expanded());
        assert_eq!(
            serde_json::to_value(&full).expect("encodes"),
            json!({"id": "cus_1", "name": "Ada"})
        );
        assert_eq!(serde_json::to_value(&id).expect("encodes"), json!("cus_1"));
        for bad in [
            json!(7),
            json!(["cus_1"]),
            json!({"name": "no id"}),
            json!(null),
        ] {
            assert!(
                serde_json::from_value::<Expandable<Customer>>(bad.clone()).is_err(),
                "{bad}"
            );
        }
    }
}
