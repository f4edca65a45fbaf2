//! Idempotency (IETF draft semantics): the first response for (API key, method, path, key)
//! is stored for 24 h and replayed with `Idempotent-Replayed: true`; the same key with
//! another body is a 422, and while the first request runs, a 409.
//!
//! Mutating requests run in a detached task, so a request whose client gave up (timeout,
//! dropped connection) still commits, as on a real server.

use crate::api::Auth;
use crate::problem::ApiError;
use crate::{App, BODY_LIMIT};
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How long a finished record answers a repeat (24 h of the merchant's virtual time); it is
/// purged after that ([`purge_expired`]).
pub const LIFETIME_MS: i64 = 24 * 3600 * 1000;

/// The delay fault, passed from the connection layer.
#[derive(Debug, Clone, Copy)]
pub struct DelayFault(pub Duration);

/// A stored outcome.
#[derive(Debug, Clone)]
pub enum Record {
    /// The first request is still running.
    InFlight {
        /// Body hash.
        fingerprint: [u8; 32],
    },
    /// The first response.
    Done {
        /// Body hash.
        fingerprint: [u8; 32],
        /// Status.
        status: StatusCode,
        /// Content type.
        content_type: Option<HeaderValue>,
        /// Body.
        body: Bytes,
        /// When stored (virtual ms).
        stored_ms: i64,
    },
}

/// Scope of a key: (merchant, method, path, key).
pub type Scope = (String, String, String, String);

/// A finished record as a state snapshot holds it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedRecord {
    /// The merchant (its key).
    pub merchant: String,
    /// The HTTP method.
    pub method: String,
    /// The path.
    pub path: String,
    /// The `Idempotency-Key`.
    pub key: String,
    /// SHA-256 of the first request's body, hex.
    pub fingerprint: String,
    /// The first response's status.
    pub status: u16,
    /// Its content type.
    pub content_type: Option<String>,
    /// Its body (the simulator answers JSON).
    pub body: String,
    /// When it was stored (virtual Unix ms).
    pub stored_ms: i64,
}

/// The finished records, for a snapshot (one still in flight is left out: its request
/// has not answered yet, so a retry after the import runs it afresh).
pub fn save(records: &HashMap<Scope, Record>) -> Vec<SavedRecord> {
    let mut saved: Vec<SavedRecord> = records
        .iter()
        .filter_map(|((merchant, method, path, key), record)| match record {
            Record::InFlight { .. } => None,
            Record::Done {
                fingerprint,
                status,
                content_type,
                body,
                stored_ms,
            } => Some(SavedRecord {
                merchant: merchant.clone(),
                method: method.clone(),
                path: path.clone(),
                key: key.clone(),
                fingerprint: fingerprint.iter().map(|b| format!("{b:02x}")).collect(),
                status: status.as_u16(),
                content_type: content_type
                    .as_ref()
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned),
                body: String::from_utf8_lossy(body).into_owned(),
                stored_ms: *stored_ms,
            }),
        })
        .collect();
    saved.sort_by(|a, b| (a.stored_ms, &a.key).cmp(&(b.stored_ms, &b.key)));
    saved
}

/// The records of a snapshot; the error names the first bad field.
pub fn restore(saved: Vec<SavedRecord>) -> Result<HashMap<Scope, Record>, String> {
    let mut records = HashMap::new();
    for (i, entry) in saved.into_iter().enumerate() {
        let hex = entry.fingerprint.as_bytes();
        let mut fingerprint = [0u8; 32];
        let valid = hex.len() == 64
            && hex
                .chunks(2)
                .zip(fingerprint.iter_mut())
                .all(|(pair, byte)| {
                    let digits = std::str::from_utf8(pair).ok();
                    match digits.and_then(|d| u8::from_str_radix(d, 16).ok()) {
                        Some(value) => {
                            *byte = value;
                            true
                        }
                        None => false,
                    }
                });
        if !valid {
            return Err(format!(
                "idempotency[{i}].fingerprint: must be 64 hex digits"
            ));
        }
        let status = StatusCode::from_u16(entry.status)
            .map_err(|_| format!("idempotency[{i}].status: must be an HTTP status"))?;
        let content_type = match entry.content_type {
            Some(ct) => Some(
                HeaderValue::from_str(&ct)
                    .map_err(|_| format!("idempotency[{i}].content_type: not a header value"))?,
            ),
            None => None,
        };
        records.insert(
            (entry.merchant, entry.method, entry.path, entry.key),
            Record::Done {
                fingerprint,
                status,
                content_type,
                body: Bytes::from(entry.body),
                stored_ms: entry.stored_ms,
            },
        );
    }
    Ok(records)
}

