//! The connection layer: accepts connections, stamps `x-request-id`, applies faults that
//! need the socket (dropped connections, lost responses), and turns framework errors
//! (unknown route, wrong method) into problem documents.

use crate::App;
use crate::faults::FaultKind;
use crate::idempotency::DelayFault;
use crate::ids::new_id;
use crate::problem::ApiError;
use axum::Router;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;

/// How many requests the log keeps.
pub const REQUEST_LOG_CAPACITY: usize = 20_000;

/// One API request as the simulator saw it (`GET /_sim/requests`).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct RequestLogEntry {
    /// Real time of arrival, Unix ms.
    pub received_at_ms: i64,
    /// Method.
    pub method: String,
    /// Path.
    pub path: String,
    /// The `Idempotency-Key` header, if any.
    pub idempotency_key: Option<String>,
    /// The SDK's `x-moment-retry-count` header, if any.
    pub retry_count: Option<u32>,
    /// The injected fault, if any.
    pub fault: Option<FaultKind>,
    /// The status answered (`None` when the connection was dropped).
    pub status: Option<u16>,
    /// Whether the answer was an idempotent replay.
    pub replayed: bool,
    /// The `x-request-id` answered.
    pub request_id: Option<String>,
    /// A fingerprint of the API key used (not the key), to filter by merchant.
    pub merchant: Option<String>,
}

/// A short, non-reversible fingerprint of an API key.
pub fn key_fingerprint(key: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// Logs its entry when dropped, so a request whose client went away is logged too (with
/// no status).
struct LogOnDrop<'a> {
    app: &'a App,
    entry: RequestLogEntry,
}

impl Drop for LogOnDrop<'_> {
    fn drop(&mut self) {
        log(self.app, std::mem::take(&mut self.entry));
    }
}

fn log(app: &App, entry: RequestLogEntry) {
    if !(entry.path.starts_with("/collect/") || entry.path.starts_with("/billing/")) {
        return;
    }
    let mut requests = app.requests.lock().unwrap_or_else(|e| e.into_inner());
    if requests.len() >= REQUEST_LOG_CAPACITY {
        requests.pop_front();
    }
    requests.push_back(entry);
}

/// Why a connection was closed on purpose.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for Dropped {}

/// All routes: API, control, checkout, and the problem+json fallback.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .merge(crate::api::router(app.clone()))
        .merge(crate::control::router(app.clone()))
        .merge(crate::checkout::router(app))
        .fallback(|request: Request<Body>| async move {
            ApiError::not_found("route", request.uri().path()).at(request.uri().path())
        })
}

async fn handle(
    app: Arc<App>,
    router: Router,
    mut request: Request<Body>,
) -> Result<Response, Dropped> {
    let path = request.uri().path().to_owned();
    let mut entry = RequestLogEntry {
        received_at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
        method: request.method().to_string(),
        path: path.clone(),
        idempotency_key: request
            .headers()
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        retry_count: request
            .headers()
            .get(momentpay::RETRY_COUNT_HEADER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok()),
        fault: None,
        status: None,
        replayed: false,
        request_id: None,
        merchant: request
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|key| key_fingerprint(key.trim())),
    };
    let fault = app
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .decide(&path);
    entry.fault = fault;
    let mut log_entry = LogOnDrop { app: &app, entry };
    let retry_after = app
        .faults
        .lock()
        .map(|f| f.config.retry_after_seconds)
        .unwrap_or(1);
    let delay_ms = app.faults.lock().map(|f| f.config.delay_ms).unwrap_or(0);
    let mut response = match fault {
        Some(FaultKind::Drop) => return Err(Dropped),
        Some(FaultKind::InternalError) => ApiError::new(
            500,
            "internal-error",
            "Internal server error",
            "Injected fault",
        )
        .into_response(),
        Some(FaultKind::Unavailable) => ApiError::new(
            503,
            "service-unavailable",
            "Service unavailable",
            "Injected fault",
        )
        .into_response(),
        Some(FaultKind::RateLimited) => {
            let mut error =
                ApiError::new(429, "rate-limited", "Too many requests", "Injected fault");
            error.retry_after = Some(retry_after);
            error.into_response()
        }
        Some(FaultKind::LostResponse) => {
            let committed = router.oneshot(request).await.unwrap_or_else(|e| match e {});
            log_entry.entry.status = Some(committed.status().as_u16());
            return Err(Dropped);
        }
        Some(FaultKind::Delay) => {
            request
                .extensions_mut()
                .insert(DelayFault(Duration::from_millis(delay_ms)));
            router.oneshot(request).await.unwrap_or_else(|e| match e {})
        }
        None => router.oneshot(request).await.unwrap_or_else(|e| match e {}),
    };
    if response.status() == StatusCode::METHOD_NOT_ALLOWED {
        let allow = response.headers().get("allow").cloned();
        response = ApiError::new(
            405,
            "method-not-allowed",
            "Method not allowed",
            format!("{path} does not accept this method"),
        )
        .at(&path)
        .into_response();
        if let Some(allow) = allow {
            response.headers_mut().insert("allow", allow);
        }
    }
    let request_id = new_id("req");
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    log_entry.entry.status = Some(response.status().as_u16());
    log_entry.entry.replayed = response.headers().contains_key("idempotent-replayed");
    log_entry.entry.request_id = Some(request_id);
    Ok(response)
}

/// Accepts connections forever.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) {
    let router = router(app.clone());
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let app = app.clone();
        let router = router.clone();
        tokio::spawn(async move {
            let service =
                hyper::service::service_fn(move |request: Request<hyper::body::Incoming>| {
                    handle(app.clone(), router.clone(), request.map(Body::new))
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
