//! Unit tests of the runtime validators: rules, paths, the collection of
//! violations, and every check but maps (`map_tests.rs`) and the formats
//! themselves (`format_tests.rs`): both edges of every limit, every
//! fallback message.

use super::*;

use rust_decimal::Decimal;

use crate::runtime::Patch;

/// What the checks in `f` recorded, as (path, rule, message).
pub(super) fn run(f: impl FnOnce(&mut Violations)) -> Vec<(String, Rule, String)> {
    let mut v = Violations::new();
    f(&mut v);
    match v.finish() {
        Ok(()) => Vec::new(),
        Err(ValidationErrors(list)) => list
            .into_iter()
            .map(|v| (v.path, v.rule, v.message.into_owned()))
            .collect(),
    }
}

/// A single violation, as `run` returns it.
pub(super) fn one(path: &str, rule: Rule, message: &str) -> Vec<(String, Rule, String)> {
    vec![(path.to_string(), rule, message.to_string())]
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

// ---- Rule, Violation, ValidationErrors -------------------------------------

#[test]
fn every_rule_has_its_spec_name() {
    let names = [
        (Rule::MinLength, "min_length"),
        (Rule::MaxLength, "max_length"),
        (Rule::Minimum, "minimum"),
        (Rule::Maximum, "maximum"),
        (Rule::Pattern, "pattern"),
        (Rule::Allowed, "allowed"),
        (Rule::MinItems, "min_items"),
        (Rule::MaxItems, "max_items"),
        (Rule::MaxEntries, "max_entries"),
        (Rule::MaxKeyLength, "max_key_length"),
        (Rule::MaxValueLength, "max_value_length"),
        (Rule::ScalarValues, "scalar_values"),
        (Rule::Format, "format"),
        (Rule::Required, "required"),
        (Rule::Forbidden, "forbid"),
        (Rule::AtLeastOneOf, "at_least_one_of"),
        (Rule::ExactlyOneOf, "exactly_one_of"),
        (Rule::MutuallyExclusive, "mutually_exclusive"),
    ];
    for (rule, name) in names {
        assert_eq!(rule.name(), name, "{rule:?}");
    }
}

#[test]
fn a_violation_displays_path_message_and_rule() {
    let v = Violation {
        path: "/notes/a~1b".into(),
        rule: Rule::MaxKeyLength,
        message: Cow::Borrowed("key too long"),
    };
    assert_eq!(v.to_string(), "/notes/a~1b: key too long (max_key_length)");
}

#[test]
fn validation_errors_display_count_and_every_violation() {
    let a = Violation {
        path: "/amount".into(),
        rule: Rule::Minimum,
        message: Cow::Borrowed("too small"),
    };
    let b = Violation {
        path: "".into(),
        rule: Rule::Required,
        message: Cow::Owned("x needs y".into()),
    };
    assert_eq!(
        ValidationErrors(Vec::new()).to_string(),
        "0 validation errors"
    );
    assert_eq!(
        ValidationErrors(vec![a.clone()]).to_string(),
        "1 validation error; /amount: too small (minimum)"
    );
    let both = ValidationErrors(vec![a, b]);
    assert_eq!(
        both.to_string(),
        "2 validation errors; /amount: too small (minimum); : x needs y (required)"
    );
    let err: &dyn std::error::Error = &both;
    assert!(err.source().is_none());
}

// ---- Path -------------------------------------------------------------------

#[test]
fn paths_render_as_json_pointers() {
    let root = Path::root();
    assert_eq!(root.render(), "");
    let notes = root.field("notes");
    assert_eq!(notes.render(), "/notes");
    let key = notes.field("a/b~c");
    assert_eq!(key.render(), "/notes/a~1b~0c");
    assert_eq!(root.field("items").index(3).render(), "/items/3");
    assert_eq!(root.field("items").index(0).render(), "/items/0");
    let deep = root.field("items");
    let item = deep.index(12);
    let name = item.field("name");
    assert_eq!(name.render(), "/items/12/name");
}

#[test]
fn path_escaping_follows_rfc_6901() {
    let root = Path::root();
    // `~` first becomes `~0`, so a literal `~1` stays distinguishable from `/`.
    assert_eq!(root.field("~1").render(), "/~01");
    assert_eq!(root.field("/").render(), "/~1");
    assert_eq!(root.field("~").render(), "/~0");
    assert_eq!(root.field("//~~").render(), "/~1~1~0~0");
    // The empty key is a segment of its own; other characters are kept.
    assert_eq!(root.field("").render(), "/");
    assert_eq!(root.field("clé 1").render(), "/clé 1");
    assert_eq!(root.field("0").render(), "/0");
}

// ---- Violations: push and finish ---------------------------------------------

#[test]
fn finish_is_ok_when_nothing_was_recorded() {
    assert_eq!(Violations::new().finish(), Ok(()));
    assert_eq!(Violations::default().finish(), Ok(()));
}

#[test]
fn finish_returns_every_violation_in_the_order_recorded() {
    let root = Path::root();
    let mut v = Violations::new();
    v.push(&root.field("b"), Rule::Pattern, Cow::Borrowed("first"));
    v.push(&root.field("a"), Rule::Allowed, Cow::Owned("second".into()));
    v.push(&root, Rule::Required, Cow::Borrowed("third"));
    let errors = v.finish().unwrap_err();
    assert_eq!(
        errors.0,
        vec![
            Violation {
                path: "/b".into(),
                rule: Rule::Pattern,
                message: Cow::Borrowed("first"),
            },
            Violation {
                path: "/a".into(),
                rule: Rule::Allowed,
                message: Cow::Borrowed("second"),
            },
            Violation {
                path: "".into(),
                rule: Rule::Required,
                message: Cow::Borrowed("third"),
            },
        ]
    );
}

// ---- length --------------------------------------------------------------------

#[test]
fn max_length_counts_characters_at_and_past_the_limit() {
    let root = Path::root();
    let at = root.field("x");
    // Three characters, six bytes: at the limit.
    assert_eq!(
        run(|v| p::length(v, &at, "ééé", None, Some(3), [None, None])),
        []
    );
    assert_eq!(
        run(|v| p::length(v, &at, "éééé", None, Some(3), [None, None])),
        one("/x", Rule::MaxLength, "must be at most 3 characters, has 4")
    );
    assert_eq!(
        run(|v| p::length(
            v,
            &at,
            "éééé",
            None,
            Some(3),
            [Some("min"), Some("too long")]
        )),
        one("/x", Rule::MaxLength, "too long")
    );
}

#[test]
fn min_length_counts_characters_at_and_past_the_limit() {
    let root = Path::root();
    let at = root.field("name");
    // Two characters, four bytes: at the limit (would pass at 4 if bytes).
    assert_eq!(
        run(|v| p::length(v, &at, "éé", Some(2), None, [None, None])),
        []
    );
    assert_eq!(
        run(|v| p::length(v, &at, "é", Some(2), None, [None, None])),
        one(
            "/name",
            Rule::MinLength,
            "must be at least 2 characters, has 1"
        )
    );
    assert_eq!(
        run(|v| p::length(
            v,
            &at,
            "",
            Some(1),
            Some(5),
            [Some("required"), Some("max")]
        )),
        one("/name", Rule::MinLength, "required")
    );
    // One byte short of the minimum in bytes is still too short in characters.
    assert_eq!(
        run(|v| p::length(v, &at, "éa", Some(3), None, [None, None])),
        one(
            "/name",
            Rule::MinLength,
            "must be at least 3 characters, has 2"
        )
    );
}

#[test]
fn length_without_limits_or_within_them_records_nothing() {
    let root = Path::root();
    let at = root.field("x");
    assert_eq!(run(|v| p::length(v, &at, "", None, None, [None, None])), []);
    assert_eq!(
        run(|v| p::length(v, &at, "abc", Some(3), Some(3), [None, None])),
        []
    );
    // Both limits are checked independently.
    assert_eq!(
        run(|v| p::length(v, &at, "ab", Some(3), Some(1), [None, None])),
        vec![
            (
                "/x".to_string(),
                Rule::MinLength,
                "must be at least 3 characters, has 2".to_string()
            ),
            (
                "/x".to_string(),
                Rule::MaxLength,
                "must be at most 1 characters, has 2".to_string()
            ),
        ]
    );
}

// ---- range -------------------------------------------------------------------------

#[test]
fn integer_ranges_at_and_past_both_edges() {
    let root = Path::root();
    let at = root.field("count");
    let check = |n: i64| run(|v| p::range(v, &at, n, Some(-5), Some(10), [None, None]));
    assert_eq!(check(-5), []);
    assert_eq!(check(10), []);
    assert_eq!(check(0), []);
    assert_eq!(
        check(-6),
        one("/count", Rule::Minimum, "must be at least -5, is -6")
    );
    assert_eq!(
        check(11),
        one("/count", Rule::Maximum, "must be at most 10, is 11")
    );
    let docs = |n: i64| {
        run(|v| {
            p::range(
                v,
                &at,
                n,
                Some(1),
                Some(2),
                [Some("at least one"), Some("at most two")],
            )
        })
    };
    assert_eq!(docs(0), one("/count", Rule::Minimum, "at least one"));
    assert_eq!(docs(3), one("/count", Rule::Maximum, "at most two"));
    assert_eq!(
        run(|v| p::range(v, &at, i64::MIN, None, None, [None, None])),
        []
    );
}

#[test]
fn decimal_ranges_at_and_past_both_edges() {
    let root = Path::root();
    let at = root.field("amount");
    let check = |s: &str| {
        run(|v| {
            p::range(
                v,
                &at,
                dec(s),
                Some(dec("0.01")),
                Some(dec("99999.99")),
                [None, None],
            )
        })
    };
    assert_eq!(check("0.01"), []);
    assert_eq!(check("0.010"), []);
    assert_eq!(check("99999.99"), []);
    assert_eq!(
        check("0.00"),
        one("/amount", Rule::Minimum, "must be at least 0.01, is 0.00")
    );
    assert_eq!(
        check("100000.00"),
        one(
            "/amount",
            Rule::Maximum,
            "must be at most 99999.99, is 100000.00"
        )
    );
    assert_eq!(
        check("99999.991"),
        one(
            "/amount",
            Rule::Maximum,
            "must be at most 99999.99, is 99999.991"
        )
    );
}

// ---- pattern ---------------------------------------------------------------------

#[test]
fn patterns_match_the_whole_value() {
    static POSTAL: Pattern = Pattern::new("[0-9]{5}");
    let root = Path::root();
    let at = root.field("postal_code");
    let check = |value: &str, message: Option<&'static str>| {
        let rules = TextRules {
            pattern: Some(&POSTAL),
            messages: Messages {
                pattern: message,
                ..Messages::NONE
            },
            ..TextRules::NONE
        };
        run(|v| v.text_at(&at, value, true, &rules))
    };
    assert_eq!(check("12345", None), []);
    assert_eq!(
        check("1234x", Some("five digits")),
        one("/postal_code", Rule::Pattern, "five digits")
    );
    assert_eq!(
        check("123456", None),
        one(
            "/postal_code",
            Rule::Pattern,
            "must match the pattern [0-9]{5}"
        )
    );
    // A pattern the runtime cannot compile is not checked.
    static GREEK: Pattern = Pattern::new("\\p{Greek}+");
    let rules = TextRules {
        pattern: Some(&GREEK),
        ..TextRules::NONE
    };
    assert_eq!(run(|v| v.text_at(&at, "anything", true, &rules)), []);
    // Alternatives are anchored as a whole: `a|b` does not accept `ab`.
    static EITHER: Pattern = Pattern::new("a|b");
    let rules = TextRules {
        pattern: Some(&EITHER),
        ..TextRules::NONE
    };
    assert_eq!(run(|v| v.text_at(&at, "b", true, &rules)), []);
    assert_eq!(run(|v| v.text_at(&at, "ab", true, &rules)).len(), 1);
}

