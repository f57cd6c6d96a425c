//! Reading spec files: YAML syntax, duplicate keys, unknown keys and value
//! shapes, each reported with its position. All YAML reading of the project
//! happens in this module.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::model::SpecFile;
use super::positions::{PathSeg, PositionIndex, SpecPath};
use crate::diag::{suggest, Diagnostic, Pos};

/// A spec file that parsed into the serde model, with what is needed to
/// point back into it.
#[derive(Debug)]
pub struct LoadedSpec {
    /// The file it came from.
    pub file: PathBuf,
    /// The parsed spec.
    pub spec: SpecFile,
    /// Positions of its nodes.
    pub index: PositionIndex,
}

impl LoadedSpec {
    /// A diagnostic pointing at the key of `path`.
    pub fn at_key(&self, path: &SpecPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, self.index.key_pos(path), message)
    }

    /// A diagnostic pointing at the value of `path`.
    pub fn at_value(&self, path: &SpecPath, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(&self.file, self.index.value_pos(path), message)
    }
}

/// Most serde errors collected from one file before giving up.
const MAX_PASSES: usize = 200;

/// Reads and parses one spec file.
pub fn load_file(file: &Path) -> Result<LoadedSpec, Vec<Diagnostic>> {
    match std::fs::read_to_string(file) {
        Ok(source) => load_str(file, &source),
        Err(e) => Err(vec![Diagnostic::new(
            file,
            Pos { line: 1, column: 1 },
            format!("cannot read the spec file: {e}"),
        )
        .with_hint("check that the path exists and is a readable UTF-8 text file")]),
    }
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

/// Loads every spec file of a folder (or the one file given). Returns the
/// specs that parsed and the diagnostics of those that did not.
pub fn load_dir(path: &Path) -> (Vec<LoadedSpec>, Vec<Diagnostic>) {
    let files = if path.is_dir() {
        match spec_files(path) {
            Ok(f) if f.is_empty() => {
                let d = Diagnostic::new(path, Pos { line: 1, column: 1 }, "no spec files here")
                    .with_hint("spec files end in `.yaml` or `.yml`");
                return (Vec::new(), vec![d]);
            }
            Ok(f) => f,
            Err(e) => {
                let d = Diagnostic::new(path, Pos { line: 1, column: 1 }, format!("cannot list the folder: {e}"));
                return (Vec::new(), vec![d]);
            }
        }
    } else {
        vec![path.to_path_buf()]
    };
    let mut specs = Vec::new();
    let mut diags = Vec::new();
    for f in files {
        match load_file(&f) {
            Ok(s) => specs.push(s),
            Err(d) => diags.extend(d),
        }
    }
    (specs, diags)
}

/// Parses spec text. `file` is used in diagnostics only.
pub fn load_str(file: &Path, source: &str) -> Result<LoadedSpec, Vec<Diagnostic>> {
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
            .collect());
    }
    let mut value: Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => {
            let pos = e
                .location()
                .map(|l| Pos { line: l.line(), column: l.column() })
                .unwrap_or(Pos { line: 1, column: 1 });
            return Err(vec![Diagnostic::new(file, pos, format!("YAML error: {e}"))]);
        }
    };
    let loaded = |spec| LoadedSpec {
        file: file.to_path_buf(),
        spec,
        index: PositionIndex::default(),
    };
    let mut diags = Vec::new();
    let mut removed: BTreeSet<SpecPath> = BTreeSet::new();
    for _ in 0..MAX_PASSES {
        let err = match serde_path_to_error::deserialize::<_, SpecFile>(value.clone()) {
            Ok(spec) if diags.is_empty() => {
                let mut l = loaded(spec);
                l.index = index;
                return Ok(l);
            }
            Ok(_) => return Err(diags),
            Err(e) => e,
        };
        let path = convert_path(err.path());
        let msg = err.inner().to_string();
        let at = |p: &SpecPath, pos: Pos, m: String| (p.clone(), pos, m);
        match classify(&msg) {
            SerdeProblem::Unknown { key, expected } => {
                let parent = SpecPath(path.0[..path.0.len().saturating_sub(1)].to_vec());
                let (p, pos, m) = at(&path, index.key_pos(&path), format!("unknown key `{key}` in {}", where_(&parent)));
                let mut d = Diagnostic::new(file, pos, m);
                if !expected.is_empty() {
                    let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
                    d = d.with_hint(suggest(&key, &refs));
                }
                diags.push(d);
                remove(&mut value, &p);
                removed.insert(p);
            }
            SerdeProblem::Missing { key } => {
                if !removed.contains(&path.key(&key)) {
                    let d = Diagnostic::new(file, index.key_pos(&path), format!("missing key `{key}` in {}", where_(&path)))
                        .with_hint(format!("add `{key}:`; spec/README.md lists what it takes"));
                    diags.push(d);
                }
                return Err(diags);
            }
            SerdeProblem::Other => {
                if path.0.is_empty() || removed.contains(&path) {
                    let d = Diagnostic::new(file, Pos { line: 1, column: 1 }, format!("a spec file must be a mapping: {msg}"))
                        .with_hint("start with `provider:`, then `types:` and `operations:`");
                    diags.push(d);
                    return Err(diags);
                }
                let d = Diagnostic::new(file, index.value_pos(&path), format!("wrong value for `{}`: {msg}", last_key(&path)))
                    .with_hint(value_hint(&msg));
                diags.push(d);
                remove(&mut value, &path);
                removed.insert(path);
            }
        }
    }
    Err(diags)
}

enum SerdeProblem {
    Unknown { key: String, expected: Vec<String> },
    Missing { key: String },
    Other,
}

/// Reads serde's messages: "unknown field `x`, expected one of `a`, `b`",
/// "unknown field `x`, expected `a` or `b`", "missing field `x`".
fn classify(msg: &str) -> SerdeProblem {
    let ticked = |s: &str| -> Vec<String> {
        s.split('`').skip(1).step_by(2).map(str::to_string).collect()
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
    if let Some(rest) = msg.strip_prefix("missing field ") {
        if let Some(key) = ticked(rest).into_iter().next() {
            return SerdeProblem::Missing { key };
        }
    }
    SerdeProblem::Other
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

fn last_key(path: &SpecPath) -> String {
    match path.0.last() {
        Some(PathSeg::Key(k)) => k.clone(),
        Some(PathSeg::Index(i)) => format!("[{i}]"),
        None => String::new(),
    }
}

fn convert_path(p: &serde_path_to_error::Path) -> SpecPath {
    use serde_path_to_error::Segment;
    let mut out = SpecPath::root();
    for seg in p.iter() {
        match seg {
            Segment::Seq { index } => out.0.push(PathSeg::Index(*index)),
            Segment::Map { key } => out.0.push(PathSeg::Key(key.clone())),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    out
}

/// Removes the node at `path` so the next pass can look past it.
fn remove(value: &mut Value, path: &SpecPath) {
    let Some((last, parents)) = path.0.split_last() else {
        return;
    };
    let mut cur = value;
    for seg in parents {
        let next = match (seg, cur) {
            (PathSeg::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str()),
            (PathSeg::Index(i), Value::Sequence(s)) => s.get_mut(*i),
            _ => None,
        };
        match next {
            Some(v) => cur = v,
            None => return,
        }
    }
    match (last, cur) {
        (PathSeg::Key(k), Value::Mapping(m)) => {
            m.remove(k.as_str());
        }
        (PathSeg::Index(i), Value::Sequence(s)) if *i < s.len() => {
            // Keep indices stable for later positions: replace, do not shift.
            s[*i] = Value::Null;
        }
        _ => {}
    }
}
