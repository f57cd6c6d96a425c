//! The serde model of a spec file, exactly as written in YAML.
//!
//! Nothing here is checked beyond what serde checks (key names, value
//! shapes, and the closed words of the language: kinds, methods, auth
//! schemes, encodings, leniencies, read into [`crate::lang`]'s enums); the
//! `check` stage reads this model and reports every semantic problem. Maps are [`IndexMap`]s so the order of the file is kept, which is
//! what makes generated code follow the docs' order deterministically.

use indexmap::IndexMap;
use serde::Deserialize;
use serde_yaml::Value;

use crate::lang::{
    ClientAuth, Compare, Constraint, Encoding, FormStyle, Group, Kind, Lenient, Method, PatchOp,
    Scheme,
};

/// A map that refuses a key it has already read, as YAML asks: what
/// reads a spec straight from its text (not through a `serde_yaml::Value`,
/// which refuses duplicates itself) would otherwise keep the last one.
fn unique_keys<'de, D, K, V>(deserializer: D) -> Result<IndexMap<K, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    K: Deserialize<'de> + std::hash::Hash + Eq + std::fmt::Debug,
    V: Deserialize<'de>,
{
    struct Unique<K, V>(std::marker::PhantomData<(K, V)>);
    impl<'de, K, V> serde::de::Visitor<'de> for Unique<K, V>
    where
        K: Deserialize<'de> + std::hash::Hash + Eq + std::fmt::Debug,
        V: Deserialize<'de>,
    {
        type Value = IndexMap<K, V>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some((k, v)) = map.next_entry::<K, V>()? {
                if out.contains_key(&k) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate key {k:?}"
                    )));
                }
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Unique(std::marker::PhantomData))
}

/// One provider's spec file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFile {
    /// Who the provider is and how to reach it.
    pub provider: Provider,
    /// Named types: objects, enums, maps and lists.
    #[serde(default, deserialize_with = "unique_keys")]
    pub types: IndexMap<String, TypeDef>,
    /// Operations, keyed by their snake_case name (`update_order`).
    #[serde(default, deserialize_with = "unique_keys")]
    pub operations: IndexMap<String, Operation>,
}

/// The provider section.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Module name of the provider in the generated crate (`juspay`).
    pub name: String,
    /// Human name (`Juspay`).
    pub title: String,
    /// What the provider is, for the module's doc comment.
    #[serde(default)]
    pub description: Option<String>,
    /// The documentation pages the spec was transcribed from.
    #[serde(default)]
    pub docs: Vec<DocPage>,
    /// Named base URLs, e.g. `production: https://api.juspay.in`.
    #[serde(default, deserialize_with = "unique_keys")]
    pub environments: IndexMap<String, String>,
    /// Variables used as `{name}` in environment URLs.
    #[serde(default, deserialize_with = "unique_keys")]
    pub variables: IndexMap<String, Variable>,
    /// How every call authenticates.
    pub auth: Auth,
    /// Headers every call sends, keyed by header name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub headers: IndexMap<String, Header>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
}

/// A documentation page a spec was transcribed from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocPage {
    /// Address of the page.
    pub url: String,
    /// Page title.
    #[serde(default)]
    pub title: Option<String>,
    /// API or page version the page documents.
    #[serde(default)]
    pub version: Option<String>,
    /// How this page relates to the others (newer, older, …).
    #[serde(default)]
    pub note: Option<String>,
}

/// A variable of an environment URL template.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variable {
    /// What the variable is.
    #[serde(default)]
    pub description: Option<String>,
    /// Value used in examples.
    #[serde(default)]
    pub example: Option<String>,
}

