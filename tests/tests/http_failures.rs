//! How the generated clients fail, against real HTTP servers on loopback:
//! timeouts, refused connections, retries (backoff, `Retry-After`, bounds,
//! operations unsafe to retry), oversized and malformed bodies, hostile path
//! ids, header injection, validation failures, and secrets kept out of every
//! `Debug` and `Display`.
//!
//! Every delay is tens of milliseconds; every server is on 127.0.0.1.

use std::str::FromStr;
use std::time::{Duration, Instant};

use generated_client::runtime as rt;
use generated_client::{commercelayer, costplus, juspay, razorpay};
use integration_tests::loopback::{always, config, notes, razorpay_at, KEY_ID, KEY_SECRET};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Retries with backoff of at most a few milliseconds.
fn fast_retries() -> rt::RetryPolicy {
    rt::RetryPolicy::standard()
        .base_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

fn juspay_at(base: &str, config: &rt::ClientConfig) -> juspay::Client {
    juspay::Client::new(
        &juspay::Environment::Custom(base.to_string()),
        &juspay::Credentials::new("jp_APIKEY_d41d8cd9"),
        "merchant_1",
        config,
    )
    .expect("a loopback client")
}

fn juspay_request() -> juspay::UpdateOrderRequest {
    juspay::UpdateOrderRequest::new(rt::Decimal::from_str("90.00").expect("decimal"))
}

fn ok_order() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(
        br#"{"id":"order_1","order_id":"order_1","status":"NEW"}"#.to_vec(),
        "application/json",
    )
}

/// Answers `first` to the first `n` requests, then `then`.
async fn first_then(server: &MockServer, n: u64, first: ResponseTemplate, then: ResponseTemplate) {
    Mock::given(any())
        .respond_with(first)
        .up_to_n_times(n)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(any()).respond_with(then).mount(server).await;
}

async fn request_count(server: &MockServer) -> usize {
    server
        .received_requests()
        .await
        .expect("recording is on")
        .len()
}

/// A port nothing listens on: bound, then released.
async fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    drop(listener);
    format!("http://{addr}")
}

/// A one-shot HTTP/1.1 server: accepts one connection, reads the request
/// (head and `Content-Length` body), writes `response` verbatim and closes.
/// The handle yields the raw request bytes.
async fn one_shot(response: Vec<u8>) -> (String, tokio::task::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let handle = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.expect("a connection");
        let mut received = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let n = stream.read(&mut chunk).await.expect("read");
            if n == 0 {
                break;
            }
            received.extend_from_slice(&chunk[..n]);
            if let Some(end) = received.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&received[..end]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .map_or(0, |v| v.trim().parse::<usize>().expect("a length"));
                if received.len() >= end + 4 + length {
                    break;
                }
            }
        }
        // The client may hang up mid-body (size limit): that is fine here.
        let _ = stream.write_all(&response).await;
        let _ = stream.shutdown().await;
        String::from_utf8_lossy(&received).into_owned()
    });
    (format!("http://{addr}"), handle)
}

// ---------------------------------------------------------------- timeouts

