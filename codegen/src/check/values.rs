//! Checking YAML values (examples, defaults, allowed values) against the
//! spec's own types and constraints.

use serde_yaml::Value;

use super::{Checker, Ty};
use crate::diag::suggest;
use crate::lang::{Lenient, Scalar};
use crate::spec::model::{Constraints, Field, TypeDef};
use crate::spec::SpecPath;

/// How strictly a value is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// As the client would send it: exact types, constraints and formats.
    Request,
    /// As a server may send it: leniencies apply, constraints do not.
    Response,
}

/// (where, what, hint)
pub(crate) type Problem = (SpecPath, String, String);

impl<'a> Checker<'a> {
    /// Collects the problems of `v` as a value of `ty`.
    pub(crate) fn value_problems(
        &self,
        path: &SpecPath,
        ty: &Ty<'a>,
        nullable: bool,
        v: &Value,
        mode: Mode,
        out: &mut Vec<Problem>,
    ) {
        if v.is_null() {
            if !nullable {
                out.push((
                    path.clone(),
                    "`null` is not allowed here".into(),
                    "give a value, or mark the field `nullable: true`".into(),
                ));
            }
            return;
        }
        match ty {
            Ty::Scalar(s) => scalar(path, *s, &[], v, mode, out),
            Ty::AnyScalar => {
                if !matches!(v, Value::String(_) | Value::Number(_) | Value::Bool(_)) {
                    out.push((
                        path.clone(),
                        format!("expected a string, number or boolean, found {}", kind(v)),
                        "map values must be scalars here".into(),
                    ));
                }
            }
            Ty::List(item) => self.list(path, item, v, mode, out),
            Ty::Map(item) => self.map(path, item, v, mode, out),
            Ty::Named(name, def) => self.named(path, name, def, &[], v, mode, out),
        }
    }

    /// Collects the problems of `v` as the value of field `f` of type `ty`.
    pub(crate) fn field_value_problems(
        &self,
        path: &SpecPath,
        f: &Field,
        ty: &Ty<'a>,
        v: &Value,
        mode: Mode,
        out: &mut Vec<Problem>,
    ) {
        let lenient: Vec<Lenient> = f
            .lenient
            .iter()
            .filter_map(|l| Lenient::from_name(l))
            .collect();
        let lenient = if mode == Mode::Response {
            lenient
        } else {
            Vec::new()
        };
        if v.is_null() {
            let ok = f.nullable || (mode == Mode::Response && !f.required);
            if !ok {
                out.push((
                    path.clone(),
                    "`null` is not allowed here".into(),
                    "give a value, or mark the field `nullable: true`".into(),
                ));
            }
            return;
        }
        match ty {
            Ty::Scalar(s) => scalar(path, *s, &lenient, v, mode, out),
            Ty::Named(name, def) => self.named(path, name, def, &lenient, v, mode, out),
            _ => self.value_problems(path, ty, false, v, mode, out),
        }
        if mode == Mode::Request {
            constraints(path, &f.validation, v, out);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn named(
        &self,
        path: &SpecPath,
        name: &str,
        def: &'a TypeDef,
        lenient: &[Lenient],
        v: &Value,
        mode: Mode,
        out: &mut Vec<Problem>,
    ) {
        match def.kind.as_str() {
            "enum" => {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Number(n) if lenient.contains(&Lenient::Unquoted) => n.to_string(),
                    _ => {
                        out.push((
                            path.clone(),
                            format!("expected a `{name}` value (text), found {}", kind(v)),
                            String::new(),
                        ));
                        return;
                    }
                };
                if !def.values.iter().any(|e| e.value == text) {
                    let names: Vec<&str> = def.values.iter().map(|e| e.value.as_str()).collect();
                    out.push((
                        path.clone(),
                        format!("`{text}` is not a value of enum `{name}`"),
                        suggest(&text, &names),
                    ));
                }
            }
            "object" => {
                if lenient.contains(&Lenient::EmptyArray)
                    && matches!(v, Value::Sequence(s) if s.is_empty())
                {
                    return;
                }
                let Value::Mapping(m) = v else {
                    out.push((
                        path.clone(),
                        format!("expected a `{name}` object, found {}", kind(v)),
                        String::new(),
                    ));
                    return;
                };
                self.object_fields(path, name, &def.fields, m, mode, out);
            }
            "map" | "list" => {
                if lenient.contains(&Lenient::EmptyArray)
                    && matches!(v, Value::Sequence(s) if s.is_empty())
                {
                    return;
                }
                let Some(item) = def.items.as_deref().and_then(|i| self.item_ty(i)) else {
                    return;
                };
                if def.kind == "map" {
                    self.map(path, &item, v, mode, out);
                } else {
                    self.list(path, &item, v, mode, out);
                }
                if mode == Mode::Request {
                    constraints(path, &def.validation, v, out);
                }
            }
            _ => {}
        }
    }

    fn item_ty(&self, item: &str) -> Option<Ty<'a>> {
        if item == crate::lang::SCALAR_ITEMS {
            Some(Ty::AnyScalar)
        } else {
            self.lookup(item)
        }
    }

