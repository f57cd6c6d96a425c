//! The runtime comparisons, case by case: one place that says what the
//! generated side and the baseline side of each comparison do, used by the
//! criterion bench (`benches/benches/runtime.rs`) and by the instruction
//! counter (`src/bin/instructions.rs`), so both measure the same code.
//!
//! - [`Requests::validate_encode`]: `validate()` plus encoding of each
//!   provider's update request, generated type against the hand-written
//!   serde struct with the same checks;
//! - [`Samples::decode`]: the docs' sample response into the generated type
//!   against plain `serde_json` into a hand-written struct;
//! - [`Calls::call`]: a whole call over loopback through the generated
//!   client against the same call made with bare `reqwest`.

use std::fmt;
use std::hint::black_box;
use std::time::Duration;

use generated_client::runtime::ClientConfig;
use generated_client::{commercelayer, costplus, juspay, razorpay};

use crate::fixtures::sample_response;
use crate::handwritten as hw;
use crate::loopback;

/// The four providers, in the order the reports list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// JSON body, Basic auth.
    Razorpay,
    /// Form body, Basic auth with an empty password, a merchant header.
    Juspay,
    /// JSON body with clearable fields; no documented sample response.
    Costplus,
    /// JSON:API, Bearer token, the largest response.
    Commercelayer,
}

impl Provider {
    /// Every provider.
    pub const ALL: [Provider; 4] = [
        Provider::Razorpay,
        Provider::Juspay,
        Provider::Costplus,
        Provider::Commercelayer,
    ];

    /// The spec's file stem.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Razorpay => "razorpay",
            Provider::Juspay => "juspay",
            Provider::Costplus => "costplus",
            Provider::Commercelayer => "commercelayer",
        }
    }

    /// The provider called `name`.
    pub fn parse(name: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which side of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The generated client.
    Generated,
    /// Hand-written serde, plain `serde_json`, or bare `reqwest`.
    Baseline,
}

impl Side {
    /// Both sides.
    pub const BOTH: [Side; 2] = [Side::Generated, Side::Baseline];

    /// The label the reports use for this side in `group`.
    pub fn label(self, group: &str) -> &'static str {
        match (self, group) {
            (Side::Generated, _) => "generated",
            (Side::Baseline, "end_to_end") => "bare_reqwest",
            (Side::Baseline, _) => "hand_written",
        }
    }
}

/// The Commerce Layer order id every case uses.
const CL_ID: &str = "xYZkjABcde";
/// The CostPlus order id.
const COSTPLUS_ID: &str = "4851e31c-4137-4e91-95ef-1df945ee76a2";
/// What the loopback server answers for CostPlus, whose docs show no
/// response: a small order.
const COSTPLUS_ORDER: &[u8] = br#"{"id":"4851e31c-4137-4e91-95ef-1df945ee76a2","currency":"EUR","amount":3500,"description":"Two T-shirts and socks","status":"new"}"#;

/// Each provider's update request, built both ways with every field set.
pub struct Requests {
    razorpay: (razorpay::UpdateOrderRequest, hw::razorpay::UpdateOrder),
    juspay: (juspay::UpdateOrderRequest, hw::juspay::UpdateOrder),
    costplus: (costplus::UpdateOrderRequest, hw::costplus::UpdateOrder),
    commercelayer: (
        commercelayer::UpdateOrderRequest,
        hw::commercelayer::UpdateOrder,
    ),
}

impl Default for Requests {
    fn default() -> Self {
        Requests::new()
    }
}

impl Requests {
    /// The four requests, both ways.
    pub fn new() -> Requests {
        Requests {
            razorpay: (hw::razorpay::generated(), hw::razorpay::hand_written()),
            juspay: (hw::juspay::generated(), hw::juspay::hand_written()),
            costplus: (hw::costplus::generated(), hw::costplus::hand_written()),
            commercelayer: (
                hw::commercelayer::generated(),
                hw::commercelayer::hand_written(),
            ),
        }
    }

    /// `validate()` then encoding; returns the body's length.
    ///
    /// # Panics
    /// If a request is invalid or does not encode: the fixtures are valid.
    pub fn validate_encode(&self, provider: Provider, side: Side) -> usize {
        macro_rules! run {
            ($r:expr $(, $arg:expr)?) => {{
                let r = black_box($r);
                r.validate().expect("valid");
                r.body($($arg)?).expect("encodes")
            }};
        }
        match (provider, side) {
            (Provider::Razorpay, Side::Generated) => run!(&self.razorpay.0).bytes.len(),
            (Provider::Razorpay, Side::Baseline) => run!(&self.razorpay.1).len(),
            (Provider::Juspay, Side::Generated) => run!(&self.juspay.0).bytes.len(),
            (Provider::Juspay, Side::Baseline) => run!(&self.juspay.1).len(),
            (Provider::Costplus, Side::Generated) => run!(&self.costplus.0).bytes.len(),
            (Provider::Costplus, Side::Baseline) => run!(&self.costplus.1).len(),
            (Provider::Commercelayer, Side::Generated) => {
                run!(&self.commercelayer.0, CL_ID).bytes.len()
            }
            (Provider::Commercelayer, Side::Baseline) => run!(&self.commercelayer.1, CL_ID).len(),
        }
    }
}