#[tokio::test]
async fn a_slow_server_times_out_and_the_request_may_have_been_sent() {
    let server = MockServer::start().await;
    always(&server, ok_order().set_delay(Duration::from_millis(500))).await;
    let client = razorpay_at(
        &server.uri(),
        &config().request_timeout(Duration::from_millis(60)),
    );
    let start = Instant::now();
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("times out");
    let elapsed = start.elapsed();
    match &err {
        rt::Error::Transport {
            kind,
            may_have_been_sent,
            ..
        } => {
            assert_eq!(*kind, rt::TransportErrorKind::Timeout);
            assert!(*may_have_been_sent);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(elapsed < Duration::from_millis(450), "{elapsed:?}");
    assert!(err
        .to_string()
        .starts_with("transport failure (timed out); the request may have reached the server"));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn a_timed_out_retry_safe_call_is_retried() {
    let server = MockServer::start().await;
    first_then(
        &server,
        1,
        ok_order().set_delay(Duration::from_millis(500)),
        ok_order(),
    )
    .await;
    let client = razorpay_at(
        &server.uri(),
        &config()
            .request_timeout(Duration::from_millis(100))
            .retry(fast_retries()),
    );
    let order = client
        .update_order("order_1", &notes())
        .await
        .expect("the second attempt answers in time");
    assert_eq!(order.id, "order_1");
    assert_eq!(request_count(&server).await, 2);
}

// ------------------------------------------------------- connection refused

#[tokio::test]
async fn a_refused_connection_was_not_sent() {
    let base = closed_port().await;
    for policy in [rt::RetryPolicy::none(), fast_retries()] {
        let err = razorpay_at(&base, &config().retry(policy))
            .update_order("order_1", &notes())
            .await
            .expect_err("nothing listens");
        match &err {
            rt::Error::Transport {
                kind,
                may_have_been_sent,
                ..
            } => {
                assert_eq!(*kind, rt::TransportErrorKind::Connect);
                assert!(!*may_have_been_sent);
            }
            other => panic!("expected a connection failure, got {other:?}"),
        }
        assert!(err
            .to_string()
            .starts_with("transport failure (connection failed); the request was not sent"));
        assert_eq!(err.status(), None);
    }
}

// ------------------------------------------------------------------ retries

#[tokio::test]
async fn a_503_then_200_succeeds_after_two_identical_requests() {
    let server = MockServer::start().await;
    first_then(&server, 1, ResponseTemplate::new(503), ok_order()).await;
    let order = razorpay_at(&server.uri(), &config().retry(fast_retries()))
        .update_order("order_1", &notes())
        .await
        .expect("retried");
    assert_eq!(order.id, "order_1");
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].body, received[1].body);
    assert_eq!(received[0].url, received[1].url);
    assert_eq!(received[0].headers, received[1].headers);
}

#[tokio::test]
async fn a_429_is_retried_and_a_400_is_not() {
    let server = MockServer::start().await;
    first_then(&server, 2, ResponseTemplate::new(429), ok_order()).await;
    let client = razorpay_at(&server.uri(), &config().retry(fast_retries()));
    client
        .update_order("order_1", &notes())
        .await
        .expect("third attempt succeeds");
    assert_eq!(request_count(&server).await, 3);

    server.reset().await;
    first_then(
        &server,
        1,
        ResponseTemplate::new(400).set_body_raw(
            br#"{"error":{"code":"BAD_REQUEST_ERROR","description":"id is not a valid id."}}"#
                .to_vec(),
            "application/json",
        ),
        ok_order(),
    )
    .await;
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("a 400 is final");
    assert_eq!(err.status(), Some(400));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn retry_after_longer_than_the_longest_wait_ends_the_retries() {
    let server = MockServer::start().await;
    always(
        &server,
        ResponseTemplate::new(503).insert_header("Retry-After", "3600"),
    )
    .await;
    let client = razorpay_at(&server.uri(), &config().retry(fast_retries()));
    let start = Instant::now();
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    assert_eq!(request_count(&server).await, 1);
    assert!(start.elapsed() < Duration::from_secs(1));

    // The same 503 without the header is retried up to the bound.
    server.reset().await;
    always(&server, ResponseTemplate::new(503)).await;
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("still 503");
    assert_eq!(err.status(), Some(503));
    assert_eq!(request_count(&server).await, 3);
}

#[tokio::test]
async fn retry_after_zero_or_past_replaces_a_long_backoff() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(503)
                .insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
        )
        .up_to_n_times(1)
        .with_priority(2)
        .mount(&server)
        .await;
    always(&server, ok_order()).await;
    // Backoff alone would wait up to 30 s before each retry.
    let policy = rt::RetryPolicy::standard()
        .base_delay(Duration::from_secs(30))
        .max_delay(Duration::from_secs(30));
    let client = razorpay_at(&server.uri(), &config().retry(policy));
    let start = Instant::now();
    let order = tokio::time::timeout(
        Duration::from_secs(3),
        client.update_order("order_1", &notes()),
    )
    .await
    .expect("Retry-After, not the backoff, set the waits")
    .expect("the third attempt succeeds");
    assert_eq!(order.id, "order_1");
    assert_eq!(request_count(&server).await, 3);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn operations_unsafe_to_retry_are_retried_only_when_asked() {
    // Juspay's update is a POST marked `retry_safe: false`.
    let server = MockServer::start().await;
    first_then(&server, 1, ResponseTemplate::new(503), ok_order()).await;
    let err = juspay_at(&server.uri(), &config().retry(fast_retries()))
        .update_order("order_1", &juspay_request())
        .await
        .expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    assert_eq!(request_count(&server).await, 1);

    server.reset().await;
    first_then(&server, 1, ResponseTemplate::new(503), ok_order()).await;
    let order = juspay_at(
        &server.uri(),
        &config().retry(fast_retries().retry_unsafe(true)),
    )
    .update_order("order_1", &juspay_request())
    .await
    .expect("retried when asked");
    assert_eq!(order.order_id, "order_1");
    assert_eq!(request_count(&server).await, 2);

    // Commerce Layer's update (trigger attributes) is not retried either.
    server.reset().await;
    first_then(&server, 1, ResponseTemplate::new(503), ok_order()).await;
    let err = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("token"),
        &config().retry(fast_retries()),
    )
    .expect("client")
    .update_order(
        "o",
        &commercelayer::UpdateOrderRequest::new().market("m").place(),
    )
    .await
    .expect_err("not retried");
    assert_eq!(err.status(), Some(503));
    assert_eq!(request_count(&server).await, 1);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(500)).await;
    let client = razorpay_at(
        &server.uri(),
        &config().retry(fast_retries().max_attempts(4)),
    );
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("always 500");
    assert_eq!(err.status(), Some(500));
    assert_eq!(request_count(&server).await, 4);

    // However many attempts are asked for, at most MAX_ATTEMPTS are made.
    server.reset().await;
    always(&server, ResponseTemplate::new(502)).await;
    let policy = rt::RetryPolicy::standard()
        .base_delay(Duration::from_millis(1))
        .max_delay(Duration::from_millis(2))
        .max_attempts(1000);
    let err = razorpay_at(&server.uri(), &config().retry(policy))
        .update_order("order_1", &notes())
        .await
        .expect_err("always 502");
    assert_eq!(err.status(), Some(502));
    assert_eq!(request_count(&server).await, rt::MAX_ATTEMPTS as usize);
    assert_eq!(rt::MAX_ATTEMPTS, 10);
}

