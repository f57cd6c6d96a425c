//! What a business rule (`cause.rule`) means: evaluated on the resource
//! as the provider holds it once an update is applied.
//!
//! A rule is read in three values. A member that is absent (or `null`)
//! has no value, and neither has what is computed from it: a comparison
//! with it, a sum over a term without one. Such a rule is undecided, and
//! an undecided rule is not broken: the error is answered only when the
//! rule is certainly false, so a resource the docs allow is never refused.
//! `a ?? b` gives an absent `a` a value; `present(a)` is always decided.
//! Numbers are exact decimals; one that overflows is undecided too.

use std::borrow::Cow;

use serde_json::Value;

use super::rule_types::RuleError;
use crate::lang::rules::{BinOp, Decimal, Each, Expr, Over, Path};
use crate::load::model::{Operation, SpecFile};

/// A documented error's rule, as the spec states it.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessRule {
    /// The rule as the spec writes it, in canonical form.
    pub text: String,
    /// The rule, typed against the resource: every number compared is
    /// explicit (`number(…)`).
    pub expr: Expr,
}

impl BusinessRule {
    /// The rule `text` states about the resource `op` updates: parsed,
    /// then typed against the spec (`check` reports the errors).
    pub(crate) fn new(
        spec: &SpecFile,
        op: &Operation,
        text: &str,
    ) -> Result<BusinessRule, RuleError> {
        let parsed = crate::lang::rules::parse(text).map_err(|e| RuleError {
            message: format!("the rule does not parse: {e}"),
            hint: "see \"Business rules\" in spec/README.md for the rule language".into(),
        })?;
        let expr = super::rule_types::type_rule(spec, op, &parsed)?;
        Ok(BusinessRule {
            text: parsed.to_string(),
            expr,
        })
    }

    /// Whether `resource` certainly breaks the rule (see the module docs:
    /// undecided is not broken).
    pub fn broken_by(&self, resource: &Value) -> bool {
        let mut eval = Eval {
            resource,
            bound: Vec::new(),
            fuel: FUEL,
        };
        eval.truth(&self.expr) == Some(false)
    }
}

/// How many steps one evaluation may take: a resource with lists long
/// enough to exceed it leaves the rule undecided rather than taking
/// unbounded time.
const FUEL: u32 = 1_000_000;

/// A value a rule computes.
#[derive(Debug, Clone)]
enum V<'a> {
    Bool(bool),
    Num(Decimal),
    Text(Cow<'a, str>),
    /// A list or an object of the resource (read through paths only).
    Structure,
}

impl<'a> V<'a> {
    fn of(v: &'a Value) -> Option<V<'a>> {
        Some(match v {
            Value::Null => return None,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(n) => V::Num(Decimal::parse(&n.to_string())?),
            Value::String(s) => V::Text(Cow::Borrowed(s)),
            Value::Array(_) | Value::Object(_) => V::Structure,
        })
    }

    /// The value as a number: a number, or text that writes one (a
    /// `decimal_string` amount, what `number()` reads).
    fn num(&self) -> Option<Decimal> {
        match self {
            V::Num(n) => Some(*n),
            V::Text(t) => Decimal::parse(t.trim()),
            _ => None,
        }
    }
}

struct Eval<'a> {
    resource: &'a Value,
    /// The names calls have bound, innermost last.
    bound: Vec<(&'a str, &'a Value)>,
    fuel: u32,
}

