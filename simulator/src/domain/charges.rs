//! Creating a payment from a card charge, shared by checkouts, series charges, payment
//! requests, payment pages and billing payments.

use crate::cards::{self, CardOutcome};
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::state::Store;
use momentpay::models::*;

/// What is being charged.
pub struct Charge<'a> {
    /// Amount in minor units (0 for a verification).
    pub amount: i64,
    /// Currency.
    pub currency: &'a str,
    /// Normalised card number.
    pub card: &'a str,
    /// `manual` holds the funds for a later capture.
    pub capture_method: CaptureMethod,
    /// Merchant reference.
    pub external_reference: Option<String>,
    /// Metadata.
    pub metadata: Metadata,
    /// True for a charge on a saved method (next_in_series).
    pub saved: bool,
}

impl Store {
    /// Charges a card: stores and returns the payment, succeeded or failed (not yet emitted).
    pub fn charge(&mut self, merchant_key: &str, charge: Charge<'_>) -> (Payment, CardOutcome) {
        let now_ms = self.now_ms(merchant_key);
        let now = self.now(merchant_key);
        let outcome = cards::outcome(charge.card, charge.saved);
        let verification = charge.amount == 0;
        let manual = charge.capture_method == CaptureMethod::Manual && !verification;
        let approved = outcome == CardOutcome::Approved;
        let payment = Payment {
            id: new_id("pay"),
            status: if approved {
                PaymentStatus::Succeeded
            } else {
                PaymentStatus::Failed
            },
            amount: charge.amount,
            currency: charge.currency.to_owned(),
            intent: Some(if verification {
                PaymentIntent::PaymentMethodVerification
            } else {
                PaymentIntent::Payment
            }),
            country: Some("ZA".to_owned()),
            capture_method: Some(if manual {
                CaptureMethod::Manual
            } else {
                CaptureMethod::Automatic
            }),
            authorised_amount: Some(if approved { charge.amount } else { 0 }),
            paid_amount: Some(if approved && !manual {
                charge.amount
            } else {
                0
            }),
            voided_amount: Some(0),
            authorization_expires_at: (approved && manual)
                .then(|| crate::clock::rfc3339(now_ms + self.authorization_ttl_ms)),
            payment_method_details: Some(cards::details(charge.card)),
            reconciliation_reference: Some(new_id("rec")),
            last_payment_error: outcome.last_payment_error(now.clone()),
            external_reference: charge.external_reference,
            metadata: charge.metadata,
            mode: Some(self.merchant(merchant_key).mode()),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(merchant_key)
            .payments
            .insert(payment.id.clone(), payment.clone());
        (payment, outcome)
    }

    /// Charges a card for a customer-initiated payment without a session (payment pages,
    /// billing): a decline emits `payment.failed` and answers 402 `payment-failed`.
    pub fn charge_or_decline(
        &mut self,
        merchant_key: &str,
        charge: Charge<'_>,
    ) -> ApiResult<Payment> {
        let (payment, outcome) = self.charge(merchant_key, charge);
        if outcome != CardOutcome::Approved {
            self.emit(
                merchant_key,
                EventType::PaymentFailed,
                EventData::Payment(Box::new(payment)),
            );
            return Err(ApiError::new(
                402,
                "payment-failed",
                "The payment failed",
                "The card was declined.",
            ));
        }
        Ok(payment)
    }
}
