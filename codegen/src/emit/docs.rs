//! Doc comments from spec text.
//!
//! Spec text is data: whatever a transcriber pastes (a cURL sample in a
//! Markdown fence, an indented snippet, tabs, carriage returns, bidi
//! controls) reaches the generated code only as inert doc text. Fences
//! become `text` blocks (never doctests), indentation outside fences is
//! dropped (never an indented code block), list continuations are indented
//! as Markdown expects (clippy's `doc_lazy_continuation`), and characters
//! that do not compile or lint in a doc comment are replaced.

use crate::code::Code;

/// Longest doc line before wrapping, in characters.
const WIDTH: usize = 96;

/// Spaces a tab becomes.
const TAB: &str = "    ";

/// `#[doc = …]` attributes for spec text: escaped for rustdoc and wrapped.
pub(crate) fn attrs(lines: &[String]) -> Code {
    raw(&escaped(lines))
}

/// Spec text followed by the spec's notes (its `decision:` text) under
/// their own heading, both escaped: the notes say how the docs were read,
/// after what the docs say.
pub(crate) fn noted(lines: &[String], notes: &[String]) -> Vec<String> {
    let mut out = escaped(lines);
    if !notes.is_empty() {
        if !out.is_empty() {
            out.push(String::new());
        }
        out.push("# Spec notes".into());
        out.push(String::new());
        out.extend(escaped(notes));
    }
    out
}

/// [`attrs`] with the notes after the text ([`noted`]).
pub(crate) fn noted_attrs(lines: &[String], notes: &[String]) -> Code {
    raw(&noted(lines, notes))
}

/// An open Markdown fence: its character and length.
#[derive(Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
}

/// The fence a line opens or closes (` ``` ` or `~~~`, three or more,
/// after any indentation: indentation is dropped outside fences, so an
/// indented fence would become a real one), with what follows it.
fn fence_of(line: &str) -> Option<(Fence, &str)> {
    let trimmed = line.trim_start();
    let ch = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = trimmed.chars().take_while(|&c| c == ch).count();
    (len >= 3).then(|| (Fence { ch, len }, &trimmed[len..]))
}

