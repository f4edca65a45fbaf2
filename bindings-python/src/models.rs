//! Models as Python objects: attribute (and item) access over the core's JSON, readable
//! repr, equality, pickling and `to_dict()`. One generic class; each model is a subclass (so
//! `isinstance(obj, momentpay.PaymentSession)` works), built by the core's type when made by
//! hand (`momentpay.PaymentSession(id=..., ...)`). Which field holds which model comes from
//! the generated table (`generated.rs`), never from a field's name.

use crate::convert;
use crate::errors;
use momentpay::models::{EventData, EventEnvelope};
use pyo3::exceptions::{PyAttributeError, PyKeyError, PyTypeError};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyTuple};
use serde_json::Value;
use std::sync::Arc;

/// What the response a model came in said about itself.
#[derive(Debug, Clone, Default)]
pub struct Meta {
    pub request_id: Option<String>,
    pub idempotent_replayed: bool,
}

/// A Moment object: every field of the API response as an attribute.
#[pyclass(subclass, frozen, module = "momentpay")]
pub struct MomentObject {
    value: Arc<Value>,
    kind: &'static str,
    pub(crate) meta: Meta,
}

impl MomentObject {
    /// Wraps a JSON object of model `kind`.
    pub fn new(value: Value, kind: &'static str) -> MomentObject {
        MomentObject {
            value: Arc::new(value),
            kind,
            meta: Meta::default(),
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

    fn field(&self, py: Python<'_>, name: &str) -> Option<PyResult<Py<PyAny>>> {
        self.value
            .get(name)
            .map(|value| field_value(py, self.kind, name, value))
    }
}

fn bool_object(py: Python<'_>, value: bool) -> Py<PyAny> {
    value
        .into_pyobject(py)
        .map(|b| b.to_owned().into_any().unbind())
        .unwrap_or_else(|_| py.None())
}

#[pymethods]
impl MomentObject {
    fn __getattr__(&self, py: Python<'_>, name: &str) -> PyResult<Py<PyAny>> {
        self.field(py, name).unwrap_or_else(|| {
            // A misspelt field is a mypy error (the stubs declare exactly the fields) and,
            // at run time, this error naming the field that was probably meant.
            let known = self.keys();
            let hint = momentpay::suggest::did_you_mean(name, known.iter().map(String::as_str));
            Err(PyAttributeError::new_err(format!(
                "'{}' object has no attribute '{name}'{hint}",
                self.kind
            )))
        })
    }

    fn __getitem__(&self, py: Python<'_>, key: &str) -> PyResult<Py<PyAny>> {
        self.field(py, key)
            .unwrap_or_else(|| Err(PyKeyError::new_err(key.to_owned())))
    }

    /// The field `key`, or `default` when the object has no such field.
    #[pyo3(signature = (key, default=None))]
    fn get(&self, py: Python<'_>, key: &str, default: Option<Py<PyAny>>) -> PyResult<Py<PyAny>> {
        self.field(py, key)
            .unwrap_or_else(|| Ok(default.unwrap_or_else(|| py.None())))
    }

    fn __contains__(&self, key: &str) -> bool {
        self.value.get(key).is_some()
    }

    fn __dir__(&self, py: Python<'_>) -> PyResult<Py<PyList>> {
        let mut names = self.keys();
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

    /// A plain `dict` (deep) of every field: what `json.dumps` takes.
    fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        convert::to_plain(py, &self.value)
    }

    /// The object as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&*self.value).unwrap_or_default()
    }

    /// Moment's request ID of the response this object came in (None when built by hand).
    #[getter(_request_id)]
    fn request_id(&self) -> Option<String> {
        self.meta.request_id.clone()
    }

    /// Whether that response was an idempotent replay (a retry that changed nothing).
    #[getter(_idempotent_replayed)]
    fn idempotent_replayed(&self) -> bool {
        self.meta.idempotent_replayed
    }

    fn __repr__(&self) -> String {
        format!("{}({})", self.kind, self.compact_json())
    }

    /// Pickles as (model name, JSON): unpickling rebuilds the same model.
    fn __reduce__(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let module = py.import("momentpay._momentpay")?;
        let rebuild = module.getattr("_rebuild")?;
        let args = PyTuple::new(py, [self.kind.to_owned(), self.to_json()])?;
        Ok(
            PyTuple::new(py, [rebuild.unbind(), args.into_any().unbind()])?
                .into_any()
                .unbind(),
        )
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<MomentObject>() else {
            return py.NotImplemented();
        };
        let equal = self.kind == other.get().kind && self.value == other.get().value;
        match op {
            CompareOp::Eq => bool_object(py, equal),
            CompareOp::Ne => bool_object(py, !equal),
            _ => py.NotImplemented(),
        }
    }
}

/// The Python value of field `name` of a `kind` model: a model where the generated table says
/// the field holds one (or a list of them), plain data otherwise (maps are dicts).
pub fn field_value(py: Python<'_>, kind: &str, name: &str, value: &Value) -> PyResult<Py<PyAny>> {
    let class = crate::generated::NESTED
        .iter()
        .find(|(model, field, _)| *model == kind && *field == name)
        .map(|(_, _, class)| *class);
    match (class, value) {
        (Some(class), Value::Object(_)) => model(py, value.clone(), class),
        (Some(class), Value::Array(items)) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(match item {
                    Value::Object(_) => model(py, item.clone(), class)?,
                    other => convert::to_plain(py, other)?,
                })?;
            }
            Ok(list.into_any().unbind())
        }
        _ => convert::to_plain(py, value),
    }
}

