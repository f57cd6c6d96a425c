// Commerce Layer's `_place` takes one value, `1` (`const: 1`): the setter
// sends it and takes no argument, so no other value can be written.
use generated_client::commercelayer::UpdateOrderRequest;

fn main() {
    let _request = UpdateOrderRequest::new().place(2);
}
