// Razorpay's update requires `notes`: a request without it does not compile.
use generated_client::razorpay::UpdateOrderRequest;

fn main() {
    let _request = UpdateOrderRequest::new();
}
