// Every generated enum is `#[non_exhaustive]`: a provider documenting a new
// value must not break callers, so a match needs a `_` arm even when it
// names every variant there is today.
use generated_client::razorpay::{Environment, OrderStatus};

fn main() {
    match OrderStatus::Paid {
        OrderStatus::Created | OrderStatus::Attempted | OrderStatus::Paid => {}
        OrderStatus::Unknown(_) => {}
    }
    match Environment::Production {
        Environment::Production | Environment::Custom(_) => {}
    }
}
