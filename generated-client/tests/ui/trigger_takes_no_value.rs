// Commerce Layer's update requires the `market` relationship.
use generated_client::commercelayer::UpdateOrderRequest;

fn main() {
    let _request = UpdateOrderRequest::new().guest(true);
}
