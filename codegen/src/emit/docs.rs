//! Doc comments from spec text.

use proc_macro2::TokenStream;
use quote::quote;

/// Longest doc line before wrapping, in characters.
const WIDTH: usize = 96;

/// `#[doc = …]` attributes for spec text: escaped for rustdoc and wrapped.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    raw(&escaped(lines))
}

/// Spec text escaped for rustdoc and wrapped, ready for [`raw`].
pub(crate) fn escaped(lines: &[String]) -> Vec<String> {
    lines.iter().flat_map(|l| wrap(&escape(l))).collect()
}

/// `#[doc = …]` attributes for text the generator wrote (may hold links).
pub(crate) fn raw(lines: &[String]) -> TokenStream {
    let mut lines: Vec<&String> = lines.iter().collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let docs = lines.iter().map(|l| {
        let text = if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        };
        quote!(#[doc = #text])
    });
    quote!(#(#docs)*)
}

/// Splits a long line at spaces; list items continue indented.
fn wrap(line: &str) -> Vec<String> {
    if line.chars().count() <= WIDTH {
        return vec![line.to_string()];
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
            let (skip, url) = match url_at(rest) {
                Some(url) => (0, Some(url)),
                None if c == '<' => (1, url_at(&rest[1..])),
                None => (0, None),
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
