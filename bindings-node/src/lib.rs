//! The native addon behind the npm package `momentpay`: a thin translation of the Rust core.
//! Every API call goes through `momentpay::operations::invoke`; errors cross as a JSON
//! payload that `ts/lib/errors.ts` turns into Error subclasses. No behaviour lives here.

mod logging;

use momentpay::options::{Host, TimeUnit};
use momentpay::pager::Pager;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use serde_json::{Value, json};
use std::sync::Arc;

/// Marks errors whose message is a JSON description of a momentpay error.
const ERROR_PREFIX: &str = "MOMENTPAY_ERROR:";

/// The error as the core describes it (`message` and the catalogue's fields, snake_case) and
/// the class the catalogue names for it in Node; `ts/lib/errors.ts` builds the instance.
fn to_js(error: momentpay::Error) -> Error {
    let mut payload = error.describe();
    payload.insert("class".into(), Value::from(error.class("node")));
    Error::new(
        Status::GenericFailure,
        format!("{ERROR_PREFIX}{}", Value::Object(payload)),
    )
}

/// The options object JS gave (camelCase names, milliseconds), as the core's JSON map.
fn options_map(what: &str, options: Option<Value>) -> Result<serde_json::Map<String, Value>> {
    match options {
        None | Some(Value::Null) => Ok(serde_json::Map::new()),
        Some(Value::Object(map)) => Ok(map),
        Some(_) => Err(to_js(momentpay::Error::validation(
            what,
            "must be an object",
        ))),
    }
}

/// Most levels of objects and arrays in one call's parameters (the core's limit;
/// `lib/call.ts` checks it before the addon converts a value).
#[napi]
pub fn max_nesting() -> u32 {
    u32::try_from(momentpay::validation::nesting::MAX_NESTING).unwrap_or(u32::MAX)
}

/// Throws the core's error for a value under `field` nested deeper than the limit.
#[napi]
pub fn nesting_error(field: String) -> Result<()> {
    Err(to_js(momentpay::validation::nesting::too_deep(&field)))
}

/// A cancellation a JS `AbortSignal` triggers (`lib/call.ts` wires the signal to it).
#[napi]
pub struct NativeCancel {
    sender: tokio::sync::watch::Sender<bool>,
}

#[napi]
impl NativeCancel {
    /// A cancellation not yet triggered.
    #[napi(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        NativeCancel {
            sender: tokio::sync::watch::channel(false).0,
        }
    }

    /// Cancels every call given this token.
    #[napi]
    pub fn cancel(&self) {
        self.sender.send_replace(true);
    }
}

/// The native client (use `Moment` from the package).
#[napi]
pub struct NativeClient {
    inner: momentpay::Client,
}

#[napi]
impl NativeClient {
    /// Builds a client from `new Moment(options)`'s options (camelCase, milliseconds); the
    /// core checks every name and value. Throws on bad configuration.
    #[napi(constructor)]
    pub fn new(options: Option<Value>) -> Result<Self> {
        logging::init_from_env();
        let mut options = options_map("options", options)?;
        let suffix = match options.remove("userAgent") {
            Some(Value::String(extra)) => {
                format!("momentpay-node/{} {extra}", env!("CARGO_PKG_VERSION"))
            }
            Some(Value::Null) | None => format!("momentpay-node/{}", env!("CARGO_PKG_VERSION")),
            Some(other) => {
                return Err(to_js(momentpay::Error::validation(
                    "userAgent",
                    format!("must be a string (got {other})"),
                )));
            }
        };
        options.insert("userAgent".to_owned(), Value::String(suffix));
        let inner =
            momentpay::options::client(&options, Host::CAMEL_MILLISECONDS).map_err(to_js)?;
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

    /// Runs an operation of the core's table; resolves with `{data, requestId,
    /// idempotentReplayed, status, idempotencyKey}` (`data`: the response as JSON). `options`
    /// are the call's options without `signal` (camelCase, milliseconds); `cancel`, when
    /// triggered, gives the call up.
    #[napi]
    pub async fn invoke(
        &self,
        operation: String,
        id: Option<String>,
        params: Option<Value>,
        options: Option<Value>,
        cancel: Option<&NativeCancel>,
    ) -> Result<Value> {
        let options = momentpay::options::request_options(
            &options_map("options", options)?,
            Host::CAMEL_MILLISECONDS,
        )
        .map_err(to_js)?;
        let client = self.inner.clone();
        let mut cancelled = cancel.map(|c| c.sender.subscribe());
        let handle = momentpay::runtime::runtime()
            .map_err(to_js)?
            .spawn(async move {
                let cancelled = async move {
                    match &mut cancelled {
                        Some(receiver) => {
                            // A dropped token never cancels.
                            if receiver.wait_for(|cancelled| *cancelled).await.is_err() {
                                std::future::pending::<()>().await;
                            }
                        }
                        None => std::future::pending::<()>().await,
                    }
                };
                momentpay::operations::invoke_until(
                    &client,
                    &operation,
                    id.as_deref(),
                    params.unwrap_or(Value::Null),
                    options,
                    cancelled,
                )
                .await
            });
        let invoked = handle
            .await
            .map_err(|e| {
                to_js(momentpay::Error::internal(format!(
                    "the call failed inside momentpay: {e}"
                )))
            })?
            .map_err(to_js)?;
        Ok(json!({
            "data": invoked.value,
            "requestId": invoked.meta.request_id,
            "idempotentReplayed": invoked.meta.idempotent_replayed,
            "status": invoked.meta.status,
            "idempotencyKey": invoked.meta.idempotency_key,
        }))
    }

    /// A pager over every item of list operation `operation` (a row with `pages:`) of
    /// resource `id`, from `params` (`limit`, `cursor`).
    #[napi]
    pub fn paginate(
        &self,
        operation: String,
        id: Option<String>,
        params: Option<Value>,
    ) -> Result<NativePager> {
        let pager = Pager::new(
            &self.inner,
            &operation,
            id.as_deref(),
            params.unwrap_or(Value::Null),
        )
        .map_err(to_js)?;
        Ok(NativePager {
            pager: Arc::new(tokio::sync::Mutex::new(pager)),
        })
    }
}

/// Walks every item of a list operation (use `for await` on a resource's walk, such as
/// `paymentPages.transactions`).
#[napi]
pub struct NativePager {
    pager: Arc<tokio::sync::Mutex<Pager>>,
}

#[napi]
impl NativePager {
    /// The next item, or `null` at the end.
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
            Some(item) => item.map(Some).map_err(to_js),
        }
    }
}