    /// Checks a mapping against a set of fields: unknown keys, missing
    /// required fields, and each value.
    pub(crate) fn object_fields(
        &self,
        path: &SpecPath,
        name: &str,
        fields: &'a indexmap::IndexMap<String, Field>,
        m: &serde_yaml::Mapping,
        mode: Mode,
        out: &mut Vec<Problem>,
    ) {
        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
        for (k, val) in m {
            let key = key_text(k);
            let kp = path.key(&key);
            match fields.get(&key) {
                None => out.push((
                    kp,
                    format!("`{key}` is not a field of `{name}`"),
                    match crate::diag::closest(&key, names.iter().copied()) {
                        Some(c) => format!(
                            "did you mean `{c}`? If the docs show it, add the field to the spec"
                        ),
                        None => "if the docs show it, add the field to the spec".into(),
                    },
                )),
                Some(f) => {
                    if let Some(ty) = self.lookup_field(f) {
                        self.field_value_problems(&kp, f, &ty, val, mode, out);
                    }
                }
            }
        }
        for (wire, f) in fields {
            if f.required && !m.contains_key(wire.as_str()) {
                out.push((
                    path.clone(),
                    format!("required field `{wire}` of `{name}` is missing"),
                    format!(
                        "add `{wire}`, or drop `required: true` if the docs do not guarantee it"
                    ),
                ));
            }
        }
    }

    fn list(&self, path: &SpecPath, item: &Ty<'a>, v: &Value, mode: Mode, out: &mut Vec<Problem>) {
        let Value::Sequence(items) = v else {
            out.push((
                path.clone(),
                format!("expected a list, found {}", kind(v)),
                String::new(),
            ));
            return;
        };
        for (i, it) in items.iter().enumerate() {
            self.value_problems(&path.index(i), item, false, it, mode, out);
        }
    }

    fn map(&self, path: &SpecPath, item: &Ty<'a>, v: &Value, mode: Mode, out: &mut Vec<Problem>) {
        let Value::Mapping(m) = v else {
            out.push((
                path.clone(),
                format!("expected a mapping, found {}", kind(v)),
                String::new(),
            ));
            return;
        };
        for (k, val) in m {
            let kp = path.key(&key_text(k));
            self.value_problems(&kp, item, mode == Mode::Response, val, mode, out);
        }
    }
}

fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// What kind of YAML value `v` is, for messages.
pub(crate) fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

fn scalar(
    path: &SpecPath,
    s: Scalar,
    lenient: &[Lenient],
    v: &Value,
    mode: Mode,
    out: &mut Vec<Problem>,
) {
    let mut bad = |what: &str, hint: &str| {
        out.push((
            path.clone(),
            format!("expected {what}, found {}", kind(v)),
            hint.to_string(),
        ));
    };
    let quoted = lenient.contains(&Lenient::Quoted);
    match s {
        Scalar::Json => {}
        Scalar::Integer | Scalar::AmountMinor | Scalar::UnixTime => match v {
            Value::Number(n) if n.is_i64() || n.is_u64() => {}
            Value::String(t) if quoted && t.trim().parse::<i64>().is_ok() => {}
            Value::String(_) if !quoted && mode == Mode::Response => bad(
                "a whole number",
                "if the server quotes it, add `lenient: [quoted]`",
            ),
            _ => bad(
                "a whole number",
                "write digits without quotes or a fraction",
            ),
        },
        Scalar::Decimal => match v {
            Value::Number(_) => {}
            Value::String(t) if is_decimal(t) && (quoted || mode == Mode::Request) => {}
            Value::String(_) if !quoted && mode == Mode::Response => bad(
                "a decimal number",
                "if the server quotes it, add `lenient: [quoted]`",
            ),
            _ => bad("a decimal number", "e.g. `90.00`"),
        },
        Scalar::Boolean => match v {
            Value::Bool(_) => {}
            Value::String(t) if quoted && (t == "true" || t == "false") => {}
            Value::String(_) if !quoted && mode == Mode::Response => bad(
                "a boolean",
                "if the server quotes it, add `lenient: [quoted]`",
            ),
            _ => bad("a boolean", "write `true` or `false` without quotes"),
        },
        _ => match v {
            Value::String(t) => {
                if mode == Mode::Request {
                    if let Some(why) = format_problem(s, t) {
                        out.push((
                            path.clone(),
                            format!("`{t}` is not a valid {}: {why}", s.name()),
                            String::new(),
                        ));
                    }
                }
            }
            Value::Number(_) | Value::Bool(_) if lenient.contains(&Lenient::Unquoted) => {}
            Value::Number(_) | Value::Bool(_) if mode == Mode::Response => bad(
                "text",
                "if the server sends it unquoted, add `lenient: [unquoted]`",
            ),
            _ => bad("text", "quote the value"),
        },
    }
}

