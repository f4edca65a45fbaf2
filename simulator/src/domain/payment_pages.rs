//! Payment pages: created and paid through the control API (Moment documents no create
//! endpoint), retrieved, updated and listed with cursor pagination through the API.

use super::charges::Charge;
use crate::cards;
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::state::{Store, merge_metadata};
use momentpay::models::*;
use serde::Deserialize;

/// Body of `POST /_sim/payment_pages`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NewPaymentPage {
    /// Fixed amount, or none for a variable amount.
    pub amount: Option<i64>,
    /// Currency (default ZAR).
    pub currency: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Custom fields.
    pub custom_fields: Vec<CustomField>,
    /// Metadata.
    pub metadata: Metadata,
}

/// Body of `POST /_sim/payment_pages/{id}/pay`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PagePayment {
    /// Amount (required for variable-amount pages).
    pub amount: Option<i64>,
    /// Test card (default 4242…).
    pub card_number: Option<String>,
    /// Who pays.
    pub customer: Option<PageCustomer>,
    /// Answers to custom fields.
    pub custom_fields: std::collections::BTreeMap<String, String>,
}

impl Store {
    /// Creates a page for a merchant.
    pub fn create_payment_page(&mut self, key: &str, new: NewPaymentPage) -> PaymentPage {
        let now = self.now(key);
        let id = new_id("pp");
        let page = PaymentPage {
            page_url: Some(format!("{}/pages/{id}", self.base_url)),
            id,
            status: PaymentPageStatus::Active,
            amount: new.amount,
            currency: Some(
                new.currency
                    .unwrap_or_else(|| "ZAR".to_owned())
                    .to_ascii_uppercase(),
            ),
            title: new.title,
            description: new.description,
            return_url: None,
            requires_customer_details: Some(true),
            requires_delivery_details: Some(false),
            products: Vec::new(),
            custom_fields: new.custom_fields,
            metadata: new.metadata,
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key)
            .payment_pages
            .insert(page.id.clone(), page.clone());
        page
    }

    /// `PATCH /collect/payment_pages/{id}` (validated).
    pub fn update_payment_page(
        &mut self,
        key: &str,
        id: &str,
        params: &UpdatePaymentPage,
    ) -> ApiResult<PaymentPage> {
        let now = self.now(key);
        let page = self
            .merchant(key)
            .payment_pages
            .get_mut(id)
            .ok_or_else(|| ApiError::not_found("payment page", id))?;
        macro_rules! set {
            ($($field:ident),*) => { $( if let Some(v) = &params.$field { page.$field = Some(v.clone()); } )* };
        }
        set!(
            amount,
            currency,
            title,
            description,
            return_url,
            requires_customer_details,
            requires_delivery_details
        );
        if let Some(status) = &params.status {
            page.status = status.clone();
        }
        if let Some(fields) = &params.custom_fields {
            page.custom_fields = fields.iter().cloned().map(Into::into).collect();
        }
        merge_metadata(&mut page.metadata, &params.metadata);
        page.updated_at = Some(now);
        Ok(page.clone())
    }

    /// A payment through a page: a transaction and its payment, and the webhook.
    pub fn pay_payment_page(
        &mut self,
        key: &str,
        id: &str,
        pay: PagePayment,
    ) -> ApiResult<PaymentPageTransaction> {
        let page = self
            .merchant(key)
            .payment_pages
            .get(id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment page", id))?;
        if page.status != PaymentPageStatus::Active {
            return Err(ApiError::conflict(format!(
                "The payment page is {} and cannot be paid.",
                page.status
            )));
        }
        let amount = page.amount.or(pay.amount).ok_or_else(|| {
            ApiError::validation(422, "amount", "is required for a variable-amount page")
        })?;
        momentpay::validation::amount("amount", amount, false).map_err(ApiError::from_core)?;
        let card = cards::normalize(pay.card_number.as_deref().unwrap_or(cards::DEFAULT_CARD))
            .map_err(|m| ApiError::validation(422, "card_number", m))?;
        let currency = page.currency.clone().unwrap_or_else(|| "ZAR".to_owned());
        let payment = self.charge_or_decline(
            key,
            Charge {
                amount,
                currency: &currency,
                card: &card,
                capture_method: CaptureMethod::Automatic,
                external_reference: None,
                metadata: Metadata::new(),
                saved: false,
            },
        )?;
        let now = self.now(key);
        let transaction = PaymentPageTransaction {
            id: new_id("pt"),
            payment_page_id: Some(page.id.clone()),
            status: Some("succeeded".to_owned()),
            amount,
            currency,
            customer: pay.customer,
            custom_fields: pay.custom_fields,
            payment_id: Some(payment.id.clone()),
            products: Vec::new(),
            checkout_session_id: Some(new_id("ckt")),
            delivery_address: None,
            metadata: Metadata::new(),
            created_at: Some(now.clone()),
            updated_at: Some(now),
        };
        self.merchant(key).transactions.push(transaction.clone());
        self.emit(
            key,
            EventType::PaymentSucceeded,
            EventData::Payment(Box::new(payment)),
        );
        self.emit(
            key,
            EventType::PaymentPagePaymentReceived,
            EventData::PaymentPageTransaction(Box::new(transaction.clone())),
        );
        Ok(transaction)
    }

    /// `GET /collect/payment_pages/{id}/transactions`: oldest first; the cursor is the last
    /// transaction ID of the previous page.
    pub fn list_transactions(
        &mut self,
        key: &str,
        id: &str,
        params: &ListParams,
    ) -> ApiResult<PaymentPageTransactionList> {
        let merchant = self.merchant(key);
        if !merchant.payment_pages.contains_key(id) {
            return Err(ApiError::not_found("payment page", id));
        }
        let all: Vec<&PaymentPageTransaction> = merchant
            .transactions
            .iter()
            .filter(|t| t.payment_page_id.as_deref() == Some(id))
            .collect();
        let start = match &params.cursor {
            Some(cursor) => all
                .iter()
                .position(|t| &t.id == cursor)
                .map(|i| i + 1)
                .ok_or_else(|| {
                    ApiError::validation(400, "cursor", "is not a cursor of this list")
                })?,
            None => 0,
        };
        let limit = params.limit.unwrap_or(20) as usize;
        let data: Vec<PaymentPageTransaction> = all
            .iter()
            .skip(start)
            .take(limit)
            .map(|t| (*t).clone())
            .collect();
        let has_more = start + data.len() < all.len();
        Ok(PaymentPageTransactionList {
            next_cursor: if has_more {
                data.last().map(|t| t.id.clone())
            } else {
                None
            },
            has_more,
            data,
        })
    }
}
