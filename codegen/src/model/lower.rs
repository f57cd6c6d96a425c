//! Lowering a checked spec into the model.

use heck::ToUpperCamelCase;
use indexmap::IndexMap;

use super::analysis::{set_redact_keys, Analysis};
use super::{
    Alias, Auth, Checks, Cond, Const, Decode, DocumentedError, Enum, Environment, ErrorCause,
    Field, Group, GroupRule, Header, IdempotencyKey, NamedKind, Object, Operation, PatchRow,
    PatchTable, Presence, Provider, Relationship, Request, Rule, RustTy, Test, TypeDef, TypeId,
    Union, UnionVariant, UniqueKey, Variable, Variant, WhenRule,
};
use crate::lang::{
    field_ident, variant_ident, CauseKind, Compare, Encoding, Kind, Lenient, Scalar, Scheme,
    Template, SCALAR_ITEMS,
};
use crate::load::model as spec;
use crate::load::LoadedSpec;

/// Lowers a spec that passed every check: called by `check` alone, so the
/// model only ever holds a checked spec. The defaults below are never
/// taken for a checked spec (the checker refuses what would need them);
/// they keep this function total instead of panicking.
pub(crate) fn lower(loaded: &LoadedSpec) -> Provider {
    let s = &loaded.spec;
    let p = &s.provider;
    let source = loaded
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lw = Lowerer { spec: s };
    let docs = lines(&p.description);
    let notes = lines(&p.decision);
    let mut types: Vec<TypeDef> = s.types.iter().map(|(n, d)| lw.type_def(n, d)).collect();
    box_cycles(&mut types);
    let mut operations: Vec<Operation> = s
        .operations
        .iter()
        .map(|(n, o)| lw.operation(n, o))
        .collect();
    set_redact_keys(&types, &mut operations);
    let analysis = Analysis::of(&types, &operations);
    open_closed_enums(&mut types, &analysis);
    super::error_text::resolve(&mut types, s, &analysis);
    Provider {
        notes,
        name: p.name.clone(),
        title: p.title.clone(),
        source,
        docs,
        pages: p.docs.iter().map(|d| d.url.clone()).collect(),
        environments: p
            .environments
            .iter()
            .map(|(name, url)| {
                let url = template(url);
                let variables = url
                    .params()
                    .map(|v| Variable {
                        name: v.to_string(),
                        docs: p
                            .variables
                            .get(v)
                            .map(|x| lines(&x.description))
                            .unwrap_or_default(),
                    })
                    .collect();
                Environment {
                    name: name.clone(),
                    variant: name.to_upper_camel_case(),
                    url,
                    variables,
                }
            })
            .collect(),
        variables: p
            .variables
            .iter()
            .map(|(name, v)| Variable {
                name: name.clone(),
                docs: lines(&v.description),
            })
            .collect(),
        auth: p
            .auth
            .schemes()
            .map(|a| match a.scheme {
                Scheme::Bearer => Auth::Bearer {
                    token: a.token.clone().unwrap_or_else(|| "token".into()),
                },
                Scheme::OAuth2ClientCredentials => Auth::ClientCredentials {
                    token_url: a.token_url.clone().unwrap_or_default(),
                    client_id: a.client_id.clone().unwrap_or_else(|| "client_id".into()),
                    client_secret: a
                        .client_secret
                        .clone()
                        .unwrap_or_else(|| "client_secret".into()),
                    client_auth: a.client_auth.unwrap_or_default(),
                    scope: (!a.scopes.is_empty()).then(|| a.scopes.join(" ")),
                },
                Scheme::Basic => Auth::Basic {
                    username: a.username.clone().unwrap_or_else(|| "username".into()),
                    password: a.password.clone(),
                },
            })
            .collect(),
        headers: headers(&p.headers),
        types,
        operations,
        analysis,
    }
}

