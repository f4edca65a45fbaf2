//! Types shared by several resources.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Merchant metadata: string keys to string values (at most 10 keys, key ≤ 40 chars,
/// value ≤ 500 chars).
pub type Metadata = BTreeMap<String, String>;

/// Fields this SDK does not model, kept (and sent) as JSON.
pub type ExtraFields = BTreeMap<String, serde_json::Value>;

open_enum! {
    /// Whether an object lives in test or live mode.
    Mode {
        /// Live mode: real money.
        Live => "live",
        /// Test mode: no money moves.
        Test => "test",
    }
}

open_enum! {
    /// How an authorised card payment is captured.
    CaptureMethod {
        /// Captured at once (default).
        Automatic => "automatic",
        /// Authorised only; the merchant captures later.
        Manual => "manual",
    }
}

/// Why the latest payment attempt failed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LastPaymentError {
    /// Error class, e.g. `card_declined`, `expired_card`, `processing_error`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub error_code: Option<String>,
    /// The issuer's decline reason, e.g. `insufficient_funds`, `generic_decline`.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub decline_code: Option<String>,
    /// Human-readable explanation.
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub message: Option<String>,
    /// When the failure happened (RFC 3339).
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub timestamp: Option<String>,
}

/// A date range (`YYYY-MM-DD`), used for mandate validity and subscription activity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DateRange {
    /// First day (inclusive). Absent: from creation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub start_date: Option<String>,
    /// Last day (inclusive). Absent: never ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default = None))]
    pub end_date: Option<String>,
}

impl DateRange {
    /// A range between two `YYYY-MM-DD` dates.
    pub fn between(start_date: impl Into<String>, end_date: impl Into<String>) -> Self {
        DateRange {
            start_date: Some(start_date.into()),
            end_date: Some(end_date.into()),
        }
    }
}
