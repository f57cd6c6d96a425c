//! The broken-spec corpus (lives in `tests/broken/`; the test sits with the
//! checker so it runs without building the client): every file in `tests/broken/` must fail `check`
//! with exactly the diagnostics its header comments expect.
//!
//! A corpus file starts with comment lines. Each expected diagnostic is one
//! `# expect: LINE:COL: MESSAGE_SUBSTRING` line, optionally followed by a
//! `# hint: HINT_SUBSTRING` line for the hint of that diagnostic. Every
//! expectation must match a distinct diagnostic at exactly that line and
//! column, and the file must produce no other diagnostic. New files are
//! picked up by listing the folder; see `tests/broken/README.md`.

use std::path::{Path, PathBuf};

use codegen::check::check_path;
use codegen::{Diagnostic, Pos};

/// The corpus folder.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/broken")
}

/// The corpus files, sorted by name.
fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/broken/ is readable")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// One `# expect:` line and its optional `# hint:`.
#[derive(Debug)]
struct Expect {
    /// Line of the `# expect:` comment itself, for messages.
    source_line: usize,
    pos: Pos,
    message: String,
    hint: Option<String>,
}

impl Expect {
    fn matches(&self, d: &Diagnostic) -> bool {
        d.pos == self.pos
            && d.message.contains(&self.message)
            && match &self.hint {
                None => true,
                Some(h) => d.hint.as_deref().is_some_and(|dh| dh.contains(h.as_str())),
            }
    }
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.pos.line, self.pos.column, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// Reads the expectations of the leading comment block of a corpus file.
fn expectations(text: &str) -> Result<Vec<Expect>, String> {
    let mut out: Vec<Expect> = Vec::new();
    let mut in_header = true;
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if !line.starts_with('#') {
            in_header = false;
        }
        let is_directive = line.starts_with("# expect:") || line.starts_with("# hint:");
        if !in_header {
            if is_directive {
                return Err(format!(
                    "line {n}: `# expect:`/`# hint:` after the header comments"
                ));
            }
            continue;
        }
        if let Some(rest) = line.strip_prefix("# expect:") {
            let mut parts = rest.trim_start().splitn(3, ':');
            let mut num = |what: &str| -> Result<usize, String> {
                parts
                    .next()
                    .and_then(|s| s.trim().parse().ok())
                    .ok_or_else(|| {
                        format!("line {n}: expected `# expect: LINE:COL: MESSAGE`, bad {what}")
                    })
            };
            let line_no = num("LINE")?;
            let column = num("COL")?;
            let message = parts.next().unwrap_or("").trim().to_string();
            if message.is_empty() {
                return Err(format!("line {n}: `# expect:` without a message substring"));
            }
            out.push(Expect {
                source_line: n,
                pos: Pos {
                    line: line_no,
                    column,
                },
                message,
                hint: None,
            });
        } else if let Some(rest) = line.strip_prefix("# hint:") {
            let hint = rest.trim().to_string();
            match out.last_mut() {
                Some(e) if e.source_line == n - 1 && e.hint.is_none() && !hint.is_empty() => {
                    e.hint = Some(hint)
                }
                _ => {
                    return Err(format!(
                    "line {n}: `# hint:` must directly follow an `# expect:` line and not be empty"
                ))
                }
            }
        }
    }
    Ok(out)
}

/// Checks one corpus file; returns what is wrong, if anything.
fn check_file(file: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read: {e}"))?;
    let expects = expectations(&text)?;
    if expects.is_empty() {
        return Err("no `# expect:` lines".into());
    }
    let diags = match check_path(file) {
        Ok(_) => return Err("`check` found no problem".into()),
        Err(d) => d.0,
    };
    let mut problems = Vec::new();
    let prefix = format!("{}:", file.display());
    for d in &diags {
        let shown = d.to_string();
        if !shown.starts_with(&prefix) {
            problems.push(format!(
                "diagnostic does not start with the file path: {shown}"
            ));
        }
    }
    let mut unmatched: Vec<&Diagnostic> = diags.iter().collect();
    for e in &expects {
        match unmatched.iter().position(|d| e.matches(d)) {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!(
                "expected (header line {}) but not reported: {e}",
                e.source_line
            )),
        }
    }
    if diags.len() != expects.len() {
        problems.push(format!(
            "{} diagnostics for {} `# expect:` lines",
            diags.len(),
            expects.len()
        ));
    }
    for d in unmatched {
        let hint = d
            .hint
            .as_deref()
            .map(|h| format!(" (hint: {h})"))
            .unwrap_or_default();
        problems.push(format!(
            "not expected: {}:{}: {}{hint}",
            d.pos.line, d.pos.column, d.message
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n    "))
    }
}

#[test]
fn every_broken_spec_reports_exactly_its_expected_diagnostics() {
    let failures: Vec<String> = corpus_files()
        .iter()
        .filter_map(|f| {
            check_file(f)
                .err()
                .map(|e| format!("{}:\n    {e}", f.display()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} corpus file(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn corpus_has_at_least_25_files() {
    let n = corpus_files().len();
    assert!(
        n >= 25,
        "tests/broken/ has {n} spec files, expected at least 25"
    );
}

#[test]
fn expectation_headers_parse() {
    let text = "# about\n# expect: 3:5: unknown key\n# hint: did you mean\n# expect: 7:1: other\nprovider: {}\n";
    let e = expectations(text).expect("parses");
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].pos, Pos { line: 3, column: 5 });
    assert_eq!(e[0].message, "unknown key");
    assert_eq!(e[0].hint.as_deref(), Some("did you mean"));
    assert_eq!(e[1].hint, None);
    assert!(expectations("# hint: orphan\n").is_err());
    assert!(expectations("# expect: x:1: bad\n").is_err());
    assert!(expectations("a: 1\n# expect: 1:1: late\n").is_err());
}

fn assert_clean(path: &Path) {
    if let Err(diags) = check_path(path) {
        panic!("{} should check clean, but:\n{diags}", path.display());
    }
}

#[test]
fn real_specs_check_clean() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    assert_clean(&dir);
}

#[test]
fn minimal_fixture_checks_clean() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/minimal.yaml");
    assert_clean(&file);
}
