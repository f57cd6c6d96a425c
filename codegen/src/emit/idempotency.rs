//! The idempotency key of an operation that takes one: the caller's, or a
//! new one for the call, sent by every attempt of it.

use crate::code::{rust_name, Code};
use codegen_macros::code;

use crate::model::Operation;

/// Statements of the request builder that give `request` its key: when
/// the caller left the member unset, a copy with a new key stands in.
pub(crate) fn fill(op: &Operation) -> Code {
    let Some(key) = &op.idempotency else {
        return code!();
    };
    let ident = rust_name(&key.ident);
    code! {
        let keyed;
        let request = if request.#ident.is_none() {
            keyed = request.clone().#ident(rt::idempotency_key());
            &keyed
        } else {
            request
        };
    }
}

/// The sentence the method's docs say about it.
pub(crate) fn doc(op: &Operation) -> Option<String> {
    let key = op.idempotency.as_ref()?;
    let place = if key.header {
        format!("the `{}` header", key.wire)
    } else {
        format!("the `{}` field", key.wire)
    };
    Some(format!(
        "Safe to retry: every call sends an idempotency key in {place} (the request's, or a new one), and every retry of the call sends the same key. To repeat a call yourself (after a transport error that may have reached the server), set the key on the request, so the repeat sends the same one."
    ))
}
