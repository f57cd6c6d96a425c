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

/// How deep a rule may nest (parentheses, operators, calls): a rule
/// deeper than this is refused, so no spec can exhaust the stack.
pub const MAX_DEPTH: usize = 48;

/// An exact decimal number: `mantissa × 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    /// The digits, with their sign.
    pub mantissa: i128,
    /// How many of the digits are after the point.
    pub scale: u32,
}

impl Decimal {
    /// The most digits after the point a decimal keeps (what an `i128`
    /// holds).
    pub const MAX_SCALE: u32 = 38;

    /// `n` with no digits after the point.
    pub fn integer(n: i128) -> Decimal {
        Decimal {
            mantissa: n,
            scale: 0,
        }
    }

    /// Reads `-12.340`, `5`, `1e3`, `2.5E-1` exactly, keeping the digits
    /// after the point as written; `None` for anything else or for more
    /// digits than an `i128` holds.
    pub fn parse(s: &str) -> Option<Decimal> {
        let (digits, exponent) = match s.find(['e', 'E']) {
            Some(at) => (&s[..at], s[at + 1..].parse::<i32>().ok()?),
            None => (s, 0),
        };
        let (negative, digits) = match digits.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, digits),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() && fraction.is_empty() {
            return None;
        }
        let mut mantissa: i128 = 0;
        for b in whole.bytes().chain(fraction.bytes()) {
            if !b.is_ascii_digit() {
                return None;
            }
            mantissa = mantissa
                .checked_mul(10)?
                .checked_add(i128::from(b - b'0'))?;
        }
        if negative {
            mantissa = -mantissa;
        }
        let scale = i64::try_from(fraction.len()).ok()? - i64::from(exponent);
        if scale < 0 {
            let up = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
            return Some(Decimal::integer(mantissa.checked_mul(up)?));
        }
        let scale = u32::try_from(scale)
            .ok()
            .filter(|s| *s <= Self::MAX_SCALE)?;
        Some(Decimal { mantissa, scale })
    }

    /// Both at the larger scale, or `None` if that overflows.
    fn aligned(self, other: Decimal) -> Option<(i128, i128, u32)> {
        let scale = self.scale.max(other.scale);
        let up = |d: Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
        Some((up(self)?, up(other)?, scale))
    }

    /// `self + other`, exactly (`None` on overflow).
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Some(Decimal {
            mantissa: a.checked_add(b)?,
            scale,
        })
    }

    /// `self - other`, exactly (`None` on overflow).
    pub fn checked_sub(self, other: Decimal) -> Option<Decimal> {
        let (a, b, scale) = self.aligned(other)?;
        Some(Decimal {
            mantissa: a.checked_sub(b)?,
            scale,
        })
    }

    /// `self × other`, exactly (`None` on overflow).
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale + other.scale;
        (scale <= Self::MAX_SCALE).then_some(())?;
        Some(Decimal {
            mantissa: self.mantissa.checked_mul(other.mantissa)?,
            scale,
        })
    }

    /// How the two compare as numbers (`1.0` equals `1.00`); `None` when
    /// aligning them overflows.
    pub fn compare(self, other: Decimal) -> Option<std::cmp::Ordering> {
        let (a, b, _) = self.aligned(other)?;
        Some(a.cmp(&b))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let scale = self.scale as usize;
        if scale == 0 {
            return write!(f, "{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = scale + 1);
        let (whole, fraction) = padded.split_at(padded.len() - scale);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

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

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Number(Decimal),
    Text(String),
    Sym(&'static str),
    End,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Name(n) => write!(f, "`{n}`"),
            Tok::Number(d) => write!(f, "`{d}`"),
            Tok::Text(_) => f.write_str("a string"),
            Tok::Sym(s) => write!(f, "`{s}`"),
            Tok::End => f.write_str("the end of the rule"),
        }
    }
}

const SYMBOLS: [&str; 16] = [
    "=>", "==", "!=", "<=", ">=", "??", "<", ">", "+", "-", "*", "(", ")", ",", ".", "=",
];

/// The tokens of `text`, each with its character offset.
fn tokens(text: &str) -> Result<Vec<(usize, Tok)>, ParseError> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push((start, Tok::Name(chars[start..i].iter().collect())));
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let written: String = chars[start..i].iter().collect();
            let n = Decimal::parse(&written)
                .filter(|_| !written.ends_with('.'))
                .ok_or_else(|| error(start, format!("`{written}` is not a number")))?;
            out.push((start, Tok::Number(n)));
        } else if c == '"' || c == '\'' {
            i += 1;
            let mut s = String::new();
            loop {
                match chars.get(i) {
                    None => return Err(error(start, "the string does not end")),
                    Some(&q) if q == c => break,
                    Some('\\') => {
                        match chars.get(i + 1) {
                            Some(&e @ ('\\' | '"' | '\'')) => s.push(e),
                            _ => {
                                return Err(error(
                                    i,
                                    "a string escapes only `\\\\`, `\\\"` and `\\'`",
                                ))
                            }
                        }
                        i += 1;
                    }
                    Some(&other) => s.push(other),
                }
                i += 1;
            }
            i += 1;
            out.push((start, Tok::Text(s)));
        } else {
            let rest: String = chars[i..chars.len().min(i + 2)].iter().collect();
            let sym = SYMBOLS
                .iter()
                .find(|s| rest.starts_with(**s))
                .filter(|s| **s != "=")
                .ok_or_else(|| match c {
                    '=' => error(start, "`=` is not an operator: write `==`"),
                    _ => error(start, format!("`{c}` has no meaning in a rule")),
                })?;
            i += sym.chars().count();
            out.push((start, Tok::Sym(sym)));
        }
    }
    out.push((chars.len(), Tok::End));
    Ok(out)
}

