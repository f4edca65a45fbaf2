//! The exception hierarchy and the mapping from the core's error kinds.

use crate::convert;
use momentpay::{ErrorKind, WebhookFailure};
use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    momentpay,
    MomentError,
    PyException,
    "Base of every error raised by momentpay."
);
create_exception!(
    momentpay,
    APIError,
    MomentError,
    "Moment answered with an error status."
);
create_exception!(
    momentpay,
    AuthenticationError,
    APIError,
    "401: no valid API key."
);
create_exception!(
    momentpay,
    PermissionDeniedError,
    APIError,
    "403, or a public key used for a call that needs a secret key."
);
create_exception!(
    momentpay,
    NotFoundError,
    APIError,
    "404: the resource does not exist."
);
create_exception!(
    momentpay,
    ConflictError,
    APIError,
    "409: the resource's state does not allow the operation."
);
create_exception!(
    momentpay,
    IdempotencyError,
    ConflictError,
    "409 idempotency-key-in-use or 422 idempotency-key-mismatch."
);
create_exception!(
    momentpay,
    InvalidRequestError,
    APIError,
    "400, 413 or 422: Moment rejected the parameters (or the body was too large)."
);
create_exception!(
    momentpay,
    RequestFailedError,
    APIError,
    "402: the parameters were valid but the request failed."
);
create_exception!(
    momentpay,
    RateLimitError,
    APIError,
    "429: too many requests."
);
create_exception!(momentpay, ServerError, APIError, "5xx: Moment failed.");
create_exception!(
    momentpay,
    APIConnectionError,
    MomentError,
    "The connection failed before a response arrived."
);
create_exception!(
    momentpay,
    APITimeoutError,
    APIConnectionError,
    "An attempt took longer than its timeout."
);
create_exception!(
    momentpay,
    ValidationError,
    MomentError,
    "The SDK refused the input before sending; `field` names it."
);
create_exception!(
    momentpay,
    ConfigurationError,
    MomentError,
    "The client is misconfigured (missing key, insecure URL, ...)."
);
create_exception!(
    momentpay,
    DecodeError,
    MomentError,
    "A response could not be decoded."
);
create_exception!(
    momentpay,
    InternalError,
    MomentError,
    "A bug inside momentpay; please report it."
);
create_exception!(
    momentpay,
    WebhookVerificationError,
    MomentError,
    "A webhook did not verify; `code` says why."
);
create_exception!(
    momentpay,
    WebhookMissingHeaderError,
    WebhookVerificationError,
    "A webhook-* header is missing."
);
create_exception!(
    momentpay,
    WebhookInvalidTimestampError,
    WebhookVerificationError,
    "webhook-timestamp is not Unix seconds."
);
create_exception!(
    momentpay,
    WebhookTimestampTooOldError,
    WebhookVerificationError,
    "The webhook is older than the tolerance (a replay?)."
);
create_exception!(
    momentpay,
    WebhookTimestampTooNewError,
    WebhookVerificationError,
    "The webhook is further in the future than the tolerance."
);
create_exception!(
    momentpay,
    WebhookSignatureError,
    WebhookVerificationError,
    "No v1 signature matches the payload and secret."
);
create_exception!(
    momentpay,
    WebhookSecretError,
    WebhookVerificationError,
    "The webhook secret is empty or not base64."
);
create_exception!(
    momentpay,
    WebhookPayloadError,
    WebhookVerificationError,
    "The signature verified but the body is not a Moment event."
);

/// A client-side validation error naming `field`.
pub fn validation(field: &str, message: impl Into<String>) -> PyErr {
    to_py(momentpay::Error::validation(field, message))
}

