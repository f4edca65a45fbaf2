//! The native client: every operation of the core by name, blocking (with the GIL released)
//! or as an asyncio awaitable, plus auto-paging iterators. The Python wrapper in
//! `momentpay/_client.py` gives each operation its keyword signature.

use crate::bridge;
use crate::convert;
use crate::errors;
use crate::models;
use momentpay::RequestOptions;
use momentpay::operations;
use momentpay::options::Host;
use momentpay::pager::Pager;
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// How long a blocking call waits between checks for signals (Ctrl-C).
const SIGNAL_SLICE: std::time::Duration = std::time::Duration::from_millis(50);

/// A dict of options (snake_case names, seconds) as the core's JSON object.
fn options_map(
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<serde_json::Map<String, serde_json::Value>> {
    match options {
        None => Ok(serde_json::Map::new()),
        Some(dict) => match convert::to_value(dict.as_any(), "")? {
            serde_json::Value::Object(map) => Ok(map),
            _ => Ok(serde_json::Map::new()),
        },
    }
}

fn request_options(options: Option<&Bound<'_, PyDict>>) -> PyResult<RequestOptions> {
    momentpay::options::request_options(&options_map(options)?, Host::SNAKE_SECONDS)
        .map_err(errors::to_py)
}

/// The native client behind `momentpay.Client` and `momentpay.AsyncClient`.
#[pyclass(frozen, module = "momentpay._momentpay")]
pub struct NativeClient {
    inner: momentpay::Client,
}

#[pymethods]
impl NativeClient {
    /// A client from the options `Client(...)` was given (snake_case names, seconds): the
    /// core checks every name and value.
    #[new]
    #[pyo3(signature = (options=None))]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<NativeClient> {
        crate::logging::refresh();
        let mut options = options_map(options)?;
        let suffix = format!(
            "momentpay-python/{}{}",
            env!("CARGO_PKG_VERSION"),
            options
                .remove("user_agent")
                .and_then(|u| u.as_str().map(|u| format!(" {u}")))
                .unwrap_or_default()
        );
        options.insert("user_agent".to_owned(), serde_json::Value::String(suffix));
        Ok(NativeClient {
            inner: momentpay::options::client(&options, Host::SNAKE_SECONDS)
                .map_err(errors::to_py)?,
        })
    }

    /// The base URL in use.
    #[getter]
    fn base_url(&self) -> String {
        self.inner.config().base_url.clone()
    }

    /// The API key with its secret part hidden (`sk_test_***`).
    #[getter]
    fn api_key_hint(&self) -> String {
        self.inner.config().api_key.to_string()
    }

    /// Runs `operation` and returns its model, waiting with the GIL released.
    #[pyo3(signature = (operation, id=None, params=None, options=None))]
    fn invoke(
        &self,
        py: Python<'_>,
        operation: String,
        id: Option<String>,
        params: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Py<PyAny>> {
        let params = match params {
            Some(p) => convert::to_value(p, "")?,
            None => serde_json::Value::Null,
        };
        let mut options = request_options(options)?;
        let key = operations::prepare_key(&operation, &mut options);
        let client = self.inner.clone();
        let kind = models::model_of(&operation);
        let name = operation.clone();
        let pending = momentpay::runtime::Pending::start(async move {
            operations::invoke(&client, &operation, id.as_deref(), params, options).await
        })
        .map_err(errors::to_py)?;
        // Waits in short slices with the GIL released, answering signals in between: Ctrl-C
        // (or a SIGTERM handler that raises) interrupts the call at once.
        let result = loop {
            if let Some(result) = py.detach(|| pending.wait(SIGNAL_SLICE)) {
                break result;
            }
            if let Err(interrupted) = py.check_signals() {
                pending.abort();
                if let Some(key) = &key {
                    errors::keep_key(py, &interrupted, &name, key);
                }
                return Err(interrupted);
            }
        };
        models::response(py, result.map_err(errors::to_py)?, kind)
    }

    /// Gives a mutation its idempotency key now, into `options`, unless it has one; answers
    /// the key (`None` for a GET). The async wrapper calls it before awaiting, so that a
    /// cancelled call's `CancelledError` can carry the key.
    fn prepare_key(
        &self,
        operation: &str,
        options: &Bound<'_, PyDict>,
    ) -> PyResult<Option<String>> {
        if !operations::mutates(operation) {
            return Ok(None);
        }
        if let Some(given) = options.get_item("idempotency_key")?
            && !given.is_none()
        {
            return given.extract().map(Some);
        }
        let key = operations::prepare_key(operation, &mut RequestOptions::new());
        options.set_item("idempotency_key", &key)?;
        Ok(key)
    }

    /// Runs `operation` on the shared runtime; returns an asyncio awaitable of its model.
    #[pyo3(signature = (operation, id=None, params=None, options=None))]
    fn invoke_async<'py>(
        &self,
        py: Python<'py>,
        operation: String,
        id: Option<String>,
        params: Option<&Bound<'py, PyAny>>,
        options: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = match params {
            Some(p) => convert::to_value(p, "")?,
            None => serde_json::Value::Null,
        };
        let options = request_options(options)?;
        let client = self.inner.clone();
        let kind = models::model_of(&operation);
        bridge::awaitable(
            py,
            async move { operations::invoke(&client, &operation, id.as_deref(), params, options).await },
            move |py, invoked| models::response(py, invoked, kind),
        )
    }

    /// An iterator over every item of list operation `operation` (a row with `pages:`), as
    /// instances of `item` (the item model's class name).
    #[pyo3(signature = (operation, id, params, item))]
    fn paginate(
        &self,
        operation: &str,
        id: Option<&str>,
        params: Option<&Bound<'_, PyAny>>,
        item: String,
    ) -> PyResult<Pages> {
        Ok(Pages {
            pager: pager(&self.inner, operation, id, params)?,
            item: item_class(&item)?,
        })
    }

    /// [`NativeClient::paginate`] for `async for`.
    #[pyo3(signature = (operation, id, params, item))]
    fn paginate_async(
        &self,
        operation: &str,
        id: Option<&str>,
        params: Option<&Bound<'_, PyAny>>,
        item: String,
    ) -> PyResult<AsyncPages> {
        Ok(AsyncPages {
            pager: pager(&self.inner, operation, id, params)?,
            item: item_class(&item)?,
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "NativeClient(base_url={:?}, api_key={:?})",
            self.inner.config().base_url,
            self.inner.config().api_key.to_string()
        )
    }
}

type SharedPager = Arc<tokio::sync::Mutex<Pager>>;

fn pager(
    client: &momentpay::Client,
    operation: &str,
    id: Option<&str>,
    params: Option<&Bound<'_, PyAny>>,
) -> PyResult<SharedPager> {
    let params = match params {
        Some(p) => convert::to_value(p, "")?,
        None => serde_json::Value::Null,
    };
    let pager = Pager::new(client, operation, id, params).map_err(errors::to_py)?;
    Ok(Arc::new(tokio::sync::Mutex::new(pager)))
}

/// The model class called `name`.
fn item_class(name: &str) -> PyResult<&'static str> {
    crate::generated::model_name(name)
        .ok_or_else(|| errors::validation("item", format!("{name} is not a momentpay model")))
}

/// Iterates every item of a list operation, fetching pages as needed.
#[pyclass(module = "momentpay._momentpay")]
pub struct Pages {
    pager: SharedPager,
    item: &'static str,
}

#[pymethods]
impl Pages {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let pager = self.pager.clone();
        let next = py.detach(move || {
            momentpay::runtime::block_on(async move { Ok(pager.lock().await.next().await) })
        });
        match next.map_err(errors::to_py)? {
            None => Ok(None),
            Some(item) => Ok(Some(models::model(
                py,
                item.map_err(errors::to_py)?,
                self.item,
            )?)),
        }
    }
}

/// Iterates every item of a list operation with `async for`.
#[pyclass(module = "momentpay._momentpay")]
pub struct AsyncPages {
    pager: SharedPager,
    item: &'static str,
}

#[pymethods]
impl AsyncPages {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.pager.clone();
        let item = self.item;
        bridge::awaitable(
            py,
            async move { pager.lock().await.next().await.transpose() },
            move |py, found| match found {
                None => Err(PyStopAsyncIteration::new_err(())),
                Some(value) => models::model(py, value, item),
            },
        )
    }
}
