//! Unit tests of the encoders and request-building checks.

use super::*;

#[test]
fn url_variables_are_dns_labels() {
    assert!(check_url_variable("subdomain", "yourdomain").is_ok());
    assert!(check_url_variable("subdomain", "my-shop-2").is_ok());
    for bad in [
        "",
        "attacker.example/",
        "a.b",
        "x@y",
        "-a",
        "a-",
        "a b",
        "a?b",
    ] {
        assert!(check_url_variable("subdomain", bad).is_err(), "{bad:?}");
    }
}

#[test]
fn path_segments_cannot_change_the_url() {
    let seg = |v: &str| segment("id", v);
    assert_eq!(
        seg("order_DaaS6LOUAASb7Y").as_deref(),
        Ok("order_DaaS6LOUAASb7Y")
    );
    assert_eq!(seg("../admin?x=1").as_deref(), Ok("%2E%2E%2Fadmin%3Fx%3D1"));
    assert_eq!(seg("a b#c%").as_deref(), Ok("a%20b%23c%25"));
    assert_eq!(seg("ü").as_deref(), Ok("%C3%BC"));
    for refused in ["", ".", ".."] {
        let err = seg(refused).expect_err("refused");
        assert!(err.starts_with("path parameter `id`"), "{err}");
    }
}

#[test]
fn jsonapi_documents_keep_the_declared_order() {
    #[derive(Serialize)]
    struct Attributes {
        zulu: bool,
        #[serde(rename = "_alpha")]
        alpha: i64,
        meta: indexmap::IndexMap<String, serde_json::Value>,
    }
    let mut meta = indexmap::IndexMap::new();
    meta.insert("z".to_string(), serde_json::json!({"a": 2, "b": 1}));
    meta.insert("a".to_string(), serde_json::json!(null));
    let links = [
        Linkage {
            name: "market",
            resource: "markets",
            id: "m1",
        },
        Linkage {
            name: "customer",
            resource: "customers",
            id: "c\"1",
        },
    ];
    let body = jsonapi_body(
        "orders",
        "o/1",
        &Attributes {
            zulu: true,
            alpha: 1,
            meta,
        },
        &links,
    )
    .expect("encodes");
    assert_eq!(body.content_type, "application/vnd.api+json");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        concat!(
            r#"{"data":{"type":"orders","id":"o/1","#,
            r#""attributes":{"zulu":true,"_alpha":1,"meta":{"z":{"a":2,"b":1},"a":null}},"#,
            r#""relationships":{"market":{"data":{"type":"markets","id":"m1"}},"#,
            r#""customer":{"data":{"type":"customers","id":"c\"1"}}}}}"#
        )
    );

    // No attributes and no relationships: neither member.
    #[derive(Serialize)]
    struct Empty {
        #[serde(skip_serializing_if = "Option::is_none")]
        a: Option<i64>,
    }
    let body = jsonapi_body("orders", "o1", &Empty { a: None }, &[]).expect("encodes");
    assert_eq!(body.bytes, br#"{"data":{"type":"orders","id":"o1"}}"#);
}

#[test]
fn paths_a_url_parser_would_rewrite_are_refused() {
    for bad in [
        "/v1/orders/%2E",
        "/v1/orders/%2E%2E",
        "/v1/orders/%2e%2E/",
        "/v1/orders/.%2E",
        "/v1/orders/../x",
        "/v1/orders//",
        "//x",
    ] {
        assert!(check_path(bad).is_err(), "{bad}");
    }
    for good in [
        "/v1/orders/order_1",
        "/v1/orders/order_1/",
        "/v1/orders/%2E%2E%2E",
        "/v1/orders/%2E%2E%2Fadmin",
        "/v1/orders/order%2E1",
        "/v1/orders/%252E",
    ] {
        assert_eq!(check_path(good), Ok(()), "{good}");
    }
    // The path of an id `..`, as the generated code builds it.
    assert!(check_path("/v1/orders/%2E%2E/").is_err());
    assert!(check_path("/v1/orders/%2e").is_err());
}

#[test]
fn header_values_are_single_line_without_control_characters() {
    assert_eq!(check_header_value("X-A", "merchant id\tü"), Ok(()));
    for bad in ["a\r\nX-B: 1", "a\n", "a\r", "a\0"] {
        assert_eq!(
            check_header_value("X-A", bad),
            Err("header `X-A` contains a line break or NUL character".to_string())
        );
    }
    for bad in ["a\u{1}", "a\u{7f}", "\u{1b}[31m"] {
        assert_eq!(
            check_header_value("X-A", bad),
            Err("header `X-A` contains a control character".to_string())
        );
    }
}

