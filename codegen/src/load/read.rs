//! Reading spec files: YAML syntax, duplicate keys, unknown keys and value
//! shapes, each reported with its position. All YAML reading of the project
//! happens in this module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::Deserialize;
use serde_yaml::Value;

use super::model::SpecFile;
use super::positions::{PathSeg, PositionIndex, SpecPath};
use crate::diag::{closest, suggest, Diagnostic, Pos};

/// A spec file that parsed into the serde model, with what is needed to
/// point back into it.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The file it came from.
    pub file: PathBuf,
    /// The parsed spec.
    pub spec: SpecFile,
    /// Positions of its nodes: the second YAML pass that finds them runs
    /// only when a diagnostic needs one, so a clean spec is parsed once.
    index: Positions,
    /// Nodes the loader had to repair (a missing key filled in, a value of
    /// the wrong shape left out): the semantic checks say nothing inside
    /// them, since what they would see there is the loader's stand-in.
    tainted: Vec<SpecPath>,
}

impl LoadedSpec {
    /// The text the spec was loaded from.
    pub fn source(&self) -> &str {
        &self.index.source
    }

    /// Whether `path` is inside a node the loader repaired.
    pub fn is_tainted(&self, path: &SpecPath) -> bool {
        self.tainted.iter().any(|t| path.0.starts_with(&t.0))
    }

    /// A diagnostic pointing at the key of `path`.
    pub fn at_key(&self, path: &SpecPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, self.index.get().key_pos(path), message)
    }

    /// A diagnostic pointing at the value of `path`.
    pub fn at_value(&self, path: &SpecPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, self.index.get().value_pos(path), message)
    }
}

/// The position index of a source text, built on first use.
#[derive(Debug)]
struct Positions {
    source: String,
    index: OnceLock<PositionIndex>,
}

impl Positions {
    fn new(source: &str) -> Positions {
        Positions {
            source: source.to_string(),
            index: OnceLock::new(),
        }
    }

    fn built(source: &str, index: PositionIndex) -> Positions {
        Positions {
            source: source.to_string(),
            index: OnceLock::from(index),
        }
    }

    fn get(&self) -> &PositionIndex {
        self.index
            .get_or_init(|| PositionIndex::scan(&self.source).0)
    }
}

/// Most serde errors collected from one file before giving up.
const MAX_PASSES: usize = 200;

/// Reads and parses one spec file.
pub fn load_file(file: &Path) -> Result<LoadedSpec, Vec<Diagnostic>> {
    match std::fs::read_to_string(file) {
        Ok(source) => load_str(file, &source),
        Err(e) => Err(vec![read_error(file, &e)]),
    }
}

fn read_error(file: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(
        file,
        Pos { line: 1, column: 1 },
        format!("cannot read the spec file: {e}"),
    )
    .with_hint("check that the path exists and is a readable UTF-8 text file")
}

/// The `*.yaml` / `*.yml` files of a folder, sorted by name.
pub fn spec_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        if is_yaml && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The text of one spec file, and the name diagnostics give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecSource {
    /// The file it came from (or the name to report it under).
    pub file: PathBuf,
    /// Its YAML text.
    pub text: String,
}

impl SpecSource {
    /// A spec given as text, reported under `file`.
    pub fn new(file: impl Into<PathBuf>, text: impl Into<String>) -> SpecSource {
        SpecSource {
            file: file.into(),
            text: text.into(),
        }
    }
}

