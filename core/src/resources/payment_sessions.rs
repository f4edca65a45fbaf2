//! `/collect/payment_sessions`.

use super::{Mode, resource};
use crate::client::{PathPart::*, path};
use crate::models::{CreatePaymentSession, PaymentSession};
use crate::request::Method;

resource! {
    /// Payment sessions: one-time checkouts, first and next payments of a series.
    PaymentSessions
}

impl<M: Mode> PaymentSessions<'_, M> {
    /// `POST /collect/payment_sessions` (201): creates a session. The one call a public key
    /// (`pk_…`) may make. For one_time and first_in_series, send the customer to
    /// `session_url`; a next_in_series session is charged at once.
    pub fn create(&self, params: &CreatePaymentSession) -> M::Call<PaymentSession> {
        let call = self
            .client
            .call_with(
                "payment_sessions.create",
                Method::Post,
                Ok("/collect/payment_sessions".to_owned()),
                params,
            )
            .allow_public_key();
        M::wrap(call)
    }

    /// `GET /collect/payment_sessions/{id}`: retrieves a session.
    pub fn retrieve(&self, id: &str) -> M::Call<PaymentSession> {
        M::wrap(self.client.call(
            "payment_sessions.retrieve",
            Method::Get,
            path(&[Static("/collect/payment_sessions/"), Id("id", id)]),
        ))
    }
}