// ---- allowed ---------------------------------------------------------------------

#[test]
fn allowed_values() {
    let root = Path::root();
    let at = root.field("method");
    let allowed = ["card", "upi"];
    assert_eq!(run(|v| p::allowed(v, &at, &"card", &allowed, None)), []);
    assert_eq!(run(|v| p::allowed(v, &at, &"upi", &allowed, None)), []);
    assert_eq!(
        run(|v| p::allowed(v, &at, &"cash", &allowed, None)),
        one(
            "/method",
            Rule::Allowed,
            "must be one of [\"card\", \"upi\"], is \"cash\""
        )
    );
    // Case matters.
    assert_eq!(
        run(|v| p::allowed(v, &at, &"Card", &allowed, Some("card or upi"))),
        one("/method", Rule::Allowed, "card or upi")
    );
    assert_eq!(
        run(|v| p::allowed(v, &at, &7i64, &[1, 2, 3], None)),
        one("/method", Rule::Allowed, "must be one of [1, 2, 3], is 7")
    );
    assert_eq!(run(|v| p::allowed(v, &at, &2i64, &[1, 2, 3], None)), []);
    // No list is no rule (`ValueRules::NONE`): the checker never lets a
    // spec say `allowed: []`.
    let none: [i64; 0] = [];
    assert_eq!(run(|v| p::allowed(v, &at, &1i64, &none, None)), []);
}

