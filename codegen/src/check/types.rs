//! Checks of named types: kinds, enum values, map and list definitions.

use std::collections::{BTreeMap, HashMap};

use super::fields::FieldSide;
use super::Checker;
use crate::diag::suggest;
use crate::graph;
use crate::lang::{is_camel, variant_ident, Kind};
use crate::load::model::TypeDef;
use crate::load::SpecPath;

/// Most named lists and maps one may reach through its items.
pub const MAX_ALIAS_DEPTH: usize = 8;

impl<'a> Checker<'a> {
    pub(super) fn types(&mut self) {
        let types = &self.spec.spec.types;
        for (name, def) in types {
            let path = SpecPath::root().key("types").key(name);
            if !is_camel(name) {
                self.err_key(
                    &path,
                    format!("type name `{name}` is not UpperCamelCase"),
                    format!(
                        "it becomes a Rust type name; e.g. `{}`",
                        heck::ToUpperCamelCase::to_upper_camel_case(name.as_str())
                    ),
                );
            }
            let applies = |k: &str| -> bool {
                match k {
                    "fields" | "rules" | "error_text" => def.kind == Kind::Object,
                    "values" | "closed" => def.kind == Kind::Enum,
                    "items" | "validation" => def.kind == Kind::Map || def.kind == Kind::List,
                    "tag" | "variants" => def.kind == Kind::Union,
                    _ => true,
                }
            };
            let set: [(&str, bool); 9] = [
                ("fields", !def.fields.is_empty()),
                ("rules", !def.rules.is_empty()),
                ("values", !def.values.is_empty()),
                ("closed", def.closed),
                ("items", def.items.is_some()),
                ("validation", has_any(&def.validation)),
                ("tag", def.tag.is_some()),
                ("variants", !def.variants.is_empty()),
                ("error_text", def.error_text.is_some()),
            ];
            for (key, present) in set {
                if present && !applies(key) {
                    self.err_key(
                        &path.key(key),
                        format!("`{key}` does not apply to `kind: {}`", def.kind),
                        "remove it, or change `kind:`",
                    );
                }
            }
            match def.kind {
                Kind::Object => {
                    self.fields(&path.key("fields"), &def.fields, FieldSide::Both);
                    self.rules(&path.key("rules"), &def.rules, &def.fields);
                    if let Some(text) = &def.error_text {
                        self.error_text(&path, name, text);
                    }
                }
                Kind::Enum => self.enum_values(&path, def),
                Kind::Union => self.union(&path, def),
                Kind::Map | Kind::List => {
                    let container = def.kind.name();
                    if let Some(ty) = self.resolve(&path, container, def.items.as_deref()) {
                        self.constraints(
                            &path.key("validation"),
                            &def.validation,
                            &ty,
                            FieldSide::Both,
                        );
                    }
                }
            }
        }
        self.type_cycles();
        if !self.alias_cycles() {
            self.alias_depth();
        }
    }

    /// A union: its tag field, and one object type per tag value, each
    /// becoming a variant (UpperCamelCase of the value) beside `Unknown`.
    fn union(&mut self, path: &SpecPath, def: &TypeDef) {
        match def.tag.as_deref() {
            None => self.err_key(
                path,
                "a union needs a `tag:`, the field whose value names the variant",
                "e.g. `tag: type`",
            ),
            Some("") => self.err_value(
                &path.key("tag"),
                "the tag field's name is empty",
                "the wire name of the field that names the variant, e.g. `type`",
            ),
            Some(_) => {}
        }
        if def.variants.is_empty() {
            self.err_key(
                path,
                "a union needs at least one variant",
                "add `variants: { tag_value: ObjectType }`",
            );
        }
        let mut idents: BTreeMap<String, &str> = BTreeMap::new();
        for (value, ty) in &def.variants {
            let vp = path.key("variants").key(value);
            match variant_ident(value) {
                Some(ident) if ident != "Unknown" => {
                    if let Some(first) = idents.insert(ident.clone(), value) {
                        self.err_key(
                            &vp,
                            format!("tag values `{first}` and `{value}` both become the variant `{ident}`"),
                            "the docs' tag values must differ in more than case and punctuation",
                        );
                    }
                }
                _ => self.err_key(
                    &vp,
                    format!("tag value `{value}` does not make a Rust variant name"),
                    "a tag value needs a letter, and cannot be `unknown` (the variant that keeps undocumented tags)",
                ),
            }
            match self.spec.spec.types.get(ty.as_str()) {
                Some(d) if d.kind == Kind::Object => {}
                Some(d) => self.err_value(
                    &vp,
                    format!("variant `{value}` is `kind: {}`, not an object", d.kind),
                    "each variant of a union is an object type",
                ),
                None => {
                    let names = self.type_names();
                    self.err_value(&vp, format!("unknown type `{ty}`"), suggest(ty, &names));
                }
            }
        }
    }

