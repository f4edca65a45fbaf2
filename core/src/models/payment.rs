//! Payments: retrieve, capture and void.

use super::common::{CaptureMethod, LastPaymentError, Metadata, Mode};
use serde::{Deserialize, Serialize};

open_enum! {
    /// Status of a payment.
    PaymentStatus {
        /// Created, not started.
        Draft => "draft",
        /// Starting.
        Initiating => "initiating",
        /// Waiting for the customer or a third party.
        PendingAction => "pending_action",
        /// Being processed.
        Processing => "processing",
        /// Succeeded (for manual capture: authorised, funds reserved).
        Succeeded => "succeeded",
        /// Failed for good.
        Failed => "failed",
        /// Cancelled.
        Cancelled => "cancelled",
        /// Expired.
        Expired => "expired",
    }
}

open_enum! {
    /// What a payment is for.
    PaymentIntent {
        /// Collecting money.
        Payment => "payment",
        /// An amount-0 card verification.
        PaymentMethodVerification => "payment_method_verification",
    }
}

/// How a payment was paid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentMethodDetails {
    /// `card`, `capitec_pay`, `instant_eft`, `zapper`, `mtn_momo`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Card details, for `card`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub card: Option<CardDetails>,
    /// Details of other methods, as sent.
    #[serde(flatten)]
    pub extra: super::common::ExtraFields,
}

/// Card details of a payment.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CardDetails {
    /// `CREDIT`, `DEBIT`, ...
    #[serde(rename = "type")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<String>,
    /// `VISA`, `MASTERCARD`, ...
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub scheme: Option<String>,
    /// First six digits.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub bin: Option<String>,
    /// Last four digits.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub last4: Option<String>,
}

/// A payment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Payment {
    /// `pay_…`.
    pub id: String,
    /// Status.
    pub status: PaymentStatus,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Payment or verification.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub intent: Option<PaymentIntent>,
    /// ISO 3166 country, e.g. `ZA`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub country: Option<String>,
    /// `automatic` or `manual`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub capture_method: Option<CaptureMethod>,
    /// Original authorised total (also read from `authorized_amount`).
    #[serde(default, alias = "authorized_amount")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub authorised_amount: Option<i64>,
    /// Captured total; grows with each capture.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub paid_amount: Option<i64>,
    /// Released total; grows with each void.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub voided_amount: Option<i64>,
    /// When the authorisation lapses (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub authorization_expires_at: Option<String>,
    /// How it was paid.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_method_details: Option<PaymentMethodDetails>,
    /// Reference for reconciliation.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub reconciliation_reference: Option<String>,
    /// Why the latest attempt failed.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub last_payment_error: Option<LastPaymentError>,
    /// Merchant reference.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Live or test.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub mode: Option<Mode>,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}

impl Payment {
    /// What is still authorised and neither captured nor voided.
    pub fn remaining_authorised(&self) -> i64 {
        self.authorised_amount.unwrap_or(0)
            - self.paid_amount.unwrap_or(0)
            - self.voided_amount.unwrap_or(0)
    }
}

/// Body of `POST /collect/payments/{id}/captures`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CapturePayment {
    /// Amount to capture; absent captures the whole remaining authorisation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<i64>,
    /// Metadata of the capture.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

impl CapturePayment {
    /// Capture everything still authorised.
    pub fn full() -> Self {
        Self::default()
    }

    /// Capture part of the authorisation.
    pub fn amount(amount: i64) -> Self {
        CapturePayment {
            amount: Some(amount),
            metadata: None,
        }
    }
}

/// Body of `POST /collect/payments/{id}/voids` (releases the whole remaining authorisation).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct VoidPayment {
    /// Metadata of the void.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}
