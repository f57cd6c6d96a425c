// PayPal's patches are built through their constructors alone: neither a
// patch nor the request decodes from JSON.
use generated_client::paypal::{UpdateOrderPatch, UpdateOrderRequest};

fn main() {
    let _patch: UpdateOrderPatch = serde_json::from_str("{}").unwrap();
    let _request: UpdateOrderRequest = serde_json::from_str("[]").unwrap();
}
