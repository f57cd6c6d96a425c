//! Response decoding on arbitrary bytes and statuses: a typed value or an
//! error value, never a panic.
#![no_main]

use generated_client::runtime::{decode, HttpResponse};
use generated_client::{commercelayer, costplus, juspay, razorpay};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => (if s % 2 == 0 { 200 } else { 400 + u16::from(*s) }, rest.to_vec()),
        None => (200, Vec::new()),
    };
    let response = HttpResponse { status, headers: Vec::new(), body };
    let _ = decode::<razorpay::Order, razorpay::ErrorBody>("razorpay", 200, &response);
    let _ = decode::<juspay::Order, juspay::ErrorBody>("juspay", 200, &response);
    let _ = decode::<costplus::Order, serde_json::Value>("costplus", 200, &response);
    let _ = decode::<commercelayer::OrderDocument, commercelayer::ErrorDocument>("commercelayer", 200, &response);
});
