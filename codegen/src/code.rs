//! Generated Rust source as text, and what can be written into it.
//!
//! The emitters build code with `code!` (from `codegen-macros`): a
//! `quote!`-style template whose fixed tokens are string literals made at
//! compile time, so emitting is appending text, not allocating a token per
//! word and printing the tree afterwards. What a template interpolates is
//! typed, as with `quote!`: identifiers (checked names), literals (escaped)
//! and other code. Spec text reaches the output only as escaped literals.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use proc_macro2::{Ident, Literal, TokenStream};

/// Rust source text, tokens a space (or a line break) apart.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Code(String);

impl Code {
    /// No code.
    pub fn new() -> Self {
        Code(String::new())
    }

    /// No code yet, room for `bytes` of it.
    pub fn with_capacity(bytes: usize) -> Self {
        Code(String::with_capacity(bytes))
    }

    /// Appends text that is already Rust source.
    pub(crate) fn push_str(&mut self, text: &str) {
        self.0.push_str(text);
    }

    /// A space before the next token, unless the code is empty or ends
    /// with whitespace or an opening parenthesis or bracket.
    pub(crate) fn space(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with([' ', '\n', '(', '[']) {
            self.0.push(' ');
        }
    }

    /// A line break, unless the code is empty or ends with one.
    pub(crate) fn line(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with('\n') {
            self.0.push('\n');
        }
    }

    /// A `#[doc = "…"]` attribute of `text`, on its own line.
    pub(crate) fn doc(&mut self, text: &str) {
        self.line();
        self.0.push_str("#[doc = ");
        string_literal(text, &mut self.0);
        self.0.push_str("]\n");
    }

    /// Whether there is no code.
    pub fn is_empty(&self) -> bool {
        self.0.trim_start().is_empty()
    }

    /// The source text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The source text, owned.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The code as tokens (for tests and for formatting with `syn`).
    pub fn to_tokens(&self) -> TokenStream {
        // Emitted code is Rust source by construction; a failure here is a
        // generator bug.
        self.0.parse().expect("emitted code is Rust tokens")
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl Extend<Code> for Code {
    fn extend<I: IntoIterator<Item = Code>>(&mut self, iter: I) {
        for c in iter {
            self.space();
            self.0.push_str(&c.0);
        }
    }
}

impl FromIterator<Code> for Code {
    fn from_iter<I: IntoIterator<Item = Code>>(iter: I) -> Self {
        let mut out = Code::new();
        out.extend(iter);
        out
    }
}

/// An identifier the model holds (a checked name, `r#` form included),
/// written as it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name<'a>(Cow<'a, str>);

/// `text` as an identifier.
///
/// # Panics
/// When `text` is not an identifier: the model hands the emitters checked
/// names only, so that is a generator bug, and nothing a spec says can
/// reach the code as anything but an identifier.
pub fn rust_name(text: &str) -> Name<'_> {
    assert!(is_ident(text), "`{text}` is not a Rust identifier");
    Name(Cow::Borrowed(text))
}

/// [`rust_name`] of text made for it (`format!("{}_request", op)`).
pub fn owned_name(text: String) -> Name<'static> {
    assert!(is_ident(&text), "`{text}` is not a Rust identifier");
    Name(Cow::Owned(text))
}

/// Whether `text` is an identifier: ASCII letters, digits and `_`, not
/// starting with a digit, optionally raw (`r#`). Keywords count: `self`,
/// `Self` and `crate` are paths' first segments.
fn is_ident(text: &str) -> bool {
    let bare = text.strip_prefix("r#").unwrap_or(text).as_bytes();
    !bare.is_empty()
        && !bare[0].is_ascii_digit()
        && bare.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'_')
        && bare != b"_"
}

impl fmt::Display for Name<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToCode for Name<'_> {
    fn write_code(&self, out: &mut Code) {
        out.0.push_str(&self.0);
    }
}

/// What a `code!` template can interpolate (`#value`).
pub trait ToCode {
    /// Appends this value's source text.
    fn write_code(&self, out: &mut Code);
}

impl<T: ToCode + ?Sized> ToCode for &T {
    fn write_code(&self, out: &mut Code) {
        (**self).write_code(out);
    }
}

impl<T: ToCode + ?Sized> ToCode for Box<T> {
    fn write_code(&self, out: &mut Code) {
        (**self).write_code(out);
    }
}

