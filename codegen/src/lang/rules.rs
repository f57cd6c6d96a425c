//! The rule a `business` error's `cause.rule` states: an expression over
//! the resource the operation updates, as the provider holds it once the
//! update is applied, that must hold. The error is the provider's answer
//! when it is false.
//!
//! ```text
//! rule     := implies
//! implies  := or ("=>" implies)?            a => b: b must hold where a does
//! or       := and ("or" and)*
//! and      := not ("and" not)*
//! not      := "not" not | compare
//! compare  := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
//! sum      := product (("+" | "-") product)*
//! product  := default ("*" default)*
//! default  := primary ("??" primary)?        a ?? b: b where a is absent
//! primary  := number | string | "true" | "false" | path | call | "(" rule ")"
//! path     := name ("." name)*               from the resource, or a bound name
//! call     := present(path) | count(path) | number(rule) | scale(rule)
//!           | all(x in path, rule) | any(x in path, rule)
//!           | count(x in path, rule) | sum(x in path, rule)
//! ```
//!
//! Parsed once, here; `check` types the names against the spec and the
//! model evaluates the tree.

use std::fmt;

mod parse;

pub use super::decimal::Decimal;
pub use parse::parse;

/// How deep a rule may nest (parentheses, operators, calls): a rule
/// deeper than this is refused, so no spec can exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// A rule, parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `true`, `false`
    Bool(bool),
    /// `0`, `2.50`, `-1`
    Number(Decimal),
    /// `"AUTHORIZE"`
    Text(String),
    /// `purchase_units`, `u.amount.value`
    Path(Path),
    /// `not a`
    Not(Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `present(path)`: the member is there (not absent, not `null`).
    Present(Path),
    /// `count(path)`: how many items the list has (none when absent).
    Length(Path),
    /// `number(text)`: a decimal written as text (`"3"`).
    ToNumber(Box<Expr>),
    /// `scale(number)`: how many digits it has after the point, as
    /// written.
    Scale(Box<Expr>),
    /// `all(x in list, rule)` and the other calls that bind a name to
    /// each item of a list.
    Each(Each),
}

/// `all(x in list, rule)`, `any`, `count`, `sum`.
#[derive(Debug, Clone, PartialEq)]
pub struct Each {
    /// Which call.
    pub over: Over,
    /// The name each item is bound to.
    pub name: String,
    /// The list.
    pub list: Path,
    /// The rule or number for each item.
    pub body: Box<Expr>,
}

/// The calls that go over a list's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Over {
    /// `all`: the rule holds for every item (true for none).
    All,
    /// `any`: the rule holds for some item.
    Any,
    /// `count`: how many items the rule holds for.
    Count,
    /// `sum`: the sum of the number over the items (0 for none).
    Sum,
}

impl Over {
    fn name(self) -> &'static str {
        match self {
            Over::All => "all",
            Over::Any => "any",
            Over::Count => "count",
            Over::Sum => "sum",
        }
    }
}

/// A path: a name (a member of the resource, or a name a call binds),
/// then members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    /// The first name.
    pub root: String,
    /// The members below it, by wire name.
    pub members: Vec<String>,
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.root)?;
        for m in &self.members {
            write!(f, ".{m}")?;
        }
        Ok(())
    }
}

/// The binary operators, lowest precedence first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `=>`
    Implies,
    /// `or`
    Or,
    /// `and`
    And,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `??`
    Default,
}

impl BinOp {
    /// How it is written.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Implies => "=>",
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Default => "??",
        }
    }

    /// Its level in the grammar (higher binds tighter; `not` is 3).
    fn level(self) -> u8 {
        match self {
            BinOp::Implies => 0,
            BinOp::Or => 1,
            BinOp::And => 2,
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 4,
            BinOp::Add | BinOp::Sub => 5,
            BinOp::Mul => 6,
            BinOp::Default => 7,
        }
    }

    /// Whether it compares two values.
    pub fn is_comparison(self) -> bool {
        self.level() == 4
    }
}

/// Why a rule does not parse: what is wrong, at which character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Offset of the character, counted in characters.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.at + 1, self.message)
    }
}

impl From<Path> for Expr {
    fn from(p: Path) -> Expr {
        Expr::Path(p)
    }
}

impl Expr {
    /// The grammar level the expression is at (higher binds tighter).
    fn level(&self) -> u8 {
        match self {
            Expr::Binary(op, ..) => op.level(),
            Expr::Not(_) => 3,
            _ => 8,
        }
    }

    fn write_operand(&self, f: &mut fmt::Formatter<'_>, min: u8) -> fmt::Result {
        if self.level() < min {
            write!(f, "({self})")
        } else {
            write!(f, "{self}")
        }
    }
}

/// The rule written in its canonical form, which parses back to the same
/// tree.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Bool(b) => write!(f, "{b}"),
            Expr::Number(n) => write!(f, "{n}"),
            Expr::Text(s) => {
                f.write_str("\"")?;
                for c in s.chars() {
                    if matches!(c, '"' | '\\') {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("\"")
            }
            Expr::Path(p) => write!(f, "{p}"),
            Expr::Not(inner) => {
                f.write_str("not ")?;
                inner.write_operand(f, 3)
            }
            Expr::Binary(op, a, b) => {
                let level = op.level();
                // Left-associative operators take an operand of their own
                // level on the left; `=>` on the right; comparisons and
                // `??` on neither side.
                let (left, right) = match op {
                    BinOp::Implies => (level + 1, level),
                    _ if op.is_comparison() || *op == BinOp::Default => (level + 1, level + 1),
                    _ => (level, level + 1),
                };
                a.write_operand(f, left)?;
                write!(f, " {} ", op.symbol())?;
                b.write_operand(f, right)
            }
            Expr::Present(p) => write!(f, "present({p})"),
            Expr::Length(p) => write!(f, "count({p})"),
            Expr::ToNumber(e) => write!(f, "number({e})"),
            Expr::Scale(e) => write!(f, "scale({e})"),
            Expr::Each(e) => write!(f, "{}({} in {}, {})", e.over.name(), e.name, e.list, e.body),
        }
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
pub(crate) mod tests;
