//! Whatever a client sends, the mock answers: random methods, paths
//! (around the documented templates, with escapes, dot segments and
//! filters), credentials, content types and bodies (JSON of any shape,
//! JSON Patch lists with random operations and pointers, raw bytes),
//! against held resources of random shape, never panic and always get a
//! status. A property test of the invariant (4,096 requests), not a list
//! of cases.

use proptest::prelude::*;
use serde_json::{json, Value};

use crate::server::{answer, Shared};

/// Text a hostile client likes: JSON Pointer escapes, filter steps,
/// percent escapes, dot segments, long runs.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z_]{0,8}",
        Just("~".to_string()),
        Just("~2".to_string()),
        Just("@reference_id=='PUHF'".to_string()),
        Just("@reference_id==".to_string()),
        Just("%FF%00".to_string()),
        Just("..".to_string()),
        Just("-".to_string()),
        "[0-9]{1,3}",
        "\\PC{0,12}",
        Just("é".repeat(300)),
    ]
}

fn pointer() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..6).prop_map(|t| {
        if t.is_empty() {
            String::new()
        } else {
            format!("/{}", t.join("/"))
        }
    })
}

/// JSON of any shape, a few levels deep.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "-?[0-9]{1,20}\\.[0-9]{0,4}".prop_map(Value::from),
        token().prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(token(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A JSON Patch list: mostly documented operations (PayPal's) with values
/// of their types, else random ones.
fn patch_list() -> impl Strategy<Value = Value> {
    let op = (
        prop_oneof![
            3 => Just("replace"),
            2 => Just("add"),
            2 => Just("remove"),
            1 => Just("move"),
            1 => Just(""),
        ],
        prop_oneof![
            1 => pointer(),
            1 => Just("/intent".to_string()),
            3 => Just("/purchase_units/@reference_id=='PUHF'/description".to_string()),
            3 => Just("/purchase_units/@reference_id=='PUHF'/amount".to_string()),
            1 => Just("/purchase_units/@reference_id=='NONE'/description".to_string()),
            1 => Just("/purchase_units/@reference_id==''/custom_id".to_string()),
            1 => Just("/purchase_units/@reference_id=='PUHF'".to_string()),
            1 => Just("/purchase_units/0".to_string()),
            1 => Just("/purchase_units/-".to_string()),
        ],
        prop_oneof![
            1 => json_value().prop_map(Some),
            2 => Just(Some(json!("Gift"))),
            2 => Just(Some(json!({"currency_code": "USD", "value": "1.00"}))),
            1 => Just(None),
        ],
        prop::bool::weighted(0.9),
    )
        .prop_map(|(op, path, value, with_path)| {
            let mut o = json!({"op": op});
            if with_path {
                o["path"] = Value::String(path);
            }
            if let Some(v) = value {
                o["value"] = v;
            }
            o
        });
    prop::collection::vec(op, 1..4).prop_map(Value::Array)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => json_value().prop_map(|v| v.to_string().into_bytes()),
        3 => patch_list().prop_map(|v| v.to_string().into_bytes()),
        1 => json_value().prop_map(|v| {
            json!({"data": {"type": "orders", "id": "x", "attributes": v}})
                .to_string()
                .into_bytes()
        }),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => Just(b"a[b][c][][d]=1&a[b]=2&%FF=%00&&=".to_vec()),
    ]
}

/// What a random request is made of.
#[derive(Debug, Clone)]
struct Request {
    provider: usize,
    method: &'static str,
    route: usize,
    segments: Vec<String>,
    raw_path: Option<String>,
    authorization: Option<Option<String>>,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    held: Option<Value>,
}

fn request() -> impl Strategy<Value = Request> {
    (
        0usize..16,
        prop_oneof![
            Just("GET"),
            Just("POST"),
            Just("PATCH"),
            Just("PUT"),
            Just("DELETE")
        ],
        0usize..8,
        // Mostly the documented id (the held resource's), else anything.
        prop::option::weighted(0.2, prop::collection::vec(token(), 0..4))
            .prop_map(Option::unwrap_or_default),
        prop::option::weighted(0.1, "\\PC{0,40}"),
        // Mostly the provider's own scheme (`None` here), else another
        // scheme, garbage or nothing.
        prop::option::weighted(
            0.3,
            prop_oneof![
                Just(Some("Bearer token".to_string())),
                Just(Some("Basic dXNlcjpzZWNyZXQ=".to_string())),
                Just(Some("Basic !!!".to_string())),
                "\\PC{0,20}".prop_map(Some),
                Just(None),
            ]
        ),
        // Mostly the route's own media type (`None` here).
        prop::option::weighted(
            0.2,
            prop_oneof![
                Just("application/json"),
                Just("application/x-www-form-urlencoded"),
                Just("application/vnd.api+json"),
                Just("text/plain"),
            ]
        ),
        body(),
        prop::option::of(prop_oneof![
            json_value(),
            // An order as PayPal holds one, which documented patches find.
            Just(json!({
                "id": "5O190127TN364715T",
                "intent": "CAPTURE",
                "purchase_units": [
                    {"reference_id": "PUHF", "description": "d", "amount": {"currency_code": "USD", "value": "1.00"}},
                    {"reference_id": "other"}
                ]
            })),
        ]),
    )
        .prop_map(
            |(
                provider,
                method,
                route,
                segments,
                raw_path,
                authorization,
                content_type,
                body,
                held,
            )| {
                Request {
                    provider,
                    method,
                    route,
                    segments,
                    raw_path,
                    authorization,
                    content_type,
                    body,
                    held,
                }
            },
        )
}

/// The path: a route's template with the random segments for its
/// placeholders, or a raw random one.
fn path_of(template: &str, segments: &[String], raw: Option<&String>) -> String {
    if let Some(raw) = raw {
        return raw.clone();
    }
    let mut out = String::new();
    let mut rest = template;
    let mut i = 0;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(segments.get(i).map_or("5O190127TN364715T", String::as_str));
        i += 1;
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn any_request_gets_an_answer(r in request()) {
        let providers = crate::providers();
        if providers.is_empty() {
            // A build without providers serves nothing to ask.
            return Ok(());
        }
        let shared = Shared::new(&providers[r.provider % providers.len()], None)
            .expect("the built-in spec checks");
        let routes = shared.paths();
        let (method, template, media) = &routes[r.route % routes.len()];
        let path = path_of(template, &r.segments, r.raw_path.as_ref());
        let method = if r.route % 3 == 0 { r.method } else { method.as_str() };
        if let Some(held) = &r.held {
            // The documented id, holding a resource of any shape.
            for id in ["5O190127TN364715T", "order_DaaS6LOUAASb7Y", "xYZkjABcde"] {
                shared.seed(id, held.clone());
            }
        }
        let media = r.content_type.unwrap_or(media);
        let mut headers = vec![("content-type".to_string(), media.to_string())];
        let authorization = match &r.authorization {
            None => Some(shared.good_authorization().to_string()),
            Some(other) => other.clone(),
        };
        if let Some(a) = authorization {
            headers.push(("authorization".to_string(), a));
        }
        headers.push(("x-merchantid".to_string(), "m".to_string()));
        let a = answer(&shared, method, &path, &headers, &r.body);
        prop_assert!((100..600).contains(&a.status), "{}", a.status);
    }
}
