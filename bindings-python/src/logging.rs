//! Python's `logging` for the core's events: one record per attempt under the logger
//! `momentpay.transport` (a child of `momentpay`), with method, path, attempt, status, request
//! id and, for a retry, its reason and delay; never a key or a secret (the core's events hold
//! none). Debug is "answered" (refusals too), info "retrying", warning "giving up" after
//! retries. The package gives the logger a NullHandler: silent until the app configures logging.
//!
//! Levels are cached for speed (a record below the logger's level costs no GIL); the cache is
//! dropped whenever a client is made, so `logging.basicConfig(level=logging.DEBUG)` before
//! `momentpay.Client(...)` is all it takes.

use pyo3::prelude::*;
use std::sync::OnceLock;

static RESET: OnceLock<pyo3_log::ResetHandle> = OnceLock::new();

/// Installs the bridge once per process (another extension's `log` bridge, if one is
/// already installed, keeps the records instead).
pub(crate) fn install(py: Python<'_>) -> PyResult<()> {
    let logger = pyo3_log::Logger::new(py, pyo3_log::Caching::LoggersAndLevels)?
        // Other crates' records (rustls, ...) only from warnings up; ours from debug.
        .filter(log::LevelFilter::Warn)
        .filter_target("momentpay".to_owned(), log::LevelFilter::Debug)
        // Spans are for tracing subscribers; every event already carries what they hold.
        .filter_target("momentpay::spans".to_owned(), log::LevelFilter::Off);
    if let Ok(handle) = logger.install() {
        let _ = RESET.set(handle);
    }
    Ok(())
}

/// Forgets the cached levels, so a level set since is seen.
pub(crate) fn refresh() {
    if let Some(handle) = RESET.get() {
        handle.reset();
    }
}
