//! Reading a rule's text: its tokens, then the grammar of the module
//! docs of [`super`], by recursive descent bounded at [`MAX_DEPTH`].

use std::fmt;

use super::{BinOp, Decimal, Each, Expr, Over, ParseError, Path, MAX_DEPTH};

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

    /// `next`s joined by any of `ops`, nested to the left: each link is a
    /// level of nesting.
    fn chain(
        &mut self,
        ops: &[(&str, BinOp)],
        next: fn(&mut Self) -> Result<Expr, ParseError>,
    ) -> Result<Expr, ParseError> {
        let mut a = next(self)?;
        let mut levels = 0;
        while let Some(op) = ops.iter().find(|(s, _)| self.eat(s)).map(|(_, op)| *op) {
            self.enter()?;
            levels += 1;
            a = Self::binary(op, a, next(self)?);
        }
        self.leave(levels);
        Ok(a)
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.chain(&[("or", BinOp::Or)], Self::and)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        self.chain(&[("and", BinOp::And)], Self::not)
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
        self.chain(&[("+", BinOp::Add), ("-", BinOp::Sub)], Self::product)
    }

    fn product(&mut self) -> Result<Expr, ParseError> {
        self.chain(&[("*", BinOp::Mul)], Self::default)
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