// ---- fields: required, optional, patch, secret ---------------------------------

#[test]
fn a_field_is_checked_only_when_it_holds_a_value() {
    let root = Path::root();
    let rules = TextRules {
        max_length: Some(3),
        allowed: &["abc", "xyz"],
        ..TextRules::NONE
    };
    let long = "abcd".to_string();
    let too_long = one(
        "/name",
        Rule::MaxLength,
        "must be at most 3 characters, has 4",
    );
    assert_eq!(
        run(|v| v.text(&root, "name", &long, &rules))[0],
        too_long[0]
    );
    assert_eq!(
        run(|v| v.text(&root, "name", &Some(long.clone()), &rules))[0],
        too_long[0]
    );
    assert_eq!(run(|v| v.text(&root, "name", &None::<String>, &rules)), []);
    assert_eq!(
        run(|v| v.text(&root, "name", &Patch::Set(long.clone()), &rules))[0],
        too_long[0]
    );
    assert_eq!(
        run(|v| v.text(&root, "name", &Patch::<String>::Clear, &rules)),
        []
    );
    assert_eq!(
        run(|v| v.text(&root, "name", &Patch::<String>::Unchanged, &rules)),
        []
    );
    let ints = IntRules {
        minimum: Some(1),
        ..IntRules::NONE
    };
    let low = one("/n", Rule::Minimum, "must be at least 1, is 0");
    assert_eq!(run(|v| v.value(&root, "n", &0i64, &ints)), low);
    assert_eq!(run(|v| v.value(&root, "n", &Some(0i64), &ints)), low);
    assert_eq!(run(|v| v.value(&root, "n", &None::<i64>, &ints)), []);
    assert_eq!(run(|v| v.value(&root, "n", &Patch::Set(0i64), &ints)), low);
    assert_eq!(
        run(|v| v.value(&root, "n", &Patch::<i64>::Clear, &ints)),
        []
    );
}

