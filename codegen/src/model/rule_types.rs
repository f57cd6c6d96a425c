//! A business rule's names and types, decided against the spec: which
//! member of the resource each path names, and whether each comparison is
//! between numbers (a `decimal_string` amount is a number, compared as
//! one), text or booleans. `check` reports what does not type; the model
//! keeps the typed rule, in which every number compared is explicit.

use indexmap::IndexMap;

use crate::lang::rules::{BinOp, Each, Expr, Over, Path};
use crate::lang::{Kind, Scalar};
use crate::load::model::{EnumValue, Field, Operation, SpecFile};

/// What a rule can say about a value.
#[derive(Debug, Clone)]
enum RTy<'a> {
    Bool,
    Num,
    /// Text, with the values an enum allows (none: any text).
    Text(&'a [EnumValue]),
    /// Free-form JSON, or a union: no member can be typed.
    Json,
    /// An object, by its type name and fields.
    Object(&'a str, &'a IndexMap<String, Field>),
    List(Box<RTy<'a>>),
    Map(Box<RTy<'a>>),
}

impl RTy<'_> {
    fn describe(&self) -> String {
        match self {
            RTy::Bool => "a boolean".into(),
            RTy::Num => "a number".into(),
            RTy::Text(_) => "text".into(),
            RTy::Json => "free-form JSON".into(),
            RTy::Object(name, _) => format!("an object (`{name}`)"),
            RTy::List(_) => "a list".into(),
            RTy::Map(_) => "a map".into(),
        }
    }
}

/// Why a rule does not type: what is wrong, and how to put it right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub hint: String,
}

fn fail<T>(message: impl Into<String>, hint: impl Into<String>) -> Result<T, RuleError> {
    Err(RuleError {
        message: message.into(),
        hint: hint.into(),
    })
}

/// The members of the resource `op` updates, with their types: a JSON
/// Patch operation's single-step patch paths (`/intent`,
/// `/purchase_units`) with their values' types; otherwise the fields of
/// its success response's type.
fn resource<'a>(spec: &'a SpecFile, op: &'a Operation) -> Vec<(&'a str, &'a Field)> {
    if let Some(r) = op.request.as_ref().filter(|r| !r.patches.is_empty()) {
        return r
            .patches
            .iter()
            .filter_map(|(path, p)| {
                let name = path
                    .strip_prefix('/')
                    .filter(|n| !n.is_empty() && !n.contains(['/', '@', '~', '{']))?;
                Some((name, p.value.as_ref()?))
            })
            .collect();
    }
    op.response
        .ty
        .as_deref()
        .and_then(|t| spec.types.get(t))
        .map(|d| d.fields.iter().map(|(k, f)| (k.as_str(), f)).collect())
        .unwrap_or_default()
}

struct Typer<'a> {
    spec: &'a SpecFile,
    resource: Vec<(&'a str, &'a Field)>,
    bound: Vec<(String, RTy<'a>)>,
}

/// Types `rule` against the resource `op` updates, and gives it back with
/// every number compared made explicit (`number(…)` around a path).
pub fn type_rule(spec: &SpecFile, op: &Operation, rule: &Expr) -> Result<Expr, RuleError> {
    let mut t = Typer {
        spec,
        resource: resource(spec, op),
        bound: Vec::new(),
    };
    if t.resource.is_empty() {
        return fail(
            "the rule has no resource to read: the operation neither patches members (`patches:`) nor answers with a type",
            "a business rule is about the resource the operation updates; state it in the error's `description` instead",
        );
    }
    let (typed, ty) = t.expr(rule)?;
    match ty {
        RTy::Bool => Ok(typed),
        other => fail(
            format!("the rule is {}, not true or false", other.describe()),
            "state what must hold, such as `count(purchase_units) <= 1`",
        ),
    }
}