fn replay(
    status: StatusCode,
    content_type: Option<HeaderValue>,
    body: Bytes,
    replayed: bool,
) -> Response {
    let mut response = (status, body).into_response();
    if let Some(ct) = content_type {
        response.headers_mut().insert(header::CONTENT_TYPE, ct);
    }
    if replayed {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    response
}

/// Middleware for API routes (after auth).
pub async fn middleware(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let delay = request.extensions().get::<DelayFault>().map(|d| d.0);
    let mutating = matches!(
        *request.method(),
        Method::POST | Method::PATCH | Method::DELETE | Method::PUT
    );
    if !mutating {
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let body = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(body) => body,
        Err(_) => {
            return ApiError::new(
                413,
                "validation-error",
                "The request body is too large",
                format!("Bodies are limited to {BODY_LIMIT} bytes"),
            )
            .into_response();
        }
    };
    let key = match parts.headers.get("idempotency-key").map(|v| v.to_str()) {
        None => None,
        Some(Ok(key)) if !key.is_empty() && key.len() <= 255 => Some(key.to_owned()),
        Some(_) => {
            return ApiError::validation(
                400,
                "Idempotency-Key",
                "must be 1 to 255 visible ASCII characters",
            )
            .into_response();
        }
    };
    let merchant = parts
        .extensions
        .get::<Auth>()
        .map(|a| a.merchant.clone())
        .unwrap_or_default();
    let scope: Option<Scope> = key.map(|key| {
        (
            merchant,
            parts.method.to_string(),
            parts.uri.path().to_owned(),
            key,
        )
    });
    let fingerprint: [u8; 32] = Sha256::digest(&body).into();
    if let Some(scope) = &scope {
        // The merchant's own clock: a key lapses 24 h after it was stored, as that merchant sees it.
        let now = app.lock().now_ms(&scope.0);
        let mut records = app.idempotency.lock().unwrap_or_else(|e| e.into_inner());
        match records.get(scope) {
            Some(Record::InFlight { .. }) => {
                let mut error = ApiError::new(
                    409,
                    "idempotency-key-in-use",
                    "Idempotency key in use",
                    "A request with this Idempotency-Key is still being processed; retry later",
                );
                error.retry_after = Some(1);
                return error.into_response();
            }
            Some(Record::Done {
                fingerprint: stored,
                status,
                content_type,
                body,
                stored_ms,
            }) if now - stored_ms < LIFETIME_MS => {
                if *stored != fingerprint {
                    return ApiError::new(
                        422,
                        "idempotency-key-mismatch",
                        "Idempotency key reused with another body",
                        "This Idempotency-Key was used with a different request body",
                    )
                    .into_response();
                }
                return replay(*status, content_type.clone(), body.clone(), true);
            }
            _ => {
                records.insert(scope.clone(), Record::InFlight { fingerprint });
            }
        }
    }
    let request = Request::from_parts(parts, Body::from(body));
    let cleanup_scope = scope.clone();
    let task_app = app.clone();
    let task = tokio::spawn(async move {
        if let Some(delay) = delay {
            tokio::time::sleep(delay).await;
        }
        // From the commit to the stored record, no snapshot is taken (persist.rs).
        let _gate = match scope {
            Some(_) => Some(task_app.commit_gate.read().await),
            None => None,
        };
        let response = next.run(request).await;
        let (parts, body) = response.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap_or_default();
        let content_type = parts.headers.get(header::CONTENT_TYPE).cloned();
        if let Some(scope) = scope {
            let stored_ms = task_app.lock().now_ms(&scope.0);
            let mut records = task_app
                .idempotency
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            records.insert(
                scope,
                Record::Done {
                    fingerprint,
                    status: parts.status,
                    content_type: content_type.clone(),
                    body: body.clone(),
                    stored_ms,
                },
            );
        }
        (parts.status, content_type, body)
    });
    match task.await {
        Ok((status, content_type, body)) => replay(status, content_type, body, false),
        Err(_) => {
            if let Some(scope) = cleanup_scope {
                app.idempotency
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .remove(&scope);
            }
            ApiError::new(
                500,
                "internal-error",
                "Internal error",
                "The simulator failed while handling the request",
            )
            .into_response()
        }
    }
}

/// Forgets the finished records older than [`LIFETIME_MS`] on their merchant's clock (`now`
/// gives a merchant's virtual now); answers how many were forgotten. Run by the simulator's
/// ticker, so a long run does not keep every response it ever gave.
pub fn purge_expired(
    records: &mut std::collections::HashMap<Scope, Record>,
    now: impl Fn(&str) -> i64,
) -> usize {
    let before = records.len();
    let mut now_of: std::collections::HashMap<String, i64> = std::collections::HashMap::new();
    records.retain(|scope, record| match record {
        Record::InFlight { .. } => true,
        Record::Done { stored_ms, .. } => {
            let now = *now_of
                .entry(scope.0.clone())
                .or_insert_with(|| now(&scope.0));
            now - *stored_ms < LIFETIME_MS
        }
    });
    before - records.len()
}
