//! `momentpay.Webhook`: verification and signing, bytes first.

use crate::errors;
use crate::models::Event;
use momentpay::options::TimeUnit;
use momentpay::webhooks::{MAX_PAYLOAD_BYTES, WEBHOOK_ID, WEBHOOK_SIGNATURE, WEBHOOK_TIMESTAMP};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDict, PyList, PyString};
use std::borrow::Cow;

/// A stand-in for a body over the limit that would have to be copied (a `bytearray`, a
/// `memoryview`): one byte over it, so the core refuses it with its usual error without a
/// copy of the whole body first.
fn oversized<'a>() -> Cow<'a, [u8]> {
    Cow::Owned(vec![0; MAX_PAYLOAD_BYTES + 1])
}

/// The raw body as bytes, borrowed where Python allows (`bytes`, and `str` when it is UTF-8
/// already), copied otherwise unless it is over the limit; a parsed object gets an error
/// that teaches the fix.
fn payload_bytes<'a>(payload: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = payload.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(text) = payload.cast::<PyString>() {
        return Ok(match text.to_cow()? {
            Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
            Cow::Owned(text) => Cow::Owned(text.into_bytes()),
        });
    }
    if let Ok(array) = payload.cast::<PyByteArray>() {
        if array.len() > MAX_PAYLOAD_BYTES {
            return Ok(oversized());
        }
        return Ok(Cow::Owned(array.to_vec()));
    }
    if payload.is_instance_of::<PyDict>() || payload.is_instance_of::<PyList>() {
        return Err(PyTypeError::new_err(
            "the webhook payload is a parsed object: pass the raw request body (bytes) exactly as received, \
             e.g. `request.get_data()` in Flask or `await request.body()` in FastAPI, not `request.json`",
        ));
    }
    if payload.len().is_ok_and(|n| n > MAX_PAYLOAD_BYTES) {
        return Ok(oversized());
    }
    if let Ok(bytes) = payload.call_method0("tobytes")
        && let Ok(bytes) = bytes.cast::<PyBytes>()
    {
        return Ok(Cow::Owned(bytes.as_bytes().to_vec()));
    }
    let type_name = payload
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(PyTypeError::new_err(format!(
        "the webhook payload must be the raw request body as bytes, bytearray, memoryview or str (got {type_name})"
    )))
}

fn header_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(String::from_utf8_lossy(bytes.as_bytes()).into_owned());
    }
    Ok(value.str()?.to_cow()?.into_owned())
}

/// Whether a header name is one of the three the verifier reads (any case).
fn is_webhook_header(name: &Bound<'_, PyAny>) -> PyResult<bool> {
    let matches = |name: &[u8]| {
        [WEBHOOK_ID, WEBHOOK_TIMESTAMP, WEBHOOK_SIGNATURE]
            .iter()
            .any(|wanted| name.eq_ignore_ascii_case(wanted.as_bytes()))
    };
    if let Ok(text) = name.cast::<PyString>() {
        return Ok(matches(text.to_cow()?.as_bytes()));
    }
    if let Ok(bytes) = name.cast::<PyBytes>() {
        return Ok(matches(bytes.as_bytes()));
    }
    Ok(matches(name.str()?.to_cow()?.as_bytes()))
}

/// The webhook header pairs from any mapping (dict, framework header objects) or iterable
/// of pairs; other headers are skipped without converting their values.
fn header_pairs(headers: &Bound<'_, PyAny>) -> PyResult<Vec<(String, String)>> {
    let mut pairs = Vec::with_capacity(3);
    if let Ok(dict) = headers.cast::<PyDict>() {
        for (name, value) in dict.iter() {
            if is_webhook_header(&name)? {
                pairs.push((header_text(&name)?, header_text(&value)?));
            }
        }
        return Ok(pairs);
    }
    let items = match headers.call_method0("items") {
        Ok(items) => items,
        Err(_) => headers.clone(),
    };
    for pair in items.try_iter().map_err(|_| {
        PyTypeError::new_err("headers must be a mapping or an iterable of (name, value) pairs")
    })? {
        let (name, value): (Bound<'_, PyAny>, Bound<'_, PyAny>) = pair?.extract()?;
        if is_webhook_header(&name)? {
            pairs.push((header_text(&name)?, header_text(&value)?));
        }
    }
    Ok(pairs)
}

