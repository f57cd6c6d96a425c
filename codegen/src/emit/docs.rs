//! Doc comments from spec text.

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};

/// Longest doc line before wrapping, in characters.
const WIDTH: usize = 96;

/// `#[doc = …]` attributes for spec text: escaped for rustdoc and wrapped.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    raw(&escaped(lines))
}

/// Spec text escaped for rustdoc and wrapped, ready for [`raw`].
pub(crate) fn escaped(lines: &[String]) -> Vec<String> {
    lines.iter().flat_map(|l| wrap(escape(l))).collect()
}

/// `#[doc = …]` attributes for text the generator wrote (may hold links).
///
/// Doc text is most of what the generator writes, so the attributes are
/// built token by token rather than through `quote!`.
pub(crate) fn raw(lines: &[String]) -> TokenStream {
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    let mut out = TokenStream::new();
    let mut text = String::new();
    for line in &lines[..end] {
        text.clear();
        if !line.is_empty() {
            text.push(' ');
            text.push_str(line);
        }
        let inner = TokenStream::from_iter([
            TokenTree::from(Ident::new("doc", Span::call_site())),
            TokenTree::from(Punct::new('=', Spacing::Alone)),
            TokenTree::from(literal(&text)),
        ]);
        out.extend([
            TokenTree::from(Punct::new('#', Spacing::Alone)),
            TokenTree::from(Group::new(Delimiter::Bracket, inner)),
        ]);
    }
    out
}

/// The string literal of `text`. `Literal::string` escapes every character
/// through `char::escape_debug` (Unicode tables); text with no quote,
/// backslash or control character needs no escape, and its literal is read
/// as it is. Both give the same string to the formatter.
fn literal(text: &str) -> Literal {
    let plain = !text
        .chars()
        .any(|c| c == '"' || c == '\\' || c.is_control());
    if plain {
        if let Ok(lit) = format!("\"{text}\"").parse::<Literal>() {
            return lit;
        }
    }
    Literal::string(text)
}

/// Splits a long line at spaces; list items continue indented.
fn wrap(line: String) -> Vec<String> {
    if line.len() <= WIDTH || line.chars().count() <= WIDTH {
        return vec![line];
    }
    let indent = if line.starts_with("- ") { "  " } else { "" };
    let mut out = Vec::new();
    let mut cur = String::new();
    for word in line.split(' ') {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > WIDTH {
            out.push(std::mem::take(&mut cur));
            cur.push_str(indent);
        }
        if !cur.is_empty() && cur != indent {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Escapes what rustdoc would read as links or HTML (`[`, `]`, `<`, `>`),
/// and turns bare URLs into autolinks. Code spans are left alone.
pub(crate) fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut in_code = false;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            let (skip, url) = match c {
                'h' => (0, url_at(rest)),
                '<' => (1, url_at(&rest[1..])),
                _ => (0, None),
            };
            if let Some(url) = url {
                out.push('<');
                out.push_str(url);
                out.push('>');
                i += skip + url.len();
                if skip == 1 && line[i..].starts_with('>') {
                    i += 1;
                }
                continue;
            }
            if matches!(c, '[' | ']' | '<' | '>') {
                out.push('\\');
            }
        }
        out.push(c);
        i += c.len_utf8();
    }
    if in_code {
        // An unbalanced backtick would swallow the next lines: close it.
        out.push('`');
    }
    out
}

/// The URL starting `s`, without trailing punctuation.
fn url_at(s: &str) -> Option<&str> {
    if !(s.starts_with("https://") || s.starts_with("http://")) {
        return None;
    }
    let end = s
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', ')', '\'']);
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_but_keeps_autolinks_and_code() {
        assert_eq!(
            escape("The API <key/secret> provided"),
            "The API \\<key/secret\\> provided"
        );
        assert_eq!(
            escape("Docs: <https://x.test/a_b>"),
            "Docs: <https://x.test/a_b>"
        );
        assert_eq!(escape("`a_b[0]` and [a]"), "`a_b[0]` and \\[a\\]");
        assert_eq!(escape("open `code"), "open `code`");
        assert_eq!(
            escape("call https://x.test/v1/{id}/, then"),
            "call <https://x.test/v1/{id}/>, then"
        );
        assert_eq!(
            escape("(https://api.juspay.in) is"),
            "(<https://api.juspay.in>) is"
        );
        assert_eq!(escape("`https://in.code`"), "`https://in.code`");
    }
}
