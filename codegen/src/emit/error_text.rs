//! `rt::ErrorText` for each error body: where the provider's message and
//! code are, for the error's `Display`.

use std::collections::BTreeSet;

use crate::code::{rust_name, Code};
use codegen_macros::code;

use crate::model::{Access, ErrorText, Provider, Text, TextPath, TypeDef};

/// One `impl rt::ErrorText` per named error body, in the order the
/// operations first use them. A body without `error_text:` gets the
/// trait's defaults (no message, no code).
pub(crate) fn impls(p: &Provider) -> Code {
    let mut seen = BTreeSet::new();
    let items = p
        .operations
        .iter()
        .filter_map(|op| op.error_type.as_deref())
        .filter(|name| seen.insert(*name))
        .map(|name| {
            let text = p.types.iter().find_map(|t| match t {
                TypeDef::Object(o) if o.name == name => Some(&o.error_text),
                _ => None,
            });
            let ident = rust_name(name);
            let methods = text.map(methods);
            code! {
                impl rt::ErrorText for #ident {
                    #methods
                }
            }
        });
    code!(#(#items)*)
}

fn methods(text: &ErrorText) -> Code {
    let message = method(code!(message), &text.message);
    let code = method(code!(code), &text.code);
    code!(#message #code)
}

/// `fn name(&self) -> Option<&str>`: the first path that is present.
fn method(name: Code, paths: &[TextPath]) -> Code {
    let Some((first, rest)) = paths.split_first() else {
        return code!();
    };
    let first = path_expr(first);
    let rest = rest.iter().map(path_expr);
    code! {
        fn #name(&self) -> Option<&str> {
            #first #(.or(#rest))*
        }
    }
}

/// What a step has reached: a place (`self.error`), or an `Option<&T>`.
enum At {
    Place(Code),
    Maybe(Code),
}

/// The `Option<&str>` expression that reads `path` from `self`.
fn path_expr(path: &TextPath) -> Code {
    let mut at = At::Place(code!(self));
    let last = path.steps.len().saturating_sub(1);
    for (i, step) in path.steps.iter().enumerate() {
        let f = rust_name(&step.ident);
        // The last field of a `String` path without a list: `as_deref()`
        // reads `Option<String>` as `Option<&str>` directly.
        if i == last && !step.first_item && path.text == Text::String {
            return match (at, step.access) {
                (At::Place(p), Access::Always) => code!(Some(#p.#f.as_str())),
                (At::Place(p), Access::Option) => code!(#p.#f.as_deref()),
                (At::Place(p), Access::Patch) => code!(#p.#f.as_set().map(String::as_str)),
                (At::Maybe(e), Access::Always) => code!(#e.map(|v| v.#f.as_str())),
                (At::Maybe(e), Access::Option) => code!(#e.and_then(|v| v.#f.as_deref())),
                (At::Maybe(e), Access::Patch) => {
                    code!(#e.and_then(|v| v.#f.as_set()).map(String::as_str))
                }
            };
        }
        at = match (at, step.access) {
            (At::Place(p), Access::Always) => At::Place(code!(#p.#f)),
            (At::Place(p), Access::Option) => At::Maybe(code!(#p.#f.as_ref())),
            (At::Place(p), Access::Patch) => At::Maybe(code!(#p.#f.as_set())),
            (At::Maybe(e), Access::Always) => At::Maybe(code!(#e.map(|v| &v.#f))),
            (At::Maybe(e), Access::Option) => At::Maybe(code!(#e.and_then(|v| v.#f.as_ref()))),
            (At::Maybe(e), Access::Patch) => At::Maybe(code!(#e.and_then(|v| v.#f.as_set()))),
        };
        if step.first_item {
            at = match at {
                At::Place(p) => At::Maybe(code!(#p.first())),
                At::Maybe(e) => At::Maybe(code!(#e.and_then(|v| v.first()))),
            };
        }
    }
    match at {
        At::Place(p) => code!(Some(#p.as_str())),
        At::Maybe(e) => code!(#e.map(|v| v.as_str())),
    }
}
