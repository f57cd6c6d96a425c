//! JSON Patch requests: the enum of the documented patches (one variant
//! per allowed operation on each patchable path, each with its typed
//! value), and the request type that sends a non-empty list of them.

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;
use heck::ToUpperCamelCase;

use super::ctx::Ctx;
use super::rust_types::{holds_numbers, ty};
use super::{builder, docs, secrets, validate};
use crate::lang::PatchOp;
use crate::model::{Field, Operation, PatchRow, PatchTable, Request, RustTy};

/// The patch enum and the request type of a JSON Patch operation.
pub(crate) fn items(op: &Operation, r: &Request, t: &PatchTable, ctx: &Ctx<'_>) -> Code {
    let patch = patch_enum(op, t, ctx);
    let request = request(op, r, t, ctx);
    code!(#patch #request)
}

/// The variant of `row` for `op` (`ReplacePurchaseUnitsInvoiceId`).
fn variant(op: PatchOp, row: &PatchRow) -> Name<'static> {
    owned_name(format!(
        "{}{}",
        op.name().to_upper_camel_case(),
        row.ident.to_upper_camel_case()
    ))
}

/// Whether a placeholder is a whole number (else text).
fn is_int(f: &Field) -> bool {
    matches!(f.ty, RustTy::Scalar(s) if s.is_integral())
}