/// The request member an operation's `idempotency:` names (the checker
/// made sure it is there).
fn idempotency_key(i: &spec::Idempotency, r: &Request) -> Option<IdempotencyKey> {
    if let Some(wire) = &i.header {
        let h = r
            .headers
            .iter()
            .find(|h| h.wire.eq_ignore_ascii_case(wire))?;
        return Some(IdempotencyKey {
            ident: h.ident.clone(),
            wire: h.wire.clone(),
            header: true,
        });
    }
    let wire = i.field.as_ref()?;
    let f = r.fields.iter().find(|f| &f.wire == wire)?;
    Some(IdempotencyKey {
        ident: f.ident.clone(),
        wire: f.wire.clone(),
        header: false,
    })
}

/// Response objects (those no request contains) hold closed enums as
/// `rt::Open`, so a value the docs did not list still decodes; request
/// values hold the enum itself, which can only be a listed value.
fn open_closed_enums(types: &mut [TypeDef], analysis: &Analysis) {
    let closed: Vec<bool> = types
        .iter()
        .map(|t| matches!(t, TypeDef::Enum(e) if e.closed))
        .collect();
    for t in types.iter_mut() {
        let TypeDef::Object(o) = t else { continue };
        if analysis.request_types.contains(&o.name) {
            continue;
        }
        for f in &mut o.fields {
            open(&mut f.ty, &closed);
        }
    }
}

/// Wraps the closed enums of `ty` (in lists, maps and expanded objects
/// too) in `RustTy::Open`.
fn open(ty: &mut RustTy, closed: &[bool]) {
    let mut slot = ty;
    loop {
        match slot {
            RustTy::List(inner) | RustTy::Map(inner) => slot = inner,
            RustTy::Named(_, NamedKind::Enum, id) if closed.get(id.0) == Some(&true) => {
                let inner = std::mem::replace(slot, RustTy::AnyScalar);
                *slot = RustTy::Open(Box::new(inner));
                return;
            }
            _ => return,
        }
    }
}

/// Boxes every object field whose type lies on the same cycle as the
/// object holding it, so a type that contains itself (through optional
/// fields: the checker refuses a cycle of required ones) has a finite size.
/// Lists, maps and unions (whose variants are boxed) already hold their
/// contents on the heap.
fn box_cycles(types: &mut [TypeDef]) {
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| match t {
            TypeDef::Object(o) => o.fields.iter().filter_map(direct_object).collect(),
            TypeDef::Enum(_) | TypeDef::Alias(_) | TypeDef::Union(_) => Vec::new(),
        })
        .collect();
    let cycles = crate::graph::cycle_components(&edges);
    for (i, t) in types.iter_mut().enumerate() {
        let TypeDef::Object(o) = t else { continue };
        let Some(own) = cycles[i] else { continue };
        for f in &mut o.fields {
            f.boxed = direct_object(f).is_some_and(|j| cycles[j] == Some(own));
        }
    }
}

/// The index of the object type a field holds directly (not in a list or
/// a map).
fn direct_object(f: &Field) -> Option<usize> {
    match f.ty {
        RustTy::Named(_, NamedKind::Object, TypeId(i)) => Some(i),
        _ => None,
    }
}

/// The fields of `spec`'s objects the model boxes (type name, wire name):
/// for `diff`, which compares what callers hold.
#[cfg(feature = "diff")]
pub(crate) fn boxed_fields(spec: &spec::SpecFile) -> std::collections::BTreeSet<(String, String)> {
    let lw = Lowerer { spec };
    let mut types: Vec<TypeDef> = spec.types.iter().map(|(n, d)| lw.type_def(n, d)).collect();
    box_cycles(&mut types);
    types
        .iter()
        .filter_map(|t| match t {
            TypeDef::Object(o) => Some(o),
            _ => None,
        })
        .flat_map(|o| {
            o.fields
                .iter()
                .filter(|f| f.boxed)
                .map(|f| (o.name.clone(), f.wire.clone()))
        })
        .collect()
}