/// Reads every spec file of a folder (or the one file given), in file-name
/// order. Files that cannot be read are diagnostics; the others are read.
pub fn read_sources(path: &Path) -> (Vec<SpecSource>, Vec<Diagnostic>) {
    let files = if path.is_dir() {
        match spec_files(path) {
            Ok(f) if f.is_empty() => {
                let d = Diagnostic::new(path, Pos { line: 1, column: 1 }, "no spec files here")
                    .with_hint("spec files end in `.yaml` or `.yml`");
                return (Vec::new(), vec![d]);
            }
            Ok(f) => f,
            Err(e) => {
                let d = Diagnostic::new(
                    path,
                    Pos { line: 1, column: 1 },
                    format!("cannot list the folder: {e}"),
                );
                return (Vec::new(), vec![d]);
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    let mut sources = Vec::new();
    let mut diags = Vec::new();
    for f in files {
        match std::fs::read_to_string(&f) {
            Ok(text) => sources.push(SpecSource { file: f, text }),
            Err(e) => diags.push(read_error(&f, &e)),
        }
    }
    (sources, diags)
}

/// Parses spec text. `file` is used in diagnostics only.
///
/// A clean spec is parsed once, by `serde_yaml`, which also refuses
/// duplicate keys and second documents. Only when that fails does the
/// position scan run first, to report syntax errors and duplicates with
/// their positions and hints; the other diagnostics build the same index
/// on demand.
pub fn load_str(file: &Path, source: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
    match load_repaired(file, source) {
        (Some(spec), diags) if diags.is_empty() => Ok(spec),
        (_, diags) => Err(diags),
    }
}

/// Parses spec text like [`load_str`], but also returns the spec as the
/// loader repaired it (unknown keys left out, misspelt words read as the
/// word they are closest to, stand-ins for missing keys and values of the
/// wrong shape), so the semantic checks can run on it and report their
/// problems in the same run; they say nothing inside the nodes that needed
/// a stand-in ([`LoadedSpec::is_tainted`]).
pub fn load_repaired(file: &Path, source: &str) -> (Option<LoadedSpec>, Vec<Diagnostic>) {
    match load_inner(file, source) {
        Ok(spec) => (Some(spec), Vec::new()),
        Err(Failure { diags, repaired }) => (repaired.map(|b| *b), diags),
    }
}

/// Why a spec did not load cleanly, and the spec with its unknown keys
/// removed when that was the only repair.
struct Failure {
    diags: Vec<Diagnostic>,
    repaired: Option<Box<LoadedSpec>>,
}

impl From<Vec<Diagnostic>> for Failure {
    fn from(diags: Vec<Diagnostic>) -> Failure {
        Failure {
            diags,
            repaired: None,
        }
    }
}

fn load_inner(file: &Path, source: &str) -> Result<LoadedSpec, Failure> {
    // A clean spec reads straight from its text: building a `Value` tree
    // and freeing it again is most of the load after libyaml's own work.
    // Anything that does not read that way goes the long way below, which
    // says what is wrong and where (duplicate keys are refused either way).
    if let Ok(spec) = serde_yaml::from_str::<SpecFile>(source) {
        return Ok(LoadedSpec {
            file: file.to_path_buf(),
            spec,
            index: Positions::new(source),
            tainted: Vec::new(),
        });
    }
    let parsed: Result<Value, _> = serde_yaml::from_str(source);
    let index = match parsed {
        Ok(_) => Positions::new(source),
        Err(_) => {
            let (index, problems) = PositionIndex::scan(source);
            if !problems.is_empty() {
                return Err(problems
                    .into_iter()
                    .map(|p| Diagnostic {
                        file: file.to_path_buf(),
                        pos: p.pos,
                        message: p.message,
                        hint: p.hint,
                    })
                    .collect::<Vec<_>>()
                    .into());
            }
            Positions::built(source, index)
        }
    };
    let mut value: Value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos {
                    line: l.line(),
                    column: l.column(),
                })
                .unwrap_or(Pos { line: 1, column: 1 });
            return Err(vec![Diagnostic::new(file, pos, format!("YAML error: {e}"))].into());
        }
    };
    if !value.is_mapping() {
        let message = match &value {
            Value::Null => "the spec file is empty",
            Value::Sequence(_) => "a spec file must be a mapping, not a list",
            _ => "a spec file must be a mapping, not a single value",
        };
        let d = Diagnostic::new(file, index.get().value_pos(&SpecPath::root()), message)
            .with_hint("start with `provider:`, then `types:` and `operations:`; spec/README.md shows the shape");
        return Err(vec![d].into());
    }
    let mut diags = Vec::new();
    // Nodes repaired with a stand-in: the semantic checks skip them.
    let mut tainted: BTreeSet<SpecPath> = BTreeSet::new();
    // Nodes already reported as wrong: a later "missing" error about them is not news.
    let mut reported: BTreeSet<SpecPath> = BTreeSet::new();
    // Nodes replaced by a stand-in so parsing can go on, with the stand-in tried.
    let mut stand_ins: BTreeMap<SpecPath, usize> = BTreeMap::new();
    // A spec that reads as it is needs no path tracking (a third of the
    // load): only a failed read goes through the tracking deserializer,
    // which gives the same result with the path of what failed.
    if let Ok(spec) = SpecFile::deserialize(&value) {
        return Ok(LoadedSpec {
            file: file.to_path_buf(),
            spec,
            index,
            tainted: Vec::new(),
        });
    }
    for _ in 0..MAX_PASSES {
        let err = match serde_path_to_error::deserialize::<_, SpecFile>(&value) {
            Ok(spec) if diags.is_empty() => {
                return Ok(LoadedSpec {
                    file: file.to_path_buf(),
                    spec,
                    index,
                    tainted: Vec::new(),
                });
            }
            Ok(spec) => {
                let repaired = Some(Box::new(LoadedSpec {
                    file: file.to_path_buf(),
                    spec,
                    index,
                    tainted: tainted.into_iter().collect(),
                }));
                return Err(Failure { diags, repaired });
            }
            Err(e) => e,
        };
        let path = convert_path(err.path());
        // serde_yaml names an enum read from a non-string by its internals.
        let msg = err
            .inner()
            .to_string()
            .replace("expected a Value::Tagged enum", "expected a string");
        match classify(&msg) {
            SerdeProblem::Unknown { key, expected } => {
                let parent = SpecPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
                let mut d = Diagnostic::new(
                    file,
                    index.get().key_pos(&path),
                    format!("unknown key `{key}` in {}", where_(&parent)),
                );
                if !expected.is_empty() {
                    let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
                    d = d.with_hint(suggest(&key, &refs));
                    // A typo of a required key: "did you mean" says it all.
                    if let Some(meant) = closest(&key, refs.iter().copied()) {
                        reported.insert(parent.key(meant));
                    }
                }
                diags.push(d);
                remove(&mut value, &path);
            }
            SerdeProblem::Missing { key } => {
                tainted.insert(path.clone());
                let target = path.key(&key);
                let inside_stand_in = stand_ins.keys().any(|s| path.0.starts_with(&s.0));
                if !reported.contains(&target) && !inside_stand_in {
                    let d = Diagnostic::new(
                        file,
                        index.get().key_pos(&path),
                        format!("missing key `{key}` in {}", where_(&path)),
                    )
                    .with_hint(format!("add `{key}:`; spec/README.md lists what it takes"));
                    diags.push(d);
                }
                if !next_stand_in(&mut value, &mut stand_ins, &target) {
                    return Err(diags.into());
                }
            }
            SerdeProblem::Other if stand_ins.contains_key(&path) => {
                if !next_stand_in(&mut value, &mut stand_ins, &path) {
                    return Err(diags.into());
                }
            }
            // A stand-in where a closed word goes: its first value instead
            // (stand-ins are never reported).
            SerdeProblem::Word { words, .. } if stand_ins.contains_key(&path) => {
                let first = words.first().cloned().unwrap_or_default();
                if stand_ins.get(&path) == Some(&STAND_INS)
                    || !set(&mut value, &path, Value::String(first))
                {
                    return Err(diags.into());
                }
                stand_ins.insert(path.clone(), STAND_INS);
            }
            // A closed word used as a mapping key (a rule under `messages`):
            // reported at the key, which is renamed to the word it is
            // closest to, or removed.
            SerdeProblem::Word { given, words }
                if node_mut(&mut value, &path.0)
                    .and_then(|v| v.as_mapping())
                    .is_some_and(|m| m.contains_key(given.as_str())) =>
            {
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                let meant = closest_word(&given, &refs);
                let d = Diagnostic::new(
                    file,
                    index.get().key_pos(&path.key(&given)),
                    format!(
                        "unknown {} `{given}` in `{}`",
                        word_name(&path.key(&given)),
                        last_key(&path)
                    ),
                )
                .with_hint(match meant {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => suggest(&given, &refs),
                });
                diags.push(d);
                if let Some(Value::Mapping(m)) = node_mut(&mut value, &path.0) {
                    let entry = m.remove(given.as_str());
                    if let (Some(meant), Some(v)) = (meant, entry) {
                        if !m.contains_key(meant) {
                            m.insert(Value::String(meant.to_string()), v);
                        }
                    }
                }
            }
            SerdeProblem::Word { given, words } => {
                // A closed word of the language (a kind, a method, …) that
                // is none of its values: reported as such; parsing goes on
                // with the value it is closest to (the one the hint names),
                // so the semantic checks still run, or with the first value,
                // in which case they do not.
                let refs: Vec<&str> = words.iter().map(String::as_str).collect();
                let meant = closest_word(&given, &refs);
                if meant.is_none() {
                    tainted.insert(path.parent());
                }
                let what = word_name(&path);
                let d = Diagnostic::new(
                    file,
                    index.get().value_pos(&path),
                    format!("unknown {what} `{given}`"),
                )
                .with_hint(match meant {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => suggest(&given, &refs),
                });
                diags.push(d);
                reported.insert(path.clone());
                let stand = meant.or(refs.first().copied()).unwrap_or_default();
                stand_ins.insert(path.clone(), STAND_INS);
                if !set(&mut value, &path, Value::String(stand.to_string())) {
                    return Err(diags.into());
                }
            }
            SerdeProblem::Other => {
                tainted.insert(path.parent());
                if path.0.is_empty() || reported.contains(&path) {
                    // Nothing left to remove: give up on the file, keeping what was found.
                    if diags.is_empty() {
                        diags.push(
                            Diagnostic::new(
                                file,
                                Pos { line: 1, column: 1 },
                                format!("cannot read the spec: {msg}"),
                            )
                            .with_hint("spec/README.md shows the shape of a spec file"),
                        );
                    }
                    return Err(diags.into());
                }
                let d = Diagnostic::new(
                    file,
                    index.get().value_pos(&path),
                    format!("wrong value for `{}`: {msg}", last_key(&path)),
                )
                .with_hint(value_hint(&msg));
                diags.push(d);
                reported.insert(path.clone());
                match path.0.last() {
                    // A mapping entry is removed: an optional key takes its
                    // default, a required one comes back as "missing" (quiet).
                    Some(PathSeg::Key(_)) => remove(&mut value, &path),
                    // A list item keeps its place (later positions stay right).
                    _ => {
                        if !next_stand_in(&mut value, &mut stand_ins, &path) {
                            return Err(diags.into());
                        }
                    }
                }
            }
        }
    }
    Err(diags.into())
}

