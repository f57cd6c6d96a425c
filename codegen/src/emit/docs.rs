//! Doc comments from spec text.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = …]` attributes, one per line, escaped for rustdoc.
pub(crate) fn attrs(lines: &[String]) -> TokenStream {
    let mut lines: Vec<&String> = lines.iter().collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    let docs = lines.iter().map(|l| {
        let text = if l.is_empty() { String::new() } else { format!(" {}", escape(l)) };
        quote!(#[doc = #text])
    });
    quote!(#(#docs)*)
}

/// Escapes what rustdoc would read as links or HTML: `[`, `]` and `<` that
/// does not open an autolink.
pub(crate) fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_code = false;
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let autolink = c == '<' && (rest.starts_with("<http://") || rest.starts_with("<https://")) && rest.contains('>');
        match c {
            '`' => in_code = !in_code,
            '[' | ']' | '<' | '>' if !in_code && !autolink => {
                if autolink_tail(&out) && c == '>' {
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                    continue;
                }
                out.push('\\');
            }
            _ => {}
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        // An unbalanced backtick would swallow the next lines: close it.
        out.push('`');
    }
    out
}

/// Whether `out` ends inside an unclosed `<http…` autolink.
fn autolink_tail(out: &str) -> bool {
    match out.rfind('<') {
        Some(i) => {
            let tail = &out[i..];
            (tail.starts_with("<http://") || tail.starts_with("<https://")) && !tail.contains('>') && !out[..i].ends_with('\\')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_but_keeps_autolinks_and_code() {
        assert_eq!(escape("The API <key/secret> provided"), "The API \\<key/secret\\> provided");
        assert_eq!(escape("Docs: <https://x.test/a_b>"), "Docs: <https://x.test/a_b>");
        assert_eq!(escape("`a_b[0]` and [a]"), "`a_b[0]` and \\[a\\]");
        assert_eq!(escape("open `code"), "open `code`");
    }
}
