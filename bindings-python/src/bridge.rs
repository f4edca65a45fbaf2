//! Hands work to the core's runtime and its results back to asyncio.
//!
//! Each async call runs on the SDK's tokio runtime; when it finishes, a thread of the
//! runtime's blocking pool (never a worker) attaches to Python to build the result and schedules it on the caller's
//! event loop with `call_soon_threadsafe`. That hand-off must never be under way while the
//! interpreter finalizes: a thread that holds Python when finalization starts is killed by
//! CPython mid-call and the process aborts ("PyGILState_Release: thread state must be
//! current"), which the fault soak caught when a script exited right after `asyncio.run`.
//! So an `atexit` hook ([`drain`]) stops new hand-offs and waits (with the GIL released)
//! for those under way; results that arrive later are dropped, as nobody can await them.
//!
//! A cancelled asyncio future aborts its runtime task (a create in flight is then as if it
//! timed out: its idempotency key makes a repeat safe).

use crate::errors;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;
use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

static SHUTTING_DOWN: AtomicBool = AtomicBool::new(false);
static HAND_OFFS: AtomicUsize = AtomicUsize::new(0);
static RESOLVE: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// How long interpreter exit waits for hand-offs already under way.
const DRAIN_LIMIT: Duration = Duration::from_secs(5);

/// Sets a future's result or exception unless it was cancelled meanwhile.
const RESOLVE_SOURCE: &std::ffi::CStr = c"
def resolve(future, value, error):
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)
";

fn resolver(py: Python<'_>) -> PyResult<&Py<PyAny>> {
    RESOLVE.get_or_try_init(py, || {
        let module = PyModule::from_code(
            py,
            RESOLVE_SOURCE,
            c"momentpay_bridge.py",
            c"momentpay_bridge",
        )?;
        Ok(module.getattr("resolve")?.unbind())
    })
}

/// Aborts the runtime task when its asyncio future is cancelled.
#[pyclass(module = "momentpay._momentpay", name = "_Canceller")]
struct Canceller {
    abort: tokio::task::AbortHandle,
}

#[pymethods]
impl Canceller {
    fn __call__(&self, future: &Bound<'_, PyAny>) -> PyResult<()> {
        if future.call_method0("cancelled")?.is_truthy()? {
            self.abort.abort();
        }
        Ok(())
    }
}

/// Counts a hand-off while it is under way.
struct HandOff;

impl HandOff {
    fn begin() -> Option<HandOff> {
        HAND_OFFS.fetch_add(1, Ordering::SeqCst);
        let hand_off = HandOff;
        (!SHUTTING_DOWN.load(Ordering::SeqCst)).then_some(hand_off)
    }
}

impl Drop for HandOff {
    fn drop(&mut self) {
        HAND_OFFS.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Runs `work` on the SDK's runtime and returns an asyncio future of `convert(result)`.
/// A panic inside `work` becomes `momentpay.InternalError`.
pub fn awaitable<'py, T, W, C>(py: Python<'py>, work: W, convert: C) -> PyResult<Bound<'py, PyAny>>
where
    T: Send + 'static,
    W: Future<Output = momentpay::Result<T>> + Send + 'static,
    C: FnOnce(Python<'_>, T) -> PyResult<Py<PyAny>> + Send + 'static,
{
    let runtime = momentpay::runtime::runtime().map_err(errors::to_py)?;
    let event_loop = py.import("asyncio")?.call_method0("get_running_loop")?;
    let future = event_loop.call_method0("create_future")?;
    let task = runtime.spawn(work);
    future.call_method1(
        "add_done_callback",
        (Canceller {
            abort: task.abort_handle(),
        },),
    )?;
    let (event_loop_ref, future_ref) = (event_loop.unbind(), future.clone().unbind());
    runtime.spawn(async move {
        let result = match task.await {
            Ok(result) => result,
            Err(e) if e.is_cancelled() => return,
            Err(e) => Err(momentpay::Error::internal(format!(
                "the call failed inside momentpay: {e}"
            ))),
        };
        // Attaching to Python waits for the GIL, which the event loop (or any thread) may hold
        // for a while: that wait happens on a blocking-pool thread, never on a runtime worker,
        // so the SDK's sockets and timers keep running meanwhile (pyo3-async-runtimes #58).
        let _ = tokio::task::spawn_blocking(move || {
            let Some(_hand_off) = HandOff::begin() else {
                return;
            };
            Python::try_attach(|py| {
                let (value, error) =
                    match result.map_err(errors::to_py).and_then(|v| convert(py, v)) {
                        Ok(value) => (value, py.None()),
                        Err(error) => (py.None(), error.into_value(py).into_any()),
                    };
                let scheduled = resolver(py).and_then(|resolve| {
                    event_loop_ref.call_method1(
                        py,
                        "call_soon_threadsafe",
                        (resolve, future_ref, value, error),
                    )
                });
                // The loop was closed before the result arrived: nobody is waiting for it.
                drop(scheduled);
            });
        })
        .await;
    });
    Ok(future)
}

/// Registered with `atexit`: stops hand-offs to Python and waits for those under way.
#[pyfunction(name = "_drain")]
pub fn drain(py: Python<'_>) {
    SHUTTING_DOWN.store(true, Ordering::SeqCst);
    py.detach(|| {
        let started = Instant::now();
        while HAND_OFFS.load(Ordering::SeqCst) > 0 && started.elapsed() < DRAIN_LIMIT {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}

/// Registers the `atexit` hook (as the private `_momentpay._drain`).
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let drain = wrap_pyfunction!(drain, m)?;
    m.add_function(drain.clone())?;
    m.py()
        .import("atexit")?
        .call_method1("register", (drain,))?;
    Ok(())
}