impl<T: ToCode> ToCode for Option<T> {
    fn write_code(&self, out: &mut Code) {
        if let Some(value) = self {
            value.write_code(out);
        }
    }
}

impl ToCode for Code {
    fn write_code(&self, out: &mut Code) {
        out.0.push_str(&self.0);
    }
}

impl ToCode for Ident {
    fn write_code(&self, out: &mut Code) {
        // Writing to a `String` cannot fail.
        let _ = write!(out.0, "{self}");
    }
}

impl ToCode for Literal {
    fn write_code(&self, out: &mut Code) {
        let _ = write!(out.0, "{self}");
    }
}

/// A string interpolates as a string literal, as with `quote!`.
impl ToCode for str {
    fn write_code(&self, out: &mut Code) {
        string_literal(self, &mut out.0);
    }
}

impl ToCode for String {
    fn write_code(&self, out: &mut Code) {
        string_literal(self, &mut out.0);
    }
}

impl ToCode for bool {
    fn write_code(&self, out: &mut Code) {
        out.0.push_str(if *self { "true" } else { "false" });
    }
}

/// Integers interpolate as suffixed literals, as with `quote!`.
macro_rules! suffixed {
    ($($t:ty),*) => {$(
        impl ToCode for $t {
            fn write_code(&self, out: &mut Code) {
                let _ = write!(out.0, "{}{}", self, stringify!($t));
            }
        }
    )*};
}
suffixed!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// `text` as a Rust string literal, escaped as `proc_macro2` escapes it
/// (`Literal::string`), so formatted output does not depend on which of
/// the two wrote a literal.
pub(crate) fn string_literal(text: &str, out: &mut String) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut chars = text.chars();
    while let Some(ch) = chars.next() {
        match ch {
            '\0' if chars
                .as_str()
                .starts_with(|c: char| c.is_ascii_digit() && c < '8') =>
            {
                out.push_str(r"\x00");
            }
            '\0' => out.push_str(r"\0"),
            '\'' => out.push('\''),
            ' '..='~' if ch != '"' && ch != '\\' => out.push(ch),
            _ => out.extend(ch.escape_debug()),
        }
    }
    out.push('"');
}

/// How `code!` repeats: `#( … )*` iterates each variable that is an
/// iterator (or a slice, `Vec` or set, by reference) and repeats each one
/// that is a plain value; at least one must iterate.
pub mod rep {
    use std::collections::BTreeSet;
    use std::ops::BitOr;

    use super::ToCode;

    /// Some variable of the repetition iterates.
    pub struct HasIter;
    /// No variable seen so far iterates.
    pub struct NoIter;

    /// `a | b` of the markers: an iterator if either is.
    macro_rules! or {
        ($($a:ident | $b:ident => $out:ident;)*) => {$(
            impl BitOr<$b> for $a {
                type Output = $out;
                fn bitor(self, _: $b) -> $out {
                    $out
                }
            }
        )*};
    }
    or! {
        NoIter | NoIter => NoIter;
        NoIter | HasIter => HasIter;
        HasIter | NoIter => HasIter;
        HasIter | HasIter => HasIter;
    }

    /// An iterator, taken by value.
    pub trait RepIterator: Iterator + Sized {
        fn code_rep(self) -> (Self, HasIter) {
            (self, HasIter)
        }
    }
    impl<T: Iterator> RepIterator for T {}

    /// A plain value, repeated as it is.
    pub trait RepCode {
        fn next(&self) -> Option<&Self> {
            Some(self)
        }
        fn code_rep(&self) -> (&Self, NoIter) {
            (self, NoIter)
        }
    }
    impl<T: ToCode + ?Sized> RepCode for T {}

