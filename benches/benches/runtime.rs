//! Runtime cost of the generated client against hand-written serde code:
//! `validate()` + encoding of each provider's update request, decoding of
//! each docs sample response, and whole calls over loopback against bare
//! `reqwest`. `cargo bench -p benches --bench runtime`.

use std::hint::black_box;
use std::time::Duration;

use benches::fixtures::sample_response;
use benches::handwritten as hw;
use benches::loopback;
use criterion::{criterion_group, criterion_main, Criterion};
use generated_client::runtime::ClientConfig;
use generated_client::{commercelayer, costplus, juspay, razorpay};

fn validate_and_encode(c: &mut Criterion) {
    let mut g = c.benchmark_group("validate_encode");
    let (gen, hand) = (hw::razorpay::generated(), hw::razorpay::hand_written());
    g.bench_function("razorpay/generated", |b| {
        b.iter(|| {
            let r = black_box(&gen);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    g.bench_function("razorpay/hand_written", |b| {
        b.iter(|| {
            let r = black_box(&hand);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    let (gen, hand) = (hw::juspay::generated(), hw::juspay::hand_written());
    g.bench_function("juspay/generated", |b| {
        b.iter(|| {
            let r = black_box(&gen);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    g.bench_function("juspay/hand_written", |b| {
        b.iter(|| {
            let r = black_box(&hand);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    let (gen, hand) = (hw::costplus::generated(), hw::costplus::hand_written());
    g.bench_function("costplus/generated", |b| {
        b.iter(|| {
            let r = black_box(&gen);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    g.bench_function("costplus/hand_written", |b| {
        b.iter(|| {
            let r = black_box(&hand);
            r.validate().expect("valid");
            r.body().expect("encodes")
        })
    });
    let (gen, hand) = (
        hw::commercelayer::generated(),
        hw::commercelayer::hand_written(),
    );
    g.bench_function("commercelayer/generated", |b| {
        b.iter(|| {
            let r = black_box(&gen);
            r.validate().expect("valid");
            r.body("xYZkjABcde").expect("encodes")
        })
    });
    g.bench_function("commercelayer/hand_written", |b| {
        b.iter(|| {
            let r = black_box(&hand);
            r.validate().expect("valid");
            r.body("xYZkjABcde").expect("encodes")
        })
    });
    g.finish();
}

fn sample(provider: &str) -> Vec<u8> {
    sample_response(provider)
        .unwrap_or_else(|| panic!("{provider} has a sample response"))
        .into_bytes()
}

fn decode(c: &mut Criterion) {
    let mut g = c.benchmark_group("decode");
    let body = sample("razorpay");
    g.bench_function("razorpay/generated", |b| {
        b.iter(|| serde_json::from_slice::<razorpay::Order>(black_box(&body)).expect("decodes"))
    });
    g.bench_function("razorpay/hand_written", |b| {
        b.iter(|| serde_json::from_slice::<hw::razorpay::Order>(black_box(&body)).expect("decodes"))
    });
    let body = sample("juspay");
    g.bench_function("juspay/generated", |b| {
        b.iter(|| serde_json::from_slice::<juspay::Order>(black_box(&body)).expect("decodes"))
    });
    g.bench_function("juspay/hand_written", |b| {
        b.iter(|| serde_json::from_slice::<hw::juspay::Order>(black_box(&body)).expect("decodes"))
    });
    let body = sample("commercelayer");
    g.bench_function("commercelayer/generated", |b| {
        b.iter(|| {
            serde_json::from_slice::<commercelayer::OrderDocument>(black_box(&body))
                .expect("decodes")
        })
    });
    g.bench_function("commercelayer/hand_written", |b| {
        b.iter(|| {
            serde_json::from_slice::<hw::commercelayer::OrderDocument>(black_box(&body))
                .expect("decodes")
        })
    });
    g.finish();
}

/// The generated client's transport settings, for the bare client too.
fn bare_client(config: &ClientConfig) -> reqwest::Client {
    reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.request_timeout)
        .user_agent(config.user_agent.clone())
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client builds")
}

fn end_to_end(c: &mut Criterion) {
    // The server gets a runtime (one worker thread) of its own; the calls
    // run on a current-thread runtime in the benchmark thread.
    let server_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("server runtime");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    let config = ClientConfig::default();
    let bare = bare_client(&config);
    let mut g = c.benchmark_group("end_to_end");
    g.measurement_time(Duration::from_secs(4));

    // Razorpay: JSON, Basic auth.
    let url = server_rt
        .block_on(loopback::serve(sample("razorpay")))
        .expect("server");
    let client = razorpay::Client::new(
        &razorpay::Environment::Custom(url.clone()),
        &razorpay::Credentials::new("rzp_key_id", "rzp_key_secret"),
        &config,
    )
    .expect("client");
    let req = hw::razorpay::generated();
    g.bench_function("razorpay/generated", |b| {
        b.iter(|| {
            rt.block_on(client.update_order("order_DaaS6LOUAASb7Y", black_box(&req)))
                .expect("call")
        })
    });
    let hand = hw::razorpay::hand_written();
    let target = format!("{url}/v1/orders/order_DaaS6LOUAASb7Y");
    g.bench_function("razorpay/bare_reqwest", |b| {
        b.iter(|| {
            rt.block_on(async {
                hand.validate().expect("valid");
                let response = bare
                    .patch(&target)
                    .basic_auth("rzp_key_id", Some("rzp_key_secret"))
                    .header("content-type", "application/json")
                    .body(hand.body().expect("encodes"))
                    .send()
                    .await
                    .expect("sends");
                let bytes = response.bytes().await.expect("reads");
                serde_json::from_slice::<hw::razorpay::Order>(&bytes).expect("decodes")
            })
        })
    });

    // Juspay: form, Basic auth with an empty password, a merchant header.
    let url = server_rt
        .block_on(loopback::serve(sample("juspay")))
        .expect("server");
    let client = juspay::Client::new(
        &juspay::Environment::Custom(url.clone()),
        &juspay::Credentials::new("your_api_key"),
        "merchant_id",
        &config,
    )
    .expect("client");
    let req = hw::juspay::generated();
    g.bench_function("juspay/generated", |b| {
        b.iter(|| {
            rt.block_on(client.update_order("JPAYNEW035", black_box(&req)))
                .expect("call")
        })
    });
    let hand = hw::juspay::hand_written();
    let target = format!("{url}/orders/JPAYNEW035");
    g.bench_function("juspay/bare_reqwest", |b| {
        b.iter(|| {
            rt.block_on(async {
                hand.validate().expect("valid");
                let response = bare
                    .post(&target)
                    .basic_auth("your_api_key", Some(""))
                    .header("x-merchantid", "merchant_id")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(hand.body().expect("encodes"))
                    .send()
                    .await
                    .expect("sends");
                let bytes = response.bytes().await.expect("reads");
                serde_json::from_slice::<hw::juspay::Order>(&bytes).expect("decodes")
            })
        })
    });

    // CostPlus: JSON with clearable fields; the docs show no response, so
    // the server answers with a small order.
    let order = br#"{"id":"4851e31c-4137-4e91-95ef-1df945ee76a2","currency":"EUR","amount":3500,"description":"Two T-shirts and socks","status":"new"}"#;
    let url = server_rt
        .block_on(loopback::serve(order.to_vec()))
        .expect("server");
    let client = costplus::Client::new(
        &costplus::Environment::Custom(url.clone()),
        &costplus::Credentials::new("YOUR_API_KEY"),
        &config,
    )
    .expect("client");
    let req = hw::costplus::generated();
    let id = "4851e31c-4137-4e91-95ef-1df945ee76a2";
    g.bench_function("costplus/generated", |b| {
        b.iter(|| {
            rt.block_on(client.update_order(id, black_box(&req)))
                .expect("call")
        })
    });
    let hand = hw::costplus::hand_written();
    let target = format!("{url}/v1/orders/{id}/");
    g.bench_function("costplus/bare_reqwest", |b| {
        b.iter(|| {
            rt.block_on(async {
                hand.validate().expect("valid");
                let response = bare
                    .put(&target)
                    .basic_auth("YOUR_API_KEY", Some(""))
                    .header("content-type", "application/json")
                    .body(hand.body().expect("encodes"))
                    .send()
                    .await
                    .expect("sends");
                let bytes = response.bytes().await.expect("reads");
                serde_json::from_slice::<serde_json::Value>(&bytes).expect("decodes")
            })
        })
    });

    // Commerce Layer: JSON:API, Bearer token, the largest response.
    let url = server_rt
        .block_on(loopback::serve(sample("commercelayer")))
        .expect("server");
    let client = commercelayer::Client::new(
        &commercelayer::Environment::Custom(url.clone()),
        &commercelayer::Credentials::new("access_token"),
        &config,
    )
    .expect("client");
    let req = hw::commercelayer::generated();
    g.bench_function("commercelayer/generated", |b| {
        b.iter(|| {
            rt.block_on(client.update_order("xYZkjABcde", black_box(&req)))
                .expect("call")
        })
    });
    let hand = hw::commercelayer::hand_written();
    let target = format!("{url}/api/orders/xYZkjABcde");
    g.bench_function("commercelayer/bare_reqwest", |b| {
        b.iter(|| {
            rt.block_on(async {
                hand.validate().expect("valid");
                let response = bare
                    .patch(&target)
                    .bearer_auth("access_token")
                    .header("accept", "application/vnd.api+json")
                    .header("content-type", "application/vnd.api+json")
                    .body(hand.body("xYZkjABcde").expect("encodes"))
                    .send()
                    .await
                    .expect("sends");
                let bytes = response.bytes().await.expect("reads");
                serde_json::from_slice::<hw::commercelayer::OrderDocument>(&bytes).expect("decodes")
            })
        })
    });
    g.finish();
    drop(rt);
    server_rt.shutdown_timeout(Duration::from_secs(1));
}

criterion_group! {
    name = runtime;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = validate_and_encode, decode, end_to_end
}
criterion_main!(runtime);
