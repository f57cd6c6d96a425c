//! Property tests, bounded for CI. For a longer run:
//! `PROPTEST_CASES=20000 cargo test -p integration-tests --test properties --release`.

use std::path::{Path, PathBuf};

use generated_client::runtime::{decode, Decimal, HttpResponse, Rule};
use generated_client::{commercelayer, costplus, juspay, razorpay};
// The round trips decode requests: they run on the modules generated with
// both serde directions (the client's request types have no `Deserialize`).
use integration_tests::conformance as both;
use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Cases per property: `ci` in CI, `PROPTEST_CASES` when it is set (the
/// longer run). An explicit `cases` in a `ProptestConfig` would otherwise
/// override the variable.
fn cases(ci: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(ci)
}

fn spec_texts() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    codegen::load::spec_files(&dir)
        .expect("list specs")
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read spec");
            (p, text)
        })
        .collect()
}

/// A mutation of a spec's text, applied line-wise.
#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize),
    Duplicate(usize),
    /// Replace the value after the first `:` with a retyped one.
    Retype(usize, &'static str),
    /// Rename the key of a line.
    Rename(usize, String),
    /// Insert random text.
    Insert(usize, String),
    /// Truncate the file at a byte.
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Duplicate),
        (
            any::<usize>(),
            prop::sample::select(vec![
                "[]",
                "{}",
                "123",
                "true",
                "null",
                "\"x\"",
                "- a",
                "&a",
                "*a",
                "!!binary x"
            ])
        )
            .prop_map(|(i, v)| Mutation::Retype(i, v)),
        (any::<usize>(), "[a-z_]{1,12}").prop_map(|(i, k)| Mutation::Rename(i, k)),
        (any::<usize>(), "\\PC{0,40}").prop_map(|(i, t)| Mutation::Insert(i, t)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, muts: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in muts {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match m {
            Mutation::Delete(i) => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Retype(i, v) => {
                let l = &mut lines[i % n];
                if let Some(colon) = l.find(':') {
                    l.truncate(colon + 1);
                    l.push(' ');
                    l.push_str(v);
                }
            }
            Mutation::Rename(i, k) => {
                let l = &mut lines[i % n];
                let indent = l.len() - l.trim_start().len();
                if let Some(colon) = l.find(':') {
                    if colon > indent {
                        l.replace_range(indent..colon, k);
                    }
                }
            }
            Mutation::Insert(i, t) => lines.insert(i % n, t.clone()),
            Mutation::Truncate(i) => {
                let joined = lines.join("\n");
                let mut cut = i % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = joined[..cut].lines().map(str::to_string).collect();
            }
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(96), ..ProptestConfig::default() })]

    #[test]
    fn the_loader_and_checker_never_panic_and_always_point_somewhere(
        which in 0usize..4,
        muts in prop::collection::vec(mutation(), 1..4),
    ) {
        let specs = spec_texts();
        let (path, text) = &specs[which % specs.len()];
        let mutated = apply(text, &muts);
        // YAML breaks lines at `\n`, `\r\n` and a lone `\r`.
        let total_lines = mutated.replace("\r\n", "\n").chars().filter(|c| *c == '\n' || *c == '\r').count() + 1;
        let diags = match codegen::check::check_sources(&[codegen::SpecSource::new(path, mutated.as_str())]) {
            Ok(_) => Vec::new(),
            Err(d) => d.0,
        };
        for d in &diags {
            prop_assert!(d.pos.line >= 1 && d.pos.column >= 1, "{d}");
            prop_assert!(d.pos.line <= total_lines + 1, "{d} is past the end ({total_lines} lines)");
            prop_assert!(!d.message.is_empty());
            prop_assert!(d.to_string().starts_with(&path.display().to_string()));
        }
    }

    #[test]
    fn arbitrary_yaml_never_panics(text in "\\PC{0,300}") {
        let path = Path::new("fuzz.yaml");
        let _ = codegen::check::check_sources(&[codegen::SpecSource::new(path, text.as_str())]);
    }
}