#[test]
fn base_urls_must_take_a_path() {
    for good in [
        "https://api.razorpay.com",
        "http://127.0.0.1:8080",
        "https://yourdomain.commercelayer.io",
        "http://localhost:8080/prefix",
    ] {
        assert_eq!(check_base_url(good), Ok(()), "{good}");
    }
    for bad in [
        "ftp://x.test",
        "api.razorpay.com",
        "https://",
        "https:///v1",
        "http://localhost:8080?debug=1",
        "https://attacker.example#.commercelayer.io",
        "https://attacker.example?.commercelayer.io",
        "https://x.test/a b",
        "https://x.test/\u{0}",
    ] {
        assert!(check_base_url(bad).is_err(), "{bad}");
    }
    let err = check_base_url("https://user:pa55word@attacker.example/.commercelayer.io")
        .expect_err("credentials in the URL");
    assert!(!err.contains("pa55word"), "{err}");
}

#[test]
fn basic_auth_with_empty_password() {
    let a = Auth::Basic {
        username: Secret::new("your_api_key"),
        password: None,
    };
    assert_eq!(a.header_value(), "Basic eW91cl9hcGlfa2V5Og==");
}

// ---- Auth ----------------------------------------------------------------

#[test]
fn basic_auth_encodes_user_colon_password_in_base64() {
    let a = Auth::Basic {
        username: Secret::new("user"),
        password: Some(Secret::new("pa:ss")),
    };
    // base64("user:pa:ss")
    assert_eq!(a.header_value(), "Basic dXNlcjpwYTpzcw==");
    let a = Auth::Basic {
        username: Secret::new("ü"),
        password: None,
    };
    // base64 of the UTF-8 bytes C3 BC 3A
    assert_eq!(a.header_value(), "Basic w7w6");
}

#[test]
fn credentials_the_server_would_misread_are_refused_without_echo() {
    let basic = |u: &str, p: Option<&str>| Auth::Basic {
        username: Secret::new(u),
        password: p.map(Secret::new),
    };
    let cases = [
        (basic("us:er", Some("pw")), "contains `:`"),
        (basic("", Some("pw")), "user name is empty"),
        (basic("user", Some("")), "password is empty"),
        (basic("user\nX-Evil: 1", Some("pw")), "control character"),
        (basic("user", Some("p\rw")), "control character"),
        (Auth::Bearer(Secret::new("")), "token is empty"),
        (Auth::Bearer(Secret::new("  ")), "token is empty"),
        (Auth::Bearer(Secret::new("tok\nen")), "control character"),
    ];
    for (auth, expected) in cases {
        let err = auth.check().expect_err(expected);
        assert!(err.contains(expected), "{err}");
        for secret in ["us:er", "pw", "p\rw", "tok\nen"] {
            assert!(!err.contains(secret), "{err} repeats {secret:?}");
        }
    }
    assert!(
        basic("user", Some("pa:ss")).check().is_ok(),
        "a `:` in the password is fine"
    );
    assert!(
        basic("api_key", None).check().is_ok(),
        "no password when the provider wants none"
    );
    assert!(Auth::Bearer(Secret::new("tok")).check().is_ok());
}

#[test]
fn bearer_auth_is_the_token_verbatim() {
    assert_eq!(
        Auth::Bearer(Secret::new("sk_test_123")).header_value(),
        "Bearer sk_test_123"
    );
    assert_eq!(Auth::Bearer(Secret::new("")).header_value(), "Bearer ");
}

// ---- Body ----------------------------------------------------------------

#[test]
fn body_debug_shows_the_size_not_the_bytes() {
    let body = Body {
        content_type: "application/json",
        bytes: br#"{"card":"4111"}"#.to_vec(),
    };
    assert_eq!(
        format!("{body:?}"),
        r#"Body { content_type: "application/json", len: 15 }"#
    );
}

// ---- segment ---------------------------------------------------------------

