//! Comparing `validation` rules and cross-field rules: does the new version
//! accept less (tightened), more (loosened), or neither (changed)?

use std::collections::{BTreeMap, BTreeSet};

use crate::lang::Compare;
use crate::load::model::{Constraints, Rule};

use super::collect::show;
use super::collect::{At, Collector};
use super::{Direction, Kind};

/// A bound: its value for ordering and its text.
type Bound = Option<(f64, String)>;

fn length(v: Option<u64>) -> Bound {
    // Lengths are far below 2^53, so the conversion is exact.
    v.map(|n| (n as f64, n.to_string()))
}

fn number(v: &Option<serde_yaml::Number>) -> Bound {
    v.as_ref()
        .map(|n| (n.as_f64().unwrap_or(f64::NAN), n.to_string()))
}

/// The `validation` rules of a field or named type.
pub(super) fn constraints(
    c: &mut Collector,
    side: Direction,
    at: &At,
    o: &Constraints,
    n: &Constraints,
) {
    let vat = at.key("validation");
    bounds(c, side, &vat, o, n);
    pattern(c, side, &vat.key("pattern"), o, n);
    allowed(c, side, &vat.key("allowed"), o, n);
    if o.scalar_values != n.scalar_values {
        let (kind, d) = if n.scalar_values {
            (Kind::ConstraintTightened, "values must now be scalars")
        } else {
            (
                Kind::ConstraintLoosened,
                "values no longer need to be scalars",
            )
        };
        c.push(kind, side, &vat.key("scalar_values"), d);
    }
    let unique = match (&o.unique_by, &n.unique_by) {
        (None, Some(m)) => Some((
            Kind::ConstraintTightened,
            format!("items must now differ in `{m}`"),
        )),
        (Some(m), None) => Some((
            Kind::ConstraintLoosened,
            format!("items no longer need to differ in `{m}`"),
        )),
        (Some(a), Some(b)) if a != b => Some((
            Kind::ConstraintChanged,
            format!("items must differ in `{b}`, not `{a}`"),
        )),
        _ => None,
    };
    if let Some((kind, d)) = unique {
        c.push(kind, side, &vat.key("unique_by"), &d);
    }
    let msgs = |k: &Constraints| -> String {
        k.messages
            .iter()
            .map(|(r, m)| format!("{r}: {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (om, nm) = (msgs(o), msgs(n));
    c.docs(side, &vat, &[("messages", Some(&om), Some(&nm))]);
}

/// Every numeric bound: lengths, ranges, item and entry counts.
fn bounds(c: &mut Collector, side: Direction, vat: &At, o: &Constraints, n: &Constraints) {
    let bounds = [
        (
            "min_length",
            length(o.min_length),
            length(n.min_length),
            false,
        ),
        (
            "max_length",
            length(o.max_length),
            length(n.max_length),
            true,
        ),
        ("minimum", number(&o.minimum), number(&n.minimum), false),
        ("maximum", number(&o.maximum), number(&n.maximum), true),
        ("min_items", length(o.min_items), length(n.min_items), false),
        ("max_items", length(o.max_items), length(n.max_items), true),
        (
            "max_entries",
            length(o.max_entries),
            length(n.max_entries),
            true,
        ),
        (
            "max_key_length",
            length(o.max_key_length),
            length(n.max_key_length),
            true,
        ),
        (
            "max_value_length",
            length(o.max_value_length),
            length(n.max_value_length),
            true,
        ),
    ];
    for (rule, ob, nb, upper) in bounds {
        bound(c, side, &vat.key(rule), rule, ob, nb, upper);
    }
}

fn pattern(c: &mut Collector, side: Direction, pat: &At, o: &Constraints, n: &Constraints) {
    let (kind, detail) = match (&o.pattern, &n.pattern) {
        (None, Some(p)) => (Kind::ConstraintTightened, format!("pattern `{p}` added")),
        (Some(p), None) => (Kind::ConstraintLoosened, format!("pattern `{p}` removed")),
        (Some(a), Some(b)) if a != b => (Kind::ConstraintChanged, format!("pattern `{a}` → `{b}`")),
        _ => return,
    };
    c.push(kind, side, pat, detail);
}

fn bound(c: &mut Collector, side: Direction, at: &At, rule: &str, o: Bound, n: Bound, upper: bool) {
    let Some(kind) = classify(&o, &n, upper) else {
        return;
    };
    let text = |b: &Bound| b.as_ref().map_or("none".to_string(), |b| b.1.clone());
    let d = format!("{rule} {} → {}", text(&o), text(&n));
    c.push(kind, side, at, d);
}

/// Whether a bound (an upper one when `upper`) got tighter, looser, or
/// neither; `None` when it did not change (`1` and `1.0` are the same).
fn classify(o: &Bound, n: &Bound, upper: bool) -> Option<Kind> {
    use std::cmp::Ordering::{Equal, Greater, Less};
    Some(match (o, n) {
        (None, None) => return None,
        (Some(a), Some(b)) if a.1 == b.1 => return None,
        (None, Some(_)) => Kind::ConstraintTightened,
        (Some(_), None) => Kind::ConstraintLoosened,
        (Some(a), Some(b)) => match (b.0.partial_cmp(&a.0), upper) {
            (Some(Equal), _) => return None,
            (Some(Less), true) | (Some(Greater), false) => Kind::ConstraintTightened,
            (Some(Greater), true) | (Some(Less), false) => Kind::ConstraintLoosened,
            (None, _) => Kind::ConstraintChanged,
        },
    })
}

fn allowed(c: &mut Collector, side: Direction, at: &At, o: &Constraints, n: &Constraints) {
    let set = |k: &Constraints| -> Option<BTreeSet<String>> {
        k.allowed.as_ref().map(|v| v.iter().map(show).collect())
    };
    let list = |s: &BTreeSet<String>| {
        s.iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (kind, d) = match (set(o), set(n)) {
        (None, None) => return,
        (None, Some(b)) => (
            Kind::ConstraintTightened,
            format!("only {} allowed now", list(&b)),
        ),
        (Some(a), None) => (
            Kind::ConstraintLoosened,
            format!("no longer limited to {}", list(&a)),
        ),
        (Some(a), Some(b)) if a == b => return,
        (Some(a), Some(b)) if b.is_subset(&a) => (
            Kind::ConstraintTightened,
            format!(
                "no longer allowed: {}",
                list(&a.difference(&b).cloned().collect())
            ),
        ),
        (Some(a), Some(b)) if b.is_superset(&a) => (
            Kind::ConstraintLoosened,
            format!(
                "now allowed: {}",
                list(&b.difference(&a).cloned().collect())
            ),
        ),
        (Some(a), Some(b)) => (
            Kind::ConstraintChanged,
            format!("allowed {} → {}", list(&a), list(&b)),
        ),
    };
    c.push(kind, side, at, d);
}

/// Cross-field rules: a new rule accepts less, a removed one more.
/// Values as a rule key shows them.
fn show_all(values: &[&serde_yaml::Value]) -> String {
    values
        .iter()
        .map(|v| show(v))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn rules(c: &mut Collector, side: Direction, at: &At, old: &[Rule], new: &[Rule]) {
    let keyed = |rules: &[Rule]| -> BTreeMap<String, Option<String>> {
        rules
            .iter()
            .map(|r| {
                let list = |names: &[String]| {
                    names
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let key = match (&r.when, r.group()) {
                    (Some(c), _) => {
                        let cond = match c.values() {
                            None => format!("when `{}` is set", c.field),
                            Some((Compare::Equals, v)) => {
                                format!("when `{}` = `{}`", c.field, show_all(&v))
                            }
                            Some((key, v)) => {
                                format!("when `{}` {key} [{}]", c.field, show_all(&v))
                            }
                        };
                        let mut key = cond;
                        if !r.require.is_empty() {
                            key.push_str(&format!(" require {}", list(&r.require)));
                        }
                        if !r.forbid.is_empty() {
                            key.push_str(&format!(" forbid {}", list(&r.forbid)));
                        }
                        key
                    }
                    (None, Some((group, names))) => format!("{group} {}", list(names)),
                    (None, None) => String::new(),
                };
                (key, r.message.clone())
            })
            .collect()
    };
    let (ok, nk) = (keyed(old), keyed(new));
    let rat = at.key("rules");
    for (key, om) in &ok {
        match nk.get(key) {
            None => {
                let d = format!("rule removed: {key}");
                c.push(Kind::ConstraintLoosened, side, &rat, d);
            }
            Some(nm) => c.docs(
                side,
                &rat,
                &[("rule message", om.as_deref(), nm.as_deref())],
            ),
        }
    }
    for key in nk.keys().filter(|k| !ok.contains_key(*k)) {
        let d = format!("new rule: {key}");
        c.push(Kind::ConstraintTightened, side, &rat, d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(text: &str) -> Bound {
        let n: serde_yaml::Number = serde_yaml::from_str(text).expect("a number");
        number(&Some(n))
    }

    #[test]
    fn bounds_tighten_loosen_or_stay() {
        use Kind::{ConstraintLoosened as L, ConstraintTightened as T};
        // Upper bounds: smaller is tighter; lower bounds: larger is tighter.
        assert_eq!(classify(&length(Some(10)), &length(Some(5)), true), Some(T));
        assert_eq!(classify(&length(Some(5)), &length(Some(10)), true), Some(L));
        assert_eq!(
            classify(&length(Some(5)), &length(Some(10)), false),
            Some(T)
        );
        assert_eq!(classify(&None, &length(Some(1)), false), Some(T));
        assert_eq!(classify(&length(Some(1)), &None, true), Some(L));
        assert_eq!(classify(&None, &None, true), None);
        assert_eq!(classify(&num("0.5"), &num("1"), false), Some(T));
        assert_eq!(classify(&num("1"), &num("1.0"), true), None);
    }
}