/// The docs' sample responses (CostPlus documents none).
pub struct Samples {
    razorpay: Vec<u8>,
    juspay: Vec<u8>,
    commercelayer: Vec<u8>,
}

impl Default for Samples {
    fn default() -> Self {
        Samples::new()
    }
}

/// The docs' sample response of `provider`, as bytes.
///
/// # Panics
/// If the spec has no sample response.
pub fn sample(provider: Provider) -> Vec<u8> {
    if provider == Provider::Costplus {
        return COSTPLUS_ORDER.to_vec();
    }
    sample_response(provider.name())
        .unwrap_or_else(|| panic!("{provider} has a sample response"))
        .into_bytes()
}

impl Samples {
    /// Reads the samples from the specs.
    pub fn new() -> Samples {
        Samples {
            razorpay: sample(Provider::Razorpay),
            juspay: sample(Provider::Juspay),
            commercelayer: sample(Provider::Commercelayer),
        }
    }

    /// The providers with a documented sample.
    pub const PROVIDERS: [Provider; 3] = [
        Provider::Razorpay,
        Provider::Juspay,
        Provider::Commercelayer,
    ];

    /// Decodes the sample; `false` for a provider without one.
    ///
    /// # Panics
    /// If a sample does not decode: the samples are the docs' own.
    pub fn decode(&self, provider: Provider, side: Side) -> bool {
        fn de<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bool {
            black_box(serde_json::from_slice::<T>(black_box(bytes)).expect("decodes"));
            true
        }
        match (provider, side) {
            (Provider::Razorpay, Side::Generated) => de::<razorpay::Order>(&self.razorpay),
            (Provider::Razorpay, Side::Baseline) => de::<hw::razorpay::Order>(&self.razorpay),
            (Provider::Juspay, Side::Generated) => de::<juspay::Order>(&self.juspay),
            (Provider::Juspay, Side::Baseline) => de::<hw::juspay::Order>(&self.juspay),
            (Provider::Commercelayer, Side::Generated) => {
                de::<commercelayer::OrderDocument>(&self.commercelayer)
            }
            (Provider::Commercelayer, Side::Baseline) => {
                de::<hw::commercelayer::OrderDocument>(&self.commercelayer)
            }
            (Provider::Costplus, _) => false,
        }
    }
}

/// Base URLs of one loopback server per provider.
#[derive(Debug, Clone)]
pub struct Urls(pub [String; 4]);

impl Urls {
    fn of(&self, provider: Provider) -> &str {
        let i = Provider::ALL
            .iter()
            .position(|p| *p == provider)
            .unwrap_or_default();
        &self.0[i]
    }
}

/// Starts one loopback server per provider on the current tokio runtime,
/// each answering every request with the provider's sample.
pub async fn serve_all() -> std::io::Result<Urls> {
    let mut urls: [String; 4] = Default::default();
    for (url, provider) in urls.iter_mut().zip(Provider::ALL) {
        *url = loopback::serve(sample(provider)).await?;
    }
    Ok(Urls(urls))
}

/// Clients for whole calls: the generated one per provider and one bare
/// `reqwest` client with the same transport settings.
pub struct Calls {
    urls: Urls,
    requests: Requests,
    bare: reqwest::Client,
    razorpay: razorpay::Client,
    juspay: juspay::Client,
    costplus: costplus::Client,
    commercelayer: commercelayer::Client,
}

impl Calls {
    /// Clients against the servers at `urls`.
    ///
    /// # Panics
    /// If a client cannot be built (the settings are fixed and valid).
    pub fn new(urls: Urls) -> Calls {
        let config = ClientConfig::default();
        let at = |p: Provider| urls.of(p).to_string();
        Calls {
            bare: reqwest::Client::builder()
                .connect_timeout(config.connect_timeout)
                .timeout(config.request_timeout)
                .user_agent(config.user_agent.clone())
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client builds"),
            razorpay: razorpay::Client::new(
                &razorpay::Environment::Custom(at(Provider::Razorpay)),
                &razorpay::Credentials::new("rzp_key_id", "rzp_key_secret"),
                &config,
            )
            .expect("client"),
            juspay: juspay::Client::new(
                &juspay::Environment::Custom(at(Provider::Juspay)),
                &juspay::Credentials::new("your_api_key"),
                "merchant_id",
                &config,
            )
            .expect("client"),
            costplus: costplus::Client::new(
                &costplus::Environment::Custom(at(Provider::Costplus)),
                &costplus::Credentials::new("YOUR_API_KEY"),
                &config,
            )
            .expect("client"),
            commercelayer: commercelayer::Client::new(
                &commercelayer::Environment::Custom(at(Provider::Commercelayer)),
                &commercelayer::Credentials::bearer("access_token"),
                &config,
            )
            .expect("client"),
            requests: Requests::new(),
            urls,
        }
    }