/// Whether `t` is a plain decimal number (`-12.50`).
pub(crate) fn is_decimal(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let mut parts = t.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// Why `t` is not a valid value of the text scalar `s`, if it is not.
fn format_problem(s: Scalar, t: &str) -> Option<&'static str> {
    let ok = match s {
        Scalar::Currency => t.len() == 3 && t.bytes().all(|b| b.is_ascii_uppercase()),
        Scalar::Url => t.starts_with("https://") || t.starts_with("http://"),
        Scalar::Email => {
            matches!(t.split_once('@'), Some((a, b)) if !a.is_empty() && b.contains('.'))
        }
        Scalar::Timestamp => regex_match(
            r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$",
            t,
        ),
        Scalar::Duration => {
            regex_match(
                r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$",
                t,
            ) && t.len() > 1
                && !t.ends_with('T')
        }
        _ => true,
    };
    if ok {
        return None;
    }
    Some(match s {
        Scalar::Currency => "expected three capital letters (ISO 4217)",
        Scalar::Url => "expected an absolute http(s) URL",
        Scalar::Email => "expected an e-mail address",
        Scalar::Timestamp => "expected an ISO-8601 date-time like 2021-09-10T09:24:06Z",
        _ => "expected an ISO-8601 duration like PT30M",
    })
}

fn regex_match(re: &str, t: &str) -> bool {
    regex::Regex::new(re)
        .map(|r| r.is_match(t))
        .unwrap_or(false)
}

/// Request-side constraint checks of a value.
fn constraints(path: &SpecPath, c: &Constraints, v: &Value, out: &mut Vec<Problem>) {
    let mut fail = |p: SpecPath, m: String| {
        out.push((p, m, "the value breaks the spec's own constraint".into()))
    };
    if let Value::String(t) = v {
        let n = t.chars().count() as u64;
        if let Some(min) = c.min_length.filter(|m| n < *m) {
            fail(
                path.clone(),
                format!("`{t}` has {n} characters, fewer than `min_length` {min}"),
            );
        }
        if let Some(max) = c.max_length.filter(|m| n > *m) {
            fail(
                path.clone(),
                format!("value has {n} characters, more than `max_length` {max}"),
            );
        }
        if let Some(p) = &c.pattern {
            if let Ok(re) = regex::Regex::new(&format!("^(?:{p})$")) {
                if !re.is_match(t) {
                    fail(path.clone(), format!("`{t}` does not match `pattern` {p}"));
                }
            }
        }
    }
    let num = match v {
        Value::Number(n) => n.as_f64(),
        Value::String(t) if is_decimal(t) => t.parse::<f64>().ok(),
        _ => None,
    };
    if let Some(x) = num {
        if let Some(min) = c
            .minimum
            .as_ref()
            .and_then(|m| m.as_f64())
            .filter(|m| x < *m)
        {
            fail(path.clone(), format!("{x} is less than `minimum` {min}"));
        }
        if let Some(max) = c
            .maximum
            .as_ref()
            .and_then(|m| m.as_f64())
            .filter(|m| x > *m)
        {
            fail(path.clone(), format!("{x} is greater than `maximum` {max}"));
        }
    }
    if let Some(allowed) = &c.allowed {
        if !allowed.contains(v) {
            fail(
                path.clone(),
                format!(
                    "{} is not one of the `allowed` values",
                    serde_yaml::to_string(v).unwrap_or_default().trim()
                ),
            );
        }
    }
    if let Value::Sequence(items) = v {
        let n = items.len() as u64;
        if let Some(min) = c.min_items.filter(|m| n < *m) {
            fail(
                path.clone(),
                format!("{n} items, fewer than `min_items` {min}"),
            );
        }
        if let Some(max) = c.max_items.filter(|m| n > *m) {
            fail(
                path.clone(),
                format!("{n} items, more than `max_items` {max}"),
            );
        }
    }
    if let Value::Mapping(m) = v {
        if let Some(max) = c.max_entries.filter(|x| m.len() as u64 > *x) {
            fail(
                path.clone(),
                format!("{} entries, more than `max_entries` {max}", m.len()),
            );
        }
        for (k, val) in m {
            let key = key_text(k);
            if let Some(max) = c.max_key_length.filter(|x| key.chars().count() as u64 > *x) {
                fail(
                    path.key(&key),
                    format!("key `{key}` is longer than `max_key_length` {max}"),
                );
            }
            let text = match val {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                Value::Bool(b) => Some(b.to_string()),
                _ => None,
            };
            if let (Some(max), Some(t)) = (c.max_value_length, text) {
                if t.chars().count() as u64 > max {
                    fail(
                        path.key(&key),
                        format!("value of `{key}` is longer than `max_value_length` {max}"),
                    );
                }
            }
            if c.scalar_values && matches!(val, Value::Sequence(_) | Value::Mapping(_)) {
                fail(
                    path.key(&key),
                    format!("value of `{key}` is not a scalar, but `scalar_values` is set"),
                );
            }
        }
    }
}
