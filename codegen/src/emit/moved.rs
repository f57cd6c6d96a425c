//! Token streams that `quote!` moves into its output instead of copying.
//!
//! `quote!` interpolates a `TokenStream` through `ToTokens::to_tokens(&self)`,
//! which clones it and then, because the clone is shared, copies every
//! token of it (an allocation per identifier and literal); the original is
//! freed later. An item is assembled from parts built for it and used
//! once, so that copy is pure waste: most of what the emitters spent.
//! [`Moved`] hands its stream over instead.

use std::cell::Cell;

use proc_macro2::TokenStream;
use quote::ToTokens;

/// A part of an item, interpolated once (`#part` or `#(#parts)*`); a
/// second interpolation is an emitter bug, caught by a debug assertion.
pub(crate) struct Moved(Cell<Option<TokenStream>>);

impl Moved {
    pub(crate) fn new(tokens: TokenStream) -> Self {
        Moved(Cell::new(Some(tokens)))
    }
}

impl From<TokenStream> for Moved {
    fn from(tokens: TokenStream) -> Self {
        Moved::new(tokens)
    }
}

impl ToTokens for Moved {
    fn to_tokens(&self, dst: &mut TokenStream) {
        // The only owner: extending takes the tokens over without a copy.
        let tokens = self.0.take();
        debug_assert!(tokens.is_some(), "a moved part was interpolated twice");
        dst.extend(tokens);
    }
}

/// Every stream of `parts`, moved.
pub(crate) fn all(parts: impl IntoIterator<Item = TokenStream>) -> Vec<Moved> {
    parts.into_iter().map(Moved::new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn moved_parts_give_the_same_tokens_as_copied_ones() {
        let parts = || {
            vec![
                quote!(
                    fn a() {}
                ),
                quote!(
                    struct B;
                ),
                quote!(),
            ]
        };
        let inner = quote!(x: u8,);
        let copied = {
            let parts = parts();
            quote!(mod m { #(#parts)* struct C { #inner } })
        };
        let moved = {
            let parts = all(parts());
            let inner = Moved::new(inner.clone());
            quote!(mod m { #(#parts)* struct C { #inner } })
        };
        assert_eq!(copied.to_string(), moved.to_string());
    }

    #[test]
    #[should_panic(expected = "interpolated twice")]
    fn a_second_interpolation_is_caught() {
        let part = Moved::new(quote!(
            struct A;
        ));
        let _ = quote!(#part #part);
    }
}
