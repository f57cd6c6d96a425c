// Required fields cannot be skipped with a struct literal either.
use generated_client::costplus::UpdateOrderRequest;

fn main() {
    let _request = UpdateOrderRequest { description: None };
}
