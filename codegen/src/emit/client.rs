//! The client: environments, credentials, construction, and one method per
//! operation (plus a `…_request` builder that shows exactly what is sent).

use crate::code::{owned_name, rust_name, Code, Name};
use codegen_macros::code;

use super::ctx::Ctx;
use super::docs;
use super::request::error_alias;
use crate::lang::Encoding;
use crate::model::analysis::header_checks;
use crate::model::{Auth, Operation, Provider, RustTy};

/// Environment, credentials, client and methods of a provider.
pub(crate) fn client(p: &Provider, ctx: &Ctx<'_>) -> Code {
    let env = environment(p);
    let creds = credentials(p);
    let title = docs::inline(&p.title);
    let provider_name = &p.name;
    let header_params: Vec<Code> = p
        .headers
        .iter()
        .filter(|h| h.constant.is_none())
        .map(|h| {
            let ident = rust_name(&h.ident);
            match (h.required, h.sensitive) {
                (true, false) => code!(#ident: impl Into<String>),
                (true, true) => code!(#ident: impl Into<rt::Secret>),
                (false, false) => code!(#ident: Option<String>),
                (false, true) => code!(#ident: Option<rt::Secret>),
            }
        })
        .collect();
    let fixed = p
        .headers
        .iter()
        .filter(|h| h.constant.is_some() || h.required)
        .map(|h| {
            let wire = &h.wire;
            match &h.constant {
                Some(c) => code!((#wire.to_string(), #c.to_string())),
                // A checked header was converted (and checked) above.
                None if h.sensitive && header_checks(h) => {
                    let ident = rust_name(&h.ident);
                    code!((#wire.to_string(), #ident.expose().to_string()))
                }
                None if h.sensitive => {
                    let ident = rust_name(&h.ident);
                    code!((#wire.to_string(), #ident.into().expose().to_string()))
                }
                None if header_checks(h) => {
                    let ident = rust_name(&h.ident);
                    code!((#wire.to_string(), #ident))
                }
                None => {
                    let ident = rust_name(&h.ident);
                    code!((#wire.to_string(), #ident.into()))
                }
            }
        });
    let header_validation = provider_header_checks(p, ctx);
    let optional: Vec<Code> = p
        .headers
        .iter()
        .filter(|h| h.constant.is_none() && !h.required)
        .map(|h| {
            let wire = &h.wire;
            let ident = rust_name(&h.ident);
            let value = if h.sensitive {
                code!(value.expose().to_string())
            } else {
                code!(value)
            };
            code! {
                if let Some(value) = #ident {
                    headers.push((#wire.to_string(), #value));
                }
            }
        })
        .collect();
    let headers_mut = if optional.is_empty() {
        code!()
    } else {
        code!(mut)
    };
    let header_docs: Vec<String> = p
        .headers
        .iter()
        .filter(|h| h.constant.is_none())
        .map(|h| {
            format!(
                "- `{}`: sent as the `{}` header. {}",
                h.ident,
                h.wire,
                h.docs.join(" ")
            )
        })
        .collect();
    let mut header_lines = Vec::new();
    if !header_docs.is_empty() {
        header_lines.push(String::new());
        header_lines.extend(header_docs.iter().map(|l| docs::escape(l)));
    }
    let header_lines = docs::raw(&header_lines);
    let new_doc = format!(" A {title} client over HTTPS (`reqwest`, rustls) with `config`'s timeouts, limits and retries.");
    let with_doc = format!(
        " A {title} client that sends requests through `transport`; only `config.retry` applies."
    );
    let header_args: Vec<_> = p
        .headers
        .iter()
        .filter(|h| h.constant.is_none())
        .map(|h| rust_name(&h.ident))
        .collect();
    let auth = auth_expr(p);
    let sensitive_headers = p.headers.iter().filter(|h| h.sensitive).map(|h| &h.wire);
    let methods = p.operations.iter().map(|op| method(p, op, ctx));
    let aliases = p.operations.iter().map(|op| {
        let alias = error_alias(op);
        let (target, doc) = match &op.error_type {
            Some(t) => {
                let t = rust_name(t);
                let doc = format!(
                    " The error body of [`Client::{}`](Client::{}).",
                    op.ident, op.ident
                );
                (code!(#t), doc)
            }
            None => (
                code!(serde_json::Value),
                format!(
                    " The error body of [`Client::{}`](Client::{}): the docs describe none, so it is the server's JSON as it came (a body that is not JSON leaves `body` empty and shows in the error's `snippet`).",
                    op.ident, op.ident
                ),
            ),
        };
        code!(#[doc = #doc] pub type #alias = #target;)
    });
    let client_doc = format!(" A {title} API client. Cheap to clone; clones share the transport.");
    code! {
        #env
        #creds

        #[doc = #client_doc]
        ///
        /// Each operation's method checks and builds its request when called
        /// and returns a `Send` future that sends it. The future borrows the
        /// client only, not the arguments, and a broken request comes back
        /// from it as an error, with nothing sent.
        #[derive(Debug, Clone)]
        pub struct Client {
            core: rt::ClientCore,
        }

        impl Client {
            #[doc = #new_doc]
            #header_lines
            ///
            /// Fails when the base URL is not a usable http(s) URL, or a header value or credential contains a control character.
            pub fn new(
                environment: &Environment,
                credentials: &Credentials,
                #(#header_params,)*
                config: &rt::ClientConfig,
            ) -> Result<Self, rt::ConfigError> {
                let transport = std::sync::Arc::new(rt::ReqwestTransport::new(config)?);
                Self::with_transport(environment, credentials, #(#header_args,)* transport, config)
            }

            #[doc = #with_doc]
            #header_lines
            ///
            /// Fails when the base URL is not a usable http(s) URL, or a header value or credential contains a control character.
            pub fn with_transport(
                environment: &Environment,
                credentials: &Credentials,
                #(#header_params,)*
                transport: std::sync::Arc<dyn rt::Transport>,
                config: &rt::ClientConfig,
            ) -> Result<Self, rt::ConfigError> {
                #header_validation
                let #headers_mut headers: Vec<(String, String)> = vec![#(#fixed),*];
                #(#optional)*
                let core = rt::ClientCore::new(#provider_name, environment.base_url()?, &#auth, headers, &[#(#sensitive_headers),*], transport, config.retry.clone())
                    .map_err(rt::ConfigError)?;
                Ok(Client { core })
            }

            /// The base URL requests go to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #(#methods)*
        }

        #(#aliases)*
    }
}

fn environment(p: &Provider) -> Code {
    let title = docs::inline(&p.title);
    let variants = p.environments.iter().map(|e| {
        let ident = rust_name(&e.variant);
        let doc = format!(" {}", docs::code(e.url.as_str()));
        if e.variables.is_empty() {
            code!(#[doc = #doc] #ident,)
        } else {
            let fields = e.variables.iter().map(|v| {
                let ident = rust_name(&v.name);
                let d = if v.docs.is_empty() {
                    docs::raw(&[format!("`{{{}}}` in the URL.", v.name)])
                } else {
                    docs::attrs(&v.docs)
                };
                code!(#d #ident: String,)
            });
            code!(#[doc = #doc] #ident { #(#fields)* },)
        }
    });
    let arms = p.environments.iter().map(|e| {
        let ident = rust_name(&e.variant);
        if e.variables.is_empty() {
            let url = e.url.as_str();
            code!(Environment::#ident => Ok(#url.to_string()),)
        } else {
            let fmt = e.url.format_string();
            let idents: Vec<_> = e.variables.iter().map(|v| rust_name(&v.name)).collect();
            let names = e.variables.iter().map(|v| &v.name);
            code! {
                Environment::#ident { #(#idents),* } => {
                    #(rt::check_url_variable(#names, #idents).map_err(rt::ConfigError)?;)*
                    Ok(format!(#fmt, #(#idents),*))
                }
            }
        }
    });
    let doc = format!(" Where the {title} API lives.");
    code! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Environment {
            #(#variants)*
            /// Any other base URL, e.g. a local test server.
            Custom(String),
        }

        impl Environment {
            /// The base URL. Fails when a URL variable is not a DNS label,
            /// so a value cannot send requests (and credentials) elsewhere.
            pub fn base_url(&self) -> Result<String, rt::ConfigError> {
                match self {
                    #(#arms)*
                    Environment::Custom(url) => Ok(url.clone()),
                }
            }
        }
    }
}

/// The credential names of one scheme, in order.
fn credential_names(a: &Auth) -> Vec<String> {
    match a {
        Auth::Basic { username, password } => std::iter::once(username.clone())
            .chain(password.clone())
            .collect(),
        Auth::Bearer { token } => vec![token.clone()],
        Auth::ClientCredentials {
            client_id,
            client_secret,
            ..
        } => vec![client_id.clone(), client_secret.clone()],
    }
}

/// What a scheme is, for docs.
fn scheme_text(a: &Auth) -> &'static str {
    match a {
        Auth::Basic { password: None, .. } => "HTTP Basic, with an empty password",
        Auth::Basic { .. } => "HTTP Basic",
        Auth::Bearer { .. } => "a Bearer token",
        Auth::ClientCredentials { .. } => {
            "OAuth 2.0 client credentials: the client gets a Bearer token from the token endpoint, keeps it until shortly before it expires, and fetches a new one then or after a 401"
        }
    }
}

/// The variant (and constructor) name of a scheme among several.
fn scheme_names(a: &Auth) -> (Name<'static>, Name<'static>) {
    match a {
        Auth::Basic { .. } => (rust_name("Basic"), rust_name("basic")),
        Auth::Bearer { .. } => (rust_name("Bearer"), rust_name("bearer")),
        Auth::ClientCredentials { .. } => (
            rust_name("ClientCredentials"),
            rust_name("client_credentials"),
        ),
    }
}

/// `Credentials`: a struct of the one scheme's secrets, or an enum with a
/// variant (and a constructor) per scheme when the provider accepts
/// several and the caller picks one.
fn credentials(p: &Provider) -> Code {
    if let [one] = p.auth.as_slice() {
        let names = credential_names(one);
        let idents: Vec<_> = names.iter().map(|n| rust_name(n)).collect();
        let doc = format!(
            " The credentials {} calls authenticate with ({}). `Debug` never shows them.",
            docs::inline(&p.title),
            scheme_text(one)
        );
        let field_docs = names.iter().map(|n| format!(" `{n}`, a secret."));
        return code! {
            #[doc = #doc]
            #[derive(Debug, Clone)]
            pub struct Credentials {
                #(#[doc = #field_docs] pub #idents: rt::Secret,)*
            }

            impl Credentials {
                /// Credentials from their values.
                pub fn new(#(#idents: impl Into<rt::Secret>),*) -> Self {
                    Credentials { #(#idents: #idents.into()),* }
                }
            }
        };
    }
    let doc = format!(
        " The credentials {} calls authenticate with: the provider accepts {} schemes, and the caller picks one. `Debug` never shows them.",
        docs::inline(&p.title),
        p.auth.len()
    );
    let variants = p.auth.iter().map(|a| {
        let (variant, _) = scheme_names(a);
        let idents = credential_names(a).into_iter().map(|n| owned_name(n));
        let doc = format!(" {}.", scheme_text(a));
        code! {
            #[doc = #doc]
            #variant { #(
                /// A secret.
                #idents: rt::Secret,
            )* },
        }
    });
    let constructors = p.auth.iter().map(|a| {
        let (variant, ctor) = scheme_names(a);
        let idents: Vec<_> = credential_names(a)
            .into_iter()
            .map(|n| owned_name(n))
            .collect();
        let doc = format!(" Credentials for {}.", scheme_text(a));
        code! {
            #[doc = #doc]
            pub fn #ctor(#(#idents: impl Into<rt::Secret>),*) -> Self {
                Credentials::#variant { #(#idents: #idents.into()),* }
            }
        }
    });
    code! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        pub enum Credentials {
            #(#variants)*
        }

        impl Credentials {
            #(#constructors)*
        }
    }
}

/// The runtime's `rt::Auth` of a scheme, from credentials bound by name.
/// Where a scheme's credentials are read from.
#[derive(Clone, Copy)]
enum Holder {
    /// The one scheme's `Credentials` struct.
    Struct,
    /// The locals a `match credentials` arm binds.
    Locals,
}

fn scheme_auth(a: &Auth, holder: Holder) -> Code {
    // A struct's field (`credentials.api_key`), or the local a match arm
    // binds it to (`credential_api_key`).
    let field = |name: &str| match holder {
        Holder::Struct => {
            let ident = rust_name(name);
            code!(credentials.#ident.clone())
        }
        Holder::Locals => {
            let ident = owned_name(format!("credential_{}", name));
            code!(#ident.clone())
        }
    };
    match a {
        Auth::Basic { username, password } => {
            let u = field(username);
            let pw = match password {
                Some(pw) => {
                    let pw = field(pw);
                    code!(Some(#pw))
                }
                None => code!(None),
            };
            code!(rt::Auth::Basic { username: #u, password: #pw })
        }
        Auth::Bearer { token } => {
            let t = field(token);
            code!(rt::Auth::Bearer(#t))
        }
        Auth::ClientCredentials {
            token_url,
            client_id,
            client_secret,
            client_auth,
            scope,
        } => {
            let (id, secret) = (field(client_id), field(client_secret));
            let scope = match scope {
                Some(s) => code!(Some(#s.to_string())),
                None => code!(None),
            };
            let how = owned_name(
                (match client_auth {
                    crate::lang::ClientAuth::Basic => "Basic",
                    crate::lang::ClientAuth::Form => "Form",
                    crate::lang::ClientAuth::Json => "Json",
                })
                .to_string(),
            );
            // An absolute token endpoint belongs to the documented
            // environments: a custom one (a test server, a proxy) must say
            // where its tokens come from, or the credentials would go to
            // the production endpoint.
            let token_url = if token_url.starts_with('/') {
                code!(config.token_url.clone().unwrap_or_else(|| #token_url.to_string()))
            } else {
                code!(match (&config.token_url, environment) {
                    (Some(url), _) => url.clone(),
                    (None, Environment::Custom(_)) => {
                        return Err(rt::ConfigError(
                            "a custom environment needs `ClientConfig::token_url`: the spec's token endpoint belongs to the documented environments".into(),
                        ))
                    }
                    (None, _) => #token_url.to_string(),
                })
            };
            code!(rt::Auth::ClientCredentials(rt::ClientCredentials {
                token_url: #token_url,
                client_id: #id,
                client_secret: #secret,
                scope: #scope,
                client_auth: rt::ClientAuth::#how,
            }))
        }
    }
}

fn auth_expr(p: &Provider) -> Code {
    if let [one] = p.auth.as_slice() {
        return scheme_auth(one, Holder::Struct);
    }
    // The fields are bound to `credential_<name>`, so a credential named
    // like a local of `Client::new` (`config`, `environment`) shadows none.
    let arms = p.auth.iter().map(|a| {
        let (variant, _) = scheme_names(a);
        let names = credential_names(a);
        let fields = names.iter().map(|n| rust_name(n));
        let locals = names
            .iter()
            .map(|n| owned_name(format!("credential_{}", n)));
        let auth = scheme_auth(a, Holder::Locals);
        code!(Credentials::#variant { #(#fields: #locals),* } => #auth,)
    });
    code!(match credentials { #(#arms)* })
}

/// The method of an operation and its request builder.
fn method(p: &Provider, op: &Operation, ctx: &Ctx<'_>) -> Code {
    let ident = rust_name(&op.ident);
    let builder = owned_name(format!("{}_request", op.ident));
    let response = match &op.response_type {
        Some(t) => {
            let t = rust_name(t);
            code!(#t)
        }
        None => code!(rt::NoContent),
    };
    let error = error_alias(op);
    let params: Vec<Code> = op
        .path_params
        .iter()
        .map(|f| {
            let id = rust_name(&f.ident);
            match f.ty {
                RustTy::Scalar(s) if s.is_integral() => code!(#id: i64),
                _ => code!(#id: &str),
            }
        })
        .collect();
    let args: Vec<_> = op.path_params.iter().map(|f| rust_name(&f.ident)).collect();
    let (req_param, req_arg) = match &op.request {
        Some(r) => {
            let name = rust_name(&r.name);
            (code!(request: &#name,), code!(request,))
        }
        None => (code!(), code!()),
    };
    // The path parameters are in the order of the template's placeholders.
    let fmt = op.path.format_string();
    // A text segment is encoded (and may fail) in a statement of its own
    // inside the block, shadowing the parameter there only: `format!`'s
    // arguments stay plain names, which the formatter leaves as they are.
    let mut seg_args = Vec::new();
    let mut encoded = Vec::new();
    for f in &op.path_params {
        let id = rust_name(&f.ident);
        seg_args.push(match f.ty {
            RustTy::Scalar(s) if s.is_integral() => code!(rt::segment_int(#id)),
            _ => {
                let name = &f.wire;
                encoded.push(code!(let #id = rt::segment(#name, #id).map_err(rt::Error::Build)?;));
                code!(#id)
            }
        });
    }
    let path_expr = if seg_args.is_empty() {
        code!(#fmt.to_string())
    } else if encoded.is_empty() {
        code!(format!(#fmt, #(#seg_args),*))
    } else {
        code!({
            #(#encoded)*
            format!(#fmt, #(#seg_args),*)
        })
    };
    let param_checks = path_param_checks(op, ctx);
    let method_variant = owned_name(op.method.variant().to_string());
    let (validate, body, headers, secrets) = match &op.request {
        Some(r) => {
            let body = if r.encoding == Encoding::JsonApi {
                let id = owned_name(r.jsonapi_id.as_deref().unwrap_or("id").to_string());
                code!(Some(request.body(#id).map_err(rt::Error::Build)?))
            } else {
                code!(Some(request.body().map_err(rt::Error::Build)?))
            };
            let headers = if r.headers.is_empty() {
                code!(&[])
            } else {
                code!(&request.headers())
            };
            let (_, mut secrets) = super::secrets::request_method(&r.fields, &r.headers, ctx);
            if r.patch
                .as_ref()
                .is_some_and(|t| super::patch::holds_secrets(t, ctx))
            {
                secrets = code!(request.secrets());
            }
            (code!(request.validate()?;), body, headers, secrets)
        }
        None => (code!(), code!(None), code!(&[]), code!(rt::Secrets::new())),
    };
    let (provider, name, retry_safe) = (&p.name, &op.ident, op.retry_safe);
    let status = proc_macro2::Literal::u16_unsuffixed(op.success_status);
    let sensitive = &op.redact_keys;
    let mut generated = vec![
        String::new(),
        match &op.response_type {
            Some(t) => format!(
                "Sends {}; answers `{}` with [`{t}`]. A success without a body (a `204`, an empty `200`) is [`rt::Error::Decode`]: the request was applied, but the documented body did not come.",
                docs::code(&format!("{} {}", op.method, op.path)),
                op.success_status
            ),
            None => format!(
                "Sends {}; answers `{}` without a body: any 2xx is success, whatever body it has.",
                docs::code(&format!("{} {}", op.method, op.path)),
                op.success_status
            ),
        },
    ];
    if !op.retry_safe {
        generated.push("Not safe to retry: a repeated call may apply the change twice.".into());
    }
    generated.extend(super::idempotency::doc(op));
    generated.push(String::new());
    generated.push("# Errors".into());
    generated.push(String::new());
    generated.push("[`rt::Error::Validation`] before anything is sent when the request breaks the docs' constraints.".into());
    let mut documented: Vec<String> = Vec::new();
    if !op.errors.is_empty() {
        generated.push(String::new());
        generated.push("Documented failures ([`rt::Error::Api`]):".into());
        for e in &op.errors {
            let status = e.status;
            let mut line = if e.message.is_empty() {
                format!("- {status} (the docs give no message).")
            } else {
                format!("- {status}: {}", e.message)
            };
            line.push_str(&format!(" Cause: {}", e.describe()));
            documented.push(line);
        }
    }
    let spec_docs = docs::attrs(&op.docs);
    let gen_docs = docs::raw(&generated);
    let error_docs = docs::attrs(&documented);
    let notes = if op.notes.is_empty() {
        code!()
    } else {
        let mut lines = vec![String::new(), "# Spec notes".to_string(), String::new()];
        lines.extend(docs::escaped(&op.notes));
        docs::raw(&lines)
    };
    let docs = code!(#spec_docs #gen_docs #error_docs #notes);
    let fill = super::idempotency::fill(op);
    let builder_doc = format!(
        " Validates and builds the request [`Client::{}`](Client::{}) sends, without sending it: method, URL, headers and body.",
        op.ident, op.ident
    );
    code! {
        #docs
        pub fn #ident(&self, #(#params,)* #req_param)
            -> impl std::future::Future<Output = Result<#response, rt::Error<#error>>> + Send + '_
        {
            self.core.send(self.#builder(#(#args,)* #req_arg), #status, &[#(#sensitive),*])
        }

        #[doc = #builder_doc]
        pub fn #builder(&self, #(#params,)* #req_param) -> Result<rt::HttpRequest, rt::Error<#error>> {
            #param_checks
            #fill
            #validate
            let operation = rt::OperationInfo {
                provider: #provider,
                name: #name,
                method: rt::Method::#method_variant,
                retry_safe: #retry_safe,
            };
            let path = #path_expr;
            self.core
                .request(operation, &path, #headers, #body, #secrets)
                .map_err(rt::Error::Build)
        }
    }
}

/// The constraints of the provider headers given to `Client::new`,
/// checked before the client is built: a value that breaks one is a
/// `ConfigError` naming the header and the rule (never the value of a
/// sensitive header). A required checked header is converted first.
fn provider_header_checks(p: &Provider, ctx: &Ctx<'_>) -> Code {
    let checked: Vec<&crate::model::Header> =
        p.headers.iter().filter(|h| header_checks(h)).collect();
    if checked.is_empty() {
        return code!();
    }
    let converts = checked.iter().filter(|h| h.required).map(|h| {
        let ident = rust_name(&h.ident);
        if h.sensitive {
            code!(let #ident: rt::Secret = #ident.into();)
        } else {
            code!(let #ident: String = #ident.into();)
        }
    });
    let checks = checked.iter().map(|h| {
        let ident = rust_name(&h.ident);
        let wire = &h.wire;
        let body = super::validate::value_checks(
            &RustTy::Scalar(crate::lang::Scalar::String),
            &h.checks,
            h.sensitive,
            &code!(value),
            &code!(path),
            ctx,
        );
        let inner = code!(let path = headers_path.field(#wire); #body);
        if h.required {
            code!({ let value = &#ident; #inner })
        } else {
            code!(if let Some(value) = &#ident { #inner })
        }
    });
    code! {
        #(#converts)*
        {
            let mut violations = rt::Violations::new();
            let root = rt::Path::root();
            let headers_path = root.field("headers");
            #(#checks)*
            violations.finish().map_err(|e| rt::ConfigError(e.to_string()))?;
        }
    }
}

/// The constraints of the path parameters, checked before anything else,
/// with the same violations as body fields (the path is the wire name).
fn path_param_checks(op: &Operation, ctx: &Ctx<'_>) -> Code {
    let checks: Vec<Code> = op
        .path_params
        .iter()
        .filter_map(|f| {
            let value = code!(value);
            let path = code!(path);
            let body = super::validate::value_checks(&f.ty, &f.checks, false, &value, &path, ctx);
            if body.is_empty() {
                return None;
            }
            let id = rust_name(&f.ident);
            let wire = &f.wire;
            let bind = match f.ty {
                RustTy::Scalar(s) if s.is_integral() => code!(let value = &#id;),
                _ => code!(let value = &String::from(#id);),
            };
            Some(code! {
                {
                    #bind
                    let path = root.field(#wire);
                    #body
                }
            })
        })
        .collect();
    if checks.is_empty() {
        return code!();
    }
    code! {
        let mut violations = rt::Violations::new();
        let root = rt::Path::root();
        #(#checks)*
        violations.finish()?;
    }
}
