//! Named types: structs, enums with `Unknown(String)`, map and list aliases.

use crate::code::{rust_name, Code};
use codegen_macros::code;

use super::ctx::{alias_validator, named_has_checks, Ctx};
use super::docs;
use super::encode::{self, Held};
use super::rust_types::field_ty;
use super::{builder, secrets, validate};
use crate::model::{Alias, Decode, Enum, Field, NamedKind, Object, Presence, TypeDef, Union};

/// Doc attributes of a named type: its description (or its name), then a
/// link to the page it was transcribed from.
fn type_docs(lines: &[String], notes: &[String], name: &str, ctx: &Ctx<'_>) -> Code {
    let mut lines = lines.to_vec();
    if lines.is_empty() {
        lines.push(format!("`{name}`, as the docs name it."));
    }
    let mut shown = docs::escaped(&lines);
    if let Some(page) = ctx.provider.pages.first() {
        shown.push(String::new());
        shown.push(format!("Source: {}", docs::link(page)));
    }
    if !notes.is_empty() {
        shown.push(String::new());
        shown.push("# Spec notes".into());
        shown.push(String::new());
        shown.extend(docs::escaped(notes));
    }
    docs::raw(&shown)
}

/// Doc attributes of a field: its description, or its wire name.
pub(crate) fn field_docs(f: &Field) -> Code {
    if f.docs.is_empty() {
        docs::raw(&[format!(
            "{} (the docs give no description).",
            docs::code(&f.wire)
        )])
    } else {
        docs::noted_attrs(&f.docs, &f.notes)
    }
}

/// One named type.
pub(crate) fn type_def(t: &TypeDef, ctx: &Ctx<'_>) -> Code {
    match t {
        TypeDef::Object(o) => object(o, ctx),
        TypeDef::Enum(e) => enumeration(e, ctx),
        TypeDef::Alias(a) => alias(a, ctx),
        TypeDef::Union(u) => union(u, ctx),
    }
}

fn object(o: &Object, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&o.name);
    let docs = type_docs(&o.docs, &o.notes, &o.name, ctx);
    let request = ctx.is_request_type(&o.name);
    // An object only responses carry decodes through its own `visit_map`
    // loop; the others that decode derive `Deserialize`, and only those
    // have `#[serde]` attributes. `Serialize` is always written out
    // (`encode.rs`).
    let lean = !request && ctx.deserializes(&o.name);
    let derived_de = !lean && ctx.deserializes(&o.name);
    let each_docs: Vec<Code> = o.fields.iter().map(field_docs).collect();
    let fields = Vec::from_iter(
        o.fields
            .iter()
            .zip(&each_docs)
            .map(|(f, d)| object_field(f, d, request, derived_de)),
    );
    let methods = if request {
        let constructor = builder::object_constructor(&o.fields);
        let setters = Vec::from_iter(builder::setters(&o.fields, &each_docs, None));
        // Only an object whose validation checks something has a validator
        // (and is checked where it is used).
        let validator = ctx.checks(&o.name).then(|| {
            let body = validate::fields_body(&o.fields, &o.rules, true, ctx);
            code! {
                /// Records every constraint this value breaks, under `path`.
                #[doc(hidden)]
                pub fn validate_into(&self, path: &rt::Path<'_>, violations: &mut rt::Violations) {
                    #body
                }
            }
        });
        let secrets = if ctx.object_secrets(&o.name) {
            secrets::object_method(&o.fields, ctx)
        } else {
            code!()
        };
        code! {
            impl #name {
                #constructor
                #(#setters)*
                #validator
                #secrets
            }
        }
    } else {
        builder::response_constructor(&name, &o.fields)
    };
    let resource = match o.fields.iter().find(|f| f.wire == "id") {
        Some(id) if ctx.provider.analysis.expandable.contains(&o.name) => {
            let ident = rust_name(&id.ident);
            code! {
                impl rt::Resource for #name {
                    fn id(&self) -> &str {
                        &self.#ident
                    }
                }
            }
        }
        _ => code!(),
    };
    let default = if o.fields.iter().all(|f| f.presence != Presence::Required) {
        code!(Default,)
    } else {
        code!()
    };
    let derive = derived_de.then(|| code!(serde::Deserialize));
    let decoder = lean.then(|| super::decode::object(o));
    let serialize = ctx.serializes(&o.name).then(|| {
        let held = |f: &Field| match f.presence {
            Presence::Required => Held::Always,
            Presence::Clearable if request => Held::Patch,
            Presence::Optional | Presence::Clearable => Held::Optional,
        };
        encode::serialize(&o.name, o.fields.iter().map(|f| (f, held(f))), ctx)
    });
    let derives = ctx.data_derives();
    code! {
        #docs
        #[derive(#derives #default #derive)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #methods
        #resource
        #serialize
        #decoder
    }
}

