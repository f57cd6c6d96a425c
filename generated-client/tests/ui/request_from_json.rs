// A request is built through its constructor alone: decoding one from JSON
// would skip its required fields (Commerce Layer's `market`, a required
// header), so request types do not implement `Deserialize`.
use generated_client::commercelayer::UpdateOrderRequest;

fn main() {
    let _request: UpdateOrderRequest = serde_json::from_str("{}").unwrap();
}
