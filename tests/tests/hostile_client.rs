//! Hostile servers and hostile inputs against the generated clients: money
//! stays exact, one header cannot abort the process, secrets never show in
//! any encoding, messages are bounded, a success is what the docs describe,
//! credentials and base URLs are checked, retries end by a deadline.

use std::str::FromStr;
use std::time::{Duration, Instant};

use base64::Engine;
use generated_client::runtime as rt;
use generated_client::{commercelayer, costplus, razorpay};
use integration_tests::hostile;
use integration_tests::loopback::{always, config, notes, razorpay_at, KEY_ID, KEY_SECRET};
use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::{MockServer, ResponseTemplate};

fn json_body(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/json")
}

/// Every form a secret may be echoed in.
fn forms(secret: &str) -> Vec<String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    vec![
        secret.to_string(),
        b64.encode(secret),
        form_urlencoded::byte_serialize(secret.as_bytes()).collect(),
    ]
}

fn assert_hidden(shown: &str, secrets: &[&str]) {
    for secret in secrets {
        for form in forms(secret) {
            assert!(!shown.contains(&form), "{form:?} shows in: {shown}");
        }
    }
}

// ------------------------------------------------------ 5. money is exact

#[derive(serde::Deserialize)]
struct Probe {
    #[serde(deserialize_with = "rt::de::decimal")]
    d: rt::Decimal,
}

fn decode_decimal(json: &str) -> Result<rt::Decimal, serde_json::Error> {
    serde_json::from_str::<Probe>(&format!(r#"{{"d": {json}}}"#)).map(|p| p.d)
}

#[test]
fn decimals_keep_every_digit_and_their_scale() {
    for (json, exact) in [
        ("12345678901234567.89", "12345678901234567.89"),
        ("1234567.123456789012345", "1234567.123456789012345"),
        ("90.00", "90.00"),
    ] {
        assert_eq!(decode_decimal(json).expect(json).to_string(), exact);
    }
    // Digits a decimal cannot hold are an error, never a rounded amount.
    assert!(decode_decimal("123456789012345678901234567890.5").is_err());
    // Through a generated response type too, from the body's bytes.
    let order: commercelayer::OrderDocument = serde_json::from_str(
        r#"{"data": {"id": "o", "type": "orders", "attributes": {"subtotal_amount_float": 12345678901234567.89, "tax_rate": "0.220"}}}"#,
    )
    .expect("document decodes");
    let attributes = order.data.attributes.expect("attributes");
    assert_eq!(
        attributes
            .subtotal_amount_float
            .map(|d| d.to_string())
            .as_deref(),
        Some("12345678901234567.89")
    );
    assert_eq!(
        attributes.tax_rate.map(|d| d.to_string()).as_deref(),
        Some("0.220")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(512)
    ))]

    /// Any decimal a `Decimal` holds decodes to exactly itself, every digit
    /// and its scale, from a JSON number and from a string.
    #[test]
    fn any_decimal_round_trips_exactly_through_decode(
        mantissa in -(1i128 << 96) + 1..(1i128 << 96),
        scale in 0u32..=28,
    ) {
        let d = rt::Decimal::from_i128_with_scale(mantissa, scale);
        let text = d.to_string();
        let from_number = decode_decimal(&text).expect("number decodes");
        let from_string = decode_decimal(&format!("\"{text}\"")).expect("string decodes");
        prop_assert_eq!(from_number.to_string(), text.clone());
        prop_assert_eq!(from_string.to_string(), text);
        prop_assert_eq!(from_number.scale(), d.scale());
    }
}

// ------------------------------------ 6. a header cannot abort the process

/// One connection: reads the request head, answers `response`, closes.
async fn one_shot(response: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let mut buf = vec![0u8; 65536];
        let mut seen = Vec::new();
        while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
        }
        // Give the body time to arrive, then answer.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let _ = stream.write_all(&response).await;
        let _ = stream.shutdown().await;
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_lying_content_length_allocates_nothing_and_fails_cleanly() {
    for length in ["35184372088832", "18446744073709551615"] {
        let base = one_shot(
            format!("HTTP/1.1 200 OK\r\ncontent-length: {length}\r\n\r\n{{}}").into_bytes(),
        )
        .await;
        let client = razorpay_at(&base, &config().max_response_bytes(usize::MAX));
        let err = client
            .update_order("order_1", &notes())
            .await
            .expect_err("the body ends early");
        assert!(
            matches!(err, rt::Error::Transport { .. }),
            "{length}: {err:?}"
        );
    }
}

