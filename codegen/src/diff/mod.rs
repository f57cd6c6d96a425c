//! Beside the pipeline: what changed between two versions of the specs, and
//! what it means for callers.
//!
//! Both sides are loaded and checked first ([`diff_paths`],
//! [`diff_sources`]), so only clean specs are compared. Fields (of objects,
//! request bodies and path parameters) are compared through their lowered
//! model, the same lowering the generator uses: their Rust names, Rust
//! types, the formats a request checks and the response decoding are the
//! model's, so a change the generated code does not show is not an API
//! change (a property test holds diff to that); the spec's own text serves
//! for documentation, examples and constraints. `compare` (with `operations`, `fields`,
//! `constraints`, `hints` and `reach`) walks the two
//! specs and says what changed and on which side (request, response, or the
//! client as a whole); [`RULES`] is the one table that gives each kind of
//! change its severity on each side; `report` renders the result as text,
//! Markdown or JSON.
//!
//! A field is on the request side when an operation's request fields,
//! relationships, path parameters or headers (or the provider's headers)
//! hold it, or a named type reachable from them does; on the response side
//! when a named type reachable from a response or error body holds it. A
//! named type reachable from both sides is compared once for each side, each
//! with its own severity. A named type no operation uses is compared on both
//! sides. Renames are never guessed: a removed and an added field are
//! reported as such, with a "possibly renamed" hint when they look alike.

mod collect;
mod compare;
mod constraints;
mod fields;
mod hints;
mod operations;
mod reach;
mod report;
mod rules;

use std::path::Path;

use serde::Serialize;

use crate::check::{check_path, check_sources, Checked};
use crate::diag::Diagnostics;
use crate::load::model::SpecFile;
use crate::load::SpecSource;

pub use rules::{rules_markdown, Kind, Rule, RULES};

/// The version of the JSON output's shape.
pub const JSON_SCHEMA: u32 = 1;

/// How much a change matters to callers, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Only documentation changes.
    Docs,
    /// Nothing that worked stops working; something new is possible.
    Compatible,
    /// Something that worked can stop working: caller code no longer
    /// compiles, or a request or response that worked no longer does.
    Breaking,
}

impl Severity {
    /// Every severity, most severe first.
    pub const ALL: [Severity; 3] = [Severity::Breaking, Severity::Compatible, Severity::Docs];

    /// The name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Severity::Docs => "docs",
            Severity::Compatible => "compatible",
            Severity::Breaking => "breaking",
        }
    }
}

/// Which side of the API a change is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// What callers send: request fields, path parameters, headers, auth,
    /// method, path, encoding, environments.
    Request,
    /// What callers receive: response and error bodies, statuses.
    Response,
    /// The client as a whole: providers, operations, their docs.
    Api,
}

impl Direction {
    /// The name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
            Direction::Api => "api",
        }
    }
}

/// The version bump a set of changes calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Semver {
    /// No change at all.
    None,
    /// Documentation only.
    Patch,
    /// Compatible changes.
    Minor,
    /// At least one breaking change.
    Major,
}

impl Semver {
    /// The name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            Semver::None => "none",
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }
}

/// One change, on one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// How much it matters (from [`RULES`]).
    pub severity: Severity,
    /// Which side it is on.
    pub direction: Direction,
    /// What kind of change it is.
    pub kind: Kind,
    /// Where, as a dotted path into the spec (`operations.update_order.request.fields.amount`).
    pub path: String,
    /// The provider (`juspay`).
    pub provider: String,
    /// The operation, when the change is inside one.
    pub operation: Option<String>,
    /// The named type, when the change is inside one.
    #[serde(rename = "type")]
    pub ty: Option<String>,
    /// The field (wire name), header, parameter or enum value concerned.
    pub field: Option<String>,
    /// What changed, old → new.
    pub detail: String,
    /// A lead worth following (a possible rename, a move), when there is one.
    pub hint: Option<String>,
}

