//! Cursor-paginated lists.

use super::payment_page::PaymentPageTransaction;
use serde::{Deserialize, Serialize};

/// One page of a payment page's transactions (`GET /collect/payment_pages/{id}/transactions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PaymentPageTransactionList {
    /// The transactions on this page, oldest first.
    #[serde(default)]
    pub data: Vec<PaymentPageTransaction>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor of the next page, when there is one.
    #[serde(default)]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub next_cursor: Option<String>,
}

/// Query of a paginated list: `cursor` and `limit` (1 to 100, default 20).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ListParams {
    /// Where to continue, from a previous page's `next_cursor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub cursor: Option<String>,
    /// Page size, 1 to 100.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub limit: Option<u32>,
}

impl ListParams {
    /// A query with a page size.
    pub fn limit(limit: u32) -> Self {
        ListParams {
            cursor: None,
            limit: Some(limit),
        }
    }
}