/// Verifies Moment webhooks (Standard Webhooks v1) and signs test payloads.
#[pyclass(frozen, module = "momentpay")]
pub struct Webhook {
    inner: momentpay::Webhook,
}

#[pymethods]
impl Webhook {
    #[new]
    #[pyo3(signature = (secret, *, tolerance=180.0, additional_secrets=None))]
    fn new(
        secret: &str,
        tolerance: f64,
        additional_secrets: Option<Vec<String>>,
    ) -> PyResult<Webhook> {
        let tolerance =
            momentpay::options::duration("tolerance", tolerance, TimeUnit::Seconds, true)
                .map_err(errors::to_py)?;
        let mut inner = momentpay::Webhook::new(secret)
            .map_err(errors::to_py)?
            .tolerance(tolerance);
        for extra in additional_secrets.unwrap_or_default() {
            inner = inner
                .with_additional_secret(&extra)
                .map_err(errors::to_py)?;
        }
        Ok(Webhook { inner })
    }

    /// Verifies the raw body against its headers and returns the typed event.
    #[pyo3(signature = (payload, headers, *, now=None))]
    fn verify(
        &self,
        py: Python<'_>,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<i64>,
    ) -> PyResult<Py<PyAny>> {
        let body = payload_bytes(payload)?;
        let pairs = header_pairs(headers)?;
        let envelope = match now {
            // Checked before it is copied (a forged or oversized body never is); a verified
            // body is copied once, into the event.
            Some(now) => self.inner.verify_envelope_at(body, &pairs, now),
            None => self.inner.verify_envelope(body, &pairs),
        };
        Event::wrap(py, envelope.map_err(errors::to_py)?)
    }

    /// Checks headers, timestamp and signature without parsing the body.
    #[pyo3(signature = (payload, headers, *, now=None))]
    fn verify_signature(
        &self,
        payload: &Bound<'_, PyAny>,
        headers: &Bound<'_, PyAny>,
        now: Option<i64>,
    ) -> PyResult<()> {
        let body = payload_bytes(payload)?;
        let pairs = header_pairs(headers)?;
        match now {
            Some(now) => self.inner.verify_signature_at(&body, &pairs, now),
            None => self.inner.verify_signature(&body, &pairs),
        }
        .map_err(errors::to_py)
    }

    /// The `webhook-signature` value for a payload (one `v1,` entry per secret).
    fn sign(&self, msg_id: &str, timestamp: i64, payload: &Bound<'_, PyAny>) -> PyResult<String> {
        Ok(self.inner.sign(msg_id, timestamp, &payload_bytes(payload)?))
    }

    /// All three headers for a payload, as a dict.
    fn sign_headers(
        &self,
        py: Python<'_>,
        msg_id: &str,
        timestamp: i64,
        payload: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyDict>> {
        let signed = self
            .inner
            .sign_headers(msg_id, timestamp, &payload_bytes(payload)?);
        let dict = PyDict::new(py);
        dict.set_item(WEBHOOK_ID, signed.id)?;
        dict.set_item(WEBHOOK_TIMESTAMP, signed.timestamp)?;
        dict.set_item(WEBHOOK_SIGNATURE, signed.signature)?;
        Ok(dict.unbind())
    }

    /// A fresh secret: `whsec_` + base64 of 32 random bytes.
    #[staticmethod]
    fn generate_secret() -> String {
        momentpay::Webhook::generate_secret()
    }

    fn __repr__(&self) -> String {
        "Webhook(secret=***)".to_owned()
    }
}