/// The authentication scheme.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Auth {
    /// `basic` or `bearer`.
    pub scheme: Scheme,
    /// Basic: name of the credential sent as the user name.
    #[serde(default)]
    pub username: Option<String>,
    /// Basic: name of the credential sent as the password; absent means empty.
    #[serde(default)]
    pub password: Option<String>,
    /// Bearer: name of the token credential.
    #[serde(default)]
    pub token: Option<String>,
    /// OAuth 2.0 client credentials: the token endpoint, an absolute URL
    /// or a path on the environment's base URL.
    #[serde(default)]
    pub token_url: Option<String>,
    /// OAuth 2.0: name of the client id credential.
    #[serde(default)]
    pub client_id: Option<String>,
    /// OAuth 2.0: name of the client secret credential.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// OAuth 2.0: where the token request carries the id and secret.
    #[serde(default)]
    pub client_auth: Option<ClientAuth>,
    /// OAuth 2.0: the scopes to ask for.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// What the credentials are and where to get them.
    #[serde(default)]
    pub description: Option<String>,
    /// Other schemes the provider accepts instead (API key as Basic *or*
    /// Bearer): the caller picks one. At most one of each scheme in all.
    #[serde(default)]
    pub alternatives: Vec<Auth>,
}

impl Auth {
    /// The scheme itself, then its alternatives.
    pub fn schemes(&self) -> impl Iterator<Item = &Auth> {
        std::iter::once(self).chain(&self.alternatives)
    }
}

/// A header sent with every call, or with one operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Rust name of the configuration value; defaults to the snake_case header name.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// What the header carries.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether every call must send it.
    #[serde(default)]
    pub required: bool,
    /// Fixed value, for headers the client always sends the same way.
    #[serde(default, rename = "const")]
    pub constant: Option<String>,
    /// Whether the value is a secret.
    #[serde(default)]
    pub sensitive: bool,
    /// Example value from the docs.
    #[serde(default)]
    pub example: Option<String>,
    /// Text constraints on the value (length, pattern, allowed values),
    /// checked before anything is sent.
    #[serde(default)]
    pub validation: Constraints,
}

/// A named type.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TypeDef {
    /// `object`, `enum`, `map`, `list` or `union`.
    pub kind: Kind,
    /// Doc comment.
    #[serde(default)]
    pub description: Option<String>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
    /// Object: the fields, keyed by wire name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub fields: IndexMap<String, Field>,
    /// Object: cross-field rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Enum: the documented values.
    #[serde(default)]
    pub values: Vec<EnumValue>,
    /// Enum: the docs say the list is complete. Requests can only send a
    /// listed value (no `Unknown` variant); responses stay tolerant.
    #[serde(default)]
    pub closed: bool,
    /// Map or list: the element type.
    #[serde(default)]
    pub items: Option<String>,
    /// Map and list constraints.
    #[serde(default)]
    pub validation: Constraints,
    /// Union: the field whose value names the variant (`type`).
    #[serde(default)]
    pub tag: Option<String>,
    /// Union: the object type of each tag value, keyed by the value.
    #[serde(default, deserialize_with = "unique_keys")]
    pub variants: IndexMap<String, String>,
    /// Object used as an error body: the fields holding the provider's
    /// message and code, which the error's `Display` shows.
    #[serde(default)]
    pub error_text: Option<ErrorText>,
}

/// Where an error body holds the provider's message and code: each a
/// dotted field path (`error.description`; a list step reads the first
/// item), or several, the first present winning.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorText {
    /// The human-readable message.
    #[serde(default)]
    pub message: Paths,
    /// The machine-readable code.
    #[serde(default)]
    pub code: Paths,
}

/// One dotted field path, or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Paths {
    /// `message: error.description`
    One(String),
    /// `message: [error_message, error_info.developer_message]`
    Many(Vec<String>),
}

impl Default for Paths {
    fn default() -> Self {
        Paths::Many(Vec::new())
    }
}

impl Paths {
    /// The paths, in order.
    pub fn as_slice(&self) -> &[String] {
        match self {
            Paths::One(p) => std::slice::from_ref(p),
            Paths::Many(ps) => ps,
        }
    }

    /// Whether the value is a list (its paths sit under indexes).
    pub fn is_list(&self) -> bool {
        matches!(self, Paths::Many(_))
    }
}

/// An enum value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: String,
    /// Rust variant name; defaults to the UpperCamelCase wire value.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// What the value means.
    #[serde(default)]
    pub description: Option<String>,
}

