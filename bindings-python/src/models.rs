//! Models as Python objects: attribute (and item) access over the core's JSON, readable
//! repr, equality and `to_dict()`. One generic class; each resource type is a subclass so
//! `isinstance(obj, momentpay.PaymentSession)` works. Nested objects are `MomentObject`s.

use crate::convert;
use crate::errors;
use momentpay::models::{EventData, EventEnvelope};
use pyo3::PyClassInitializer;
use pyo3::exceptions::{PyAttributeError, PyKeyError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyList;
use serde_json::Value;
use std::sync::Arc;

/// A Moment object: every field of the API response as an attribute.
#[pyclass(subclass, frozen, module = "momentpay")]
pub struct MomentObject {
    value: Arc<Value>,
    kind: &'static str,
}

impl MomentObject {
    /// Wraps a JSON object.
    pub fn new(value: Value, kind: &'static str) -> MomentObject {
        MomentObject {
            value: Arc::new(value),
            kind,
        }
    }

    /// The JSON behind the object.
    pub fn value(&self) -> &Value {
        &self.value
    }

    fn compact_json(&self) -> String {
        let mut value = (*self.value).clone();
        if let Value::Object(map) = &mut value {
            map.retain(|_, v| !v.is_null());
        }
        serde_json::to_string(&value).unwrap_or_default()
    }
}

#[pymethods]
impl MomentObject {
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        match self.value.get(name) {
            Some(value) => convert::field_value(py, name, value),
            None => Err(PyAttributeError::new_err(format!(
                "'{}' object has no attribute '{name}'",
                self.kind
            ))),
        }
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<Py<PyAny>> {
        match self.value.get(key) {
            Some(value) => convert::field_value(py, key, value),
            None => Err(PyKeyError::new_err(key.to_owned())),
        }
    }

    /// The field `key`, or `default` when the object has no such field.
    #[pyo3(signature = (key, default=None))]
    fn get(&self, py: Python<'_>, key: &str, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        match self.value.get(key) {
            Some(value) => convert::field_value(py, key, value),
            None => Ok(default.unwrap_or_else(|| py.None())),
        }
    }

    fn __contains__(&self, key: &str) -> bool {
        self.value.get(key).is_some()
    }

    fn __dir__(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let mut names: Vec<String> = self
            .value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        names.extend(["get", "keys", "to_dict", "to_json"].map(str::to_owned));
        Ok(PyList::new(py, names)?.unbind())
    }

    /// The field names.
    fn keys(&self) -> Vec<String> {
        self.value
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// A plain `dict` (deep) of every field.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::to_plain(py, &self.value)
    }

    /// The object as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&*self.value).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!("{}({})", self.kind, self.compact_json())
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<MomentObject>() else {
            return py.NotImplemented();
        };
        let equal = self.kind == other.get().kind && self.value == other.get().value;
        match op {
            CompareOp::Eq => equal
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind())
                .unwrap_or_else(|_| py.None()),
            CompareOp::Ne => (!equal)
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind())
                .unwrap_or_else(|_| py.None()),
            _ => py.NotImplemented(),
        }
    }
}

macro_rules! models {
    ($($name:ident: $doc:literal),* $(,)?) => {
        $(
            #[doc = $doc]
            #[pyclass(extends = MomentObject, frozen, module = "momentpay")]
            pub struct $name;
        )*

        /// Wraps `value` in the model class named `kind` (a plain `MomentObject` if unknown).
        pub fn model(py: Python<'_>, value: Value, kind: &'static str) -> PyResult<Py<PyAny>> {
            let base = MomentObject::new(value, kind);
            match kind {
                $( stringify!($name) => Ok(Py::new(py, PyClassInitializer::from(base).add_subclass($name))?.into_any()), )*
                _ => Ok(Py::new(py, base)?.into_any()),
            }
        }

        /// Registers the model classes on the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<MomentObject>()?;
            $( m.add_class::<$name>()?; )*
            m.add_class::<Event>()?;
            Ok(())
        }
    };
}

models! {
    PaymentSession: "A payment session.",
    Payment: "A payment.",
    PaymentRequest: "A payment request (link or push).",
    DeletedPaymentRequest: "The answer to deleting a payment request.",
    PaymentPage: "A hosted payment page.",
    PaymentPageTransaction: "A payment received through a payment page.",
    TransactionList: "One page of payment page transactions (`data`, `has_more`, `next_cursor`).",
    BillingCustomer: "A billing customer.",
    BillingAccount: "A billing account.",
    Bill: "A bill.",
    Obligation: "Money applied to a billing balance or bill.",
    LastPaymentError: "Why the latest payment attempt failed.",
    PaymentMethodDetails: "How a payment was paid.",
    CardDetails: "Card details of a payment.",
    PaymentRules: "Rules for paying against a billing entity.",
    PaymentRequestLink: "The link of a payment request.",
}

