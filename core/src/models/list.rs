//! Cursor-paginated lists.

use serde::{Deserialize, Serialize};

/// One page of a cursor-paginated list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct List<T> {
    /// The items on this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
    /// The cursor of the next page, when there is one.
    #[serde(default)]
    pub next_cursor: Option<String>,
}

/// Query of a paginated list: `cursor` and `limit` (1 to 100, default 20).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
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