#[test]
fn a_secret_field_is_never_repeated() {
    let root = Path::root();
    let rules = TextRules {
        allowed: &["a", "b"],
        ..TextRules::NONE
    };
    let secret = Some(crate::runtime::Secret::new("sk_live_X".to_string()));
    let got = run(|v| v.text(&root, "token", &secret, &rules));
    assert_eq!(
        got,
        one("/token", Rule::Allowed, "must be one of [\"a\", \"b\"]")
    );
    let plain = Some("sk_live_X".to_string());
    let got = run(|v| v.text(&root, "token", &plain, &rules));
    assert!(got[0].2.contains("sk_live_X"), "{got:?}");
}

// ---- items -----------------------------------------------------------------------

#[test]
fn repeated_members_are_reported_at_each_repeat() {
    struct Unit {
        reference_id: Option<String>,
    }
    let unit = |r: Option<&str>| Unit {
        reference_id: r.map(str::to_string),
    };
    let root = Path::root();
    let at = root.field("units");
    let check = |units: &[Unit], message| {
        run(|v| {
            v.unique_by(
                &at,
                units,
                "reference_id",
                |u| u.reference_id.as_ref(),
                message,
            )
        })
    };
    let distinct = [unit(Some("a")), unit(Some("b")), unit(None), unit(None)];
    assert_eq!(check(&distinct, None), [], "absent members share nothing");
    let repeated = [
        unit(Some("a")),
        unit(Some("b")),
        unit(Some("a")),
        unit(Some("a")),
    ];
    assert_eq!(
        check(&repeated, None),
        [
            (
                "/units/2/reference_id".to_string(),
                Rule::UniqueBy,
                "repeats the `reference_id` of item 0; each item's must differ".to_string()
            ),
            (
                "/units/3/reference_id".to_string(),
                Rule::UniqueBy,
                "repeats the `reference_id` of item 0; each item's must differ".to_string()
            ),
        ]
    );
    assert_eq!(
        check(&repeated[..3], Some("DUPLICATE_REFERENCE_ID")),
        one(
            "/units/2/reference_id",
            Rule::UniqueBy,
            "DUPLICATE_REFERENCE_ID"
        )
    );
    assert_eq!(check(&[], None), []);
}