/// A field of a named struct: public, tolerant when decoding. In an
/// object a request can contain (`request`), a clearable field is an
/// `rt::Patch`, so a caller can clear it. `derived_de`: the struct derives
/// `Deserialize`, so the field carries its attributes.
fn object_field(f: &Field, docs: &Code, request: bool, derived_de: bool) -> Code {
    let ident = rust_name(&f.ident);
    let patch = request && f.presence == Presence::Clearable;
    let ty = match f.presence {
        Presence::Required => field_ty(f),
        _ if patch => builder::declared_ty(f),
        _ => {
            let inner = field_ty(f);
            code!(Option<#inner>)
        }
    };
    if !derived_de {
        return code! {
            #docs
            pub #ident: #ty,
        };
    }
    let mut serde_args = Vec::new();
    let lenient = match f.presence {
        Presence::Required => lenient_fn(f, ""),
        _ => {
            serde_args.push(code!(default));
            lenient_fn(f, if patch { "patch_" } else { "opt_" })
        }
    };
    if let Some(func) = lenient {
        serde_args.push(code!(deserialize_with = #func));
    }
    let rename = rename(f);
    let serde_attr = (!serde_args.is_empty()).then(|| code!(#[serde(#(#serde_args),*)]));
    code! {
        #docs
        #rename
        #serde_attr
        pub #ident: #ty,
    }
}

/// `#[serde(rename = "wire")]` when the Rust name differs.
pub(crate) fn rename(f: &Field) -> Code {
    if f.ident == f.wire {
        code!()
    } else {
        let wire = &f.wire;
        code!(#[serde(rename = #wire)])
    }
}

/// The lenient decoder of a field, as a path string for `deserialize_with`
/// (`prefix` names its `opt_` or `patch_` form).
pub(crate) fn lenient_fn(f: &Field, prefix: &str) -> Option<String> {
    let base = match f.decode {
        Decode::Plain => return None,
        Decode::EmptyArray => "empty_array",
        Decode::Decimal => "decimal",
        Decode::QuotedI64 => "quoted_i64",
        Decode::QuotedBool => "quoted_bool",
        Decode::UnquotedString => "unquoted_string",
    };
    Some(format!("rt::de::{prefix}{base}"))
}

fn enumeration(e: &Enum, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&e.name);
    let docs = type_docs(&e.docs, &e.notes, &e.name, ctx);
    let variants = e.variants.iter().map(|v| {
        let ident = rust_name(&v.ident);
        let mut lines = v.docs.clone();
        if lines.is_empty() {
            lines.push(format!("`{}`", v.wire));
        } else {
            let first = lines.remove(0);
            lines.insert(0, format!("`{}`: {first}", v.wire));
        }
        let d = docs::attrs(&lines);
        code!(#d #ident,)
    });
    let to_str = e.variants.iter().map(|v| {
        let ident = rust_name(&v.ident);
        let wire = &v.wire;
        code!(#name::#ident => #wire,)
    });
    let from_str = e.variants.iter().map(|v| {
        let ident = rust_name(&v.ident);
        let wire = &v.wire;
        code!(#wire => #name::#ident,)
    });
    let serialize = ctx.serializes(&e.name).then(|| {
        code! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
        }
    });
    let de = ctx.deserializes(&e.name);
    let common = code! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #serialize
    };
    if e.closed {
        let type_name = &e.name;
        let closed_de = de.then(|| {
            code! {
                impl<'de> serde::Deserialize<'de> for #name {
                    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                        let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                        value.parse().map_err(serde::de::Error::custom)
                    }
                }
            }
        });
        return code! {
            #docs
            ///
            /// The docs list every value: a request can only send one of these.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
            #[non_exhaustive]
            pub enum #name {
                #(#variants)*
            }

            impl #name {
                /// The value on the wire.
                pub fn as_str(&self) -> &'static str {
                    match self {
                        #(#to_str)*
                    }
                }
            }

            impl AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    self.as_str()
                }
            }

            impl std::str::FromStr for #name {
                type Err = rt::UnknownValue;

                fn from_str(value: &str) -> Result<Self, rt::UnknownValue> {
                    Ok(match value {
                        #(#from_str)*
                        other => {
                            return Err(rt::UnknownValue {
                                type_name: #type_name,
                                value: other.to_string(),
                            })
                        }
                    })
                }
            }

            #common
            #closed_de
        };
    }
    let open_de = de.then(|| {
        code! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                    Ok(#name::from(value.as_ref()))
                }
            }
        }
    });
    code! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value the docs do not list, kept as sent.
            Unknown(String),
        }

        impl #name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    #name::Unknown(other) => other,
                }
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => #name::Unknown(other.to_string()),
                }
            }
        }

        #common
        #open_de
    }
}

