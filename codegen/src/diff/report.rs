//! Rendering a report: text grouped by severity, Markdown for a pull
//! request, and JSON in the documented schema (`schema: 1`).

use std::fmt::Write as _;

use serde::Serialize;

use super::{Change, Report, Semver, Severity, JSON_SCHEMA};

/// The heading of each severity's group.
fn heading(s: Severity) -> &'static str {
    match s {
        Severity::Breaking => "breaking",
        Severity::Compatible => "compatible",
        Severity::Docs => "docs only",
    }
}

/// `3 breaking, 1 compatible, 2 docs-only`.
fn counts(r: &Report) -> String {
    format!(
        "{} breaking, {} compatible, {} docs-only",
        r.count(Severity::Breaking),
        r.count(Severity::Compatible),
        r.count(Severity::Docs)
    )
}

fn groups(r: &Report) -> impl Iterator<Item = (Severity, Vec<&Change>)> {
    Severity::ALL.into_iter().filter_map(|s| {
        let list: Vec<&Change> = r.changes.iter().filter(|c| c.severity == s).collect();
        (!list.is_empty()).then_some((s, list))
    })
}

/// Plain text, grouped by severity (most severe first).
pub(super) fn text(r: &Report) -> String {
    let mut out = format!("codegen diff {} → {}\n", r.old, r.new);
    if r.changes.is_empty() {
        out.push_str("no changes; suggested version bump: none\n");
        return out;
    }
    let _ = writeln!(
        out,
        "{}; suggested version bump: {}",
        counts(r),
        r.semver().name()
    );
    for (severity, list) in groups(r) {
        let _ = writeln!(out, "\n{} ({}):", heading(severity), list.len());
        for c in list {
            let _ = writeln!(
                out,
                "  [{}] {}: {} {}",
                c.direction.name(),
                c.kind,
                c.provider,
                c.path
            );
            let _ = writeln!(out, "      {}", c.detail);
            if let Some(h) = &c.hint {
                let _ = writeln!(out, "      hint: {h}");
            }
        }
    }
    out
}

/// A Markdown table cell: no line breaks, no unescaped `|`.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown: a summary line, then one table per severity.
pub(super) fn markdown(r: &Report) -> String {
    let mut out = format!(
        "## Spec changes: `{}` → `{}`\n\n",
        cell(&r.old),
        cell(&r.new)
    );
    if r.changes.is_empty() {
        out.push_str("No changes. Suggested version bump: **none**.\n");
        return out;
    }
    let _ = writeln!(
        out,
        "Suggested version bump: **{}** ({}).",
        r.semver().name(),
        counts(r)
    );
    for (severity, list) in groups(r) {
        let title = heading(severity);
        let mut chars = title.chars();
        let title: String = chars
            .next()
            .map(|f| f.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        let _ = writeln!(out, "\n### {title} ({})\n", list.len());
        out.push_str("| direction | kind | provider | path | change |\n");
        out.push_str("|---|---|---|---|---|\n");
        for c in list {
            let mut change = cell(&c.detail);
            if let Some(h) = &c.hint {
                let _ = write!(change, "<br>hint: {}", cell(h));
            }
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | `{}` | {} |",
                c.direction.name(),
                c.kind,
                cell(&c.provider),
                cell(&c.path),
                change
            );
        }
    }
    out
}

/// The JSON document (schema 1).
#[derive(Serialize)]
struct Json<'a> {
    schema: u32,
    old: &'a str,
    new: &'a str,
    semver: Semver,
    summary: Summary,
    changes: &'a [Change],
}

#[derive(Serialize)]
struct Summary {
    breaking: usize,
    compatible: usize,
    docs: usize,
}

/// JSON in the documented schema, pretty-printed, with a final newline.
pub(super) fn json(r: &Report) -> String {
    let doc = Json {
        schema: JSON_SCHEMA,
        old: &r.old,
        new: &r.new,
        semver: r.semver(),
        summary: Summary {
            breaking: r.count(Severity::Breaking),
            compatible: r.count(Severity::Compatible),
            docs: r.count(Severity::Docs),
        },
        changes: &r.changes,
    };
    // Serializing plain structs of strings and numbers cannot fail; should
    // it ever, the error is reported inside a valid JSON document.
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_else(|e| {
        serde_json::json!({ "schema": JSON_SCHEMA, "error": e.to_string() }).to_string()
    });
    text.push('\n');
    text
}
