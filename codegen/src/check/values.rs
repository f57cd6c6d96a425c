//! Checking YAML values (examples, defaults, allowed values) against the
//! spec's own types and constraints.

use formats::Format;
use serde_yaml::Value;

use super::{Checker, Ty};
use crate::diag::suggest;
use crate::lang::{Kind, Lenient, Scalar};
use crate::load::model::{Constraints, Field, TypeDef};
use crate::load::SpecPath;

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
            // The id alone, or the expanded object.
            Ty::Expandable(_) if matches!(v, Value::String(_)) => {}
            Ty::Expandable(object) => self.value_problems(path, object, false, v, mode, out),
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
        let lenient: Vec<Lenient> = f.lenient.clone();
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
        match def.kind {
            Kind::Enum => {
                let text = match v {
                    Value::String(s) => s.clone(),
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
            Kind::Object => {
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
            Kind::Union => {
                let Value::Mapping(m) = v else {
                    out.push((
                        path.clone(),
                        format!("expected a `{name}` object, found {}", kind(v)),
                        String::new(),
                    ));
                    return;
                };
                // A documented tag is checked as its variant; any other tag
                // is kept as it is by the client.
                let tag = def
                    .tag
                    .as_deref()
                    .and_then(|t| m.get(t))
                    .and_then(Value::as_str);
                let variant = tag.and_then(|t| def.variants.get(t));
                if let Some((vname, vdef)) =
                    variant.and_then(|t| self.spec.spec.types.get_key_value(t.as_str()))
                {
                    let mut fields = m.clone();
                    if let Some(t) = def.tag.as_deref() {
                        if !vdef.fields.contains_key(t) {
                            fields.remove(t);
                        }
                    }
                    self.object_fields(path, vname, &vdef.fields, &fields, mode, out);
                }
            }
            Kind::Map | Kind::List => {
                if lenient.contains(&Lenient::EmptyArray)
                    && matches!(v, Value::Sequence(s) if s.is_empty())
                {
                    return;
                }
                let Some(item) = def.items.as_deref().and_then(|i| self.item_ty(i)) else {
                    return;
                };
                if def.kind == Kind::Map {
                    self.map(path, &item, v, mode, out);
                } else {
                    self.list(path, &item, v, mode, out);
                }
                if mode == Mode::Request {
                    constraints(path, &def.validation, v, out);
                }
            }
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

pub(crate) fn key_text(k: &Value) -> String {
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
        Scalar::Decimal | Scalar::DecimalString => match v {
            Value::Number(_) => {}
            // The client reads a decimal from a JSON number or string alike
            // (decimals are often sent as strings to keep their digits).
            Value::String(t) if is_decimal(t) => {}
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

/// Why `t` is not a valid value of the text scalar `s`, if it is not:
/// decided by the client runtime's own [`formats::Format`].
fn format_problem(s: Scalar, t: &str) -> Option<&'static str> {
    let (format, problem) = match s {
        Scalar::Currency => (
            Format::Currency,
            "expected three capital letters (ISO 4217)",
        ),
        Scalar::CurrencyLower => (
            Format::CurrencyLower,
            "expected three small letters (ISO 4217 in lowercase)",
        ),
        Scalar::Date => (Format::Date, "expected an ISO-8601 date like 2024-02-29"),
        Scalar::Url => (Format::Url, "expected an absolute http(s) URL"),
        Scalar::Email => (Format::Email, "expected an e-mail address"),
        Scalar::Timestamp => (
            Format::Timestamp,
            "expected an ISO-8601 date-time like 2021-09-10T09:24:06Z",
        ),
        Scalar::Duration => (Format::Duration, "expected an ISO-8601 duration like PT30M"),
        _ => return None,
    };
    (!format.accepts(t)).then_some(problem)
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
            if let Ok(re) = crate::lang::compile_pattern(p) {
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
        if let Some(member) = &c.unique_by {
            let key = |item: &Value| item.as_mapping()?.get(member.as_str()).cloned();
            for (i, item) in items.iter().enumerate() {
                let Some(k) = key(item) else { continue };
                if let Some(first) = items[..i].iter().position(|e| key(e).as_ref() == Some(&k)) {
                    fail(
                        path.index(i).key(member),
                        format!("repeats the `{member}` of item {first} (`unique_by`)"),
                    );
                }
            }
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

#[cfg(test)]
mod tests {
    use serde_yaml::Value;

    use super::{constraints, format_problem, is_decimal, scalar, Mode};
    use crate::lang::{Lenient, Scalar};
    use crate::load::model::Constraints;
    use crate::load::SpecPath;

    const REQ: Mode = Mode::Request;
    const RESP: Mode = Mode::Response;
    const QUOTED: &[Lenient] = &[Lenient::Quoted];
    const UNQUOTED: &[Lenient] = &[Lenient::Unquoted];

    fn yaml(src: &str) -> Value {
        serde_yaml::from_str(src).expect("YAML")
    }

    /// The hint of the one problem of `v` as a `s`, or `None` when it is fine.
    fn scalar_hint(s: Scalar, lenient: &[Lenient], v: &str, mode: Mode) -> Option<String> {
        let mut out = Vec::new();
        scalar(&SpecPath::root(), s, lenient, &yaml(v), mode, &mut out);
        assert!(out.len() <= 1, "{out:?}");
        out.pop().map(|(_, _, hint)| hint)
    }

    #[test]
    fn whole_numbers() {
        for s in [Scalar::Integer, Scalar::AmountMinor, Scalar::UnixTime] {
            let hint = |lenient, v, mode| scalar_hint(s, lenient, v, mode);
            assert_eq!(hint(&[], "5700", REQ), None);
            assert_eq!(hint(&[], "-1", RESP), None);
            assert_eq!(hint(QUOTED, "\"5700\"", RESP), None);
            let digits = Some("write digits without quotes or a fraction".to_string());
            let quote = Some("if the server quotes it, add `lenient: [quoted]`".to_string());
            assert_eq!(hint(&[], "1.5", REQ), digits);
            assert_eq!(hint(&[], "\"5700\"", REQ), digits);
            assert_eq!(hint(&[], "\"5700\"", RESP), quote);
            assert_eq!(hint(QUOTED, "\"57.5\"", RESP), digits);
            assert_eq!(hint(&[], "true", RESP), digits);
        }
    }

    #[test]
    fn decimals() {
        let hint = |lenient, v, mode| scalar_hint(Scalar::Decimal, lenient, v, mode);
        assert_eq!(hint(&[], "90.5", REQ), None);
        assert_eq!(hint(&[], "90", RESP), None);
        // A request sends a decimal as text.
        assert_eq!(hint(&[], "\"90.00\"", REQ), None);
        assert_eq!(hint(QUOTED, "\"90.00\"", RESP), None);
        let example = Some("e.g. `90.00`".to_string());
        // The client decodes a decimal from a JSON string with no leniency.
        assert_eq!(hint(&[], "\"90.00\"", RESP), None);
        assert_eq!(hint(&[], "\"ninety\"", RESP), example);
        assert_eq!(hint(&[], "ninety", REQ), example);
        assert_eq!(hint(QUOTED, "ninety", RESP), example);
        assert_eq!(hint(&[], "true", RESP), example);
        assert_eq!(hint(&[], "true", REQ), example);
    }

    #[test]
    fn booleans() {
        let hint = |lenient, v, mode| scalar_hint(Scalar::Boolean, lenient, v, mode);
        assert_eq!(hint(&[], "true", REQ), None);
        assert_eq!(hint(QUOTED, "\"false\"", RESP), None);
        let quote = Some("if the server quotes it, add `lenient: [quoted]`".to_string());
        let plain = Some("write `true` or `false` without quotes".to_string());
        assert_eq!(hint(&[], "\"true\"", RESP), quote);
        assert_eq!(hint(&[], "\"true\"", REQ), plain);
        assert_eq!(hint(QUOTED, "\"yes\"", RESP), plain);
        assert_eq!(hint(&[], "1", RESP), plain);
    }

    #[test]
    fn text() {
        let hint = |s, lenient, v, mode| scalar_hint(s, lenient, v, mode);
        assert_eq!(hint(Scalar::String, &[], "abc", REQ), None);
        assert_eq!(hint(Scalar::String, UNQUOTED, "5", RESP), None);
        assert_eq!(hint(Scalar::String, UNQUOTED, "true", RESP), None);
        let unquoted =
            Some("if the server sends it unquoted, add `lenient: [unquoted]`".to_string());
        assert_eq!(hint(Scalar::String, &[], "5", RESP), unquoted);
        assert_eq!(hint(Scalar::String, &[], "false", RESP), unquoted);
        let quote = Some("quote the value".to_string());
        assert_eq!(hint(Scalar::String, &[], "5", REQ), quote);
        assert_eq!(hint(Scalar::String, UNQUOTED, "[a]", RESP), quote);
        // Formats are checked on what the client sends, not on what it receives.
        assert_eq!(hint(Scalar::Currency, &[], "usd", RESP), None);
        assert_eq!(hint(Scalar::Currency, &[], "usd", REQ), Some(String::new()));
        // `json` takes anything.
        for v in ["{ a: [1] }", "[1, b]", "5", "text", "true"] {
            assert_eq!(hint(Scalar::Json, &[], v, REQ), None, "{v}");
        }
    }

    #[test]
    fn text_formats() {
        let ok = [
            (Scalar::Currency, "INR"),
            (Scalar::Url, "https://example.com/x"),
            (Scalar::Url, "http://example.com"),
            (Scalar::Email, "a@example.com"),
            (Scalar::Timestamp, "2021-09-10T09:24:06Z"),
            (Scalar::Timestamp, "2021-09-10T09:24:06.123+05:30"),
            (Scalar::Duration, "PT30M"),
            (Scalar::Date, "2024-02-29"),
            (Scalar::CurrencyLower, "eur"),
            (Scalar::Duration, "P1Y2M3W4DT5H6M7.5S"),
            (Scalar::String, "anything"),
        ];
        for (s, t) in ok {
            assert_eq!(format_problem(s, t), None, "{t}");
        }
        let bad = [
            (Scalar::Currency, "inr", "three capital letters"),
            (Scalar::Currency, "INRS", "three capital letters"),
            (Scalar::Url, "ftp://example.com", "http(s) URL"),
            (Scalar::Email, "@example.com", "e-mail"),
            (Scalar::Email, "a@localhost", "e-mail"),
            (Scalar::Timestamp, "2021-09-10", "date-time"),
            (Scalar::Duration, "P", "duration"),
            (Scalar::Date, "2023-02-29", "date"),
            (Scalar::CurrencyLower, "EUR", "lowercase"),
            (Scalar::Duration, "PT", "duration"),
            (Scalar::Duration, "30M", "duration"),
        ];
        for (s, t, why) in bad {
            assert!(
                format_problem(s, t).is_some_and(|w| w.contains(why)),
                "{t}: {:?}",
                format_problem(s, t)
            );
        }
    }

    #[test]
    fn decimal_text() {
        for t in ["0", "12", "-12.50", "0.5"] {
            assert!(is_decimal(t), "{t}");
        }
        for t in ["", "-", ".5", "5.", "1.2.3", "1e5", "12a", "+1", "1.-2"] {
            assert!(!is_decimal(t), "{t}");
        }
    }

    /// The messages of the constraint problems of `v`.
    fn broken(c: &str, v: &str) -> Vec<String> {
        let c: Constraints = serde_yaml::from_str(c).expect("constraints");
        let mut out = Vec::new();
        constraints(&SpecPath::root(), &c, &yaml(v), &mut out);
        out.into_iter().map(|(_, m, _)| m).collect()
    }

    #[test]
    fn constraints_at_their_bounds() {
        let none: Vec<String> = Vec::new();
        assert_eq!(broken("{ min_length: 2, max_length: 3 }", "ab"), none);
        assert_eq!(broken("{ min_length: 2, max_length: 3 }", "abc"), none);
        assert_eq!(broken("{ max_length: 3 }", "ééé"), none);
        assert_eq!(
            broken("{ min_length: 2 }", "a"),
            ["`a` has 1 characters, fewer than `min_length` 2"]
        );
        assert_eq!(
            broken("{ max_length: 3 }", "abcd"),
            ["value has 4 characters, more than `max_length` 3"]
        );
        assert_eq!(broken("{ pattern: \"[a-z]+\" }", "abc"), none);
        assert_eq!(
            broken("{ pattern: \"[a-z]+\" }", "abc1"),
            ["`abc1` does not match `pattern` [a-z]+"]
        );
        assert_eq!(broken("{ minimum: 1, maximum: 10 }", "1"), none);
        assert_eq!(broken("{ minimum: 1, maximum: 10 }", "\"10.0\""), none);
        assert_eq!(
            broken("{ minimum: 1 }", "\"0.5\""),
            ["0.5 is less than `minimum` 1"]
        );
        assert_eq!(
            broken("{ maximum: 10 }", "11"),
            ["11 is greater than `maximum` 10"]
        );
        // Only plain decimal text counts as a number (`1e5` is reported as not a decimal).
        assert_eq!(broken("{ maximum: 10 }", "\"1e5\""), none);
        assert_eq!(broken("{ allowed: [a, 1] }", "1"), none);
        assert_eq!(
            broken("{ allowed: [a, 1] }", "b"),
            ["b is not one of the `allowed` values"]
        );
        assert_eq!(broken("{ min_items: 1, max_items: 2 }", "[a, b]"), none);
        assert_eq!(broken("{ min_items: 1, max_items: 2 }", "[a]"), none);
        assert_eq!(
            broken("{ min_items: 1 }", "[]"),
            ["0 items, fewer than `min_items` 1"]
        );
        assert_eq!(
            broken("{ max_items: 2 }", "[a, b, c]"),
            ["3 items, more than `max_items` 2"]
        );
    }

    #[test]
    fn map_constraints() {
        let none: Vec<String> = Vec::new();
        let c = "{ max_entries: 2, max_key_length: 3, max_value_length: 4, scalar_values: true }";
        assert_eq!(broken(c, "{ abc: abcd, b: 1234 }"), none);
        assert_eq!(broken(c, "{ a: true }"), none);
        assert_eq!(
            broken(c, "{ a: 1, b: 2, c: 3 }"),
            ["3 entries, more than `max_entries` 2"]
        );
        assert_eq!(
            broken(c, "{ abcd: 1 }"),
            ["key `abcd` is longer than `max_key_length` 3"]
        );
        assert_eq!(
            broken(c, "{ a: abcde }"),
            ["value of `a` is longer than `max_value_length` 4"]
        );
        assert_eq!(
            broken(c, "{ a: 12345 }"),
            ["value of `a` is longer than `max_value_length` 4"]
        );
        assert_eq!(
            broken("{ max_value_length: 4 }", "{ a: false }"),
            ["value of `a` is longer than `max_value_length` 4"]
        );
        assert_eq!(
            broken(c, "{ a: [1] }"),
            ["value of `a` is not a scalar, but `scalar_values` is set"]
        );
        assert_eq!(
            broken(c, "{ a: { b: 1 } }"),
            ["value of `a` is not a scalar, but `scalar_values` is set"]
        );
    }
}