/// The oracle: what Razorpay's docs allow for notes, written independently
/// of the generator and the runtime.
fn notes_oracle(notes: &Map<String, Value>) -> Vec<(String, Rule)> {
    let mut out = Vec::new();
    if notes.len() > 15 {
        out.push(("/notes".to_string(), Rule::MaxEntries));
    }
    for (k, v) in notes {
        let at = format!("/notes/{}", k.replace('~', "~0").replace('/', "~1"));
        if k.chars().count() > 255 {
            out.push((at.clone(), Rule::MaxKeyLength));
        }
        let text_len = match v {
            Value::String(s) => Some(s.chars().count()),
            Value::Number(n) => Some(n.to_string().chars().count()),
            Value::Bool(b) => Some(b.to_string().len()),
            _ => None,
        };
        if text_len.is_some_and(|n| n > 512) {
            out.push((at.clone(), Rule::MaxValueLength));
        }
        if matches!(v, Value::Array(_) | Value::Object(_)) {
            out.push((at, Rule::ScalarValues));
        }
    }
    out
}

fn note_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => (0usize..530, prop::sample::select(vec!['a', 'é', '€', '𝄞'])).prop_map(|(n, c)| json!(c.to_string().repeat(n))),
        1 => any::<i64>().prop_map(|n| json!(n)),
        1 => any::<bool>().prop_map(|b| json!(b)),
        1 => Just(json!(["a"])),
        1 => Just(json!({"nested": 1})),
    ]
}

fn note_key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9_/~]{1,12}",
        1 => (250usize..260, prop::sample::select(vec!['k', 'ü'])).prop_map(|(n, c)| c.to_string().repeat(n)),
    ]
}

fn udf() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        (250usize..260, prop::sample::select(vec!['x', 'ß', '😀']))
            .prop_map(|(n, c)| c.to_string().repeat(n)),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    #[test]
    fn razorpay_validate_matches_the_oracle(notes in prop::collection::btree_map(note_key(), note_value(), 0..20)) {
        let map: Map<String, Value> = notes.into_iter().collect();
        let expected = notes_oracle(&map);
        let request = razorpay::UpdateOrderRequest::new(map.into_iter().collect());
        let got: Vec<(String, Rule)> = match request.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.0.into_iter().map(|v| (v.path, v.rule)).collect(),
        };
        let mut got_sorted = got.clone();
        got_sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name().cmp(b.1.name())));
        let mut expected_sorted = expected;
        expected_sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.name().cmp(b.1.name())));
        prop_assert_eq!(got_sorted, expected_sorted);
    }

    #[test]
    fn juspay_validate_matches_the_oracle(u1 in udf(), u7 in udf(), cents in 0i64..10_000_000) {
        let mut request = juspay::UpdateOrderRequest::new(Decimal::new(cents, 2));
        let mut expected = Vec::new();
        if let Some(v) = &u1 {
            request = request.udf1(v.clone());
            if v.chars().count() > 255 { expected.push("/udf1".to_string()); }
        }
        if let Some(v) = &u7 {
            request = request.udf7(v.clone());
            if v.chars().count() > 255 { expected.push("/udf7".to_string()); }
        }
        let got: Vec<String> = match request.validate() {
            Ok(()) => Vec::new(),
            Err(e) => e.0.into_iter().map(|v| v.path).collect(),
        };
        prop_assert_eq!(got, expected);
    }

    #[test]
    fn json_requests_round_trip(notes in prop::collection::btree_map("[a-z]{1,8}", "[ -~]{0,20}", 0..6), desc in prop::option::of("\\PC{0,30}"), clear in any::<bool>(), amount in any::<i64>()) {
        let r = both::razorpay::UpdateOrderRequest::new(notes.into_iter().map(|(k, v)| (k, json!(v))).collect());
        let back: both::razorpay::UpdateOrderRequest = serde_json::from_slice(&r.body().expect("encodes").bytes).expect("decodes");
        prop_assert_eq!(back, r);

        let mut c = both::costplus::UpdateOrderRequest::new("EUR", amount);
        if let Some(d) = desc { c = c.description(d).merchant_order_id("m"); }
        if clear { c = c.clear_merchant_order_id(); }
        let back: both::costplus::UpdateOrderRequest = serde_json::from_slice(&c.body().expect("encodes").bytes).expect("decodes");
        prop_assert_eq!(back, c);
    }

    #[test]
    fn form_requests_round_trip(cents in any::<i64>(), city in prop::option::of("\\PC{0,30}"), udf3 in prop::option::of("[ -~&=+%]{0,30}")) {
        let mut r = both::juspay::UpdateOrderRequest::new(Decimal::new(cents, 2));
        if let Some(c) = &city { r = r.billing_address_city(c.clone()); }
        if let Some(u) = &udf3 { r = r.udf3(u.clone()); }
        let body = r.body().expect("encodes");
        let pairs: Map<String, Value> = form_urlencoded::parse(&body.bytes).map(|(k, v)| (k.into_owned(), json!(v.into_owned()))).collect();
        let back: both::juspay::UpdateOrderRequest = serde_json::from_value(Value::Object(pairs)).expect("decodes");
        prop_assert_eq!(back, r);
    }

    #[test]
    fn jsonapi_requests_round_trip(email in prop::option::of("[a-z]{1,8}@example\\.com"), guest in prop::option::of(any::<bool>()), id in "[A-Za-z0-9]{1,12}") {
        let mut r = both::commercelayer::UpdateOrderRequest::new().market("QWERtyUpBa");
        if let Some(e) = &email { r = r.customer_email(e.clone()); }
        if let Some(g) = guest { r = r.guest(g); }
        let doc: Value = serde_json::from_slice(&r.body(&id).expect("encodes").bytes).expect("json");
        prop_assert_eq!(&doc["data"]["type"], &json!("orders"));
        prop_assert_eq!(&doc["data"]["id"], &json!(id));
        prop_assert_eq!(&doc["data"]["relationships"]["market"]["data"], &json!({"type": "markets", "id": "QWERtyUpBa"}));
        let attributes = doc["data"].get("attributes").cloned().unwrap_or(json!({}));
        let back: both::commercelayer::UpdateOrderRequest = serde_json::from_value(attributes).expect("decodes");
        // Relationships travel outside the attributes.
        let expected = {
            let mut e = both::commercelayer::UpdateOrderRequest::new();
            if let Some(em) = &email { e = e.customer_email(em.clone()); }
            if let Some(g) = guest { e = e.guest(g); }
            e
        };
        prop_assert_eq!(back, expected);
    }
}

