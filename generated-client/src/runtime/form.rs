//! `application/x-www-form-urlencoded` bodies with structure, in the
//! bracket notation form-encoded APIs use: a nested object's fields as
//! `shipping[address][city]=…`, a map's entries as `metadata[key]=…`, a
//! list's items as `expand[0]=…` (or `expand[]=…`), a list of objects as
//! `items[0][name]=…`.
//!
//! The body is written by serializing the request value: pairs come in the
//! order of the struct's fields (the spec's order), a map's entries in
//! insertion order, a list's items in list order, depth first. A value
//! that is `null` (a cleared field: `rt::Patch::Clear`) is sent as the name
//! with an empty value (`shipping=`), which is how these APIs clear a
//! scalar, an object, a map or a list; a field left out is not sent at all,
//! and neither is an empty list, map or object.

use std::fmt::{self, Display};

use serde::ser::{self, Impossible, Serialize};

use super::encode::Body;

/// How a provider writes list items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListStyle {
    /// `a[0]=x&a[1]=y`.
    #[default]
    Indexed,
    /// `a[]=x&a[]=y`.
    Empty,
}

/// How a provider wants the brackets of nested names sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BracketStyle {
    /// Percent-encoded, as every form encoder does: `a%5Bb%5D=x`.
    #[default]
    Encoded,
    /// As they are: `a[b]=x` (the names' own text is still encoded).
    Literal,
}

/// The conventions of one provider's form bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FormStyle {
    /// List items.
    pub lists: ListStyle,
    /// Brackets.
    pub brackets: BracketStyle,
}

/// The form body of `value`, a struct or a map (see the module docs).
pub fn form_body<T: Serialize + ?Sized>(value: &T, style: FormStyle) -> Result<Body, String> {
    let mut w = Writer {
        // Most bodies fit without growing the buffer more than once or twice.
        out: String::with_capacity(256),
        key: String::new(),
        depth: 0,
        style,
        scratch: String::new(),
    };
    value
        .serialize(Field { w: &mut w })
        .map_err(|e| format!("cannot encode the body as a form: {e}"))?;
    Ok(Body {
        content_type: "application/x-www-form-urlencoded",
        bytes: w.out.into_bytes(),
    })
}

/// Appends `text` form-urlencoded (`application/x-www-form-urlencoded`:
/// space as `+`, every byte but `A–Z a–z 0–9 * - . _` as `%XX`). Text that
/// needs no encoding, as names and most values, is copied as it is.
fn encode_into(out: &mut String, text: &str) {
    let plain = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_');
    if text.as_bytes().iter().all(plain) {
        out.push_str(text);
    } else {
        out.extend(form_urlencoded::byte_serialize(text.as_bytes()));
    }
}

/// The body being written, and the encoded name of the value being
/// serialized.
struct Writer {
    out: String,
    key: String,
    /// How many name segments `key` holds.
    depth: usize,
    style: FormStyle,
    /// Text of the last number written.
    scratch: String,
}

impl Writer {
    /// Appends a name segment; returns the length to truncate back to.
    fn push(&mut self, segment: &str) -> usize {
        let mark = self.key.len();
        if self.depth == 0 {
            encode_into(&mut self.key, segment);
        } else {
            let (open, close) = match self.style.brackets {
                BracketStyle::Encoded => ("%5B", "%5D"),
                BracketStyle::Literal => ("[", "]"),
            };
            self.key.push_str(open);
            encode_into(&mut self.key, segment);
            self.key.push_str(close);
        }
        self.depth += 1;
        mark
    }

    fn pop(&mut self, mark: usize) {
        self.key.truncate(mark);
        self.depth -= 1;
    }

    /// Writes `name=value` for the current name.
    fn pair(&mut self, value: &str) -> Result<(), Error> {
        if self.depth == 0 {
            return Err(Error(
                "a form body must be an object, not a single value".into(),
            ));
        }
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(&self.key);
        self.out.push('=');
        encode_into(&mut self.out, value);
        Ok(())
    }

    /// Writes `name=value` for a value written with its `Display`, through
    /// one buffer reused for every value.
    fn display(&mut self, value: impl Display) -> Result<(), Error> {
        use fmt::Write as _;
        let mut text = std::mem::take(&mut self.scratch);
        text.clear();
        let _ = write!(text, "{value}");
        let result = self.pair(&text);
        self.scratch = text;
        result
    }
}

