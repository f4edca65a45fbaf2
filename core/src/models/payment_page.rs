//! Payment pages and their transactions.

use super::common::Metadata;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

open_enum! {
    /// Status of a payment page.
    PaymentPageStatus {
        /// Accepting payments (default).
        Active => "active",
        /// Switched off by the merchant.
        Inactive => "inactive",
        /// Past its end.
        Expired => "expired",
    }
}

request_twin! {
    /// A custom field the customer fills in on a payment page.
    #[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
    #[serde(default)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
    pub struct CustomField / CustomFieldParams {
        /// Key under which the answer is stored.
        pub key: String,
        /// Label shown to the customer.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        pub label: Option<String>,
        /// `text`, `textarea`, `dropdown`, ...
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        pub kind: Option<String>,
        /// Whether an answer is required.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        pub required: Option<bool>,
        /// Choices of a dropdown.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        pub options: Vec<String>,
        /// Pre-filled value.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "uniffi", uniffi(default = None))]
        pub default_value: Option<String>,
    }
}

/// A hosted payment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentPage {
    /// `pp_…`.
    pub id: String,
    /// Status.
    pub status: PaymentPageStatus,
    /// The page's public URL.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub page_url: Option<String>,
    /// Fixed amount, or absent for a variable amount / catalog.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<i64>,
    /// ISO 4217 code.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Title (≤ 200 chars).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub title: Option<String>,
    /// Description (≤ 1000 chars).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
    /// Where the back button leads (https).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub return_url: Option<String>,
    /// Ask for name, email and phone (default true).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub requires_customer_details: Option<bool>,
    /// Ask for a delivery address (default false).
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub requires_delivery_details: Option<bool>,
    /// Catalog product IDs.
    #[serde(default)]
    pub products: Vec<String>,
    /// Extra fields the customer fills in.
    #[serde(default)]
    pub custom_fields: Vec<CustomField>,
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

/// Body of `PATCH /collect/payment_pages/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct UpdatePaymentPage {
    /// `active` or `inactive`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub status: Option<PaymentPageStatus>,
    /// New fixed amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub amount: Option<i64>,
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// New title (≤ 200 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub title: Option<String>,
    /// New description (≤ 1000 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
    /// New return URL (https, ≤ 500 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub return_url: Option<String>,
    /// Ask for customer details.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub requires_customer_details: Option<bool>,
    /// Ask for a delivery address.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub requires_delivery_details: Option<bool>,
    /// Replaces the custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub custom_fields: Option<Vec<CustomFieldParams>>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub metadata: Option<Metadata>,
}

/// The customer of a payment-page transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PageCustomer {
    /// Name.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub name: Option<String>,
    /// Email.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub email: Option<String>,
    /// Phone.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub phone: Option<String>,
}

/// A product bought through a payment page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PageProduct {
    /// Catalog ID.
    pub product_id: String,
    /// Name.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub product_name: Option<String>,
    /// Quantity.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub qty: Option<i64>,
    /// Unit price in minor units.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub price: Option<i64>,
    /// ISO 4217 code.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub currency: Option<String>,
    /// Description.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub description: Option<String>,
}

/// A delivery address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DeliveryAddress {
    /// Line 1.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub line1: Option<String>,
    /// Line 2.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub line2: Option<String>,
    /// City.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub city: Option<String>,
    /// State or province.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub state: Option<String>,
    /// Country.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub country: Option<String>,
    /// Postal code.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub pin: Option<String>,
}

/// A payment received through a payment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentPageTransaction {
    /// `pt_…`.
    pub id: String,
    /// The page.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_page_id: Option<String>,
    /// E.g. `succeeded`.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub status: Option<String>,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Who paid.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub customer: Option<PageCustomer>,
    /// Answers to the page's custom fields.
    #[serde(default)]
    pub custom_fields: BTreeMap<String, String>,
    /// The payment.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub payment_id: Option<String>,
    /// Products bought.
    #[serde(default)]
    pub products: Vec<PageProduct>,
    /// The checkout used.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub checkout_session_id: Option<String>,
    /// Where to deliver.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub delivery_address: Option<DeliveryAddress>,
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