/// Values tried in turn for a node that must be there for parsing to go on
/// (a missing required key, a wrong list item). They are never reported.
const STAND_INS: usize = 5;

fn stand_in(n: usize) -> Value {
    match n {
        0 => Value::String(String::new()),
        1 => Value::Bool(false),
        2 => Value::Number(0.into()),
        3 => Value::Mapping(serde_yaml::Mapping::new()),
        _ => Value::Sequence(Vec::new()),
    }
}

/// Puts the next stand-in at `path`; `false` when all were tried or the
/// node cannot be placed.
fn next_stand_in(
    value: &mut Value,
    tried: &mut BTreeMap<SpecPath, usize>,
    path: &SpecPath,
) -> bool {
    let n = tried.get(path).map_or(0, |n| n + 1);
    if n >= STAND_INS {
        return false;
    }
    tried.insert(path.clone(), n);
    set(value, path, stand_in(n))
}

enum SerdeProblem {
    Unknown { key: String, expected: Vec<String> },
    Word { given: String, words: Vec<String> },
    Missing { key: String },
    Other,
}

/// Reads serde's messages: "unknown field `x`, expected one of `a`, `b`",
/// "unknown field `x`, expected `a` or `b`", "missing field `x`".
fn classify(msg: &str) -> SerdeProblem {
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = ticked(rest);
        if let Some((key, expected)) = names.split_first() {
            return SerdeProblem::Unknown {
                key: key.clone(),
                expected: expected.to_vec(),
            };
        }
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        let names = ticked(rest);
        if let Some((given, words)) = names.split_first() {
            return SerdeProblem::Word {
                given: given.clone(),
                words: words.to_vec(),
            };
        }
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        if let Some(key) = ticked(rest).into_iter().next() {
            return SerdeProblem::Missing { key };
        }
    }
    SerdeProblem::Other
}

