//! What every part of the diff shares: where a change is ([`At`]), the
//! collector every change goes through ([`Collector`], which asks the rules
//! table for its severity), and small helpers. Its own module, so the
//! walkers (`compare`, `operations`, `fields`, `constraints`) depend on it
//! and not on each other in a cycle.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, Direction, Kind};
use crate::load::model::SpecFile;

/// Where a change is.
#[derive(Debug, Clone, Default)]
pub(super) struct At {
    pub(super) path: String,
    pub(super) operation: Option<String>,
    pub(super) ty: Option<String>,
    pub(super) field: Option<String>,
}

impl At {
    pub(super) fn root(path: &str) -> Self {
        At {
            path: path.to_string(),
            ..At::default()
        }
    }

    /// One level down.
    pub(super) fn key(&self, key: &str) -> Self {
        At {
            path: format!("{}.{key}", self.path),
            ..self.clone()
        }
    }

    /// One level down, at the field (parameter, header, value) `name`.
    pub(super) fn field(&self, name: &str) -> Self {
        At {
            field: Some(name.to_string()),
            ..self.key(name)
        }
    }
}

/// The changes found so far, for one provider, with both versions of its
/// spec (the walkers lower what they compare through them).
pub(super) struct Collector<'s> {
    provider: String,
    pub(super) changes: Vec<Change>,
    /// The old spec of the provider.
    pub(super) old: &'s SpecFile,
    /// The new spec of the provider.
    pub(super) new: &'s SpecFile,
    /// The object fields each spec's model boxes (old, new): (type, wire).
    pub(super) boxed: [BTreeSet<(String, String)>; 2],
}

impl<'s> Collector<'s> {
    /// No changes yet, for `provider` from `old` to `new`.
    pub(super) fn new(provider: &str, old: &'s SpecFile, new: &'s SpecFile) -> Self {
        Collector {
            provider: provider.to_string(),
            changes: Vec::new(),
            old,
            new,
            boxed: [
                crate::model::boxed_fields(old),
                crate::model::boxed_fields(new),
            ],
        }
    }

    /// Records a change if the rules table reports `kind` on `direction`;
    /// returns it so a hint can be added.
    pub(super) fn push(
        &mut self,
        kind: Kind,
        direction: Direction,
        at: &At,
        detail: impl Into<String>,
    ) -> Option<&mut Change> {
        let severity = kind.severity(direction)?;
        self.changes.push(Change {
            severity,
            direction,
            kind,
            path: at.path.clone(),
            provider: self.provider.clone(),
            operation: at.operation.clone(),
            ty: at.ty.clone(),
            field: at.field.clone(),
            detail: detail.into(),
            hint: None,
        });
        self.changes.last_mut()
    }

    /// Records `docs_changed` when any of the named texts differ.
    pub(super) fn docs(
        &mut self,
        direction: Direction,
        at: &At,
        pairs: &[(&str, Option<&str>, Option<&str>)],
    ) {
        let changed: Vec<String> = pairs
            .iter()
            .filter(|(_, o, n)| o != n)
            .map(|(what, o, n)| match (o, n) {
                (None, _) => format!("{what} added"),
                (_, None) => format!("{what} removed"),
                _ => format!("{what} changed"),
            })
            .collect();
        if !changed.is_empty() {
            self.push(Kind::DocsChanged, direction, at, changed.join(", "));
        }
    }
}

/// The values of `a` whose key is not in `b`.
pub(super) fn only_in<'m, K: Ord, V>(
    a: &'m BTreeMap<K, V>,
    b: &'m BTreeMap<K, V>,
) -> impl Iterator<Item = &'m V> {
    a.iter().filter(|(k, _)| !b.contains_key(k)).map(|(_, v)| v)
}

/// A YAML value as compact text.
pub(super) fn show(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => serde_json::to_string(other).unwrap_or_else(|_| format!("{other:?}")),
    }
}
