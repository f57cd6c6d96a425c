//! The Rust namespaces of a generated module, and every way a spec's names
//! could collide in them.
//!
//! Each name a spec gives (a type, an operation, a field, a header, a path
//! parameter, an environment) lands in one or more namespaces of the
//! generated code: the module's types, the client's methods, a request
//! type's methods, the parameters of a generated function. The generator
//! adds names of its own to each (`Client`, `new`, `body`, `request`, …),
//! and the module uses the standard prelude unqualified. Anything that
//! lands twice in one namespace would not compile, or would quietly call
//! the wrong thing; every such spec is refused here, with the position of
//! the name to change.

use std::collections::BTreeMap;

use heck::ToUpperCamelCase;

use super::Checker;
use crate::lang::{field_ident, Template};
use crate::load::model::{Field, Header, Operation};
use crate::load::SpecPath;

/// Names the generated module uses unqualified (the standard prelude and
/// what the module defines itself): no spec type may take one.
pub(crate) const RESERVED_TYPES: [&str; 44] = [
    // Defined by the generated module.
    "Client",
    "Environment",
    "Credentials",
    // The standard prelude (types, traits, variants), used unqualified.
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "ToString",
    "ToOwned",
    "Default",
    "Clone",
    "Copy",
    "Debug",
    "PartialEq",
    "Eq",
    "PartialOrd",
    "Ord",
    "Hash",
    "Into",
    "From",
    "TryFrom",
    "TryInto",
    "AsRef",
    "AsMut",
    "Send",
    "Sync",
    "Sized",
    "Unpin",
    "Drop",
    "Fn",
    "FnMut",
    "FnOnce",
    "Iterator",
    "IntoIterator",
    "DoubleEndedIterator",
    "ExactSizeIterator",
    "Extend",
    "FromIterator",
    "Self",
];

/// Provider names that would clash with the generated crate's own modules,
/// the crates the generated code names, or its cargo features.
pub(crate) const RESERVED_PROVIDERS: [&str; 11] = [
    "runtime",
    "rt",
    "std",
    "core",
    "alloc",
    "serde",
    "serde_json",
    "reqwest",
    "default",
    "providers",
    "tracing",
];

/// Methods of the generated `Client` besides one per operation, and the
/// trait methods it derives.
const CLIENT_METHODS: [&str; 5] = ["new", "with_transport", "base_url", "clone", "fmt"];

/// Methods of a generated request type besides its setters.
const REQUEST_METHODS: [&str; 9] = [
    "new",
    "validate",
    "validate_into",
    "body",
    "headers",
    "secrets",
    "collect_secrets",
    "clone",
    "fmt",
];

/// Methods of a named object a request can contain besides its setters.
const OBJECT_METHODS: [&str; 5] = ["new", "validate_into", "collect_secrets", "clone", "fmt"];

/// Parameters and locals of `Client::new` / `Client::with_transport`,
/// beside one parameter per provider header.
const CLIENT_NEW_LOCALS: [&str; 7] = [
    "environment",
    "credentials",
    "config",
    "transport",
    "headers",
    "core",
    "value",
];

/// Parameters and locals of an operation's method, beside one parameter
/// per path parameter.
const OPERATION_LOCALS: [&str; 5] = ["request", "operation", "http", "path", "keyed"];