// ------------------------------------------- 7. sensitive headers are secret

fn hostile_client(base: &str) -> hostile::Client {
    hostile::Client::new(
        &hostile::Environment::Custom(base.to_string()),
        &hostile::Credentials::new("hk_ID_4411", "hk_SECRET_9911"),
        "merchant_HDR_SECRET",
        &config(),
    )
    .expect("client")
}

#[test]
fn sensitive_headers_and_fields_never_show_in_debug() {
    let client = hostile_client("http://127.0.0.1:9");
    let request = hostile::UpdateOrderRequest::new("idem-1")
        .x_signature("sig_HDR_SECRET_2")
        .password("pw_FIELD_SECRET_3");
    let http = client
        .update_order_request("order_1", &request)
        .expect("builds");
    assert_eq!(
        http.header("X-Merchant-Secret"),
        Some("merchant_HDR_SECRET")
    );
    assert_eq!(http.header("X-Signature"), Some("sig_HDR_SECRET_2"));
    let shown = format!("{client:?} {request:?} {http:?}");
    assert_hidden(
        &shown,
        &[
            "hk_ID_4411",
            "hk_SECRET_9911",
            "merchant_HDR_SECRET",
            "sig_HDR_SECRET_2",
            "pw_FIELD_SECRET_3",
        ],
    );
    assert!(
        shown.contains("idem-1"),
        "non-secret headers still show: {shown}"
    );
}

// --------------------------------- 8. secrets never show in error values

#[tokio::test]
async fn credentials_echoed_by_the_server_never_show_in_errors() {
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{KEY_ID}:{KEY_SECRET}"));
    let escaped: String = KEY_SECRET
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    let echo = format!(
        r#"{{"error":{{"description":"bad key {KEY_ID} / {KEY_SECRET}","header":"Basic {basic}","escaped":"{escaped}","pct":"{}"}}}}"#,
        form_urlencoded::byte_serialize(KEY_SECRET.as_bytes()).collect::<String>()
    );
    for status in [401, 200] {
        let server = MockServer::start().await;
        always(&server, json_body(status, &echo)).await;
        let err = razorpay_at(&server.uri(), &config())
            .update_order("order_1", &notes())
            .await
            .expect_err("an error");
        let shown = format!("{err} {err:?}");
        assert_hidden(&shown, &[KEY_ID, KEY_SECRET, &basic]);
        assert!(shown.contains(rt::REDACTED), "{shown}");
    }
}

#[tokio::test]
async fn sensitive_request_fields_echoed_back_never_show() {
    let server = MockServer::start().await;
    let password = "cust_PASSWORD_77";
    let body = format!(
        r#"{{"errors":[{{"title":"{password}","detail":"{password}","source":{{"pointer":"{password}"}}}}]}}"#
    );
    always(&server, json_body(422, &body)).await;
    let client = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("cl_TOKEN_55"),
        &config(),
    )
    .expect("client");
    let request = commercelayer::UpdateOrderRequest::new()
        .market("mkt_1")
        .customer_password(password);
    let err = client
        .update_order("ord_1", &request)
        .await
        .expect_err("422");
    assert_hidden(&format!("{err} {err:?}"), &[password, "cl_TOKEN_55"]);
}

#[tokio::test]
async fn a_sensitive_response_key_written_with_escapes_is_still_redacted() {
    let server = MockServer::start().await;
    // `token` is sensitive in the Commerce Layer order; the body is cut
    // short so it does not decode and lands in a snippet.
    always(
        &server,
        json_body(
            200,
            r#"{"data":{"attributes":{"tok\u0065n":"ord_TOKEN_VALUE","number":"#,
        ),
    )
    .await;
    let client = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("cl_TOKEN_55"),
        &config(),
    )
    .expect("client");
    let err = client
        .update_order(
            "ord_1",
            &commercelayer::UpdateOrderRequest::new().market("mkt_1"),
        )
        .await
        .expect_err("does not decode");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("ord_TOKEN_VALUE"), "{shown}");
}

#[test]
fn a_base_url_with_a_password_is_refused_without_repeating_it() {
    for base in [
        "https://user:hunter2pw@api.test",
        "ftp://user:hunter2pw@api.test",
        "https://user:hunter2pw@api.test?x=1",
    ] {
        let err = razorpay::Client::new(
            &razorpay::Environment::Custom(base.into()),
            &razorpay::Credentials::new(KEY_ID, KEY_SECRET),
            &config(),
        )
        .expect_err("refused");
        assert!(!format!("{err} {err:?}").contains("hunter2pw"), "{err}");
    }
}

