//! Helpers shared by the end-to-end tests in `tests/`: reading the specs'
//! examples and documented errors, so the HTTP tests follow the specs
//! instead of copies of them.

#[doc(hidden)]
/// The runtime the generated `hostile` module calls (as `crate::runtime`).
pub use generated_client::runtime;

// The module generated from `fixtures/hostile/hostile.yaml` (see build.rs).
include!(concat!(env!("OUT_DIR"), "/hostile.rs"));

// The modules generated from `fixtures/language/` (see build.rs).
include!(concat!(env!("OUT_DIR"), "/language/shop.rs"));

/// The modules of the random specs `check` accepted (see `build.rs` and
/// `build/random_specs.rs`): compiled here, so an accepted spec whose code
/// does not compile, or warns, fails the build.
pub mod random_specs {
    include!(concat!(env!("OUT_DIR"), "/random_specs.rs"));
}

/// The modules of `../spec` and `fixtures/language` generated with both
/// serde directions (see build.rs): the conformance harness decodes its
/// cases into their request types, which the client's own modules only
/// build through constructors.
pub mod conformance {
    include!(concat!(env!("OUT_DIR"), "/conformance_modules.rs"));
}

/// The generated source of the `hostile` module, as compiled above.
pub const HOSTILE_SOURCE: &str = include_str!(concat!(env!("OUT_DIR"), "/hostile.rs"));

use std::path::{Path, PathBuf};

use serde_json::Value;
use wiremock::{MockServer, Request};

/// The folder the generated client is built from.
pub fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec")
}

/// `spec/<provider>.yaml` as JSON.
pub fn spec(provider: &str) -> Value {
    let path = spec_dir().join(format!("{provider}.yaml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not YAML: {e}", path.display()));
    serde_json::to_value(yaml)
        .unwrap_or_else(|e| panic!("{} does not convert to JSON: {e}", path.display()))
}

/// The operation `operation` of `provider`'s spec.
pub fn operation(provider: &str, operation: &str) -> Value {
    let spec = spec(provider);
    spec["operations"][operation].clone()
}

/// The example `name` of an operation: `path_params`, `headers`, `request`
/// and `response` (`status`, `body`), as the spec writes them.
pub fn example(provider: &str, op: &str, name: &str) -> Value {
    let operation = operation(provider, op);
    let examples = operation["examples"]
        .as_array()
        .unwrap_or_else(|| panic!("{provider}.{op} has no examples"));
    examples
        .iter()
        .find(|e| e["name"] == name)
        .unwrap_or_else(|| panic!("{provider}.{op} has no example `{name}`"))
        .clone()
}

/// One documented failure of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentedError {
    /// HTTP status.
    pub status: u16,
    /// The docs' message, when they give one.
    pub message: Option<String>,
    /// The named body type, when there is one.
    pub body: Option<String>,
}

/// The `errors:` of an operation, in spec order.
pub fn documented_errors(provider: &str, op: &str) -> Vec<DocumentedError> {
    let operation = operation(provider, op);
    operation["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{provider}.{op} documents no errors"))
        .iter()
        .map(|e| DocumentedError {
            status: e["status"]
                .as_u64()
                .and_then(|s| u16::try_from(s).ok())
                .unwrap_or_else(|| panic!("{provider}.{op}: error without a status: {e}")),
            message: e["message"].as_str().map(str::to_string),
            body: e["body"].as_str().map(str::to_string),
        })
        .collect()
}

/// A string field of a JSON object, or a panic naming it.
pub fn str_at<'a>(value: &'a Value, pointer: &str) -> &'a str {
    value
        .pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string at {pointer} in {value}"))
}

/// The one request `server` received (fails the test if there were more or none).
pub async fn only_request(server: &MockServer) -> Request {
    let mut received = server.received_requests().await.expect("recording is on");
    assert_eq!(received.len(), 1, "exactly one request: {received:?}");
    received.remove(0)
}

/// Every value of header `name` in `request`, in order.
pub fn header_values(request: &Request, name: &str) -> Vec<String> {
    request
        .headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().expect("ASCII header").to_string())
        .collect()
}

/// The header names of `request`, sorted.
pub fn header_names(request: &Request) -> Vec<String> {
    let mut names: Vec<String> = request
        .headers
        .keys()
        .map(|n| n.as_str().to_string())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_examples_and_errors_from_the_specs() {
        let ex = example("razorpay", "update_order", "docs_sample");
        assert_eq!(str_at(&ex, "/path_params/id"), "order_DaaS6LOUAASb7Y");
        assert_eq!(ex["response"]["status"], 200);
        let errors = documented_errors("costplus", "update_order");
        assert_eq!(
            errors.iter().map(|e| e.status).collect::<Vec<_>>(),
            [401, 403]
        );
        assert_eq!(errors[0].body.as_deref(), Some("ErrorBody"));
    }
}

/// What the loopback HTTP tests share: a Razorpay client pointed at a local
/// server with short timeouts, a valid request, a mock that always answers.
pub mod loopback {
    use std::time::Duration;

    use generated_client::razorpay;
    use generated_client::runtime as rt;
    use serde_json::json;
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};

    /// The Razorpay key id of the loopback clients.
    pub const KEY_ID: &str = "rzp_live_KEYID7f3a";
    /// The Razorpay key secret of the loopback clients.
    pub const KEY_SECRET: &str = "rzpSECRET9b1cQQ";

    /// Short timeouts: nothing here waits for more than a few seconds.
    pub fn config() -> rt::ClientConfig {
        rt::ClientConfig::default()
            .connect_timeout(Duration::from_secs(2))
            .request_timeout(Duration::from_secs(5))
    }

    /// A Razorpay client sending to `base`.
    pub fn razorpay_at(base: &str, config: &rt::ClientConfig) -> razorpay::Client {
        razorpay::Client::new(
            &razorpay::Environment::Custom(base.to_string()),
            &razorpay::Credentials::new(KEY_ID, KEY_SECRET),
            config,
        )
        .expect("a loopback client")
    }

    /// A valid Razorpay update.
    pub fn notes() -> razorpay::UpdateOrderRequest {
        let mut notes = razorpay::Notes::new();
        notes.insert("key1".into(), json!("value3"));
        razorpay::UpdateOrderRequest::new(notes)
    }

    /// Answers `response` to every request.
    pub async fn always(server: &MockServer, response: ResponseTemplate) {
        Mock::given(any())
            .respond_with(response)
            .mount(server)
            .await;
    }
}
