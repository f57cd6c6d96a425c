//! What the emitters need to know about the provider as a whole, decided
//! once when the model is built: which named types a request can contain
//! (they get validators), which of those check anything, which hold
//! secrets, and which secret keys each response can carry. Every walk of
//! the type graph happens here, each linear in the number of fields; the
//! emitters only ask.

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::{
    Alias, Checks, Field, Header, NamedKind, Object, Operation, Request, RustTy, TypeDef, TypeId,
};
use crate::lang::Scalar;

/// Facts about the named types of a provider.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    /// Named types a request can contain (they get validators).
    pub request_types: BTreeSet<String>,
    /// Named types a response or error body can contain.
    pub response_types: BTreeSet<String>,
    /// Named types that neither side reaches, and the types they contain:
    /// a caller may use them either way.
    pub free_types: BTreeSet<String>,
    /// Request types (objects and aliases) whose validation checks something.
    pub checked: BTreeSet<String>,
    /// Request objects that hold a sensitive value, directly or nested.
    pub secret_holders: BTreeSet<String>,
    /// Objects an `expandable` field expands to (they implement
    /// `rt::Resource`).
    pub expandable: BTreeSet<String>,
}

/// A provider's named types: objects by name (the analysis answers by
/// name), any type by handle.
struct Index<'a> {
    types: &'a [TypeDef],
    objects: HashMap<&'a str, &'a Object>,
    aliases: usize,
}

impl<'a> Index<'a> {
    fn new(types: &'a [TypeDef]) -> Self {
        let mut objects = HashMap::new();
        let mut aliases = 0;
        for t in types {
            match t {
                TypeDef::Object(o) => {
                    objects.insert(o.name.as_str(), o);
                }
                TypeDef::Alias(_) => aliases += 1,
                TypeDef::Enum(_) | TypeDef::Union(_) => {}
            }
        }
        Index {
            types,
            objects,
            aliases,
        }
    }

