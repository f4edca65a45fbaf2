//! The native addon behind the npm package `momentpay`: a thin translation of the Rust core.
//! Every API call goes through `momentpay::operations::invoke`; errors cross as a JSON
//! payload that `lib/errors.js` turns into Error subclasses. No behaviour lives here.

use momentpay::models::ListParams;
use momentpay::resources::TransactionPager;
use momentpay::{ClientBuilder, RequestOptions};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

/// Marks errors whose message is a JSON description of a momentpay error.
const ERROR_PREFIX: &str = "MOMENTPAY_ERROR:";

fn to_js(error: momentpay::Error) -> Error {
    let problem = error
        .problem()
        .map(|p| serde_json::to_value(p).unwrap_or(Value::Null));
    let payload = json!({
        "kind": error.kind().code(),
        "message": error.to_string(),
        "status": error.status(),
        "code": error.code().or(error.webhook_failure().map(momentpay::WebhookFailure::code)),
        "requestId": error.request_id(),
        "field": error.field(),
        "retryable": error.is_retryable(),
        "retryAfter": error.retry_after().map(|d| d.as_secs_f64()),
        "problem": problem,
    });
    Error::new(Status::GenericFailure, format!("{ERROR_PREFIX}{payload}"))
}

fn seconds(name: &str, value: Option<f64>) -> Result<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(Some(Duration::from_secs_f64(s))),
        Some(_) => Err(to_js(momentpay::Error::validation(
            name,
            "must be a positive number of seconds",
        ))),
    }
}

/// Client options (camelCase).
#[napi(object)]
pub struct NativeClientOptions {
    /// API key (default `MOMENT_API_KEY`).
    pub api_key: Option<String>,
    /// Base URL (default `MOMENT_BASE_URL`, then `https://api.momentpay.net`).
    pub base_url: Option<String>,
    /// Seconds per attempt (default 60).
    pub timeout: Option<f64>,
    /// Seconds to connect (default 5).
    pub connect_timeout: Option<f64>,
    /// Retries after the first attempt (default 2).
    pub max_retries: Option<u32>,
    /// Appended to the User-Agent.
    pub user_agent: Option<String>,
    /// Allow plain http to a host that is not loopback.
    pub allow_insecure_http: Option<bool>,
}

/// Per-request options (camelCase).
#[napi(object)]
pub struct NativeRequestOptions {
    /// Idempotency key (default: generated once per call, reused on retries).
    pub idempotency_key: Option<String>,
    /// Seconds per attempt.
    pub timeout: Option<f64>,
    /// Retries after the first attempt.
    pub max_retries: Option<u32>,
    /// Another API key for this call.
    pub api_key: Option<String>,
}

fn request_options(options: Option<NativeRequestOptions>) -> Result<RequestOptions> {
    let Some(options) = options else {
        return Ok(RequestOptions::new());
    };
    let mut out = RequestOptions::new();
    out.idempotency_key = options.idempotency_key;
    out.timeout = seconds("timeout", options.timeout)?;
    out.max_retries = options.max_retries;
    if let Some(key) = options.api_key {
        out = out.api_key(key).map_err(to_js)?;
    }
    Ok(out)
}

/// The native client (use `Moment` from the package).
#[napi]
pub struct NativeClient {
    inner: momentpay::Client,
}

#[napi]
impl NativeClient {
    /// Builds a client; throws on bad configuration.
    #[napi(constructor)]
    pub fn new(options: Option<NativeClientOptions>) -> Result<Self> {
        let mut builder = ClientBuilder::new();
        let mut suffix = format!("momentpay-node/{}", env!("CARGO_PKG_VERSION"));
        if let Some(o) = options {
            if let Some(key) = o.api_key {
                builder = builder.api_key(key);
            }
            if let Some(url) = o.base_url {
                builder = builder.base_url(url);
            }
            if let Some(t) = seconds("timeout", o.timeout)? {
                builder = builder.timeout(t);
            }
            if let Some(t) = seconds("connectTimeout", o.connect_timeout)? {
                builder = builder.connect_timeout(t);
            }
            if let Some(n) = o.max_retries {
                builder = builder.max_retries(n);
            }
            if let Some(ua) = o.user_agent {
                suffix.push(' ');
                suffix.push_str(&ua);
            }
            builder = builder.allow_insecure_http(o.allow_insecure_http.unwrap_or(false));
        }
        let inner = builder.user_agent(suffix).build().map_err(to_js)?;
        Ok(NativeClient { inner })
    }