/// Bodies a hostile or broken server could send.
fn hostile_body() -> impl Strategy<Value = Vec<u8>> {
    let sample =
        br#"{"id":"order_1","entity":"order","amount":2200,"notes":{"a":"b"},"status":"paid"}"#
            .to_vec();
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..200),
        (0usize..sample.len()).prop_map(move |n| sample[..n].to_vec()),
        Just(br#"{"id": 5, "amount": "x"}"#.to_vec()),
        Just(br#"{"id": "o", "amount": 1e400}"#.to_vec()),
        Just(br#"{"id": "o", "amount": 99999999999999999999999999}"#.to_vec()),
        (1usize..5000).prop_map(|d| format!("{}{}", "[".repeat(d), "]".repeat(d)).into_bytes()),
        (1usize..5000).prop_map(|d| format!(
            "{{\"id\":\"o\",\"notes\":{}1{}}}",
            "{\"a\":".repeat(d),
            "}".repeat(d)
        )
        .into_bytes()),
        Just(vec![0xff, 0xfe, b'{', b'}']),
        Just(b"<html><body>502 Bad Gateway</body></html>".to_vec()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    #[test]
    fn response_decoding_never_panics(body in hostile_body(), status in prop::sample::select(vec![200u16, 400, 502])) {
        let response = HttpResponse { status, headers: Vec::new(), body: body.clone() };
        let decoded = decode::<razorpay::Order, razorpay::ErrorBody>("razorpay", 200, &response);
        match (status, decoded) {
            (200, Ok(order)) => prop_assert!(!order.id.is_empty() || serde_json::from_slice::<Value>(&body).is_ok()),
            (200, Err(e)) => prop_assert!(matches!(e, generated_client::runtime::Error::Decode { status: 200, .. }), "{e}"),
            (_, Ok(_)) => prop_assert!(false, "a failure status never decodes as success"),
            (s, Err(e)) => prop_assert_eq!(e.status(), Some(s)),
        }
        let _ = decode::<commercelayer::OrderDocument, commercelayer::ErrorDocument>("commercelayer", 200, &response);
        let _ = decode::<juspay::Order, juspay::ErrorBody>("juspay", 200, &response);
        let _ = decode::<costplus::Order, serde_json::Value>("costplus", 200, &response);
    }
}
