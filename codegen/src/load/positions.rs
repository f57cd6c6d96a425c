//! Source positions of every key and value in a YAML document.
//!
//! serde_yaml reports positions for its own errors only; semantic errors on
//! valid YAML need the position of the node they are about. This scans the
//! document's events once and records, for each path (`operations.x.path`),
//! where its key and its value start. The same scan finds every duplicate
//! mapping key and the first syntax error.

use std::collections::HashMap;
use std::fmt;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use std::sync::Arc;

use crate::diag::Pos;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSeg {
    /// A mapping key (shared: a path is cloned for every node the checks
    /// visit, and its keys with it).
    Key(Arc<str>),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root to a node.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct SpecPath(pub Vec<PathSeg>);

impl SpecPath {
    /// The root.
    pub fn root() -> Self {
        SpecPath(Vec::new())
    }

    /// This path with a key appended.
    #[must_use]
    pub fn key(&self, k: &str) -> Self {
        let mut p = self.clone();
        p.0.push(PathSeg::Key(k.into()));
        p
    }

    /// This path with an index appended.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.clone();
        p.0.push(PathSeg::Index(i));
        p
    }

    /// This path without its last segment (the root stays the root).
    #[must_use]
    pub fn parent(&self) -> Self {
        SpecPath(self.0[..self.0.len().saturating_sub(1)].to_vec())
    }
}

impl fmt::Display for SpecPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                PathSeg::Key(k) if i == 0 => write!(f, "{k}")?,
                PathSeg::Key(k) => write!(f, ".{k}")?,
                PathSeg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    key: Option<Pos>,
    value: Option<Pos>,
}

/// Where each node of a document is.
#[derive(Debug, Default)]
pub struct PositionIndex {
    nodes: HashMap<SpecPath, Entry>,
}

/// A problem the scan found: a syntax error or a duplicate key.
#[derive(Debug, Clone)]
pub struct ScanProblem {
    /// Where.
    pub pos: Pos,
    /// What.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl PositionIndex {
    /// Scans `source`. Returns the index and the problems found (syntax
    /// errors end the scan; every duplicate key is reported).
    pub fn scan(source: &str) -> (PositionIndex, Vec<ScanProblem>) {
        let mut rx = Receiver::default();
        let mut parser = Parser::new_from_str(source);
        // Events one at a time (the parser's own `load` recurses once per
        // nesting level), with the depth bounded.
        loop {
            match parser.next_token() {
                Ok((Event::StreamEnd, _)) => break,
                Ok((ev, mark)) => {
                    if !rx.on_marked(ev, mark) {
                        break;
                    }
                }
                Err(e) => {
                    rx.problems.push(ScanProblem {
                        pos: to_pos(e.marker()),
                        message: format!("YAML syntax error: {}", e.info()),
                        hint: Some(syntax_hint(e.info()).into()),
                    });
                    break;
                }
            }
        }
        (PositionIndex { nodes: rx.nodes }, rx.problems)
    }

    /// Position of the key of `path` (or of its value, or of the nearest
    /// ancestor that has a position).
    pub fn key_pos(&self, path: &SpecPath) -> Pos {
        self.find(path, |e| e.key.or(e.value))
    }

    /// Position of the value of `path` (or of its key, or of the nearest
    /// ancestor that has a position).
    pub fn value_pos(&self, path: &SpecPath) -> Pos {
        self.find(path, |e| e.value.or(e.key))
    }

    fn find(&self, path: &SpecPath, pick: impl Fn(&Entry) -> Option<Pos>) -> Pos {
        let mut segs = path.0.as_slice();
        loop {
            let p = SpecPath(segs.to_vec());
            if let Some(pos) = self.nodes.get(&p).and_then(&pick) {
                return pos;
            }
            match segs.split_last() {
                Some((_, rest)) => segs = rest,
                None => return Pos { line: 1, column: 1 },
            }
        }
    }
}

/// A hint for a YAML syntax error, from the parser's message.
fn syntax_hint(info: &str) -> &'static str {
    if info.contains("flow mapping") || info.contains("flow sequence") {
        "a `{` or `[` opened before here is not closed, or two of its entries lack a `,` between them"
    } else if info.contains("mapping values are not allowed") {
        "quote a value that contains `: `, or check the indentation of this line"
    } else if info.contains("document start") {
        "this key is indented less than the keys before it; check the indentation of this line and the ones above"
    } else if info.contains("tabs") {
        "indent with spaces; YAML does not allow tabs for indentation"
    } else {
        "check indentation, quoting and `key: value` pairs near here"
    }
}

fn to_pos(m: &Marker) -> Pos {
    Pos {
        line: m.line().max(1),
        column: m.col() + 1,
    }
}

enum Frame {
    Map {
        path: SpecPath,
        pending_key: Option<String>,
        seen: HashMap<String, Pos>,
    },
    Seq {
        path: SpecPath,
        next: usize,
    },
}

#[derive(Default)]
struct Receiver {
    stack: Vec<Frame>,
    nodes: HashMap<SpecPath, Entry>,
    problems: Vec<ScanProblem>,
    /// Depth of a complex (non-scalar) mapping key being skipped.
    skipping: usize,
    /// Documents started so far.
    documents: usize,
}