/// Defines one Python class per model (generated.rs invokes it): a subclass of
/// `MomentObject` whose constructor builds the object through the core's Rust type.
macro_rules! model_classes {
    ($($name:ident: $doc:literal => $rust:ty),* $(,)?) => {
        /// The model classes.
        pub mod classes {
            use super::*;
            $(
                #[doc = $doc]
                #[pyclass(extends = crate::models::MomentObject, frozen, module = "momentpay")]
                pub struct $name;

                #[pymethods]
                impl $name {
                    /// Builds the model from its fields (keyword arguments), checked by the
                    /// core's type: a missing or mistyped field is a ValidationError naming it.
                    #[new]
                    #[pyo3(signature = (**fields))]
                    fn new(fields: Option<&Bound<'_, PyDict>>) -> PyResult<PyClassInitializer<Self>> {
                        let value = crate::models::normalize::<$rust>(fields)?;
                        Ok(PyClassInitializer::from(crate::models::MomentObject::new(value, stringify!($name))).add_subclass($name))
                    }
                }
            )*
        }

        /// Wraps `value` in the model class named `kind` (a plain `MomentObject` if unknown).
        pub fn wrap(py: Python<'_>, value: Value, kind: &'static str, meta: crate::models::Meta) -> PyResult<Py<PyAny>> {
            let mut base = crate::models::MomentObject::new(value, kind);
            base.meta = meta;
            match kind {
                $( stringify!($name) => Ok(Py::new(py, PyClassInitializer::from(base).add_subclass(classes::$name))?.into_any()), )*
                _ => Ok(Py::new(py, base)?.into_any()),
            }
        }

        /// The class name `name` as the `'static` name the table uses, if it is a model.
        pub fn model_name(name: &str) -> Option<&'static str> {
            match name {
                $( stringify!($name) => Some(stringify!($name)), )*
                _ => None,
            }
        }

        /// Registers the model classes on the module.
        pub fn register_models(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_class::<classes::$name>()?; )*
            Ok(())
        }
    };
}

/// Defines the event classes (generated.rs invokes it): one subclass of `Event` per data
/// model, so a type checker narrows `data` by `type`.
macro_rules! event_classes {
    ($($name:ident: $doc:literal),* $(,)?) => {
        /// The event classes.
        pub mod events {
            use super::*;
            $(
                #[doc = $doc]
                #[pyclass(extends = crate::models::Event, frozen, module = "momentpay")]
                pub struct $name;
            )*
        }

        /// Wraps a verified event in the class of its data (`Event` itself for unknown types).
        pub fn wrap_event(py: Python<'_>, event: crate::models::Event, class: &str) -> PyResult<Py<PyAny>> {
            match class {
                $( stringify!($name) => Ok(Py::new(py, PyClassInitializer::from(event).add_subclass(events::$name))?.into_any()), )*
                _ => Ok(Py::new(py, event)?.into_any()),
            }
        }

        /// Registers the event classes on the module.
        pub fn register_events(m: &Bound<'_, PyModule>) -> PyResult<()> {
            $( m.add_class::<events::$name>()?; )*
            Ok(())
        }
    };
}

pub(crate) use {event_classes, model_classes};

/// `fields` (keyword arguments) through the core's type `T`: checked (errors name the
/// field), then serialised back with every field (null where absent).
pub fn normalize<T: serde::de::DeserializeOwned + serde::Serialize>(
    fields: Option<&Bound<'_, PyDict>>,
) -> PyResult<Value> {
    let json = match fields {
        Some(fields) => convert::to_value(fields.as_any(), "")?,
        None => Value::Object(Default::default()),
    };
    let typed: T = momentpay::operations::parse_params(json).map_err(errors::to_py)?;
    serde_json::to_value(typed)
        .map_err(|e| errors::to_py(momentpay::Error::internal(e.to_string())))
}