// ------------------------------------------------------------------- bodies

#[tokio::test]
async fn a_body_over_the_limit_is_not_buffered() {
    let limit = 1024;
    let server = MockServer::start().await;
    let client = razorpay_at(&server.uri(), &config().max_response_bytes(limit));
    // Exactly at the limit: fine.
    let head = r#"{"id":"order_1","description":""#;
    let tail = r#""}"#;
    let description_len = limit - head.len() - tail.len();
    let at_limit = format!("{head}{}{tail}", "x".repeat(description_len));
    assert_eq!(at_limit.len(), limit);
    always(
        &server,
        ResponseTemplate::new(200).set_body_raw(at_limit.into_bytes(), "application/json"),
    )
    .await;
    let order = client
        .update_order("order_1", &notes())
        .await
        .expect("a body at the limit is read");
    assert_eq!(order.description.map(|d| d.len()), Some(description_len));

    // One byte more (announced by Content-Length): refused.
    server.reset().await;
    always(
        &server,
        ResponseTemplate::new(200).set_body_raw(vec![b' '; limit + 1], "application/json"),
    )
    .await;
    let err = client
        .update_order("order_1", &notes())
        .await
        .expect_err("too large");
    match err {
        rt::Error::Transport {
            kind,
            may_have_been_sent,
            message,
        } => {
            assert_eq!(kind, rt::TransportErrorKind::BodyTooLarge);
            assert!(may_have_been_sent);
            assert_eq!(
                message,
                "the response body is larger than the 1024-byte limit"
            );
        }
        other => panic!("expected BodyTooLarge, got {other:?}"),
    }
}