#[test]
fn items_at_and_past_both_edges() {
    let root = Path::root();
    let at = root.field("items");
    let check = |len: usize| run(|v| p::items(v, &at, len, Some(1), Some(3), [None, None]));
    assert_eq!(check(1), []);
    assert_eq!(check(3), []);
    assert_eq!(
        check(0),
        one(
            "/items",
            Rule::MinItems,
            "must have at least 1 items, has 0"
        )
    );
    assert_eq!(
        check(4),
        one("/items", Rule::MaxItems, "must have at most 3 items, has 4")
    );
    let docs = |len: usize| {
        run(|v| {
            p::items(
                v,
                &at,
                len,
                Some(2),
                Some(2),
                [Some("need two"), Some("only two")],
            )
        })
    };
    assert_eq!(docs(2), []);
    assert_eq!(docs(1), one("/items", Rule::MinItems, "need two"));
    assert_eq!(docs(3), one("/items", Rule::MaxItems, "only two"));
    assert_eq!(run(|v| p::items(v, &at, 0, None, None, [None, None])), []);
    assert_eq!(
        run(|v| p::items(v, &at, usize::MAX, None, None, [None, None])),
        []
    );
}

// ---- required_by ----------------------------------------------------------------

#[test]
fn required_by_records_the_docs_message_only_when_unset() {
    let root = Path::root();
    let at = root.field("upi_vpa");
    assert_eq!(
        run(|v| v.required_by(&at, true, "upi_vpa is required for UPI")),
        []
    );
    assert_eq!(
        run(|v| v.required_by(&at, false, "upi_vpa is required for UPI")),
        one("/upi_vpa", Rule::Required, "upi_vpa is required for UPI")
    );
}

// ---- format (the formats themselves are in format_tests.rs) ------------------

#[test]
fn format_violations_describe_the_format() {
    let root = Path::root();
    let at = root.field("f");
    let cases = [
        (
            Format::Currency,
            "EUR",
            "eur",
            "must be an ISO 4217 currency code (three capital letters)",
        ),
        (
            Format::Url,
            "https://x.example",
            "x.example",
            "must be an absolute http(s) URL",
        ),
        (Format::Email, "a@b.co", "a@b", "must be an e-mail address"),
        (
            Format::Timestamp,
            "2021-09-10T09:24:06Z",
            "2021-09-10",
            "must be an ISO-8601 date-time such as 2021-09-10T09:24:06Z",
        ),
        (
            Format::Duration,
            "PT30M",
            "30M",
            "must be an ISO-8601 duration such as PT30M",
        ),
    ];
    for (format, good, bad, message) in cases {
        assert_eq!(run(|v| p::format(v, &at, good, format)), [], "{format:?}");
        assert_eq!(
            run(|v| p::format(v, &at, bad, format)),
            one("/f", Rule::Format, message),
            "{format:?}"
        );
    }
}

