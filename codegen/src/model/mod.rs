//! Stage 3: the resolved model the emitters read.
//!
//! Lowering takes a spec the checker passed and resolves everything the
//! emitters need: Rust identifiers, Rust types, presence (required,
//! optional, clearable), constraints with their docs messages, and doc
//! text. Emitters never look at YAML or at the serde model.

pub mod analysis;
mod error_text;
mod errors;
mod lower;
pub mod rule_types;
mod rules;

pub use analysis::Analysis;
#[cfg(all(test, feature = "format"))]
pub(crate) use lower::rule_test;
#[cfg(feature = "diff")]
pub(crate) use lower::{boxed_fields, header_name, lower_field, variant_name};
pub(crate) use lower::{lower, patch_ident};

pub use crate::lang::Group;
pub use crate::lang::{CauseKind, Fault};
use crate::lang::{Constraint, Encoding, FormStyle, Lenient, Method, PatchOp, Scalar, Template};
pub use errors::{DocumentedError, ErrorCause};
pub use rules::BusinessRule;

/// One provider: one generated module.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Module name (`razorpay`).
    pub name: String,
    /// Human name (`Razorpay`).
    pub title: String,
    /// The spec file name it came from (`razorpay.yaml`).
    pub source: String,
    /// Module doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// Source pages.
    pub pages: Vec<String>,
    /// Named base URLs; the first is the default.
    pub environments: Vec<Environment>,
    /// Variables of environment URLs.
    pub variables: Vec<Variable>,
    /// How calls authenticate: one scheme, or several the caller picks
    /// from (never empty; at most one of each scheme).
    pub auth: Vec<Auth>,
    /// Headers every call sends.
    pub headers: Vec<Header>,
    /// Named types, in spec order.
    pub types: Vec<TypeDef>,
    /// Operations, in spec order.
    pub operations: Vec<Operation>,
    /// What the emitters need to know about the types as a whole.
    pub analysis: Analysis,
}

/// A named base URL.
#[derive(Debug, Clone)]
pub struct Environment {
    /// Spec name (`production`).
    pub name: String,
    /// Variant name (`Production`).
    pub variant: String,
    /// URL template with `{variable}` placeholders.
    pub url: Template,
    /// Its variables, in the order of the placeholders.
    pub variables: Vec<Variable>,
}

/// A variable of environment URLs.
#[derive(Debug, Clone)]
pub struct Variable {
    /// Spec name, also the Rust field name.
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
}

/// Authentication.
#[derive(Debug, Clone)]
pub enum Auth {
    /// HTTP Basic: user name credential, optional password credential.
    Basic {
        /// Credential sent as the user name.
        username: String,
        /// Credential sent as the password; `None` = empty password.
        password: Option<String>,
    },
    /// Bearer token.
    Bearer {
        /// The token credential.
        token: String,
    },
    /// OAuth 2.0 client credentials: a Bearer token the client gets from
    /// the token endpoint with the id and secret.
    ClientCredentials {
        /// The token endpoint (absolute, or a path on the base URL).
        token_url: String,
        /// The client id credential.
        client_id: String,
        /// The client secret credential.
        client_secret: String,
        /// Where the id and secret go.
        client_auth: crate::lang::ClientAuth,
        /// The scopes, space-separated; `None` when the spec lists none.
        scope: Option<String>,
    },
}

/// A header.
#[derive(Debug, Clone)]
pub struct Header {
    /// Header name on the wire.
    pub wire: String,
    /// Rust name.
    pub ident: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// Must be given.
    pub required: bool,
    /// Fixed value.
    pub constant: Option<String>,
    /// Secret value.
    pub sensitive: bool,
    /// Constraints on the value.
    pub checks: Checks,
}

