//! Hints, never guesses: a removed and an added entry that look alike
//! (name or description) point at each other as a possible rename, and a
//! field that moved within an operation points at its other place.

use std::collections::{BTreeMap, BTreeSet};

use super::{Change, Kind};

/// A name and its description.
pub(super) type Entry = (String, Option<String>);

/// The entries only in `old` (removed) and only in `new` (added), in order.
pub(super) fn keyed_diff(old: &[Entry], new: &[Entry]) -> (Vec<Entry>, Vec<Entry>) {
    let names = |l: &[Entry]| -> BTreeSet<String> { l.iter().map(|(k, _)| k.clone()).collect() };
    let (on, nn) = (names(old), names(new));
    let removed = old.iter().filter(|(k, _)| !nn.contains(k)).cloned();
    let added = new.iter().filter(|(k, _)| !on.contains(k)).cloned();
    (removed.collect(), added.collect())
}

/// How alike two entries are, and why, when alike enough to mention.
fn likeness(a: &Entry, b: &Entry) -> Option<(f64, &'static str)> {
    let (x, y) = (a.0.as_str(), b.0.as_str());
    let name = strsim::normalized_damerau_levenshtein(x, y);
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    let contains = short.len() >= 2 && long.contains(short);
    let desc = match (&a.1, &b.1) {
        (Some(p), Some(q)) if !p.trim().is_empty() && !q.trim().is_empty() => {
            if p == q {
                return Some((1.0, "same description"));
            }
            strsim::normalized_levenshtein(p, q)
        }
        _ => 0.0,
    };
    if desc >= 0.8 && desc >= name {
        Some((desc, "similar description"))
    } else if name >= 0.6 {
        Some((name, "similar name"))
    } else if contains {
        Some((0.6, "similar name"))
    } else {
        None
    }
}

/// Hints for removed/added pairs that look like a rename: (for each removed
/// name, for each added name). Nothing is paired silently: both are still
/// reported, the hint only points at the other.
pub(super) fn rename_hints(
    removed: &[Entry],
    added: &[Entry],
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut to: BTreeMap<String, (f64, String)> = BTreeMap::new();
    let mut from = BTreeMap::new();
    for a in added {
        let best = removed
            .iter()
            .filter_map(|r| likeness(r, a).map(|(score, why)| (score, why, r)))
            .max_by(|p, q| p.0.total_cmp(&q.0).then_with(|| q.2 .0.cmp(&p.2 .0)));
        let Some((score, why, r)) = best else {
            continue;
        };
        from.insert(
            a.0.clone(),
            format!("possibly renamed from `{}` ({why})", r.0),
        );
        let hint = format!("possibly renamed to `{}` ({why})", a.0);
        match to.get(&r.0) {
            Some((s, _)) if *s >= score => {}
            _ => {
                to.insert(r.0.clone(), (score, hint));
            }
        }
    }
    let to = to.into_iter().map(|(k, (_, h))| (k, h)).collect();
    (to, from)
}

/// Within one operation: a field removed from one place (request fields,
/// path parameters, headers) and added under the same name in another is
/// pointed out on both changes.
pub(super) fn move_hints(changes: &mut [Change]) {
    let container = |c: &Change| -> Option<String> {
        let f = c.field.as_deref()?;
        c.path.strip_suffix(&format!(".{f}")).map(str::to_string)
    };
    let removed: Vec<(String, String, String)> = changes
        .iter()
        .filter(|c| c.kind == Kind::FieldRemoved)
        .filter_map(|c| Some((c.field.clone()?, container(c)?, c.path.clone())))
        .collect();
    let added_kinds = [Kind::FieldAddedRequired, Kind::FieldAddedOptional];
    let added: Vec<(String, String, String)> = changes
        .iter()
        .filter(|c| added_kinds.contains(&c.kind))
        .filter_map(|c| Some((c.field.clone()?, container(c)?, c.path.clone())))
        .collect();
    for ch in changes.iter_mut() {
        let (Some(f), Some(cont)) = (ch.field.clone(), container(ch)) else {
            continue;
        };
        let (others, word) = match ch.kind {
            Kind::FieldRemoved => (&added, "moved: now at"),
            k if added_kinds.contains(&k) => (&removed, "moved: was at"),
            _ => continue,
        };
        if let Some((_, _, path)) = others.iter().find(|(g, oc, _)| *g == f && *oc != cont) {
            let hint = format!("{word} `{path}`");
            ch.hint = Some(match ch.hint.take() {
                Some(h) => format!("{hint}; {h}"),
                None => hint,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, desc: Option<&str>) -> Entry {
        (name.to_string(), desc.map(str::to_string))
    }

    #[test]
    fn alike_names_or_descriptions_are_hinted_never_paired() {
        let removed = [
            entry("customer_phone", None),
            entry("tel", Some("The phone.")),
        ];
        let added = [
            entry("customer_mobile", None),
            entry("contact", Some("The phone.")),
            entry("quantity", None),
        ];
        let (to, from) = rename_hints(&removed, &added);
        assert_eq!(
            from.get("customer_mobile").map(String::as_str),
            Some("possibly renamed from `customer_phone` (similar name)")
        );
        assert_eq!(
            from.get("contact").map(String::as_str),
            Some("possibly renamed from `tel` (same description)")
        );
        assert_eq!(from.get("quantity"), None);
        assert_eq!(
            to.get("tel").map(String::as_str),
            Some("possibly renamed to `contact` (same description)")
        );
    }

    #[test]
    fn a_shorter_name_inside_a_longer_one_is_alike() {
        assert!(likeness(&entry("id", None), &entry("order_id", None)).is_some());
        assert!(likeness(&entry("amount", None), &entry("status", None)).is_none());
    }
}
