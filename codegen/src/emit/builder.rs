//! Builders of request values, shared by request types and the named
//! objects a request can contain: a constructor taking the required
//! fields, a chained setter for each other field, and a `clear_…` method
//! for each clearable one. No request value needs a struct literal (named
//! objects are `#[non_exhaustive]`) or serde to be built.

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;

use super::docs;
use super::rust_types::{field_ty, is_secret, is_string};
use crate::lang::Encoding;
use crate::model::{Const, Field, Presence};

/// The parameter type of a setter or constructor argument for `f`, and
/// the expression that turns the argument `value` into the stored value.
pub(crate) fn param(f: &Field, value: &Code) -> (Code, Code) {
    let (ty, converted) = if is_secret(f) {
        (code!(impl Into<rt::Secret>), code!(#value.into()))
    } else if is_string(&f.ty) {
        (code!(impl Into<String>), code!(#value.into()))
    } else {
        (super::rust_types::ty(&f.ty), code!(#value))
    };
    if f.boxed {
        (ty, code!(Box::new(#converted)))
    } else {
        (ty, converted)
    }
}

/// Whether [`param`] converts the argument (else it is stored as given).
fn converts(f: &Field) -> bool {
    f.boxed || is_secret(f) || is_string(&f.ty)
}

/// The constructor parameters of the required fields, and the doc names
/// of those fields.
pub(crate) fn required_params(fields: &[Field]) -> (Vec<Code>, Vec<String>) {
    fields
        .iter()
        .filter(|f| f.presence == Presence::Required && f.constant.is_none())
        .map(|f| {
            let ident = rust_name(&f.ident);
            let (ty, _) = param(f, &code!(#ident));
            (code!(#ident: #ty), docs::code(&f.wire))
        })
        .unzip()
}

/// The struct-literal initialisers of `fields` in a constructor: required
/// fields from the parameters of the same name, the others unset (a
/// clearable field is `rt::Patch::Unchanged` in a request value, `None` in
/// a response object).
pub(crate) fn inits(fields: &[Field]) -> Vec<Code> {
    inits_as(fields, true)
}

fn inits_as(fields: &[Field], request: bool) -> Vec<Code> {
    fields
        .iter()
        .map(|f| {
            let ident = rust_name(&f.ident);
            match f.presence {
                Presence::Required if f.constant.is_some() => {
                    let value = constant_value(f);
                    code!(#ident: #value,)
                }
                Presence::Required if !converts(f) => code!(#ident,),
                Presence::Required => {
                    let (_, value) = param(f, &code!(#ident));
                    code!(#ident: #value,)
                }
                Presence::Clearable if request => code!(#ident: rt::Patch::Unchanged,),
                Presence::Optional | Presence::Clearable => code!(#ident: None,),
            }
        })
        .collect()
}

/// The setters of the fields that are not required (and `clear_…` for the
/// clearable ones, which are `rt::Patch`). `encoding` is the body's, when
/// the fields belong to one request (a named object may travel in several).
/// `docs`: the doc attributes of each field's declaration
/// ([`super::types::field_docs`]), which a setter shares when the field
/// has a description.
pub(crate) fn setters(fields: &[Field], docs: &[Code], encoding: Option<Encoding>) -> Vec<Code> {
    fields
        .iter()
        .zip(docs)
        .filter(|(f, _)| f.presence != Presence::Required)
        .map(|(f, d)| setter(f, d, encoding))
        .collect()
}

/// `clear_<field>`, which sends the field `null` (empty in a form).
fn clear_method(f: &Field, encoding: Option<Encoding>) -> Code {
    let clear = owned_name(format!("clear_{}", f.ident));
    let ident = rust_name(&f.ident);
    let wire = docs::code(&f.wire);
    let clear_doc = match encoding {
        Some(Encoding::Form) => {
            format!(" Sends {wire} with an empty value, clearing it on the server.")
        }
        Some(Encoding::Json | Encoding::JsonApi | Encoding::JsonPatch) => {
            format!(" Sends {wire} as `null`, clearing the value on the server.")
        }
        None => format!(
            " Sends {wire} as `null` (in a form, with an empty value), clearing the value on the server."
        ),
    };
    code! {
        #[doc = #clear_doc]
        pub fn #clear(mut self) -> Self {
            self.#ident = rt::Patch::Clear;
            self
        }
    }
}

/// The stored value of a `const` field.
fn constant_value(f: &Field) -> Code {
    match &f.constant {
        Some(Const::Text(s)) => code!(#s.to_string()),
        Some(Const::Int(n)) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(*n);
            code!(#lit)
        }
        Some(Const::Bool(b)) => code!(#b),
        None => code!(Default::default()),
    }
}

/// The setter of a `const` field: no argument, it sends the one value.
fn const_setter(f: &Field) -> Code {
    let ident = rust_name(&f.ident);
    let value = constant_value(f);
    let shown = match &f.constant {
        Some(Const::Text(s)) => format!("`{s:?}`"),
        Some(Const::Int(n)) => format!("`{n}`"),
        Some(Const::Bool(b)) => format!("`{b}`"),
        None => String::new(),
    };
    let mut lines = f.docs.clone();
    if !lines.is_empty() {
        lines.push(String::new());
    }
    lines.push(format!(
        "Sends {} as {shown}, the one value it takes.",
        docs::code(&f.wire)
    ));
    let d = docs::noted_attrs(&lines, &f.notes);
    let stored = match f.presence {
        Presence::Clearable => code!(rt::Patch::Set(#value)),
        _ => code!(Some(#value)),
    };
    code! {
        #d
        pub fn #ident(mut self) -> Self {
            self.#ident = #stored;
            self
        }
    }
}

fn setter(f: &Field, field_docs: &Code, encoding: Option<Encoding>) -> Code {
    if f.constant.is_some() {
        let set = const_setter(f);
        return match f.presence {
            Presence::Clearable => {
                let rest = clear_method(f, encoding);
                code!(#set #rest)
            }
            _ => set,
        };
    }
    let ident = rust_name(&f.ident);
    let (ty, value) = param(f, &code!(value));
    let d = if f.docs.is_empty() {
        docs::noted_attrs(&[format!("Sets {}.", docs::code(&f.wire))], &f.notes)
    } else {
        field_docs.clone()
    };
    match f.presence {
        Presence::Clearable => {
            let clear = clear_method(f, encoding);
            code! {
                #d
                pub fn #ident(mut self, value: #ty) -> Self {
                    self.#ident = rt::Patch::Set(#value);
                    self
                }
                #clear
            }
        }
        _ => code! {
            #d
            pub fn #ident(mut self, value: #ty) -> Self {
                self.#ident = Some(#value);
                self
            }
        },
    }
}

/// The declared type of a field of a request value, optionality included.
pub(crate) fn declared_ty(f: &Field) -> Code {
    let inner = field_ty(f);
    match f.presence {
        Presence::Required => inner,
        Presence::Optional => code!(Option<#inner>),
        Presence::Clearable => code!(rt::Patch<#inner>),
    }
}

/// `pub fn new(required…) -> Self` of a named request object.
/// `new` of an object only responses carry, when it has required fields
/// (one without has `Default`): the required fields as arguments, every
/// other field `None`. A caller's tests build responses with it (the
/// struct is `#[non_exhaustive]`; its fields are public to change).
pub(crate) fn response_constructor(name: &Name<'_>, fields: &[Field]) -> Code {
    if fields.iter().all(|f| f.presence != Presence::Required) {
        return code!();
    }
    let (params, names) = required_params(fields);
    let inits = inits_as(fields, false);
    let doc = format!(
        " A value with its required fields ({}) and no other: for tests that need a response without decoding one. Set the others through the public fields.",
        names.join(", ")
    );
    code! {
        impl #name {
            #[doc = #doc]
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }
        }
    }
}

pub(crate) fn object_constructor(fields: &[Field]) -> Code {
    let (params, names) = required_params(fields);
    let inits = inits(fields);
    let doc = if names.is_empty() {
        " A value with no field set yet; add fields with the setters.".to_string()
    } else {
        format!(" A value with its required fields: {}.", names.join(", "))
    };
    code! {
        #[doc = #doc]
        pub fn new(#(#params),*) -> Self {
            Self { #(#inits)* }
        }
    }
}
