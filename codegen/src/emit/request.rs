//! Request types: constructor with the required fields, chained setters for
//! the rest, `validate()`, and the body encoder of the operation.

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;

use super::ctx::Ctx;

use super::types::rename;
use super::validate;
use super::{builder, docs, encode};
use crate::lang::{BracketStyle, Encoding, ListStyle};
use crate::model::{Field, Operation, Presence, Request};

/// The request type of an operation.
pub(crate) fn request(op: &Operation, r: &Request, ctx: &Ctx<'_>) -> Code {
    if let Some(table) = &r.patch {
        return super::patch::items(op, r, table, ctx);
    }
    let name = rust_name(&r.name);
    let mut doc_lines = vec![format!(
        "Body of [`Client::{}`](Client::{}).",
        op.ident, op.ident
    )];
    if !r.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(docs::escaped(&r.docs));
    }
    let docs = docs::raw(&doc_lines);
    // Requests are only built through their constructors; a harness that
    // decodes them asks for both directions, and only then are there serde
    // attributes (for the derived `Deserialize`).
    let decoded = ctx.both_directions;
    let skip = decoded.then(|| code!(#[serde(skip)]));
    let field_docs: Vec<Code> = r.fields.iter().map(super::types::field_docs).collect();
    let decls = Vec::from_iter(
        r.fields
            .iter()
            .zip(&field_docs)
            .map(|(f, d)| field_decl(f, d, decoded)),
    );
    let rel_decls = Vec::from_iter(r.relationships.iter().map(|rel| {
        let ident = rust_name(&rel.ident);
        if rel.required {
            code!(#skip #ident: String,)
        } else {
            code!(#skip #ident: Option<String>,)
        }
    }));
    let setters = Vec::from_iter(builder::setters(&r.fields, &field_docs, Some(r.encoding)));
    let rel_setters = r
        .relationships
        .iter()
        .filter(|rel| !rel.required)
        .map(|rel| {
            let ident = rust_name(&rel.ident);
            let mut lines = rel.docs.clone();
            lines.push(String::new());
            lines.push(format!(
                "The id of the related {} resource.",
                docs::code(&rel.resource)
            ));
            let d = docs::noted_attrs(&lines, &rel.notes);
            code! {
                #d
                pub fn #ident(mut self, id: impl Into<String>) -> Self {
                    self.#ident = Some(id.into());
                    self
                }
            }
        });
    let fields_checks = validate::fields_body(&r.fields, &r.rules, true, ctx);
    let headers_parts = header_parts(r, decoded, ctx);
    let constructor = constructor(r, &headers_parts);
    let header_decls = Vec::from_iter(headers_parts.decls);
    let header_setters = Vec::from_iter(headers_parts.setters);
    let header_checks = Vec::from_iter(headers_parts.checks);
    let checks = crate::model::analysis::request_checks(&ctx.provider.analysis, r);
    let (path, out) = validate::param_names(!checks);
    let encode = encoder(r);
    let headers = headers_fn(r);
    let secrets = super::secrets::request_method(&r.fields, &r.headers, ctx).0;
    let derive_default = if r.fields.iter().all(|f| f.presence != Presence::Required)
        && r.relationships.iter().all(|rel| !rel.required)
        && r.headers
            .iter()
            .all(|h| !h.required || h.constant.is_some())
    {
        code!(Default,)
    } else {
        code!()
    };
    let deserialize = decoded.then(|| code!(serde::Deserialize));
    let serialize = encode::serialize(
        &r.name,
        r.fields.iter().map(|f| (f, encode::Held::in_request(f))),
        ctx,
    );
    let derives = ctx.data_derives();
    code! {
        #docs
        #[derive(#derives #derive_default #deserialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#decls)*
            #(#rel_decls)*
            #(#header_decls)*
        }

        impl #name {
            #constructor
            #(#setters)*
            #(#rel_setters)*
            #(#header_setters)*

            /// Checks the request against the docs' constraints and returns
            /// every violation at once. Client methods call this before sending.
            pub fn validate(&self) -> Result<(), rt::ValidationErrors> {
                let mut violations = rt::Violations::new();
                self.validate_into(&rt::Path::root(), &mut violations);
                violations.finish()
            }

            /// Records every constraint this request breaks, under `path`.
            #[doc(hidden)]
            pub fn validate_into(&self, #path: &rt::Path<'_>, #out: &mut rt::Violations) {
                #fields_checks
                #(#header_checks)*
            }

            #encode
            #headers
            #secrets
        }

        #serialize
    }
}