// ------------------------------------------- 9. messages are bounded

#[tokio::test]
async fn error_messages_are_bounded_and_say_what_was_cut() {
    let server = MockServer::start().await;
    let description = "x".repeat(4 * 1024 * 1024);
    let body =
        format!(r#"{{"error":{{"code":"BAD_REQUEST_ERROR","description":"{description}"}}}}"#);
    always(&server, json_body(400, &body)).await;
    let err = razorpay_at(&server.uri(), &config().max_response_bytes(16 << 20))
        .update_order("order_1", &notes())
        .await
        .expect_err("400");
    assert!(
        matches!(&err, rt::Error::Api { body: Some(_), .. }),
        "{err:?}"
    );
    assert!(
        err.to_string().len() < 4096,
        "{} bytes",
        err.to_string().len()
    );
    assert!(format!("{err:?}").len() < 8192);

    // A 10 MiB id to a closed port: the transport's message names the URL.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    drop(listener);
    let id = "i".repeat(10 << 20);
    let err = razorpay_at(&base, &config())
        .update_order(&id, &notes())
        .await
        .expect_err("refused");
    let shown = err.to_string();
    assert!(shown.len() < 4096, "{} bytes", shown.len());
    let tail: String = shown
        .chars()
        .skip(shown.chars().count().saturating_sub(80))
        .collect();
    assert!(shown.contains("more bytes cut"), "{tail}");
}

// ------------------------- 10, 11. a success is what the docs describe

#[tokio::test]
async fn a_success_body_must_be_the_documented_object() {
    for (body, says) in [
        ("{}", "missing field `id`"),
        (r#"{"error":"Unauthorized"}"#, "missing field `id`"),
        ("[]", "expected a JSON object"),
        (r#"["x"]"#, "expected a JSON object"),
        ("null", "expected a JSON object"),
    ] {
        let server = MockServer::start().await;
        always(&server, json_body(200, body)).await;
        let client = costplus::Client::new(
            &costplus::Environment::Custom(server.uri()),
            &costplus::Credentials::new("cp_KEY"),
            &config(),
        )
        .expect("client");
        let err = client
            .update_order("o_1", &costplus::UpdateOrderRequest::new("EUR", 100))
            .await
            .expect_err(body);
        let rt::Error::Decode {
            message, status, ..
        } = &err
        else {
            panic!("{body}: expected a decode error, got {err:?}");
        };
        assert_eq!(*status, 200);
        assert!(message.contains(says), "{body}: {message}");

        // Razorpay too: an array is no order.
        let server = MockServer::start().await;
        always(&server, json_body(200, body)).await;
        let err = razorpay_at(&server.uri(), &config())
            .update_order("order_1", &notes())
            .await
            .expect_err(body);
        assert!(matches!(err, rt::Error::Decode { .. }), "{body}: {err:?}");
    }
}

#[tokio::test]
async fn a_bodiless_2xx_is_never_an_api_failure() {
    for status in [204, 200, 202] {
        let server = MockServer::start().await;
        always(&server, ResponseTemplate::new(status)).await;
        let err = razorpay_at(&server.uri(), &config())
            .update_order("order_1", &notes())
            .await
            .expect_err("no order came back");
        let rt::Error::Decode { message, .. } = &err else {
            panic!("{status}: a success must not be an API failure: {err:?}");
        };
        assert!(message.contains("the request succeeded"), "{message}");
        assert_eq!(err.status(), Some(status));
    }
    // An operation the spec documents without a body: any 2xx is success.
    for response in [ResponseTemplate::new(204), json_body(200, r#"{"ok":true}"#)] {
        let server = MockServer::start().await;
        always(&server, response).await;
        let done = hostile_client(&server.uri()).cancel_order("order_1").await;
        assert_eq!(done.expect("success"), rt::NoContent);
    }
}

// ------------------------------------------- 12. credentials are checked

#[test]
fn credentials_the_server_would_misread_are_refused() {
    for (id, secret, says) in [
        ("rzp:live", KEY_SECRET, "contains `:`"),
        ("rzp_live\r\nX-Evil: 1", KEY_SECRET, "control character"),
        ("", KEY_SECRET, "user name is empty"),
        (KEY_ID, "", "password is empty"),
        (KEY_ID, "sec\nret", "control character"),
    ] {
        let err = razorpay::Client::new(
            &razorpay::Environment::Production,
            &razorpay::Credentials::new(id, secret),
            &config(),
        )
        .expect_err(says);
        let shown = format!("{err} {err:?}");
        assert!(shown.contains(says), "{shown}");
        for value in [id, secret] {
            if !value.is_empty() {
                assert!(!shown.contains(value), "{shown} repeats {value:?}");
            }
        }
    }
}

// ------------------------------ 13. the URL shown is the URL sent

#[tokio::test]
async fn the_url_a_request_shows_is_the_url_it_is_sent_to() {
    let server = MockServer::start().await;
    always(
        &server,
        json_body(200, r#"{"id":"order_1","entity":"order"}"#),
    )
    .await;
    for (suffix, path) in [
        ("/a/../b\\c", "/b/c/v1/orders/order_1"),
        ("/./x/", "/x/v1/orders/order_1"),
        ("\\api", "/api/v1/orders/order_1"),
    ] {
        let base = format!("{}{suffix}", server.uri());
        let client = razorpay_at(&base, &config());
        let http = client
            .update_order_request("order_1", &notes())
            .expect("builds");
        assert_eq!(http.url, format!("{}{path}", server.uri()), "{suffix}");
        client
            .update_order("order_1", &notes())
            .await
            .expect("the order");
        let received = server.received_requests().await.expect("recorded");
        let last = received.last().expect("one request");
        assert_eq!(last.url.path(), path, "{suffix}");
    }
}

#[tokio::test]
async fn path_parameter_constraints_are_enforced_before_sending() {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(204)).await;
    let client = hostile_client(&server.uri());
    let err = client
        .cancel_order("order_../../admin")
        .await
        .expect_err("breaks the pattern and the length");
    let rt::Error::Validation(v) = &err else {
        panic!("a validation error, not {err:?}");
    };
    let shown = v.to_string();
    assert!(shown.contains("order_id"), "{shown}");
    assert!(shown.contains("must look like order_123"), "{shown}");
    assert!(shown.contains("12"), "{shown}");
    assert_eq!(v.0.len(), 2, "{shown}");
    assert_eq!(v.0[0].path, "/order_id", "{shown}");
    let received = server.received_requests().await.expect("recorded");
    assert!(received.is_empty(), "nothing is sent");
    client
        .cancel_order("order_1")
        .await
        .expect("a valid id is sent");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}

#[test]
fn provider_header_constraints_are_enforced_when_the_client_is_built() {
    let err = hostile::Client::new(
        &hostile::Environment::Custom("http://127.0.0.1:9".into()),
        &hostile::Credentials::new("hk_ID_4411", "hk_SECRET_9911"),
        "mrch_SHORT",
        &config(),
    )
    .expect_err("the header breaks its pattern");
    let shown = format!("{err} {err:?}");
    assert!(shown.contains("/headers/X-Merchant-Secret"), "{shown}");
    assert!(
        shown.contains("a merchant secret starts with merchant_"),
        "{shown}"
    );
    assert!(
        !shown.contains("mrch_SHORT"),
        "a sensitive header's value never shows: {shown}"
    );
}

#[test]
fn per_operation_header_constraints_are_enforced_before_sending() {
    let client = hostile_client("http://127.0.0.1:9");
    let request =
        hostile::UpdateOrderRequest::new("IDEM KEY longer than twelve").x_signature("sig_9X");
    let err = client
        .update_order_request("order_1", &request)
        .expect_err("both headers break their constraints");
    let rt::Error::Validation(v) = &err else {
        panic!("a validation error, not {err:?}");
    };
    let paths: Vec<&str> = v.0.iter().map(|x| x.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/headers/Idempotency-Key",
            "/headers/Idempotency-Key",
            "/headers/X-Signature"
        ],
        "{v}"
    );
    let shown = v.to_string();
    assert!(
        shown.contains("a signature has at least 8 characters"),
        "{shown}"
    );
    assert!(
        !shown.contains("sig_9X"),
        "a sensitive header's value never shows: {shown}"
    );
    let fine = hostile::UpdateOrderRequest::new("idem-3").x_signature("sig_12345678");
    client
        .update_order_request("order_1", &fine)
        .expect("valid headers build");
}

// ----------------------------------- 14. retries end by a deadline

#[tokio::test]
async fn retries_end_by_the_total_timeout() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(503).set_delay(Duration::from_millis(300)),
    )
    .await;
    let policy = rt::RetryPolicy::standard()
        .max_attempts(10)
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(5))
        .total_timeout(Duration::from_millis(700));
    let start = Instant::now();
    let err = razorpay_at(&server.uri(), &config().retry(policy))
        .update_order("order_1", &notes())
        .await
        .expect_err("never succeeds");
    let took = start.elapsed();
    let attempts = server.received_requests().await.expect("recorded").len();
    // Ten attempts of 300 ms would take 3 s; the deadline cuts them short.
    assert!(attempts < 10, "{attempts} attempts");
    assert!(took < Duration::from_millis(2_900), "{took:?}");
    assert!(
        matches!(
            err,
            rt::Error::Transport {
                kind: rt::TransportErrorKind::Timeout,
                may_have_been_sent: true,
                ..
            } | rt::Error::Api { status: 503, .. }
        ),
        "{err:?}"
    );
    assert_eq!(
        rt::RetryPolicy::none().total_timeout,
        rt::DEFAULT_TOTAL_TIMEOUT
    );
}