/// A named type.
#[derive(Debug, Clone)]
pub enum TypeDef {
    /// A struct.
    Object(Object),
    /// An enum with `Unknown(String)`.
    Enum(Enum),
    /// A `map` or `list` alias with its own constraints.
    Alias(Box<Alias>),
    /// One of several objects, told apart by a tag field.
    Union(Union),
}

/// A tagged union: an enum with one variant per documented tag value,
/// holding that value's object, and `Unknown` holding any other as JSON.
#[derive(Debug, Clone)]
pub struct Union {
    /// Rust type name.
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// Wire name of the tag field.
    pub tag: String,
    /// The documented variants, in spec order.
    pub variants: Vec<UnionVariant>,
}

/// A variant of a [`Union`].
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// The tag value on the wire.
    pub wire: String,
    /// Rust variant name.
    pub ident: String,
    /// The object type it holds: its name and handle.
    pub ty: (String, TypeId),
}

/// A struct.
#[derive(Debug, Clone)]
pub struct Object {
    /// Rust type name.
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// Fields.
    pub fields: Vec<Field>,
    /// Cross-field rules.
    pub rules: Vec<Rule>,
    /// As an error body: where the provider's message and code are.
    pub error_text: ErrorText,
}

/// Where an error body holds the provider's message and code, which the
/// error's `Display` shows. Each is a list of paths: the first present
/// wins; empty when the spec names none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorText {
    /// Paths to the message.
    pub message: Vec<TextPath>,
    /// Paths to the code.
    pub code: Vec<TextPath>,
}

/// A chain of fields from an error body to a text: each step reads a
/// field, and the first item of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextPath {
    /// The fields, from the error body on.
    pub steps: Vec<TextStep>,
    /// What the last one holds.
    pub text: Text,
}

/// The text a [`TextPath`] ends at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// A `String`.
    String,
    /// An enum, or an `rt::Open` enum (read with `as_str()`).
    Enum,
}

/// One field of a [`TextPath`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextStep {
    /// The Rust field name.
    pub ident: String,
    /// How the field holds its value.
    pub access: Access,
    /// The field is a list: its first item is read.
    pub first_item: bool,
}

/// How a struct field holds its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Always there (`T`).
    Always,
    /// `Option<T>`.
    Option,
    /// `rt::Patch<T>` (a clearable field of an object requests contain).
    Patch,
}

/// An enum.
#[derive(Debug, Clone)]
pub struct Enum {
    /// Rust type name.
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// Documented values.
    pub variants: Vec<Variant>,
    /// The docs say the list is complete: no `Unknown` variant (response
    /// objects hold it as `rt::Open`).
    pub closed: bool,
}

/// An enum value.
#[derive(Debug, Clone)]
pub struct Variant {
    /// On the wire.
    pub wire: String,
    /// Rust name.
    pub ident: String,
    /// Doc text.
    pub docs: Vec<String>,
}

/// A named map or list type.
#[derive(Debug, Clone)]
pub struct Alias {
    /// Rust type name.
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// The aliased type (`List` or `Map`).
    pub ty: RustTy,
    /// Constraints of the whole value.
    pub checks: Checks,
}

/// The Rust type of a field.
#[derive(Debug, Clone, PartialEq)]
pub enum RustTy {
    /// A scalar.
    Scalar(Scalar),
    /// String, number or boolean (a JSON value checked at run time).
    AnyScalar,
    /// `Vec<T>`.
    List(Box<RustTy>),
    /// `IndexMap<String, T>`.
    Map(Box<RustTy>),
    /// `rt::Expandable<T>`: an id, or the object `T`.
    Expandable(Box<RustTy>),
    /// `rt::Open<E>`: a value of the closed enum `E` in a response, or
    /// any other text the provider sends.
    Open(Box<RustTy>),
    /// A named type: its name, what it is, and its handle.
    Named(String, NamedKind, TypeId),
}

/// A handle to a named type: its index in [`Provider::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

impl Provider {
    /// The named type a handle stands for.
    pub fn type_def(&self, id: TypeId) -> Option<&TypeDef> {
        self.types.get(id.0)
    }
}

