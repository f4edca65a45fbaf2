//! The library the Swift package `MomentPay` links (`libmomentpay_ffi`): the UniFFI surface
//! Swift (and Kotlin, and uniffi's Python) call, on the momentpay core with its `uniffi`
//! feature (which derives the models' records and enums).
//!
//! Translation only: every method calls the same typed resource method as the Rust client,
//! on the SDK's shared runtime; errors become [`MomentError`]; the few types UniFFI cannot
//! express (the boxed `EventData`) are converted in small functions here. The typed methods,
//! `CallOptions`, the constructor's parameters and the pagers are generated from the core's
//! tables (operations, request options, client options).

// `MomentError` is returned by value because its shape is the Swift `Error` enum; boxing it
// would change the foreign API.
#![allow(clippy::result_large_err)]

use momentpay::models::*;
use momentpay::request::RequestOptions;
use momentpay::{Client, Error, ErrorKind};
use std::collections::HashMap;
use std::sync::Arc;

uniffi::setup_scaffolding!("momentpay_ffi");

/// Every error of the SDK, as one enum (a Swift `Error`).
#[derive(Debug, uniffi::Error)]
pub enum MomentError {
    /// Moment answered with an error status.
    Api {
        /// `not_found`, `conflict`, `rate_limited`, ...
        kind: String,
        /// Human-readable message.
        message: String,
        /// HTTP status.
        status: u16,
        /// Problem code (`not-found`, `conflict`, ...).
        code: Option<String>,
        /// Problem title.
        title: Option<String>,
        /// Problem detail.
        detail: Option<String>,
        /// Moment's `x-request-id`.
        request_id: Option<String>,
        /// The offending field, when Moment names one.
        field: Option<String>,
        /// Whether repeating the call (same idempotency key) may succeed.
        retryable: bool,
        /// The `Idempotency-Key` the call carried (mutations): repeat it with this key.
        idempotency_key: Option<String>,
    },
    /// Refused before sending; `field` names the input.
    Validation {
        /// Dotted path of the field.
        field: String,
        /// What is wrong.
        message: String,
    },
    /// A public key was used for a call that needs a secret key (refused before sending).
    PermissionDenied {
        /// Explanation.
        message: String,
    },
    /// The connection failed, or an attempt timed out; with `timeout` true for a mutation,
    /// the call may have been applied (the message says so): repeat it with
    /// `idempotency_key` to get its result without applying it twice.
    Connection {
        /// Explanation.
        message: String,
        /// True for a timeout (and for an unknown outcome).
        timeout: bool,
        /// The `Idempotency-Key` the call carried (mutations).
        idempotency_key: Option<String>,
    },
    /// The client is misconfigured.
    Configuration {
        /// Explanation.
        message: String,
    },
    /// A webhook did not verify.
    Webhook {
        /// `missing_header`, `timestamp_too_old`, `no_matching_signature`, ...
        failure: String,
        /// Explanation.
        message: String,
    },
    /// A response could not be decoded, or a bug inside the SDK.
    Internal {
        /// Explanation.
        message: String,
    },
}

impl std::fmt::Display for MomentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MomentError::Api { message, .. }
            | MomentError::Validation { message, .. }
            | MomentError::PermissionDenied { message }
            | MomentError::Connection { message, .. }
            | MomentError::Configuration { message }
            | MomentError::Webhook { message, .. }
            | MomentError::Internal { message } => f.write_str(message),
        }
    }
}

impl std::error::Error for MomentError {}

