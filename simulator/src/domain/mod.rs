//! The simulated behaviour of each resource, as methods on [`crate::state::Store`].
//! Handlers parse and authenticate; these functions decide what happens.

pub mod billing;
pub mod charges;
pub mod payment_pages;
pub mod payment_requests;
pub mod payment_sessions;
pub mod payments;
pub mod subscriptions;