/// What a named type is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    /// Struct.
    Object,
    /// Enum.
    Enum,
    /// Map or list alias.
    Alias,
    /// Tagged union.
    Union,
}

/// Whether a field must, may, or may be cleared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Always present (request: constructor argument).
    Required,
    /// May be left out (`Option<T>`).
    Optional,
    /// May be left out or cleared with `null` (`Patch<T>` in requests).
    Clearable,
}

/// A field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire name.
    pub wire: String,
    /// Rust name.
    pub ident: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// Rust type.
    pub ty: RustTy,
    /// Presence.
    pub presence: Presence,
    /// Held in a `Box`: the field's object type contains, directly or
    /// through other objects, the object the field belongs to.
    pub boxed: bool,
    /// The one value a request sends for it: the setter takes no argument
    /// (and a required one is set by the constructor).
    pub constant: Option<Const>,
    /// Secret.
    pub sensitive: bool,
    /// How a response decodes it (from its type and leniencies).
    pub decode: Decode,
    /// Request-side constraints.
    pub checks: Checks,
}

/// The value of a `const` field, typed for the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Const {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A boolean.
    Bool(bool),
}

/// How a response field is decoded, decided once from its type and the
/// leniencies the spec gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decode {
    /// As its type says, strictly.
    Plain,
    /// An object or map that may arrive as `[]`.
    EmptyArray,
    /// A decimal, from a JSON number or string, every digit kept.
    Decimal,
    /// A whole number that may arrive as a JSON string.
    QuotedI64,
    /// A boolean that may arrive as a JSON string.
    QuotedBool,
    /// Text that may arrive as a number or boolean.
    UnquotedString,
}

impl Decode {
    /// The decoder of a field of type `ty` with leniencies `lenient`
    /// (held as a secret when `secret`).
    pub fn of(ty: &RustTy, lenient: &[Lenient], secret: bool) -> Decode {
        if lenient.contains(&Lenient::EmptyArray) {
            Decode::EmptyArray
        } else if matches!(ty, RustTy::Scalar(s) if s.is_decimal()) {
            Decode::Decimal
        } else if lenient.contains(&Lenient::Quoted) {
            match ty {
                RustTy::Scalar(s) if s.is_integral() => Decode::QuotedI64,
                RustTy::Scalar(Scalar::Boolean) => Decode::QuotedBool,
                _ => Decode::Plain,
            }
        } else if lenient.contains(&Lenient::Unquoted)
            && !secret
            && matches!(ty, RustTy::Scalar(s) if s.is_textual())
        {
            Decode::UnquotedString
        } else {
            Decode::Plain
        }
    }
}

/// Constraints, with the docs' messages.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checks {
    /// Minimum characters.
    pub min_length: Option<u64>,
    /// Maximum characters.
    pub max_length: Option<u64>,
    /// Numeric minimum, as written.
    pub minimum: Option<String>,
    /// Numeric maximum, as written.
    pub maximum: Option<String>,
    /// Regex.
    pub pattern: Option<String>,
    /// Allowed values, as JSON.
    pub allowed: Vec<serde_json::Value>,
    /// List minimum.
    pub min_items: Option<u64>,
    /// List maximum.
    pub max_items: Option<u64>,
    /// Map maximum entries.
    pub max_entries: Option<u64>,
    /// Map key length.
    pub max_key_length: Option<u64>,
    /// Map value length.
    pub max_value_length: Option<u64>,
    /// Map values must be scalars.
    pub scalar_values: bool,
    /// No two list items share this member.
    pub unique_by: Option<UniqueKey>,
    /// Docs messages by rule name.
    pub messages: Vec<(Constraint, String)>,
}

/// The member of a list's object items that no two items share
/// (`unique_by`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UniqueKey {
    /// Its wire name.
    pub wire: String,
    /// Its Rust name.
    pub ident: String,
    /// Always present (else an `Option`, and an item without it shares
    /// nothing).
    pub required: bool,
}