#[tokio::test]
async fn a_chunked_body_over_the_limit_is_cut_off_while_streaming() {
    let mut response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            .to_vec();
    for _ in 0..16 {
        response.extend_from_slice(b"200\r\n");
        response.extend_from_slice(&[b' '; 0x200]);
        response.extend_from_slice(b"\r\n");
    }
    response.extend_from_slice(b"0\r\n\r\n");
    let (base, server) = one_shot(response).await;
    let err = razorpay_at(&base, &config().max_response_bytes(2048))
        .update_order("order_1", &notes())
        .await
        .expect_err("too large");
    assert!(
        matches!(
            err,
            rt::Error::Transport {
                kind: rt::TransportErrorKind::BodyTooLarge,
                may_have_been_sent: true,
                ..
            }
        ),
        "{err:?}"
    );
    let request = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server finishes")
        .expect("the server does not panic");
    assert!(
        request.starts_with("PATCH /v1/orders/order_1 HTTP/1.1\r\n"),
        "{request}"
    );
}

#[tokio::test]
async fn html_from_a_proxy_on_200_is_a_decode_error_with_a_bounded_snippet() {
    let server = MockServer::start().await;
    let html = format!(
        "<html><head><title>Gateway</title></head><body>{}</body></html>",
        "<p>maintenance</p>".repeat(300)
    );
    assert!(html.len() > 5000);
    always(
        &server,
        ResponseTemplate::new(200).set_body_raw(html.clone().into_bytes(), "text/html"),
    )
    .await;
    let err = razorpay_at(&server.uri(), &config())
        .update_order("order_1", &notes())
        .await
        .expect_err("not JSON");
    let rt::Error::Decode {
        provider,
        status,
        message,
        snippet,
    } = &err
    else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(*provider, "razorpay");
    assert_eq!(*status, 200);
    // Not an object where the docs describe one; the call did succeed.
    assert_eq!(
        message,
        "expected a JSON object, as the docs describe (the request succeeded, 200)"
    );
    assert_eq!(snippet.chars().count(), rt::SNIPPET_CHARS + 1);
    assert!(snippet.ends_with('…'));
    assert!(html.starts_with(snippet.trim_end_matches('…')));
    assert_eq!(err.status(), Some(200));
    let shown = err.to_string();
    assert!(shown.starts_with(
        "razorpay answered 200 with a body that does not decode: expected a JSON object, as the docs describe (the request succeeded, 200); body starts: \"<html><head><title>Gateway</title>"
    ));
    assert!(
        shown.len() < 700,
        "the message is bounded: {} bytes",
        shown.len()
    );

    // JSON of the wrong shape is a decode error too.
    server.reset().await;
    always(
        &server,
        ResponseTemplate::new(200).set_body_raw(br#"{"id":42}"#.to_vec(), "application/json"),
    )
    .await;
    let err = razorpay_at(&server.uri(), &config())
        .update_order("order_1", &notes())
        .await
        .expect_err("wrong type");
    let rt::Error::Decode {
        message, snippet, ..
    } = &err
    else {
        panic!("expected a decode error, got {err:?}");
    };
    assert!(
        message.starts_with("invalid type: integer `42`, expected a string"),
        "{message}"
    );
    assert_eq!(snippet, r#"{"id":42}"#);
}

#[tokio::test]
async fn failures_without_a_usable_body_keep_status_and_snippet() {
    let server = MockServer::start().await;
    always(&server, ResponseTemplate::new(502)).await;
    let err = razorpay_at(&server.uri(), &config())
        .update_order("order_1", &notes())
        .await
        .expect_err("502");
    match &err {
        rt::Error::Api {
            provider,
            status,
            body,
            message,
            code,
            snippet,
        } => {
            assert_eq!(*provider, "razorpay");
            assert_eq!(*status, 502);
            assert!(body.is_none());
            assert_eq!((message, code), (&None, &None));
            assert_eq!(snippet, "");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    assert_eq!(err.to_string(), "razorpay answered 502 with an empty body");

    server.reset().await;
    always(
        &server,
        ResponseTemplate::new(502).set_body_raw(b"<html>Bad Gateway</html>".to_vec(), "text/html"),
    )
    .await;
    let err = razorpay_at(&server.uri(), &config())
        .update_order("order_1", &notes())
        .await
        .expect_err("502");
    let rt::Error::Api {
        status: 502,
        body: None,
        snippet,
        ..
    } = &err
    else {
        panic!("expected a 502 without a typed body, got {err:?}");
    };
    assert_eq!(snippet, "<html>Bad Gateway</html>");
    assert_eq!(
        err.to_string(),
        "razorpay answered 502 with an undocumented body: \"<html>Bad Gateway</html>\""
    );
}

// ------------------------------------------------------------ hostile input

/// Ids that try to change the URL, and the one segment each must become.
const HOSTILE_IDS: &[(&str, &str)] = &[
    ("../admin?x=1", "%2E%2E%2Fadmin%3Fx%3D1"),
    ("a/b", "a%2Fb"),
    ("a b", "a%20b"),
    ("%", "%25"),
    ("%2F", "%252F"),
    ("#", "%23"),
    ("a?b=c&d", "a%3Fb%3Dc%26d"),
    ("ünï/cødé", "%C3%BCn%C3%AF%2Fc%C3%B8d%C3%A9"),
    ("...", "%2E%2E%2E"),
    ("a\\b", "a%5Cb"),
];

#[tokio::test]
async fn hostile_ids_are_sent_as_one_encoded_segment() {
    let server = MockServer::start().await;
    always(&server, ok_order()).await;
    let rzp = razorpay_at(&server.uri(), &config());
    let cp = costplus::Client::new(
        &costplus::Environment::Custom(server.uri()),
        &costplus::Credentials::new("k"),
        &config(),
    )
    .expect("client");
    let jp = juspay_at(&server.uri(), &config());
    let cl = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("t"),
        &config(),
    )
    .expect("client");
    for (id, encoded) in HOSTILE_IDS {
        server.reset().await;
        always(&server, ok_order()).await;
        rzp.update_order(id, &notes()).await.expect("razorpay");
        cp.update_order(id, &costplus::UpdateOrderRequest::new("EUR", 1))
            .await
            .expect("costplus");
        jp.update_order(id, &juspay_request())
            .await
            .expect("juspay");
        // Commerce Layer answers JSON:API; only the request matters here.
        let _ = cl
            .update_order(id, &commercelayer::UpdateOrderRequest::new().market("m"))
            .await;
        let received = server.received_requests().await.expect("recording");
        let paths: Vec<(String, String, Option<String>)> = received
            .iter()
            .map(|r| {
                (
                    r.method.to_string(),
                    r.url.path().to_string(),
                    r.url.query().map(str::to_string),
                )
            })
            .collect();
        assert_eq!(
            paths,
            [
                ("PATCH".into(), format!("/v1/orders/{encoded}"), None),
                ("PUT".into(), format!("/v1/orders/{encoded}/"), None),
                ("POST".into(), format!("/orders/{encoded}"), None),
                ("PATCH".into(), format!("/api/orders/{encoded}"), None),
            ],
            "id {id:?}"
        );
        // The JSON:API document carries the id itself, unencoded.
        let doc: serde_json::Value = received[3].body_json().expect("JSON");
        assert_eq!(doc["data"]["id"], *id);
    }
}

#[tokio::test]
async fn the_request_line_on_the_wire_is_exactly_the_encoded_path() {
    let response =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n{\"id\":\"x/1\"}  "
            .to_vec();
    let (base, server) = one_shot(response).await;
    let order = razorpay_at(&base, &config())
        .update_order("../admin?x=1#frag", &notes())
        .await
        .expect("decodes");
    assert_eq!(order.id, "x/1");
    let request = tokio::time::timeout(Duration::from_secs(5), server)
        .await
        .expect("the server finishes")
        .expect("the server does not panic");
    let request_line = request.lines().next().expect("a request line");
    assert_eq!(
        request_line,
        "PATCH /v1/orders/%2E%2E%2Fadmin%3Fx%3D1%23frag HTTP/1.1"
    );
    assert!(
        request.ends_with("\r\n\r\n{\"notes\":{\"key1\":\"value3\"}}"),
        "{request}"
    );
}

#[tokio::test]
async fn dot_segment_ids_are_refused_before_sending() {
    // `.` and `..` (in any percent-encoding) are removed or walked up by
    // every URL parser on the way, so no encoding can send them as an id.
    let server = MockServer::start().await;
    always(&server, ok_order()).await;
    let rzp = razorpay_at(&server.uri(), &config());
    let cp = costplus::Client::new(
        &costplus::Environment::Custom(server.uri()),
        &costplus::Credentials::new("k"),
        &config(),
    )
    .expect("client");
    for id in [".", ".."] {
        let err = rzp.update_order(id, &notes()).await.expect_err("refused");
        let rt::Error::Build(message) = &err else {
            panic!("expected a build error for {id:?}, got {err:?}");
        };
        assert_eq!(
            message,
            &format!("path parameter `id` is `{id}`, which would change the URL's path")
        );
        assert!(err.to_string().starts_with("request not sent: "));
        let err = cp
            .update_order(id, &costplus::UpdateOrderRequest::new("EUR", 1))
            .await
            .expect_err("refused");
        assert!(matches!(err, rt::Error::Build(_)), "{err:?}");
    }
    // An empty id would name the collection (or leave `//` in the path).
    let err = cp
        .update_order("", &costplus::UpdateOrderRequest::new("EUR", 1))
        .await
        .expect_err("refused");
    assert_eq!(
        err.to_string(),
        "request not sent: path parameter `id` is empty"
    );
    let err = rzp.update_order("", &notes()).await.expect_err("refused");
    assert_eq!(
        err.to_string(),
        "request not sent: path parameter `id` is empty"
    );
    assert_eq!(request_count(&server).await, 0);
    // Dots inside an id are fine.
    rzp.update_order("order.1..2", &notes())
        .await
        .expect("sent");
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received[0].url.path(), "/v1/orders/order%2E1%2E%2E2");
}

#[tokio::test]
async fn header_values_with_line_breaks_are_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    always(&server, ok_order()).await;
    for merchant_id in [
        "merchant\r\nX-Injected: 1",
        "merchant\nX-Injected: 1",
        "merchant\r",
        "merchant\0",
    ] {
        let err = juspay::Client::new(
            &juspay::Environment::Custom(server.uri()),
            &juspay::Credentials::new("k"),
            merchant_id,
            &config(),
        )
        .expect_err("refused");
        assert_eq!(
            err,
            rt::ConfigError("header `x-merchantid` contains a line break or NUL character".into())
        );
    }
    // Other control characters would make every call fail in the HTTP
    // stack; they are refused up front too.
    for merchant_id in ["merchant\u{1}", "merchant\u{7f}", "\u{1b}[31mmerchant"] {
        let err = juspay::Client::new(
            &juspay::Environment::Custom(server.uri()),
            &juspay::Credentials::new("k"),
            merchant_id,
            &config(),
        )
        .expect_err("refused");
        assert_eq!(
            err,
            rt::ConfigError("header `x-merchantid` contains a control character".into())
        );
    }
    // A bearer token with a line break: refused, and not repeated in the error.
    let err = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("tok_SECRET\r\nX-Injected: 1"),
        &config(),
    )
    .expect_err("refused");
    assert!(!err.to_string().contains("tok_SECRET"), "{err}");
    assert!(
        err.to_string()
            .contains("bearer token contains a line break"),
        "{err}"
    );
    // So is a user agent with one.
    let err = razorpay::Client::new(
        &razorpay::Environment::Custom(server.uri()),
        &razorpay::Credentials::new("a", "b"),
        &config().user_agent("agent/1\r\nX-Injected: 1"),
    )
    .expect_err("refused");
    assert!(err.to_string().contains("User-Agent"), "{err}");
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn base_urls_that_paths_cannot_be_appended_to_are_refused() {
    let server = MockServer::start().await;
    always(&server, ok_order()).await;
    for base in [
        format!("{}?debug=1", server.uri()),
        format!("{}#top", server.uri()),
        server.uri().replace("http://", "ftp://"),
    ] {
        let err = razorpay::Client::new(
            &razorpay::Environment::Custom(base.clone()),
            &razorpay::Credentials::new("a", "b"),
            &config(),
        )
        .expect_err("refused");
        assert!(err.to_string().contains(&base), "{err}");
    }
    // Credentials in the URL are refused without being repeated.
    let err = razorpay::Client::new(
        &razorpay::Environment::Custom(server.uri().replace("http://", "http://u:pa55@")),
        &razorpay::Credentials::new("a", "b"),
        &config(),
    )
    .expect_err("refused");
    assert!(!err.to_string().contains("pa55"), "{err}");
    // A subdomain that would move the token to another host.
    for subdomain in [
        "attacker.example#",
        "attacker.example?",
        "me@attacker.example/",
    ] {
        assert!(
            commercelayer::Client::new(
                &commercelayer::Environment::Production {
                    subdomain: subdomain.into()
                },
                &commercelayer::Credentials::bearer("token"),
                &config(),
            )
            .is_err(),
            "{subdomain}"
        );
    }
    assert_eq!(request_count(&server).await, 0);
}

#[tokio::test]
async fn invalid_requests_send_nothing() {
    let server = MockServer::start().await;
    always(&server, ok_order()).await;
    let mut notes = razorpay::Notes::new();
    for i in 1..=16 {
        notes.insert(format!("key{i}"), json!(format!("value{i}")));
    }
    let request = razorpay::UpdateOrderRequest::new(notes);
    let client = razorpay_at(&server.uri(), &config().retry(fast_retries()));
    let err = client
        .update_order("order_1", &request)
        .await
        .expect_err("invalid");
    let rt::Error::Validation(errors) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    assert_eq!(
        errors.0,
        [rt::Violation {
            path: "/notes".into(),
            rule: rt::Rule::MaxEntries,
            message: "Number of fields in notes should be less than or equal to 15.".into(),
        }]
    );
    assert_eq!(
        err.to_string(),
        "request not sent, it is invalid: 1 validation error; /notes: Number of fields in notes should be less than or equal to 15. (max_entries)"
    );
    // Building the request without sending it fails the same way.
    assert!(matches!(
        client.update_order_request("order_1", &request),
        Err(rt::Error::Validation(_))
    ));
    assert_eq!(request_count(&server).await, 0);
}

// ------------------------------------------------------------------ secrets

fn assert_hidden(what: &str, shown: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(
            !shown.contains(secret),
            "{what} shows a secret ({secret}): {shown}"
        );
    }
}

#[tokio::test]
async fn secrets_never_show_in_debug_or_display() {
    let server = MockServer::start().await;
    let html = ResponseTemplate::new(200).set_body_raw(b"<html></html>".to_vec(), "text/html");
    let refused = closed_port().await;

    // Razorpay: key id and key secret.
    let rzp = razorpay_at(&server.uri(), &config());
    let built = rzp
        .update_order_request("order_1", &notes())
        .expect("builds");
    let auth = built.header("authorization").expect("auth").to_string();
    assert!(auth.starts_with("Basic "));
    let secrets = [KEY_ID, KEY_SECRET, auth.as_str(), &auth["Basic ".len()..]];
    let mut too_many = razorpay::Notes::new();
    for i in 0..16 {
        too_many.insert(format!("k{i}"), json!(KEY_SECRET));
    }
    let mut errors = Vec::new();
    always(&server, ResponseTemplate::new(401)).await;
    errors.push(
        rzp.update_order("order_1", &notes())
            .await
            .expect_err("401"),
    );
    server.reset().await;
    always(&server, html.clone()).await;
    errors.push(
        rzp.update_order("order_1", &notes())
            .await
            .expect_err("decode"),
    );
    errors.push(
        razorpay_at(&refused, &config())
            .update_order("order_1", &notes())
            .await
            .expect_err("refused"),
    );
    errors.push(
        rzp.update_order("order_1", &razorpay::UpdateOrderRequest::new(too_many))
            .await
            .expect_err("invalid"),
    );
    assert_hidden("client", &format!("{rzp:?}"), &secrets);
    assert_hidden("request", &format!("{built:?}"), &secrets);
    for err in &errors {
        assert_hidden("error", &format!("{err:?} {err}"), &secrets);
    }

    // Juspay and CostPlus: the API key (Basic, empty password).
    let jp = juspay::Client::new(
        &juspay::Environment::Custom(server.uri()),
        &juspay::Credentials::new("jp_APIKEY_d41d8cd9"),
        "merchant_1",
        &config(),
    )
    .expect("client");
    let built = jp
        .update_order_request("o", &juspay_request())
        .expect("builds");
    let auth = built.header("authorization").expect("auth").to_string();
    let secrets = ["jp_APIKEY_d41d8cd9", auth.as_str(), &auth["Basic ".len()..]];
    assert_hidden("client", &format!("{jp:?}"), &secrets);
    assert_hidden("request", &format!("{built:?}"), &secrets);
    let err = jp
        .update_order("o", &juspay_request())
        .await
        .expect_err("decode");
    assert_hidden("error", &format!("{err:?} {err}"), &secrets);

    let cp = costplus::Client::new(
        &costplus::Environment::Custom(server.uri()),
        &costplus::Credentials::new("cp_APIKEY_e3b0c442"),
        &config(),
    )
    .expect("client");
    let request = costplus::UpdateOrderRequest::new("EUR", 1);
    let built = cp.update_order_request("o", &request).expect("builds");
    let auth = built.header("authorization").expect("auth").to_string();
    let secrets = ["cp_APIKEY_e3b0c442", auth.as_str(), &auth["Basic ".len()..]];
    assert_hidden("client", &format!("{cp:?}"), &secrets);
    assert_hidden("request", &format!("{built:?}"), &secrets);
    let err = cp.update_order("o", &request).await.expect_err("decode");
    assert_hidden("error", &format!("{err:?} {err}"), &secrets);

    // Commerce Layer: the bearer token and the customer password, which is
    // sent (in the body) but never shown.
    server.reset().await;
    always(&server, html).await;
    let cl = commercelayer::Client::new(
        &commercelayer::Environment::Custom(server.uri()),
        &commercelayer::Credentials::bearer("cl_TOKEN_5feceb66"),
        &config(),
    )
    .expect("client");
    let request = commercelayer::UpdateOrderRequest::new()
        .market("m")
        .customer_password("hunter2-PASSWORD")
        .customer_email("not-an-email");
    let valid = commercelayer::UpdateOrderRequest::new()
        .market("m")
        .customer_password("hunter2-PASSWORD");
    let built = cl.update_order_request("o", &valid).expect("builds");
    assert_eq!(
        built.header("authorization"),
        Some("Bearer cl_TOKEN_5feceb66")
    );
    let secrets = ["cl_TOKEN_5feceb66", "hunter2-PASSWORD"];
    assert_hidden("client", &format!("{cl:?}"), &secrets);
    assert_hidden("request", &format!("{built:?}"), &secrets);
    assert_hidden(
        "request body type",
        &format!("{valid:?} {request:?}"),
        &secrets,
    );
    let invalid = cl.update_order("o", &request).await.expect_err("invalid");
    let decode = cl.update_order("o", &valid).await.expect_err("decode");
    for err in [invalid, decode] {
        assert_hidden("error", &format!("{err:?} {err}"), &secrets);
    }
    let received = server.received_requests().await.expect("recording");
    assert_eq!(received.len(), 1);
    let doc: serde_json::Value = received[0].body_json().expect("JSON");
    assert_eq!(
        doc["data"]["attributes"]["customer_password"],
        "hunter2-PASSWORD"
    );
}