impl From<Error> for MomentError {
    fn from(error: Error) -> MomentError {
        let message = error.to_string();
        let idempotency_key = error.idempotency_key().map(str::to_owned);
        match error.kind() {
            ErrorKind::Validation => MomentError::Validation {
                field: error.field().unwrap_or_default().to_owned(),
                message,
            },
            ErrorKind::PermissionDenied if error.status().is_none() => {
                MomentError::PermissionDenied { message }
            }
            ErrorKind::Connection | ErrorKind::Cancelled => MomentError::Connection {
                message,
                timeout: false,
                idempotency_key,
            },
            ErrorKind::Timeout => MomentError::Connection {
                message,
                timeout: true,
                idempotency_key,
            },
            ErrorKind::Configuration => MomentError::Configuration { message },
            ErrorKind::Webhook(failure) => MomentError::Webhook {
                failure: failure.code().to_owned(),
                message,
            },
            kind => match error.status() {
                Some(status) => MomentError::Api {
                    kind: kind.code().to_owned(),
                    message,
                    status,
                    code: error.code().map(str::to_owned),
                    title: error.problem().and_then(|p| p.title.clone()),
                    detail: error.problem().and_then(|p| p.detail.clone()),
                    request_id: error.request_id().map(str::to_owned),
                    field: error.field().map(str::to_owned),
                    retryable: error.is_retryable(),
                    idempotency_key,
                },
                None => MomentError::Internal { message },
            },
        }
    }
}

/// The type of a `CallOptions` field, by the option's kind (the names are the kinds').
mod ffi_kind {
    /// Text.
    pub type String = Option<std::string::String>;
    /// Seconds.
    pub type Duration = Option<f64>;
    /// A count.
    pub type Count = Option<u32>;
    /// A JSON object, as its text.
    pub type Object = Option<std::string::String>;
    /// True or false.
    pub type Bool = Option<bool>;
}

/// A given option as the core's parsers take it (seconds for durations, an object parsed
/// from its text), or the error naming the Swift field.
macro_rules! ffi_json {
    (String $value:ident, $name:expr) => {
        Ok::<_, MomentError>(serde_json::Value::String($value))
    };
    (Count $value:ident, $name:expr) => {
        Ok::<_, MomentError>(serde_json::Value::from($value))
    };
    (Bool $value:ident, $name:expr) => {
        Ok::<_, MomentError>(serde_json::Value::Bool($value))
    };
    (Duration $value:ident, $name:expr) => {
        serde_json::Number::from_f64($value)
            .map(serde_json::Value::Number)
            .ok_or_else(|| {
                MomentError::from(Error::validation(
                    $name,
                    "must be a positive number of seconds",
                ))
            })
    };
    (Object $value:ident, $name:expr) => {
        match serde_json::from_str::<serde_json::Value>(&$value) {
            Ok(object @ serde_json::Value::Object(_)) => Ok(object),
            _ => Err(MomentError::from(Error::validation(
                $name,
                "must be a JSON object (text)",
            ))),
        }
    };
}

/// The error of a core parser, naming the option as Swift spells it (`timeout_seconds`).
fn swift_named(error: Error, names: &[(&str, &str)]) -> MomentError {
    match error.field() {
        Some(field) if error.kind() == ErrorKind::Validation => {
            match names
                .iter()
                .find(|(core, swift)| *core == field && core != swift)
            {
                Some((_, swift)) => Error::validation(*swift, error.reason()).into(),
                None => error.into(),
            }
        }
        _ => error.into(),
    }
}