impl Checks {
    /// The docs' message for a rule.
    pub fn message(&self, rule: Constraint) -> Option<&str> {
        self.messages
            .iter()
            .find(|(r, _)| *r == rule)
            .map(|(_, m)| m.as_str())
    }

    /// Whether any constraint is set.
    pub fn is_empty(&self) -> bool {
        *self
            == Checks {
                messages: self.messages.clone(),
                ..Checks::default()
            }
    }
}

/// A cross-field rule, its fields named by their indexes among the fields
/// it sits with.
#[derive(Debug, Clone)]
pub enum Rule {
    /// When a field meets a condition, others are required or forbidden.
    When(WhenRule),
    /// Of a group of fields, at least, exactly or at most one is set.
    Group(GroupRule),
}

/// When the field `when` meets `cond`, the fields `require` must be set
/// and the fields `forbid` left out.
#[derive(Debug, Clone)]
pub struct WhenRule {
    /// Index of the condition field.
    pub when: usize,
    /// The condition on its value.
    pub cond: Cond,
    /// Indexes of the fields it requires.
    pub require: Vec<usize>,
    /// Indexes of the fields it forbids.
    pub forbid: Vec<usize>,
    /// The message.
    pub message: String,
}

/// The condition of a [`WhenRule`] on a field's value. Each value comes
/// with its test and as the spec writes it (JSON).
#[derive(Debug, Clone)]
pub enum Cond {
    /// The field is set, whatever its value.
    Present,
    /// The field has one of these values (`equals` is the one-value case).
    In(Vec<(Test, serde_json::Value)>),
    /// The field is set to none of these values.
    NotIn(Vec<(Test, serde_json::Value)>),
}

/// Of the fields `fields`, `kind` says how many may be set.
#[derive(Debug, Clone)]
pub struct GroupRule {
    /// At least, exactly or at most one.
    pub kind: Group,
    /// Indexes of the fields.
    pub fields: Vec<usize>,
    /// The message.
    pub message: String,
}

/// How a rule compares its condition field's value, decided from the
/// field's type and the value the spec gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// A text field equals this text.
    Text(String),
    /// A secret text field equals this text.
    SecretText(String),
    /// An enum field has this wire value.
    Enum(String),
    /// A whole-number field equals this number.
    Int(i64),
    /// A decimal field equals mantissa × 10^-scale.
    Decimal(i64, u32),
    /// A boolean field is this value.
    Bool(bool),
    /// A `json` field equals this JSON text.
    JsonText(String),
    /// A `json` field equals this JSON whole number.
    JsonInt(i64),
    /// A `json` field equals this JSON boolean.
    JsonBool(bool),
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Method name (`update_order`).
    pub ident: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// HTTP method.
    pub method: Method,
    /// Path template (`/v1/orders/{id}`).
    pub path: Template,
    /// Path parameters in template order.
    pub path_params: Vec<Field>,
    /// The request body.
    pub request: Option<Request>,
    /// Success status.
    pub success_status: u16,
    /// Success body type; `None` when the docs describe no body.
    pub response_type: Option<String>,
    /// Error body type, when documented.
    pub error_type: Option<String>,
    /// The Rust name of the operation's error type alias
    /// (`UpdateOrderError`): the documented error body, or the server's
    /// JSON when the docs give none.
    pub error_alias: String,
    /// Documented errors, in the docs' order.
    pub errors: Vec<DocumentedError>,
    /// Safe to retry: the spec says so, or the operation sends an
    /// idempotency key.
    pub retry_safe: bool,
    /// The request member that holds the idempotency key, when the
    /// operation takes one.
    pub idempotency: Option<IdempotencyKey>,
    /// Wire names of the secret fields its response or error body can
    /// carry, redacted from the body snippets errors keep.
    pub redact_keys: Vec<String>,
}