/// The content offset of a list item starting `line` (`- a` → 2,
/// `10. a` → 4), or `None` when the line is no list item.
fn list_offset(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let marker = match bytes.first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits > 9 || !matches!(bytes.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    (bytes.get(marker) == Some(&b' ')).then_some(marker + 1)
}

/// Spec text escaped for rustdoc, made inert and wrapped, ready for [`raw`].
///
/// Lines split at every line break (a lone CR included, and the breaks of
/// a text joined into one line). Inside a fence the
/// text is kept as it is, under a `text` info string; outside, leading
/// indentation is dropped, markup escaped, and the lines of a list item
/// indented under it.
pub(crate) fn escaped(lines: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut fence: Option<Fence> = None;
    let mut item: Option<usize> = None;
    // Every line break, a CR LF pair counting as one.
    let split = lines.iter().flat_map(|l| {
        l.split('\n')
            .flat_map(|part| part.strip_suffix('\r').unwrap_or(part).split('\r'))
    });
    for line in split {
        if fence.is_none() && item.is_none() && is_plain(line) {
            // What sanitizing, escaping and wrapping would give unchanged.
            out.push(line.to_string());
            continue;
        }
        let line = sanitize(line);
        match (fence, fence_of(&line)) {
            (None, Some((open, _))) => {
                fence = Some(open);
                item = None;
                out.push(format!("{}text", fence_text(open)));
            }
            (Some(open), Some((close, rest)))
                if close.ch == open.ch && close.len >= open.len && rest.trim().is_empty() =>
            {
                fence = None;
                out.push(fence_text(open));
            }
            (Some(_), _) => out.push(line.trim_end().to_string()),
            (None, None) => {
                let text = line.trim();
                if text.is_empty() {
                    item = None;
                    out.push(String::new());
                    continue;
                }
                let (shown, offset) = neutral(text);
                let indent = match offset {
                    Some(offset) => {
                        item = Some(offset);
                        0
                    }
                    None => item.unwrap_or(0),
                };
                let pad = " ".repeat(indent);
                let cont = " ".repeat(item.unwrap_or(0));
                out.extend(wrap(format!("{pad}{shown}"), &cont));
            }
        }
    }
    if let Some(open) = fence {
        // An unclosed fence would swallow every doc line after it.
        out.push(fence_text(open));
    }
    out
}

/// Whether a line outside fences and list items reads as plain text that
/// every step of [`escaped`] leaves as it is: it starts with a letter (no
/// list marker, heading, fence or break), is trimmed and short enough not
/// to wrap, and holds only printable ASCII without markup (`` ` ``, `[`,
/// `]`, `<`, `>`, `\\`) or a URL to turn into a link.
fn is_plain(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last().is_some_and(|&b| b != b' ')
        && bytes.len() <= WIDTH
        && bytes.iter().all(|&b| {
            (b == b' ' || b.is_ascii_graphic())
                && !matches!(b, b'`' | b'[' | b']' | b'<' | b'>' | b'\\')
        })
        && !line.contains("http")
}

/// A trimmed line outside fences made inert: the list markers it starts
/// with (a list item can hold a fence or indented code of its own) are kept
/// with one space after each, and the content after them escaped, with a
/// leading fence run escaped too. Returns the line and, for a list item,
/// the offset its continuation lines are indented to.
fn neutral(text: &str) -> (String, Option<usize>) {
    let mut shown = String::new();
    let mut rest = text;
    loop {
        if is_break(rest) || rest.chars().all(|c| matches!(c, '=' | '-' | ' ')) {
            // A thematic break (which Markdown reads before a list item), or
            // the underline of a setext heading: escaped, so it is text.
            let offset = (!shown.is_empty()).then_some(shown.chars().count());
            shown.push('\\');
            shown.push_str(&escape(rest));
            return (shown, offset);
        }
        let Some(offset) = list_offset(rest) else {
            break;
        };
        shown.push_str(&rest[..offset]);
        rest = rest[offset..].trim_start();
    }
    let offset = (!shown.is_empty()).then_some(shown.chars().count());
    if let Some((fence, _)) = fence_of(rest) {
        // `\```` reads as a literal backtick and a run of two: escape the
        // rest as that.
        shown.push('\\');
        shown.push(fence.ch);
        rest = &rest[1..];
    } else if rest.starts_with('#') {
        // A heading is one line: wrapping it would cut its code spans, and
        // spec text has no place in the generated docs' own headings.
        shown.push('\\');
    }
    shown.push_str(&escape(rest));
    (shown, offset)
}

/// A thematic break (`---`, `* * *`, `___`): Markdown reads it before a
/// list item.
fn is_break(text: &str) -> bool {
    let mut marks = text.chars().filter(|c| *c != ' ');
    let Some(first) = marks.next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    let rest: Vec<char> = marks.collect();
    rest.len() >= 2 && rest.iter().all(|&c| c == first)
}

fn fence_text(f: Fence) -> String {
    std::iter::repeat_n(f.ch, f.len).collect()
}

/// Text made safe for a doc comment: tabs become spaces; control
/// characters (a bare CR does not compile in a doc comment), bidi controls
/// (denied by rustc's `text_direction_codepoint_in_comment`) and Unicode
/// line separators become U+FFFD.
pub(crate) fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' => out.push_str(TAB),
            c if unsafe_in_docs(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Spec text for the middle of a generated doc sentence: one line, inert.
pub(crate) fn inline(text: &str) -> String {
    escape(&sanitize(text))
}

/// Spec text (a wire name, a path, a URL) as an inline code span, whatever
/// it holds: the span's backtick run is longer than any run inside it.
pub(crate) fn code(text: &str) -> String {
    crate::markdown::code_span(&sanitize(text))
}

/// A URL from the spec as an autolink when rustdoc reads it as one, else
/// as a code span: nothing in it can open HTML.
pub(crate) fn link(url: &str) -> String {
    let plain = (url.starts_with("https://") || url.starts_with("http://"))
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '\\'));
    if plain {
        format!("<{url}>")
    } else {
        code(url)
    }
}

