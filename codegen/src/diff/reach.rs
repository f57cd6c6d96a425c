//! Which side each named type is on: reachable from a request (fields,
//! through objects, lists and maps) or from a response or error body.

use std::collections::{BTreeMap, BTreeSet};

use crate::load::model::{Field, SpecFile, TypeDef};

use super::Direction;

/// The sides each named type of `spec` is reachable from.
pub(super) fn sides(spec: &SpecFile) -> BTreeMap<String, BTreeSet<Direction>> {
    let mut out: BTreeMap<String, BTreeSet<Direction>> = BTreeMap::new();
    let mut request: Vec<&str> = Vec::new();
    let mut response: Vec<&str> = Vec::new();
    for op in spec.operations.values() {
        if let Some(r) = &op.request {
            request.extend(r.carried_fields().flat_map(field_refs));
        }
        request.extend(op.path_params.values().flat_map(field_refs));
        response.extend(op.response.ty.as_deref());
        response.extend(op.errors.iter().filter_map(|e| e.body.as_deref()));
    }
    for (side, roots) in [
        (Direction::Request, request),
        (Direction::Response, response),
    ] {
        for name in closure(spec, roots) {
            out.entry(name).or_default().insert(side);
        }
    }
    out
}

/// The sides a type is compared on: where either spec reaches it, or both
/// sides when no operation of either spec uses it.
pub(super) fn union(
    old: &BTreeMap<String, BTreeSet<Direction>>,
    new: &BTreeMap<String, BTreeSet<Direction>>,
    name: &str,
) -> Vec<Direction> {
    let mut set: BTreeSet<Direction> = BTreeSet::new();
    for map in [old, new] {
        if let Some(s) = map.get(name) {
            set.extend(s.iter().copied());
        }
    }
    if set.is_empty() {
        vec![Direction::Request, Direction::Response]
    } else {
        set.into_iter().collect()
    }
}

/// The type names a field mentions (`type` and `items`).
fn field_refs(f: &Field) -> impl Iterator<Item = &str> {
    std::iter::once(f.ty.as_str()).chain(f.items.as_deref())
}

/// The named types reachable from `roots` (names that are not types are
/// ignored: scalars, `list`, `map`).
fn closure<'a>(spec: &'a SpecFile, roots: Vec<&'a str>) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = roots;
    while let Some(name) = stack.pop() {
        let Some((key, def)) = spec.types.get_key_value(name) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        stack.extend(type_refs(def));
    }
    seen
}

fn type_refs(def: &TypeDef) -> Vec<&str> {
    let mut refs: Vec<&str> = def.fields.values().flat_map(field_refs).collect();
    refs.extend(def.items.as_deref());
    refs.extend(def.variants.values().map(String::as_str));
    refs
}