    /// The base URL in use.
    #[napi(getter)]
    pub fn base_url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// The API key with its secret part hidden (`sk_test_***`).
    #[napi(getter)]
    pub fn api_key_hint(&self) -> String {
        self.inner.config().api_key.to_string()
    }

    /// Runs an operation of the core's table; resolves with the response as JSON.
    #[napi]
    pub async fn invoke(
        &self,
        operation: String,
        id: Option<String>,
        params: Option<Value>,
        options: Option<NativeRequestOptions>,
    ) -> Result<Value> {
        let options = request_options(options)?;
        let client = self.inner.clone();
        let handle = momentpay::runtime::runtime()
            .map_err(to_js)?
            .spawn(async move {
                momentpay::operations::invoke(
                    &client,
                    &operation,
                    id.as_deref(),
                    params.unwrap_or(Value::Null),
                    options,
                )
                .await
            });
        handle
            .await
            .map_err(|e| {
                to_js(momentpay::Error::internal(format!(
                    "the call failed inside momentpay: {e}"
                )))
            })?
            .map_err(to_js)
    }

    /// A pager over every transaction of payment page `id`.
    #[napi]
    pub fn transactions(
        &self,
        id: String,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> NativeTransactionPager {
        NativeTransactionPager {
            pager: Arc::new(tokio::sync::Mutex::new(TransactionPager::new(
                &self.inner,
                &id,
                ListParams { cursor, limit },
            ))),
        }
    }
}

/// Walks a payment page's transactions (use `for await` on `paymentPages.transactions`).
#[napi]
pub struct NativeTransactionPager {
    pager: Arc<tokio::sync::Mutex<TransactionPager>>,
}

#[napi]
impl NativeTransactionPager {
    /// The next transaction, or `null` at the end.
    #[napi]
    pub async fn next(&self) -> Result<Option<Value>> {
        let pager = self.pager.clone();
        let handle = momentpay::runtime::runtime()
            .map_err(to_js)?
            .spawn(async move { pager.lock().await.next().await });
        match handle
            .await
            .map_err(|e| to_js(momentpay::Error::internal(e.to_string())))?
        {
            None => Ok(None),
            Some(item) => {
                let item = item.map_err(to_js)?;
                serde_json::to_value(item)
                    .map(Some)
                    .map_err(|e| to_js(momentpay::Error::internal(e.to_string())))
            }
        }
    }
}

/// A verified event's envelope: what `verify` hands to JS (a plain object, cheaper to make
/// than a class instance); the JS `Webhook` keeps the data bytes for `eventDataJson`.
#[napi(object)]
pub struct VerifiedEvent {
    /// `evt_…`.
    pub id: String,
    /// The event type.
    pub r#type: String,
    /// Where `data` starts in the body (bytes).
    pub data_start: u32,
    /// Where `data` ends in the body (bytes).
    pub data_end: u32,
}

/// `data` of an event of type `event_type`, typed by its model and serialised back in the
/// normalised form (every model field, null when absent), as JSON text for `JSON.parse`
/// (faster than building the object through N-API). Fails with the webhook payload error
/// when it does not match its model.
#[napi]
pub fn event_data_json(event_type: String, data: &[u8]) -> Result<String> {
    let kind = momentpay::models::EventType::from(event_type.as_str());
    let data = momentpay::models::EventData::parse(&kind, data).map_err(to_js)?;
    let value = serde_json::to_string(&data);
    value.map_err(|e| to_js(momentpay::Error::internal(e.to_string())))
}

/// The three webhook headers the core reads, from the values JS picked out.
fn webhook_headers<'a>(
    id: &'a Option<String>,
    timestamp: &'a Option<String>,
    signature: &'a Option<String>,
) -> Vec<(&'static str, &'a str)> {
    [
        (momentpay::webhooks::WEBHOOK_ID, id),
        (momentpay::webhooks::WEBHOOK_TIMESTAMP, timestamp),
        (momentpay::webhooks::WEBHOOK_SIGNATURE, signature),
    ]
    .into_iter()
    .filter_map(|(name, value)| value.as_deref().map(|v| (name, v)))
    .collect()
}

