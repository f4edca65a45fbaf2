//! RFC 9457 problem documents, the body of every Moment error response.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The documented prefix of every Moment error `type` URI.
pub const ERROR_TYPE_PREFIX: &str = "https://api.momentco.io/docs/errors#";

/// A parsed `application/problem+json` body (RFC 9457).
///
/// Unknown members are kept in [`Problem::extra`], so nothing the server said is lost.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Problem {
    /// URI naming the error kind, e.g. `https://api.momentco.io/docs/errors#not-found`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_uri: Option<String>,
    /// Short, human-readable summary of the error kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The HTTP status code the server chose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Explanation specific to this occurrence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The request path the error refers to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// Per-field validation failures, when the server names them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Any other members of the document.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One invalid field inside a validation problem.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FieldError {
    /// Dotted path of the field, e.g. `options.customer`.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl Problem {
    /// Builds a problem with a Moment error code (`not-found`, `conflict`, ...), title and detail.
    pub fn new(status: u16, code: &str, title: &str, detail: impl Into<String>) -> Self {
        Problem {
            type_uri: Some(format!("{ERROR_TYPE_PREFIX}{code}")),
            title: Some(title.to_owned()),
            status: Some(status),
            detail: Some(detail.into()),
            ..Problem::default()
        }
    }

    /// The error code: the fragment of the `type` URI (`not-found`, `idempotency-key-in-use`, ...).
    pub fn code(&self) -> Option<&str> {
        let uri = self.type_uri.as_deref()?;
        match uri.rsplit_once('#') {
            Some((_, code)) if !code.is_empty() => Some(code),
            _ => None,
        }
    }

    /// Parses a problem document; `None` when the body is not a JSON object.
    pub fn parse(body: &[u8]) -> Option<Problem> {
        match serde_json::from_slice::<serde_json::Value>(body).ok()? {
            value @ serde_json::Value::Object(_) => serde_json::from_value(value).ok(),
            _ => None,
        }
    }
}