#[test]
fn segments_keep_only_unreserved_characters() {
    let seg = |v: &str| segment("id", v);
    assert_eq!(seg("AZaz09-_~").as_deref(), Ok("AZaz09-_~"));
    assert_eq!(seg("a/b").as_deref(), Ok("a%2Fb"));
    assert_eq!(seg("a?b").as_deref(), Ok("a%3Fb"));
    assert_eq!(seg("a#b").as_deref(), Ok("a%23b"));
    assert_eq!(seg("%2F").as_deref(), Ok("%252F"));
    assert_eq!(seg(" ").as_deref(), Ok("%20"));
    assert_eq!(seg("a.b").as_deref(), Ok("a%2Eb"));
    assert_eq!(
        seg("+&=;:@!$'()*,").as_deref(),
        Ok("%2B%26%3D%3B%3A%40%21%24%27%28%29%2A%2C")
    );
    assert_eq!(seg("...").as_deref(), Ok("%2E%2E%2E"));
    assert_eq!(seg("\u{0}\n").as_deref(), Ok("%00%0A"));
    assert_eq!(seg("日").as_deref(), Ok("%E6%97%A5"));
    assert_eq!(seg("😀").as_deref(), Ok("%F0%9F%98%80"));
}

#[test]
fn empty_and_dot_segments_are_refused_with_the_field_name() {
    assert_eq!(
        segment("order_id", ""),
        Err("path parameter `order_id` is empty".to_string())
    );
    assert_eq!(
        segment("order_id", "."),
        Err("path parameter `order_id` is `.`, which would change the URL's path".to_string())
    );
    assert_eq!(
        segment("id", ".."),
        Err("path parameter `id` is `..`, which would change the URL's path".to_string())
    );
}

#[test]
fn integer_segments_are_decimal() {
    assert_eq!(segment_int(0), "0");
    assert_eq!(segment_int(42), "42");
    assert_eq!(segment_int(-1), "-1");
    assert_eq!(segment_int(i64::MAX), "9223372036854775807");
    assert_eq!(segment_int(i64::MIN), "-9223372036854775808");
}

// ---- check_url_variable ----------------------------------------------------

#[test]
fn url_variable_labels_at_the_edges() {
    let ok = |v: &str| check_url_variable("subdomain", v);
    for good in ["a", "Z", "0", "ACME", "shop42", "a-b", "a--b", "9-9"] {
        assert_eq!(ok(good), Ok(()), "{good:?}");
    }
    assert_eq!(ok(&"a".repeat(63)), Ok(()));
    assert_eq!(ok(&format!("a{}a", "-".repeat(61))), Ok(()));
    for bad in [
        "a".repeat(64),
        "-".to_string(),
        "--".to_string(),
        "-ab".to_string(),
        "ab-".to_string(),
        "a_b".to_string(),
        "a.b".to_string(),
        "ü".to_string(),
        "a:1".to_string(),
        "a%2e".to_string(),
        " a".to_string(),
    ] {
        assert!(ok(&bad).is_err(), "{bad:?}");
    }
    assert_eq!(
        check_url_variable("subdomain", "a.b/"),
        Err(
            r#"environment variable `subdomain` must be a DNS label (letters, digits and inner `-`), got "a.b/""#
                .to_string()
        )
    );
    assert_eq!(
        check_url_variable("region", ""),
        Err(
            r#"environment variable `region` must be a DNS label (letters, digits and inner `-`), got """#
                .to_string()
        )
    );
}

// ---- check_path ------------------------------------------------------------

#[test]
fn check_path_messages_and_edges() {
    let dot = Err("a path parameter is `.` or `..`, which would change the URL's path".to_string());
    let empty = Err("a path parameter is empty".to_string());
    assert_eq!(check_path("/v1/./x"), dot);
    assert_eq!(check_path("/v1/%2e%2e"), dot);
    assert_eq!(check_path("/v1/.%2e/x"), dot);
    assert_eq!(check_path("/v1//x"), empty);
    assert_eq!(check_path("//"), empty);
    assert_eq!(check_path("a//b"), empty);
    // A trailing slash is one empty segment at the end: allowed.
    assert_eq!(check_path("/"), Ok(()));
    assert_eq!(check_path(""), Ok(()));
    assert_eq!(check_path("/v1/orders/"), Ok(()));
    assert_eq!(check_path("/v1/orders/a.b"), Ok(()));
    assert_eq!(check_path("/v1/orders/..."), Ok(()));
    assert_eq!(check_path("/v1/orders/%2E%2E%2E"), Ok(()));
    // Only the first slash is stripped: a path without one is checked
    // the same way.
    assert_eq!(check_path("v1/./x"), dot);
    assert_eq!(check_path("v1/x"), Ok(()));
}

