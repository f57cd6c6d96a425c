//! `code!`: a `quote!`-style template compiled to string appends.
//!
//! codegen's emitters write Rust source. With `quote!` every word of a
//! template becomes a heap-allocated token at run time, then the tree is
//! printed and freed: most of what a build script spent. `code!` takes the
//! same template syntax and, at compile time, turns each run of fixed
//! tokens into one string literal, so at run time a template costs a few
//! `push_str` calls and the interpolated values:
//!
//! - `#var` writes `var` through `crate::code::ToCode`;
//! - `#( … ) sep *` repeats its body once per item of the iterators named
//!   inside it (values that are not iterators repeat unchanged), with an
//!   optional separator of punctuation (`,`, `|`, `&&`), as `quote!` does;
//! - everything else is written as tokens, a space apart where Rust needs
//!   one, a line break after `;`, braces and attributes (so a compiler note
//!   that points into the output shows a short line).
//!
//! The expansion names `crate::code`, so the macro serves codegen alone.

use proc_macro::{Delimiter, Spacing, TokenStream, TokenTree};

/// A template of Rust code; see the crate docs.
#[proc_macro]
pub fn code(input: TokenStream) -> TokenStream {
    let mut w = Writer::default();
    w.stream(input);
    w.flush();
    let body = match w.error {
        Some(msg) => format!("compile_error!({msg:?})"),
        None => format!(
            "{{ let mut __code = crate::code::Code::with_capacity({}); {} __code }}",
            w.fixed + 16 * w.values,
            w.out
        ),
    };
    body.parse().unwrap_or_else(|_| {
        "compile_error!(\"code!: the expansion does not parse\")"
            .parse()
            .unwrap_or_default()
    })
}

/// What was written last, which decides the whitespace before the next
/// token.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    /// Nothing yet, an opening `(` or `[`, a `.`, or a joint punctuation:
    /// the next token follows without a space.
    Glued,
    /// A word, literal or lone punctuation: a space before the next word.
    Word,
    /// A line break.
    Line,
    /// An interpolated value, unknown until run time: the space or line
    /// break is decided then.
    Dynamic,
}

/// The expansion being written: statements appending to `__code`.
struct Writer {
    /// The statements so far.
    out: String,
    /// Fixed text not yet appended.
    pending: String,
    prev: Prev,
    /// Nesting depth of repetitions, for unique local names.
    depth: usize,
    /// Bytes of fixed text and number of interpolations: the capacity the
    /// code starts with.
    fixed: usize,
    values: usize,
    /// The last fixed token is an identifier.
    after_ident: bool,
    error: Option<String>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            out: String::new(),
            pending: String::new(),
            prev: Prev::Glued,
            depth: 0,
            after_ident: false,
            fixed: 0,
            values: 0,
            error: None,
        }
    }
}

impl Writer {
    fn flush(&mut self) {
        if !self.pending.is_empty() {
            self.fixed += self.pending.len();
            self.out
                .push_str(&format!("__code.push_str({:?});", self.pending));
            self.pending.clear();
        }
    }

    /// Whitespace before a fixed token `text`.
    fn before(&mut self, text: &str) {
        // These never take a space before them, except that a lone `:` or
        // `.` after another must stay apart (`x: ::std`, not `x:::std`).
        let tight = matches!(text, "," | ";" | "." | "?" | ")" | "]" | ":")
            && !(matches!(text, ":" | ".") && self.pending.ends_with(text));
        match self.prev {
            Prev::Glued | Prev::Line => {}
            Prev::Word => {
                if !tight {
                    self.pending.push(' ');
                }
            }
            Prev::Dynamic => {
                if !tight {
                    self.flush();
                    self.out.push_str("__code.space();");
                }
            }
        }
    }

    /// A fixed token, then what follows it.
    fn token(&mut self, text: &str, after: Prev) {
        self.before(text);
        self.pending.push_str(text);
        self.prev = after;
    }

    fn line(&mut self) {
        match self.prev {
            Prev::Line => {}
            Prev::Dynamic => {
                self.flush();
                self.out.push_str("__code.line();");
            }
            Prev::Glued | Prev::Word => self.pending.push('\n'),
        }
        self.prev = Prev::Line;
    }

    /// An interpolated value.
    fn value(&mut self, name: &str) {
        match self.prev {
            Prev::Glued | Prev::Line => {}
            Prev::Word => self.pending.push(' '),
            Prev::Dynamic => {
                self.flush();
                self.out.push_str("__code.space();");
            }
        }
        self.flush();
        self.out.push_str(&format!(
            "crate::code::ToCode::write_code(&{name}, &mut __code);"
        ));
        self.values += 1;
        self.prev = Prev::Dynamic;
    }

