// Razorpay rejects `amount` on update: the request type has no way to set it.
use generated_client::razorpay::{Notes, UpdateOrderRequest};

fn main() {
    let _request = UpdateOrderRequest::new(Notes::new()).amount(2200);
}