    /// A collection, iterated by reference.
    pub trait RepSlice<'q> {
        type Iter: Iterator;
        fn code_rep(&'q self) -> (Self::Iter, HasIter);
    }
    impl<'q, T: 'q> RepSlice<'q> for [T] {
        type Iter = std::slice::Iter<'q, T>;
        fn code_rep(&'q self) -> (Self::Iter, HasIter) {
            (self.iter(), HasIter)
        }
    }
    impl<'q, T: 'q> RepSlice<'q> for Vec<T> {
        type Iter = std::slice::Iter<'q, T>;
        fn code_rep(&'q self) -> (Self::Iter, HasIter) {
            (self.iter(), HasIter)
        }
    }
    impl<'q, T: 'q, const N: usize> RepSlice<'q> for [T; N] {
        type Iter = std::slice::Iter<'q, T>;
        fn code_rep(&'q self) -> (Self::Iter, HasIter) {
            (self.iter(), HasIter)
        }
    }
    impl<'q, T: 'q> RepSlice<'q> for BTreeSet<T> {
        type Iter = std::collections::btree_set::Iter<'q, T>;
        fn code_rep(&'q self) -> (Self::Iter, HasIter) {
            (self.iter(), HasIter)
        }
    }
    impl<'q, T: RepSlice<'q> + ?Sized> RepSlice<'q> for &T {
        type Iter = T::Iter;
        fn code_rep(&'q self) -> (Self::Iter, HasIter) {
            (**self).code_rep()
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use codegen_macros::code;
    use proc_macro2::Span;

    #[test]
    fn string_literals_match_proc_macro2() {
        for text in [
            "plain",
            "a \"q\" \\ b",
            "tab\there",
            "nl\nx",
            "\0",
            "\u{0}7",
            "\u{0}9",
            "it's",
            "é ü ∑",
            "\u{202e}bidi",
            "\u{7f}",
            "\r",
        ] {
            let mut ours = String::new();
            string_literal(text, &mut ours);
            assert_eq!(ours, Literal::string(text).to_string(), "{text:?}");
        }
    }

    #[test]
    fn templates_give_the_tokens_quote_gives() {
        let name = Ident::new("Order", Span::call_site());
        let fields = vec![
            Ident::new("a", Span::call_site()),
            Ident::new("b", Span::call_site()),
        ];
        let tys = [code!(u8), code!(Option<String>)];
        let docs = "say \"hi\"";
        let none: Option<Code> = None;
        let ours = code! {
            #[doc = #docs]
            pub struct #name<'a> {
                #(pub #fields: #tys,)*
                x: &'a str,
            }
            impl #name<'_> {
                fn f(&self) -> Vec<u8> { let v = vec![1u8, 2]; v.iter().map(|x| x + 1).collect::<Vec<_>>() #none }
                fn g() -> bool { (0..2).contains(&1) && #docs.len() == 8 }
                fn h(x: ::std::string::String, y: &[u8]) -> usize { let r = ..; x.len() + y[1..].len() + r.end }
            }
            fn tail() { #(#fields)|*; let _ = (#(#fields = #name),*); }
        };
        let theirs = quote::quote! {
            #[doc = #docs]
            pub struct #name<'a> {
                pub a: u8,
                pub b: Option<String>,
                x: &'a str,
            }
            impl #name<'_> {
                fn f(&self) -> Vec<u8> { let v = vec![1u8, 2]; v.iter().map(|x| x + 1).collect::<Vec<_>>() }
                fn g() -> bool { (0..2).contains(&1) && #docs.len() == 8 }
                fn h(x: ::std::string::String, y: &[u8]) -> usize { let r = ..; x.len() + y[1..].len() + r.end }
            }
            fn tail() { a | b; let _ = (a = Order, b = Order); }
        };
        assert_eq!(flat(ours.to_tokens()), flat(theirs));
        // What the compiler reads: spacing decides `::` against `: :`.
        #[cfg(feature = "format")]
        syn::parse_file(ours.as_str()).unwrap_or_else(|e| panic!("{e}:\n{ours}"));
    }

    /// Tokens without their spacing: what the code means.
    pub(crate) fn flat(tokens: TokenStream) -> Vec<String> {
        let mut out = Vec::new();
        for t in tokens {
            match t {
                proc_macro2::TokenTree::Group(g) => {
                    out.push(format!("{:?}(", g.delimiter()));
                    out.extend(flat(g.stream()));
                    out.push(")".into());
                }
                other => out.push(other.to_string()),
            }
        }
        out
    }

    #[test]
    fn empty_repetitions_keep_neighbours_apart() {
        let none: Vec<Code> = Vec::new();
        let c = code!(pub #(#none)* fn f() {});
        assert_eq!(
            flat(c.to_tokens()),
            ["pub", "fn", "f", "Parenthesis(", ")", "Brace(", ")"]
        );
    }
}
