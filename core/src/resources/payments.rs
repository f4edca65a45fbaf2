//! `/collect/payments`.

use super::{Mode, resource};
use crate::client::{PathPart::*, path};
use crate::models::{CapturePayment, Payment, VoidPayment};
use crate::request::Method;

resource! {
    /// Payments: retrieve, and capture or void manual-capture authorisations.
    Payments
}

impl<M: Mode> Payments<'_, M> {
    /// `GET /collect/payments/{id}`: retrieves a payment.
    pub fn retrieve(&self, id: &str) -> M::Call<Payment> {
        M::wrap(self.client.call(
            "payments.retrieve",
            Method::Get,
            path(&[Static("/collect/payments/"), Id("id", id)]),
        ))
    }

    /// `POST /collect/payments/{id}/captures`: captures all (`CapturePayment::full()`) or
    /// part (`CapturePayment::amount(n)`) of an authorisation. Repeatable until nothing
    /// remains; fails with a 409 conflict when the payment is not authorised, the amount
    /// exceeds what remains, or the authorisation expired.
    pub fn capture(&self, id: &str, params: &CapturePayment) -> M::Call<Payment> {
        M::wrap(self.client.call_with(
            "payments.capture",
            Method::Post,
            path(&[
                Static("/collect/payments/"),
                Id("id", id),
                Static("/captures"),
            ]),
            params,
        ))
    }

    /// `POST /collect/payments/{id}/voids`: releases the whole remaining authorisation.
    pub fn void(&self, id: &str) -> M::Call<Payment> {
        self.void_with(id, &VoidPayment::default())
    }

    /// [`Payments::void`] with metadata.
    pub fn void_with(&self, id: &str, params: &VoidPayment) -> M::Call<Payment> {
        M::wrap(self.client.call_with(
            "payments.void",
            Method::Post,
            path(&[Static("/collect/payments/"), Id("id", id), Static("/voids")]),
            params,
        ))
    }
}
