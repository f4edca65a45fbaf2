//! The virtual clock from a merchant's side: advancing its own clock (tests in parallel never
//! move each other's) or everyone's, and finding the next thing scheduled on it, so a test can
//! jump straight there (`POST /_sim/clock/next`).

use crate::clock;
use crate::problem::{ApiError, ApiResult};
use crate::state::Store;
use momentpay::models::{PaymentRequestStatus, PaymentSessionStatus};

/// The most a clock may be moved at once.
pub const MAX_ADVANCE_SECONDS: f64 = 10.0 * 365.0 * 86_400.0;

/// What is scheduled: when (the merchant's virtual Unix ms) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// When it is due.
    pub at_ms: i64,
    /// What: `subscription charge`, `session expiry`, `payment request expiry`,
    /// `authorisation expiry` or `webhook retry`.
    pub what: &'static str,
}

/// A number of seconds a clock may move by: finite, 0 to ten years.
pub fn checked_seconds(seconds: f64) -> ApiResult<f64> {
    if seconds.is_finite() && (0.0..=MAX_ADVANCE_SECONDS).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(ApiError::validation(
            422,
            "seconds",
            "must be between 0 and ten years",
        ))
    }
}

impl Store {
    /// Moves merchant `key`'s clock forward by `ms` (the others stay where they are).
    pub fn advance_merchant_clock(&mut self, key: &str, ms: i64) {
        let merchant = self.merchant(key);
        merchant.clock_offset_ms = merchant.clock_offset_ms.saturating_add(ms.max(0));
    }

    /// Moves merchant `key`'s clock just past the next thing scheduled for it and answers what
    /// that was (`None`, and the clock unmoved, when nothing is scheduled). The caller then
    /// runs what became due ([`crate::App::tick`]).
    pub fn advance_to_next(&mut self, key: &str) -> Option<Scheduled> {
        let next = self.next_scheduled(key)?;
        let step = next
            .at_ms
            .saturating_sub(self.now_ms(key))
            .saturating_add(1);
        self.advance_merchant_clock(key, step);
        Some(next)
    }

    /// The earliest thing scheduled for merchant `key` after its now.
    pub fn next_scheduled(&mut self, key: &str) -> Option<Scheduled> {
        let now = self.now_ms(key);
        let ttl = self.session_ttl_ms;
        let merchant = self.merchant(key);
        let mut due: Vec<Scheduled> = Vec::new();
        for subscription in &merchant.subscriptions {
            let within = subscription
                .end_day
                .is_none_or(|end| subscription.next_charge_ms.div_euclid(86_400_000) <= end);
            if within {
                due.push(Scheduled {
                    at_ms: subscription.next_charge_ms,
                    what: "subscription charge",
                });
            }
        }
        for record in merchant.sessions.values() {
            if record.session.status == PaymentSessionStatus::Active {
                due.push(Scheduled {
                    at_ms: record.last_activity_ms + ttl,
                    what: "session expiry",
                });
            }
        }
        for request in merchant.payment_requests.values() {
            if request.status == PaymentRequestStatus::Active
                && let Some(at) = request.expires_at.as_deref().and_then(clock::parse_rfc3339)
            {
                due.push(Scheduled {
                    at_ms: at,
                    what: "payment request expiry",
                });
            }
        }
        for payment in merchant.payments.values() {
            if payment.remaining_authorised() > 0
                && let Some(at) = payment
                    .authorization_expires_at
                    .as_deref()
                    .and_then(clock::parse_rfc3339)
            {
                due.push(Scheduled {
                    at_ms: at,
                    what: "authorisation expiry",
                });
            }
        }
        for delivery in &self.deliveries {
            if delivery.merchant == key && delivery.status == "pending" && !delivery.in_flight {
                due.push(Scheduled {
                    at_ms: delivery.next_attempt_ms,
                    what: "webhook retry",
                });
            }
        }
        due.into_iter()
            .filter(|s| s.at_ms > now)
            .min_by_key(|s| s.at_ms)
    }
}
