//! The path of the runtime module the generated code calls, checked once.

use proc_macro2::{Spacing, TokenStream, TokenTree};

use crate::code::{Code, ToCode};

/// A Rust path of plain segments (`crate::runtime`,
/// `::generated_client::runtime`): identifiers joined by `::`, with an
/// optional leading `::` and no generics.
#[derive(Clone, Debug)]
pub struct RuntimePath(String);

impl RuntimePath {
    /// Reads `text` as a path, or says what is wrong with it.
    pub fn parse(text: &str) -> Result<RuntimePath, String> {
        let tokens: TokenStream = text.parse().map_err(|e| format!("{e}"))?;
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        // An optional leading `::`, then identifiers joined by `::`.
        let mut rest = if starts_with_colons(&tokens) {
            &tokens[2..]
        } else {
            &tokens[..]
        };
        loop {
            match rest.first() {
                Some(TokenTree::Ident(_)) => rest = &rest[1..],
                Some(t) => return Err(format!("`{t}` is not a path segment")),
                None => return Err("a path ends with a segment".into()),
            }
            match rest.first() {
                None => break,
                Some(_) if starts_with_colons(rest) => rest = &rest[2..],
                Some(t) => return Err(format!("`{t}` where `::` or the end was expected")),
            }
        }
        Ok(RuntimePath(
            tokens.iter().map(ToString::to_string).collect(),
        ))
    }
}

/// Whether `tokens` starts with `::`.
fn starts_with_colons(tokens: &[TokenTree]) -> bool {
    matches!(
        tokens,
        [TokenTree::Punct(a), TokenTree::Punct(b), ..]
            if a.as_char() == ':' && a.spacing() == Spacing::Joint && b.as_char() == ':'
    )
}

impl ToCode for RuntimePath {
    fn write_code(&self, out: &mut Code) {
        out.push_str(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::RuntimePath;
    use codegen_macros::code;

    #[test]
    fn plain_paths_are_read_and_anything_else_refused() {
        for ok in [
            "crate::runtime",
            "::generated_client::runtime",
            "generated_client :: runtime",
            "rt",
            "self::r#type",
        ] {
            let path = RuntimePath::parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert_eq!(
                code!(#path).to_string().replace(' ', ""),
                ok.replace(' ', ""),
                "{ok}"
            );
        }
        for bad in [
            "",
            "::",
            "crate::",
            "crate::not a path",
            "a::<T>",
            "a::b<T>",
            "1x",
            "a:b",
            "a.b",
            "crate::(x)",
            "a::::b",
        ] {
            assert!(RuntimePath::parse(bad).is_err(), "{bad:?} is accepted");
        }
    }
}