/// A body field of a request type: public, to read and to change (the
/// type is `#[non_exhaustive]`, so it is still only built through `new`
/// with its required fields), except a `const` field, which holds its one
/// value. `decoded`: with the attributes of the derived `Deserialize`
/// (wire name, an absent patch is unchanged).
fn field_decl(f: &Field, docs: &Code, decoded: bool) -> Code {
    let ident = rust_name(&f.ident);
    let ty = builder::declared_ty(f);
    let (docs, vis) = if f.constant.is_some() {
        (code!(), code!())
    } else {
        (docs.clone(), code!(pub))
    };
    let serde = decoded.then(|| {
        let rename = rename(f);
        let default = (f.presence == Presence::Clearable).then(|| code!(#[serde(default)]));
        code!(#rename #default)
    });
    code!(#docs #serde #vis #ident: #ty,)
}

fn constructor(r: &Request, headers: &HeaderParts) -> Code {
    let (mut params, mut names) = builder::required_params(&r.fields);
    for rel in r.relationships.iter().filter(|rel| rel.required) {
        let ident = rust_name(&rel.ident);
        params.push(code!(#ident: impl Into<String>));
        names.push(format!("{} (relationship)", docs::code(&rel.wire)));
    }
    params.extend(headers.params.iter().cloned());
    names.extend(
        r.headers
            .iter()
            .filter(|h| h.required && h.constant.is_none())
            .map(|h| format!("{} (header)", docs::code(&h.wire))),
    );
    let inits = builder::inits(&r.fields);
    let rel_inits = r.relationships.iter().map(|rel| {
        let ident = rust_name(&rel.ident);
        if rel.required {
            code!(#ident: #ident.into(),)
        } else {
            code!(#ident: None,)
        }
    });
    let header_inits = &headers.inits;
    let doc = if names.is_empty() {
        " A request that changes nothing yet; add fields with the setters.".to_string()
    } else {
        format!(" A request with its required fields: {}.", names.join(", "))
    };
    code! {
        #[doc = #doc]
        pub fn new(#(#params),*) -> Self {
            Self {
                #(#inits)*
                #(#rel_inits)*
                #(#header_inits)*
            }
        }
    }
}

/// The per-operation headers' parts of a request type: declarations,
/// constructor parameters and initialisers, setters and checks.
pub(crate) struct HeaderParts {
    pub(crate) decls: Vec<Code>,
    pub(crate) params: Vec<Code>,
    pub(crate) inits: Vec<Code>,
    pub(crate) setters: Vec<Code>,
    pub(crate) checks: Vec<Code>,
}

/// The [`HeaderParts`] of `r`; `serde_skip` marks the declarations
/// `#[serde(skip)]` (for a type that derives `Deserialize`).
pub(crate) fn header_parts(r: &Request, serde_skip: bool, ctx: &Ctx<'_>) -> HeaderParts {
    let skip = serde_skip.then(|| code!(#[serde(skip)]));
    let settable = || r.headers.iter().filter(|h| h.constant.is_none());
    let decls = settable()
        .map(|h| {
            let ident = rust_name(&h.ident);
            let ty = header_ty(h);
            if h.required {
                code!(#skip #ident: #ty,)
            } else {
                code!(#skip #ident: Option<#ty>,)
            }
        })
        .collect();
    let params = settable()
        .filter(|h| h.required)
        .map(|h| {
            let ident = rust_name(&h.ident);
            let ty = header_ty(h);
            code!(#ident: impl Into<#ty>)
        })
        .collect();
    let inits = settable()
        .map(|h| {
            let ident = rust_name(&h.ident);
            if h.required {
                code!(#ident: #ident.into(),)
            } else {
                code!(#ident: None,)
            }
        })
        .collect();
    let setters = settable()
        .filter(|h| !h.required)
        .map(|h| {
            let ident = rust_name(&h.ident);
            let d = docs::attrs(&h.docs);
            let ty = header_ty(h);
            code! {
                #d
                pub fn #ident(mut self, value: impl Into<#ty>) -> Self {
                    self.#ident = Some(value.into());
                    self
                }
            }
        })
        .collect();
    let checks = r
        .headers
        .iter()
        .filter(|h| crate::model::analysis::header_checks(h))
        .map(|h| {
            let ident = rust_name(&h.ident);
            let wire = &h.wire;
            let checks = validate::value_checks(
                &crate::model::RustTy::Scalar(crate::lang::Scalar::String),
                &h.checks,
                h.sensitive,
                &code!(value),
                &code!(path),
                ctx,
            );
            let inner = code! {
                let headers = path.field("headers");
                let path = headers.field(#wire);
                #checks
            };
            if h.required {
                code!({ let value = &self.#ident; #inner })
            } else {
                code!('header: { let Some(value) = &self.#ident else { break 'header }; #inner })
            }
        })
        .collect();
    HeaderParts {
        decls,
        params,
        inits,
        setters,
        checks,
    }
}

/// `fn body(&self, …) -> Result<rt::Body, String>` in the operation's encoding.
fn encoder(r: &Request) -> Code {
    let doc = format!(" The encoded body: {}.", r.encoding.content_type());
    match r.encoding {
        Encoding::Form => {
            let lists = match r.form.lists {
                ListStyle::Indexed => code!(Indexed),
                ListStyle::Brackets => code!(Empty),
            };
            let brackets = match r.form.brackets {
                BracketStyle::Encoded => code!(Encoded),
                BracketStyle::Literal => code!(Literal),
            };
            code! {
                #[doc = #doc]
                pub fn body(&self) -> Result<rt::Body, String> {
                    rt::form_body(self, rt::FormStyle {
                        lists: rt::ListStyle::#lists,
                        brackets: rt::BracketStyle::#brackets,
                    })
                }
            }
        }
        // A JSON Patch request has its own type (`emit/patch.rs`).
        Encoding::Json | Encoding::JsonPatch => code! {
            #[doc = #doc]
            pub fn body(&self) -> Result<rt::Body, String> {
                rt::json_body(self)
            }
        },
        Encoding::JsonApi => {
            let resource = r.resource_type.clone().unwrap_or_default();
            let id_param = owned_name(r.jsonapi_id.as_deref().unwrap_or("id").to_string());
            let links = r.relationships.iter().map(|rel| {
                let ident = rust_name(&rel.ident);
                let (wire, res) = (&rel.wire, &rel.resource);
                if rel.required {
                    code!(links.push(rt::Linkage { name: #wire, resource: #res, id: &self.#ident });)
                } else {
                    code! {
                        if let Some(id) = &self.#ident {
                            links.push(rt::Linkage { name: #wire, resource: #res, id });
                        }
                    }
                }
            });
            let cap = proc_macro2::Literal::usize_unsuffixed(r.relationships.len());
            let doc2 = format!(
                " A JSON:API document of type {} whose `data.id` is `{id_param}`.",
                docs::code(&resource)
            );
            let links_decl = if r.relationships.is_empty() {
                code!(let links = Vec::new();)
            } else {
                code!(let mut links = Vec::with_capacity(#cap);)
            };
            code! {
                #[doc = #doc]
                #[doc = ""]
                #[doc = #doc2]
                pub fn body(&self, #id_param: &str) -> Result<rt::Body, String> {
                    #links_decl
                    #(#links)*
                    rt::jsonapi_body(#resource, #id_param, self, &links)
                }
            }
        }
    }
}

/// `fn headers(&self)`: per-operation headers, when the operation has any,
/// in spec order. The leading headers that are always sent start the
/// `vec![…]`; the rest are pushed (clippy's `vec_init_then_push` forbids an
/// empty vector followed by pushes).
pub(crate) fn headers_fn(r: &Request) -> Code {
    if r.headers.is_empty() {
        return code!();
    }
    let value = |h: &crate::model::Header| {
        let ident = rust_name(&h.ident);
        match &h.constant {
            Some(c) => code!(#c.to_string()),
            None if h.sensitive => code!(self.#ident.expose().to_string()),
            None => code!(self.#ident.clone()),
        }
    };
    let always = |h: &&crate::model::Header| h.constant.is_some() || h.required;
    let lead: Vec<_> = r.headers.iter().take_while(always).collect();
    let init = lead.iter().map(|h| {
        let wire = &h.wire;
        let v = value(h);
        code!((#wire, #v))
    });
    let pushes: Vec<_> = r.headers[lead.len()..]
        .iter()
        .map(|h| {
            let wire = &h.wire;
            if always(&h) {
                let v = value(h);
                return code!(out.push((#wire, #v)););
            }
            let ident = rust_name(&h.ident);
            let v = if h.sensitive {
                code!(value.expose().to_string())
            } else {
                code!(value.clone())
            };
            code! {
                if let Some(value) = &self.#ident {
                    out.push((#wire, #v));
                }
            }
        })
        .collect();
    let body = if pushes.is_empty() {
        code!(vec![#(#init),*])
    } else {
        code! {
            let mut out = vec![#(#init),*];
            #(#pushes)*
            out
        }
    };
    code! {
        /// The headers this operation sends besides the client's.
        pub fn headers(&self) -> Vec<(&'static str, String)> {
            #body
        }
    }
}

/// The Rust type of a header value: `rt::Secret` for a sensitive one, so
/// it never shows in `Debug`.
fn header_ty(h: &crate::model::Header) -> Code {
    if h.sensitive {
        code!(rt::Secret)
    } else {
        code!(String)
    }
}

/// The Rust name of an operation's error type alias (`UpdateOrderError`).
pub(crate) fn error_alias(op: &Operation) -> Name<'_> {
    rust_name(&op.error_alias)
}