/// Wraps `value` in the class named `kind`.
pub fn model(py: Python<'_>, value: Value, kind: &'static str) -> PyResult<Py<PyAny>> {
    crate::generated::wrap(py, value, kind, Meta::default())
}

/// Wraps a response in the class named `kind`, with what the response said about itself.
pub fn response(
    py: Python<'_>,
    invoked: momentpay::operations::Invoked,
    kind: &'static str,
) -> PyResult<Py<PyAny>> {
    let meta = Meta {
        request_id: invoked.meta.request_id,
        idempotent_replayed: invoked.meta.idempotent_replayed,
    };
    crate::generated::wrap(py, invoked.value, kind, meta)
}

/// The model class an operation returns.
pub fn model_of(operation: &str) -> &'static str {
    crate::generated::RETURNS
        .iter()
        .find(|(op, _)| *op == operation)
        .map(|(_, class)| *class)
        .unwrap_or("MomentObject")
}

/// `_rebuild(name, json)`: what unpickling calls.
#[pyfunction]
pub fn _rebuild(py: Python<'_>, name: &str, json: &str) -> PyResult<Py<PyAny>> {
    let kind = crate::generated::model_name(name)
        .ok_or_else(|| PyTypeError::new_err(format!("{name} is not a momentpay model")))?;
    let value: Value = serde_json::from_str(json)
        .map_err(|e| errors::to_py(momentpay::Error::internal(e.to_string())))?;
    model(py, value, kind)
}

/// Registers `MomentObject`, the models, `Event` and the event classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<MomentObject>()?;
    crate::generated::register_models(m)?;
    m.add_class::<Event>()?;
    crate::generated::register_events(m)?;
    m.add_function(wrap_pyfunction!(_rebuild, m)?)?;
    Ok(())
}

/// A verified webhook event: `id`, `type`, and `data` as the typed model.
///
/// Verification reads the id and type and checks the whole body is a well-formed event;
/// `data` is built into its model on first access (then kept), so a handler that routes
/// on `type` or deduplicates on `id` never pays for it. A body whose data does not match
/// its model raises `WebhookPayloadError` from `data`. Known types come as the subclass of
/// their data (`PaymentSessionEvent`, ...).
#[pyclass(subclass, frozen, module = "momentpay")]
pub struct Event {
    envelope: EventEnvelope,
    data: PyOnceLock<Py<PyAny>>,
}

impl Event {
    /// Wraps a verified envelope in its class.
    pub fn wrap(py: Python<'_>, envelope: EventEnvelope) -> PyResult<Py<PyAny>> {
        let class = match (envelope.kind().data_model(), envelope.kind().as_str()) {
            (Some(model), _) => format!("{model}Event"),
            (None, kind) if momentpay::models::EventType::KNOWN.contains(&kind) => {
                "UntypedEvent".to_owned()
            }
            _ => String::new(),
        };
        let event = Event {
            envelope,
            data: PyOnceLock::new(),
        };
        crate::generated::wrap_event(py, event, &class)
    }

    /// The whole event in its normalised wire form (every model field, null when absent).
    fn value(&self) -> PyResult<Value> {
        let event = self.envelope.clone().into_event().map_err(errors::to_py)?;
        Ok(event.to_value())
    }

    fn build_data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let data = self.envelope.data().map_err(errors::to_py)?;
        // One typed parse; the model's own serialisation is the normalised form.
        let json = serde_json::to_value(&data)
            .map_err(|e| errors::to_py(momentpay::Error::internal(e.to_string())))?;
        let kind = match &data {
            EventData::Unknown(_) => None,
            _ => self
                .envelope
                .kind()
                .data_model()
                .and_then(crate::generated::model_name),
        };
        match kind {
            Some(kind) if json.is_object() => model(py, json, kind),
            _ => convert::to_plain(py, &json),
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

    fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
        let class = slf.get_type().name()?.to_string();
        let this = slf.get();
        Ok(format!(
            "{class}(id={:?}, type={:?})",
            this.envelope.id(),
            this.envelope.kind().as_str()
        ))
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<Event>() else {
            return py.NotImplemented();
        };
        let equal = self.envelope == other.get().envelope;
        match op {
            CompareOp::Eq => bool_object(py, equal),
            CompareOp::Ne => bool_object(py, !equal),
            _ => py.NotImplemented(),
        }
    }
}