impl<'a> Typer<'a> {
    fn named(&self, name: &'a str) -> Option<RTy<'a>> {
        if let Some(s) = Scalar::from_name(name) {
            return Some(scalar(s));
        }
        let (key, def) = self.spec.types.get_key_value(name)?;
        Some(match def.kind {
            Kind::Object => RTy::Object(key, &def.fields),
            Kind::Enum => RTy::Text(&def.values),
            Kind::Union => RTy::Json,
            Kind::List => RTy::List(Box::new(self.named(def.items.as_deref()?)?)),
            Kind::Map => RTy::Map(Box::new(self.item(def.items.as_deref()?)?)),
        })
    }

    fn item(&self, name: &'a str) -> Option<RTy<'a>> {
        if name == crate::lang::SCALAR_ITEMS {
            return Some(RTy::Json);
        }
        self.named(name)
    }

    fn field(&self, f: &'a Field) -> Option<RTy<'a>> {
        match f.ty.as_str() {
            crate::lang::EXPANDABLE => Some(RTy::Text(&[])),
            "list" => Some(RTy::List(Box::new(self.named(f.items.as_deref()?)?))),
            "map" => Some(RTy::Map(Box::new(self.item(f.items.as_deref()?)?))),
            other => self.named(other),
        }
    }

    fn path(&self, p: &Path) -> Result<RTy<'a>, RuleError> {
        let mut ty = match self.bound.iter().rev().find(|(n, _)| *n == p.root) {
            Some((_, ty)) => ty.clone(),
            None => {
                let Some((_, f)) = self.resource.iter().find(|(n, _)| *n == p.root) else {
                    let names: Vec<String> = self
                        .resource
                        .iter()
                        .map(|(n, _)| format!("`{n}`"))
                        .collect();
                    return fail(
                        format!(
                            "`{}` is no member of the resource, nor a name a call binds",
                            p.root
                        ),
                        format!("the resource's members are {}", names.join(", ")),
                    );
                };
                self.field(f).unwrap_or(RTy::Json)
            }
        };
        let mut at = p.root.clone();
        for m in &p.members {
            ty = match ty {
                RTy::Object(name, fields) => match fields.get(m) {
                    Some(f) => self.field(f).unwrap_or(RTy::Json),
                    None => {
                        let names: Vec<String> = fields.keys().map(|k| format!("`{k}`")).collect();
                        return fail(
                            format!("`{at}` (`{name}`) has no field `{m}`"),
                            format!("its fields are {}", names.join(", ")),
                        );
                    }
                },
                RTy::Map(item) => *item,
                RTy::Json => RTy::Json,
                RTy::List(_) => {
                    return fail(
                        format!("`{at}` is a list, so `.{m}` names nothing"),
                        format!(
                        "go over its items: `all(x in {at}, x.{m} …)`, or `any`, `count`, `sum`"
                    ),
                    )
                }
                other => {
                    return fail(
                        format!("`{at}` is {}, which has no members", other.describe()),
                        "a path follows objects' fields",
                    )
                }
            };
            at = format!("{at}.{m}");
        }
        Ok(ty)
    }

    fn expr(&mut self, e: &Expr) -> Result<(Expr, RTy<'a>), RuleError> {
        Ok(match e {
            Expr::Bool(_) => (e.clone(), RTy::Bool),
            Expr::Number(_) => (e.clone(), RTy::Num),
            Expr::Text(_) => (e.clone(), RTy::Text(&[])),
            Expr::Path(p) => (e.clone(), self.path(p)?),
            Expr::Not(inner) => {
                let inner = self.want(inner, Want::Bool, "`not`")?;
                (Expr::Not(Box::new(inner)), RTy::Bool)
            }
            Expr::Binary(op, a, b) => self.binary(*op, a, b)?,
            Expr::Present(p) => {
                self.path(p)?;
                (e.clone(), RTy::Bool)
            }
            Expr::Length(p) => {
                match self.path(p)? {
                    RTy::List(_) | RTy::Json => (e.clone(), RTy::Num),
                    other => return fail(
                        format!(
                            "`count({p})` counts a list's items, and `{p}` is {}",
                            other.describe()
                        ),
                        "name a list, or count items that hold a rule: `count(x in list, rule)`",
                    ),
                }
            }
            Expr::ToNumber(inner) => {
                let inner = self.want(inner, Want::NumOrText, "`number()`")?;
                (Expr::ToNumber(Box::new(inner)), RTy::Num)
            }
            Expr::Scale(inner) => {
                let inner = self.want(inner, Want::NumOrText, "`scale()`")?;
                (Expr::Scale(Box::new(inner)), RTy::Num)
            }
            Expr::Each(each) => self.each(each)?,
        })
    }

    fn each(&mut self, each: &Each) -> Result<(Expr, RTy<'a>), RuleError> {
        let item = match self.path(&each.list)? {
            RTy::List(item) => *item,
            RTy::Json => RTy::Json,
            other => {
                return fail(
                    format!("`{}` is {}, not a list", each.list, other.describe()),
                    "`all`, `any`, `count` and `sum` go over a list's items",
                )
            }
        };
        let taken = self.bound.iter().any(|(n, _)| *n == each.name)
            || self.resource.iter().any(|(n, _)| *n == each.name);
        if taken {
            return fail(
                format!("`{}` already names something in this rule", each.name),
                "bind each item to a name of its own (`u`, `item`)",
            );
        }
        self.bound.push((each.name.clone(), item));
        let (want, ty) = match each.over {
            Over::Sum => (Want::Num, RTy::Num),
            Over::Count => (Want::Bool, RTy::Num),
            Over::All | Over::Any => (Want::Bool, RTy::Bool),
        };
        let body = self.want(&each.body, want, "the rule for each item");
        self.bound.pop();
        let body = body?;
        Ok((
            Expr::Each(Each {
                body: Box::new(body),
                ..each.clone()
            }),
            ty,
        ))
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr) -> Result<(Expr, RTy<'a>), RuleError> {
        let what = format!("`{}`", op.symbol());
        let both = |x: Expr, y: Expr| Expr::Binary(op, Box::new(x), Box::new(y));
        Ok(match op {
            BinOp::And | BinOp::Or | BinOp::Implies => {
                let x = self.want(a, Want::Bool, &what)?;
                let y = self.want(b, Want::Bool, &what)?;
                (both(x, y), RTy::Bool)
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul => {
                let x = self.want(a, Want::Num, &what)?;
                let y = self.want(b, Want::Num, &what)?;
                (both(x, y), RTy::Num)
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let x = self.want(a, Want::Num, &what)?;
                let y = self.want(b, Want::Num, &what)?;
                (both(numeric(x), numeric(y)), RTy::Bool)
            }
            BinOp::Default => {
                let (x, tx) = self.expr(a)?;
                let (y, ty) = self.expr(b)?;
                if !same_kind(&tx, &ty) {
                    return fail(
                        format!(
                            "`??` gives {} a default of {}",
                            tx.describe(),
                            ty.describe()
                        ),
                        "give a default of the same kind (`amount.value ?? 0`)",
                    );
                }
                (both(x, y), tx)
            }
            BinOp::Eq | BinOp::Ne => {
                let (x, tx) = self.expr(a)?;
                let (y, ty) = self.expr(b)?;
                let out = match (&tx, &ty) {
                    (RTy::Num, RTy::Num) => both(numeric(x), numeric(y)),
                    (RTy::Bool, RTy::Bool) => both(x, y),
                    (RTy::Text(values_a), RTy::Text(values_b)) => {
                        enum_value(values_a, &y)?;
                        enum_value(values_b, &x)?;
                        both(x, y)
                    }
                    _ => {
                        return fail(
                            format!("{what} compares {} with {}", tx.describe(), ty.describe()),
                            "compare numbers with numbers, text with text (`number(text)` reads a number written as text)",
                        )
                    }
                };
                (out, RTy::Bool)
            }
        })
    }

    fn want(&mut self, e: &Expr, want: Want, what: &str) -> Result<Expr, RuleError> {
        let (typed, ty) = self.expr(e)?;
        let ok = match want {
            Want::Bool => matches!(ty, RTy::Bool),
            Want::Num => matches!(ty, RTy::Num),
            Want::NumOrText => matches!(ty, RTy::Num | RTy::Text(_)),
        };
        if ok {
            return Ok(typed);
        }
        let (wanted, hint) = match want {
            Want::Bool => ("true or false", "compare it, or ask `present(…)`"),
            Want::Num => (
                "a number",
                "a number written as text is read with `number(…)`",
            ),
            Want::NumOrText => ("a number or text", "name a number, or text that writes one"),
        };
        fail(
            format!("{what} takes {wanted}, and `{e}` is {}", ty.describe()),
            hint,
        )
    }
}

#[derive(Clone, Copy)]
enum Want {
    Bool,
    Num,
    NumOrText,
}

fn scalar<'a>(s: Scalar) -> RTy<'a> {
    match s {
        Scalar::Boolean => RTy::Bool,
        Scalar::Json => RTy::Json,
        s if s.is_numeric() => RTy::Num,
        _ => RTy::Text(&[]),
    }
}

fn same_kind(a: &RTy<'_>, b: &RTy<'_>) -> bool {
    matches!(
        (a, b),
        (RTy::Bool, RTy::Bool) | (RTy::Num, RTy::Num) | (RTy::Text(_), RTy::Text(_))
    )
}

/// `e` compared as a number: a path or default made explicit, since its
/// wire value may be text (`"10.50"`).
fn numeric(e: Expr) -> Expr {
    match e {
        Expr::Path(_) | Expr::Binary(BinOp::Default, ..) => Expr::ToNumber(Box::new(e)),
        other => other,
    }
}

/// A text literal compared with an enum is one of its values.
fn enum_value(values: &[EnumValue], other: &Expr) -> Result<(), RuleError> {
    let Expr::Text(s) = other else {
        return Ok(());
    };
    if values.is_empty() || values.iter().any(|v| v.value == *s) {
        return Ok(());
    }
    let listed: Vec<String> = values.iter().map(|v| format!("`{}`", v.value)).collect();
    fail(
        format!("\"{s}\" is not one of the values it is compared with"),
        format!("the values are {}", listed.join(", ")),
    )
}