// ---- check_base_url --------------------------------------------------------

#[test]
fn base_url_errors_name_the_rule() {
    assert_eq!(check_base_url("https://x.test/"), Ok(()));
    assert_eq!(check_base_url("http://x.test/v1/"), Ok(()));
    // An `@` anywhere is refused: in `https://user:pa/ss@host` the password
    // holds a `/`, which puts the `@` after what looks like the host.
    for url in [
        "https://x.test/a@b",
        "https://user:pa/ss@x.test",
        "https://u:p@x.test",
    ] {
        let err = check_base_url(url).expect_err(url);
        assert!(err.contains("`user@` part"), "{err}");
        assert!(!err.contains("pa/ss") && !err.contains("u:p"), "{err}");
    }
    assert_eq!(
        super::shown_url("https://user:pa/ss@x.test/v1"),
        r#""https://[REDACTED]@x.test/v1""#
    );
    assert_eq!(check_base_url("http://[::1]:8080"), Ok(()));

    assert_eq!(
        check_base_url("HTTPS://x.test"),
        Err("base URL \"HTTPS://x.test\" is not an http(s) URL".to_string())
    );
    assert_eq!(
        check_base_url("ws://x.test"),
        Err("base URL \"ws://x.test\" is not an http(s) URL".to_string())
    );
    assert_eq!(
        check_base_url(""),
        Err("base URL \"\" is not an http(s) URL".to_string())
    );
    assert_eq!(
        check_base_url("https:/x.test"),
        Err("base URL \"https:/x.test\" is not an http(s) URL".to_string())
    );
    let userinfo = Err(
        "the base URL carries a `user@` part; pass credentials as the client's credentials"
            .to_string(),
    );
    assert_eq!(check_base_url("https://user@x.test"), userinfo);
    assert_eq!(check_base_url("http://u:p@x.test/v1"), userinfo);
    assert_eq!(check_base_url("https://@x.test"), userinfo);
    assert_eq!(
        check_base_url("http://"),
        Err("base URL \"http://\" has no host".to_string())
    );
    assert_eq!(
        check_base_url("https:///v1"),
        Err("base URL \"https:///v1\" has no host".to_string())
    );
    assert_eq!(
        check_base_url("https://x.test/v1?a=1"),
        Err(
            "base URL \"https://x.test/v1?a=1\" has a query or fragment, so request paths cannot be appended to it"
                .to_string()
        )
    );
    assert_eq!(
        check_base_url("https://x.test#f"),
        Err(
            "base URL \"https://x.test#f\" has a query or fragment, so request paths cannot be appended to it"
                .to_string()
        )
    );
    assert_eq!(
        check_base_url("https://x.test/a b"),
        Err(
            r#"base URL "https://x.test/a b" contains whitespace or a control character"#
                .to_string()
        )
    );
    assert_eq!(
        check_base_url("https://x.test\n"),
        Err(
            r#"base URL "https://x.test\n" contains whitespace or a control character"#.to_string()
        )
    );
    // Control but not whitespace, and whitespace but not control.
    assert!(check_base_url("https://x.test/\u{7f}").is_err());
    assert!(check_base_url("https://x.test/\u{1}").is_err());
    assert!(check_base_url("https://x.test/\u{a0}").is_err());
    assert!(check_base_url("https://x.test/\u{2003}").is_err());
}

// ---- check_header_value ----------------------------------------------------

#[test]
fn header_value_edges() {
    let ok = |v: &str| check_header_value("X-Merchant", v);
    for good in [
        "",
        " ",
        "\t",
        "a\tb",
        "~",
        "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}",
        "ü",
        "日本",
    ] {
        assert_eq!(ok(good), Ok(()), "{good:?}");
    }
    let line = Err("header `X-Merchant` contains a line break or NUL character".to_string());
    for bad in ["\r", "\n", "\0", "x\r\n", "\0x"] {
        assert_eq!(ok(bad), line, "{bad:?}");
    }
    let control = Err("header `X-Merchant` contains a control character".to_string());
    for bad in [
        "\u{1}", "\u{8}", "\u{b}", "\u{c}", "\u{1f}", "\u{7f}", "a\u{1b}b",
    ] {
        assert_eq!(ok(bad), control, "{bad:?}");
    }
}

