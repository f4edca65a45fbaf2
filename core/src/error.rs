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

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 401: no valid API key.
    Authentication,
    /// 403, or a public key used for a call that needs a secret key (refused before sending).
    PermissionDenied,
    /// 404: the resource does not exist.
    NotFound,
    /// 409: the resource is in a state that does not allow the operation (capture, void, ...).
    Conflict,
    /// 409 `idempotency-key-in-use` or 422 `idempotency-key-mismatch`.
    IdempotencyConflict,
    /// 400, 413 or 422: the server rejected the parameters (or the body's size).
    InvalidRequest,
    /// 402: parameters were valid but the request failed.
    RequestFailed,
    /// 429: too many requests.
    RateLimited,
    /// 5xx: the server failed.
    Server,
    /// Any other non-success HTTP status.
    Api,
    /// The connection failed or broke before a response arrived.
    Connection,
    /// An attempt took longer than its timeout; or, for a mutation, retries ended without a
    /// definite answer after an attempt that may have been applied
    /// ([`Error::outcome_unknown`]): repeat it with [`Error::idempotency_key`].
    Timeout,
    /// The caller cancelled the call (an abort signal). A mutation may have reached Moment:
    /// repeat it with [`Error::idempotency_key`].
    Cancelled,
    /// The SDK refused the input before any network call; [`Error::field`] names the field.
    Validation,
    /// The client is misconfigured (missing key, insecure base URL, ...).
    Configuration,
    /// A response or payload could not be decoded.
    Decode,
    /// A webhook did not verify; the [`WebhookFailure`] says why.
    Webhook(WebhookFailure),
    /// A bug inside the SDK (for example a caught panic). Please report it.
    Internal,
}

/// Why a webhook did not verify. Each failure has its own variant so callers and tests can
/// tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WebhookFailure {
    /// `webhook-id`, `webhook-timestamp` or `webhook-signature` is absent.
    MissingHeader,
    /// `webhook-timestamp` is not an integer number of seconds.
    InvalidTimestamp,
    /// The timestamp is older than the tolerance allows (a replay, or a slow queue).
    TimestampTooOld,
    /// The timestamp is further in the future than the tolerance allows.
    TimestampTooNew,
    /// No `v1` signature in `webhook-signature` matches the payload and secret.
    NoMatchingSignature,
    /// The signing secret is empty or not valid base64.
    InvalidSecret,
    /// The signature verified but the body is not a well-formed event; or the body is over
    /// [`crate::webhooks::MAX_PAYLOAD_BYTES`] (refused before the signature is checked).
    MalformedBody,
}

impl WebhookFailure {
    /// A stable snake_case code, used by the test vectors and the bindings.
    pub fn code(self) -> &'static str {
        match self {
            WebhookFailure::MissingHeader => "missing_header",
            WebhookFailure::InvalidTimestamp => "invalid_timestamp",
            WebhookFailure::TimestampTooOld => "timestamp_too_old",
            WebhookFailure::TimestampTooNew => "timestamp_too_new",
            WebhookFailure::NoMatchingSignature => "no_matching_signature",
            WebhookFailure::InvalidSecret => "invalid_secret",
            WebhookFailure::MalformedBody => "malformed_body",
        }
    }
}

impl ErrorKind {
    /// A stable snake_case code for the kind (`not_found`, `validation`, `webhook`, ...).
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::Authentication => "authentication",
            ErrorKind::PermissionDenied => "permission_denied",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::IdempotencyConflict => "idempotency_conflict",
            ErrorKind::InvalidRequest => "invalid_request",
            ErrorKind::RequestFailed => "request_failed",
            ErrorKind::RateLimited => "rate_limited",
            ErrorKind::Server => "server",
            ErrorKind::Api => "api",
            ErrorKind::Connection => "connection",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Validation => "validation",
            ErrorKind::Configuration => "configuration",
            ErrorKind::Decode => "decode",
            ErrorKind::Webhook(_) => "webhook",
            ErrorKind::Internal => "internal",
        }
    }

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