impl Receiver {
    /// Called for each node start (scalar, alias, mapping, sequence). Returns
    /// the path of the node if it is a value, or `None` if it was a key.
    fn node(&mut self, pos: Pos, scalar: Option<&str>) -> Option<SpecPath> {
        match self.stack.last_mut() {
            None => {
                self.nodes.entry(SpecPath::root()).or_default().value = Some(pos);
                Some(SpecPath::root())
            }
            Some(Frame::Seq { path, next }) => {
                let p = path.index(*next);
                *next += 1;
                self.nodes.entry(p.clone()).or_default().value = Some(pos);
                Some(p)
            }
            Some(Frame::Map {
                path,
                pending_key,
                seen,
            }) => match pending_key.take() {
                Some(k) => {
                    let p = path.key(&k);
                    self.nodes.entry(p.clone()).or_default().value = Some(pos);
                    Some(p)
                }
                None => {
                    let k = scalar.unwrap_or("<complex key>").to_string();
                    let p = path.key(&k);
                    if let Some(first) = seen.get(&k) {
                        self.problems.push(ScanProblem {
                            pos,
                            message: format!("duplicate key `{k}` in {}", display_parent(path)),
                            hint: Some(format!(
                                "`{k}` is already defined at line {}, column {}; rename or remove one of them",
                                first.line, first.column
                            )),
                        });
                    } else {
                        seen.insert(k.clone(), pos);
                        self.nodes.entry(p).or_default().key = Some(pos);
                    }
                    *pending_key = Some(k);
                    None
                }
            },
        }
    }
}

fn display_parent(path: &SpecPath) -> String {
    if path.0.is_empty() {
        "the top level".to_string()
    } else {
        format!("`{path}`")
    }
}

/// Deepest nesting of mappings and sequences the position scan follows:
/// the YAML reader (serde_yaml) refuses input nested deeper than this, and
/// the scan, which gives that refusal its position, stops here too instead
/// of going on (the language needs a dozen levels).
pub const MAX_DEPTH: usize = 128;

impl Receiver {
    /// Takes one event; `false` when the scan must stop (nesting too deep).
    fn on_marked(&mut self, ev: Event, mark: Marker) -> bool {
        if matches!(ev, Event::MappingStart(..) | Event::SequenceStart(..)) {
            let depth = self.stack.len() + self.skipping + 1;
            if depth > MAX_DEPTH {
                self.problems.push(ScanProblem {
                    pos: to_pos(&mark),
                    message: format!(
                        "nesting deeper than {MAX_DEPTH} levels of mappings and sequences"
                    ),
                    hint: Some(
                        "a spec needs a dozen levels at most; check the indentation and the `- ` markers here"
                            .into(),
                    ),
                });
                return false;
            }
        }
        self.on_event(ev, mark);
        true
    }
}

impl MarkedEventReceiver for Receiver {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = to_pos(&mark);
        if self.documents > 1 {
            // Reported once; the rest of the stream is not indexed.
            return;
        }
        if self.skipping > 0 {
            match ev {
                Event::MappingStart(..) | Event::SequenceStart(..) => self.skipping += 1,
                Event::MappingEnd | Event::SequenceEnd => self.skipping -= 1,
                _ => {}
            }
            return;
        }
        match ev {
            Event::Scalar(s, ..) => {
                self.node(pos, Some(&s));
            }
            Event::Alias(_) => {
                self.node(pos, Some("<alias>"));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                match self.node(pos, None) {
                    Some(path) if is_map => self.stack.push(Frame::Map {
                        path,
                        pending_key: None,
                        seen: HashMap::new(),
                    }),
                    Some(path) => self.stack.push(Frame::Seq { path, next: 0 }),
                    // A mapping or sequence used as a key: skip its contents.
                    None => self.skipping = 1,
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    self.problems.push(ScanProblem {
                        pos,
                        message: "a second YAML document starts here; a spec file is one document"
                            .into(),
                        hint: Some(
                            "remove the `---` line; one spec file holds one document".into(),
                        ),
                    });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_key_and_value_positions() {
        let src = "a:\n  b: 1\n  c:\n    - x\n    - y: 2\n";
        let (idx, problems) = PositionIndex::scan(src);
        assert!(problems.is_empty());
        let b = SpecPath::root().key("a").key("b");
        assert_eq!(idx.key_pos(&b), Pos { line: 2, column: 3 });
        assert_eq!(idx.value_pos(&b), Pos { line: 2, column: 6 });
        let y = SpecPath::root().key("a").key("c").index(1).key("y");
        assert_eq!(idx.key_pos(&y), Pos { line: 5, column: 7 });
        // Unknown paths fall back to the nearest ancestor.
        let missing = SpecPath::root().key("a").key("c").index(0).key("nope");
        assert_eq!(idx.key_pos(&missing), Pos { line: 4, column: 7 });
    }

    #[test]
    fn reports_every_duplicate_key() {
        let src = "a: 1\nb: 2\na: 3\nm:\n  x: 1\n  x: 2\n";
        let (_, problems) = PositionIndex::scan(src);
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].pos, Pos { line: 3, column: 1 });
        assert!(problems[0].message.contains("duplicate key `a`"));
        assert_eq!(problems[1].pos, Pos { line: 6, column: 3 });
        assert!(problems[1].hint.as_deref().unwrap_or("").contains("line 5"));
    }

    #[test]
    fn reports_a_second_document() {
        let (_, problems) = PositionIndex::scan("a: 1\n---\nb: 2\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].pos, Pos { line: 2, column: 1 });
        assert!(problems[0].message.contains("second YAML document"));
    }

    #[test]
    fn syntax_hints_follow_the_error() {
        let (_, problems) = PositionIndex::scan("a: x: y\n");
        assert!(problems[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("quote a value"));
        let (_, problems) = PositionIndex::scan("a: { b: 1\nc: 2\n");
        assert!(problems[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("not closed"));
    }

    #[test]
    fn reports_syntax_error_position() {
        let (_, problems) = PositionIndex::scan("a: [1, 2\nb: 3\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("YAML syntax error"));
    }
}
