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

/// A custom field the customer fills in on a payment page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CustomField {
    /// Key under which the answer is stored.
    pub key: String,
    /// Label shown to the customer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `text`, `textarea`, `dropdown`, ...
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether an answer is required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Choices of a dropdown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<String>,
    /// Pre-filled value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default_value: Option<String>,
}

/// A hosted payment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentPage {
    /// `pp_…`.
    pub id: String,
    /// Status.
    pub status: PaymentPageStatus,
    /// The page's public URL.
    #[serde(default)]
    pub page_url: Option<String>,
    /// Fixed amount, or absent for a variable amount / catalog.
    #[serde(default)]
    pub amount: Option<i64>,
    /// ISO 4217 code.
    #[serde(default)]
    pub currency: Option<String>,
    /// Title (≤ 200 chars).
    #[serde(default)]
    pub title: Option<String>,
    /// Description (≤ 1000 chars).
    #[serde(default)]
    pub description: Option<String>,
    /// Where the back button leads (https).
    #[serde(default)]
    pub return_url: Option<String>,
    /// Ask for name, email and phone (default true).
    #[serde(default)]
    pub requires_customer_details: Option<bool>,
    /// Ask for a delivery address (default false).
    #[serde(default)]
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
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    pub updated_at: Option<String>,
}

/// Body of `PATCH /collect/payment_pages/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UpdatePaymentPage {
    /// `active` or `inactive`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PaymentPageStatus>,
    /// New fixed amount.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// New currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// New title (≤ 200 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New description (≤ 1000 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// New return URL (https, ≤ 500 chars).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    /// Ask for customer details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_customer_details: Option<bool>,
    /// Ask for a delivery address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requires_delivery_details: Option<bool>,
    /// Replaces the custom fields.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomField>>,
    /// Metadata keys to merge.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// The customer of a payment-page transaction.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PageCustomer {
    /// Name.
    pub name: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
}

/// A product bought through a payment page.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PageProduct {
    /// Catalog ID.
    pub product_id: String,
    /// Name.
    pub product_name: Option<String>,
    /// Quantity.
    pub qty: Option<i64>,
    /// Unit price in minor units.
    pub price: Option<i64>,
    /// ISO 4217 code.
    pub currency: Option<String>,
    /// Description.
    pub description: Option<String>,
}

/// A delivery address.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DeliveryAddress {
    /// Line 1.
    pub line1: Option<String>,
    /// Line 2.
    pub line2: Option<String>,
    /// City.
    pub city: Option<String>,
    /// State or province.
    pub state: Option<String>,
    /// Country.
    pub country: Option<String>,
    /// Postal code.
    pub pin: Option<String>,
}

/// A payment received through a payment page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentPageTransaction {
    /// `pt_…`.
    pub id: String,
    /// The page.
    #[serde(default)]
    pub payment_page_id: Option<String>,
    /// E.g. `succeeded`.
    #[serde(default)]
    pub status: Option<String>,
    /// Amount in minor units.
    pub amount: i64,
    /// ISO 4217 code.
    pub currency: String,
    /// Who paid.
    #[serde(default)]
    pub customer: Option<PageCustomer>,
    /// Answers to the page's custom fields.
    #[serde(default)]
    pub custom_fields: BTreeMap<String, String>,
    /// The payment.
    #[serde(default)]
    pub payment_id: Option<String>,
    /// Products bought.
    #[serde(default)]
    pub products: Vec<PageProduct>,
    /// The checkout used.
    #[serde(default)]
    pub checkout_session_id: Option<String>,
    /// Where to deliver.
    #[serde(default)]
    pub delivery_address: Option<DeliveryAddress>,
    /// Merchant metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Creation time (RFC 3339).
    #[serde(default)]
    pub created_at: Option<String>,
    /// Last change (RFC 3339).
    #[serde(default)]
    pub updated_at: Option<String>,
}