    fn enum_values(&mut self, path: &SpecPath, def: &TypeDef) {
        if def.values.is_empty() {
            self.err_key(
                path,
                "an enum needs at least one value",
                "add `values: [{ value: … }]`",
            );
        }
        let mut wires: BTreeMap<&str, usize> = BTreeMap::new();
        let mut idents: BTreeMap<String, &str> = BTreeMap::new();
        for (i, v) in def.values.iter().enumerate() {
            let vp = path.key("values").index(i);
            if let Some(first) = wires.insert(v.value.as_str(), i) {
                self.err_value(
                    &vp.key("value"),
                    format!("enum value `{}` is listed twice", v.value),
                    format!("it is already value [{first}]; remove one"),
                );
                continue;
            }
            let ident = match &v.rust_name {
                Some(r) if is_camel(r) && r != "Unknown" => r.clone(),
                Some(r) => {
                    self.err_value(
                        &vp.key("rust_name"),
                        format!("`{r}` is not a usable UpperCamelCase variant name"),
                        "e.g. `Paid`; `Unknown` is reserved for unlisted values",
                    );
                    continue;
                }
                None => match variant_ident(&v.value) {
                    Some(i) => i,
                    None => {
                        self.err_value(
                            &vp.key("value"),
                            format!("enum value `{}` has no usable Rust variant name", v.value),
                            "add `rust_name:` with an UpperCamelCase name",
                        );
                        continue;
                    }
                },
            };
            if let Some(first) = idents.insert(ident.clone(), v.value.as_str()) {
                self.err_value(
                    &vp.key("value"),
                    format!(
                        "enum values `{first}` and `{}` both become the variant `{ident}`",
                        v.value
                    ),
                    "give one of them a different `rust_name:`",
                );
            }
        }
    }

    /// An object may contain itself (the model boxes the fields on the
    /// cycle), but not through required fields alone: no finite value of
    /// such a type exists, so no request could be built and no response
    /// decoded. Every type on such a cycle is reported.
    fn type_cycles(&mut self) {
        let types = &self.spec.spec.types;
        let objects: Vec<&str> = types
            .iter()
            .filter(|(_, d)| d.kind == Kind::Object)
            .map(|(n, _)| n.as_str())
            .collect();
        let cycles = graph::named_on_cycle(&objects, |n| {
            types[n]
                .fields
                .values()
                .filter(|f| f.required && !f.nullable)
                .map(|f| f.ty.as_str())
                .collect()
        });
        for (name, cyclic) in objects.iter().zip(cycles) {
            if cyclic {
                self.err_key(
                    &SpecPath::root().key("types").key(name),
                    format!("type `{name}` contains itself through required fields only, so no value of it is finite"),
                    "make one field on the cycle optional (or `nullable`), or a `list` or `map`",
                );
            }
        }
    }