impl<'a> Eval<'a> {
    fn member(&self, path: &'a Path) -> Option<&'a Value> {
        let start = match self.bound.iter().rev().find(|(n, _)| *n == path.root) {
            Some((_, v)) => *v,
            None => self.resource.get(&path.root)?,
        };
        path.members
            .iter()
            .try_fold(start, |v, m| v.get(m))
            .filter(|v| !v.is_null())
    }

    /// The items of the list at `path`: none when it is absent, `None`
    /// when it is not a list.
    fn items(&self, path: &'a Path) -> Option<&'a [Value]> {
        match self.member(path) {
            None => Some(&[]),
            Some(Value::Array(items)) => Some(items),
            Some(_) => None,
        }
    }

    fn truth(&mut self, e: &'a Expr) -> Option<bool> {
        match self.value(e)? {
            V::Bool(b) => Some(b),
            _ => None,
        }
    }

    fn number(&mut self, e: &'a Expr) -> Option<Decimal> {
        self.value(e)?.num()
    }

    fn value(&mut self, e: &'a Expr) -> Option<V<'a>> {
        self.fuel = self.fuel.checked_sub(1)?;
        match e {
            Expr::Bool(b) => Some(V::Bool(*b)),
            Expr::Number(n) => Some(V::Num(*n)),
            Expr::Text(s) => Some(V::Text(Cow::Borrowed(s))),
            Expr::Path(p) => V::of(self.member(p)?),
            Expr::Not(inner) => self.truth(inner).map(|b| V::Bool(!b)),
            Expr::Binary(op, a, b) => self.binary(*op, a, b),
            Expr::Present(p) => Some(V::Bool(self.member(p).is_some())),
            Expr::Length(p) => {
                let n = i128::try_from(self.items(p)?.len()).ok()?;
                Some(V::Num(Decimal::integer(n)))
            }
            Expr::ToNumber(inner) => self.number(inner).map(V::Num),
            Expr::Scale(inner) => {
                let n = self.number(inner)?;
                Some(V::Num(Decimal::integer(i128::from(n.scale))))
            }
            Expr::Each(each) => self.each(each),
        }
    }

    fn binary(&mut self, op: BinOp, a: &'a Expr, b: &'a Expr) -> Option<V<'a>> {
        let logic = |x: Option<bool>, y: Option<bool>, on: bool| match (x, y) {
            // `on` decides alone: false for `and`, true for `or`.
            (Some(v), _) | (_, Some(v)) if v == on => Some(on),
            (Some(_), Some(_)) => Some(!on),
            _ => None,
        };
        let out = match op {
            BinOp::And => logic(self.truth(a), self.truth(b), false),
            BinOp::Or => logic(self.truth(a), self.truth(b), true),
            BinOp::Implies => logic(self.truth(a).map(|x| !x), self.truth(b), true),
            BinOp::Default => return self.value(a).or_else(|| self.value(b)),
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                let (x, y) = (self.number(a)?, self.number(b)?);
                let n = match op {
                    BinOp::Add => x.checked_add(y),
                    BinOp::Sub => x.checked_sub(y),
                    _ => x.checked_mul(y),
                };
                return n.map(V::Num);
            }
            _ => {
                let (x, y) = (self.value(a)?, self.value(b)?);
                compare(op, &x, &y)
            }
        };
        out.map(V::Bool)
    }

    fn each(&mut self, each: &'a Each) -> Option<V<'a>> {
        let items = self.items(&each.list)?;
        let mut truths = Vec::with_capacity(items.len());
        let mut total = Decimal::integer(0);
        let mut undecided = false;
        for item in items {
            self.bound.push((&each.name, item));
            match each.over {
                Over::Sum => {
                    // A term without a value, or a sum that overflows,
                    // leaves the sum undecided.
                    match self.number(&each.body).and_then(|t| total.checked_add(t)) {
                        Some(sum) => total = sum,
                        None => undecided = true,
                    }
                }
                _ => truths.push(self.truth(&each.body)),
            }
            self.bound.pop();
            if self.fuel == 0 {
                return None;
            }
        }
        let decided = || truths.iter().all(Option::is_some);
        let out = match each.over {
            Over::Sum if undecided => return None,
            Over::Sum => V::Num(total),
            Over::All if truths.contains(&Some(false)) => V::Bool(false),
            Over::All if !decided() => return None,
            Over::All => V::Bool(true),
            Over::Any if truths.contains(&Some(true)) => V::Bool(true),
            Over::Any if !decided() => return None,
            Over::Any => V::Bool(false),
            Over::Count if !decided() => return None,
            Over::Count => {
                let n = truths.iter().filter(|t| **t == Some(true)).count();
                V::Num(Decimal::integer(i128::try_from(n).ok()?))
            }
        };
        Some(out)
    }
}

/// `x op y` for a comparison: numbers as numbers (a `decimal_string`
/// amount against a number), text as text, booleans as booleans.
fn compare(op: BinOp, x: &V<'_>, y: &V<'_>) -> Option<bool> {
    use std::cmp::Ordering;
    let order: Option<Ordering> = match (x, y) {
        (V::Bool(a), V::Bool(b)) => Some(a.cmp(b)).filter(|_| matches!(op, BinOp::Eq | BinOp::Ne)),
        (V::Text(a), V::Text(b)) if matches!(op, BinOp::Eq | BinOp::Ne) => Some(a.cmp(b)),
        _ => x.num()?.compare(y.num()?),
    };
    let order = order?;
    Some(match op {
        BinOp::Eq => order == Ordering::Equal,
        BinOp::Ne => order != Ordering::Equal,
        BinOp::Lt => order == Ordering::Less,
        BinOp::Le => order != Ordering::Greater,
        BinOp::Gt => order == Ordering::Greater,
        BinOp::Ge => order != Ordering::Less,
        _ => return None,
    })
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