/// The class of a nested object, by the field that holds it.
pub fn nested_class(field: &str) -> Option<&'static str> {
    Some(match field {
        "last_payment_error" => "LastPaymentError",
        "payment_method_details" => "PaymentMethodDetails",
        "card" => "CardDetails",
        "payment_rules" => "PaymentRules",
        "link" => "PaymentRequestLink",
        _ => return None,
    })
}

/// The model class an operation returns.
pub fn model_of(operation: &str) -> &'static str {
    match operation {
        "payment_requests.delete" => "DeletedPaymentRequest",
        "payment_pages.list_transactions" => "TransactionList",
        op if op.starts_with("payment_sessions.") => "PaymentSession",
        op if op.starts_with("payments.") => "Payment",
        op if op.starts_with("payment_requests.") => "PaymentRequest",
        op if op.starts_with("payment_pages.") => "PaymentPage",
        op if op.starts_with("billing.customers.") => "BillingCustomer",
        op if op.starts_with("billing.accounts.") => "BillingAccount",
        op if op.starts_with("billing.bills.") => "Bill",
        _ => "MomentObject",
    }
}

/// A verified webhook event: `id`, `type`, and `data` as the typed model.
///
/// Verification reads the id and type and checks the whole body is a well-formed event;
/// `data` is built into its model on first access (then kept), so a handler that routes
/// on `type` or deduplicates on `id` never pays for it. A body whose data does not match
/// its model raises `WebhookPayloadError` from `data`.
#[pyclass(frozen, module = "momentpay")]
pub struct Event {
    envelope: EventEnvelope,
    data: PyOnceLock<Py<PyAny>>,
}

impl Event {
    /// Wraps a verified envelope.
    pub fn new(envelope: EventEnvelope) -> Event {
        Event {
            envelope,
            data: PyOnceLock::new(),
        }
    }

    /// The whole event in its normalised wire form (every model field, null when absent).
    fn value(&self) -> PyResult<Value> {
        let event = self.envelope.clone().into_event().map_err(errors::to_py)?;
        Ok(event.to_value())
    }

    fn build_data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let data = self.envelope.data().map_err(errors::to_py)?;
        let kind: &'static str = match &data {
            EventData::PaymentSession(_) => "PaymentSession",
            EventData::Payment(_) => "Payment",
            EventData::PaymentRequest(_) => "PaymentRequest",
            EventData::PaymentPageTransaction(_) => "PaymentPageTransaction",
            EventData::Obligation(_) => "Obligation",
            _ => "MomentObject",
        };
        // One typed parse; the model's own serialisation is the normalised form.
        let json = serde_json::to_value(&data)
            .map_err(|e| errors::to_py(momentpay::Error::internal(e.to_string())))?;
        if json.is_object() {
            model(py, json, kind)
        } else {
            convert::to_plain(py, &json)
        }
    }
}

#[pymethods]
impl Event {
    /// `evt_…`.
    #[getter]
    fn id(&self) -> &str {
        self.envelope.id()
    }

    /// The event type, e.g. `payment_session.completed`.
    #[getter(r#type)]
    fn event_type(&self) -> &str {
        self.envelope.kind().as_str()
    }

    /// The typed payload (`PaymentSession`, `Payment`, ...), built on first access.
    #[getter]
    fn data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.data
            .get_or_try_init(py, || self.build_data(py))
            .map(|data| data.clone_ref(py))
    }

    /// The whole event as a plain `dict`.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::to_plain(py, &self.value()?)
    }

    fn __repr__(&self) -> String {
        format!(
            "Event(id={:?}, type={:?})",
            self.envelope.id(),
            self.envelope.kind().as_str()
        )
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<Event>() else {
            return py.NotImplemented();
        };
        let equal = self.envelope == other.get().envelope;
        match op {
            CompareOp::Eq => equal
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind())
                .unwrap_or_else(|_| py.None()),
            CompareOp::Ne => (!equal)
                .into_pyobject(py)
                .map(|b| b.to_owned().into_any().unbind())
                .unwrap_or_else(|_| py.None()),
            _ => py.NotImplemented(),
        }
    }
}
