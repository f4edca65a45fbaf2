//! The Moment API routes: authentication, body parsing with field-naming errors, and the
//! handlers, which call the domain functions on the store.

use crate::App;
use crate::problem::{ApiError, ApiResult};
use axum::body::Bytes;
use axum::extract::{Path, Query, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use momentpay::models::*;
use momentpay::validation::Validate;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// Who is calling: the merchant (its secret key) and whether a public key was used.
#[derive(Debug, Clone)]
pub struct Auth {
    /// The merchant's secret key (a `pk_…` key maps to the `sk_…` key with the same suffix).
    pub merchant: String,
    /// Whether the caller used a public key.
    pub public: bool,
}

/// The merchant (its secret key) an `Authorization: Bearer <key>` value names: `pk_test_X`
/// belongs to `sk_test_X`. `None` for anything that is not a well-formed test key (the
/// simulator never takes a live key: [`authenticate`] refuses it).
pub fn merchant_of_header(value: &str) -> Option<String> {
    let key = value.strip_prefix("Bearer ")?.trim();
    let well_formed = key.len() > 3 && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if !well_formed {
        return None;
    }
    match (key.strip_prefix("sk_test_"), key.strip_prefix("pk_test_")) {
        (Some(rest), _) if !rest.is_empty() => Some(key.to_owned()),
        (_, Some(rest)) if !rest.is_empty() => Some(format!("sk_test_{rest}")),
        _ => None,
    }
}

/// The refusal of a live key (`sk_live_…`, or any `sk_`/`pk_` key that is not a test key).
pub fn live_key_refused() -> ApiError {
    ApiError::new(
        401,
        "unauthorized",
        "Unauthorized",
        "The simulator takes test keys only (sk_test_…, pk_test_…); never give it a live key",
    )
}

/// Authenticates `Authorization: Bearer <key>`; public keys may only create sessions.
pub async fn authenticate(mut request: Request, next: Next) -> Response {
    let header = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let Some(key) = header.strip_prefix("Bearer ").map(str::trim) else {
        return ApiError::new(
            401,
            "unauthorized",
            "Unauthorized",
            "Send your API key as `Authorization: Bearer sk_…`",
        )
        .into_response();
    };
    let valid_chars =
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    let auth = match (key.strip_prefix("sk_test_"), key.strip_prefix("pk_test_")) {
        (Some(rest), _) if valid_chars && !rest.is_empty() => Auth {
            merchant: key.to_owned(),
            public: false,
        },
        (_, Some(rest)) if valid_chars && !rest.is_empty() => Auth {
            merchant: format!("sk_test_{rest}"),
            public: true,
        },
        _ if valid_chars && (key.starts_with("sk_") || key.starts_with("pk_")) => {
            return live_key_refused().into_response();
        }
        _ => {
            return ApiError::new(
                401,
                "unauthorized",
                "Unauthorized",
                "The API key is not valid",
            )
            .into_response();
        }
    };
    let creating_session =
        request.method() == Method::POST && request.uri().path() == "/collect/payment_sessions";
    if auth.public && !creating_session {
        return ApiError::new(
            403,
            "forbidden",
            "Forbidden",
            "A public key may only create payment sessions; use a secret key (sk_…) on your server",
        )
        .into_response();
    }
    request.extensions_mut().insert(auth);
    next.run(request).await
}

/// Parses a JSON body, naming the offending field on failure (400).
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> ApiResult<T> {
    let text =
        std::str::from_utf8(body).map_err(|_| ApiError::validation(400, "body", "is not UTF-8"))?;
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => {
            de.end().map_err(|e| {
                ApiError::validation(400, "body", format!("has trailing data: {e}"))
            })?;
            Ok(value)
        }
        Err(err) => {
            let path = err.path().to_string();
            let inner = err.into_inner();
            let field = if path == "." || path.is_empty() {
                "body".to_owned()
            } else {
                path
            };
            let message = if inner.is_syntax() || inner.is_eof() {
                format!("is not valid JSON: {inner}")
            } else {
                inner.to_string()
            };
            Err(ApiError::validation(400, field, message))
        }
    }
}

