//! Hostile spec text through the whole generator. The module generated from
//! `fixtures/hostile/hostile.yaml` is compiled into this crate's library
//! (`build.rs`), so clippy `-D warnings`, `cargo doc -D warnings` and the
//! doc tests run on it in CI; these tests read the code it compiled.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};

/// The doc comments of the generated source, one block per item.
fn doc_blocks(source: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in source.lines() {
        match line.trim_start().strip_prefix("///") {
            Some(doc) => cur.push(doc.strip_prefix(' ').unwrap_or(doc)),
            None if !cur.is_empty() => blocks.push(std::mem::take(&mut cur).join("\n")),
            None => {}
        }
    }
    blocks
}

#[test]
fn spec_text_never_becomes_a_doctest_or_html() {
    let blocks = doc_blocks(integration_tests::HOSTILE_SOURCE);
    assert!(blocks.len() > 20, "{} doc blocks", blocks.len());
    let mut text_blocks = 0;
    for block in &blocks {
        for event in Parser::new(block) {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if &*info == "text" => {
                    text_blocks += 1;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    panic!("a code block rustdoc would run ({kind:?}) in:\n{block}")
                }
                Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?} in:\n{block}"),
                _ => {}
            }
        }
    }
    // The fixture's fences are all there, as inert text blocks.
    assert!(text_blocks >= 8, "{text_blocks} text blocks");
    let panics = blocks.iter().filter(|b| b.contains("panic!(")).count();
    assert!(panics >= 7, "the pasted code is kept as text: {panics}");
}

#[test]
fn no_character_that_breaks_a_doc_comment_survives() {
    let source = integration_tests::HOSTILE_SOURCE;
    for (n, line) in source.lines().enumerate() {
        let bad = line.chars().find(|&c| {
            c == '\t'
                || c == '\r'
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
                || (c.is_control() && c != '\n')
        });
        assert!(bad.is_none(), "line {}: {bad:?} in {line:?}", n + 1);
    }
}

#[test]
fn one_required_header_builds_lint_clean() {
    // clippy's `vec_init_then_push` flagged `Vec::new()` + one push.
    let source = integration_tests::HOSTILE_SOURCE;
    assert!(
        source.contains(r#"vec![("Idempotency-Key", self.idempotency_key.clone())]"#),
        "{}",
        source
            .lines()
            .skip_while(|l| !l.contains("pub fn headers"))
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(!source.contains("Vec::new();\n"));
}