/// `MomentClient`'s constructor from the table of client options (options.rs): every client
/// option Python and Node have, read by the same parser.
macro_rules! client_constructor {
    ($( $(#[doc = $doc:literal])* $name:ident, kind: $kind:ident, ffi: $ffi:ident; )*) => {
        #[uniffi::export]
        impl MomentClient {
            /// A client; unset values fall back to `MOMENT_API_KEY` / `MOMENT_BASE_URL` and the
            /// defaults (durations in seconds). Apps must use a public key (`pk_…`): it can
            /// only create payment sessions.
            #[uniffi::constructor(default($($ffi = None),*))]
            // Swift's named, defaulted parameters: one per option.
            #[allow(clippy::too_many_arguments)]
            pub fn new($($ffi: ffi_kind::$kind),*) -> Result<Arc<Self>, MomentError> {
                let mut given = serde_json::Map::new();
                $(
                    if let Some(value) = $ffi {
                        given.insert(stringify!($name).to_owned(), ffi_json!($kind value, stringify!($ffi))?);
                    }
                )*
                // Moment sees the Swift package in the User-Agent, then the app's own suffix.
                let package = format!("momentpay-swift/{}", env!("CARGO_PKG_VERSION"));
                let agent = match given.get("user_agent").and_then(serde_json::Value::as_str) {
                    Some(app) => format!("{package} {app}"),
                    None => package,
                };
                given.insert("user_agent".to_owned(), serde_json::Value::String(agent));
                let names = [$((stringify!($name), stringify!($ffi))),*];
                let builder = momentpay::options::client_builder(&given, momentpay::options::Host::SNAKE_SECONDS)
                    .map_err(|error| swift_named(error, &names))?;
                Ok(Arc::new(MomentClient {
                    inner: builder.build().map_err(|error| swift_named(error, &names))?,
                }))
            }
        }
    };
}

/// `CallOptions` from the table of per-call options (request.rs): every option a call takes
/// in Rust, Python and Node, checked by the same parser (`options::request_options`).
macro_rules! call_options {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $setter:ident, kind: $kind:ident, scope: $scope:ident,
            ffi: $ffi:ident $(, check: $check:path)?;
    )*) => {
        /// Per-call options (durations in seconds; `extra_body` as JSON object text).
        #[derive(Debug, Clone, Default, uniffi::Record)]
        pub struct CallOptions {
            $(
                $(#[doc = $doc])*
                #[uniffi(default = None)]
                pub $ffi: ffi_kind::$kind,
            )*
        }

        /// The options as the core's parser takes them (snake_case names, seconds), each
        /// error naming the Swift field.
        fn request_options(options: Option<CallOptions>) -> Result<RequestOptions, MomentError> {
            let options = options.unwrap_or_default();
            let mut given = serde_json::Map::new();
            $(
                if let Some(value) = options.$ffi {
                    given.insert(stringify!($name).to_owned(), ffi_json!($kind value, stringify!($ffi))?);
                }
            )*
            let names = [$((stringify!($name), stringify!($ffi))),*];
            momentpay::options::request_options(&given, momentpay::options::Host::SNAKE_SECONDS)
                .map_err(|error| swift_named(error, &names))
        }
    };
}

momentpay::for_each_request_option!(call_options);
momentpay::for_each_client_option!(client_constructor);

impl MomentClient {
    /// The future behind [`MomentClient::invoke`] and its blocking twin (inputs checked).
    fn invoke_call(
        &self,
        operation: String,
        id: Option<String>,
        params_json: Option<String>,
        options: Option<CallOptions>,
    ) -> Result<
        impl std::future::Future<Output = momentpay::Result<InvokeResponse>> + Send + 'static,
        MomentError,
    > {
        let (params, options) = (json_params(params_json)?, request_options(options)?);
        let client = self.inner.clone();
        Ok(async move {
            let invoked =
                momentpay::operations::invoke(&client, &operation, id.as_deref(), params, options)
                    .await?;
            Ok(InvokeResponse::from(invoked))
        })
    }
}

/// `params_json` as a JSON value (`null` when absent).
fn json_params(params_json: Option<String>) -> Result<serde_json::Value, MomentError> {
    match params_json {
        None => Ok(serde_json::Value::Null),
        Some(text) => {
            // Before the parser recurses: a value nested too deep names its field.
            momentpay::validation::nesting::check_text(text.as_bytes(), "params")?;
            serde_json::from_str(&text).map_err(|e| {
                Error::validation("params_json", format!("is not valid JSON: {e}")).into()
            })
        }
    }
}

/// Runs a future on the SDK's runtime; awaitable from any executor (Swift's, uniffi's).
async fn on_runtime<T: Send + 'static>(
    future: impl std::future::Future<Output = momentpay::Result<T>> + Send + 'static,
) -> Result<T, MomentError> {
    let runtime = momentpay::runtime::runtime()?;
    runtime
        .spawn(future)
        .await
        .map_err(|e| MomentError::Internal {
            message: format!("the call failed inside momentpay: {e}"),
        })?
        .map_err(Into::into)
}

/// The Moment client. Create one per process and share it.
#[derive(uniffi::Object)]
pub struct MomentClient {
    inner: Client,
}

