//! Unit tests of the map rules: entry count, key and value lengths in
//! characters (values measured as text), scalar values, the docs' messages
//! and the fallbacks.

use super::tests::{one, run};
use super::*;

use indexmap::IndexMap;
use serde_json::json;

fn json_map(pairs: &[(&str, Value)]) -> IndexMap<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn check_map(map: &IndexMap<String, Value>, rules: &MapRules) -> Vec<(String, Rule, String)> {
    let root = Path::root();
    let at = root.field("notes");
    run(|v| v.map(&at, map.iter(), rules))
}

#[test]
fn map_entries_at_and_past_the_limit() {
    let rules = MapRules {
        max_entries: Some(2),
        ..MapRules::default()
    };
    let two = json_map(&[("a", json!("1")), ("b", json!("2"))]);
    assert_eq!(check_map(&two, &rules), []);
    let three = json_map(&[("a", json!("1")), ("b", json!("2")), ("c", json!("3"))]);
    assert_eq!(
        check_map(&three, &rules),
        one(
            "/notes",
            Rule::MaxEntries,
            "must have at most 2 entries, has 3"
        )
    );
    let docs = MapRules {
        messages: Messages {
            max_entries: Some("at most two notes"),
            ..Messages::NONE
        },
        ..rules
    };
    assert_eq!(
        check_map(&three, &docs),
        one("/notes", Rule::MaxEntries, "at most two notes")
    );
    assert_eq!(check_map(&IndexMap::new(), &rules), []);
}

#[test]
fn map_keys_count_characters_at_and_past_the_limit() {
    let rules = MapRules {
        max_key_length: Some(3),
        ..MapRules::default()
    };
    // Three characters, six bytes.
    assert_eq!(check_map(&json_map(&[("ééé", json!("v"))]), &rules), []);
    assert_eq!(
        check_map(
            &json_map(&[("ok", json!("v")), ("éééé", json!("v"))]),
            &rules
        ),
        one(
            "/notes/éééé",
            Rule::MaxKeyLength,
            "key must be at most 3 characters"
        )
    );
    let docs = MapRules {
        messages: Messages {
            max_key_length: Some("key too long"),
            ..Messages::NONE
        },
        ..rules
    };
    assert_eq!(
        check_map(&json_map(&[("a/b~", json!("v"))]), &docs),
        one("/notes/a~1b~0", Rule::MaxKeyLength, "key too long")
    );
}

#[test]
fn map_string_values_count_characters_at_and_past_the_limit() {
    let rules = MapRules {
        max_value_length: Some(3),
        ..MapRules::default()
    };
    assert_eq!(check_map(&json_map(&[("k", json!("ééé"))]), &rules), []);
    assert_eq!(
        check_map(&json_map(&[("k", json!("éééé"))]), &rules),
        one(
            "/notes/k",
            Rule::MaxValueLength,
            "value must be at most 3 characters"
        )
    );
    let docs = MapRules {
        messages: Messages {
            max_value_length: Some("value too long"),
            ..Messages::NONE
        },
        ..rules
    };
    assert_eq!(
        check_map(&json_map(&[("k", json!("abcd"))]), &docs),
        one("/notes/k", Rule::MaxValueLength, "value too long")
    );
}

#[test]
fn map_number_and_boolean_values_are_measured_as_text() {
    let rules = |max| MapRules {
        max_value_length: Some(max),
        ..MapRules::default()
    };
    let too_long = |key: &str, max| {
        one(
            &format!("/notes/{key}"),
            Rule::MaxValueLength,
            &format!("value must be at most {max} characters"),
        )
    };
    let n = |v: Value| json_map(&[("n", v)]);
    assert_eq!(check_map(&n(json!(12345)), &rules(5)), []);
    assert_eq!(check_map(&n(json!(123456)), &rules(5)), too_long("n", 5));
    assert_eq!(check_map(&n(json!(-1.5)), &rules(4)), []);
    assert_eq!(check_map(&n(json!(-1.5)), &rules(3)), too_long("n", 3));
    // `true` is four characters, `false` five.
    assert_eq!(check_map(&n(json!(true)), &rules(4)), []);
    assert_eq!(check_map(&n(json!(false)), &rules(4)), too_long("n", 4));
    assert_eq!(check_map(&n(json!(false)), &rules(5)), []);
    assert_eq!(check_map(&n(json!(true)), &rules(3)), too_long("n", 3));
    // Lists, objects and null have no text length.
    let others = json_map(&[
        ("l", json!(["a long value"])),
        ("o", json!({"k": "a long value"})),
        ("z", Value::Null),
    ]);
    assert_eq!(check_map(&others, &rules(0)), []);
}

