//! The native module `momentpay._momentpay`: a thin translation of the Rust core for Python.
//! Behaviour (validation, retries, idempotency, signatures) lives in the core; this crate
//! converts values and errors.

mod bridge;
mod client;
mod convert;
mod errors;
mod logging;
// Written by momentpay-codegen (scripts/generate); its layout is the template's.
#[rustfmt::skip]
mod generated;
mod models;
mod webhook;

use pyo3::prelude::*;

#[pymodule]
fn _momentpay(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The runtime starts on the first call, not here: a process that imports momentpay and
    // then forks (gunicorn --preload, Celery, multiprocessing) must not carry a runtime
    // whose threads stayed in the parent (core/src/runtime.rs rebuilds one per process).
    logging::install(m.py())?;
    bridge::register(m)?;
    errors::register(m)?;
    models::register(m)?;
    m.add_class::<client::NativeClient>()?;
    m.add_class::<client::Pages>()?;
    m.add_class::<client::AsyncPages>()?;
    m.add_class::<webhook::Webhook>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "OPERATIONS",
        momentpay::operations::names().collect::<Vec<_>>(),
    )?;
    Ok(())
}