/// Characters a doc comment must not hold as they are.
fn unsafe_in_docs(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200E}' | '\u{200F}' | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{2028}' | '\u{2029}'
            | '\u{FEFF}')
}

/// `#[doc = …]` attributes for text the generator wrote (may hold links).
///
/// Doc text is most of what the generator writes, so each attribute is
/// written straight into the code ([`Code::doc`]) rather than through a
/// `code!` template.
pub(crate) fn raw(lines: &[String]) -> Code {
    let end = lines
        .iter()
        .rposition(|l| !l.is_empty())
        .map_or(0, |i| i + 1);
    let mut out = Code::new();
    let mut text = String::new();
    for line in &lines[..end] {
        text.clear();
        if !line.is_empty() {
            text.push(' ');
            if line.chars().any(|c| c == '\t' || unsafe_in_docs(c)) {
                text.push_str(&sanitize(line));
            } else {
                text.push_str(line);
            }
        }
        out.doc(&text);
    }
    out
}

/// Splits a long line at spaces; continuation lines start with `cont`
/// (the indentation of the list item they belong to). A line never starts
/// with a word Markdown would read as a new block (a list marker, a
/// heading, a fence), so wrapping changes no structure.
fn wrap(line: String, cont: &str) -> Vec<String> {
    if line.len() <= WIDTH || line.chars().count() <= WIDTH {
        return vec![line];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    // Characters in `cur`, kept as it grows (counting again each word
    // would make a long line quadratic).
    let mut cur_chars = 0;
    let mut has_word = false;
    // Whether `cur` holds more than indentation: a line of spaces alone
    // would read as a blank line and end the paragraph.
    let mut has_text = false;
    for word in line.split(' ') {
        let word_chars = word.chars().count();
        if has_text
            && cur_chars + 1 + word_chars > WIDTH
            && !starts_block(word)
            && !ends_as_block(&cur)
        {
            out.push(std::mem::take(&mut cur));
            cur.push_str(cont);
            cur_chars = cont.len();
            has_word = false;
            has_text = false;
        }
        if has_word {
            cur.push(' ');
            cur_chars += 1;
        }
        cur.push_str(word);
        cur_chars += word_chars;
        has_word = true;
        has_text |= !word.is_empty();
    }
    out.push(cur);
    out
}

/// Whether `line`, were it cut here, would be a setext underline or a
/// thematic break on its own (`===`, `- - -`): a line may not end there.
fn ends_as_block(line: &str) -> bool {
    let t = line.trim();
    is_break(t) || t.chars().all(|c| matches!(c, '=' | '-' | ' '))
}

/// Whether a line starting with `word` would open a Markdown block.
///
/// Conservative: only words starting with a letter, a digit (not a list
/// number), a symbol Markdown gives no meaning, an opening bracket or quote,
/// a backslash escape or a single code span may start a continuation line.
fn starts_block(word: &str) -> bool {
    let safe_start = word.starts_with(|c: char| {
        !c.is_ascii_punctuation() && !c.is_whitespace()
            || matches!(c, '(' | '"' | '\'' | '\\' | '`' | '$')
    });
    !safe_start || list_offset(&format!("{word} ")).is_some() || fence_of(word).is_some()
}

/// Escapes what rustdoc would read as links or HTML (`[`, `]`, `<`, `>`)
/// or as escapes (`\\`), and turns bare URLs into autolinks. Code spans are
/// kept as they are, found as CommonMark finds them: a backtick run opens
/// one only when a run of the same length closes it on the line; a run
/// without its match is escaped, so rustdoc reads no span this function
/// did not see.
pub(crate) fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut runs = BacktickRuns::new(line);
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let Some(c) = rest.chars().next() else { break };
        if c == '`' {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            match runs.closing(i, run) {
                Some(end) => {
                    out.push_str(&line[i..end]);
                    i = end;
                }
                None => {
                    out.push_str(&"\\`".repeat(run));
                    i += run;
                }
            }
            continue;
        }
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
        if matches!(c, '[' | ']' | '<' | '>' | '\\') {
            out.push('\\');
        }
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// The backtick runs of a line, by length, found once: the closing run of
/// a code span is the next run of the same length (a line of runs of every
/// length stays linear, not quadratic).
struct BacktickRuns {
    /// Start offsets of the runs of each length, in order, not yet passed.
    by_len: std::collections::HashMap<usize, std::collections::VecDeque<usize>>,
}

impl BacktickRuns {
    fn new(line: &str) -> Self {
        let mut by_len: std::collections::HashMap<usize, std::collections::VecDeque<usize>> =
            std::collections::HashMap::new();
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                by_len.entry(run).or_default().push_back(i);
                i += run;
            } else {
                i += 1;
            }
        }
        BacktickRuns { by_len }
    }

    /// For the run of `len` backticks at `start`: the end of the code span
    /// it opens (after the closing run), if a run of the same length
    /// follows.
    fn closing(&mut self, start: usize, len: usize) -> Option<usize> {
        let queue = self.by_len.get_mut(&len)?;
        while queue.front().is_some_and(|&s| s <= start) {
            queue.pop_front();
        }
        queue.front().map(|&close| close + len)
    }
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
    use super::{escape, escaped, raw, WIDTH};

    fn lines(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn fences_become_text_blocks_never_doctests() {
        let out = escaped(&lines(
            "Run:\n```rust\nstd::process::exit(1);\n```\nthen ~~~~ is text",
        ));
        assert_eq!(
            out,
            [
                "Run:",
                "```text",
                "std::process::exit(1);",
                "```",
                "then ~~~~ is text"
            ]
        );
        let out = escaped(&lines("~~~~ sh\ncurl -X POST [x] <y>\n~~~\n~~~~~"));
        assert_eq!(out, ["~~~~text", "curl -X POST [x] <y>", "~~~", "~~~~"]);
        // An unclosed fence is closed, so it cannot swallow later doc lines.
        assert_eq!(escaped(&lines("```\n    x")), ["```text", "    x", "```"]);
        // Indented fences are fences too (the indentation is dropped).
        assert_eq!(
            escaped(&lines("    ```rust\n  x\n  ```")),
            ["```text", "  x", "```"]
        );
    }

    #[test]
    fn indentation_outside_fences_is_dropped() {
        let out = escaped(&lines(
            "Example:\n\n    std::fs::write(\"x\", \"\")?;\n\t\tlet a = 1;",
        ));
        assert_eq!(
            out,
            [
                "Example:",
                "",
                "std::fs::write(\"x\", \"\")?;",
                "let a = 1;"
            ]
        );
    }

    #[test]
    fn list_continuations_are_indented_under_their_item() {
        let out = escaped(&lines("- one\ncontinued\n10. two\n  more\n\nafter"));
        assert_eq!(
            out,
            ["- one", "  continued", "10. two", "    more", "", "after"]
        );
    }

    #[test]
    fn line_breaks_tabs_and_bidi_controls_are_made_safe() {
        let out = escaped(&["a\rb\tc \u{202E}d\u{2066} \u{7}e".to_string()]);
        assert_eq!(out, ["a", "b    c \u{FFFD}d\u{FFFD} \u{FFFD}e"]);
        // Generator text goes through the same filter.
        let tokens = raw(&["x\ry\u{202E}".to_string()]).to_string();
        assert!(
            !tokens.contains('\r') && !tokens.contains('\u{202E}'),
            "{tokens}"
        );
    }

    #[test]
    fn wrapping_never_starts_a_line_with_a_block_marker() {
        let long = format!(
            "{} - not a list, # not a heading, 1. not an item",
            "word ".repeat(17)
        );
        for line in escaped(&[long]) {
            assert!(line.chars().count() <= WIDTH + 20, "{line}");
            let start = line.trim_start();
            assert!(
                !(start.starts_with("- ") || start.starts_with("# ") || start.starts_with("1. ")),
                "{line:?}"
            );
        }
        let item = format!("- {}", "word ".repeat(40));
        let out = escaped(&[item]);
        assert!(
            out.len() > 1 && out[1..].iter().all(|l| l.starts_with("  w")),
            "{out:?}"
        );
    }

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
        assert_eq!(escape("open `code"), "open \\`code");
        assert_eq!(escape("``a` <b>"), "\\`\\`a\\` \\<b\\>");
        assert_eq!(escape("a\\`b` c"), "a\\\\`b` c");
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

    #[test]
    fn embedded_values_are_inert() {
        use super::{code, inline, link};
        assert_eq!(code("a_b"), "`a_b`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a\nb"), "`a\u{FFFD}b`");
        assert_eq!(link("https://x.test/a_b"), "<https://x.test/a_b>");
        assert_eq!(
            link("https://x.test/\"><script>"),
            "`https://x.test/\"><script>`"
        );
        assert_eq!(inline("A <b> [c]"), "A \\<b\\> \\[c\\]");
    }
}