impl Checker<'_> {
    /// Every collision in the generated module's namespaces.
    pub(super) fn names(&mut self) {
        self.provider_name();
        self.type_namespace();
        self.client_namespace();
        self.environment_names();
        for (name, op) in &self.spec.spec.operations {
            let path = SpecPath::root().key("operations").key(name);
            self.operation_params(&path, op);
            if let Some(req) = &op.request {
                self.request_members(&path.key("request"), req, &op.headers);
            }
        }
        for name in self.request_objects() {
            match self.spec.spec.types.get(&name).map(|d| d.kind) {
                Some(crate::lang::Kind::Union) => self.err_key(
                    &SpecPath::root().key("types").key(&name),
                    format!("union `{name}` is reachable from a request"),
                    "unions are decoded from responses; a request sends one of the objects itself",
                ),
                _ => self.object_members(&name),
            }
        }
    }

    /// The named objects (and unions, which the checker refuses there) a
    /// request can contain, in spec order: objects get a constructor and
    /// setters.
    fn request_objects(&self) -> Vec<String> {
        let types = &self.spec.spec.types;
        let mut seen = std::collections::HashSet::new();
        let mut stack: Vec<&str> = self
            .spec
            .spec
            .operations
            .values()
            .filter_map(|op| op.request.as_ref())
            .flat_map(|r| r.carried_fields())
            .flat_map(carried)
            .collect();
        while let Some(name) = stack.pop() {
            let Some(def) = types.get(name) else { continue };
            if !seen.insert(name) {
                continue;
            }
            stack.extend(def.items.as_deref());
            stack.extend(def.fields.values().flat_map(carried));
        }
        types
            .iter()
            .filter(|(n, d)| {
                matches!(d.kind, crate::lang::Kind::Object | crate::lang::Kind::Union)
                    && seen.contains(n.as_str())
            })
            .map(|(n, _)| n.clone())
            .collect()
    }

    /// The fields of a request object become its setters, beside its own
    /// methods and one `clear_…` method per clearable field.
    fn object_members(&mut self, name: &str) {
        let Some(def) = self.spec.spec.types.get(name) else {
            return;
        };
        let path = SpecPath::root().key("types").key(name);
        self.no_expandable(&path.key("fields"), &def.fields);
        let mut taken: BTreeMap<String, String> = OBJECT_METHODS
            .iter()
            .map(|m| (m.to_string(), format!("the type's own `{m}`")))
            .collect();
        for (wire, f) in &def.fields {
            let Some(ident) = field_rust_name(wire, f) else {
                continue;
            };
            let at = path.key("fields").key(wire);
            let mut names = vec![(ident.clone(), format!("the setter of field `{wire}`"))];
            if f.nullable {
                names.push((
                    format!("clear_{ident}"),
                    format!("the `clear_{ident}` method of field `{wire}`"),
                ));
            }
            for (method, what) in names {
                match taken.get(&method) {
                    // Two fields with one Rust name are reported by the field checks.
                    Some(first) if first.starts_with("the setter") && what.starts_with("the setter") => {}
                    Some(first) => self.err_key(
                        &at,
                        format!("{what} becomes the method `{method}` of `{name}`, which clashes with {first}"),
                        "give the field another `rust_name:`",
                    ),
                    None => {
                        taken.insert(method, what);
                    }
                }
            }
        }
    }

    fn provider_name(&mut self) {
        let name = &self.spec.spec.provider.name;
        if RESERVED_PROVIDERS.contains(&name.as_str()) {
            self.err_value(
                &SpecPath::root().key("provider").key("name"),
                format!("provider name `{name}` is taken by the generated crate"),
                format!(
                    "it becomes a module and a cargo feature beside the crate's own; reserved: {}",
                    RESERVED_PROVIDERS.join(", ")
                ),
            );
        }
    }

    /// Named types, request types and error aliases share the module.
    fn type_namespace(&mut self) {
        let s = &self.spec.spec;
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for name in s.types.keys() {
            let path = SpecPath::root().key("types").key(name);
            if RESERVED_TYPES.contains(&name.as_str()) {
                self.err_key(
                    &path,
                    format!(
                        "type name `{name}` is taken by the generated module or the Rust prelude"
                    ),
                    format!(
                        "rename it, e.g. `{}{name}`",
                        s.provider.name.to_upper_camel_case()
                    ),
                );
            }
            taken.insert(name.clone(), format!("type `{name}`"));
        }
        for (op_name, op) in &s.operations {
            let path = SpecPath::root().key("operations").key(op_name);
            let camel = op_name.to_upper_camel_case();
            let mut made = vec![format!("{camel}Error")];
            if let Some(r) = &op.request {
                made.push(format!("{camel}Request"));
                if r.encoding == crate::lang::Encoding::JsonPatch {
                    made.push(format!("{camel}Patch"));
                }
            }
            for m in made {
                let what = format!("the `{m}` type of operation `{op_name}`");
                if let Some(first) = taken.insert(m.clone(), what.clone()) {
                    self.err_key(
                        &path,
                        format!("{what} clashes with {first}"),
                        "rename the operation or the type",
                    );
                }
            }
        }
    }

    /// Operations become two client methods each (`x` and `x_request`).
    fn client_namespace(&mut self) {
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for m in CLIENT_METHODS {
            taken.insert(m.to_string(), format!("the client's own `{m}`"));
        }
        for op_name in self.spec.spec.operations.keys() {
            let path = SpecPath::root().key("operations").key(op_name);
            for (method, what) in [
                (op_name.clone(), format!("operation `{op_name}`")),
                (
                    format!("{op_name}_request"),
                    format!("the `{op_name}_request` builder of operation `{op_name}`"),
                ),
            ] {
                if let Some(first) = taken.insert(method.clone(), what.clone()) {
                    self.err_key(
                        &path,
                        format!("{what} clashes with {first} on `Client`"),
                        "rename the operation",
                    );
                }
            }
        }
        let headers = SpecPath::root().key("provider").key("headers");
        for (wire, h) in &self.spec.spec.provider.headers {
            if h.constant.is_some() {
                continue;
            }
            let Some(ident) = header_ident(wire, h) else {
                continue;
            };
            // Two headers with one name are reported by the header checks.
            if CLIENT_NEW_LOCALS.contains(&ident.as_str()) {
                self.err_key(
                    &headers.key(wire),
                    format!("header `{wire}` becomes the parameter `{ident}` of `Client::new`, which the generated code already uses"),
                    format!("give it another `rust_name:`; reserved: {}", CLIENT_NEW_LOCALS.join(", ")),
                );
            }
        }
        let auth = &self.spec.spec.provider.auth;
        for (i, a) in auth.schemes().enumerate() {
            let (Some(u), Some(p)) = (&a.username, &a.password) else {
                continue;
            };
            let at = SpecPath::root().key("provider").key("auth");
            let at = if i == 0 {
                at
            } else {
                at.key("alternatives").index(i - 1)
            };
            if u == p {
                self.err_value(
                    &at.key("password"),
                    format!("the password credential has the same name as the user name, `{p}`"),
                    "they become two fields of `Credentials`; name them apart, e.g. `key_id` and `key_secret`",
                );
            }
        }
    }

    /// Environments become variants beside `Custom`.
    fn environment_names(&mut self) {
        let root = SpecPath::root().key("provider").key("environments");
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        taken.insert("Custom".into(), "the built-in `Environment::Custom`".into());
        for (name, url) in &self.spec.spec.provider.environments {
            let variant = name.to_upper_camel_case();
            let what = format!("environment `{name}`");
            if let Some(first) = taken.insert(variant.clone(), what.clone()) {
                self.err_key(
                    &root.key(name),
                    format!("{what} becomes `Environment::{variant}`, which clashes with {first}"),
                    "rename the environment",
                );
            }
            let vars: Vec<String> = Template::parse(url)
                .map(|t| t.params().map(str::to_string).collect())
                .unwrap_or_default();
            for (i, v) in vars.iter().enumerate() {
                if vars[..i].contains(v) {
                    self.err_value(
                        &root.key(name),
                        format!("`{{{v}}}` appears twice in the URL"),
                        "each URL variable appears once",
                    );
                }
            }
        }
    }

    /// Path parameters become parameters of the operation's methods.
    fn operation_params(&mut self, path: &SpecPath, op: &Operation) {
        for (wire, f) in &op.path_params {
            let Some(ident) = field_rust_name(wire, f) else {
                continue;
            };
            if OPERATION_LOCALS.contains(&ident.as_str()) {
                self.err_key(
                    &path.key("path_params").key(wire),
                    format!("path parameter `{wire}` becomes the parameter `{ident}`, which the operation's method already uses"),
                    format!("give it another name: `rust_name: {ident}_param`; reserved: {}", OPERATION_LOCALS.join(", ")),
                );
            }
        }
    }

    /// Body fields, relationships and per-operation headers become fields
    /// and setters of one request type, beside its own methods and one
    /// `clear_…` method per clearable field.
    fn request_members(
        &mut self,
        path: &SpecPath,
        req: &crate::load::model::Request,
        headers: &indexmap::IndexMap<String, Header>,
    ) {
        // What each name is taken by, and by which group: two fields (or two
        // headers) with one name are reported by the field (header) checks.
        let mut taken: BTreeMap<String, (&str, String)> = REQUEST_METHODS
            .iter()
            .map(|m| {
                (
                    m.to_string(),
                    ("method", format!("the request type's own `{m}`")),
                )
            })
            .collect();
        let mut add =
            |c: &mut Self, at: SpecPath, ident: String, group: &'static str, what: String| {
                match taken.get(&ident) {
                    Some((g, _)) if *g == group && group != "method" => {}
                    Some((_, first)) => c.err_key(
                        &at,
                        format!(
                        "{what} becomes `{ident}` on the request type, which clashes with {first}"
                    ),
                        "give it another `rust_name:`",
                    ),
                    None => {
                        taken.insert(ident, (group, what));
                    }
                }
            };
        for (wire, f) in &req.fields {
            let Some(ident) = field_rust_name(wire, f) else {
                continue;
            };
            let at = path.key("fields").key(wire);
            add(
                self,
                at.clone(),
                ident.clone(),
                "field",
                format!("field `{wire}`"),
            );
            if f.nullable {
                add(
                    self,
                    at,
                    format!("clear_{ident}"),
                    "method",
                    format!("the `clear_{ident}` method of field `{wire}`"),
                );
            }
        }
        for name in req.relationships.keys() {
            if req.fields.contains_key(name) {
                continue; // reported as "both a field and a relationship"
            }
            if let Some(ident) = field_ident(name) {
                let at = path.key("relationships").key(name);
                add(
                    self,
                    at,
                    ident,
                    "relationship",
                    format!("relationship `{name}`"),
                );
            }
        }
        let op_path = path.parent();
        for (wire, h) in headers {
            if h.constant.is_some() {
                continue;
            }
            if let Some(ident) = header_ident(wire, h) {
                let at = op_path.key("headers").key(wire);
                add(self, at, ident, "header", format!("header `{wire}`"));
            }
        }
    }
}

/// The types a request value of field `f` carries: its type and items
/// (not the object of an `expandable`, which is refused there anyway).
fn carried(f: &Field) -> impl Iterator<Item = &str> {
    let items = f
        .items
        .as_deref()
        .filter(|_| f.ty != crate::lang::EXPANDABLE);
    std::iter::once(f.ty.as_str()).chain(items)
}

/// The Rust name a field gets, when it has a usable one (else reported elsewhere).
fn field_rust_name(wire: &str, f: &Field) -> Option<String> {
    match &f.rust_name {
        Some(r) => crate::lang::is_snake(r).then(|| r.clone()),
        None => field_ident(wire),
    }
}

/// The Rust name a header gets, when it has a usable one.
fn header_ident(wire: &str, h: &Header) -> Option<String> {
    match &h.rust_name {
        Some(r) => crate::lang::is_snake(r).then(|| r.clone()),
        None => field_ident(wire),
    }
}