/// The native webhook verifier (use `Webhook` from the package).
#[napi]
pub struct NativeWebhook {
    inner: momentpay::Webhook,
}

#[napi]
impl NativeWebhook {
    /// A verifier for `secret` (and `additionalSecrets` during rotation).
    #[napi(constructor)]
    pub fn new(
        secret: String,
        tolerance_seconds: Option<f64>,
        additional_secrets: Option<Vec<String>>,
    ) -> Result<Self> {
        let mut inner = momentpay::Webhook::new(&secret).map_err(to_js)?;
        if let Some(t) = tolerance_seconds {
            if !(t.is_finite() && t >= 0.0) {
                return Err(to_js(momentpay::Error::validation(
                    "toleranceSeconds",
                    "must be a non-negative number",
                )));
            }
            inner = inner.tolerance(Duration::from_secs_f64(t));
        }
        for extra in additional_secrets.unwrap_or_default() {
            inner = inner.with_additional_secret(&extra).map_err(to_js)?;
        }
        Ok(NativeWebhook { inner })
    }

    /// Verifies the raw body (read in place) against the `webhook-id`, `webhook-timestamp`
    /// and `webhook-signature` values; returns the envelope with data still unparsed.
    #[napi]
    pub fn verify(
        &self,
        payload: &[u8],
        id: Option<String>,
        timestamp: Option<String>,
        signature: Option<String>,
        now: Option<i64>,
    ) -> Result<VerifiedEvent> {
        let headers = webhook_headers(&id, &timestamp, &signature);
        let envelope = match now {
            Some(now) => self.inner.verify_envelope_at(payload, &headers, now),
            None => self.inner.verify_envelope(payload, &headers),
        }
        .map_err(to_js)?;
        let range = envelope.data_range();
        Ok(VerifiedEvent {
            id: envelope.id().to_owned(),
            r#type: envelope.kind().as_str().to_owned(),
            data_start: u32::try_from(range.start).unwrap_or(u32::MAX),
            data_end: u32::try_from(range.end).unwrap_or(u32::MAX),
        })
    }

    /// Checks headers, timestamp and signature without parsing the body.
    #[napi]
    pub fn verify_signature(
        &self,
        payload: &[u8],
        id: Option<String>,
        timestamp: Option<String>,
        signature: Option<String>,
        now: Option<i64>,
    ) -> Result<()> {
        let headers = webhook_headers(&id, &timestamp, &signature);
        match now {
            Some(now) => self.inner.verify_signature_at(payload, &headers, now),
            None => self.inner.verify_signature(payload, &headers),
        }
        .map_err(to_js)
    }

    /// The `webhook-signature` value for a payload.
    #[napi]
    pub fn sign(&self, msg_id: String, timestamp: i64, payload: Buffer) -> String {
        self.inner.sign(&msg_id, timestamp, &payload)
    }

    /// A fresh `whsec_` secret.
    #[napi]
    pub fn generate_secret() -> String {
        momentpay::Webhook::generate_secret()
    }
}

/// Every operation of the core's table (`resource.method`).
#[napi]
pub fn operations() -> Vec<String> {
    momentpay::operations::OPERATIONS
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}