/// A field of an object, a request body, a path or a header parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Scalar name, a named type, `list` or `map`.
    #[serde(rename = "type")]
    pub ty: String,
    /// `list` and `map`: the element type.
    #[serde(default)]
    pub items: Option<String>,
    /// Doc comment.
    #[serde(default)]
    pub description: Option<String>,
    /// Rust name when the snake_case wire name is not wanted.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// A request must set it; a response always carries it.
    #[serde(default)]
    pub required: bool,
    /// Value the server assumes when the field is left out.
    #[serde(default)]
    pub default: Option<Value>,
    /// `null` is a meaningful value: in a request it clears the field.
    #[serde(default)]
    pub nullable: bool,
    /// The server sets it; requests cannot.
    #[serde(default)]
    pub response_only: bool,
    /// A secret: redacted in `Debug` and never logged.
    #[serde(default)]
    pub sensitive: bool,
    /// How forgiving response decoding is for this field.
    #[serde(default)]
    pub lenient: Vec<Lenient>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
    /// Example value from the docs.
    #[serde(default)]
    pub example: Option<Value>,
    /// Validation rules.
    #[serde(default)]
    pub validation: Constraints,
    /// The one value a request sends for it (a trigger such as `_place:
    /// 1`): its setter takes no argument.
    #[serde(default, rename = "const")]
    pub constant: Option<Value>,
}

/// Validation rules of a field or a named map/list type.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Constraints {
    /// Minimum length in characters.
    #[serde(default)]
    pub min_length: Option<u64>,
    /// Maximum length in characters.
    #[serde(default)]
    pub max_length: Option<u64>,
    /// Smallest allowed number.
    #[serde(default)]
    pub minimum: Option<serde_yaml::Number>,
    /// Largest allowed number.
    #[serde(default)]
    pub maximum: Option<serde_yaml::Number>,
    /// Regular expression the whole value must match.
    #[serde(default)]
    pub pattern: Option<String>,
    /// The only values accepted.
    #[serde(default)]
    pub allowed: Option<Vec<Value>>,
    /// Fewest list items.
    #[serde(default)]
    pub min_items: Option<u64>,
    /// Most list items.
    #[serde(default)]
    pub max_items: Option<u64>,
    /// Most map entries.
    #[serde(default)]
    pub max_entries: Option<u64>,
    /// Longest map key, in characters.
    #[serde(default)]
    pub max_key_length: Option<u64>,
    /// Longest map value (as text), in characters.
    #[serde(default)]
    pub max_value_length: Option<u64>,
    /// Map values must be strings, numbers or booleans.
    #[serde(default)]
    pub scalar_values: bool,
    /// No two list items share this member (an object item's field).
    #[serde(default)]
    pub unique_by: Option<String>,
    /// The docs' own error message per rule (`max_entries: "..."`).
    #[serde(default, deserialize_with = "unique_keys")]
    pub messages: IndexMap<Constraint, String>,
}

/// A cross-field rule. Either a condition (`when`) with the fields it
/// makes required (`require`) or forbidden (`forbid`), or a group of
/// fields of which at least one (`at_least_one_of`), exactly one
/// (`exactly_one_of`) or at most one (`mutually_exclusive`) may be set.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The condition.
    #[serde(default)]
    pub when: Option<Condition>,
    /// Fields that must then be set.
    #[serde(default)]
    pub require: Vec<String>,
    /// Fields that must then be left out.
    #[serde(default)]
    pub forbid: Vec<String>,
    /// At least one of these fields must be set.
    #[serde(default)]
    pub at_least_one_of: Vec<String>,
    /// Exactly one of these fields must be set.
    #[serde(default)]
    pub exactly_one_of: Vec<String>,
    /// At most one of these fields may be set.
    #[serde(default)]
    pub mutually_exclusive: Vec<String>,
    /// The docs' message.
    #[serde(default)]
    pub message: Option<String>,
}

impl Rule {
    /// The groups the rule lists fields under, with their fields (the
    /// checker refuses a rule with more than one).
    pub fn groups(&self) -> impl Iterator<Item = (Group, &[String])> {
        [
            (Group::AtLeastOneOf, &self.at_least_one_of),
            (Group::ExactlyOneOf, &self.exactly_one_of),
            (Group::MutuallyExclusive, &self.mutually_exclusive),
        ]
        .into_iter()
        .filter(|(_, fields)| !fields.is_empty())
        .map(|(group, fields)| (group, fields.as_slice()))
    }