/// One field of `spec` as the model holds it (for `diff`, which compares
/// what callers see through the same lowering the generator uses).
#[cfg(feature = "diff")]
pub(crate) fn lower_field(spec: &spec::SpecFile, wire: &str, f: &spec::Field) -> Field {
    Lowerer { spec }.field(wire, f)
}

/// The Rust variant of an enum value (the checker refuses a value with
/// none, so the default is never taken for a checked spec).
pub(crate) fn variant_name(v: &spec::EnumValue) -> String {
    v.rust_name
        .clone()
        .or_else(|| variant_ident(&v.value))
        .unwrap_or_else(|| "Value".into())
}

/// The Rust name of a header (the checker refuses a header with none).
pub(crate) fn header_name(wire: &str, h: &spec::Header) -> String {
    h.rust_name
        .clone()
        .or_else(|| field_ident(wire))
        .unwrap_or_else(|| "header".into())
}

struct Lowerer<'a> {
    spec: &'a spec::SpecFile,
}

impl Lowerer<'_> {
    fn type_def(&self, name: &str, d: &spec::TypeDef) -> TypeDef {
        let docs = lines(&d.description);
        let notes = lines(&d.decision);
        match d.kind {
            Kind::Enum => TypeDef::Enum(Enum {
                name: name.to_string(),
                docs,
                notes,
                closed: d.closed,
                variants: d
                    .values
                    .iter()
                    .map(|v| Variant {
                        wire: v.value.clone(),
                        ident: variant_name(v),
                        docs: lines(&v.description),
                    })
                    .collect(),
            }),
            Kind::Map | Kind::List => TypeDef::Alias(Box::new(Alias {
                name: name.to_string(),
                docs,
                notes,
                ty: self.ty(d.kind.name(), d.items.as_deref()),
                checks: self.checks(&d.validation, d.items.as_deref()),
            })),
            Kind::Union => TypeDef::Union(Union {
                name: name.to_string(),
                docs,
                notes,
                tag: d.tag.clone().unwrap_or_else(|| "type".into()),
                variants: d
                    .variants
                    .iter()
                    .filter_map(|(wire, ty)| {
                        Some(UnionVariant {
                            wire: wire.clone(),
                            ident: variant_ident(wire)?,
                            ty: (
                                ty.clone(),
                                TypeId(self.spec.types.get_index_of(ty.as_str())?),
                            ),
                        })
                    })
                    .collect(),
            }),
            Kind::Object => {
                let fields = self.fields(&d.fields);
                TypeDef::Object(Object {
                    name: name.to_string(),
                    docs,
                    notes,
                    rules: rules(&d.rules, &d.fields, &fields),
                    fields,
                    error_text: super::ErrorText::default(),
                })
            }
        }
    }

    fn ty(&self, ty: &str, items: Option<&str>) -> RustTy {
        match ty {
            crate::lang::EXPANDABLE => {
                RustTy::Expandable(Box::new(self.ty(items.unwrap_or("json"), None)))
            }
            "list" | "map" => {
                let item = match items {
                    Some(SCALAR_ITEMS) => RustTy::AnyScalar,
                    Some(i) => self.ty(i, None),
                    None => RustTy::Scalar(Scalar::Json),
                };
                if ty == "list" {
                    RustTy::List(Box::new(item))
                } else {
                    RustTy::Map(Box::new(item))
                }
            }
            other => {
                if let Some(s) = Scalar::from_name(other) {
                    return RustTy::Scalar(s);
                }
                let Some((index, _, def)) = self.spec.types.get_full(other) else {
                    return RustTy::Scalar(Scalar::Json);
                };
                let kind = match def.kind {
                    Kind::Enum => NamedKind::Enum,
                    Kind::Map | Kind::List => NamedKind::Alias,
                    Kind::Union => NamedKind::Union,
                    Kind::Object => NamedKind::Object,
                };
                RustTy::Named(other.to_string(), kind, TypeId(index))
            }
        }
    }

    fn fields(&self, fields: &IndexMap<String, spec::Field>) -> Vec<Field> {
        fields.iter().map(|(w, f)| self.field(w, f)).collect()
    }

    fn field(&self, wire: &str, f: &spec::Field) -> Field {
        let mut docs = lines(&f.description);
        if let Some(d) = &f.default {
            docs.push(String::new());
            docs.push(format!("Default: `{}`.", yaml_text(d)));
        }
        let ty = self.ty(&f.ty, f.items.as_deref());
        let ty_for_const = ty.clone();
        let lenient: &[Lenient] = &f.lenient;
        let secret = f.sensitive && matches!(ty, RustTy::Scalar(s) if s.is_textual());
        Field {
            notes: lines(&f.decision),
            wire: wire.to_string(),
            ident: f
                .rust_name
                .clone()
                .or_else(|| field_ident(wire))
                .unwrap_or_else(|| "field".into()),
            docs,
            decode: Decode::of(&ty, lenient, secret),
            ty,
            presence: if f.nullable {
                Presence::Clearable
            } else if f.required {
                Presence::Required
            } else {
                Presence::Optional
            },
            boxed: false,
            constant: f.constant.as_ref().and_then(|v| constant(&ty_for_const, v)),
            sensitive: f.sensitive,
            checks: self.checks(&f.validation, f.items.as_deref()),
        }
    }

    /// The checks of a field or named type whose items (if a list) are
    /// `items`, with a `unique_by` member resolved in the item type.
    fn checks(&self, c: &spec::Constraints, items: Option<&str>) -> Checks {
        let mut out = checks(c);
        out.unique_by = c.unique_by.as_deref().and_then(|member| {
            let item = self.spec.types.get(items?)?;
            let f = item.fields.get(member)?;
            Some(UniqueKey {
                wire: member.to_string(),
                ident: f
                    .rust_name
                    .clone()
                    .or_else(|| field_ident(member))
                    .unwrap_or_else(|| "field".into()),
                required: f.required,
            })
        });
        out
    }

    fn operation(&self, name: &str, o: &spec::Operation) -> Operation {
        let mut docs = vec![o.summary.clone()];
        if let Some(d) = &o.description {
            docs.push(String::new());
            docs.extend(lines(&Some(d.clone())));
        }
        if let Some(url) = &o.docs {
            docs.push(String::new());
            docs.push(format!("Docs: <{url}>"));
        }
        let error_type = o.errors.iter().find_map(|e| e.body.clone());
        let path = template(&o.path);
        let path_params: Vec<Field> = path
            .params()
            .filter_map(|p| o.path_params.get(p).map(|f| self.field(p, f)))
            .collect();
        let request = o.request.as_ref().map(|r| {
            let mut req = self.request(name, r, &o.headers);
            if req.encoding == Encoding::JsonApi {
                req.jsonapi_id = path_params
                    .iter()
                    .find(|f| f.wire == "id")
                    .map(|f| f.ident.clone());
            }
            req
        });
        let idempotency = request
            .as_ref()
            .and_then(|r| idempotency_key(o.idempotency.as_ref()?, r));
        Operation {
            notes: lines(&o.decision),
            ident: name.to_string(),
            docs,
            method: o.method,
            path,
            path_params,
            request,
            success_status: o.response.status,
            response_type: o.response.ty.clone(),
            error_type,
            error_alias: format!("{}Error", name.to_upper_camel_case()),
            errors: o
                .errors
                .iter()
                .map(|e| DocumentedError {
                    status: e.status,
                    message: e.message.clone().unwrap_or_default(),
                    causes: e
                        .cause
                        .list
                        .iter()
                        .map(|c| cause(self.spec, o, c))
                        .collect(),
                })
                .collect(),
            retry_safe: o.retry_safe || idempotency.is_some(),
            idempotency,
            redact_keys: Vec::new(),
        }
    }

    fn request(
        &self,
        op: &str,
        r: &spec::Request,
        hdrs: &IndexMap<String, spec::Header>,
    ) -> Request {
        let mut docs = lines(&r.description);
        if !r.rejects.is_empty() {
            let names: Vec<String> = r.rejects.keys().map(|k| format!("`{k}`")).collect();
            docs.push(String::new());
            docs.push(format!(
                "The server rejects {} on this operation, so the type has no such fields.",
                names.join(", ")
            ));
        }
        let fields = self.fields(&r.fields);
        let rules = rules(&r.rules, &r.fields, &fields);
        Request {
            name: format!("{}Request", op.to_upper_camel_case()),
            docs,
            encoding: r.encoding,
            form: r.form.unwrap_or_default(),
            resource_type: r.resource_type.clone(),
            jsonapi_id: None,
            headers: headers(hdrs),
            fields,
            relationships: r
                .relationships
                .iter()
                .map(|(w, rel)| {
                    let docs = lines(&rel.description);
                    Relationship {
                        notes: lines(&rel.decision),
                        wire: w.clone(),
                        ident: field_ident(w).unwrap_or_else(|| "relationship".into()),
                        resource: rel.resource.clone(),
                        required: rel.required,
                        docs,
                    }
                })
                .collect(),
            rules,
            rejects: r.rejects.keys().cloned().collect(),
            patch: (r.encoding == Encoding::JsonPatch).then(|| self.patch_table(op, r)),
        }
    }

    fn patch_table(&self, op: &str, r: &spec::Request) -> PatchTable {
        let params: Vec<Field> = r
            .patch_params
            .iter()
            .map(|(w, f)| {
                let mut f = self.field(w, f);
                f.presence = Presence::Required;
                f
            })
            .collect();
        let rows = r
            .patches
            .iter()
            .map(|(path, row)| {
                let path = template(path);
                let docs = lines(&row.description);
                PatchRow {
                    notes: lines(&row.decision),
                    ident: row
                        .rust_name
                        .clone()
                        .or_else(|| patch_ident(&path))
                        .unwrap_or_else(|| "path".into()),
                    params: path
                        .params()
                        .filter_map(|p| params.iter().position(|f| f.wire == p))
                        .collect(),
                    path,
                    docs,
                    ops: row.ops.clone(),
                    value: row.value.as_ref().map(|v| {
                        let mut f = self.field("value", v);
                        f.presence = Presence::Required;
                        f
                    }),
                }
            })
            .collect();
        PatchTable {
            name: format!("{}Patch", op.to_upper_camel_case()),
            params,
            rows,
        }
    }
}