fn error(at: usize, message: impl Into<String>) -> ParseError {
    ParseError {
        at,
        message: message.into(),
    }
}

/// The words of the language, which are no member's name at a path's
/// start.
const WORDS: [&str; 6] = ["and", "or", "not", "in", "true", "false"];

struct Parser {
    tokens: Vec<(usize, Tok)>,
    next: usize,
    depth: usize,
}

/// Parses a rule.
pub fn parse(text: &str) -> Result<Expr, ParseError> {
    let mut p = Parser {
        tokens: tokens(text)?,
        next: 0,
        depth: 0,
    };
    let expr = p.implies()?;
    match p.peek() {
        Tok::End => Ok(expr),
        other => Err(error(p.at(), format!("{other} after a complete rule"))),
    }
}

impl Parser {
    fn peek(&self) -> &Tok {
        self.tokens.get(self.next).map_or(&Tok::End, |(_, t)| t)
    }

    fn at(&self) -> usize {
        let last = self.tokens.len().saturating_sub(1);
        self.tokens
            .get(self.next.min(last))
            .map_or(0, |(at, _)| *at)
    }

    fn bump(&mut self) -> Tok {
        let t = self.peek().clone();
        self.next = (self.next + 1).min(self.tokens.len());
        t
    }

    fn eat(&mut self, sym: &str) -> bool {
        let found = matches!(self.peek(), Tok::Sym(s) if *s == sym)
            || matches!(self.peek(), Tok::Name(n) if n == sym);
        if found {
            self.bump();
        }
        found
    }

    fn expect(&mut self, sym: &str, what: &str) -> Result<(), ParseError> {
        if self.eat(sym) {
            return Ok(());
        }
        Err(error(
            self.at(),
            format!("expected `{sym}` {what}, found {}", self.peek()),
        ))
    }