#[cfg(test)]
mod properties {
    use super::{escaped, fence_of, is_plain, neutral, sanitize, unsafe_in_docs, wrap};
    use proptest::prelude::*;
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

    /// Text built from what Markdown and rustc react to.
    fn hostile_text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "```",
            "~~~",
            "`",
            "    ",
            "  ",
            "\t",
            "\r",
            "\n",
            "\n\n",
            "- ",
            "* ",
            "+ ",
            "1. ",
            "10) ",
            "# ",
            "> ",
            "_",
            "***",
            "<",
            ">",
            "[",
            "]",
            "rust",
            "text",
            "panic!()",
            "a",
            "word ",
            "\u{202E}",
            "\u{2066}",
            "\u{7}",
            "\u{2028}",
            "https://x.test/a",
            "\\",
            "<b>",
            "<!--",
            "``",
            "===",
            "---",
            "-",
            "\r\n",
            "Title\n---\n",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512)
        ))]

        /// Whatever the text, rustdoc sees no code block but `text` fences,
        /// so nothing in a spec can become a doctest, and no character
        /// that breaks a doc comment survives.
        #[test]
        fn spec_text_never_becomes_code(texts in prop::collection::vec(hostile_text(), 1..4)) {
            let lines = escaped(&texts);
            for line in &lines {
                prop_assert!(!line.chars().any(|c| c == '\t' || unsafe_in_docs(c)), "{line:?}");
            }
            let doc = lines.join("\n");
            for event in Parser::new(&doc) {
                match event {
                    Event::Start(Tag::CodeBlock(kind)) => {
                        let inert = matches!(&kind, CodeBlockKind::Fenced(info) if &**info == "text");
                        prop_assert!(inert, "{kind:?} in {doc:?}");
                    }
                    // Raw HTML would trip rustdoc's `invalid_html_tags`.
                    Event::Html(h) | Event::InlineHtml(h) => {
                        prop_assert!(false, "HTML {h:?} in {doc:?}");
                    }
                    // Spec text has no place in the docs' own headings.
                    Event::Start(Tag::Heading { .. }) => {
                        prop_assert!(false, "a heading in {doc:?}");
                    }
                    _ => {}
                }
            }
        }

        /// A line the fast path copies is one every slow step leaves as it
        /// is: sanitizing, the structure checks, escaping and wrapping.
        #[test]
        fn plain_lines_are_what_the_slow_path_gives(line in "[ -~]{0,100}|[a-z][a-z .,:;()'\"!?/%&*_#=+-]{0,120}") {
            if is_plain(&line) {
                prop_assert_eq!(sanitize(&line), line.clone());
                prop_assert!(fence_of(&line).is_none());
                prop_assert_eq!(line.trim(), line.as_str());
                prop_assert_eq!(neutral(&line), (line.clone(), None));
                prop_assert_eq!(wrap(line.clone(), ""), vec![line.clone()]);
            }
        }
    }
}