/// Why a value cannot be a form body. Names shapes, never values.
#[derive(Debug)]
pub struct Error(String);

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Serializes one value under the writer's current name.
struct Field<'a> {
    w: &'a mut Writer,
}

/// A list, map or struct being serialized: each element under its own
/// name segment.
struct Compound<'a> {
    w: &'a mut Writer,
    /// Next list index.
    index: usize,
    /// Map: the encoded name of the entry whose value comes next.
    pending: Option<String>,
    /// A `RawValue`: its field is the value itself, under no segment.
    raw: bool,
}

/// The struct name `serde_json::value::RawValue` serializes as.
const RAW_VALUE: &str = "$serde_json::private::RawValue";

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, segment: &str, value: &T) -> Result<(), Error> {
        let mark = self.w.push(segment);
        let result = value.serialize(Field { w: self.w });
        self.w.pop(mark);
        result
    }

    fn item<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let segment = match self.w.style.lists {
            ListStyle::Indexed => self.index.to_string(),
            ListStyle::Empty => String::new(),
        };
        self.index += 1;
        self.element(&segment, value)
    }
}

/// Serializer methods of values written with their `Display`, through the
/// serializer's own `shown`.
macro_rules! displayed {
    ($($method:ident: $ty:ty),* $(,)?) => {$(
        fn $method(self, v: $ty) -> Result<Self::Ok, Error> {
            self.shown(v)
        }
    )*};
}

impl Field<'_> {
    fn shown(self, v: impl Display) -> Result<(), Error> {
        self.w.display(v)
    }
}

impl KeyText {
    fn shown(self, v: impl Display) -> Result<String, Error> {
        Ok(v.to_string())
    }
}

fn unsupported(what: &str) -> Error {
    Error(format!("{what} has no form encoding"))
}

impl<'a> ser::Serializer for Field<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.w.pair(if v { "true" } else { "false" })
    }
    displayed!(
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
    );
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.w.pair(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(unsupported("a byte string"))
    }
    /// `null`: the name with an empty value, which clears it.
    fn serialize_none(self) -> Result<(), Error> {
        self.w.pair("")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.w.pair("")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.w.pair("")
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Error> {
        self.w.pair(v)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        if self.w.depth == 0 {
            return Err(Error("a form body must be an object, not a list".into()));
        }
        Ok(compound(self.w))
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(compound(self.w))
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'a>, Error> {
        let mut c = compound(self.w);
        // `serde_json::value::RawValue` (a decimal sent as a JSON number):
        // its one field is the value's text, written under this name.
        c.raw = name == RAW_VALUE;
        Ok(c)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("an enum variant with data"))
    }
}

fn compound(w: &mut Writer) -> Compound<'_> {
    Compound {
        w,
        index: 0,
        pending: None,
        raw: false,
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.item(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.pending = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .pending
            .take()
            .ok_or_else(|| Error("a map value came without its key".into()))?;
        self.element(&key, value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if self.raw {
            value.serialize(Field { w: self.w })
        } else {
            self.element(name, value)
        }
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

/// A map key as text: strings, and numbers or booleans written out.
struct KeyText;

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = Error;
    type SerializeSeq = Impossible<String, Error>;
    type SerializeTuple = Impossible<String, Error>;
    type SerializeTupleStruct = Impossible<String, Error>;
    type SerializeTupleVariant = Impossible<String, Error>;
    type SerializeMap = Impossible<String, Error>;
    type SerializeStruct = Impossible<String, Error>;
    type SerializeStructVariant = Impossible<String, Error>;

    displayed!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_char: char,
    );
    fn serialize_str(self, v: &str) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String, Error> {
        Err(unsupported("a byte-string map key"))
    }
    fn serialize_none(self) -> Result<String, Error> {
        Err(unsupported("a null map key"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<String, Error> {
        Err(unsupported("a unit map key"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, Error> {
        Err(unsupported("a unit map key"))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
    ) -> Result<String, Error> {
        Ok(v.to_string())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, Error> {
        Err(unsupported("a compound map key"))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(unsupported("a list map key"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(unsupported("a tuple map key"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(unsupported("a tuple map key"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(unsupported("a compound map key"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(unsupported("a map map key"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(unsupported("an object map key"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(unsupported("a compound map key"))
    }
}

#[cfg(test)]
mod tests;