    /// Counts one level of nesting, refusing a rule deeper than
    /// [`MAX_DEPTH`].
    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(error(
                self.at(),
                format!("the rule nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn binary(op: BinOp, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }

    fn implies(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let a = self.or()?;
        let out = if self.eat("=>") {
            Self::binary(BinOp::Implies, a, self.implies()?)
        } else {
            a
        };
        self.leave(1);
        Ok(out)
    }

    /// Leaves `levels` levels of nesting.
    fn leave(&mut self, levels: usize) {
        self.depth -= levels;
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        let mut a = self.and()?;
        let mut levels = 0;
        while self.eat("or") {
            // A chain nests to the left: each link is a level.
            self.enter()?;
            levels += 1;
            a = Self::binary(BinOp::Or, a, self.and()?);
        }
        self.leave(levels);
        Ok(a)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut a = self.not()?;
        let mut levels = 0;
        while self.eat("and") {
            self.enter()?;
            levels += 1;
            a = Self::binary(BinOp::And, a, self.not()?);
        }
        self.leave(levels);
        Ok(a)
    }

    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.eat("not") {
            self.enter()?;
            let inner = self.not()?;
            self.leave(1);
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, ParseError> {
        let a = self.sum()?;
        let op = match self.peek() {
            Tok::Sym("==") => BinOp::Eq,
            Tok::Sym("!=") => BinOp::Ne,
            Tok::Sym("<") => BinOp::Lt,
            Tok::Sym("<=") => BinOp::Le,
            Tok::Sym(">") => BinOp::Gt,
            Tok::Sym(">=") => BinOp::Ge,
            _ => return Ok(a),
        };
        self.bump();
        let b = self.sum()?;
        if let Tok::Sym(s @ ("==" | "!=" | "<" | "<=" | ">" | ">=")) = self.peek() {
            return Err(error(
                self.at(),
                format!(
                    "comparisons do not chain: `{s}` after a comparison (join them with `and`)"
                ),
            ));
        }
        Ok(Self::binary(op, a, b))
    }

    fn sum(&mut self) -> Result<Expr, ParseError> {
        let mut a = self.product()?;
        let mut levels = 0;
        loop {
            let op = match self.peek() {
                Tok::Sym("+") => BinOp::Add,
                Tok::Sym("-") => BinOp::Sub,
                _ => break,
            };
            self.bump();
            self.enter()?;
            levels += 1;
            a = Self::binary(op, a, self.product()?);
        }
        self.leave(levels);
        Ok(a)
    }

    fn product(&mut self) -> Result<Expr, ParseError> {
        let mut a = self.default()?;
        let mut levels = 0;
        while self.eat("*") {
            self.enter()?;
            levels += 1;
            a = Self::binary(BinOp::Mul, a, self.default()?);
        }
        self.leave(levels);
        Ok(a)
    }

    fn default(&mut self) -> Result<Expr, ParseError> {
        let a = self.primary()?;
        if self.eat("??") {
            return Ok(Self::binary(BinOp::Default, a, self.primary()?));
        }
        Ok(a)
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let at = self.at();
        match self.bump() {
            Tok::Number(n) => Ok(Expr::Number(n)),
            Tok::Sym("-") => match self.bump() {
                Tok::Number(n) => Ok(Expr::Number(Decimal {
                    mantissa: -n.mantissa,
                    scale: n.scale,
                })),
                _ => Err(error(at, "`-` stands before a number or between two")),
            },
            Tok::Text(s) => Ok(Expr::Text(s)),
            Tok::Sym("(") => {
                let inner = self.implies()?;
                self.expect(")", "to close the `(`")?;
                Ok(inner)
            }
            Tok::Name(n) if n == "true" => Ok(Expr::Bool(true)),
            Tok::Name(n) if n == "false" => Ok(Expr::Bool(false)),
            Tok::Name(n) if WORDS.contains(&n.as_str()) => Err(error(
                at,
                format!("`{n}` stands between two rules, not where a value is"),
            )),
            Tok::Name(n) if matches!(self.peek(), Tok::Sym("(")) => self.call(at, n),
            Tok::Name(n) => self.path_from(n).map(Expr::Path),
            other => Err(error(at, format!("expected a value, found {other}"))),
        }
    }

    fn path_from(&mut self, root: String) -> Result<Path, ParseError> {
        let mut members = Vec::new();
        while self.eat(".") {
            let at = self.at();
            match self.bump() {
                Tok::Name(n) => members.push(n),
                other => {
                    return Err(error(
                        at,
                        format!("expected a member name after `.`, found {other}"),
                    ))
                }
            }
        }
        Ok(Path { root, members })
    }

    fn path(&mut self, what: &str) -> Result<Path, ParseError> {
        let at = self.at();
        match self.bump() {
            Tok::Name(n) if !WORDS.contains(&n.as_str()) => self.path_from(n),
            other => Err(error(at, format!("expected {what}, found {other}"))),
        }
    }

    fn call(&mut self, at: usize, name: String) -> Result<Expr, ParseError> {
        self.expect("(", "")?;
        self.enter()?;
        let out = match name.as_str() {
            "present" => Expr::Present(self.path("the path of a member")?),
            "number" => Expr::ToNumber(Box::new(self.implies()?)),
            "scale" => Expr::Scale(Box::new(self.implies()?)),
            "all" | "any" | "sum" | "count" => {
                let over = match name.as_str() {
                    "all" => Over::All,
                    "any" => Over::Any,
                    "sum" => Over::Sum,
                    _ => Over::Count,
                };
                let first = self.path("a name, or the path of a list")?;
                let bound = first.members.is_empty() && self.eat("in");
                if !bound && over == Over::Count {
                    Expr::Length(first)
                } else if !bound {
                    return Err(error(
                        self.at(),
                        format!("`{}` names each item: `{}(x in list, …)`", over.name(), over.name()),
                    ));
                } else {
                    let list = self.path("the path of a list")?;
                    self.expect(",", "between the list and the rule for each item")?;
                    let body = self.implies()?;
                    Expr::Each(Each {
                        over,
                        name: first.root,
                        list,
                        body: Box::new(body),
                    })
                }
            }
            _ => {
                return Err(error(
                    at,
                    format!(
                        "no call `{name}`: the calls are `present`, `count`, `number`, `scale`, `all`, `any` and `sum`"
                    ),
                ))
            }
        };
        self.leave(1);
        self.expect(")", &format!("to close `{name}(`"))?;
        Ok(out)
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
