//! The one tokio runtime the SDK runs blocking calls (and the language bindings) on.

use crate::error::{Error, Result};
use std::future::Future;
use std::sync::OnceLock;

const THREAD_NAME: &str = "momentpay-runtime";

static RUNTIME: OnceLock<std::result::Result<tokio::runtime::Runtime, String>> = OnceLock::new();

/// The shared multi-threaded runtime (two worker threads), started on first use.
pub fn runtime() -> Result<&'static tokio::runtime::Runtime> {
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name(THREAD_NAME)
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(|e| Error::internal(format!("cannot start the momentpay runtime: {e}")))
}

/// Runs a future to completion on the shared runtime and waits for it on this thread.
///
/// Safe to call from any thread, including from inside another tokio runtime (the future
/// runs on the shared runtime's threads, so nothing nests). Calling it from one of the
/// shared runtime's own threads would deadlock, so that returns an error instead.
pub fn block_on<T: Send + 'static>(
    future: impl Future<Output = Result<T>> + Send + 'static,
) -> Result<T> {
    if std::thread::current().name() == Some(THREAD_NAME) {
        return Err(Error::internal(
            "a blocking momentpay call was made from inside momentpay's own runtime; use the async client there",
        ));
    }
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    runtime()?.spawn(async move {
        let _ = tx.send(future.await);
    });
    rx.recv().map_err(|_| {
        Error::internal("the momentpay runtime dropped a call (a panic inside the SDK?)")
    })?
}
