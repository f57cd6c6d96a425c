//! Decoders of the objects only responses carry: one `visit_map` loop
//! over the object's keys, each documented key read into its field (with
//! the field's lenient decoder, if any), every other key skipped, and the
//! required fields checked at the end. serde's derive would add a field
//! enum with its own visitor, a sequence form JSON never uses and a
//! wrapper type per lenient field; this is the same decoding in a
//! fraction of the code the compiler has to check.

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;

use crate::model::{Decode, Field, Object, Presence};

/// `impl Deserialize` for the response object `o`.
pub(crate) fn object(o: &Object) -> Code {
    let name = rust_name(&o.name);
    let expecting = format!("a `{}` object", o.name);
    let locals = Vec::from_iter(o.fields.iter().map(|f| {
        let local = local(f);
        code!(let mut #local = None;)
    }));
    let arms = Vec::from_iter(o.fields.iter().map(|f| {
        let local = local(f);
        let wire = &f.wire;
        let required = f.presence == Presence::Required;
        match (seed(f), required) {
            (None, true) => code!(#wire => rt::seed::put(&mut map, &mut #local),),
            (None, false) => code!(#wire => rt::seed::set(&mut map, &mut #local),),
            (Some(marker), true) => {
                code!(#wire => rt::seed::put_with(&mut map, &mut #local, rt::seed::#marker),)
            }
            (Some(marker), false) => {
                code!(#wire => rt::seed::set_with(&mut map, &mut #local, rt::seed::#marker),)
            }
        }
    }));
    let inits = Vec::from_iter(o.fields.iter().map(|f| {
        let ident = rust_name(&f.ident);
        let local = local(f);
        let wire = &f.wire;
        match f.presence {
            Presence::Required => code! {
                #ident: rt::seed::required(#local, #wire)?,
            },
            Presence::Optional | Presence::Clearable if ident == local => code!(#ident,),
            Presence::Optional | Presence::Clearable => code!(#ident: #local,),
        }
    }));
    let key = if o.fields.is_empty() {
        code!(_key)
    } else {
        code!(key)
    };
    // One `?` for every arm: each arm is a call that reads the value.
    let dispatch = if o.fields.is_empty() {
        code!(rt::seed::skip(&mut map)?;)
    } else {
        code! {
            match key.as_str() {
                #(#arms)*
                _ => rt::seed::skip(&mut map),
            }?;
        }
    };
    code! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Fields;

                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = #name;

                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#name, A::Error> {
                        #(#locals)*
                        while let Some(#key) = map.next_key::<rt::seed::Key<'de>>()? {
                            #dispatch
                        }
                        Ok(#name {
                            #(#inits)*
                        })
                    }
                }

                deserializer.deserialize_map(Fields)
            }
        }
    }
}

/// The local a field is read into (its Rust name, which cannot clash with
/// `map` or `key`: those are not field names a local would need, so they
/// get a suffix).
fn local(f: &Field) -> Name<'static> {
    match f.ident.as_str() {
        "map" | "key" | "deserializer" => owned_name(format!("{}_field", f.ident)),
        other => owned_name(other.trim_start_matches("r#").to_string()),
    }
}

/// The `rt::seed` decoder of a field with a lenient decoding (the `Opt…`
/// form for a field that may be absent).
fn seed(f: &Field) -> Option<Name<'static>> {
    let optional = f.presence != Presence::Required;
    let base = match f.decode {
        Decode::Plain => return None,
        Decode::EmptyArray => "EmptyArray",
        Decode::Decimal => "ExactDecimal",
        Decode::QuotedI64 => "QuotedI64",
        Decode::QuotedBool => "QuotedBool",
        Decode::UnquotedString => "UnquotedString",
    };
    Some(if optional {
        owned_name(format!("Opt{base}"))
    } else {
        owned_name(base.to_string())
    })
}