#[test]
fn map_values_must_be_scalars_when_the_rule_says_so() {
    let values = json_map(&[
        ("s", json!("text")),
        ("n", json!(1)),
        ("b", json!(false)),
        ("l", json!([1])),
        ("o", json!({})),
        ("z", Value::Null),
    ]);
    assert_eq!(check_map(&values, &MapRules::default()), []);
    let rules = MapRules {
        scalar_values: true,
        ..MapRules::default()
    };
    let fallback = "value must be a string, number or boolean";
    assert_eq!(
        check_map(&values, &rules),
        vec![
            (
                "/notes/l".to_string(),
                Rule::ScalarValues,
                fallback.to_string()
            ),
            (
                "/notes/o".to_string(),
                Rule::ScalarValues,
                fallback.to_string()
            ),
            (
                "/notes/z".to_string(),
                Rule::ScalarValues,
                fallback.to_string()
            ),
        ]
    );
    let docs = MapRules {
        messages: Messages {
            scalar_values: Some("notes are flat"),
            ..Messages::NONE
        },
        ..rules
    };
    assert_eq!(
        check_map(&json_map(&[("o", json!({"a": 1}))]), &docs),
        one("/notes/o", Rule::ScalarValues, "notes are flat")
    );
}

#[test]
fn map_reports_every_rule_in_order_with_the_docs_messages() {
    let rules = MapRules {
        max_entries: Some(1),
        max_key_length: Some(2),
        max_value_length: Some(2),
        scalar_values: true,
        messages: Messages {
            max_entries: Some("entries"),
            max_key_length: Some("key"),
            max_value_length: Some("value"),
            scalar_values: Some("scalar"),
            ..Messages::NONE
        },
    };
    let map = json_map(&[("abc", json!("xyz")), ("ok", json!(["list"]))]);
    assert_eq!(
        check_map(&map, &rules),
        vec![
            (
                "/notes".to_string(),
                Rule::MaxEntries,
                "entries".to_string()
            ),
            (
                "/notes/abc".to_string(),
                Rule::MaxKeyLength,
                "key".to_string()
            ),
            (
                "/notes/abc".to_string(),
                Rule::MaxValueLength,
                "value".to_string()
            ),
            (
                "/notes/ok".to_string(),
                Rule::ScalarValues,
                "scalar".to_string()
            ),
        ]
    );
}

#[test]
fn maps_of_strings() {
    let rules = MapRules {
        max_value_length: Some(2),
        scalar_values: true,
        ..MapRules::default()
    };
    let map: IndexMap<String, String> = [("a", "éé"), ("b", "abc")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let root = Path::root();
    assert_eq!(
        run(|v| v.map(&root, map.iter(), &rules)),
        one(
            "/b",
            Rule::MaxValueLength,
            "value must be at most 2 characters"
        )
    );
}

#[test]
fn map_values_measure_themselves() {
    assert_eq!(json!("ééé").text_len(), 3);
    assert_eq!(json!("").text_len(), 0);
    assert_eq!(json!(12345).text_len(), 5);
    assert_eq!(json!(-1.5).text_len(), 4);
    assert_eq!(json!(true).text_len(), 4);
    assert_eq!(json!(false).text_len(), 5);
    assert_eq!(json!([1, 2, 3]).text_len(), 0);
    assert_eq!(json!({"a": "b"}).text_len(), 0);
    assert_eq!(Value::Null.text_len(), 0);
    assert!(json!("s").is_scalar());
    assert!(json!(1).is_scalar());
    assert!(json!(true).is_scalar());
    assert!(!json!([]).is_scalar());
    assert!(!json!({}).is_scalar());
    assert!(!Value::Null.is_scalar());
    assert_eq!(String::from("ééé").text_len(), 3);
    assert_eq!(String::new().text_len(), 0);
    assert!(String::new().is_scalar());
}