#[uniffi::export]
impl MomentClient {
    /// The base URL in use.
    pub fn base_url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// Any operation by its core name (`payments.capture`, `billing.bills.void`, ... as in
    /// [`operation_names`]), with the path `id` and the body or query as JSON text, answering
    /// the response as JSON text. Validation, retries and idempotency are the typed
    /// methods' own.
    #[uniffi::method(default(id = None, params_json = None, options = None))]
    pub async fn invoke(
        &self,
        operation: String,
        id: Option<String>,
        params_json: Option<String>,
        options: Option<CallOptions>,
    ) -> Result<String, MomentError> {
        let call = self.invoke_call(operation, id, params_json, options)?;
        on_runtime(async move { call.await.map(|response| response.json) }).await
    }

    /// [`MomentClient::invoke`], blocking the calling thread.
    #[uniffi::method(default(id = None, params_json = None, options = None))]
    pub fn invoke_blocking(
        &self,
        operation: String,
        id: Option<String>,
        params_json: Option<String>,
        options: Option<CallOptions>,
    ) -> Result<String, MomentError> {
        let call = self.invoke_call(operation, id, params_json, options)?;
        momentpay::runtime::block_on(async move { call.await.map(|response| response.json) })
            .map_err(Into::into)
    }

    /// [`MomentClient::invoke`], also answering what the response said about itself:
    /// Moment's request ID, whether it was an idempotent replay, the idempotency key used.
    #[uniffi::method(default(id = None, params_json = None, options = None))]
    pub async fn invoke_with_response(
        &self,
        operation: String,
        id: Option<String>,
        params_json: Option<String>,
        options: Option<CallOptions>,
    ) -> Result<InvokeResponse, MomentError> {
        on_runtime(self.invoke_call(operation, id, params_json, options)?).await
    }
}

/// A response as JSON text and what it said about itself.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct InvokeResponse {
    /// The response model as JSON text.
    pub json: String,
    /// Moment's `x-request-id`.
    pub request_id: Option<String>,
    /// Whether Moment answered from its idempotency store (a replay that changed nothing).
    pub idempotent_replayed: bool,
    /// The HTTP status.
    pub status: u16,
    /// The `Idempotency-Key` the call carried (mutations only).
    pub idempotency_key: Option<String>,
}

impl From<momentpay::operations::Invoked> for InvokeResponse {
    fn from(invoked: momentpay::operations::Invoked) -> Self {
        InvokeResponse {
            json: invoked.value.to_string(),
            request_id: invoked.meta.request_id,
            idempotent_replayed: invoked.meta.idempotent_replayed,
            status: invoked.meta.status,
            idempotency_key: invoked.meta.idempotency_key,
        }
    }
}