fn new_err(kind: ErrorKind, message: String) -> PyErr {
    match kind {
        ErrorKind::Authentication => AuthenticationError::new_err(message),
        ErrorKind::PermissionDenied => PermissionDeniedError::new_err(message),
        ErrorKind::NotFound => NotFoundError::new_err(message),
        ErrorKind::Conflict => ConflictError::new_err(message),
        ErrorKind::IdempotencyConflict => IdempotencyError::new_err(message),
        ErrorKind::InvalidRequest => InvalidRequestError::new_err(message),
        ErrorKind::RequestFailed => RequestFailedError::new_err(message),
        ErrorKind::RateLimited => RateLimitError::new_err(message),
        ErrorKind::Server => ServerError::new_err(message),
        ErrorKind::Connection | ErrorKind::Cancelled => APIConnectionError::new_err(message),
        ErrorKind::Timeout => APITimeoutError::new_err(message),
        ErrorKind::Validation => ValidationError::new_err(message),
        ErrorKind::Configuration => ConfigurationError::new_err(message),
        ErrorKind::Decode => DecodeError::new_err(message),
        ErrorKind::Webhook(failure) => match failure {
            WebhookFailure::MissingHeader => WebhookMissingHeaderError::new_err(message),
            WebhookFailure::InvalidTimestamp => WebhookInvalidTimestampError::new_err(message),
            WebhookFailure::TimestampTooOld => WebhookTimestampTooOldError::new_err(message),
            WebhookFailure::TimestampTooNew => WebhookTimestampTooNewError::new_err(message),
            WebhookFailure::NoMatchingSignature => WebhookSignatureError::new_err(message),
            WebhookFailure::InvalidSecret => WebhookSecretError::new_err(message),
            WebhookFailure::MalformedBody => WebhookPayloadError::new_err(message),
            _ => WebhookVerificationError::new_err(message),
        },
        ErrorKind::Api => APIError::new_err(message),
        _ => InternalError::new_err(message),
    }
}

fn attach(py: Python<'_>, err: &PyErr, error: &momentpay::Error) -> PyResult<()> {
    let value = err.value(py);
    let kind = error.kind();
    value.setattr("kind", kind.code())?;
    value.setattr("status", error.status())?;
    value.setattr(
        "code",
        error
            .code()
            .or(error.webhook_failure().map(WebhookFailure::code)),
    )?;
    value.setattr("request_id", error.request_id())?;
    value.setattr("idempotency_key", error.idempotency_key())?;
    value.setattr("outcome_unknown", error.outcome_unknown())?;
    value.setattr("field", error.field())?;
    value.setattr("retryable", error.is_retryable())?;
    value.setattr("retry_after", error.retry_after().map(|d| d.as_secs_f64()))?;
    let problem = match error.problem() {
        Some(problem) => {
            value.setattr("title", problem.title.as_deref())?;
            value.setattr("detail", problem.detail.as_deref())?;
            let json = serde_json::to_value(problem).unwrap_or_default();
            convert::to_plain(py, &json)?
        }
        None => {
            value.setattr("title", py.None())?;
            value.setattr("detail", py.None())?;
            py.None()
        }
    };
    value.setattr("problem", problem)?;
    Ok(())
}

/// Converts a core error into the matching Python exception, with `kind`, `status`, `code`,
/// `title`, `detail`, `problem`, `request_id`, `field`, `retryable` and `retry_after`.
/// Marks an exception that interrupted or cancelled a mutation (`KeyboardInterrupt`,
/// `CancelledError`) with the call's idempotency key: an `idempotency_key` attribute and a
/// note, so the caller can repeat the call safely. Best effort: an exception that takes no
/// attributes stays as it is.
pub fn keep_key(py: Python<'_>, error: &PyErr, operation: &str, key: &str) {
    let value = error.value(py);
    let _ = value.setattr("idempotency_key", key);
    let note = format!(
        "momentpay: {operation} was interrupted and may have reached Moment; repeat it with idempotency_key={key:?} to get its result without applying it twice"
    );
    if value.hasattr("add_note").unwrap_or(false) {
        let _ = value.call_method1("add_note", (note,));
    }
}

pub fn to_py(error: momentpay::Error) -> PyErr {
    let err = new_err(error.kind(), error.to_string());
    Python::attach(|py| {
        if let Err(attach_error) = attach(py, &err, &error) {
            return attach_error;
        }
        err
    })
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    macro_rules! add {
        ($($name:ident),*) => { $( m.add(stringify!($name), py.get_type::<$name>())?; )* };
    }
    add!(
        MomentError,
        APIError,
        AuthenticationError,
        PermissionDeniedError,
        NotFoundError,
        ConflictError,
        IdempotencyError,
        InvalidRequestError,
        RequestFailedError,
        RateLimitError,
        ServerError,
        APIConnectionError,
        APITimeoutError,
        ValidationError,
        ConfigurationError,
        DecodeError,
        InternalError,
        WebhookVerificationError,
        WebhookMissingHeaderError,
        WebhookInvalidTimestampError,
        WebhookTimestampTooOldError,
        WebhookTimestampTooNewError,
        WebhookSignatureError,
        WebhookSecretError,
        WebhookPayloadError
    );
    Ok(())
}
