//! `/collect/payment_requests` (its methods come from the operation table, `crate::api`).

use super::resource;

resource! {
    /// Payment requests: payment links and bank push requests.
    PaymentRequests
}