/// The idempotency key of an operation: a member of its request type (a
/// per-operation header or a body field) that the client fills with a new
/// key when the caller leaves it unset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey {
    /// The member's Rust name (also its setter's).
    pub ident: String,
    /// Its wire name (the header's or the field's).
    pub wire: String,
    /// A header, not a body field.
    pub header: bool,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct Request {
    /// Rust type name (`UpdateOrderRequest`).
    pub name: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// Encoding.
    pub encoding: Encoding,
    /// Form: how lists and brackets are written (the defaults otherwise).
    pub form: FormStyle,
    /// JSON:API resource type.
    pub resource_type: Option<String>,
    /// JSON:API: the Rust name of the path parameter that is `data.id`.
    pub jsonapi_id: Option<String>,
    /// Per-operation headers.
    pub headers: Vec<Header>,
    /// Body fields (JSON:API attributes).
    pub fields: Vec<Field>,
    /// JSON:API relationships.
    pub relationships: Vec<Relationship>,
    /// Cross-field rules.
    pub rules: Vec<Rule>,
    /// Wire names the server rejects (documented, not settable).
    pub rejects: Vec<String>,
    /// JSON Patch: the documented patches (the body is a list of them).
    pub patch: Option<PatchTable>,
}

impl Request {
    /// The fields whose values the body carries: the body fields and, in a
    /// JSON Patch request, each patchable path's value.
    pub fn carried_fields(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter().chain(
            self.patch
                .iter()
                .flat_map(|t| t.rows.iter().filter_map(|r| r.value.as_ref())),
        )
    }
}

/// The patchable table of a JSON Patch request: the enum of its patches
/// (`UpdateOrderPatch`), one variant per documented (operation, path).
#[derive(Debug, Clone)]
pub struct PatchTable {
    /// Rust type name of the patch enum.
    pub name: String,
    /// The `{name}` placeholders of the paths, each typed and checked like
    /// a path parameter.
    pub params: Vec<Field>,
    /// The patchable paths, in the docs' order.
    pub rows: Vec<PatchRow>,
}

/// One patchable path and the operations it allows.
#[derive(Debug, Clone)]
pub struct PatchRow {
    /// The JSON Pointer template (`/purchase_units/@reference_id=='{reference_id}'/invoice_id`).
    pub path: Template,
    /// The Rust name its methods are built from (`purchase_units_invoice_id`).
    pub ident: String,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
    /// The allowed operations, in the spec's order.
    pub ops: Vec<PatchOp>,
    /// Indexes into [`PatchTable::params`] of its placeholders, in path order.
    pub params: Vec<usize>,
    /// The value `add` and `replace` send (wire name `value`, required);
    /// `None` for a `remove`-only path.
    pub value: Option<Field>,
}

impl PatchRow {
    /// The name of the constructor that builds this row's patch for `op`
    /// (`replace_purchase_units_invoice_id`), which the generated patch
    /// enum has and harnesses name patches by.
    pub fn constructor(&self, op: PatchOp) -> String {
        format!("{}_{}", op.name(), self.ident)
    }

    /// The placeholder values of a JSON Pointer when it fits this row's
    /// path, by placeholder name; `None` when it does not fit.
    pub fn match_pointer(&self, pointer: &str) -> Option<Vec<(String, String)>> {
        self.path.match_pointer(pointer)
    }
}

/// A JSON:API relationship of a request.
#[derive(Debug, Clone)]
pub struct Relationship {
    /// Member name.
    pub wire: String,
    /// Rust name.
    pub ident: String,
    /// Related resource type.
    pub resource: String,
    /// Must be set.
    pub required: bool,
    /// Doc text.
    pub docs: Vec<String>,
    /// The spec's `decision:` text: how the docs were read, shown after
    /// the docs under "Spec notes".
    pub notes: Vec<String>,
}