/// The word of `words` a misspelt `given` was meant to be: the same
/// letters in another case (`get` → `GET`), or a close one.
fn closest_word<'w>(given: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .find(|w| w.eq_ignore_ascii_case(given))
        .or_else(|| closest(given, words.iter().copied()))
}

/// What the closed word at `path` is, for messages.
fn word_name(path: &SpecPath) -> &'static str {
    let key = path.0.iter().rev().find_map(|s| match s {
        PathSeg::Key(k) => Some(&**k),
        PathSeg::Index(_) => None,
    });
    match key {
        Some("scheme") => "auth scheme",
        Some("method") => "HTTP method",
        Some("encoding") => "encoding",
        Some("kind") => "kind",
        Some("lenient") => "leniency",
        Some("lists") => "list style",
        Some("brackets") => "bracket style",
        _ if path
            .0
            .iter()
            .any(|s| matches!(s, PathSeg::Key(k) if &**k == "messages")) =>
        {
            "rule"
        }
        _ => "value",
    }
}

fn value_hint(msg: &str) -> String {
    if msg.contains("expected a boolean") {
        "write `true` or `false` (unquoted)".into()
    } else if msg.contains("expected u16") || msg.contains("expected u64") {
        "write a whole non-negative number, unquoted".into()
    } else if msg.contains("expected a sequence") {
        "write a list: `[a, b]` or one `- item` per line".into()
    } else if msg.contains("expected a string") {
        "write text; quote it if it looks like a number or boolean".into()
    } else if msg.contains("expected struct") || msg.contains("expected a map") {
        "write a mapping of `key: value` pairs".into()
    } else {
        "see spec/README.md for what this key takes".into()
    }
}

