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
    /// Bound on the whole call: attempts, waits between them and the wait for a slot.
    pub total_timeout: Option<Duration>,
    /// Another API key for this call only.
    pub api_key: Option<ApiKey>,
    /// Fields Moment accepts that this SDK does not model yet, merged into the JSON body as
    /// given. Only fields the SDK does not know are allowed (a modelled one is refused:
    /// set it on the parameters, where it is validated).
    pub extra_body: Option<serde_json::Map<String, serde_json::Value>>,
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

    /// Sets the bound on the whole call (attempts, waits and queueing).
    pub fn total_timeout(mut self, timeout: Duration) -> Self {
        self.total_timeout = Some(timeout);
        self
    }

    /// Uses another API key for this call.
    pub fn api_key(mut self, key: impl Into<String>) -> Result<Self> {
        self.api_key = Some(ApiKey::new(key)?);
        Ok(self)
    }

    /// Sends these fields too (see [`RequestOptions::extra_body`]).
    pub fn extra_body(mut self, fields: serde_json::Map<String, serde_json::Value>) -> Self {
        self.extra_body = Some(fields);
        self
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
#[derive(Debug, Clone)]
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
    /// Parses a body strictly into the operation's parameters, answering the path of the
    /// first field it does not know (how `extra_body` tells unmodelled fields from modelled
    /// ones). `None` for operations without a body.
    pub unknown_field: Option<fn(&serde_json::Value) -> Option<String>>,
}

impl ApiRequest {
    /// Merges `extra` (the call's `extra_body`) into the JSON body: nested objects merge, and
    /// each added field must be one the parameters do not model.
    pub(crate) fn merge_extra_body(
        &mut self,
        extra: &serde_json::Map<String, serde_json::Value>,
    ) -> Result<()> {
        use crate::error::Error;
        let (Some(body), Some(unknown_field)) = (&self.body, self.unknown_field) else {
            return Err(Error::validation(
                "extra_body",
                format!("{} sends no JSON body to add fields to", self.operation),
            ));
        };
        let base: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
            Error::internal(format!("cannot read back the {} body: {e}", self.operation))
        })?;
        let mut merged = base.clone();
        let mut added = Vec::new();
        merge(&mut merged, extra, "", &mut added)?;
        for (path, value) in added {
            // The base plus this one field: the parameters must not know it.
            let mut single = base.clone();
            insert_at(&mut single, &path, value);
            if unknown_field(&single).as_deref() != Some(path.as_str()) {
                return Err(Error::validation(
                    format!("extra_body.{path}"),
                    "is a field momentpay models: pass it as a parameter, where it is validated",
                ));
            }
        }
        self.body = Some(serde_json::to_vec(&merged).map_err(|e| Error::internal(e.to_string()))?);
        Ok(())
    }
}

fn merge(
    target: &mut serde_json::Value,
    extra: &serde_json::Map<String, serde_json::Value>,
    prefix: &str,
    added: &mut Vec<(String, serde_json::Value)>,
) -> Result<()> {
    use serde_json::Value;
    let Value::Object(target) = target else {
        return Ok(());
    };
    for (key, value) in extra {
        let path = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        match (target.get_mut(key), value) {
            (Some(existing @ Value::Object(_)), Value::Object(inner)) => {
                merge(existing, inner, &path, added)?
            }
            (Some(_), _) => {
                return Err(crate::error::Error::validation(
                    format!("extra_body.{path}"),
                    "is already set by the parameters",
                ));
            }
            (None, _) => {
                target.insert(key.clone(), value.clone());
                added.push((path, value.clone()));
            }
        }
    }
    Ok(())
}

fn insert_at(target: &mut serde_json::Value, path: &str, value: serde_json::Value) {
    let mut current = target;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let serde_json::Value::Object(map) = current else {
            return;
        };
        if parts.peek().is_none() {
            map.insert(part.to_owned(), value);
            return;
        }
        current = map
            .entry(part.to_owned())
            .or_insert_with(|| serde_json::Value::Object(Default::default()));
    }
}

/// What a successful response said about itself (besides its body).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMeta {
    /// Moment's `x-request-id`: quote it when you contact Moment.
    pub request_id: Option<String>,
    /// Whether Moment answered from its idempotency store (`Idempotent-Replayed: true`):
    /// a retry, or a repeat of an earlier call with the same key, that changed nothing.
    pub idempotent_replayed: bool,
    /// The HTTP status (200 or 201).
    pub status: u16,
    /// The `Idempotency-Key` the call carried (mutations only): yours, or the one the SDK
    /// made for it.
    pub idempotency_key: Option<String>,
}

/// A decoded response and what it said about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<T> {
    /// The model.
    pub data: T,
    /// Request ID, replay flag, status, idempotency key.
    pub meta: ResponseMeta,
}
