//! Checks of `error_text:`, the fields an error body's message and code
//! are read from.

use super::Checker;
use crate::diag::suggest;
use crate::lang::{Kind, Scalar};
use crate::load::model::{ErrorText, Field};
use crate::load::SpecPath;

/// Most paths one of `message:` and `code:` may list.
pub const MAX_PATHS: usize = 4;

impl<'a> Checker<'a> {
    /// `error_text:` of the object `name`: only on a type an operation
    /// uses as its error body, and each path a chain of fields, through
    /// objects and lists, that ends at text.
    pub(super) fn error_text(&mut self, path: &SpecPath, name: &str, text: &ErrorText) {
        let path = path.key("error_text");
        // An operation's error body is the first `body:` among its errors.
        let used = self
            .spec
            .spec
            .operations
            .values()
            .any(|o| o.errors.iter().find_map(|e| e.body.as_deref()) == Some(name));
        if !used {
            self.err_key(
                &path,
                format!("`{name}` has an `error_text:`, but no operation's error body is `{name}`"),
                "an operation's error body is the first `body:` among its `errors:`; error_text says what its errors' Display shows",
            );
        }
        if text.message.as_slice().is_empty() && text.code.as_slice().is_empty() {
            self.err_key(
                &path,
                "`error_text:` names no field",
                "add `message: <field path>` and/or `code: <field path>`, e.g. `message: error.description`",
            );
        }
        for (key, paths) in [("message", &text.message), ("code", &text.code)] {
            let list = paths.as_slice();
            if list.len() > MAX_PATHS {
                self.err_value(
                    &path.key(key),
                    format!("`{key}:` lists {} paths; at most {MAX_PATHS}", list.len()),
                    "list the fields the docs name, in the order to try them",
                );
                continue;
            }
            for (i, dotted) in list.iter().enumerate() {
                let at = if paths.is_list() {
                    path.key(key).index(i)
                } else {
                    path.key(key)
                };
                self.text_path(&at, name, dotted);
            }
        }
    }

    /// One dotted path from the object `root`.
    fn text_path(&mut self, at: &SpecPath, root: &str, dotted: &str) {
        let types = &self.spec.spec.types;
        let Some(mut def) = types.get(root) else {
            return;
        };
        let mut owner = root;
        let steps: Vec<&str> = dotted.split('.').collect();
        for (i, step) in steps.iter().enumerate() {
            let last = i + 1 == steps.len();
            let Some(field) = def.fields.get(*step) else {
                let names: Vec<&str> = def.fields.keys().map(String::as_str).collect();
                let msg = if dotted.is_empty() {
                    "the path is empty".to_string()
                } else if step.is_empty() {
                    format!("`{dotted}` has an empty step")
                } else {
                    format!("`{owner}` has no field `{step}` (in `{dotted}`)")
                };
                self.err_value(at, msg, suggest(step, &names));
                return;
            };
            if field.sensitive {
                self.err_value(
                    at,
                    format!(
                        "`{owner}.{step}` is sensitive; an error's Display never shows a secret"
                    ),
                    "name a field that holds the provider's message or code",
                );
                return;
            }
            let target = element(field);
            match (last, self.spec.spec.types.get_key_value(target)) {
                (false, Some((name, next))) if next.kind == Kind::Object => {
                    owner = name;
                    def = next;
                }
                (false, _) => {
                    self.err_value(
                        at,
                        format!("`{owner}.{step}` is `{target}`, not an object, so `{dotted}` cannot go on past it"),
                        "each step but the last names an object field (or a list of objects: its first item is read)",
                    );
                    return;
                }
                (true, Some((_, next))) if next.kind == Kind::Enum => {}
                (true, None) if Scalar::from_name(target) == Some(Scalar::String) => {}
                (true, _) => {
                    self.err_value(
                        at,
                        format!("`{owner}.{step}` is `{target}`, not text"),
                        "the last step names a `string` or enum field (or a list of them)",
                    );
                    return;
                }
            }
        }
    }
}

/// The type a path step reads: a list's items, any other field's type.
fn element(field: &Field) -> &str {
    match (field.ty.as_str(), field.items.as_deref()) {
        ("list", Some(items)) => items,
        (ty, _) => ty,
    }
}