/// Parses a body that may be empty (defaults then).
pub(crate) fn parse_optional<T: DeserializeOwned + Default>(body: &[u8]) -> ApiResult<T> {
    if body.iter().all(u8::is_ascii_whitespace) {
        Ok(T::default())
    } else {
        parse(body)
    }
}

/// Normalises and validates with the core's rules (422 naming the field).
fn validated<T: Validate>(mut params: T) -> ApiResult<T> {
    params.normalize();
    params.validate().map_err(ApiError::from_core)?;
    Ok(params)
}

fn created<T: serde::Serialize>(value: T) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

fn ok<T: serde::Serialize>(value: T) -> Response {
    Json(value).into_response()
}

type AppState = State<Arc<App>>;
type Caller = Extension<Auth>;

async fn create_session(
    State(app): AppState,
    Extension(auth): Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<CreatePaymentSession>(&body)?)?;
    let session = app.with_store(|s| s.create_session(&auth.merchant, params))?;
    Ok(created(session))
}

async fn retrieve_session(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let session = app.with_store(|s| {
        s.merchant(&auth.merchant)
            .sessions
            .get(&id)
            .map(|r| r.session.clone())
            .ok_or_else(|| ApiError::not_found("payment session", &id))
    })?;
    Ok(ok(session))
}

async fn retrieve_payment(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let payment = app.with_store(|s| {
        s.merchant(&auth.merchant)
            .payments
            .get(&id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment", &id))
    })?;
    Ok(ok(payment))
}

async fn capture_payment(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse_optional::<CapturePayment>(&body)?)?;
    Ok(ok(
        app.with_store(|s| s.capture(&auth.merchant, &id, &params))?
    ))
}

async fn void_payment(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse_optional::<VoidPayment>(&body)?)?;
    Ok(ok(app.with_store(|s| s.void(&auth.merchant, &id, &params))?))
}

async fn create_request(
    State(app): AppState,
    Extension(auth): Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<CreatePaymentRequest>(&body)?)?;
    Ok(created(app.with_store(|s| {
        s.create_payment_request(&auth.merchant, params)
    })?))
}

async fn retrieve_request(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let request = app.with_store(|s| {
        s.expire_payment_requests();
        s.merchant(&auth.merchant)
            .payment_requests
            .get(&id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment request", &id))
    })?;
    Ok(ok(request))
}

async fn update_request(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<UpdatePaymentRequest>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.update_payment_request(&auth.merchant, &id, &params)
    })?))
}

async fn delete_request(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(ok(app.with_store(|s| {
        s.delete_payment_request(&auth.merchant, &id)
    })?))
}

async fn retrieve_page(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let page = app.with_store(|s| {
        s.merchant(&auth.merchant)
            .payment_pages
            .get(&id)
            .cloned()
            .ok_or_else(|| ApiError::not_found("payment page", &id))
    })?;
    Ok(ok(page))
}

async fn update_page(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<UpdatePaymentPage>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.update_payment_page(&auth.merchant, &id, &params)
    })?))
}

#[derive(serde::Deserialize)]
struct RawListQuery {
    cursor: Option<String>,
    limit: Option<String>,
}

async fn list_transactions(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    Query(query): Query<RawListQuery>,
) -> ApiResult<Response> {
    let limit =
        match query.limit {
            Some(text) => Some(text.parse::<u32>().map_err(|_| {
                ApiError::validation(400, "limit", "must be an integer from 1 to 100")
            })?),
            None => None,
        };
    let params = ListParams {
        cursor: query.cursor,
        limit,
    };
    params.validate().map_err(|e| {
        let mut e = ApiError::from_core(e);
        e.problem.status = Some(400);
        e
    })?;
    Ok(ok(app.with_store(|s| {
        s.list_transactions(&auth.merchant, &id, &params)
    })?))
}

