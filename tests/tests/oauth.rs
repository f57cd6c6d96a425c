//! OAuth 2.0 client credentials (`scheme: oauth2_client_credentials`),
//! through the language fixture's client on loopback: the exact token
//! request, one token for many calls, a new one when it expires and once
//! after a 401, one fetch shared by concurrent calls, and neither the
//! credentials nor a token in `Debug` or errors.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use generated_client::runtime as rt;
use integration_tests::shop;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const ID: &str = "client-id-7f3a";
const SECRET: &str = "client-secret-91c2";

fn client(server: &MockServer) -> shop::Client {
    shop::Client::new(
        &shop::Environment::Custom(server.uri()),
        &shop::Credentials::client_credentials(ID, SECRET),
        &rt::ClientConfig::default(),
    )
    .expect("a loopback client")
}

/// Hands out `tok-1`, `tok-2`, … valid for `expires_in` seconds, after
/// `delay`; counts the requests.
struct TokenEndpoint {
    issued: Arc<AtomicUsize>,
    expires_in: u64,
    delay: Duration,
}

impl Respond for TokenEndpoint {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200)
            .set_delay(self.delay)
            .set_body_json(serde_json::json!({
                "scope": "orders:write carts:write",
                "access_token": format!("tok-{n}"),
                "token_type": "Bearer",
                "app_id": "APP-80W284485P519543T",
                "expires_in": self.expires_in,
                "nonce": "2020-04-03T15:35:36ZaYZlGvEkV4yVSz8g6bAKFoGSEzuy3CQcz3ljhibkOHg"
            }))
    }
}

async fn token_endpoint(server: &MockServer, expires_in: u64, delay: Duration) -> Arc<AtomicUsize> {
    let issued = Arc::new(AtomicUsize::new(0));
    Mock::given(method("POST"))
        .and(path("/oauth/token"))
        .respond_with(TokenEndpoint {
            issued: issued.clone(),
            expires_in,
            delay,
        })
        .mount(server)
        .await;
    issued
}

async fn api_answers(server: &MockServer, status: u16) {
    Mock::given(path("/v1/orders/o1"))
        .respond_with(
            ResponseTemplate::new(status)
                .set_body_raw(br#"{"id":"o1"}"#.to_vec(), "application/json"),
        )
        .mount(server)
        .await;
}

async fn api_authorizations(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .expect("recording")
        .iter()
        .filter(|r| r.url.path() == "/v1/orders/o1")
        .map(|r| {
            r.headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        })
        .collect()
}

fn note() -> shop::UpdateOrderRequest {
    shop::UpdateOrderRequest::new().note("x")
}

#[tokio::test]
async fn the_token_request_is_exact_and_one_token_serves_many_calls() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 3600, Duration::ZERO).await;
    api_answers(&server, 200).await;
    let client = client(&server);
    for _ in 0..3 {
        client.update_order("o1", &note()).await.expect("200");
    }
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "one token for three calls"
    );
    assert_eq!(api_authorizations(&server).await, ["Bearer tok-1"; 3]);

    let requests = server.received_requests().await.expect("recording");
    let token = &requests[0];
    assert_eq!(token.url.path(), "/oauth/token");
    assert_eq!(token.method.as_str(), "POST");
    // base64("client-id-7f3a:client-secret-91c2"), computed apart.
    assert_eq!(
        token
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some("Basic Y2xpZW50LWlkLTdmM2E6Y2xpZW50LXNlY3JldC05MWMy")
    );
    assert_eq!(
        token
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&token.body),
        "grant_type=client_credentials&scope=orders%3Awrite+carts%3Awrite"
    );
}

#[tokio::test]
async fn an_expired_token_is_replaced_before_the_call() {
    let server = MockServer::start().await;
    // Expired on arrival: every call needs a new one.
    let issued = token_endpoint(&server, 0, Duration::ZERO).await;
    api_answers(&server, 200).await;
    let client = client(&server);
    client.update_order("o1", &note()).await.expect("200");
    client.update_order("o1", &note()).await.expect("200");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );
}

#[tokio::test]
async fn a_401_gets_a_new_token_and_one_more_try() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 3600, Duration::ZERO).await;
    Mock::given(path("/v1/orders/o1"))
        .respond_with(ResponseTemplate::new(401))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    api_answers(&server, 200).await;
    let client = client(&server);
    client
        .update_order("o1", &note())
        .await
        .expect("the second try succeeds");
    assert_eq!(issued.load(Ordering::SeqCst), 2);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-1", "Bearer tok-2"]
    );

    // A second 401 in a row is the answer: no third token, no loop.
    server.reset().await;
    let issued = token_endpoint(&server, 3600, Duration::ZERO).await;
    api_answers(&server, 401).await;
    let err = client.update_order("o1", &note()).await.expect_err("401");
    assert_eq!(err.status(), Some(401));
    // The cached tok-2 first, then one new token.
    assert_eq!(issued.load(Ordering::SeqCst), 1);
    assert_eq!(
        api_authorizations(&server).await,
        ["Bearer tok-2", "Bearer tok-1"]
    );
}

