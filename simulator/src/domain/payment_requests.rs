//! Payment requests: links paid through the hosted checkout, Capitec pushes completed via
//! the control API, expiry, update and delete of unpaid requests.

use super::charges::Charge;
use crate::cards::{self, CardOutcome};
use crate::clock;
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::state::{CheckoutTarget, Store, merge_metadata};
use momentpay::models::*;

impl Store {
    /// `POST /collect/payment_requests` (validated).
    pub fn create_payment_request(
        &mut self,
        key: &str,
        params: CreatePaymentRequest,
    ) -> ApiResult<PaymentRequest> {
        let now_ms = self.now_ms(key);
        let now = self.now(key);
        let kind = params.kind.clone().unwrap_or(PaymentRequestType::Link);
        let default_ttl = if kind == PaymentRequestType::Push {
            120_000
        } else {
            86_400_000
        };
        let expires_at = params
            .expires_at
            .clone()
            .unwrap_or_else(|| clock::rfc3339(now_ms + default_ttl));
        let id = new_id("pr");
        let link = (kind == PaymentRequestType::Link).then(|| {
            let checkout_id = new_id("ckt");
            self.checkouts.insert(
                checkout_id.clone(),
                (key.to_owned(), CheckoutTarget::PaymentRequest(id.clone())),
            );
            PaymentRequestLink {
                url: Some(format!("{}/checkout/{checkout_id}", self.base_url)),
                checkout_session_id: Some(checkout_id),
            }
        });
        let request = PaymentRequest {
            id,
            kind,
            status: PaymentRequestStatus::Active,
            payment_id: None,
            amount: params.amount,
            currency: params.currency,
            external_reference: params.external_reference,
            description: params.description,
            expires_at: Some(expires_at),
            link,
            push: params.push.map(Into::into),
            metadata: params.metadata.unwrap_or_default(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key)
            .payment_requests
            .insert(request.id.clone(), request.clone());
        self.emit(
            key,
            EventType::PaymentRequestCreated,
            EventData::PaymentRequest(Box::new(request.clone())),
        );
        Ok(request)
    }

    fn active_request(&mut self, key: &str, id: &str, action: &str) -> ApiResult<PaymentRequest> {
        self.expire_payment_requests();
        let request = self
            .merchant(key)
            .payment_requests
            .get(id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment request", id))?;
        if request.status != PaymentRequestStatus::Active {
            return Err(ApiError::conflict(format!(
                "The payment request is {} and cannot be {action}.",
                request.status
            )));
        }
        Ok(request)
    }

    /// `PATCH /collect/payment_requests/{id}`: only unpaid (active) requests.
    pub fn update_payment_request(
        &mut self,
        key: &str,
        id: &str,
        params: &UpdatePaymentRequest,
    ) -> ApiResult<PaymentRequest> {
        let mut request = self.active_request(key, id, "updated")?;
        if let Some(reference) = &params.external_reference {
            request.external_reference = Some(reference.clone());
        }
        if let Some(description) = &params.description {
            request.description = Some(description.clone());
        }
        if let Some(expires_at) = &params.expires_at {
            request.expires_at = Some(expires_at.clone());
        }
        merge_metadata(&mut request.metadata, &params.metadata);
        request.updated_at = Some(self.now(key));
        self.merchant(key)
            .payment_requests
            .insert(id.to_owned(), request.clone());
        self.emit(
            key,
            EventType::PaymentRequestUpdated,
            EventData::PaymentRequest(Box::new(request.clone())),
        );
        Ok(request)
    }

    /// `DELETE /collect/payment_requests/{id}`: only unpaid (active) requests.
    pub fn delete_payment_request(
        &mut self,
        key: &str,
        id: &str,
    ) -> ApiResult<DeletedPaymentRequest> {
        let request = self.active_request(key, id, "deleted")?;
        self.merchant(key).payment_requests.remove(id);
        if let Some(checkout) = request.link.and_then(|l| l.checkout_session_id) {
            self.checkouts.remove(&checkout);
        }
        Ok(DeletedPaymentRequest {
            id: id.to_owned(),
            deleted: true,
        })
    }

    /// Pays an active request with a card (its link's checkout, or a push approved through
    /// the control API). A declined push fails the request; a declined link stays active.
    pub fn pay_payment_request(
        &mut self,
        key: &str,
        id: &str,
        card_number: &str,
    ) -> ApiResult<PaymentRequest> {
        let card = cards::normalize(card_number)
            .map_err(|m| ApiError::validation(422, "card_number", m))?;
        let mut request = self.active_request(key, id, "paid")?;
        let (payment, outcome) = self.charge(
            key,
            Charge {
                amount: request.amount,
                currency: &request.currency,
                card: &card,
                capture_method: CaptureMethod::Automatic,
                external_reference: request.external_reference.clone(),
                metadata: request.metadata.clone(),
                saved: false,
            },
        );
        request.updated_at = Some(self.now(key));
        let approved = outcome == CardOutcome::Approved;
        if approved {
            request.status = PaymentRequestStatus::Paid;
            request.payment_id = Some(payment.id.clone());
        } else if request.kind == PaymentRequestType::Push {
            request.status = PaymentRequestStatus::Failed;
        }
        self.merchant(key)
            .payment_requests
            .insert(id.to_owned(), request.clone());
        let (payment_event, request_event) = match (approved, &request.status) {
            (true, _) => (
                EventType::PaymentSucceeded,
                Some(EventType::PaymentRequestPaid),
            ),
            (false, PaymentRequestStatus::Failed) => (
                EventType::PaymentFailed,
                Some(EventType::PaymentRequestUpdated),
            ),
            (false, _) => (EventType::PaymentAttemptFailed, None),
        };
        self.emit(key, payment_event, EventData::Payment(Box::new(payment)));
        if let Some(kind) = request_event {
            self.emit(
                key,
                kind,
                EventData::PaymentRequest(Box::new(request.clone())),
            );
        }
        Ok(request)
    }

    /// Marks active requests past `expires_at` as expired.
    pub fn expire_payment_requests(&mut self) {
        let base_ms = self.clock.now_ms();
        let mut expired = Vec::new();
        for (key, merchant) in &mut self.merchants {
            let now_ms = base_ms + merchant.clock_offset_ms;
            let now = clock::rfc3339(now_ms);
            for request in merchant.payment_requests.values_mut() {
                let due = request
                    .expires_at
                    .as_deref()
                    .and_then(clock::parse_rfc3339)
                    .is_some_and(|at| now_ms >= at);
                if request.status == PaymentRequestStatus::Active && due {
                    request.status = PaymentRequestStatus::Expired;
                    request.updated_at = Some(now.clone());
                    expired.push((key.clone(), request.clone()));
                }
            }
        }
        for (key, request) in expired {
            self.emit(
                &key,
                EventType::PaymentRequestUpdated,
                EventData::PaymentRequest(Box::new(request)),
            );
        }
    }
}
