//! Captures and voids of manual-capture authorisations, with the documented 409 details.

use crate::problem::{ApiError, ApiResult};
use crate::state::{Store, merge_metadata};
use momentpay::models::*;

const NOT_AUTHORISED_CAPTURE: &str =
    "The payment is not in an authorised state and cannot be captured.";
const EXCEEDS: &str = "The capture amount exceeds the remaining authorised amount.";
const EXPIRED: &str = "The authorisation has expired and can no longer be captured.";
const NOT_AUTHORISED_VOID: &str = "The payment is not in an authorised state and cannot be voided.";
const FULLY_VOIDED: &str = "The payment has already been fully voided.";
const NOTHING_LEFT: &str = "There is no remaining authorised amount to void.";

fn is_authorisation(payment: &Payment) -> bool {
    payment.status == PaymentStatus::Succeeded
        && payment.capture_method == Some(CaptureMethod::Manual)
        && payment.intent != Some(PaymentIntent::PaymentMethodVerification)
}

impl Store {
    /// `POST /collect/payments/{id}/captures`.
    pub fn capture(&mut self, key: &str, id: &str, params: &CapturePayment) -> ApiResult<Payment> {
        let now_ms = self.now_ms(key);
        let now = self.now(key);
        let payment = self
            .merchant(key)
            .payments
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found("payment", id))?;
        if !is_authorisation(payment) {
            return Err(ApiError::conflict(NOT_AUTHORISED_CAPTURE));
        }
        let expired = payment
            .authorization_expires_at
            .as_deref()
            .and_then(crate::clock::parse_rfc3339)
            .is_some_and(|at| now_ms >= at);
        if expired {
            return Err(ApiError::conflict(EXPIRED));
        }
        let remaining = payment.remaining_authorised();
        if remaining <= 0 {
            return Err(ApiError::conflict(NOT_AUTHORISED_CAPTURE));
        }
        let amount = params.amount.unwrap_or(remaining);
        if amount > remaining {
            return Err(ApiError::conflict(EXCEEDS));
        }
        payment.paid_amount = Some(payment.paid_amount.unwrap_or(0) + amount);
        merge_metadata(&mut payment.metadata, &params.metadata);
        payment.updated_at = Some(now);
        let payment = payment.clone();
        self.emit(
            key,
            EventType::PaymentCaptured,
            EventData::Payment(Box::new(payment.clone())),
        );
        Ok(payment)
    }

    /// `POST /collect/payments/{id}/voids`: releases the whole remaining authorisation.
    pub fn void(&mut self, key: &str, id: &str, params: &VoidPayment) -> ApiResult<Payment> {
        let now = self.now(key);
        let payment = self
            .merchant(key)
            .payments
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found("payment", id))?;
        if !is_authorisation(payment) {
            return Err(ApiError::conflict(NOT_AUTHORISED_VOID));
        }
        let authorised = payment.authorised_amount.unwrap_or(0);
        if payment.voided_amount.unwrap_or(0) >= authorised && authorised > 0 {
            return Err(ApiError::conflict(FULLY_VOIDED));
        }
        let remaining = payment.remaining_authorised();
        if remaining <= 0 {
            return Err(ApiError::conflict(NOTHING_LEFT));
        }
        payment.voided_amount = Some(payment.voided_amount.unwrap_or(0) + remaining);
        merge_metadata(&mut payment.metadata, &params.metadata);
        payment.updated_at = Some(now);
        let payment = payment.clone();
        self.emit(
            key,
            EventType::PaymentVoided,
            EventData::Payment(Box::new(payment.clone())),
        );
        Ok(payment)
    }
}