fn alias(a: &Alias, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&a.name);
    let docs = type_docs(&a.docs, &a.notes, &a.name, ctx);
    let target = super::rust_types::ty(&a.ty);
    // Only a named list or map whose validation checks something gets a
    // validator (and is checked where it is used).
    let validator = if named_has_checks(&a.name, NamedKind::Alias, ctx) {
        let func = alias_validator(&a.name);
        let value = code!(value);
        let path = code!(path);
        let checks = validate::value_checks(&a.ty, &a.checks, false, &value, &path, ctx);
        // `path` arrives by reference; the checks take it by value (it is `Copy`).
        let body = code!(let path = *path; #checks);
        let doc = format!(
            " Records every constraint a [`{}`] value breaks, under `path`.",
            a.name
        );
        code! {
            #[doc = #doc]
            #[doc(hidden)]
            pub fn #func(value: &#name, path: &rt::Path<'_>, violations: &mut rt::Violations) {
                #body
            }
        }
    } else {
        code!()
    };
    code! {
        #docs
        pub type #name = #target;
        #validator
    }
}

/// A tagged union: one variant per documented tag value holding its
/// object (boxed: the variants' sizes differ widely, and a union on a type
/// cycle needs no other indirection), and `Unknown` holding any other value
/// as JSON.
fn union(u: &Union, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&u.name);
    let docs = type_docs(&u.docs, &u.notes, &u.name, ctx);
    let tag = &u.tag;
    let variants = u.variants.iter().map(|v| {
        let ident = rust_name(&v.ident);
        let ty = rust_name(&v.ty.0);
        let doc = format!(
            " {} {}: a [`{}`].",
            docs::code(tag),
            docs::code(&v.wire),
            v.ty.0
        );
        code!(#[doc = #doc] #ident(Box<#ty>),)
    });
    let tags = u.variants.iter().map(|v| {
        let (ident, wire) = (rust_name(&v.ident), &v.wire);
        code!(#name::#ident(_) => Some(#wire),)
    });
    let decode = u.variants.iter().map(|v| {
        let (ident, wire) = (rust_name(&v.ident), &v.wire);
        code!(Some(#wire) => #name::#ident(Box::new(rt::tagged::variant(value)?)),)
    });
    let encode = u.variants.iter().map(|v| {
        let (ident, wire) = (rust_name(&v.ident), &v.wire);
        code!(#name::#ident(inner) => rt::tagged::encode(serializer, #tag, #wire, inner),)
    });
    let serialize = ctx.serializes(&u.name).then(|| {
        code! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#encode)*
                        #name::Unknown(value) => serde::Serialize::serialize(value, serializer),
                    }
                }
            }
        }
    });
    let unknown_doc = format!(
        " An object whose {} the docs do not list (or that has none), kept as sent.",
        docs::code(tag)
    );
    let tag_doc = format!(
        " The value of its {} field, when it has one.",
        docs::code(tag)
    );
    let derives = ctx.data_derives();
    code! {
        #docs
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #[doc = #unknown_doc]
            Unknown(serde_json::Value),
        }

        impl #name {
            #[doc = #tag_doc]
            pub fn tag(&self) -> Option<&str> {
                match self {
                    #(#tags)*
                    #name::Unknown(value) => value.get(#tag).and_then(serde_json::Value::as_str),
                }
            }
        }

        #serialize

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let (tag, value) = rt::tagged::decode(deserializer, #tag)?;
                Ok(match tag.as_deref() {
                    #(#decode)*
                    _ => #name::Unknown(value),
                })
            }
        }
    }
}
