//! Python values to JSON values and back: the only translation between the core's JSON
//! operations and Python objects.

use crate::errors;
use crate::models::MomentObject;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};

fn child(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Converts a Python value (dicts, lists, tuples, str, int, float, bool, None, and model
/// objects) to JSON. `path` names the value in errors (`options.customer`). A value nested
/// deeper than the core's limit is a validation error naming its top-level field, found
/// before the recursion could exhaust the stack.
pub fn to_value(obj: &Bound<'_, PyAny>, path: &str) -> PyResult<Value> {
    if path.is_empty() {
        convert(obj, path, 1, "params")
    } else {
        convert(obj, path, 2, path)
    }
}

/// `depth`: the value's level (the parameters object is 1); `top`: the top-level field it is
/// under, which a too-deep error names (a key "" is no name: the parameters are).
fn convert(obj: &Bound<'_, PyAny>, path: &str, depth: usize, top: &str) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(model) = obj.cast::<MomentObject>() {
        return Ok(model.get().value().clone());
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return match obj.extract::<i64>() {
            Ok(n) => Ok(Value::Number(n.into())),
            Err(_) => Err(errors::validation(
                if path.is_empty() { "value" } else { path },
                "is too large",
            )),
        };
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return Number::from_f64(f).map(Value::Number).ok_or_else(|| {
            errors::validation(
                if path.is_empty() { "value" } else { path },
                "must be a finite number",
            )
        });
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return Ok(Value::String(text.to_cow()?.into_owned()));
    }
    let container = obj.is_instance_of::<PyDict>()
        || obj.is_instance_of::<PyList>()
        || obj.is_instance_of::<PyTuple>();
    if container && depth > momentpay::validation::nesting::MAX_NESTING {
        return Err(errors::to_py(momentpay::validation::nesting::too_deep(top)));
    }
    if let Ok(dict) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (key, value) in dict.iter() {
            let key = key
                .cast::<PyString>()
                .map_err(|_| {
                    errors::validation(
                        if path.is_empty() { "params" } else { path },
                        "has a key that is not a string",
                    )
                })?
                .to_cow()?
                .into_owned();
            let field = child(path, &key);
            let under = if depth == 1 && !key.is_empty() {
                key.as_str()
            } else {
                top
            };
            let converted = convert(&value, &field, depth + 1, under)?;
            map.insert(key, converted);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut items = Vec::new();
        for (i, item) in obj.try_iter()?.enumerate() {
            items.push(convert(&item?, &format!("{path}[{i}]"), depth + 1, top)?);
        }
        return Ok(Value::Array(items));
    }
    if let Ok(mapping) = obj.call_method0("items") {
        let dict = PyDict::new(obj.py());
        for pair in mapping.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
            dict.set_item(k, v)?;
        }
        return convert(dict.as_any(), path, depth, top);
    }
    let type_name = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into());
    Err(errors::validation(
        if path.is_empty() { "value" } else { path },
        format!(
            "has unsupported type {type_name}; use dicts, lists, str, int, float, bool or None"
        ),
    ))
}

/// JSON to plain Python values (dicts and lists all the way down).
pub fn to_plain(py: Python<'_>, value: &Value) -> PyResult<Py<PyAny>> {
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into_pyobject(py)?.into_any().unbind(),
            None => n
                .as_f64()
                .unwrap_or(f64::NAN)
                .into_pyobject(py)?
                .into_any()
                .unbind(),
        },
        Value::String(s) => PyString::new(py, s).into_any().unbind(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_plain(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (k, v) in map {
                dict.set_item(k, to_plain(py, v)?)?;
            }
            dict.into_any().unbind()
        }
    })
}