    /// Named lists and maps become type aliases (`type Tree =
    /// IndexMap<String, Tree>`), and Rust refuses an alias that names
    /// itself: their items must reach an object (a struct) before coming
    /// back.
    fn alias_cycles(&mut self) -> bool {
        let types = &self.spec.spec.types;
        let aliases: Vec<&str> = types
            .iter()
            .filter(|(_, d)| d.kind == Kind::List || d.kind == Kind::Map)
            .map(|(n, _)| n.as_str())
            .collect();
        let cycles = graph::named_on_cycle(&aliases, |n| {
            types[n].items.as_deref().into_iter().collect()
        });
        let mut any = false;
        for (name, cyclic) in aliases.iter().zip(cycles) {
            if cyclic {
                any = true;
                self.err_key(
                    &SpecPath::root().key("types").key(name),
                    format!("{} type `{name}` contains itself", types[*name].kind),
                    "make its items an object type that holds the list or map",
                );
            }
        }
        any
    }

    /// Named lists and maps whose items are named lists and maps nest
    /// `Vec<Vec<…>>` once per link: past [`MAX_ALIAS_DEPTH`] links the
    /// generated types and loops are absurd (and unbounded input would
    /// drive the emitters' recursion). Lengths are worked out once per
    /// alias, along each chain, without recursion (the chains are acyclic
    /// here).
    fn alias_depth(&mut self) {
        let types = &self.spec.spec.types;
        let is_alias = |n: &str| {
            types
                .get(n)
                .is_some_and(|d| d.kind == Kind::List || d.kind == Kind::Map)
        };
        let mut depth: HashMap<&str, usize> = HashMap::new();
        for (name, def) in types {
            if !is_alias(name) || depth.contains_key(name.as_str()) {
                continue;
            }
            let mut chain: Vec<&str> = vec![name];
            let mut item = def.items.as_deref();
            let mut base = 0;
            while let Some(i) = item.filter(|i| is_alias(i)) {
                if let Some(d) = depth.get(i) {
                    base = *d;
                    break;
                }
                chain.push(i);
                item = types.get(i).and_then(|d| d.items.as_deref());
            }
            for (k, n) in chain.iter().rev().enumerate() {
                depth.insert(n, base + k + 1);
            }
        }
        for (name, _) in types {
            if depth
                .get(name.as_str())
                .is_some_and(|d| *d > MAX_ALIAS_DEPTH)
            {
                self.err_key(
                    &SpecPath::root().key("types").key(name),
                    format!(
                        "`{name}` nests named lists and maps {} deep; at most {MAX_ALIAS_DEPTH} are supported",
                        depth[name.as_str()]
                    ),
                    "give the items an object type at some level",
                );
            }
        }
    }
}

pub(super) fn has_any(c: &crate::load::model::Constraints) -> bool {
    c.min_length.is_some()
        || c.max_length.is_some()
        || c.minimum.is_some()
        || c.maximum.is_some()
        || c.pattern.is_some()
        || c.allowed.is_some()
        || c.min_items.is_some()
        || c.max_items.is_some()
        || c.max_entries.is_some()
        || c.max_key_length.is_some()
        || c.max_value_length.is_some()
        || c.scalar_values
        || !c.messages.is_empty()
}

#[cfg(test)]
mod tests {
    use super::has_any;
    use crate::load::model::{Constraints, TypeDef};

    #[test]
    fn any_one_constraint_counts_as_set() {
        assert!(!has_any(&Constraints::default()));
        for one in [
            "min_length: 1",
            "max_length: 1",
            "minimum: 1",
            "maximum: 1",
            "pattern: a",
            "allowed: [a]",
            "min_items: 1",
            "max_items: 1",
            "max_entries: 1",
            "max_key_length: 1",
            "max_value_length: 1",
            "scalar_values: true",
            "messages: { max_length: Too long. }",
        ] {
            let c: Constraints = serde_yaml::from_str(one).expect("a constraint");
            assert!(has_any(&c), "{one}");
        }
    }

    #[test]
    fn kinds_are_closed_words() {
        for kind in ["object", "enum", "map", "list"] {
            let def: TypeDef = serde_yaml::from_str(&format!("kind: {kind}")).expect("a type");
            assert_eq!(def.kind.name(), kind);
        }
        assert!(serde_yaml::from_str::<TypeDef>("kind: record").is_err());
    }
}