// ---- json_body -------------------------------------------------------------

/// A value whose serialization fails.
struct Unencodable;

impl Serialize for Unencodable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("boom"))
    }
}

#[test]
fn json_body_bytes_and_content_type() {
    #[derive(Serialize)]
    struct Update<'a> {
        zulu: &'a str,
        alpha: Option<i64>,
        notes: indexmap::IndexMap<&'a str, &'a str>,
    }
    let mut notes = indexmap::IndexMap::new();
    notes.insert("z", "\"q\"\n");
    notes.insert("a", "ü");
    let body = json_body(&Update {
        zulu: "x",
        alpha: None,
        notes,
    })
    .expect("encodes");
    assert_eq!(body.content_type, "application/json");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        r#"{"zulu":"x","alpha":null,"notes":{"z":"\"q\"\n","a":"ü"}}"#
    );
    assert_eq!(json_body(&()).expect("encodes").bytes, b"null");
}

#[test]
fn json_body_reports_encoding_errors() {
    assert_eq!(
        json_body(&Unencodable),
        Err("cannot encode the body as JSON: boom".to_string())
    );
}

// ---- jsonapi_body ----------------------------------------------------------

#[test]
fn jsonapi_attributes_without_relationships() {
    #[derive(Serialize)]
    struct Attributes {
        b: i64,
        a: &'static str,
    }
    let body = jsonapi_body("orders", "o1", &Attributes { b: 2, a: "x" }, &[]).expect("encodes");
    assert_eq!(body.content_type, "application/vnd.api+json");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        r#"{"data":{"type":"orders","id":"o1","attributes":{"b":2,"a":"x"}}}"#
    );
}

#[test]
fn jsonapi_relationships_without_attributes() {
    #[derive(Serialize)]
    struct NoFields {}
    let links = [Linkage {
        name: "customer",
        resource: "customers",
        id: "c1",
    }];
    let body = jsonapi_body("orders", "o1", &NoFields {}, &links).expect("encodes");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        r#"{"data":{"type":"orders","id":"o1","relationships":{"customer":{"data":{"type":"customers","id":"c1"}}}}}"#
    );
    // Attributes that are no object at all (`null`) are left out too, and a
    // tiny document with a relationship still encodes.
    let body = jsonapi_body("o", "1", &(), &links).expect("encodes");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        r#"{"data":{"type":"o","id":"1","relationships":{"customer":{"data":{"type":"customers","id":"c1"}}}}}"#
    );
    let body = jsonapi_body("o", "1", &(), &[]).expect("encodes");
    assert_eq!(body.bytes, br#"{"data":{"type":"o","id":"1"}}"#);
}

#[test]
fn jsonapi_strings_are_json_escaped() {
    let links = [Linkage {
        name: "line_items",
        resource: "line_items",
        id: "l\\1\u{1}",
    }];
    let body = jsonapi_body("ord\"ers", "o\n/ü", &(), &links).expect("encodes");
    assert_eq!(
        String::from_utf8(body.bytes).expect("UTF-8"),
        concat!(
            r#"{"data":{"type":"ord\"ers","id":"o\n/ü","#,
            r#""relationships":{"line_items":{"data":{"type":"line_items","id":"l\\1\u0001"}}}}}"#
        )
    );
}

#[test]
fn jsonapi_reports_attribute_encoding_errors() {
    assert_eq!(
        jsonapi_body("orders", "o1", &Unencodable, &[]),
        Err("cannot encode attributes: boom".to_string())
    );
}

#[test]
fn jsonapi_output_parses_back_to_the_same_document() {
    #[derive(Serialize)]
    struct Attributes {
        status: &'static str,
    }
    let links = [
        Linkage {
            name: "a",
            resource: "as",
            id: "1",
        },
        Linkage {
            name: "b",
            resource: "bs",
            id: "2",
        },
    ];
    let body =
        jsonapi_body("orders", "o1", &Attributes { status: "placed" }, &links).expect("encodes");
    let parsed: serde_json::Value = serde_json::from_slice(&body.bytes).expect("valid JSON");
    assert_eq!(
        parsed,
        serde_json::json!({"data": {
            "type": "orders",
            "id": "o1",
            "attributes": {"status": "placed"},
            "relationships": {
                "a": {"data": {"type": "as", "id": "1"}},
                "b": {"data": {"type": "bs", "id": "2"}},
            },
        }})
    );
}
