//! `/collect/payment_sessions` (its methods come from the operation table, `crate::api`).

use super::resource;

resource! {
    /// Payment sessions: one-time checkouts, first and next payments of a series,
    /// subscriptions and card verifications.
    PaymentSessions
}