#[test]
fn allowed_secret_never_repeats_the_value() {
    let mut v = Violations::new();
    p::allowed_secret(
        &mut v,
        &Path::root().field("token"),
        "sk_live_X",
        &["a", "b"],
        None,
    );
    p::allowed_secret(&mut v, &Path::root().field("ok"), "a", &["a", "b"], None);
    let errors = v.finish().expect_err("one violation");
    let shown = format!("{errors} {errors:?}");
    assert_eq!(errors.0.len(), 1);
    assert!(shown.contains(r#"must be one of ["a", "b"]"#), "{shown}");
    assert!(!shown.contains("sk_live_X"), "{shown}");
}

#[test]
fn group_rules_count_the_fields_set() {
    let root = Path::root();
    let broken = |rule: Rule, set: usize| {
        let mut v = Violations::new();
        v.group(&root, rule, set, "docs");
        v.finish().is_err()
    };
    assert_eq!(
        [0, 1, 2, 3].map(|n| broken(Rule::AtLeastOneOf, n)),
        [true, false, false, false]
    );
    assert_eq!(
        [0, 1, 2, 3].map(|n| broken(Rule::ExactlyOneOf, n)),
        [true, false, true, true]
    );
    assert_eq!(
        [0, 1, 2, 3].map(|n| broken(Rule::MutuallyExclusive, n)),
        [false, false, true, true]
    );
    // Not a group rule: nothing to count.
    assert!(!broken(Rule::Required, 0));
    let mut v = Violations::new();
    v.forbidden_by(&root.field("upi_vpa"), true, "not for cards");
    v.forbidden_by(&root.field("other"), false, "unused");
    let errors = v.finish().expect_err("one");
    assert_eq!(errors.0.len(), 1);
    assert_eq!(
        (errors.0[0].path.as_str(), errors.0[0].rule),
        ("/upi_vpa", Rule::Forbidden)
    );
}

/// The checks through the rules a generated validator names, called the
/// way these tests were first written (one rule kind at a time).
mod p {
    use super::*;

    pub(super) fn length(
        v: &mut Violations,
        at: &Path<'_>,
        value: &str,
        min_length: Option<usize>,
        max_length: Option<usize>,
        [min, max]: [Option<&'static str>; 2],
    ) {
        let messages = Messages {
            min_length: min,
            max_length: max,
            ..Messages::NONE
        };
        let rules = TextRules {
            min_length,
            max_length,
            messages,
            ..TextRules::NONE
        };
        v.text_at(at, value, true, &rules);
    }

    pub(super) fn range<T: Copy + PartialOrd + fmt::Display + fmt::Debug + 'static>(
        v: &mut Violations,
        at: &Path<'_>,
        value: T,
        minimum: Option<T>,
        maximum: Option<T>,
        [min, max]: [Option<&'static str>; 2],
    ) {
        let messages = Messages {
            minimum: min,
            maximum: max,
            ..Messages::NONE
        };
        let rules = ValueRules {
            minimum,
            maximum,
            messages,
            ..ValueRules::NONE
        };
        v.value_at(at, value, &rules);
    }

    pub(super) fn allowed<T: Copy + PartialOrd + fmt::Display + fmt::Debug + 'static>(
        v: &mut Violations,
        at: &Path<'_>,
        value: &T,
        allowed: &[T],
        message: Option<&'static str>,
    ) {
        let messages = Messages {
            allowed: message,
            ..Messages::NONE
        };
        let rules = ValueRules {
            allowed,
            messages,
            ..ValueRules::NONE
        };
        v.value_at(at, *value, &rules);
    }

    pub(super) fn allowed_secret(
        v: &mut Violations,
        at: &Path<'_>,
        value: &str,
        allowed: &[&str],
        message: Option<&'static str>,
    ) {
        let messages = Messages {
            allowed: message,
            ..Messages::NONE
        };
        let rules = TextRules {
            allowed,
            messages,
            ..TextRules::NONE
        };
        v.text_at(at, value, false, &rules);
    }

    pub(super) fn items(
        v: &mut Violations,
        at: &Path<'_>,
        len: usize,
        min_items: Option<usize>,
        max_items: Option<usize>,
        [min, max]: [Option<&'static str>; 2],
    ) {
        let messages = Messages {
            min_items: min,
            max_items: max,
            ..Messages::NONE
        };
        let rules = ItemRules {
            min_items,
            max_items,
            messages,
        };
        v.items(at, len, &rules);
    }

    pub(super) fn format(v: &mut Violations, at: &Path<'_>, value: &str, format: Format) {
        let rules = TextRules {
            format: Some(format),
            ..TextRules::NONE
        };
        v.text_at(at, value, true, &rules);
    }
}
