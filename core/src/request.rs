//! Per-request options and the description of one API request.

use crate::config::ApiKey;
use crate::error::Result;
use std::time::Duration;

/// Options for one call, overriding the client's defaults.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RequestOptions {
    /// Idempotency key for this call (default: a UUID v4 made once per call, reused on every
    /// retry). Pass your own (an order ID, say) to make a call safe to repeat across restarts.
    pub idempotency_key: Option<String>,
    /// Timeout of each attempt.
    pub timeout: Option<Duration>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Another API key for this call only.
    pub api_key: Option<ApiKey>,
}

impl RequestOptions {
    /// No overrides.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the idempotency key (1 to 255 visible ASCII characters).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }

    /// Sets the per-attempt timeout.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sets the retry count.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Uses another API key for this call.
    pub fn api_key(mut self, key: impl Into<String>) -> Result<Self> {
        self.api_key = Some(ApiKey::new(key)?);
        Ok(self)
    }
}

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// GET.
    Get,
    /// POST.
    Post,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
}

impl Method {
    /// The method's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Whether requests with this method carry an `Idempotency-Key`.
    pub fn is_mutating(self) -> bool {
        !matches!(self, Method::Get)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        }
    }
}

/// One API request, validated and serialised, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// The method.
    pub method: Method,
    /// The path below the base URL, segments already percent-encoded.
    pub path: String,
    /// Query pairs.
    pub query: Vec<(String, String)>,
    /// The JSON body.
    pub body: Option<Vec<u8>>,
    /// Whether a public key may make this call (only payment session creation).
    pub public_key_allowed: bool,
    /// The operation's name for errors and traces, e.g. `payment_sessions.create`.
    pub operation: &'static str,
}
