// A request's body fields are public to read and change, but the type is
// `#[non_exhaustive]`: even a struct literal naming every field does not
// compile, so a request is only built through `new` with its required fields.
use generated_client::razorpay::{Notes, UpdateOrderRequest};

fn main() {
    let _request = UpdateOrderRequest {
        notes: Notes::default(),
    };
}
