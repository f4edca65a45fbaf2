//! `/collect/payment_requests`.

use super::{Mode, resource};
use crate::client::{PathPart::*, path};
use crate::models::{
    CreatePaymentRequest, DeletedPaymentRequest, PaymentRequest, UpdatePaymentRequest,
};
use crate::request::Method;

resource! {
    /// Payment requests: shareable payment links and bank push requests.
    PaymentRequests
}

impl<M: Mode> PaymentRequests<'_, M> {
    /// `POST /collect/payment_requests` (201): creates a link or push request.
    pub fn create(&self, params: &CreatePaymentRequest) -> M::Call<PaymentRequest> {
        M::wrap(self.client.call_with(
            "payment_requests.create",
            Method::Post,
            Ok("/collect/payment_requests".to_owned()),
            params,
        ))
    }

    /// `GET /collect/payment_requests/{id}`: retrieves a request.
    pub fn retrieve(&self, id: &str) -> M::Call<PaymentRequest> {
        M::wrap(self.client.call(
            "payment_requests.retrieve",
            Method::Get,
            path(&[Static("/collect/payment_requests/"), Id("id", id)]),
        ))
    }

    /// `PATCH /collect/payment_requests/{id}`: updates an unpaid request.
    pub fn update(&self, id: &str, params: &UpdatePaymentRequest) -> M::Call<PaymentRequest> {
        M::wrap(self.client.call_with(
            "payment_requests.update",
            Method::Patch,
            path(&[Static("/collect/payment_requests/"), Id("id", id)]),
            params,
        ))
    }

    /// `DELETE /collect/payment_requests/{id}`: deletes an unpaid request.
    pub fn delete(&self, id: &str) -> M::Call<DeletedPaymentRequest> {
        M::wrap(self.client.call(
            "payment_requests.delete",
            Method::Delete,
            path(&[Static("/collect/payment_requests/"), Id("id", id)]),
        ))
    }
}
