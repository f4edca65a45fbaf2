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
    let fault = app
        .faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .decide(&path);
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
            let _committed = router.oneshot(request).await;
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
    if let Ok(value) = HeaderValue::from_str(&new_id("req")) {
        response.headers_mut().insert("x-request-id", value);
    }
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
