//! The one error type of the SDK.
//!
//! Every failure, whether the server answered with a problem document, the network failed,
//! the SDK refused bad input before sending, or a webhook did not verify, is an [`Error`].
//! Ask it what happened with [`Error::kind`], [`Error::status`], [`Error::problem`],
//! [`Error::request_id`], [`Error::field`] and [`Error::is_retryable`].

use crate::problem::Problem;
use std::fmt;
use std::time::Duration;

/// A `Result` whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Defines an enum of failures from one table, as [`ErrorKind`] and [`WebhookFailure`] are:
/// each variant, its stable code (`code()`) and the error class the bindings raise for it
/// (see [`ERROR_CLASSES`]), and the table as data (`$table`, which describe() and codegen
/// read). Adding a kind is one row (and its class, if it needs a new one).
macro_rules! coded_enum {
    (
        $(#[doc = $enum_doc:literal])*
        pub enum $enum:ident, table $(#[doc = $table_doc:literal])* $table:ident {
            $(
                $(#[doc = $doc:literal])*
                $variant:ident $(($payload:ident))? = $code:literal => $class:literal;
            )*
        }
    ) => {
        $(#[doc = $enum_doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $enum {
            $( $(#[doc = $doc])* $variant $(($payload))?, )*
        }

        impl $enum {
            /// A stable snake_case code (`not_found`, `missing_header`, ...), the one the
            /// test vectors and every binding use.
            pub fn code(self) -> &'static str {
                match self {
                    $( $enum::$variant $((coded_enum!(@any $payload)))? => $code, )*
                }
            }
        }

        $(#[doc = $table_doc])*
        pub const $table: &[ErrorKindSpec] = &[
            $( ErrorKindSpec {
                code: $code,
                class: $class,
                doc: concat!($($doc, "\n",)*),
            }, )*
        ];
    };
    (@any $payload:ident) => { _ };
}

coded_enum! {
    /// What kind of failure an [`Error`] is.
    pub enum ErrorKind, table
    /// Every error kind: its code, the class the bindings raise, and its doc.
    ERROR_KINDS {
        /// 401: no valid API key.
        Authentication = "authentication" => "AuthenticationError";
        /// 403, or a public key used for a call that needs a secret key (refused before sending).
        PermissionDenied = "permission_denied" => "PermissionDeniedError";
        /// 404: the resource does not exist.
        NotFound = "not_found" => "NotFoundError";
        /// 409: the resource is in a state that does not allow the operation (capture, void, ...).
        Conflict = "conflict" => "ConflictError";
        /// 409 `idempotency-key-in-use` or 422 `idempotency-key-mismatch`.
        IdempotencyConflict = "idempotency_conflict" => "IdempotencyError";
        /// 400, 413 or 422: the server rejected the parameters (or the body's size).
        InvalidRequest = "invalid_request" => "InvalidRequestError";
        /// 402: parameters were valid but the request failed.
        RequestFailed = "request_failed" => "RequestFailedError";
        /// 429: too many requests.
        RateLimited = "rate_limited" => "RateLimitError";
        /// 5xx: the server failed.
        Server = "server" => "ServerError";
        /// Any other non-success HTTP status.
        Api = "api" => "APIError";
        /// The connection failed or broke before a response arrived.
        Connection = "connection" => "APIConnectionError";
        /// An attempt took longer than its timeout; or, for a mutation, retries ended without a
        /// definite answer after an attempt that may have been applied
        /// ([`Error::outcome_unknown`]): repeat it with [`Error::idempotency_key`].
        Timeout = "timeout" => "APITimeoutError";
        /// The caller cancelled the call (an abort signal). A mutation may have reached Moment:
        /// repeat it with [`Error::idempotency_key`].
        Cancelled = "cancelled" => "APIUserAbortError";
        /// The SDK refused the input before any network call; [`Error::field`] names the field.
        Validation = "validation" => "ValidationError";
        /// The client is misconfigured (missing key, insecure base URL, ...).
        Configuration = "configuration" => "ConfigurationError";
        /// A response or payload could not be decoded.
        Decode = "decode" => "DecodeError";
        /// A webhook did not verify; the [`WebhookFailure`] says why.
        Webhook(WebhookFailure) = "webhook" => "WebhookVerificationError";
        /// A bug inside the SDK (for example a caught panic). Please report it.
        Internal = "internal" => "InternalError";
    }
}

coded_enum! {
    /// Why a webhook did not verify. Each failure has its own variant so callers and tests
    /// can tell them apart.
    pub enum WebhookFailure, table
    /// Every webhook failure: its code, the class the bindings raise, and its doc.
    WEBHOOK_FAILURES {
        /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent.
        MissingHeader = "missing_header" => "WebhookMissingHeaderError";
        /// `webhook-timestamp` is not an integer number of seconds.
        InvalidTimestamp = "invalid_timestamp" => "WebhookInvalidTimestampError";
        /// The timestamp is older than the tolerance allows (a replay, or a slow queue).
        TimestampTooOld = "timestamp_too_old" => "WebhookTimestampTooOldError";
        /// The timestamp is further in the future than the tolerance allows.
        TimestampTooNew = "timestamp_too_new" => "WebhookTimestampTooNewError";
        /// No `v1` signature in `webhook-signature` matches the payload and secret.
        NoMatchingSignature = "no_matching_signature" => "WebhookSignatureError";
        /// The signing secret is empty or not valid base64.
        InvalidSecret = "invalid_secret" => "WebhookSecretError";
        /// The signature verified but the body is not a well-formed event; or the body is over
        /// [`crate::webhooks::MAX_PAYLOAD_BYTES`] (refused before the signature is checked).
        MalformedBody = "malformed_body" => "WebhookPayloadError";
    }
}

/// One row of [`ERROR_KINDS`] or [`WEBHOOK_FAILURES`].
#[derive(Debug, Clone, Copy)]
pub struct ErrorKindSpec {
    /// The stable code ([`ErrorKind::code`], [`WebhookFailure::code`]).
    pub code: &'static str,
    /// The name of the error class the bindings raise for it (a row of [`ERROR_CLASSES`]).
    pub class: &'static str,
    /// What it means (the variant's doc).
    pub doc: &'static str,
}

/// One class of the error hierarchy the bindings expose (Python exceptions, Node `Error`
/// subclasses), the same names in every language.
#[derive(Debug, Clone, Copy)]
pub struct ErrorClass {
    /// The class name (`NotFoundError`).
    pub name: &'static str,
    /// The class it extends; `None` for the root, `MomentError`.
    pub parent: Option<&'static str>,
    /// The languages that have it (empty: every one). Elsewhere its kinds raise the nearest
    /// ancestor that exists there (Python has no `APIUserAbortError`: asyncio cancels with
    /// `CancelledError`, and a cancelled call raises `APIConnectionError`).
    pub only_in: &'static [&'static str],
    /// Its docstring.
    pub doc: &'static str,
}

const fn class(
    name: &'static str,
    parent: &'static str,
    only_in: &'static [&'static str],
    doc: &'static str,
) -> ErrorClass {
    ErrorClass {
        name,
        parent: Some(parent),
        only_in,
        doc,
    }
}

/// The bindings' error hierarchy, parents before children. Which kind raises which class is
/// in [`ERROR_KINDS`] and [`WEBHOOK_FAILURES`].
pub const ERROR_CLASSES: &[ErrorClass] = &[
    ErrorClass {
        name: "MomentError",
        parent: None,
        only_in: &[],
        doc: "Base of every error momentpay raises.",
    },
    class(
        "APIError",
        "MomentError",
        &[],
        "Moment answered with an error status.",
    ),
    class(
        "AuthenticationError",
        "APIError",
        &[],
        "401: no valid API key.",
    ),
    class(
        "PermissionDeniedError",
        "APIError",
        &[],
        "403, or a public key used for a call that needs a secret key.",
    ),
    class(
        "NotFoundError",
        "APIError",
        &[],
        "404: the resource does not exist.",
    ),
    class(
        "ConflictError",
        "APIError",
        &[],
        "409: the resource's state does not allow the operation.",
    ),
    class(
        "IdempotencyError",
        "ConflictError",
        &[],
        "409 idempotency-key-in-use or 422 idempotency-key-mismatch.",
    ),
    class(
        "InvalidRequestError",
        "APIError",
        &[],
        "400, 413 or 422: Moment rejected the parameters (or the body was too large).",
    ),
    class(
        "RequestFailedError",
        "APIError",
        &[],
        "402: the parameters were valid but the request failed.",
    ),
    class("RateLimitError", "APIError", &[], "429: too many requests."),
    class("ServerError", "APIError", &[], "5xx: Moment failed."),
    class(
        "APIConnectionError",
        "MomentError",
        &[],
        "The connection failed before a response arrived.",
    ),
    class(
        "APITimeoutError",
        "APIConnectionError",
        &[],
        "An attempt took longer than its timeout.",
    ),
    class(
        "APIUserAbortError",
        "APIConnectionError",
        &["node"],
        "The call's `signal` aborted it. A mutation may have reached Moment: repeat it with `idempotencyKey`.",
    ),
    class(
        "ValidationError",
        "MomentError",
        &[],
        "The SDK refused the input before sending; `field` names it.",
    ),
    class(
        "ConfigurationError",
        "MomentError",
        &[],
        "The client is misconfigured (missing key, insecure URL, ...).",
    ),
    class(
        "DecodeError",
        "MomentError",
        &[],
        "A response could not be decoded.",
    ),
    class(
        "InternalError",
        "MomentError",
        &[],
        "A bug inside momentpay; please report it.",
    ),
    class(
        "WebhookVerificationError",
        "MomentError",
        &[],
        "A webhook did not verify; `code` says why.",
    ),
    class(
        "WebhookMissingHeaderError",
        "WebhookVerificationError",
        &[],
        "A webhook-* header is missing.",
    ),
    class(
        "WebhookInvalidTimestampError",
        "WebhookVerificationError",
        &[],
        "webhook-timestamp is not Unix seconds.",
    ),
    class(
        "WebhookTimestampTooOldError",
        "WebhookVerificationError",
        &[],
        "The webhook is older than the tolerance (a replay?).",
    ),
    class(
        "WebhookTimestampTooNewError",
        "WebhookVerificationError",
        &[],
        "The webhook is further in the future than the tolerance.",
    ),
    class(
        "WebhookSignatureError",
        "WebhookVerificationError",
        &[],
        "No v1 signature matches the payload and secret.",
    ),
    class(
        "WebhookSecretError",
        "WebhookVerificationError",
        &[],
        "The webhook secret is empty or not base64.",
    ),
    class(
        "WebhookPayloadError",
        "WebhookVerificationError",
        &[],
        "The signature verified but the body is not a Moment event.",
    ),
];

/// The type of an [`ERROR_FIELDS`] value, for the bindings' declarations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFieldType {
    /// Always a string.
    String,
    /// A string or null.
    OptionalString,
    /// An integer or null.
    OptionalInteger,
    /// A number (seconds) or null.
    OptionalNumber,
    /// A boolean.
    Bool,
    /// A JSON object or null.
    OptionalObject,
}

/// One attribute every binding's error carries (snake_case here; Node camel-cases it).
#[derive(Debug, Clone, Copy)]
pub struct ErrorField {
    /// The attribute's name (`request_id`).
    pub name: &'static str,
    /// Its type.
    pub ty: ErrorFieldType,
    /// What it holds.
    pub doc: &'static str,
}

const fn field(name: &'static str, ty: ErrorFieldType, doc: &'static str) -> ErrorField {
    ErrorField { name, ty, doc }
}

/// The attributes of every binding's error, in the order [`Error::describe`] gives them.
pub const ERROR_FIELDS: &[ErrorField] = &[
    field(
        "kind",
        ErrorFieldType::String,
        "The core's error kind (`not_found`, `validation`, `webhook`, ...).",
    ),
    field(
        "status",
        ErrorFieldType::OptionalInteger,
        "HTTP status, when Moment answered.",
    ),
    field(
        "code",
        ErrorFieldType::OptionalString,
        "The problem code (`not-found`, `conflict`, ...) or the webhook failure code.",
    ),
    field(
        "title",
        ErrorFieldType::OptionalString,
        "The problem document's title.",
    ),
    field(
        "detail",
        ErrorFieldType::OptionalString,
        "The problem document's detail.",
    ),
    field(
        "problem",
        ErrorFieldType::OptionalObject,
        "The RFC 9457 problem document.",
    ),
    field(
        "request_id",
        ErrorFieldType::OptionalString,
        "Moment's `x-request-id`.",
    ),
    field(
        "idempotency_key",
        ErrorFieldType::OptionalString,
        "The Idempotency-Key the failed call carried (mutations): repeat the call with it and Moment answers the first attempt's result instead of doing the work twice.",
    ),
    field(
        "outcome_unknown",
        ErrorFieldType::Bool,
        "True when the call was a mutation that may have been applied although it failed (a timeout, a lost connection, a 500, 502 or 504 after the request left): repeat it with the idempotency key to learn its result without applying it twice.",
    ),
    field(
        "field",
        ErrorFieldType::OptionalString,
        "The offending field (a dotted path), for validation errors.",
    ),
    field(
        "retryable",
        ErrorFieldType::Bool,
        "Whether repeating the call (same idempotency key) may succeed.",
    ),
    field(
        "retry_after",
        ErrorFieldType::OptionalNumber,
        "Seconds from Moment's Retry-After.",
    ),
];

impl ErrorKind {
    /// The kind an HTTP error status (and the problem code, where it refines it) maps to.
    pub fn from_status(status: u16, problem_code: Option<&str>) -> ErrorKind {
        match (status, problem_code) {
            (409, Some("idempotency-key-in-use")) | (422, Some("idempotency-key-mismatch")) => {
                ErrorKind::IdempotencyConflict
            }
            // 413: the request body is over the server's limit, a fault of the request too.
            (400 | 413 | 422, _) => ErrorKind::InvalidRequest,
            (401, _) => ErrorKind::Authentication,
            (402, _) => ErrorKind::RequestFailed,
            (403, _) => ErrorKind::PermissionDenied,
            (404, _) => ErrorKind::NotFound,
            (409, _) => ErrorKind::Conflict,
            (429, _) => ErrorKind::RateLimited,
            (500..=599, _) => ErrorKind::Server,
            _ => ErrorKind::Api,
        }
    }
}

/// The SDK's error. One pointer wide; cheap to move.
pub struct Error {
    inner: Box<Inner>,
}

struct Inner {
    kind: ErrorKind,
    message: String,
    status: Option<u16>,
    problem: Option<Problem>,
    request_id: Option<String>,
    field: Option<String>,
    retry_after: Option<Duration>,
    retryable: bool,
    idempotency_key: Option<String>,
    outcome_unknown: bool,
    source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Error {
    fn build(kind: ErrorKind, message: String) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                message,
                status: None,
                problem: None,
                request_id: None,
                field: None,
                retry_after: None,
                retryable: false,
                idempotency_key: None,
                outcome_unknown: false,
                source: None,
            }),
        }
    }

    /// A client-side validation error naming the offending `field` (a dotted path).
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Error {
        let field = field.into();
        let message = format!("invalid `{field}`: {}", message.into());
        let mut error = Error::build(ErrorKind::Validation, message);
        error.inner.field = Some(field);
        error
    }

    /// A configuration error (missing key, insecure base URL, ...).
    pub fn configuration(message: impl Into<String>) -> Error {
        Error::build(ErrorKind::Configuration, message.into())
    }

    /// A public key was used for a call that needs a secret key.
    pub(crate) fn secret_key_required(operation: &str) -> Error {
        Error::build(
            ErrorKind::PermissionDenied,
            format!(
                "{operation} needs a secret key (sk_…); a public key (pk_…) may only create \
                 payment sessions. Keep secret keys on your server."
            ),
        )
    }

    /// The error for a non-success response: parses the problem document (if the body is
    /// one), maps the status to a kind and decides retryability with the retry policy.
    pub fn from_response(
        status: u16,
        body: &[u8],
        request_id: Option<String>,
        retry_after: Option<Duration>,
    ) -> Error {
        let problem = Problem::parse(body);
        let outcome = crate::retry::AttemptOutcome::Status {
            status,
            problem_code: problem.as_ref().and_then(Problem::code),
            retry_after,
        };
        let retryable = crate::retry::RetryPolicy::classify(&outcome).is_ok();
        Error::api(status, problem, request_id, retry_after, retryable)
    }

    /// An error answered by the API with a non-success status.
    pub(crate) fn api(
        status: u16,
        problem: Option<Problem>,
        request_id: Option<String>,
        retry_after: Option<Duration>,
        retryable: bool,
    ) -> Error {
        let kind = ErrorKind::from_status(status, problem.as_ref().and_then(Problem::code));
        let summary = problem
            .as_ref()
            .and_then(|p| p.detail.clone().or_else(|| p.title.clone()))
            .unwrap_or_else(|| "no problem document in the response".to_owned());
        let mut message = format!("HTTP {status}: {summary}");
        // The first field error, unless the detail already says it (the simulator's and
        // Moment's validation details do: the text would repeat itself).
        if let Some(first) = problem.as_ref().and_then(|p| p.errors.first()) {
            let said = format!("`{}`: {}", first.field, first.message);
            if !summary.contains(&said) && !summary.contains(&first.message) {
                message.push_str(&format!(" ({said})"));
            }
        }
        let mut error = Error::build(kind, message);
        error.inner.field = problem
            .as_ref()
            .and_then(|p| p.errors.first())
            .map(|e| e.field.clone());
        error.inner.status = Some(status);
        error.inner.problem = problem;
        error.inner.request_id = request_id;
        error.inner.retry_after = retry_after;
        error.inner.retryable = retryable;
        error
    }

    /// The connection failed before a response arrived.
    pub(crate) fn connection(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Error {
        let mut error = Error::build(ErrorKind::Connection, message.into());
        error.inner.retryable = true;
        error.inner.source = source;
        error
    }

    /// An attempt timed out.
    pub(crate) fn timeout(message: impl Into<String>) -> Error {
        let mut error = Error::build(ErrorKind::Timeout, message.into());
        error.inner.retryable = true;
        error
    }

    /// A mutation whose retries ended without a definite answer after an attempt that may
    /// have been applied (a timeout, a connection lost after sending, a 409 saying it is
    /// still running): a [`ErrorKind::Timeout`] that says so and names the key to repeat it
    /// with. `last` is the final attempt's error (its request ID is kept; it is the source).
    pub(crate) fn unknown_outcome(operation: &str, attempts: u32, key: &str, last: Error) -> Error {
        let mut error = Error::build(
            ErrorKind::Timeout,
            format!(
                "{operation}: outcome unknown after {attempts} attempt(s): an attempt may have been applied without its answer arriving (a timeout, a lost connection, a 500, 502 or 504), and retrying ended before a definite answer (the last attempt: {}). It is reported as a timeout because the outcome is unknown, not refused. Repeat it with idempotency key {key} to get its result without applying it twice",
                last.inner.message
            ),
        );
        error.inner.retryable = true;
        error.inner.outcome_unknown = true;
        error.inner.request_id = last.inner.request_id.clone();
        error.inner.source = Some(Box::new(last));
        error
    }

    /// This error with `note` appended to its message (why retrying stopped, say).
    pub(crate) fn with_note(mut self, note: &str) -> Error {
        self.inner.message = format!("{} ({note})", self.inner.message);
        self
    }

    /// A 2xx answer to a mutation whose body could not be decoded: the call was applied.
    pub(crate) fn applied_but_undecodable(mut self, key: Option<&str>) -> Error {
        if let Some(key) = key {
            self.inner.message = format!(
                "{}; the request WAS applied (HTTP 2xx): retrieve the object, or repeat the call with idempotency key {key} to read its result again",
                self.inner.message
            );
            self.inner.idempotency_key = Some(key.to_owned());
        }
        self
    }

    /// Whether the call may have been applied although it failed (see
    /// [`ErrorKind::Timeout`]): repeat it with [`Error::idempotency_key`] to learn its
    /// result without applying it twice.
    pub fn outcome_unknown(&self) -> bool {
        self.inner.outcome_unknown
    }

    /// A body that could not be decoded.
    pub(crate) fn decode(message: impl Into<String>, request_id: Option<String>) -> Error {
        let mut error = Error::build(ErrorKind::Decode, message.into());
        error.inner.request_id = request_id;
        error
    }

    /// The caller cancelled the call.
    pub fn cancelled(operation: &str) -> Error {
        Error::build(
            ErrorKind::Cancelled,
            format!(
                "{operation} was cancelled; a mutation may still have reached Moment: repeat it with the same idempotency key"
            ),
        )
    }

    /// A webhook verification failure.
    pub fn webhook(failure: WebhookFailure, message: impl Into<String>) -> Error {
        Error::build(ErrorKind::Webhook(failure), message.into())
    }

    /// A bug inside the SDK, such as a caught panic. Bindings use it to turn panics into errors.
    pub fn internal(message: impl Into<String>) -> Error {
        Error::build(ErrorKind::Internal, message.into())
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The human-readable message (never contains a secret).
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// The `Idempotency-Key` the failed call carried (mutations only: yours, or the one the
    /// SDK made). Repeat the call with it and Moment answers the first attempt's result
    /// instead of doing the work twice.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.inner.idempotency_key.as_deref()
    }

    /// Records the idempotency key of the call that failed.
    pub(crate) fn with_idempotency_key(mut self, key: Option<String>) -> Error {
        self.inner.idempotency_key = key;
        self
    }

    /// What is wrong, without naming the field: for a validation error of `amount`, `is
    /// required` where [`Error::message`] says ``invalid `amount`: is required``; for other
    /// errors the message.
    pub fn reason(&self) -> &str {
        let message = self.inner.message.as_str();
        match &self.inner.field {
            Some(field) if self.inner.kind == ErrorKind::Validation => message
                .strip_prefix("invalid `")
                .and_then(|rest| rest.strip_prefix(field.as_str()))
                .and_then(|rest| rest.strip_prefix("`: "))
                .unwrap_or(message),
            _ => message,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        self.inner.status
    }

    /// The parsed problem document, when the server sent one.
    pub fn problem(&self) -> Option<&Problem> {
        self.inner.problem.as_ref()
    }

    /// The problem's error code (`not-found`, `conflict`, ...), when there is one.
    pub fn code(&self) -> Option<&str> {
        self.inner.problem.as_ref().and_then(Problem::code)
    }

    /// The server's `x-request-id`, for support tickets.
    pub fn request_id(&self) -> Option<&str> {
        self.inner.request_id.as_deref()
    }

    /// The offending field (dotted path), for validation errors from the SDK or the server.
    pub fn field(&self) -> Option<&str> {
        self.inner.field.as_deref()
    }

    /// The server's `Retry-After`, when it sent one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.inner.retry_after
    }

    /// The webhook failure, when this is a webhook verification error.
    pub fn webhook_failure(&self) -> Option<WebhookFailure> {
        match self.inner.kind {
            ErrorKind::Webhook(failure) => Some(failure),
            _ => None,
        }
    }

    /// Whether repeating the same call (with the same idempotency key) may succeed.
    ///
    /// This is the verdict of the SDK's retry policy for the final attempt: true for
    /// connection failures, timeouts, 408, 409 `idempotency-key-in-use`, 429, 500, 502, 503
    /// and 504 (not 501 or 505-599).
    pub fn is_retryable(&self) -> bool {
        self.inner.retryable
    }

    /// The error as the bindings hand it over: `message` (the text `Display` prints) and
    /// every attribute of [`ERROR_FIELDS`], by its snake_case name, null when absent. The
    /// class to raise is [`Error::class`].
    pub fn describe(&self) -> serde_json::Map<String, serde_json::Value> {
        use serde_json::{Value, json};
        let problem = self.problem();
        let mut out = serde_json::Map::new();
        out.insert("message".into(), Value::String(self.to_string()));
        for field in ERROR_FIELDS {
            let value = match field.name {
                "kind" => json!(self.kind().code()),
                "status" => json!(self.status()),
                "code" => json!(
                    self.code()
                        .or(self.webhook_failure().map(WebhookFailure::code))
                ),
                "title" => json!(problem.and_then(|p| p.title.as_deref())),
                "detail" => json!(problem.and_then(|p| p.detail.as_deref())),
                "problem" => problem
                    .and_then(|p| serde_json::to_value(p).ok())
                    .unwrap_or(Value::Null),
                "request_id" => json!(self.request_id()),
                "idempotency_key" => json!(self.idempotency_key()),
                "outcome_unknown" => json!(self.outcome_unknown()),
                "field" => json!(self.field()),
                "retryable" => json!(self.is_retryable()),
                "retry_after" => json!(self.retry_after().map(|d| d.as_secs_f64())),
                // A row of ERROR_FIELDS without a value here fails the test `describe_gives_every_field`.
                _ => continue,
            };
            out.insert(field.name.into(), value);
        }
        out
    }

    /// The name of the class the bindings raise for this error (a row of
    /// [`ERROR_CLASSES`]), in the language `language` (`python`, `node`): the kind's class,
    /// or its nearest ancestor that language has.
    #[doc(hidden)]
    pub fn class(&self, language: &str) -> &'static str {
        let spec = match self.kind() {
            ErrorKind::Webhook(failure) => {
                WEBHOOK_FAILURES.iter().find(|f| f.code == failure.code())
            }
            kind => ERROR_KINDS.iter().find(|k| k.code == kind.code()),
        };
        class_in(spec.map_or("MomentError", |s| s.class), language)
    }
}

