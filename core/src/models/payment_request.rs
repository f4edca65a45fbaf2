//! Payment requests: shareable links and bank push requests.

use super::common::Metadata;
use serde::{Deserialize, Serialize};

open_enum! {
    /// How a payment request reaches the customer.
    PaymentRequestType {
        /// A link to a hosted checkout (default; expires after 24 h by default).
        Link => "link",
        /// A push to the customer's bank app (Capitec, beta; expires after 2 min by default).
        Push => "push",
    }
}

open_enum! {
    /// Status of a payment request.
    PaymentRequestStatus {
        /// Waiting for payment.
        Active => "active",
        /// Paid.
        Paid => "paid",
        /// Expired unpaid.
        Expired => "expired",
        /// Push only: the push failed.
        Failed => "failed",
    }
}

/// The link of a `link` payment request.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRequestLink {
    /// The hosted checkout behind the link.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub checkout_session_id: Option<String>,
    /// The URL to share (older responses call it `link_url`).
    #[serde(alias = "link_url")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub url: Option<String>,
}

open_enum! {
    /// The bank a push payment request goes to.
    PushProvider {
        /// Capitec Pay.
        Capitec => "capitec",
    }
}

/// The push target of a `push` payment request, as Moment returns it (fields this SDK does
/// not know are ignored).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRequestPush {
    /// The bank, e.g. `capitec`.
    pub provider: PushProvider,
    /// Capitec details.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub capitec: Option<CapitecPush>,
}

/// The push target of a `push` payment request, as sent (a field this SDK does not know is
/// an error). Start from [`PaymentRequestPushParams::capitec`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRequestPushParams {
    /// The bank.
    pub provider: PushProvider,
    /// Capitec details (required for `capitec`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub capitec: Option<CapitecPushParams>,
}

impl From<PaymentRequestPushParams> for PaymentRequestPush {
    fn from(params: PaymentRequestPushParams) -> PaymentRequestPush {
        PaymentRequestPush {
            provider: params.provider,
            capitec: params.capitec.map(Into::into),
        }
    }
}

request_twin! {
    /// Capitec push details.
    #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
    #[serde(default)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct CapitecPush / CapitecPushParams {
        /// The customer's phone number, E.164.
        pub phone_number: String,
    }
}

impl PaymentRequestPushParams {
    /// A Capitec Pay push to `phone_number` (E.164).
    pub fn capitec(phone_number: impl Into<String>) -> Self {
        PaymentRequestPushParams {
            provider: PushProvider::Capitec,
            capitec: Some(CapitecPushParams {
                phone_number: phone_number.into(),
            }),
        }
    }
}

/// A payment request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentRequest {
    /// `pr_…`.
    pub id: String,
    /// `link` or `push`.
    #[serde(rename = "type", default = "default_request_type")]
    pub kind: PaymentRequestType,
    /// Status.
    pub status: PaymentRequestStatus,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// The payment, once paid.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_id: Option<String>,
    /// Merchant reference.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// Shown to the customer.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
    /// When it expires (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub expires_at: Option<String>,
    /// The link (type `link`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub link: Option<PaymentRequestLink>,
    /// The push target (type `push`).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub push: Option<PaymentRequestPush>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub updated_at: Option<String>,
}

fn default_request_type() -> PaymentRequestType {
    PaymentRequestType::Link
}

/// Body of `POST /collect/payment_requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[serde(deny_unknown_fields)]
pub struct CreatePaymentRequest {
    /// Amount in minor units (no partial payments).
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// `link` (default) or `push`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub kind: Option<PaymentRequestType>,
    /// Merchant reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// Shown to the customer (≤ 500 chars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
    /// Expiry (RFC 3339); default 24 h for links, 2 min for pushes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub expires_at: Option<String>,
    /// Push target (type `push`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub push: Option<PaymentRequestPushParams>,
    /// Merchant metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

impl CreatePaymentRequest {
    /// A payment link for `amount` of `currency`.
    pub fn link(amount: i64, currency: impl Into<String>) -> Self {
        CreatePaymentRequest {
            amount,
            currency: currency.into(),
            kind: Some(PaymentRequestType::Link),
            external_reference: None,
            description: None,
            expires_at: None,
            push: None,
            metadata: None,
        }
    }

    /// A bank push request.
    pub fn push(amount: i64, currency: impl Into<String>, push: PaymentRequestPushParams) -> Self {
        CreatePaymentRequest {
            kind: Some(PaymentRequestType::Push),
            push: Some(push),
            ..Self::link(amount, currency)
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Sets the merchant reference.
    pub fn external_reference(mut self, reference: impl Into<String>) -> Self {
        self.external_reference = Some(reference.into());
        self
    }
}

/// Body of `PATCH /collect/payment_requests/{id}` (only unpaid requests).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdatePaymentRequest {
    /// New merchant reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub external_reference: Option<String>,
    /// New description.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
    /// New expiry (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub expires_at: Option<String>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// Response of `DELETE /collect/payment_requests/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeletedPaymentRequest {
    /// The deleted request's ID.
    pub id: String,
    /// Always true.
    pub deleted: bool,
}
