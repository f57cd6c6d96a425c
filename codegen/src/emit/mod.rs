//! Stage 4: pure functions from the model to code.
//!
//! Each provider becomes one `pub mod` item. Nothing here reads files or
//! YAML; the same model always gives the same code. Code is built with
//! `code!` templates ([`crate::code`]): `quote!`'s syntax, written as text.

mod builder;
mod client;
mod ctx;
mod decode;
mod docs;
mod encode;
mod error_text;
mod idempotency;
mod patch;
mod request;
mod runtime_path;
mod rust_types;
mod secrets;
mod types;
mod validate;

use crate::code::{rust_name, Code};
use codegen_macros::code;

use crate::model::Provider;
pub use runtime_path::RuntimePath;

/// Options of the emitters.
#[derive(Clone)]
pub struct EmitOptions {
    /// Path of the runtime module the generated code calls
    /// (`crate::runtime` inside `generated-client`).
    pub runtime: RuntimePath,
    /// Derive both serde directions on every type. By default a type
    /// implements only what the client does with it: `Serialize` where a
    /// request carries it, `Deserialize` where a response or error body
    /// does (both where both do, or neither reaches it). Test harnesses and
    /// servers that decode requests and encode responses turn this on.
    pub both_directions: bool,
    /// Derive `PartialEq` on the types that carry data (structs, requests,
    /// unions, patch operations). Off by default: it is the one derive no
    /// client call needs, and it adds compile time and memory. Value enums
    /// always derive `PartialEq`, `Eq` and `Hash`: comparing them is what
    /// they are for.
    pub partial_eq: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            runtime: RuntimePath::parse("crate::runtime").expect("a path"),
            both_directions: false,
            partial_eq: false,
        }
    }
}

/// The whole module of one provider.
pub fn provider(p: &Provider, opts: &EmitOptions) -> Code {
    let name = rust_name(&p.name);
    let rt = &opts.runtime;
    let mut doc_lines = vec![format!("{} API client.", p.title)];
    if !p.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(p.docs.iter().cloned());
    }
    doc_lines.push(String::new());
    doc_lines.push(format!(
        "Generated from `spec/{}`, transcribed from:",
        p.source
    ));
    for page in &p.pages {
        doc_lines.push(format!("- <{page}>"));
    }
    let docs = docs::noted_attrs(&doc_lines, &p.notes);
    let ctx = ctx::Ctx::new(p, opts);
    let type_items = Vec::from_iter(p.types.iter().map(|t| types::type_def(t, &ctx)));
    let requests = Vec::from_iter(
        p.operations
            .iter()
            .filter_map(|op| op.request.as_ref().map(|r| request::request(op, r, &ctx))),
    );
    let client = client::client(p, &ctx);
    let error_texts = error_text::impls(p);
    code! {
        #docs
        pub mod #name {
            use #rt as rt;

            #client
            #(#requests)*
            #(#type_items)*
            #error_texts
        }
    }
}

/// How many named types of a provider get a validator (those a request
/// can contain).
pub fn validated_types(p: &Provider) -> usize {
    p.analysis.request_types.len()
}