/// `class`, or its nearest ancestor that `language` has (see [`ErrorClass::only_in`]).
pub fn class_in(class: &'static str, language: &str) -> &'static str {
    let mut name = class;
    while let Some(row) = ERROR_CLASSES.iter().find(|c| c.name == name) {
        if row.only_in.is_empty() || row.only_in.contains(&language) {
            return row.name;
        }
        match row.parent {
            Some(parent) => name = parent,
            None => break,
        }
    }
    "MomentError"
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.inner.message)?;
        if let Some(request_id) = &self.inner.request_id {
            write!(f, " [request id: {request_id}]")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        let mut d = f.debug_struct("Error");
        d.field("kind", &inner.kind)
            .field("message", &inner.message);
        if let Some(status) = inner.status {
            d.field("status", &status);
        }
        if let Some(code) = self.code() {
            d.field("code", &code);
        }
        if let Some(field) = &inner.field {
            d.field("field", field);
        }
        if let Some(request_id) = &inner.request_id {
            d.field("request_id", request_id);
        }
        if let Some(source) = &inner.source {
            d.field("source", &source.to_string());
        }
        d.finish()
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|s| s as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_catalogue_is_whole() {
        let names: Vec<&str> = ERROR_CLASSES.iter().map(|c| c.name).collect();
        for (at, class) in ERROR_CLASSES.iter().enumerate() {
            assert_eq!(
                names.iter().filter(|n| **n == class.name).count(),
                1,
                "{}",
                class.name
            );
            if let Some(parent) = class.parent {
                let parent_at = names.iter().position(|n| *n == parent);
                assert!(
                    parent_at.is_some_and(|p| p < at),
                    "{}'s parent {parent} comes first",
                    class.name
                );
            }
        }
        for spec in ERROR_KINDS.iter().chain(WEBHOOK_FAILURES) {
            assert!(
                names.contains(&spec.class),
                "{} raises unknown class {}",
                spec.code,
                spec.class
            );
            assert!(!spec.doc.is_empty());
        }
        assert_eq!(ErrorKind::NotFound.code(), "not_found");
        assert_eq!(ERROR_KINDS.len(), 18);
        assert_eq!(Error::cancelled("x").class("node"), "APIUserAbortError");
        assert_eq!(Error::cancelled("x").class("python"), "APIConnectionError");
        assert_eq!(
            Error::webhook(WebhookFailure::InvalidSecret, "x").class("python"),
            "WebhookSecretError"
        );
    }

    #[test]
    fn describe_gives_every_field() {
        let described = Error::validation("amount", "must be positive").describe();
        let keys: Vec<&str> = described.keys().map(String::as_str).collect();
        let mut expected = vec!["message"];
        expected.extend(ERROR_FIELDS.iter().map(|f| f.name));
        assert_eq!(keys.len(), expected.len());
        for name in expected {
            assert!(described.contains_key(name), "{name}");
        }
        assert_eq!(described["field"], "amount");
        assert_eq!(described["kind"], "validation");
    }

    use super::*;

    #[test]
    fn error_is_one_pointer_wide() {
        assert_eq!(std::mem::size_of::<Error>(), std::mem::size_of::<usize>());
    }

    #[test]
    fn status_maps_to_kind_with_problem_code_refinement() {
        assert_eq!(ErrorKind::from_status(404, None), ErrorKind::NotFound);
        assert_eq!(
            ErrorKind::from_status(409, Some("conflict")),
            ErrorKind::Conflict
        );
        assert_eq!(
            ErrorKind::from_status(409, Some("idempotency-key-in-use")),
            ErrorKind::IdempotencyConflict
        );
        assert_eq!(
            ErrorKind::from_status(422, Some("idempotency-key-mismatch")),
            ErrorKind::IdempotencyConflict
        );
        assert_eq!(ErrorKind::from_status(422, None), ErrorKind::InvalidRequest);
        assert_eq!(ErrorKind::from_status(503, None), ErrorKind::Server);
        assert_eq!(ErrorKind::from_status(418, None), ErrorKind::Api);
    }

    #[test]
    fn validation_error_names_its_field() {
        let error = Error::validation("options.customer", "must be an ID");
        assert_eq!(error.kind(), ErrorKind::Validation);
        assert_eq!(error.field(), Some("options.customer"));
        assert!(error.to_string().contains("options.customer"));
        assert!(!error.is_retryable());
    }
}
