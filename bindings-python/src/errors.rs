//! Raising the core's errors in Python: the exception classes are generated from the core's
//! error catalogue (generated.rs); this file sets their attributes.

use crate::convert;
use pyo3::prelude::*;

/// A client-side validation error naming `field`.
pub fn validation(field: &str, message: impl Into<String>) -> PyErr {
    to_py(momentpay::Error::validation(field, message))
}

/// Sets every attribute of the core's description of `error` (`kind`, `status`, `code`,
/// `title`, `detail`, `problem`, `request_id`, `idempotency_key`, `outcome_unknown`,
/// `field`, `retryable`, `retry_after`: the catalogue's fields) on the exception.
fn attach(py: Python<'_>, err: &PyErr, error: &momentpay::Error) -> PyResult<()> {
    let value = err.value(py);
    for (name, field) in error.describe() {
        if name != "message" {
            value.setattr(name.as_str(), convert::to_plain(py, &field)?)?;
        }
    }
    Ok(())
}

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

/// The exception for a core error: the class the catalogue names for its kind, with every
/// attribute of [`momentpay::Error::describe`].
pub fn to_py(error: momentpay::Error) -> PyErr {
    let err = crate::generated::new_error(error.class("python"), error.to_string());
    Python::attach(|py| {
        if let Err(attach_error) = attach(py, &err, &error) {
            return attach_error;
        }
        err
    })
}

/// Registers the exception classes on the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    crate::generated::register_errors(m)
}