    /// The group of a group rule (its first, for a rule the checker refuses).
    pub fn group(&self) -> Option<(Group, &[String])> {
        self.groups().next()
    }
}

/// When a rule applies: `field` is set and, if a comparison is given,
/// equals `equals`, is one of `in`, or is none of `not_in`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Wire name of the field.
    pub field: String,
    /// The value that triggers the rule.
    #[serde(default)]
    pub equals: Option<Value>,
    /// The values that trigger the rule.
    #[serde(default, rename = "in")]
    pub one_of: Option<Vec<Value>>,
    /// The values that do not trigger it (any other value does).
    #[serde(default)]
    pub not_in: Option<Vec<Value>>,
}

impl Condition {
    /// Every comparison the condition gives, with its values (the checker
    /// refuses a condition with more than one).
    pub fn compares(&self) -> impl Iterator<Item = (Compare, Vec<&Value>)> {
        [
            (
                Compare::Equals,
                self.equals.as_ref().map(std::slice::from_ref),
            ),
            (Compare::In, self.one_of.as_deref()),
            (Compare::NotIn, self.not_in.as_deref()),
        ]
        .into_iter()
        .filter_map(|(c, values)| Some((c, values?.iter().collect())))
    }

    /// The comparison and its values; `None` when the condition only asks
    /// that the field be set.
    pub fn values(&self) -> Option<(Compare, Vec<&Value>)> {
        self.compares().next()
    }
}

/// One API operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Page documenting this operation.
    #[serde(default)]
    pub docs: Option<String>,
    /// HTTP method.
    pub method: Method,
    /// Path template, `{name}` for path parameters.
    pub path: String,
    /// Whether a retry can never apply the change twice.
    pub retry_safe: bool,
    /// Path parameters, keyed by their name in the template.
    #[serde(default, deserialize_with = "unique_keys")]
    pub path_params: IndexMap<String, Field>,
    /// Header parameters of this operation, keyed by header name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub headers: IndexMap<String, Header>,
    /// The request body.
    #[serde(default)]
    pub request: Option<Request>,
    /// The success response.
    pub response: Response,
    /// Documented failures.
    #[serde(default)]
    pub errors: Vec<ErrorCase>,
    /// The docs' sample calls.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// The provider's idempotency key for this operation, if it takes one.
    #[serde(default)]
    pub idempotency: Option<Idempotency>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
}

/// Where an operation carries its idempotency key: one of its
/// per-operation headers, or one of its request body's fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Idempotency {
    /// The header (`PayPal-Request-Id`).
    #[serde(default)]
    pub header: Option<String>,
    /// The body field (`idempotency_key`).
    #[serde(default)]
    pub field: Option<String>,
}

/// The request body of an operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    /// `form`, `json` or `jsonapi`.
    pub encoding: Encoding,
    /// Form: how lists and brackets are written.
    #[serde(default)]
    pub form: Option<FormStyle>,
    /// JSON:API: the `data.type` of the resource.
    #[serde(default)]
    pub resource_type: Option<String>,
    /// Doc comment of the request type.
    #[serde(default)]
    pub description: Option<String>,
    /// Body fields (JSON:API: attributes), keyed by wire name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub fields: IndexMap<String, Field>,
    /// JSON:API relationships, keyed by name.
    #[serde(default, deserialize_with = "unique_keys")]
    pub relationships: IndexMap<String, Relationship>,
    /// Cross-field rules.
    #[serde(default)]
    pub rules: Vec<Rule>,
    /// Fields the server rejects on this operation, with the docs' message.
    #[serde(default, deserialize_with = "unique_keys")]
    pub rejects: IndexMap<String, Rejected>,
    /// JSON Patch: the `{name}` placeholders of the patchable paths.
    #[serde(default, deserialize_with = "unique_keys")]
    pub patch_params: IndexMap<String, Field>,
    /// JSON Patch: the patchable paths (JSON Pointer templates) and what
    /// each allows, in the docs' order.
    #[serde(default, deserialize_with = "unique_keys")]
    pub patches: IndexMap<String, Patchable>,
}

impl Request {
    /// The fields whose values the body carries: the body fields and, in a
    /// JSON Patch request, each patchable path's value.
    pub fn carried_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields
            .values()
            .chain(self.patches.values().filter_map(|p| p.value.as_ref()))
    }
}

