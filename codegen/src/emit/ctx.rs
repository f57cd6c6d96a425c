//! What the emitters ask about the provider as a whole: the model's
//! [`Analysis`](crate::model::Analysis), and its named types by handle.
//! The one module the emitters share, so none of them depends on another
//! for it.

use crate::code::{owned_name, Code, Name};
use codegen_macros::code;
use heck::ToSnakeCase;

use crate::model::{Alias, NamedKind, Provider, TypeDef, TypeId};

/// The provider being emitted.
pub(crate) struct Ctx<'a> {
    /// The provider.
    pub provider: &'a Provider,
    /// Every type implements both serde directions.
    pub both_directions: bool,
    /// Types that carry data derive `PartialEq`.
    pub partial_eq: bool,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(p: &'a Provider, opts: &super::EmitOptions) -> Self {
        Ctx {
            provider: p,
            both_directions: opts.both_directions,
            partial_eq: opts.partial_eq,
        }
    }

    /// The derives of a type that carries data (`Debug, Clone`, and
    /// `PartialEq` when asked for), each followed by a comma.
    pub(crate) fn data_derives(&self) -> Code {
        if self.partial_eq {
            code!(Debug, Clone, PartialEq,)
        } else {
            code!(Debug, Clone,)
        }
    }

    /// Whether the named type implements `Serialize`: a request carries it
    /// (or no operation reaches it, or both directions are asked for).
    pub(crate) fn serializes(&self, name: &str) -> bool {
        let a = &self.provider.analysis;
        self.both_directions || a.request_types.contains(name) || a.free_types.contains(name)
    }

    /// Whether the named type implements `Deserialize`: a response or
    /// error body carries it (or nothing reaches it, or both directions
    /// are asked for).
    pub(crate) fn deserializes(&self, name: &str) -> bool {
        let a = &self.provider.analysis;
        self.both_directions || a.response_types.contains(name) || a.free_types.contains(name)
    }

    /// Whether a request can contain the named type (it gets a validator).
    pub(crate) fn is_request_type(&self, name: &str) -> bool {
        self.provider.analysis.request_types.contains(name)
    }

    /// Whether validating the request type `name` checks anything.
    pub(crate) fn checks(&self, name: &str) -> bool {
        self.provider.analysis.checked.contains(name)
    }

    /// Whether the request object `name` holds a sensitive value.
    pub(crate) fn object_secrets(&self, name: &str) -> bool {
        self.provider.analysis.secret_holders.contains(name)
    }

    /// The named list or map a handle stands for, if it is one.
    pub(crate) fn alias(&self, id: TypeId) -> Option<&'a Alias> {
        match self.provider.type_def(id)? {
            TypeDef::Alias(a) => Some(&**a),
            TypeDef::Object(_) | TypeDef::Enum(_) | TypeDef::Union(_) => None,
        }
    }
}

/// Whether values of a named type have a validator to call: request types
/// whose validation checks something (no empty validator is emitted).
pub(crate) fn named_has_checks(name: &str, kind: NamedKind, ctx: &Ctx<'_>) -> bool {
    match kind {
        NamedKind::Enum | NamedKind::Union => false,
        NamedKind::Alias | NamedKind::Object => ctx.is_request_type(name) && ctx.checks(name),
    }
}

/// The module-level validator function of a named list or map.
pub(crate) fn alias_validator(name: &str) -> Name<'static> {
    owned_name(format!("validate_{}", name.to_snake_case()))
}
