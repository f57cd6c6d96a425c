//! Lowering `error_text:`: the dotted paths become chains of Rust fields.

use super::{
    Access, Analysis, ErrorText, Presence, RustTy, Text, TextPath, TextStep, TypeDef, TypeId,
};
use crate::load::model as spec;

/// Fills [`super::Object::error_text`] of every object whose spec gives
/// `error_text:`. The checker has resolved every path; a path that does
/// not resolve (never, for a checked spec) is left out.
pub(super) fn resolve(types: &mut [TypeDef], s: &spec::SpecFile, analysis: &Analysis) {
    let resolved: Vec<(usize, ErrorText)> = s
        .types
        .iter()
        .enumerate()
        .filter_map(|(i, (_, d))| {
            let text = d.error_text.as_ref()?;
            let paths = |p: &spec::Paths| -> Vec<TextPath> {
                p.as_slice()
                    .iter()
                    .filter_map(|dotted| path(types, analysis, TypeId(i), dotted))
                    .collect()
            };
            Some((
                i,
                ErrorText {
                    message: paths(&text.message),
                    code: paths(&text.code),
                },
            ))
        })
        .collect();
    for (i, text) in resolved {
        if let Some(TypeDef::Object(o)) = types.get_mut(i) {
            o.error_text = text;
        }
    }
}

/// The fields `dotted` reads from the object `root`.
fn path(types: &[TypeDef], analysis: &Analysis, root: TypeId, dotted: &str) -> Option<TextPath> {
    let mut owner = root;
    let mut steps = Vec::new();
    let mut text = Text::String;
    for step in dotted.split('.') {
        let TypeDef::Object(o) = types.get(owner.0)? else {
            return None;
        };
        let field = o.fields.iter().find(|f| f.wire == step)?;
        let access = match field.presence {
            Presence::Required => Access::Always,
            Presence::Clearable if analysis.request_types.contains(&o.name) => Access::Patch,
            Presence::Optional | Presence::Clearable => Access::Option,
        };
        let (element, first_item) = match &field.ty {
            RustTy::List(item) => (item.as_ref(), true),
            ty => (ty, false),
        };
        steps.push(TextStep {
            ident: field.ident.clone(),
            access,
            first_item,
        });
        match element {
            RustTy::Named(_, _, id) => owner = *id,
            RustTy::Open(_) => text = Text::Enum,
            _ => {}
        }
        if let RustTy::Named(_, super::NamedKind::Enum, _) = element {
            text = Text::Enum;
        }
    }
    Some(TextPath { steps, text })
}