    /// The named list or map a handle stands for.
    fn alias(&self, id: TypeId) -> Option<&'a Alias> {
        match self.types.get(id.0)? {
            TypeDef::Alias(a) => Some(&**a),
            TypeDef::Object(_) | TypeDef::Enum(_) | TypeDef::Union(_) => None,
        }
    }

    /// The objects a value of type `ty` can hold directly: the object
    /// itself, or each variant of a union (through lists, maps and named
    /// lists and maps, as [`Index::element_object`]).
    fn element_objects(&self, ty: &'a RustTy) -> Vec<&'a str> {
        let mut inner = ty;
        for _ in 0..=(self.aliases + 2 * crate::load::MAX_DEPTH) {
            match inner {
                RustTy::List(i) | RustTy::Map(i) | RustTy::Expandable(i) | RustTy::Open(i) => {
                    inner = i
                }
                RustTy::Named(_, NamedKind::Alias, id) => match self.alias(*id) {
                    Some(a) => inner = &a.ty,
                    None => return Vec::new(),
                },
                RustTy::Named(_, NamedKind::Union, id) => {
                    return match self.types.get(id.0) {
                        Some(TypeDef::Union(u)) => {
                            u.variants.iter().map(|v| v.ty.0.as_str()).collect()
                        }
                        _ => Vec::new(),
                    }
                }
                RustTy::Named(name, NamedKind::Object, _) => return vec![name],
                _ => return Vec::new(),
            }
        }
        Vec::new()
    }

    /// The object a value of type `ty` holds, through lists, maps and named
    /// lists and maps (whose chains the checker bounds and keeps acyclic).
    fn element_object(&self, mut ty: &'a RustTy) -> Option<&'a str> {
        for _ in 0..=(self.aliases + 2 * crate::load::MAX_DEPTH) {
            match ty {
                RustTy::List(inner) | RustTy::Map(inner) | RustTy::Expandable(inner) => ty = inner,
                RustTy::Named(_, NamedKind::Alias, id) => ty = &self.alias(*id)?.ty,
                RustTy::Named(name, NamedKind::Object, _) => return Some(name),
                _ => return None,
            }
        }
        None
    }
}

impl Analysis {
    /// The analysis of `types` used by `operations`.
    pub(crate) fn of(types: &[TypeDef], operations: &[Operation]) -> Analysis {
        let index = Index::new(types);
        let request_types = request_types(&index, operations);
        let roots = operations
            .iter()
            .flat_map(|o| o.response_type.iter().chain(o.error_type.iter()))
            .map(String::as_str);
        let response_types = contained(&index, roots);
        let free = index
            .types
            .iter()
            .map(type_name)
            .filter(|n| !request_types.contains(*n) && !response_types.contains(*n));
        let free_types = contained(&index, free);
        let mut a = Analysis {
            request_types,
            response_types,
            free_types,
            ..Analysis::default()
        };
        // Objects and named lists and maps check something through each
        // other: repeat until nothing more is found (each round adds at
        // least one alias, so at most one round per alias, plus one).
        loop {
            let before = a.checked.len();
            let mut checked = a.closure(&index, |o, a| {
                !o.rules.is_empty() || o.fields.iter().any(|f| a.field_checks(f))
            });
            for t in types {
                if let TypeDef::Alias(alias) = t {
                    if a.request_types.contains(&alias.name) && a.alias_checks(alias) {
                        checked.insert(alias.name.clone());
                    }
                }
            }
            a.checked.extend(checked);
            if a.checked.len() == before {
                break;
            }
        }
        a.secret_holders = a.closure(&index, |o, _| o.fields.iter().any(is_secret));
        a.expandable = index
            .objects
            .values()
            .flat_map(|o| &o.fields)
            .filter_map(|f| match &f.ty {
                RustTy::Expandable(inner) => match &**inner {
                    RustTy::Named(n, NamedKind::Object, _) => Some(n.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        a
    }

    /// Whether validating a value of type `ty` with constraints `c` checks
    /// anything: exactly when the emitted validator code is not empty.
    pub fn value_checks(&self, ty: &RustTy, c: &Checks) -> bool {
        let range = c.minimum.is_some() || c.maximum.is_some() || !c.allowed.is_empty();
        let list = c.min_items.is_some() || c.max_items.is_some() || c.unique_by.is_some();
        let map = c.max_entries.is_some()
            || c.max_key_length.is_some()
            || c.max_value_length.is_some()
            || c.scalar_values;
        match ty {
            RustTy::Scalar(s) if s.is_textual() => {
                c.min_length.is_some()
                    || c.max_length.is_some()
                    || c.pattern.is_some()
                    || s.format().is_some()
                    || !c.allowed.is_empty()
            }
            RustTy::Scalar(s) if s.is_integral() => range,
            RustTy::Scalar(s) if s.is_decimal() => range,
            RustTy::Scalar(Scalar::Boolean) | RustTy::Named(_, NamedKind::Enum, _) => {
                !c.allowed.is_empty()
            }
            RustTy::List(item) => list || self.value_checks(item, &Checks::default()),
            RustTy::Map(item) => map || self.value_checks(item, &Checks::default()),
            // Field-level list or map rules on a named list or map, and its
            // own validator, when it checks something.
            RustTy::Named(name, NamedKind::Alias, _) => list || map || self.checked.contains(name),
            RustTy::Named(name, NamedKind::Object, _) => self.checked.contains(name),
            _ => false,
        }
    }

    /// Whether a field's value is checked (before any object is known to
    /// check something, nested objects count as not checked).
    pub fn field_checks(&self, f: &Field) -> bool {
        self.value_checks(&f.ty, &f.checks)
    }

    /// Whether the validator of a request alias checks anything.
    fn alias_checks(&self, a: &Alias) -> bool {
        match &a.ty {
            RustTy::List(_) | RustTy::Map(_) => self.value_checks(&a.ty, &a.checks),
            _ => false,
        }
    }

    /// The request objects that have a property of their own (`own`,
    /// asked with no object counted yet), then, walking "is contained in"
    /// edges breadth-first, every request object that contains one of them
    /// (in lists and maps too). Linear in the number of fields.
    fn closure(
        &self,
        index: &Index<'_>,
        own: impl Fn(&Object, &Analysis) -> bool,
    ) -> BTreeSet<String> {
        let mut containers: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut queue = VecDeque::new();
        for (&name, o) in &index.objects {
            if !self.request_types.contains(name) {
                continue;
            }
            for f in &o.fields {
                if let Some(inner) = index.element_object(&f.ty) {
                    containers.entry(inner).or_default().push(name);
                }
            }
            if own(o, self) {
                queue.push_back(name);
            }
        }
        let mut found: BTreeSet<String> = queue.iter().map(|n| n.to_string()).collect();
        while let Some(name) = queue.pop_front() {
            for &outer in containers.get(name).into_iter().flatten() {
                if found.insert(outer.to_string()) {
                    queue.push_back(outer);
                }
            }
        }
        found
    }
}

/// Named types reachable from any request's fields.
fn request_types(index: &Index<'_>, operations: &[Operation]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack: Vec<&RustTy> = operations
        .iter()
        .filter_map(|o| o.request.as_ref())
        .flat_map(|r| r.carried_fields().map(|f| &f.ty))
        .collect();
    while let Some(t) = stack.pop() {
        match t {
            RustTy::List(i) | RustTy::Map(i) | RustTy::Expandable(i) => stack.push(i),
            RustTy::Named(n, _, id) if found.insert(n.clone()) => match index.types.get(id.0) {
                Some(TypeDef::Object(o)) => stack.extend(o.fields.iter().map(|f| &f.ty)),
                Some(TypeDef::Alias(a)) => stack.push(&a.ty),
                // The checker keeps unions out of requests.
                Some(TypeDef::Enum(_) | TypeDef::Union(_)) | None => {}
            },
            _ => {}
        }
    }
    found
}

/// The name of a named type.
fn type_name(t: &TypeDef) -> &str {
    match t {
        TypeDef::Object(o) => &o.name,
        TypeDef::Alias(a) => &a.name,
        TypeDef::Union(u) => &u.name,
        TypeDef::Enum(e) => &e.name,
    }
}

/// The named types `roots` and every named type they contain: fields,
/// list and map items, union variants and expandable objects.
fn contained<'a>(index: &Index<'a>, roots: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut stack: Vec<&str> = roots.collect();
    let by_name: HashMap<&str, &TypeDef> = index.types.iter().map(|t| (type_name(t), t)).collect();
    let mut tys: Vec<&RustTy> = Vec::new();
    loop {
        while let Some(t) = tys.pop() {
            match t {
                RustTy::List(i) | RustTy::Map(i) | RustTy::Expandable(i) | RustTy::Open(i) => {
                    tys.push(i)
                }
                RustTy::Named(n, _, _) => stack.push(n),
                RustTy::Scalar(_) | RustTy::AnyScalar => {}
            }
        }
        let Some(name) = stack.pop() else { break };
        if !found.insert(name.to_string()) {
            continue;
        }
        match by_name.get(name) {
            Some(TypeDef::Object(o)) => tys.extend(o.fields.iter().map(|f| &f.ty)),
            Some(TypeDef::Alias(a)) => tys.push(&a.ty),
            Some(TypeDef::Union(u)) => stack.extend(u.variants.iter().map(|v| v.ty.0.as_str())),
            Some(TypeDef::Enum(_)) | None => {}
        }
    }
    found
}

/// For each operation, [`redact_keys`] of its response and error bodies,
/// with one index of `types` for all of them.
pub(crate) fn set_redact_keys(types: &[TypeDef], operations: &mut [Operation]) {
    let index = Index::new(types);
    for op in operations {
        let roots: Vec<&str> = op
            .response_type
            .as_deref()
            .into_iter()
            .chain(op.error_type.as_deref())
            .collect();
        op.redact_keys = redact_keys(&index, &roots);
    }
}

/// Wire names of the secret fields a response or error body of type
/// `roots` can carry, nested objects included: what a client redacts from
/// the body snippets its errors keep.
fn redact_keys(index: &Index<'_>, roots: &[&str]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&str> = roots.to_vec();
    let mut keys = BTreeSet::new();
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        let Some(o) = index.objects.get(name) else {
            continue;
        };
        for f in &o.fields {
            if f.sensitive {
                keys.insert(f.wire.clone());
            }
            stack.extend(index.element_objects(&f.ty));
        }
    }
    keys.into_iter().collect()
}

/// A sensitive text field, held as `rt::Secret`.
pub fn is_secret(f: &Field) -> bool {
    f.sensitive && matches!(f.ty, RustTy::Scalar(s) if s.is_textual())
}

/// Whether validating a request checks anything: exactly when its
/// emitted validator is not empty.
pub fn request_checks(a: &Analysis, r: &Request) -> bool {
    !r.rules.is_empty()
        || r.carried_fields().any(|f| a.field_checks(f))
        || r.headers.iter().any(header_checks)
        || r.patch
            .as_ref()
            .is_some_and(|t| t.params.iter().any(|f| a.field_checks(f)))
}

/// Whether a per-operation header's value is checked.
pub fn header_checks(h: &Header) -> bool {
    h.constant.is_none()
        && (h.checks.min_length.is_some()
            || h.checks.max_length.is_some()
            || h.checks.pattern.is_some()
            || !h.checks.allowed.is_empty())
}
