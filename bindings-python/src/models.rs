//! Models as Python objects: attribute (and item) access over the core's JSON, readable
//! repr, equality and `to_dict()`. One generic class; each resource type is a subclass so
//! `isinstance(obj, momentpay.PaymentSession)` works. Nested objects are `MomentObject`s.

use crate::convert;
use momentpay::models::{Event as CoreEvent, EventData};
use pyo3::PyClassInitializer;
use pyo3::exceptions::{PyAttributeError, PyKeyError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
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
#[pyclass(frozen, module = "momentpay")]
pub struct Event {
    /// `evt_…`.
    #[pyo3(get)]
    id: String,
    kind: String,
    data: Py<PyAny>,
    raw: Value,
}

impl Event {
    /// Wraps a core event.
    pub fn from_core(py: Python<'_>, event: CoreEvent) -> PyResult<Event> {
        let raw = event.to_value();
        let data_json = raw.get("data").cloned().unwrap_or(Value::Null);
        let kind: &'static str = match &event.data {
            EventData::PaymentSession(_) => "PaymentSession",
            EventData::Payment(_) => "Payment",
            EventData::PaymentRequest(_) => "PaymentRequest",
            EventData::PaymentPageTransaction(_) => "PaymentPageTransaction",
            EventData::Obligation(_) => "Obligation",
            _ => "MomentObject",
        };
        let data = if data_json.is_object() {
            model(py, data_json, kind)?
        } else {
            convert::to_plain(py, &data_json)?
        };
        Ok(Event {
            id: event.id,
            kind: event.kind.as_str().to_owned(),
            data,
            raw,
        })
    }
}

#[pymethods]
impl Event {
    /// The event type, e.g. `payment_session.completed`.
    #[getter(r#type)]
    fn event_type(&self) -> &str {
        &self.kind
    }

    /// The typed payload (`PaymentSession`, `Payment`, ...).
    #[getter]
    fn data(&self, py: Python<'_>) -> Py<PyAny> {
        self.data.clone_ref(py)
    }

    /// The whole event as a plain `dict`.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::to_plain(py, &self.raw)
    }

    fn __repr__(&self) -> String {
        format!("Event(id={:?}, type={:?})", self.id, self.kind)
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<Event>() else {
            return py.NotImplemented();
        };
        let equal = self.raw == other.get().raw;
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
