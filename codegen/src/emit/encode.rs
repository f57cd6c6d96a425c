//! `impl Serialize` of the structs requests carry: a straight list of
//! `rt::ser::Fields` calls, one a field in declaration order, each naming
//! how the field goes on the wire (always, when set, when changed; decimals
//! as numbers). serde's derive writes the same with a length count, a
//! branch and an early return per field, several times the code the
//! compiler has to check in a large client.

use crate::code::{rust_name, Code};
use codegen_macros::code;

use super::ctx::Ctx;
use super::rust_types::holds_numbers;
use crate::model::{Field, Presence};

/// How a field is held in its struct.
#[derive(Clone, Copy)]
pub(crate) enum Held {
    /// The value itself: always sent.
    Always,
    /// `Option<T>`: sent when set.
    Optional,
    /// `rt::Patch<T>`: sent when set or cleared.
    Patch,
}

impl Held {
    /// How a request value holds a field of this presence (a clearable
    /// field is a patch).
    pub(crate) fn in_request(f: &Field) -> Held {
        match f.presence {
            Presence::Required => Held::Always,
            Presence::Optional => Held::Optional,
            Presence::Clearable => Held::Patch,
        }
    }
}

/// `impl serde::Serialize for #name` over `fields`, each with how it is
/// held.
pub(crate) fn serialize<'f>(
    name: &str,
    fields: impl IntoIterator<Item = (&'f Field, Held)>,
    ctx: &Ctx<'_>,
) -> Code {
    let ident = rust_name(name);
    let calls: Vec<Code> = fields
        .into_iter()
        .map(|(f, held)| {
            let member = rust_name(&f.ident);
            let wire = &f.wire;
            let method = match (held, holds_numbers(&f.ty, ctx)) {
                (Held::Always, false) => code!(field),
                (Held::Always, true) => code!(numbers),
                (Held::Optional, false) => code!(opt),
                (Held::Optional, true) => code!(opt_numbers),
                (Held::Patch, false) => code!(patch),
                (Held::Patch, true) => code!(patch_numbers),
            };
            code!(fields.#method(#wire, &self.#member);)
        })
        .collect();
    let len = proc_macro2::Literal::usize_unsuffixed(calls.len());
    let body = if calls.is_empty() {
        code!(rt::ser::Fields::new(serializer, #name, 0)?.end())
    } else {
        code! {
            let mut fields = rt::ser::Fields::new(serializer, #name, #len)?;
            #(#calls)*
            fields.end()
        }
    };
    code! {
        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                #body
            }
        }
    }
}