#[tokio::test]
async fn concurrent_calls_share_one_token_fetch() {
    let server = MockServer::start().await;
    let issued = token_endpoint(&server, 3600, Duration::from_millis(150)).await;
    api_answers(&server, 200).await;
    let client = client(&server);
    let calls: Vec<_> = (0..8)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_order("o1", &note()).await })
        })
        .collect();
    for call in calls {
        call.await.expect("joined").expect("200");
    }
    assert_eq!(
        issued.load(Ordering::SeqCst),
        1,
        "one fetch for eight calls"
    );
    assert_eq!(api_authorizations(&server).await, ["Bearer tok-1"; 8]);
}

#[tokio::test]
async fn a_refused_token_request_is_an_auth_error_that_shows_no_secret() {
    let server = MockServer::start().await;
    // A server that echoes the credentials back.
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            format!(
                r#"{{"error":"invalid_client","error_description":"Client Authentication failed for {ID}:{SECRET}"}}"#
            )
            .into_bytes(),
            "application/json",
        ))
        .mount(&server)
        .await;
    api_answers(&server, 200).await;
    let client = client(&server);
    let err = client
        .update_order("o1", &note())
        .await
        .expect_err("no token");
    let rt::Error::Auth { status, .. } = &err else {
        panic!("expected an auth error, got {err:?}");
    };
    assert_eq!(*status, Some(401));
    for shown in [err.to_string(), format!("{err:?}"), format!("{client:?}")] {
        assert!(!shown.contains(ID) && !shown.contains(SECRET), "{shown}");
    }
    assert!(err.to_string().contains("invalid_client"), "{err}");
    // Nothing reached the API.
    assert!(api_authorizations(&server).await.is_empty());

    // A token endpoint that answers a token in an error shape: the token
    // is redacted too.
    server.reset().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            br#"{"access_token":"tok-leaked","token_type":"mac"}"#.to_vec(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let err = client
        .update_order("o1", &note())
        .await
        .expect_err("not bearer");
    assert!(matches!(err, rt::Error::Auth { .. }), "{err:?}");
    assert!(!format!("{err} {err:?}").contains("tok-leaked"));
}

#[tokio::test]
async fn tokens_never_show_in_errors_of_the_api_call() {
    let server = MockServer::start().await;
    token_endpoint(&server, 3600, Duration::ZERO).await;
    // An API that echoes the Authorization header into its error body.
    Mock::given(path("/v1/orders/o1"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(
            br#"{"message":"bad auth Bearer tok-1"}"#.to_vec(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .update_order("o1", &note())
        .await
        .expect_err("500");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("tok-1"), "{shown}");
}

#[test]
fn a_request_built_without_sending_has_no_token_yet() {
    let client = shop::Client::new(
        &shop::Environment::Custom("https://api.shop.test".into()),
        &shop::Credentials::client_credentials(ID, SECRET),
        &rt::ClientConfig::default(),
    )
    .expect("client");
    let request = client.update_order_request("o1", &note()).expect("request");
    assert_eq!(request.header("authorization"), None);
    // Empty credentials are refused when the client is made.
    let empty = shop::Client::new(
        &shop::Environment::Custom("https://api.shop.test".into()),
        &shop::Credentials::client_credentials(ID, ""),
        &rt::ClientConfig::default(),
    );
    assert!(empty.is_err());
}

#[tokio::test]
async fn a_success_without_access_token_shows_no_part_of_its_body() {
    let server = MockServer::start().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            br#"{"accessToken":"tok-camel-leak","expires":3600}"#.to_vec(),
            "application/json",
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .update_order("o1", &note())
        .await
        .expect_err("no access_token");
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("tok-camel-leak"), "{shown}");
    assert!(shown.contains("accessToken"), "the keys are named: {shown}");

    server.reset().await;
    Mock::given(path("/oauth/token"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            b"access_token=tok-form-leak&token_type=bearer".to_vec(),
            "application/x-www-form-urlencoded",
        ))
        .mount(&server)
        .await;
    let err = client(&server)
        .update_order("o1", &note())
        .await
        .expect_err("not JSON");
    assert!(!format!("{err} {err:?}").contains("tok-form-leak"));
}

#[tokio::test]
async fn calls_waiting_on_a_hanging_token_endpoint_keep_their_total_timeout() {
    let server = MockServer::start().await;
    token_endpoint(&server, 3600, Duration::from_secs(30)).await;
    let client = shop::Client::new(
        &shop::Environment::Custom(server.uri()),
        &shop::Credentials::client_credentials(ID, SECRET),
        &rt::ClientConfig::default()
            .retry(rt::RetryPolicy::none().total_timeout(Duration::from_millis(300))),
    )
    .expect("client");
    let start = std::time::Instant::now();
    let calls: Vec<_> = (0..4)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move { client.update_order("o1", &note()).await })
        })
        .collect();
    for call in calls {
        let err = call.await.expect("joined").expect_err("no token in time");
        assert!(
            matches!(err, rt::Error::Auth { status: None, .. }),
            "{err:?}"
        );
    }
    // Each call ends at its own 300 ms deadline, not one after another
    // (four in a row would take 1.2 s; the endpoint would take 30 s).
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}
