//! The native client: every operation of the core by name, blocking (with the GIL released)
//! or as an asyncio awaitable, plus auto-paging iterators. The Python wrapper in
//! `momentpay/_client.py` gives each operation its keyword signature.

use crate::bridge;
use crate::convert;
use crate::errors;
use crate::models;
use momentpay::models::ListParams;
use momentpay::operations;
use momentpay::resources::TransactionPager;
use momentpay::{ClientBuilder, RequestOptions};
use pyo3::exceptions::PyStopAsyncIteration;
use pyo3::prelude::*;
use std::sync::Arc;
use std::time::Duration;

fn seconds(name: &str, value: Option<f64>) -> PyResult<Option<Duration>> {
    match value {
        None => Ok(None),
        Some(s) if s.is_finite() && s > 0.0 && s < 1e9 => Ok(Some(Duration::from_secs_f64(s))),
        Some(_) => Err(errors::validation(
            name,
            "must be a positive number of seconds",
        )),
    }
}

fn request_options(
    idempotency_key: Option<String>,
    timeout: Option<f64>,
    max_retries: Option<u32>,
    api_key: Option<String>,
) -> PyResult<RequestOptions> {
    let mut options = RequestOptions::new();
    options.idempotency_key = idempotency_key;
    options.timeout = seconds("timeout", timeout)?;
    options.max_retries = max_retries;
    if let Some(key) = api_key {
        options = options.api_key(key).map_err(errors::to_py)?;
    }
    Ok(options)
}

/// The native client behind `momentpay.Client` and `momentpay.AsyncClient`.
#[pyclass(frozen, module = "momentpay._momentpay")]
pub struct NativeClient {
    inner: momentpay::Client,
}

#[pymethods]
impl NativeClient {
    #[new]
    #[pyo3(signature = (api_key=None, base_url=None, *, timeout=None, connect_timeout=None, max_retries=None, user_agent=None, allow_insecure_http=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        api_key: Option<String>,
        base_url: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        max_retries: Option<u32>,
        user_agent: Option<String>,
        allow_insecure_http: bool,
    ) -> PyResult<NativeClient> {
        let mut builder = ClientBuilder::new().allow_insecure_http(allow_insecure_http);
        if let Some(key) = api_key {
            builder = builder.api_key(key);
        }
        if let Some(url) = base_url {
            builder = builder.base_url(url);
        }
        if let Some(t) = seconds("timeout", timeout)? {
            builder = builder.timeout(t);
        }
        if let Some(t) = seconds("connect_timeout", connect_timeout)? {
            builder = builder.connect_timeout(t);
        }
        if let Some(n) = max_retries {
            builder = builder.max_retries(n);
        }
        let suffix = format!(
            "momentpay-python/{}{}",
            env!("CARGO_PKG_VERSION"),
            user_agent.map(|u| format!(" {u}")).unwrap_or_default()
        );
        builder = builder.user_agent(suffix);
        Ok(NativeClient {
            inner: builder.build().map_err(errors::to_py)?,
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
    #[pyo3(signature = (operation, id=None, params=None, *, idempotency_key=None, timeout=None, max_retries=None, api_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn invoke(
        &self,
        py: Python<'_>,
        operation: String,
        id: Option<String>,
        params: Option<&Bound<'_, PyAny>>,
        idempotency_key: Option<String>,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        api_key: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let params = match params {
            Some(p) => convert::to_value(p, "")?,
            None => serde_json::Value::Null,
        };
        let options = request_options(idempotency_key, timeout, max_retries, api_key)?;
        let client = self.inner.clone();
        let kind = models::model_of(&operation);
        let result = py.detach(move || {
            momentpay::runtime::block_on(async move {
                operations::invoke(&client, &operation, id.as_deref(), params, options).await
            })
        });
        models::model(py, result.map_err(errors::to_py)?, kind)
    }

    /// Runs `operation` on the shared runtime; returns an asyncio awaitable of its model.
    #[pyo3(signature = (operation, id=None, params=None, *, idempotency_key=None, timeout=None, max_retries=None, api_key=None))]
    #[allow(clippy::too_many_arguments)]
    fn invoke_async<'py>(
        &self,
        py: Python<'py>,
        operation: String,
        id: Option<String>,
        params: Option<&Bound<'py, PyAny>>,
        idempotency_key: Option<String>,
        timeout: Option<f64>,
        max_retries: Option<u32>,
        api_key: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let params = match params {
            Some(p) => convert::to_value(p, "")?,
            None => serde_json::Value::Null,
        };
        let options = request_options(idempotency_key, timeout, max_retries, api_key)?;
        let client = self.inner.clone();
        let kind = models::model_of(&operation);
        bridge::awaitable(
            py,
            async move { operations::invoke(&client, &operation, id.as_deref(), params, options).await },
            move |py, value| models::model(py, value, kind),
        )
    }

    /// An iterator over every transaction of payment page `id`.
    #[pyo3(signature = (id, *, limit=None, cursor=None))]
    fn transactions(
        &self,
        id: &str,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> TransactionIterator {
        TransactionIterator {
            pager: pager(&self.inner, id, limit, cursor),
        }
    }

    /// An async iterator over every transaction of payment page `id`.
    #[pyo3(signature = (id, *, limit=None, cursor=None))]
    fn transactions_async(
        &self,
        id: &str,
        limit: Option<u32>,
        cursor: Option<String>,
    ) -> AsyncTransactionIterator {
        AsyncTransactionIterator {
            pager: pager(&self.inner, id, limit, cursor),
        }
    }

    fn __repr__(&self) -> String {
        format!(
            "NativeClient(base_url={:?}, api_key={:?})",
            self.inner.config().base_url,
            self.inner.config().api_key.to_string()
        )
    }
}

type SharedPager = Arc<tokio::sync::Mutex<TransactionPager>>;

fn pager(
    client: &momentpay::Client,
    id: &str,
    limit: Option<u32>,
    cursor: Option<String>,
) -> SharedPager {
    Arc::new(tokio::sync::Mutex::new(TransactionPager::new(
        client,
        id,
        ListParams { cursor, limit },
    )))
}

fn transaction(
    py: Python<'_>,
    item: momentpay::models::PaymentPageTransaction,
) -> PyResult<Py<PyAny>> {
    let value = serde_json::to_value(item)
        .map_err(|e| errors::to_py(momentpay::Error::internal(e.to_string())))?;
    models::model(py, value, "PaymentPageTransaction")
}

/// Iterates every transaction of a payment page, fetching pages as needed.
#[pyclass(module = "momentpay._momentpay")]
pub struct TransactionIterator {
    pager: SharedPager,
}

#[pymethods]
impl TransactionIterator {
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
            Some(item) => Ok(Some(transaction(py, item.map_err(errors::to_py)?)?)),
        }
    }
}

/// Iterates every transaction of a payment page with `async for`.
#[pyclass(module = "momentpay._momentpay")]
pub struct AsyncTransactionIterator {
    pager: SharedPager,
}

#[pymethods]
impl AsyncTransactionIterator {
    fn __aiter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __anext__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let pager = self.pager.clone();
        bridge::awaitable(
            py,
            async move { pager.lock().await.next().await.transpose() },
            |py, item| match item {
                None => Err(PyStopAsyncIteration::new_err(())),
                Some(item) => transaction(py, item),
            },
        )
    }
}
