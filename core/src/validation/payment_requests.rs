//! `POST /collect/payment_requests` (links and bank pushes) and their updates.

use super::{
    MAX_DESCRIPTION_LEN, Validate, amount, currency, external_reference, known, known_opt,
    metadata, opt, phone, text, timestamp, upper,
};
use crate::error::{Error, Result};
use crate::models::{CreatePaymentRequest, PaymentRequestType, PushProvider, UpdatePaymentRequest};

impl Validate for CreatePaymentRequest {
    fn normalize(&mut self) {
        upper(&mut self.currency);
    }

    fn validate(&self) -> Result<()> {
        amount("amount", self.amount, false)?;
        currency("currency", &self.currency)?;
        editable(
            &self.external_reference,
            &self.description,
            &self.expires_at,
        )?;
        opt(&self.metadata, |m| metadata("metadata", m))?;
        known_opt("type", &self.kind)?;
        match (&self.kind, &self.push) {
            (Some(PaymentRequestType::Push), None) => Err(Error::validation(
                "push",
                "is required for a push payment request",
            )),
            (Some(PaymentRequestType::Push), Some(push)) => {
                known("push.provider", &push.provider)?;
                match (&push.provider, &push.capitec) {
                    (PushProvider::Capitec, Some(capitec)) => {
                        phone("push.capitec.phone_number", &capitec.phone_number)
                    }
                    (PushProvider::Capitec, None) => Err(Error::validation(
                        "push.capitec",
                        "is required for provider capitec",
                    )),
                    _ => Ok(()),
                }
            }
            (_, Some(_)) => Err(Error::validation("push", "is only accepted for type push")),
            _ => Ok(()),
        }
    }
}

impl Validate for UpdatePaymentRequest {
    fn validate(&self) -> Result<()> {
        editable(
            &self.external_reference,
            &self.description,
            &self.expires_at,
        )?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

/// The fields a payment request's create and update share: its reference, description and
/// expiry.
fn editable(
    reference: &Option<String>,
    description: &Option<String>,
    expires_at: &Option<String>,
) -> Result<()> {
    opt(reference, |r| external_reference("external_reference", r))?;
    opt(description, |d| text("description", d, MAX_DESCRIPTION_LEN))?;
    opt(expires_at, |t| timestamp("expires_at", t))
}