fn patch_enum(op: &Operation, t: &PatchTable, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&t.name);
    let doc = format!(
        " One change [`Client::{0}`](Client::{0}) can make: a documented JSON Patch operation on a patchable path, with its typed value.",
        op.ident
    );
    let mut variants = Vec::new();
    let mut constructors = Vec::new();
    let mut ops = Vec::new();
    let mut paths = Vec::new();
    let mut checks = Vec::new();
    let mut serialize = Vec::new();
    let mut secret_arms = Vec::new();
    for row in &t.rows {
        let params: Vec<&Field> = row.params.iter().filter_map(|&i| t.params.get(i)).collect();
        let row_variants: Vec<_> = row.ops.iter().map(|&o| variant(o, row)).collect();
        paths.push(path_arm(&name, row, &params, &row_variants));
        for (&o, v) in row.ops.iter().zip(&row_variants) {
            let value = row.value.as_ref().filter(|_| o.takes_value());
            variants.push(variant_decl(o, row, &params, value));
            constructors.push(constructor(o, row, &params, value, v));
            let op_name = o.name();
            ops.push(code!(#name::#v { .. } => #op_name,));
            let (bind, arm) = match value {
                Some(f) => {
                    let wrapped = if holds_numbers(&f.ty, ctx) {
                        code!(&rt::ser::Numbers(value))
                    } else {
                        code!(value)
                    };
                    (
                        code!(#name::#v { value, .. }),
                        code!(rt::patch_op(serializer, #op_name, &path, Some(#wrapped))),
                    )
                }
                None => (
                    code!(#name::#v { .. }),
                    code!(rt::patch_op(serializer, #op_name, &path, None::<&()>)),
                ),
            };
            serialize.push(code!(#bind => #arm,));
            if let Some(stmts) = value
                .map(|f| secrets::of_field(f, &code!(value), ctx))
                .filter(|s| !s.is_empty())
            {
                secret_arms.push(code!(#name::#v { value, .. } => { #stmts }));
            }
        }
    }
    checks.extend(param_checks(&name, t, variants.len(), ctx));
    checks.extend(value_checks(&name, t, variants.len(), ctx));
    let (path_name, out) = validate::param_names(checks.is_empty());
    let validate_body = code!(#(#checks)*);
    let secrets_method = collect_secrets(&secret_arms, variants.len());
    let derives = ctx.data_derives();
    code! {
        #[doc = #doc]
        #[derive(#derives)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
        }

        impl #name {
            #(#constructors)*

            /// The operation (`add`, `replace` or `remove`).
            pub fn op(&self) -> &'static str {
                match self {
                    #(#ops)*
                }
            }

            /// The JSON Pointer the patch applies to, its placeholders filled in
            /// and escaped as RFC 6901 says (`~` as `~0`, `/` as `~1`).
            pub fn path(&self) -> String {
                match self {
                    #(#paths)*
                }
            }

            /// Records every constraint this patch breaks, under `path`: its
            /// value under `path/value`, a placeholder under `path/path/<name>`.
            #[doc(hidden)]
            pub fn validate_into(&self, #path_name: &rt::Path<'_>, #out: &mut rt::Violations) {
                #validate_body
            }

            #secrets_method
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let path = self.path();
                match self {
                    #(#serialize)*
                }
            }
        }
    }
}

/// The `path()` arm of a row: its variants share one pointer.
fn path_arm(name: &Name<'_>, row: &PatchRow, params: &[&Field], variants: &[Name<'_>]) -> Code {
    let names: Vec<_> = params.iter().map(|f| rust_name(&f.ident)).collect();
    let pats = variants.iter().map(|v| code!(#name::#v { #(#names,)* .. }));
    let expr = if params.is_empty() {
        let text = row.path.as_str();
        code!(#text.to_string())
    } else {
        let fmt = row.path.format_string();
        let args = params.iter().zip(&names).map(|(f, n)| {
            if is_int(f) {
                code!(#n)
            } else {
                code!(rt::pointer_token(#n))
            }
        });
        code!(format!(#fmt, #(#args),*))
    };
    code!(#(#pats)|* => #expr,)
}

fn headline(o: PatchOp, row: &PatchRow) -> String {
    format!(
        " {}",
        docs::code(&format!("{} {}", o.name(), row.path.as_str()))
    )
}

fn variant_decl(o: PatchOp, row: &PatchRow, params: &[&Field], value: Option<&Field>) -> Code {
    let v = variant(o, row);
    let head = headline(o, row);
    let body_docs = docs::noted_attrs(&row.docs, &row.notes);
    let sep = (!row.docs.is_empty() || !row.notes.is_empty()).then(|| code!(#[doc = ""]));
    let members = params.iter().map(|f| {
        let ident = rust_name(&f.ident);
        let d = docs::noted_attrs(&f.docs, &f.notes);
        let t = ty(&f.ty);
        code!(#d #ident: #t,)
    });
    let value_member = value.map(|f| {
        let d = docs::noted_attrs(&f.docs, &f.notes);
        let t = super::rust_types::field_ty(f);
        let fallback =
            (f.docs.is_empty() && f.notes.is_empty()).then(|| code!(#[doc = " The value sent."]));
        code!(#d #fallback value: #t,)
    });
    if params.is_empty() && value.is_none() {
        code!(#[doc = #head] #sep #body_docs #v,)
    } else {
        code!(#[doc = #head] #sep #body_docs #v { #(#members)* #value_member },)
    }
}

fn constructor(
    o: PatchOp,
    row: &PatchRow,
    params: &[&Field],
    value: Option<&Field>,
    v: &Name<'_>,
) -> Code {
    let fn_name = owned_name(row.constructor(o).to_string());
    let doc = format!(
        " A patch that sends {}.",
        docs::code(&format!("{} {}", o.name(), row.path.as_str()))
    );
    let mut args = Vec::new();
    let mut inits = Vec::new();
    for f in params {
        let ident = rust_name(&f.ident);
        let (t, conv) = builder::param(f, &code!(#ident));
        args.push(code!(#ident: #t));
        inits.push(init(&ident, conv));
    }
    if let Some(f) = value {
        let ident = rust_name("value");
        let (t, conv) = builder::param(f, &code!(#ident));
        args.push(code!(#ident: #t));
        inits.push(init(&ident, conv));
    }
    let build = if args.is_empty() {
        code!(Self::#v)
    } else {
        code!(Self::#v { #(#inits)* })
    };
    code! {
        #[doc = #doc]
        pub fn #fn_name(#(#args),*) -> Self {
            #build
        }
    }
}

/// A field initialiser: shorthand when the argument is stored as given.
fn init(ident: &Name<'_>, conv: Code) -> Code {
    if ident.to_string() == conv.as_str().trim() {
        code!(#ident,)
    } else {
        code!(#ident: #conv,)
    }
}

/// The checks of the placeholders: one `match` arm per distinct list of
/// placeholders, over every variant of the rows that have it (empty when
/// no placeholder is checked).
fn param_checks(name: &Name<'_>, t: &PatchTable, variants: usize, ctx: &Ctx<'_>) -> Option<Code> {
    let mut groups: Vec<(&[usize], Vec<Code>)> = Vec::new();
    for row in &t.rows {
        let pats = row.ops.iter().map(|&o| {
            let v = variant(o, row);
            let names = row
                .params
                .iter()
                .filter_map(|&i| t.params.get(i))
                .map(|f| rust_name(&f.ident));
            code!(#name::#v { #(#names,)* .. })
        });
        match groups.iter_mut().find(|(p, _)| *p == row.params.as_slice()) {
            Some((_, all)) => all.extend(pats),
            None => groups.push((&row.params, pats.collect())),
        }
    }
    let mut arms = Vec::new();
    let mut covered = 0;
    for (params, pats) in &groups {
        let mut body = Vec::new();
        for f in params.iter().filter_map(|&i| t.params.get(i)) {
            let ident = rust_name(&f.ident);
            let wire = &f.wire;
            let checks =
                validate::value_checks(&f.ty, &f.checks, false, &code!(value), &code!(path), ctx);
            if !checks.is_empty() {
                body.push(code!({
                    let value = #ident;
                    let path = params.field(#wire);
                    #checks
                }));
            }
        }
        if !body.is_empty() {
            covered += pats.len();
            arms.push(code!(#(#pats)|* => { #(#body)* }));
        }
    }
    if arms.is_empty() {
        return None;
    }
    let rest = (covered < variants).then(|| code!(_ => {}));
    Some(code! {
        let params = path.field("path");
        match self {
            #(#arms)*
            #rest
        }
    })
}

/// The checks of the values: one `match` arm per row whose value is
/// checked, over its `add` and `replace` variants.
fn value_checks(name: &Name<'_>, t: &PatchTable, variants: usize, ctx: &Ctx<'_>) -> Option<Code> {
    let mut covered = 0;
    let arms: Vec<Code> = t
        .rows
        .iter()
        .filter_map(|row| {
            let f = row.value.as_ref()?;
            let secret = super::rust_types::is_secret(f);
            let body =
                validate::value_checks(&f.ty, &f.checks, secret, &code!(value), &code!(path), ctx);
            if body.is_empty() {
                return None;
            }
            let pats: Vec<Code> = row
                .ops
                .iter()
                .filter(|o| o.takes_value())
                .map(|&o| {
                    let v = variant(o, row);
                    code!(#name::#v { value, .. })
                })
                .collect();
            covered += pats.len();
            Some(code!(#(#pats)|* => { #body }))
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    let rest = (covered < variants).then(|| code!(_ => {}));
    Some(code! {
        let path = path.field("value");
        match self {
            #(#arms)*
            #rest
        }
    })
}

/// `fn collect_secrets` of the patch enum, when a value can hold secrets.
fn collect_secrets(arms: &[Code], variants: usize) -> Code {
    if arms.is_empty() {
        return code!();
    }
    let rest = (arms.len() < variants).then(|| code!(_ => {}));
    code! {
        /// Adds the secrets this patch's value holds to `out`, so the client
        /// keeps them out of everything it shows.
        #[doc(hidden)]
        pub fn collect_secrets(&self, out: &mut rt::Secrets) {
            match self {
                #(#arms)*
                #rest
            }
        }
    }
}

/// Whether a patch of `t` can hold a secret (its enum has `collect_secrets`).
pub(crate) fn holds_secrets(t: &PatchTable, ctx: &Ctx<'_>) -> bool {
    t.rows.iter().any(|row| {
        row.value
            .as_ref()
            .is_some_and(|f| !secrets::of_field(f, &code!(value), ctx).is_empty())
    })
}

fn request(op: &Operation, r: &Request, t: &PatchTable, ctx: &Ctx<'_>) -> Code {
    let name = rust_name(&r.name);
    let patch = rust_name(&t.name);
    let mut doc_lines = vec![
        format!(
            "Body of [`Client::{0}`](Client::{0}): a JSON Patch, the list of changes to apply, in order.",
            op.ident
        ),
        String::new(),
        format!(
            "Each change is a [`{}`]; the request holds at least one.",
            t.name
        ),
    ];
    if !r.docs.is_empty() {
        doc_lines.push(String::new());
        doc_lines.extend(docs::escaped(&r.docs));
    }
    let docs = docs::raw(&doc_lines);
    let headers = super::request::header_parts(r, false, ctx);
    let (h_decls, h_params, h_inits, h_setters, h_checks) = (
        &headers.decls,
        &headers.params,
        &headers.inits,
        &headers.setters,
        &headers.checks,
    );
    let header_fn = super::request::headers_fn(r);
    let has_checks = crate::model::analysis::request_checks(&ctx.provider.analysis, r);
    let (path, out) = validate::param_names(!has_checks);
    let patch_checks = has_checks.then(|| {
        code! {
            for (i, patch) in self.patches.iter().enumerate() {
                patch.validate_into(&path.index(i), violations);
            }
        }
    });
    let secret_patches = holds_secrets(t, ctx);
    let secrets = super::secrets::request_method(&[], &r.headers, ctx).0;
    let secrets = if secret_patches {
        let header_secrets = super::secrets::header_stmts(&r.headers);
        code! {
            /// The secrets this request holds (in its patches and headers), which
            /// the client keeps out of everything it shows.
            #[doc(hidden)]
            pub fn secrets(&self) -> rt::Secrets {
                let mut secrets = rt::Secrets::new();
                let out = &mut secrets;
                for patch in &self.patches {
                    patch.collect_secrets(out);
                }
                #header_secrets
                secrets
            }
        }
    } else {
        secrets
    };
    let new_doc = " A request that applies `patch`; add more with [`patch`](Self::patch).";
    let derives = ctx.data_derives();
    code! {
        #docs
        #[derive(#derives)]
        pub struct #name {
            patches: Vec<#patch>,
            #(#h_decls)*
        }

        impl #name {
            #[doc = #new_doc]
            pub fn new(patch: #patch #(, #h_params)*) -> Self {
                Self {
                    patches: vec![patch],
                    #(#h_inits)*
                }
            }

            /// Adds a change, applied after the ones before it.
            pub fn patch(mut self, patch: #patch) -> Self {
                self.patches.push(patch);
                self
            }

            /// The changes, in the order they are sent.
            pub fn patches(&self) -> &[#patch] {
                &self.patches
            }

            #(#h_setters)*

            /// Checks the request against the docs' constraints and returns
            /// every violation at once. Client methods call this before sending.
            pub fn validate(&self) -> Result<(), rt::ValidationErrors> {
                let mut violations = rt::Violations::new();
                self.validate_into(&rt::Path::root(), &mut violations);
                violations.finish()
            }

            /// Records every constraint this request breaks, under `path`
            /// (the `i`th patch under `path/i`).
            #[doc(hidden)]
            pub fn validate_into(&self, #path: &rt::Path<'_>, #out: &mut rt::Violations) {
                #patch_checks
                #(#h_checks)*
            }

            /// The encoded body: a JSON array of the patches.
            pub fn body(&self) -> Result<rt::Body, String> {
                rt::json_body(&self.patches)
            }

            #header_fn
            #secrets
        }
    }
}