    fn stream(&mut self, input: TokenStream) {
        let tokens: Vec<TokenTree> = input.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            i = self.tree(&tokens, i);
        }
    }

    /// Writes `tokens[i]` (and what it leads), returning the next index.
    fn tree(&mut self, tokens: &[TokenTree], i: usize) -> usize {
        let follows_ident = std::mem::replace(&mut self.after_ident, false);
        match &tokens[i] {
            TokenTree::Punct(p) if p.as_char() == '#' => match tokens.get(i + 1) {
                Some(TokenTree::Ident(name)) => {
                    self.value(&name.to_string());
                    return i + 2;
                }
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Parenthesis => {
                    return self.repetition(tokens, i + 1);
                }
                Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket => {
                    // An attribute, on a line of its own.
                    if self.prev != Prev::Glued {
                        self.line();
                    }
                    self.token("#", Prev::Glued);
                    self.group(g.delimiter(), g.stream(), false);
                    self.line();
                    return i + 2;
                }
                _ => self.token("#", Prev::Glued),
            },
            TokenTree::Punct(p) => {
                let c = p.as_char();
                let mut buf = [0u8; 4];
                let text: &str = c.encode_utf8(&mut buf);
                // The second `:` of `::` joins what follows, as a joint
                // punctuation, `.` and `!` (of a macro call) do.
                let path = c == ':'
                    && matches!(tokens.get(i.wrapping_sub(1)), Some(TokenTree::Punct(q))
                        if q.as_char() == ':' && q.spacing() == Spacing::Joint);
                let after = if p.spacing() == Spacing::Joint || matches!(c, '.' | '!') || path {
                    Prev::Glued
                } else {
                    Prev::Word
                };
                self.token(text, after);
                if c == ';' {
                    self.line();
                }
            }
            TokenTree::Group(g) => self.group(g.delimiter(), g.stream(), follows_ident),
            TokenTree::Ident(id) => {
                self.token(&id.to_string(), Prev::Word);
                self.after_ident = true;
                return i + 1;
            }
            TokenTree::Literal(lit) => self.token(&lit.to_string(), Prev::Word),
        }
        i + 1
    }

    fn group(&mut self, delimiter: Delimiter, inner: TokenStream, follows_ident: bool) {
        match delimiter {
            Delimiter::Brace => {
                self.token("{", Prev::Word);
                self.line();
                self.stream(inner);
                self.line();
                self.pending.push('}');
                self.prev = Prev::Word;
                self.line();
            }
            Delimiter::Parenthesis | Delimiter::Bracket => {
                let (open, close) = if delimiter == Delimiter::Parenthesis {
                    ("(", ")")
                } else {
                    ("[", "]")
                };
                // Arguments and indices follow a name (written here or
                // interpolated) without a space.
                if (self.prev == Prev::Word && follows_ident) || self.prev == Prev::Dynamic {
                    self.prev = Prev::Glued;
                }
                self.token(open, Prev::Glued);
                self.stream(inner);
                self.token(close, Prev::Word);
            }
            Delimiter::None => self.stream(inner),
        }
    }

    /// `#( body ) sep? *` starting at the group, returning the index after
    /// the `*`.
    fn repetition(&mut self, tokens: &[TokenTree], at: usize) -> usize {
        let TokenTree::Group(g) = &tokens[at] else {
            unreachable!("called on a group")
        };
        // The separator: the punctuation between the group and the `*`
        // (`,`, `|`, `&&`…).
        let mut sep = String::new();
        let mut next = at + 1;
        loop {
            match tokens.get(next) {
                Some(TokenTree::Punct(p)) if p.as_char() == '*' => {
                    next += 1;
                    break;
                }
                Some(TokenTree::Punct(p)) if sep.len() < 3 => {
                    sep.push(p.as_char());
                    next += 1;
                }
                _ => {
                    self.error = Some(
                        "code!: `#( … )` must be followed by `*` or a separator and `*`".into(),
                    );
                    return tokens.len();
                }
            }
        }
        let mut vars = Vec::new();
        names(g.stream(), &mut vars);
        if vars.is_empty() {
            self.error = Some("code!: a repetition names no variable to repeat over".into());
            return tokens.len();
        }
        let d = self.depth;
        self.depth += 1;
        // Whitespace before the first item is decided as for a value.
        match self.prev {
            Prev::Glued | Prev::Line => {}
            Prev::Word | Prev::Dynamic => {
                self.flush();
                self.out.push_str("__code.space();");
            }
        }
        self.flush();
        self.out
            .push_str("{ use crate::code::rep::{RepCode as _, RepIterator as _, RepSlice as _}; ");
        let mut has = String::from("crate::code::rep::NoIter");
        for v in &vars {
            self.out.push_str(&format!(
                "#[allow(unused_mut)] let (mut __rep{d}_{v}, __has{d}_{v}) = {v}.code_rep(); "
            ));
            has.push_str(&format!(" | __has{d}_{v}"));
        }
        self.out.push_str(&format!(
            "let _: crate::code::rep::HasIter = {has}; let mut __first{d} = true; loop {{ "
        ));
        for v in &vars {
            self.out.push_str(&format!(
                "let {v} = match __rep{d}_{v}.next() {{ Some(x) => x, None => break }}; "
            ));
        }
        if !sep.is_empty() {
            self.out.push_str(&format!(
                "if !__first{d} {{ __code.push_str({:?}); }} ",
                if sep == "," || sep == ";" {
                    sep.clone()
                } else {
                    format!(" {sep}")
                }
            ));
        }
        self.out.push_str(&format!("__first{d} = false; "));
        self.prev = Prev::Dynamic;
        self.stream(g.stream());
        self.flush();
        self.out.push_str("} }");
        self.prev = Prev::Dynamic;
        self.depth -= 1;
        next
    }
}

/// The `#name`s inside a repetition's body, nested repetitions included,
/// each once, in order.
fn names(input: TokenStream, out: &mut Vec<String>) {
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Ident(name)) = tokens.get(i + 1) {
                    let name = name.to_string();
                    if !out.contains(&name) {
                        out.push(name);
                    }
                }
            }
            TokenTree::Group(g) => names(g.stream(), out),
            _ => {}
        }
    }
}