/// Defines each operation of the table ([`momentpay::api::for_each_operation`]) twice on
/// [`MomentClient`]: `async`, and `_blocking` (one exported impl block per operation, since
/// `uniffi::export` reads its block before any macro inside it expands).
macro_rules! ffi_methods {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        $( ffi_methods!(@method [$(#[doc = $doc])*] $ffi $ffi_blocking $id $kind $params $response); )*
    };
    (@method [$($doc:tt)*] $ffi:ident $blocking:ident none $kind:ident $params:ident $response:ident) => {
        #[uniffi::export]
        impl MomentClient {
            $($doc)*
            #[uniffi::method(default(options = None))]
            pub async fn $ffi(&self, params: $params, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation(&momentpay::api::op::$ffi, None, Some(&params)).options(request_options(options)?);
                on_runtime(async move { call.await }).await
            }

            $($doc)*
            /// (Blocks the calling thread; never call it on the main thread of an app.)
            #[uniffi::method(default(options = None))]
            pub fn $blocking(&self, params: $params, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation(&momentpay::api::op::$ffi, None, Some(&params)).options(request_options(options)?);
                momentpay::runtime::block_on(async move { call.await }).map_err(Into::into)
            }
        }
    };
    (@method [$($doc:tt)*] $ffi:ident $blocking:ident $id:ident none () $response:ident) => {
        #[uniffi::export]
        impl MomentClient {
            $($doc)*
            #[uniffi::method(default(options = None))]
            pub async fn $ffi(&self, $id: String, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation::<(), _>(&momentpay::api::op::$ffi, Some(&$id), None).options(request_options(options)?);
                on_runtime(async move { call.await }).await
            }

            $($doc)*
            /// (Blocks the calling thread; never call it on the main thread of an app.)
            #[uniffi::method(default(options = None))]
            pub fn $blocking(&self, $id: String, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation::<(), _>(&momentpay::api::op::$ffi, Some(&$id), None).options(request_options(options)?);
                momentpay::runtime::block_on(async move { call.await }).map_err(Into::into)
            }
        }
    };
    (@method [$($doc:tt)*] $ffi:ident $blocking:ident $id:ident $kind:ident $params:ident $response:ident) => {
        #[uniffi::export]
        impl MomentClient {
            $($doc)*
            #[uniffi::method(default(options = None))]
            pub async fn $ffi(&self, $id: String, params: $params, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation(&momentpay::api::op::$ffi, Some(&$id), Some(&params)).options(request_options(options)?);
                on_runtime(async move { call.await }).await
            }

            $($doc)*
            /// (Blocks the calling thread; never call it on the main thread of an app.)
            #[uniffi::method(default(options = None))]
            pub fn $blocking(&self, $id: String, params: $params, options: Option<CallOptions>) -> Result<$response, MomentError> {
                let call = self.inner.operation(&momentpay::api::op::$ffi, Some(&$id), Some(&params)).options(request_options(options)?);
                momentpay::runtime::block_on(async move { call.await }).map_err(Into::into)
            }
        }
    };
}

momentpay::for_each_operation!(ffi_methods);

/// For each list operation (a row with `pages:`): `MomentClient`'s method walking every item
/// (`transactions(id:limit:)`) and the pager object it returns (`TransactionPager`), whose
/// `next()` gives the next item or `nil` at the end.
macro_rules! ffi_pagers {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        $($(
            /// Walks every item of a list, fetching pages as needed.
            #[derive(uniffi::Object)]
            pub struct $pager {
                pager: Arc<tokio::sync::Mutex<Option<momentpay::pager::Pager>>>,
                /// Why it could not start (a bad limit, say): given by the first `next()`.
                refused: std::sync::Mutex<Option<Error>>,
            }

            #[uniffi::export]
            impl $pager {
                /// The next item, or `nil` at the end.
                pub async fn next(&self) -> Result<Option<$item>, MomentError> {
                    if let Some(error) = self.refused.lock().ok().and_then(|mut e| e.take()) {
                        return Err(error.into());
                    }
                    let pager = self.pager.clone();
                    on_runtime(async move {
                        let mut pager = pager.lock().await;
                        let Some(pager) = pager.as_mut() else {
                            return Ok(None);
                        };
                        let Some(item) = pager.next().await else {
                            return Ok(None);
                        };
                        let item = serde_json::from_value(item?).map_err(|e| {
                            Error::internal(format!("cannot decode an item of {}: {e}", $name))
                        })?;
                        Ok(Some(item))
                    })
                    .await
                }
            }

            #[uniffi::export]
            impl MomentClient {
                /// A pager over every item of a list operation (the method is named as in
                /// every language: `transactions(id:limit:)`), fetching pages (`limit` items
                /// each) as its `next()` needs them.
                #[uniffi::method(default(limit = None))]
                pub fn $pages(&self, $id: String, limit: Option<u32>) -> Arc<$pager> {
                    // The list's parameters are `cursor` and `limit` (a compile error otherwise).
                    let params = momentpay::models::$params { cursor: None, limit };
                    let started = serde_json::to_value(params)
                        .map_err(|e| Error::internal(e.to_string()))
                        .and_then(|params| momentpay::pager::Pager::new(&self.inner, $name, Some(&$id), params));
                    let (pager, refused) = match started {
                        Ok(pager) => (Some(pager), None),
                        Err(error) => (None, Some(error)),
                    };
                    Arc::new($pager {
                        pager: Arc::new(tokio::sync::Mutex::new(pager)),
                        refused: std::sync::Mutex::new(refused),
                    })
                }
            }
        )?)*
    };
}

momentpay::for_each_operation!(ffi_pagers);

/// The typed payload of a webhook event.
#[derive(Debug, Clone, PartialEq, uniffi::Enum)]
pub enum EventPayload {
    /// `payment_session.*`.
    PaymentSession {
        /// The session.
        session: PaymentSession,
    },
    /// `payment.*`.
    Payment {
        /// The payment.
        payment: Payment,
    },
    /// `payment_request.*`.
    PaymentRequest {
        /// The request.
        request: PaymentRequest,
    },
    /// `payment_page.payment_received`.
    PaymentPageTransaction {
        /// The transaction.
        transaction: PaymentPageTransaction,
    },
    /// `obligation.amount_applied`.
    Obligation {
        /// The obligation.
        obligation: Obligation,
    },
    /// Any other event type: `data` as JSON text.
    Unknown {
        /// The raw `data`.
        json: String,
    },
}

/// A verified webhook event.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WebhookEvent {
    /// `evt_…`.
    pub id: String,
    /// The event type.
    pub event_type: EventType,
    /// The typed payload.
    pub data: EventPayload,
}

impl From<Event> for WebhookEvent {
    fn from(event: Event) -> Self {
        let data = match event.data {
            EventData::PaymentSession(session) => {
                EventPayload::PaymentSession { session: *session }
            }
            EventData::Payment(payment) => EventPayload::Payment { payment: *payment },
            EventData::PaymentRequest(request) => {
                EventPayload::PaymentRequest { request: *request }
            }
            EventData::PaymentPageTransaction(transaction) => {
                EventPayload::PaymentPageTransaction {
                    transaction: *transaction,
                }
            }
            EventData::Obligation(obligation) => EventPayload::Obligation {
                obligation: *obligation,
            },
            EventData::Unknown(json) => EventPayload::Unknown {
                json: json.to_string(),
            },
            // A kind of data the core models and this surface does not yet: its JSON.
            other => EventPayload::Unknown {
                json: serde_json::to_string(&other).unwrap_or_default(),
            },
        };
        WebhookEvent {
            id: event.id,
            event_type: event.kind,
            data,
        }
    }
}

/// Verifies Moment webhooks (server-side: the secret must never ship in an app).
#[derive(uniffi::Object)]
pub struct MomentWebhook {
    inner: momentpay::Webhook,
}

#[uniffi::export]
impl MomentWebhook {
    /// A verifier for `secret` (plus `additional_secrets` during rotation).
    #[uniffi::constructor(default(tolerance_seconds = None, additional_secrets = []))]
    pub fn new(
        secret: String,
        tolerance_seconds: Option<f64>,
        additional_secrets: Vec<String>,
    ) -> Result<Arc<Self>, MomentError> {
        let mut inner = momentpay::Webhook::new(&secret)?;
        if let Some(tolerance) = tolerance_seconds {
            // Bounded like every other duration: `Duration::from_secs_f64(1e20)` panics.
            inner = inner.tolerance(momentpay::options::duration(
                "tolerance_seconds",
                tolerance,
                momentpay::options::TimeUnit::Seconds,
                true,
            )?);
        }
        for extra in additional_secrets {
            inner = inner.with_additional_secret(&extra)?;
        }
        Ok(Arc::new(MomentWebhook { inner }))
    }

    /// Verifies the raw body against its headers (any case) and returns the typed event.
    /// `now` (Unix seconds) replaces the clock, for tests.
    #[uniffi::method(default(now = None))]
    pub fn verify(
        &self,
        payload: Vec<u8>,
        headers: HashMap<String, String>,
        now: Option<i64>,
    ) -> Result<WebhookEvent, MomentError> {
        let event = match now {
            Some(now) => self.inner.verify_at(&payload, &headers, now),
            None => self.inner.verify(&payload, &headers),
        }?;
        Ok(event.into())
    }

    /// The `webhook-signature` value for a payload.
    pub fn sign(&self, msg_id: String, timestamp: i64, payload: Vec<u8>) -> String {
        self.inner.sign(&msg_id, timestamp, &payload)
    }
}

/// The operations this surface offers, by core operation name (for completeness checks).
#[uniffi::export]
pub fn operation_names() -> Vec<String> {
    momentpay::operations::names().map(str::to_owned).collect()
}