async fn create_customer(
    State(app): AppState,
    Extension(auth): Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<CreateBillingCustomer>(&body)?)?;
    Ok(created(app.with_store(|s| {
        s.create_billing_customer(&auth.merchant, params)
    })?))
}

async fn retrieve_customer(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(ok(
        app.with_store(|s| s.billing_customer(&auth.merchant, &id))?
    ))
}

async fn update_customer(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<UpdateBillingCustomer>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.update_billing_customer(&auth.merchant, &id, &params)
    })?))
}

async fn create_account(
    State(app): AppState,
    Extension(auth): Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<CreateBillingAccount>(&body)?)?;
    Ok(created(app.with_store(|s| {
        s.create_billing_account(&auth.merchant, params)
    })?))
}

async fn retrieve_account(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(ok(
        app.with_store(|s| s.billing_account(&auth.merchant, &id))?
    ))
}

async fn update_account(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<UpdateBillingAccount>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.update_billing_account(&auth.merchant, &id, &params)
    })?))
}

async fn create_bill(
    State(app): AppState,
    Extension(auth): Caller,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<CreateBill>(&body)?)?;
    Ok(created(
        app.with_store(|s| s.create_bill(&auth.merchant, params))?,
    ))
}

async fn retrieve_bill(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(ok(app.with_store(|s| s.bill(&auth.merchant, &id))?))
}

async fn update_bill(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse::<UpdateBill>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.update_bill(&auth.merchant, &id, &params)
    })?))
}

async fn void_bill(
    State(app): AppState,
    Extension(auth): Caller,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let params = validated(parse_optional::<VoidBill>(&body)?)?;
    Ok(ok(app.with_store(|s| {
        s.void_bill(&auth.merchant, &id, &params)
    })?))
}

/// The API routes (authentication and idempotency layered on).
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/collect/payment_sessions", post(create_session))
        .route("/collect/payment_sessions/{id}", get(retrieve_session))
        .route("/collect/payments/{id}", get(retrieve_payment))
        .route("/collect/payments/{id}/captures", post(capture_payment))
        .route("/collect/payments/{id}/voids", post(void_payment))
        .route("/collect/payment_requests", post(create_request))
        .route(
            "/collect/payment_requests/{id}",
            get(retrieve_request)
                .patch(update_request)
                .delete(delete_request),
        )
        .route(
            "/collect/payment_pages/{id}",
            get(retrieve_page).patch(update_page),
        )
        .route(
            "/collect/payment_pages/{id}/transactions",
            get(list_transactions),
        )
        .route("/billing/customers", post(create_customer))
        .route(
            "/billing/customers/{id}",
            get(retrieve_customer).patch(update_customer),
        )
        .route("/billing/accounts", post(create_account))
        .route(
            "/billing/accounts/{id}",
            get(retrieve_account).patch(update_account),
        )
        .route("/billing/bills", post(create_bill))
        .route("/billing/bills/{id}", get(retrieve_bill).patch(update_bill))
        .route("/billing/bills/{id}/void", post(void_bill))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            crate::idempotency::middleware,
        ))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            forget_after_read,
        ))
        .layer(axum::middleware::from_fn(authenticate))
        .with_state(app)
}

/// After a GET, forgets its merchant again if it holds nothing: reads with ever new keys
/// must not grow the simulator (security review L3); only a write makes a merchant stay.
async fn forget_after_read(State(app): AppState, request: Request, next: Next) -> Response {
    let read_by = (request.method() == Method::GET)
        .then(|| {
            request
                .extensions()
                .get::<Auth>()
                .map(|a| a.merchant.clone())
        })
        .flatten();
    let response = next.run(request).await;
    if let Some(key) = read_by {
        app.with_store(|s| s.forget_if_empty(&key));
    }
    response
}