    /// One whole call: validate, encode, send, read, decode.
    ///
    /// # Panics
    /// If the call fails: the loopback server always answers 200.
    pub async fn call(&self, provider: Provider, side: Side) {
        let r = &self.requests;
        match (provider, side) {
            (Provider::Razorpay, Side::Generated) => {
                let req = black_box(&r.razorpay.0);
                let order = self.razorpay.update_order("order_DaaS6LOUAASb7Y", req);
                black_box(order.await.expect("call"));
            }
            (Provider::Juspay, Side::Generated) => {
                let order = self
                    .juspay
                    .update_order("JPAYNEW035", black_box(&r.juspay.0));
                black_box(order.await.expect("call"));
            }
            (Provider::Costplus, Side::Generated) => {
                let req = black_box(&r.costplus.0);
                black_box(
                    self.costplus
                        .update_order(COSTPLUS_ID, req)
                        .await
                        .expect("call"),
                );
            }
            (Provider::Commercelayer, Side::Generated) => {
                let req = black_box(&r.commercelayer.0);
                let order = self.commercelayer.update_order(CL_ID, req);
                black_box(order.await.expect("call"));
            }
            (_, Side::Baseline) => self.bare_call(provider).await,
        }
    }

    /// The same call with bare `reqwest`: same method, URL, auth, headers
    /// and body, hand-written validation, encoding and decoding.
    async fn bare_call(&self, provider: Provider) {
        let r = &self.requests;
        let url = self.urls.of(provider);
        let request = match provider {
            Provider::Razorpay => {
                let hand = black_box(&r.razorpay.1);
                hand.validate().expect("valid");
                self.bare
                    .patch(format!("{url}/v1/orders/order_DaaS6LOUAASb7Y"))
                    .basic_auth("rzp_key_id", Some("rzp_key_secret"))
                    .header("content-type", "application/json")
                    .body(hand.body().expect("encodes"))
            }
            Provider::Juspay => {
                let hand = black_box(&r.juspay.1);
                hand.validate().expect("valid");
                self.bare
                    .post(format!("{url}/orders/JPAYNEW035"))
                    .basic_auth("your_api_key", Some(""))
                    .header("x-merchantid", "merchant_id")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(hand.body().expect("encodes"))
            }
            Provider::Costplus => {
                let hand = black_box(&r.costplus.1);
                hand.validate().expect("valid");
                self.bare
                    .put(format!("{url}/v1/orders/{COSTPLUS_ID}/"))
                    .basic_auth("YOUR_API_KEY", Some(""))
                    .header("content-type", "application/json")
                    .body(hand.body().expect("encodes"))
            }
            Provider::Commercelayer => {
                let hand = black_box(&r.commercelayer.1);
                hand.validate().expect("valid");
                self.bare
                    .patch(format!("{url}/api/orders/{CL_ID}"))
                    .bearer_auth("access_token")
                    .header("accept", "application/vnd.api+json")
                    .header("content-type", "application/vnd.api+json")
                    .body(hand.body(CL_ID).expect("encodes"))
            }
        };
        let response = request.send().await.expect("sends");
        let bytes = response.bytes().await.expect("reads");
        match provider {
            Provider::Razorpay => {
                black_box(serde_json::from_slice::<hw::razorpay::Order>(&bytes).expect("decodes"));
            }
            Provider::Juspay => {
                black_box(serde_json::from_slice::<hw::juspay::Order>(&bytes).expect("decodes"));
            }
            // The docs show no CostPlus response: plain JSON.
            Provider::Costplus => {
                black_box(serde_json::from_slice::<serde_json::Value>(&bytes).expect("decodes"));
            }
            Provider::Commercelayer => {
                let doc = serde_json::from_slice::<hw::commercelayer::OrderDocument>(&bytes);
                black_box(doc.expect("decodes"));
            }
        }
    }
}

/// A tokio runtime for the calls: current-thread, as a caller's would be
/// in the benchmark thread.
///
/// # Panics
/// If the runtime cannot start.
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime")
}

/// A runtime with one worker thread for the loopback servers.
///
/// # Panics
/// If the runtime cannot start.
pub fn server_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("server runtime")
}

/// How long the end-to-end bench measures each case.
pub const CALL_MEASUREMENT: Duration = Duration::from_secs(4);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_sides_encode_and_decode_every_provider() {
        let requests = Requests::new();
        let samples = Samples::new();
        for p in Provider::ALL {
            for side in Side::BOTH {
                assert!(requests.validate_encode(p, side) > 2, "{p} {side:?}");
                assert_eq!(samples.decode(p, side), p != Provider::Costplus);
            }
            assert_eq!(Provider::parse(p.name()), Some(p));
        }
        assert_eq!(Provider::parse("stripe"), None);
    }

    #[test]
    fn both_sides_call_every_provider() {
        let server = server_runtime();
        let urls = server.block_on(serve_all()).expect("servers");
        let calls = Calls::new(urls);
        let rt = client_runtime();
        for p in Provider::ALL {
            for side in Side::BOTH {
                rt.block_on(calls.call(p, side));
            }
        }
    }
}
