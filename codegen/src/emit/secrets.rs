//! What a request must never show: the values of its sensitive fields
//! (nested objects included) and headers, collected for the runtime, which
//! redacts them from `Debug` and from every error of the call.

use crate::code::{rust_name, Code};
use codegen_macros::code;

use super::ctx::Ctx;
use super::rust_types::is_secret;
use crate::model::{Field, Header, NamedKind, Presence, RustTy};

/// Statements adding the secrets of `fields` (of `self`) to `out`.
/// `patch` says whether clearable fields are `rt::Patch` (requests) or
/// `Option`.
pub(crate) fn collect(fields: &[Field], patch: bool, ctx: &Ctx<'_>) -> Code {
    let stmts = fields.iter().map(|f| {
        let ident = rust_name(&f.ident);
        let value = code!(value);
        let inner = if is_secret(f) {
            code!(out.add(#value.expose());)
        } else {
            of_type(&f.ty, &value, ctx)
        };
        if inner.is_empty() {
            return code!();
        }
        match (f.presence, patch) {
            (Presence::Required, _) => code!({ let value = &self.#ident; #inner }),
            (Presence::Clearable, true) => {
                code!(if let rt::Patch::Set(value) = &self.#ident { #inner })
            }
            _ => code!(if let Some(value) = &self.#ident { #inner }),
        }
    });
    code!(#(#stmts)*)
}

/// Statements adding the secrets of the value `value` of field `f` to
/// `out`: the value itself when it is a secret, else the secrets inside
/// it. Empty when it holds none.
pub(crate) fn of_field(f: &Field, value: &Code, ctx: &Ctx<'_>) -> Code {
    if is_secret(f) {
        code!(out.add(#value.expose());)
    } else {
        of_type(&f.ty, value, ctx)
    }
}

/// Statements adding the secrets inside `value: &T` of type `ty`: objects
/// that hold secrets, in lists and maps too. Empty when there are none.
fn of_type(ty: &RustTy, value: &Code, ctx: &Ctx<'_>) -> Code {
    match ty {
        RustTy::Named(name, NamedKind::Object, _) if ctx.object_secrets(name) => {
            code!(#value.collect_secrets(out);)
        }
        RustTy::List(item) => {
            let inner = of_type(item, &code!(item), ctx);
            if inner.is_empty() {
                code!()
            } else {
                code!(for item in #value { #inner })
            }
        }
        RustTy::Map(item) => {
            let inner = of_type(item, &code!(item), ctx);
            if inner.is_empty() {
                code!()
            } else {
                code!(for item in #value.values() { #inner })
            }
        }
        // A named list or map is a type alias of a `Vec` or an `IndexMap`
        // (chains of them are at most `MAX_ALIAS_DEPTH` long).
        RustTy::Named(_, NamedKind::Alias, id) => match ctx.alias(*id) {
            Some(a) => of_type(&a.ty, value, ctx),
            None => code!(),
        },
        _ => code!(),
    }
}

/// `fn collect_secrets` of a request object holding secrets.
pub(crate) fn object_method(fields: &[Field], ctx: &Ctx<'_>) -> Code {
    // Only request objects collect secrets, and they hold clearable
    // fields as `rt::Patch`.
    let body = collect(fields, true, ctx);
    code! {
        /// Adds the values of this value's sensitive fields to `out`, so
        /// the client keeps them out of everything it shows.
        #[doc(hidden)]
        pub fn collect_secrets(&self, out: &mut rt::Secrets) {
            #body
        }
    }
}

/// Statements adding the values of the sensitive headers of `self` to
/// `out`.
pub(crate) fn header_stmts(headers: &[Header]) -> Code {
    let stmts = headers
        .iter()
        .filter(|h| h.sensitive && h.constant.is_none())
        .map(|h| {
            let ident = rust_name(&h.ident);
            if h.required {
                code!(out.add(self.#ident.expose());)
            } else {
                code!(if let Some(value) = &self.#ident { out.add(value.expose()); })
            }
        });
    code!(#(#stmts)*)
}

/// `fn secrets` of a request type, and the expression a client method
/// passes to `ClientCore::request` (`rt::Secrets::new()` when the request
/// holds no secret).
pub(crate) fn request_method(fields: &[Field], headers: &[Header], ctx: &Ctx<'_>) -> (Code, Code) {
    let fields = collect(fields, true, ctx);
    let headers = header_stmts(headers);
    let body = code!(#fields #headers);
    if body.is_empty() {
        return (code!(), code!(rt::Secrets::new()));
    }
    let method = code! {
        /// The values of this request's sensitive fields and headers, which
        /// the client keeps out of everything it shows.
        #[doc(hidden)]
        pub fn secrets(&self) -> rt::Secrets {
            let mut secrets = rt::Secrets::new();
            let out = &mut secrets;
            #body
            secrets
        }
    };
    (method, code!(request.secrets()))
}