/// Names a container for a message: "`operations.x`" or "the top level".
fn where_(container: &SpecPath) -> String {
    if container.0.is_empty() {
        "the top level".into()
    } else {
        format!("`{container}`")
    }
}

/// The last key of a path, with the indices after it (`lenient[1]`).
fn last_key(path: &SpecPath) -> String {
    let from = path
        .0
        .iter()
        .rposition(|s| matches!(s, PathSeg::Key(_)))
        .unwrap_or(0);
    SpecPath(path.0[from..].to_vec()).to_string()
}

fn convert_path(p: &serde_path_to_error::Path) -> SpecPath {
    use serde_path_to_error::Segment;
    let mut out = SpecPath::root();
    for seg in p.iter() {
        match seg {
            Segment::Seq { index } => out.0.push(PathSeg::Index(*index)),
            Segment::Map { key } => out.0.push(PathSeg::Key(key.as_str().into())),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// The node at `path`, if there is one.
fn node_mut<'v>(value: &'v mut Value, path: &[PathSeg]) -> Option<&'v mut Value> {
    let mut cur = value;
    for seg in path {
        cur = match (seg, cur) {
            (PathSeg::Key(k), Value::Mapping(m)) => m.get_mut(&**k)?,
            (PathSeg::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

/// Sets (or adds, for a mapping key) the node at `path`.
fn set(value: &mut Value, path: &SpecPath, new: Value) -> bool {
    let Some((last, parents)) = path.0.split_last() else {
        *value = new;
        return true;
    };
    match (last, node_mut(value, parents)) {
        (PathSeg::Key(k), Some(Value::Mapping(m))) => {
            m.insert(Value::String(k.to_string()), new);
            true
        }
        (PathSeg::Index(i), Some(Value::Sequence(s))) if *i < s.len() => {
            s[*i] = new;
            true
        }
        _ => false,
    }
}

/// Removes the mapping entry at `path` so the next pass can look past it.
fn remove(value: &mut Value, path: &SpecPath) {
    let Some((PathSeg::Key(k), parents)) = path.0.split_last() else {
        return;
    };
    if let Some(Value::Mapping(m)) = node_mut(value, parents) {
        m.remove(&**k);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "\
provider:
  name: example
  title: Example
  environments: { production: https://api.example.com }
  auth: { scheme: basic, username: api_key }
types:
  Order:
    kind: object
    fields:
      id: { type: string, lenient: [unquoted] }
operations:
  get_order:
    summary: Fetch an order.
    method: GET
    path: /orders
    retry_safe: true
    response: { status: 200, type: Order }
";

    fn problems(src: &str) -> Vec<(usize, usize, String)> {
        match load_str(Path::new("t.yaml"), src) {
            Ok(_) => Vec::new(),
            Err(d) => d
                .into_iter()
                .map(|d| (d.pos.line, d.pos.column, d.message))
                .collect(),
        }
    }

    #[test]
    fn minimal_loads() {
        assert!(load_str(Path::new("t.yaml"), MINIMAL).is_ok());
    }

    #[test]
    fn a_clean_spec_is_parsed_once_and_positions_come_on_demand() {
        let spec = load_str(Path::new("t.yaml"), MINIMAL).expect("loads");
        assert!(spec.index.index.get().is_none(), "no position scan yet");
        let path = SpecPath::root()
            .key("operations")
            .key("get_order")
            .key("path");
        let d = spec.at_value(&path, "x");
        assert_eq!((d.pos.line, d.pos.column), (15, 11));
        assert!(spec.index.index.get().is_some());
    }

    #[test]
    fn duplicates_and_second_documents_still_get_the_scan_positions() {
        let dup = MINIMAL.replace("    method: GET\n", "    method: GET\n    method: PUT\n");
        assert_eq!(
            problems(&dup),
            vec![(
                15,
                5,
                "duplicate key `method` in `operations.get_order`".to_string()
            )]
        );
        // A key repeated in a map of the spec (fields, operations, types,
        // environments) is refused as well, though the first read of a
        // spec is straight from its text.
        let dup_field = MINIMAL.replace(
            "      id: { type: string, lenient: [unquoted] }\n",
            "      id: { type: string, lenient: [unquoted] }\n      id: { type: integer }\n",
        );
        assert_eq!(
            problems(&dup_field),
            vec![(
                11,
                7,
                "duplicate key `id` in `types.Order.fields`".to_string()
            )]
        );
        let dup_env = MINIMAL.replace(
            "  environments: { production: https://api.example.com }",
            "  environments: { production: https://api.example.com, production: https://x.example }",
        );
        assert_eq!(problems(&dup_env).len(), 1, "{:?}", problems(&dup_env));
        let two = format!("{MINIMAL}---\nprovider: {{}}\n");
        let p = problems(&two);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].0, p[0].1), (18, 1));
        assert!(p[0].2.contains("a second YAML document"), "{p:?}");
    }

    #[test]
    fn goes_on_past_a_missing_required_key() {
        // `method` missing in the first operation; problems after it still count.
        let src = MINIMAL.replace("    method: GET\n", "")
            + "  other:\n    summary: x\n    method: GET\n    path: /x\n    retry_safe: \"no\"\n    response: { status: 200, type: Order }\n    bogus: 1\n";
        let p = problems(&src);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!((p[0].0, p[0].1), (12, 3));
        assert!(p[0].2.contains("missing key `method`"));
        assert!(p[1].2.contains("wrong value for `retry_safe`"));
        assert!(p[2].2.contains("unknown key `bogus`"));
    }

    #[test]
    fn a_misspelt_required_key_is_reported_once() {
        let p = problems(&MINIMAL.replace("  title:", "  titel:"));
        assert_eq!(
            p,
            vec![(3, 3, "unknown key `titel` in `provider`".to_string())]
        );
    }

    #[test]
    fn a_wrong_list_item_is_reported_at_the_item() {
        let p = problems(&MINIMAL.replace("lenient: [unquoted]", "lenient: [unquoted, [x]]"));
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!((p[0].0, p[0].1), (10, 47));
        assert!(p[0].2.starts_with("wrong value for `lenient[1]`"), "{p:?}");
    }

    #[test]
    fn empty_and_non_mapping_files() {
        assert_eq!(
            problems("# only a comment\n"),
            vec![(1, 1, "the spec file is empty".to_string())]
        );
        assert_eq!(
            problems("# a list\n- a\n"),
            vec![(
                2,
                1,
                "a spec file must be a mapping, not a list".to_string()
            )]
        );
        assert_eq!(
            problems("hello\n")[0].2,
            "a spec file must be a mapping, not a single value"
        );
    }
}
