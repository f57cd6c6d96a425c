//! Rust types of model types.

use crate::code::{rust_name, Code};
use codegen_macros::code;

use super::ctx::Ctx;
use crate::lang::{RustScalar, Scalar};
use crate::model::{Field, NamedKind, RustTy};

/// The Rust type of a model type.
pub(crate) fn ty(t: &RustTy) -> Code {
    match t {
        RustTy::Scalar(s) => scalar(*s),
        RustTy::AnyScalar => code!(serde_json::Value),
        RustTy::List(item) => {
            let item = ty(item);
            code!(Vec<#item>)
        }
        RustTy::Map(item) => {
            let item = ty(item);
            code!(rt::IndexMap<String, #item>)
        }
        RustTy::Expandable(object) => {
            let object = ty(object);
            code!(rt::Expandable<#object>)
        }
        RustTy::Open(e) => {
            let e = ty(e);
            code!(rt::Open<#e>)
        }
        RustTy::Named(name, _, _) => {
            let name = rust_name(name);
            code!(#name)
        }
    }
}

fn scalar(s: Scalar) -> Code {
    match s.rust() {
        RustScalar::I64 => code!(i64),
        RustScalar::Decimal => code!(rt::Decimal),
        RustScalar::Bool => code!(bool),
        RustScalar::Json => code!(serde_json::Value),
        RustScalar::String => code!(String),
    }
}

/// The Rust type of a field's value, before optionality: secrets of text
/// fields become `rt::Secret`, and a field on a type cycle is boxed.
pub(crate) fn field_ty(f: &Field) -> Code {
    if is_secret(f) {
        code!(rt::Secret)
    } else if f.boxed {
        let inner = ty(&f.ty);
        code!(Box<#inner>)
    } else {
        ty(&f.ty)
    }
}

pub(crate) use crate::model::analysis::is_secret;

/// Whether values of `ty` hold `decimal`s (sent as JSON numbers through
/// `rt::ser::Fields::numbers`), directly or in lists, maps and named lists and
/// maps (whose chains the checker bounds).
pub(crate) fn holds_numbers<'a>(mut ty: &'a RustTy, ctx: &Ctx<'a>) -> bool {
    for _ in 0..=(ctx.provider.types.len() + 2 * crate::load::MAX_DEPTH) {
        match ty {
            RustTy::Scalar(Scalar::Decimal) => return true,
            RustTy::List(inner) | RustTy::Map(inner) => ty = inner,
            RustTy::Named(_, NamedKind::Alias, id) => match ctx.alias(*id) {
                Some(a) => ty = &a.ty,
                None => return false,
            },
            _ => return false,
        }
    }
    false
}

/// Whether values of this type are text.
pub(crate) fn is_string(t: &RustTy) -> bool {
    matches!(t, RustTy::Scalar(s) if s.is_textual())
}