#[test]
fn decimal_literals_are_parsed_exactly() {
    assert_eq!(
        rt::de::exact_decimal("12345678901234567.89"),
        rt::Decimal::from_str("12345678901234567.89").ok()
    );
    assert_eq!(
        rt::de::exact_decimal("1e3")
            .map(|d| d.to_string())
            .as_deref(),
        Some("1000")
    );
    assert_eq!(rt::de::exact_decimal("1.5.2"), None);
    assert_eq!(rt::de::exact_decimal(""), None);
    assert_eq!(rt::de::exact_decimal("-"), None);
    assert_eq!(rt::de::exact_decimal("1e99999"), None);
}

/// The reading of decimal text the one-pass `exact_decimal` replaced
/// (split at the exponent and the point, then checked multiplication in
/// an `i128`): the two agree on every text.
fn exact_decimal_reference(text: &str) -> Option<rt::Decimal> {
    let t = text.strip_prefix('+').unwrap_or(text);
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let (number, exponent) = match t.find(['e', 'E']) {
        Some(i) => {
            let e = &t[i + 1..];
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            (&t[..i], e.parse::<i32>().ok()?)
        }
        None => (t, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty()
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut mantissa: i128 = 0;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa
            .checked_mul(10)?
            .checked_add(i128::from(b - b'0'))?;
    }
    let mut scale = i32::try_from(fraction.len()).ok()? - exponent;
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    if negative {
        mantissa = -mantissa;
    }
    rt::Decimal::try_from_i128_with_scale(mantissa, u32::try_from(scale).ok()?).ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    /// Number-shaped text (signs, up to 45 digits on either side of a
    /// point, exponents of up to 6 digits, zeros with long exponents) and
    /// any short text.
    #[test]
    fn exact_decimal_reads_every_text_as_the_reference_does(
        text in prop_oneof![
            "[+-]{0,2}[0-9]{0,45}(\\.[0-9]{0,45})?([eE][+-]?[0-9]{0,6})?",
            "[+-]?[01]{0,3}(\\.0{0,3})?[eE][+-]?[0-9]{0,6}",
            "[0-9.eE+-]{0,12}",
            "\\PC{0,10}",
        ]
    ) {
        prop_assert_eq!(rt::de::exact_decimal(&text), exact_decimal_reference(&text), "{:?}", text);
    }
}

#[tokio::test]
async fn nested_sensitive_fields_echoed_back_never_show() {
    let server = MockServer::start().await;
    let mail = "nested.SECRET@mail.test";
    always(&server, json_body(400, &format!(r#"{{"echo":"{mail}"}}"#))).await;
    let mut inner = hostile::Kitchen::default();
    inner.mail = Some(mail.into());
    let mut outer = hostile::Kitchen::default();
    outer.children = Some(vec![inner]);
    let request = hostile::UpdateOrderRequest::new("idem-2").kitchen(outer);
    assert!(!format!("{request:?}").contains(mail));
    let err = hostile_client(&server.uri())
        .update_order("order_1", &request)
        .await
        .expect_err("400");
    assert_hidden(&format!("{err} {err:?}"), &[mail]);
}

#[tokio::test]
async fn deadlines_and_waits_past_what_a_clock_holds_do_not_panic() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(503).insert_header("retry-after", "18446744073709551615"),
    )
    .await;
    let policy = rt::RetryPolicy::standard()
        .max_delay(Duration::MAX)
        .total_timeout(Duration::MAX);
    let err = razorpay_at(&server.uri(), &config().retry(policy))
        .update_order("order_1", &notes())
        .await
        .expect_err("503");
    assert_eq!(err.status(), Some(503));
}