/// `data` of the verified event `body`, typed by its model and serialised back in the
/// normalised form (every model field, null when absent), as JSON text for `JSON.parse`
/// (faster than building the object through N-API). Fails with the webhook payload error
/// when it does not match its model.
#[napi]
pub fn event_data_json(body: &[u8]) -> Result<String> {
    let envelope = momentpay::models::EventEnvelope::from_slice(body).map_err(|message| {
        to_js(momentpay::Error::webhook(
            momentpay::WebhookFailure::MalformedBody,
            message,
        ))
    })?;
    let data = envelope.data().map_err(to_js)?;
    serde_json::to_string(&data).map_err(|e| to_js(momentpay::Error::internal(e.to_string())))
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
    /// A verifier for `secret` (and `additionalSecrets` during rotation). The values arrive
    /// as given (any JS value), so a wrong type is a validation error naming the argument.
    #[napi(constructor)]
    pub fn new(
        secret: Option<Value>,
        tolerance_seconds: Option<Value>,
        additional_secrets: Option<Value>,
    ) -> Result<Self> {
        let Some(Value::String(secret)) = secret else {
            return Err(to_js(momentpay::Error::validation(
                "secret",
                format!(
                    "must be the endpoint's signing secret, a string (got {})",
                    describe(secret.as_ref())
                ),
            )));
        };
        let mut inner = momentpay::Webhook::new(&secret).map_err(to_js)?;
        match tolerance_seconds {
            None | Some(Value::Null) => {}
            Some(Value::Number(n)) => {
                let tolerance = momentpay::options::duration(
                    "toleranceSeconds",
                    n.as_f64().unwrap_or(f64::NAN),
                    TimeUnit::Seconds,
                    true,
                )
                .map_err(to_js)?;
                inner = inner.tolerance(tolerance);
            }
            Some(other) => {
                return Err(to_js(momentpay::Error::validation(
                    "toleranceSeconds",
                    format!(
                        "must be a number of seconds (got {})",
                        describe(Some(&other))
                    ),
                )));
            }
        }
        let extras = match additional_secrets {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(to_js(momentpay::Error::validation(
                    "additionalSecrets",
                    format!("must be a list of secrets (got {})", describe(Some(&other))),
                )));
            }
        };
        for (i, extra) in extras.iter().enumerate() {
            let Value::String(extra) = extra else {
                return Err(to_js(momentpay::Error::validation(
                    format!("additionalSecrets[{i}]"),
                    format!("must be a string (got {})", describe(Some(extra))),
                )));
            };
            inner = inner.with_additional_secret(extra).map_err(to_js)?;
        }
        Ok(NativeWebhook { inner })
    }

    /// Verifies the raw body (read in place) against the `webhook-id`, `webhook-timestamp`
    /// and `webhook-signature` values, and checks it is a well-formed event; answers
    /// `"<length of type>:<type><id>"`, the length in UTF-16 units (one string costs far less
    /// to hand to JS than an object). `eventDataJson` types the data later.
    #[napi]
    pub fn verify(
        &self,
        payload: &[u8],
        id: Option<String>,
        timestamp: Option<String>,
        signature: Option<String>,
        now: Option<i64>,
    ) -> Result<String> {
        let headers = webhook_headers(&id, &timestamp, &signature);
        let (id, kind) = match now {
            Some(now) => self.inner.verify_head_at(payload, &headers, now),
            None => self.inner.verify_head(payload, &headers),
        }
        .map_err(to_js)?;
        let kind = kind.as_str();
        Ok(format!("{}:{kind}{id}", kind.encode_utf16().count()))
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
    momentpay::operations::names().map(str::to_owned).collect()
}

/// A JS value in words, for error messages (`undefined`, `a number`, ...).
fn describe(value: Option<&Value>) -> &'static str {
    match value {
        None | Some(Value::Null) => "nothing",
        Some(Value::Bool(_)) => "a boolean",
        Some(Value::Number(_)) => "a number",
        Some(Value::String(_)) => "a string",
        Some(Value::Array(_)) => "a list",
        Some(Value::Object(_)) => "an object",
    }
}