/// One row of a JSON Patch request's patchable table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Patchable {
    /// The operations allowed on the path.
    pub ops: Vec<PatchOp>,
    /// The value `add` and `replace` send; none for a `remove`-only path.
    #[serde(default)]
    pub value: Option<Field>,
    /// The Rust name the methods are built from (default: the path's
    /// literal segments in snake_case).
    #[serde(default)]
    pub rust_name: Option<String>,
    /// What changing the path does.
    #[serde(default)]
    pub description: Option<String>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
}

/// A JSON:API relationship of a request.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relationship {
    /// The related resource's `type` (`markets`).
    pub resource: String,
    /// Whether the request must set it.
    #[serde(default)]
    pub required: bool,
    /// Doc comment.
    #[serde(default)]
    pub description: Option<String>,
    /// Why something was transcribed the way it was.
    #[serde(default)]
    pub decision: Option<String>,
}

/// A field the server rejects.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rejected {
    /// The docs' error message when it is sent.
    #[serde(default)]
    pub message: Option<String>,
}

/// The success response.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Named type of the body; none when the docs describe a success
    /// without one (the method returns `rt::NoContent`).
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// What the body is.
    #[serde(default)]
    pub description: Option<String>,
}

/// A documented failure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ErrorCase {
    /// HTTP status.
    pub status: u16,
    /// The message the docs give for it.
    #[serde(default)]
    pub message: Option<String>,
    /// What it means and how to fix it.
    #[serde(default)]
    pub description: Option<String>,
    /// Named type of the error body.
    #[serde(default)]
    pub body: Option<String>,
    /// What makes the provider answer with it: one cause, or a list
    /// where the docs give the error several.
    pub cause: Causes,
}

/// An error's `cause:`, one mapping or a list of them.
#[derive(Debug, Clone)]
pub struct Causes {
    /// The causes, in the spec's order.
    pub list: Vec<Cause>,
    /// Written as a list (positions name `cause[j]`).
    pub is_list: bool,
}

impl<'de> Deserialize<'de> for Causes {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OneOrMany;
        impl<'de> serde::de::Visitor<'de> for OneOrMany {
            type Value = Causes;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a cause (`{ kind: … }`), or a list of them")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Causes, A::Error> {
                let one = Cause::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Causes {
                    list: vec![one],
                    is_list: false,
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Causes, A::Error> {
                let list =
                    Vec::<Cause>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Causes {
                    list,
                    is_list: true,
                })
            }
        }
        deserializer.deserialize_any(OneOrMany)
    }
}

/// What makes the provider answer with a documented error (`cause:`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cause {
    /// Which kind of cause.
    pub kind: crate::lang::CauseKind,
    /// `kind: request`: the rules the request breaks.
    #[serde(default)]
    pub broken: Vec<crate::lang::Fault>,
    /// `kind: conflict`, `version` or `state`: a JSON Pointer into the
    /// request body and the held resource.
    #[serde(default)]
    pub field: Option<String>,
    /// `kind: state`: the value at `field` that the operation refuses.
    #[serde(default)]
    pub equals: Option<Value>,
    /// `kind: business`: the rule the resource must hold once updated,
    /// which the docs state in prose (`crate::lang::rules`); none when it
    /// cannot be stated over the resource's members.
    #[serde(default)]
    pub rule: Option<String>,
}

/// A sample call from the docs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// Name, unique within the operation.
    pub name: String,
    /// Where it comes from or what it shows.
    #[serde(default)]
    pub description: Option<String>,
    /// Path parameter values.
    #[serde(default, deserialize_with = "unique_keys")]
    pub path_params: IndexMap<String, String>,
    /// Header values (per-call and provider headers).
    #[serde(default, deserialize_with = "unique_keys")]
    pub headers: IndexMap<String, String>,
    /// Request body, as a JSON value (JSON:API: the whole document).
    #[serde(default)]
    pub request: Option<Value>,
    /// The response.
    #[serde(default)]
    pub response: Option<ExampleResponse>,
}

/// A sample response.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleResponse {
    /// HTTP status.
    pub status: u16,
    /// Body, as a JSON value.
    #[serde(default)]
    pub body: Option<Value>,
}
