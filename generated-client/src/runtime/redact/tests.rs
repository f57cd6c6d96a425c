use base64::Engine;

use super::{bounded, Secrets, MAX_SHOWN_CHARS, REDACTED};

fn secrets(values: &[&str]) -> Secrets {
    let mut s = Secrets::new();
    for v in values {
        s.add(v);
    }
    s
}

#[test]
fn every_form_of_a_secret_is_redacted() {
    let key = "sk_live/ab+c d\"e";
    let s = secrets(&[key]);
    let b64 = base64::engine::general_purpose::STANDARD.encode(key);
    let b64_url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(key);
    let forms = [
        key.to_string(),
        r#"sk_live/ab+c d\"e"#.to_string(),
        "sk_live%2Fab%2Bc%20d%22e".to_string(),
        "sk_live%2fab%2bc%20d%22e".to_string(),
        "sk_live%2Fab%2Bc+d%22e".to_string(),
        b64.clone(),
        b64.trim_end_matches('=').to_string(),
        b64_url,
    ];
    for form in forms {
        let text = format!("before {form} after");
        let shown = s.redact(&text);
        assert_eq!(shown, format!("before {REDACTED} after"), "{form}");
    }
}

#[test]
fn json_strings_escaped_any_way_are_redacted_whole() {
    let s = secrets(&["token"]);
    let body = r#"{"echo":"tok\u0065n","other":"x\"y","n":1}"#;
    let shown = s.redact(body);
    assert_eq!(
        shown,
        format!(r#"{{"echo":"{REDACTED}","other":"x\"y","n":1}}"#)
    );
    // An unclosed literal at the end is covered too.
    let shown = s.redact(r#"{"echo":"\u0074oken"#);
    assert!(!shown.contains("oken"), "{shown}");
    // Debug-escaped text (`{:?}` of a body) is covered by the plain forms.
    let debug = format!("{:?}", "a \"token\" b");
    let shown = s.redact(&debug);
    assert!(!shown.contains("token"), "{shown}");
}

#[test]
fn nothing_to_hide_changes_nothing() {
    let s = Secrets::new();
    assert!(s.is_empty());
    assert_eq!(s.redact("token"), "token");
    let mut s = Secrets::new();
    s.add("");
    assert!(s.is_empty(), "an empty value hides nothing");
    assert_eq!(
        format!("{:?}", secrets(&["a", "b", "a"])),
        "Secrets(2 values)"
    );
}

#[test]
fn shown_text_is_bounded_and_says_how_much_was_cut() {
    let long = "é".repeat(MAX_SHOWN_CHARS + 10);
    let shown = Secrets::new().show(&long);
    assert_eq!(shown.chars().filter(|&c| c == 'é').count(), MAX_SHOWN_CHARS);
    assert!(
        shown.ends_with("… [20 more bytes cut]"),
        "{}",
        &shown[shown.len() - 40..]
    );
    assert_eq!(bounded("short", 10), "short");
    assert_eq!(bounded("abcdef", 3), "abc… [3 more bytes cut]");
}

#[test]
fn extend_merges_and_redacts_the_longest_form_first() {
    let mut s = secrets(&["abc"]);
    s.extend(&secrets(&["abcdef"]));
    assert_eq!(s.redact("abcdef abc"), format!("{REDACTED} {REDACTED}"));
}