/// Output formats of the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text, grouped by severity.
    #[default]
    Text,
    /// Markdown tables, grouped by severity (for a pull request).
    Markdown,
    /// JSON, in the documented schema.
    Json,
}

/// The lowest severity that makes `codegen diff --fail-on` fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    /// Fail on a breaking change.
    Breaking,
    /// Fail on a breaking or compatible change.
    Compatible,
    /// Fail on any change, documentation included.
    Any,
}

impl FailOn {
    /// The lowest severity that fails.
    pub fn threshold(self) -> Severity {
        match self {
            FailOn::Breaking => Severity::Breaking,
            FailOn::Compatible => Severity::Compatible,
            FailOn::Any => Severity::Docs,
        }
    }
}

/// Every change between two sets of specs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// How the old side was named (its path).
    pub old: String,
    /// How the new side was named (its path).
    pub new: String,
    /// The changes, sorted by provider, path, kind, direction.
    pub changes: Vec<Change>,
}

impl Report {
    /// The most severe change, if there is any.
    pub fn worst(&self) -> Option<Severity> {
        self.changes.iter().map(|c| c.severity).max()
    }

    /// The version bump the changes call for.
    pub fn semver(&self) -> Semver {
        match self.worst() {
            None => Semver::None,
            Some(Severity::Docs) => Semver::Patch,
            Some(Severity::Compatible) => Semver::Minor,
            Some(Severity::Breaking) => Semver::Major,
        }
    }

    /// How many changes have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.changes
            .iter()
            .filter(|c| c.severity == severity)
            .count()
    }

    /// Whether a change at or above `fail_on`'s threshold exists.
    pub fn fails(&self, fail_on: FailOn) -> bool {
        self.worst().is_some_and(|w| w >= fail_on.threshold())
    }

    /// The report in `format`.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Text => report::text(self),
            Format::Markdown => report::markdown(self),
            Format::Json => report::json(self),
        }
    }
}

/// Every change from `old` to `new`, sorted. Providers are matched by name.
pub fn diff_checked(old: &[Checked], new: &[Checked]) -> Vec<Change> {
    let old: Vec<&SpecFile> = old.iter().map(Checked::spec).collect();
    let new: Vec<&SpecFile> = new.iter().map(Checked::spec).collect();
    let mut changes = compare::providers(&old, &new);
    changes.sort_by(|a, b| {
        let key = |c: &Change| {
            (
                c.provider.clone(),
                c.path.clone(),
                c.kind.name(),
                c.direction,
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.detail.cmp(&b.detail))
    });
    changes.dedup();
    changes
}

/// Both sides' diagnostics together, or both sides checked.
fn both(
    old: Result<Vec<Checked>, Diagnostics>,
    new: Result<Vec<Checked>, Diagnostics>,
) -> Result<(Vec<Checked>, Vec<Checked>), Diagnostics> {
    match (old, new) {
        (Ok(o), Ok(n)) => Ok((o, n)),
        (o, n) => {
            let mut all = Vec::new();
            for side in [o.err(), n.err()].into_iter().flatten() {
                all.extend(side.0);
            }
            Err(Diagnostics::sorted(all))
        }
    }
}

/// Checks both sides (spec texts) and compares them. Any problem on either
/// side is returned as the checker's diagnostics, both sides' together.
pub fn diff_sources(old: &[SpecSource], new: &[SpecSource]) -> Result<Vec<Change>, Diagnostics> {
    let (old, new) = both(check_sources(old), check_sources(new))?;
    Ok(diff_checked(&old, &new))
}

/// Loads and checks both sides (each a spec file or a folder of them) and
/// compares them. Any problem on either side is returned as the checker's
/// diagnostics, both sides' together.
pub fn diff_paths(old: &Path, new: &Path) -> Result<Report, Diagnostics> {
    let (old_specs, new_specs) = both(check_path(old), check_path(new))?;
    Ok(Report {
        old: old.display().to_string(),
        new: new.display().to_string(),
        changes: diff_checked(&old_specs, &new_specs),
    })
}