/// The default Rust name of a patchable path: its literal segments made of
/// letters, digits, `_` and `-`, in snake_case, joined with `_`
/// (`/purchase_units/@reference_id=='{id}'/shipping/address` gives
/// `purchase_units_shipping_address`). `None` when that is not an
/// identifier.
pub(crate) fn patch_ident(path: &Template) -> Option<String> {
    use heck::ToSnakeCase;
    let words: Vec<String> = path
        .as_str()
        .split('/')
        .filter(|seg| {
            !seg.is_empty()
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .map(|seg| seg.to_snake_case())
        .collect();
    let ident = words.join("_");
    (!ident.is_empty() && crate::lang::is_snake(&format!("add_{ident}"))).then_some(ident)
}

fn headers(h: &IndexMap<String, spec::Header>) -> Vec<Header> {
    h.iter()
        .map(|(wire, h)| Header {
            wire: wire.clone(),
            ident: header_name(wire, h),
            docs: lines(&h.description),
            required: h.required,
            constant: h.constant.clone(),
            sensitive: h.sensitive,
            checks: checks(&h.validation),
        })
        .collect()
}

/// The rules of a set of fields (`lowered`, in the order of `fields`).
/// A rule the checker would refuse (an unknown field, a value its field
/// cannot be compared with, no group and no condition) is left out:
/// unreachable for a checked spec
/// (`check::tests::every_rule_check_accepts_is_lowered` proves it over
/// every type and kind of value).
fn rules(
    rules: &[spec::Rule],
    fields: &IndexMap<String, spec::Field>,
    lowered: &[Field],
) -> Vec<Rule> {
    let index = |names: &[String]| -> Option<Vec<usize>> {
        names.iter().map(|w| fields.get_index_of(w)).collect()
    };
    rules
        .iter()
        .filter_map(|r| {
            if let Some((kind, names)) = r.group() {
                let listed = names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>();
                let message = r.message.clone().unwrap_or_else(|| match kind {
                    Group::AtLeastOneOf => format!("set at least one of {}", listed.join(", ")),
                    Group::ExactlyOneOf => format!("set exactly one of {}", listed.join(", ")),
                    Group::MutuallyExclusive => {
                        format!("set at most one of {}", listed.join(", "))
                    }
                });
                return Some(Rule::Group(GroupRule {
                    kind,
                    fields: index(names)?,
                    message,
                }));
            }
            let c = r.when.as_ref()?;
            let when = fields.get_index_of(&c.field)?;
            let field = lowered.get(when)?;
            // Each value once: values that compare the same (`1` and `1.0`
            // for a decimal, a value listed twice) make one test.
            let tests = |values: &[&serde_yaml::Value]| -> Option<Vec<(Test, serde_json::Value)>> {
                let mut out: Vec<(Test, serde_json::Value)> = Vec::new();
                for v in values {
                    let json = yaml_to_json(v);
                    let test = rule_test(field, &json)?;
                    if out.iter().all(|(t, _)| *t != test) {
                        out.push((test, json));
                    }
                }
                Some(out)
            };
            let cond = match c.values() {
                Some((Compare::Equals | Compare::In, vs)) => Cond::In(tests(&vs)?),
                Some((Compare::NotIn, vs)) => Cond::NotIn(tests(&vs)?),
                None => Cond::Present,
            };
            let message = r.message.clone().unwrap_or_else(|| default_message(r, c));
            Some(Rule::When(WhenRule {
                when,
                cond,
                require: index(&r.require)?,
                forbid: index(&r.forbid)?,
                message,
            }))
        })
        .collect()
}

/// The message of a condition rule whose spec gives none.
fn default_message(r: &spec::Rule, c: &spec::Condition) -> String {
    let shown = |vs: &[&serde_yaml::Value]| {
        vs.iter()
            .map(|v| yaml_text(v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let condition = match c.values() {
        Some((Compare::Equals, vs)) => format!("`{}` is {}", c.field, shown(&vs)),
        Some((Compare::In, vs)) => format!("`{}` is one of {}", c.field, shown(&vs)),
        Some((Compare::NotIn, vs)) => format!("`{}` is none of {}", c.field, shown(&vs)),
        None => format!("`{}` is set", c.field),
    };
    if r.require.is_empty() {
        format!("not allowed when {condition}")
    } else {
        format!("required when {condition}")
    }
}

/// The typed value of a `const` field of type `ty` (the checker refuses
/// one that does not fit).
fn constant(ty: &RustTy, v: &serde_yaml::Value) -> Option<Const> {
    match (ty, v) {
        (RustTy::Scalar(s), serde_yaml::Value::String(t)) if s.is_textual() => {
            Some(Const::Text(t.clone()))
        }
        (RustTy::Scalar(s), serde_yaml::Value::Number(n)) if s.is_integral() => {
            n.as_i64().map(Const::Int)
        }
        (RustTy::Scalar(Scalar::Boolean), serde_yaml::Value::Bool(b)) => Some(Const::Bool(*b)),
        _ => None,
    }
}

/// How a rule compares a value of `f` with `v`, when it can.
pub(crate) fn rule_test(f: &Field, v: &serde_json::Value) -> Option<Test> {
    use serde_json::Value;
    let secret = super::analysis::is_secret(f);
    Some(match (&f.ty, v) {
        (RustTy::Scalar(s), Value::String(_) | Value::Number(_)) if s.is_decimal() => {
            let text = match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let (m, s) = crate::lang::decimal_parts(&text)?;
            Test::Decimal(m, s)
        }
        (RustTy::Named(_, NamedKind::Enum, _), Value::String(s)) => Test::Enum(s.clone()),
        (RustTy::Scalar(Scalar::Json), Value::String(s)) => Test::JsonText(s.clone()),
        (RustTy::Scalar(Scalar::Json), Value::Bool(b)) => Test::JsonBool(*b),
        (RustTy::Scalar(Scalar::Json), Value::Number(n)) => Test::JsonInt(n.as_i64()?),
        (RustTy::Scalar(s), Value::String(t)) if s.is_textual() => {
            if secret {
                Test::SecretText(t.clone())
            } else {
                Test::Text(t.clone())
            }
        }
        (RustTy::Scalar(Scalar::Boolean), Value::Bool(b)) => Test::Bool(*b),
        (RustTy::Scalar(s), Value::Number(n)) if s.is_integral() => Test::Int(n.as_i64()?),
        _ => return None,
    })
}

fn checks(c: &spec::Constraints) -> Checks {
    Checks {
        min_length: c.min_length,
        max_length: c.max_length,
        minimum: c.minimum.as_ref().map(ToString::to_string),
        maximum: c.maximum.as_ref().map(ToString::to_string),
        pattern: c.pattern.clone(),
        allowed: c.allowed.iter().flatten().map(yaml_to_json).collect(),
        min_items: c.min_items,
        max_items: c.max_items,
        max_entries: c.max_entries,
        max_key_length: c.max_key_length,
        max_value_length: c.max_value_length,
        scalar_values: c.scalar_values,
        unique_by: None,
        messages: c.messages.iter().map(|(k, v)| (*k, v.clone())).collect(),
    }
}

/// A template the checker found balanced (the whole text as one literal
/// otherwise, which a checked spec never needs).
fn template(text: &str) -> Template {
    Template::parse(text).unwrap_or_else(|| Template::literal(text))
}

/// A YAML value as JSON (specs only hold JSON-compatible values).
pub(crate) fn yaml_to_json(v: &serde_yaml::Value) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn yaml_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::String(s) => s.clone(),
        other => yaml_to_json(other).to_string(),
    }
}

/// Doc lines of an optional description.
fn lines(text: &Option<String>) -> Vec<String> {
    text.as_deref()
        .map(|t| t.trim().lines().map(|l| l.trim_end().to_string()).collect())
        .unwrap_or_default()
}

/// The model of a checked `cause:` (check has made sure `field` and
/// `equals` are there for the kinds that take them).
fn cause(s: &spec::SpecFile, op: &spec::Operation, c: &spec::Cause) -> ErrorCause {
    let pointer = || c.field.clone().unwrap_or_default();
    match c.kind {
        CauseKind::Request => ErrorCause::Request(c.broken.clone()),
        CauseKind::Credentials => ErrorCause::Credentials,
        CauseKind::NotFound => ErrorCause::NotFound,
        CauseKind::Conflict => ErrorCause::Conflict(pointer()),
        CauseKind::Version => ErrorCause::Version(pointer()),
        CauseKind::State => ErrorCause::State {
            pointer: pointer(),
            equals: c
                .equals
                .as_ref()
                .and_then(|v| serde_json::to_value(v).ok())
                .unwrap_or_default(),
        },
        CauseKind::Business => ErrorCause::Business(
            c.rule
                .as_deref()
                .and_then(|text| super::rules::BusinessRule::new(s, op, text).ok()),
        ),
        CauseKind::Provider => ErrorCause::Provider,
        CauseKind::Summary => ErrorCause::Summary,
    }
}
