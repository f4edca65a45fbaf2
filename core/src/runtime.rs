//! The tokio runtime the SDK runs blocking calls (and the language bindings) on: one per
//! process.
//!
//! A process that forks after using the SDK (gunicorn `--preload`, Celery's prefork pool,
//! uWSGI, `multiprocessing` with the fork start method) copies the runtime's memory but not
//! its threads, so in the child the inherited runtime would never poll anything and every
//! call would wait forever. The runtime is therefore tagged with the process ID that built
//! it: a caller in another process (a fork's child) gets a new runtime, and the inherited
//! one is leaked on purpose (dropping it would wait for threads that do not exist there).

use crate::error::{Error, Result};
use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

const THREAD_NAME: &str = "momentpay-runtime";

/// The runtime of this process and the process ID that built it.
static CURRENT: Mutex<Option<(u32, &'static tokio::runtime::Runtime)>> = Mutex::new(None);

/// How many worker threads the runtime runs: the machine's parallelism, between 2 and 4
/// (the SDK's work is I/O; more threads would only compete with the host application).
fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4))
}

/// This process's multi-threaded runtime, started on first use (and again, once, in a
/// forked child).
pub fn runtime() -> Result<&'static tokio::runtime::Runtime> {
    let pid = std::process::id();
    let mut current = CURRENT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some((owner, runtime)) = *current
        && owner == pid
    {
        return Ok(runtime);
    }
    // None yet, or one inherited through fork() whose threads stayed in the parent: the old
    // one is leaked (not dropped), a new one built for this process.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(worker_threads())
        .thread_name(THREAD_NAME)
        .enable_all()
        .build()
        .map_err(|e| Error::internal(format!("cannot start the momentpay runtime: {e}")))?;
    let runtime: &'static tokio::runtime::Runtime = Box::leak(Box::new(runtime));
    *current = Some((pid, runtime));
    Ok(runtime)
}

/// A future started on the runtime, waited for by a thread outside it ([`block_on`] and
/// the bindings' blocking calls, which wait in slices to answer signals in between).
pub struct Pending<T> {
    /// In a mutex only so a `&Pending` can cross to another thread (a binding waits with
    /// its interpreter lock released); one thread waits at a time.
    receiver: Mutex<std::sync::mpsc::Receiver<Result<T>>>,
    abort: tokio::task::AbortHandle,
}

impl<T: Send + 'static> Pending<T> {
    /// Starts `future` on this process's runtime.
    pub fn start(future: impl Future<Output = Result<T>> + Send + 'static) -> Result<Pending<T>> {
        if std::thread::current().name() == Some(THREAD_NAME) {
            return Err(Error::internal(
                "a blocking momentpay call was made from inside momentpay's own runtime; use the async client there",
            ));
        }
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let task = runtime()?.spawn(async move {
            let _ = sender.send(future.await);
        });
        Ok(Pending {
            receiver: Mutex::new(receiver),
            abort: task.abort_handle(),
        })
    }

    /// Waits up to `slice` for the result: `None` if it is not there yet.
    pub fn wait(&self, slice: Duration) -> Option<Result<T>> {
        let receiver = self.receiver.lock().unwrap_or_else(PoisonError::into_inner);
        match receiver.recv_timeout(slice) {
            Ok(result) => Some(result),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Some(Err(Error::internal(
                "the momentpay runtime dropped a call (a panic inside the SDK?)",
            ))),
        }
    }

    /// Gives the call up: the attempt in flight is dropped (a mutation may still have
    /// reached Moment; its idempotency key makes a repeat safe).
    pub fn abort(&self) {
        self.abort.abort();
    }
}

/// Runs a future to completion on the runtime and waits for it on this thread.
///
/// Safe to call from any thread, including from inside another tokio runtime (the future
/// runs on the SDK's runtime threads, so nothing nests), and in a forked child. Calling it
/// from one of the runtime's own threads would deadlock, so that returns an error instead.
/// An API call never waits past its `total_timeout`, which the future itself enforces.
pub fn block_on<T: Send + 'static>(
    future: impl Future<Output = Result<T>> + Send + 'static,
) -> Result<T> {
    let pending = Pending::start(future)?;
    loop {
        if let Some(result) = pending.wait(Duration::from_secs(1)) {
            return result;
        }
    }
}
