//! The simulator's own control API under `/_sim/` (documented in the README).

use crate::api::{parse, parse_optional};
use crate::cards::DEFAULT_CARD;
use crate::domain::billing::BillingPayment;
use crate::domain::payment_pages::{NewPaymentPage, PagePayment};
use crate::faults::FaultConfig;
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::webhooks::Endpoint;
use crate::{App, clock};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use std::time::Duration;

type AppState = State<Arc<App>>;

/// The merchant named by an optional `Authorization: Bearer sk_…` header.
fn merchant_of(headers: &HeaderMap) -> Option<String> {
    crate::api::merchant_of_header(headers.get("authorization")?.to_str().ok()?)
}

fn required_merchant(headers: &HeaderMap) -> ApiResult<String> {
    merchant_of(headers).ok_or_else(|| {
        ApiError::new(
            401,
            "unauthorized",
            "Unauthorized",
            "Name the merchant with `Authorization: Bearer sk_test_…`",
        )
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewEndpoint {
    url: String,
    secret: Option<String>,
}

async fn create_endpoint(
    State(app): AppState,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let new: NewEndpoint = parse(&body)?;
    url::Url::parse(&new.url).map_err(|e| ApiError::validation(422, "url", e.to_string()))?;
    let secret = new
        .secret
        .unwrap_or_else(momentpay::Webhook::generate_secret);
    momentpay::Webhook::new(&secret)
        .map_err(|e| ApiError::validation(422, "secret", e.message().to_owned()))?;
    let endpoint = Endpoint {
        id: new_id("we"),
        url: new.url,
        secret,
        merchant: merchant_of(&headers),
    };
    let body = json!({"id": endpoint.id, "url": endpoint.url, "secret": endpoint.secret, "merchant": endpoint.merchant.is_some()});
    app.with_store(|s| s.endpoints.push(endpoint));
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `GET /_sim/webhook_endpoints`: every endpoint, its merchant as a key fingerprint (or
/// `null` for one that receives every merchant's events). A secret is shown only to the
/// merchant that owns the endpoint, with its key: another local process cannot read it and
/// forge that merchant's webhooks.
async fn list_endpoints(State(app): AppState, headers: HeaderMap) -> Response {
    let caller = merchant_of(&headers);
    let list: Vec<_> = app.with_store(|s| {
        s.endpoints
            .iter()
            .map(|e| {
                let mut shown = json!({
                    "id": e.id,
                    "url": e.url,
                    "merchant": e.merchant.as_deref().map(crate::server::key_fingerprint),
                });
                if e.merchant.is_some() && e.merchant == caller {
                    shown["secret"] = json!(e.secret);
                }
                shown
            })
            .collect()
    });
    Json(json!({ "data": list })).into_response()
}

/// `DELETE /_sim/webhook_endpoints/{id}`: a merchant's endpoint with that merchant's key
/// only (404 to anyone else); an endpoint for every merchant with or without a key.
async fn delete_endpoint(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let caller = merchant_of(&headers);
    app.with_store(|s| {
        let before = s.endpoints.len();
        s.endpoints
            .retain(|e| e.id != id || (e.merchant.is_some() && e.merchant != caller));
        if s.endpoints.len() == before {
            Err(ApiError::not_found("webhook endpoint", &id))
        } else {
            s.fail_deliveries_to(&id, "endpoint removed");
            Ok(())
        }
    })?;
    Ok(Json(json!({"id": id, "deleted": true})).into_response())
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct CardBody {
    card_number: Option<String>,
}

async fn complete_session(
    State(app): AppState,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let card: CardBody = parse_optional(&body)?;
    let session = app.with_store(|s| {
        let key = s
            .owner_of(|m| m.sessions.contains_key(&id))
            .ok_or_else(|| ApiError::not_found("payment session", &id))?;
        s.pay_session(
            &key,
            &id,
            card.card_number.as_deref().unwrap_or(DEFAULT_CARD),
        )
    })?;
    Ok(Json(session).into_response())
}

async fn complete_request(
    State(app): AppState,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let card: CardBody = parse_optional(&body)?;
    let request = app.with_store(|s| {
        let key = s
            .owner_of(|m| m.payment_requests.contains_key(&id))
            .ok_or_else(|| ApiError::not_found("payment request", &id))?;
        s.pay_payment_request(
            &key,
            &id,
            card.card_number.as_deref().unwrap_or(DEFAULT_CARD),
        )
    })?;
    Ok(Json(request).into_response())
}

async fn create_page(State(app): AppState, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let new: NewPaymentPage = parse_optional(&body)?;
    if let Some(amount) = new.amount {
        momentpay::validation::amount("amount", amount, false).map_err(ApiError::from_core)?;
    }
    let page = app.with_store(|s| s.create_payment_page(&key, new));
    Ok((StatusCode::CREATED, Json(page)).into_response())
}

async fn pay_page(
    State(app): AppState,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Response> {
    let pay: PagePayment = parse_optional(&body)?;
    let transaction = app.with_store(|s| {
        let key = s
            .owner_of(|m| m.payment_pages.contains_key(&id))
            .ok_or_else(|| ApiError::not_found("payment page", &id))?;
        s.pay_payment_page(&key, &id, pay)
    })?;
    Ok((StatusCode::CREATED, Json(transaction)).into_response())
}

async fn billing_payment(
    State(app): AppState,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let pay: BillingPayment = parse(&body)?;
    let obligation = app.with_store(|s| s.apply_billing_payment(&key, pay))?;
    Ok((StatusCode::CREATED, Json(obligation)).into_response())
}

async fn expire_authorization(State(app): AppState, Path(id): Path<String>) -> ApiResult<Response> {
    let payment = app.with_store(|s| {
        let key = s
            .owner_of(|m| m.payments.contains_key(&id))
            .ok_or_else(|| ApiError::not_found("payment", &id))?;
        let now = s.now(&key);
        let payment = s
            .merchant(&key)
            .payments
            .get_mut(&id)
            .ok_or_else(|| ApiError::not_found("payment", &id))?;
        payment.authorization_expires_at = Some(now);
        Ok::<_, ApiError>(payment.clone())
    })?;
    Ok(Json(payment).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    seconds: f64,
}

/// The clock as `merchant` (or, without one, the simulator) sees it.
fn clock_body(app: &App, merchant: Option<&str>, charges: usize) -> serde_json::Value {
    let store = app.lock();
    let (now, offset_ms) = match merchant {
        Some(key) => (
            store.now_ms(key),
            app.clock.offset().as_millis() as i64
                + store.merchants.get(key).map_or(0, |m| m.clock_offset_ms),
        ),
        None => (app.clock.now_ms(), app.clock.offset().as_millis() as i64),
    };
    json!({"now": clock::rfc3339(now), "offset_seconds": offset_ms as f64 / 1000.0, "subscription_charges": charges})
}

/// `POST /_sim/clock/advance {seconds}`: the merchant's own clock with its key (others stay
/// where they are), every merchant's without.
async fn advance_clock(
    State(app): AppState,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let advance: Advance = parse(&body)?;
    let seconds = crate::schedule::checked_seconds(advance.seconds)?;
    let merchant = merchant_of(&headers);
    match &merchant {
        Some(key) => app.with_store(|s| s.advance_merchant_clock(key, (seconds * 1000.0) as i64)),
        None => app.clock.advance(Duration::from_secs_f64(seconds)),
    }
    let charges = app.tick();
    Ok(Json(clock_body(&app, merchant.as_deref(), charges)).into_response())
}

/// `POST /_sim/clock/next`: moves the merchant's clock to the next thing scheduled for it
/// (a subscription charge, an expiry, a webhook retry) and runs it.
async fn next_on_clock(State(app): AppState, headers: HeaderMap) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let next = app.with_store(|s| s.advance_to_next(&key));
    let charges = app.tick();
    let mut body = clock_body(&app, Some(&key), charges);
    body["what"] = json!(next.as_ref().map(|n| n.what));
    body["at"] = json!(next.as_ref().map(|n| clock::rfc3339(n.at_ms)));
    Ok(Json(body).into_response())
}

async fn get_clock(State(app): AppState, headers: HeaderMap) -> Response {
    let merchant = merchant_of(&headers);
    Json(clock_body(&app, merchant.as_deref(), 0)).into_response()
}

/// `POST /_sim/faults`: for the merchant of the key, or (without one) for every merchant
/// that has none of its own.
async fn set_faults(State(app): AppState, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let config: FaultConfig = parse(&body)?;
    if !(0.0..=1.0).contains(&config.rate) {
        return Err(ApiError::validation(422, "rate", "must be between 0 and 1"));
    }
    let merchant = merchant_of(&headers);
    let mut faults = app.faults.lock().unwrap_or_else(|e| e.into_inner());
    let state = faults.configure(merchant.as_deref(), config);
    Ok(Json(json!({"config": state.config, "merchant": merchant.is_some()})).into_response())
}

async fn get_faults(State(app): AppState, headers: HeaderMap) -> Response {
    let merchant = merchant_of(&headers);
    let mut faults = app.faults.lock().unwrap_or_else(|e| e.into_inner());
    let state = faults.state(merchant.as_deref());
    let injected: serde_json::Map<String, serde_json::Value> = state
        .injected
        .iter()
        .map(|(k, v)| {
            (
                serde_json::to_value(k)
                    .ok()
                    .and_then(|k| k.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                json!(v),
            )
        })
        .collect();
    Json(json!({"config": state.config, "requests": state.requests, "injected": injected}))
        .into_response()
}

async fn clear_faults(State(app): AppState, headers: HeaderMap) -> Response {
    let merchant = merchant_of(&headers);
    app.faults
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear(merchant.as_deref());
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct DeliveryQuery {
    event_type: Option<String>,
    status: Option<String>,
}

/// `GET /_sim/webhook_deliveries`: the merchant's (with its key) or every delivery.
async fn deliveries(
    State(app): AppState,
    headers: HeaderMap,
    Query(q): Query<DeliveryQuery>,
) -> Response {
    let merchant = merchant_of(&headers);
    let list: Vec<_> = app.with_store(|s| {
        s.deliveries
            .iter()
            .filter(|d| merchant.as_deref().is_none_or(|m| d.merchant == m))
            .filter(|d| q.event_type.as_deref().is_none_or(|t| d.event_type == t))
            .filter(|d| q.status.as_deref().is_none_or(|t| d.status == t))
            .map(|d| {
                // The merchant as its key's fingerprint: the key itself never leaves.
                let mut shown = serde_json::to_value(d).unwrap_or_default();
                shown["merchant"] = json!(crate::server::key_fingerprint(&d.merchant));
                shown
            })
            .collect()
    });
    Json(json!({ "data": list })).into_response()
}

async fn events(State(app): AppState, headers: HeaderMap) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let list = app.with_store(|s| s.merchant(&key).events.clone());
    Ok(Json(json!({ "data": list })).into_response())
}

#[derive(Deserialize)]
struct SessionCount {
    #[serde(rename = "type")]
    kind: Option<String>,
}

async fn stats(
    State(app): AppState,
    headers: HeaderMap,
    Query(q): Query<SessionCount>,
) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let body = app.with_store(|s| {
        let m = s.merchant(&key);
        let sessions = m.sessions.values().filter(|r| q.kind.as_deref().is_none_or(|k| r.session.kind.as_str() == k)).count();
        let references: std::collections::BTreeMap<String, usize> = m.sessions.values().filter_map(|r| r.session.external_reference.clone()).fold(Default::default(), |mut acc, r| {
            *acc.entry(r).or_default() += 1;
            acc
        });
        let duplicated: Vec<&String> = references.iter().filter(|(_, n)| **n > 1).map(|(r, _)| r).collect();
        json!({"payment_sessions": sessions, "payments": m.payments.len(), "duplicated_external_references": duplicated})
    });
    Ok(Json(body).into_response())
}

/// `GET /_sim/payment_sessions`: every session of the merchant as `{id, external_reference}`
/// (what the fault soak counts duplicates and lost calls against).
async fn list_sessions(State(app): AppState, headers: HeaderMap) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let data: Vec<serde_json::Value> = app.with_store(|s| {
        s.merchant(&key)
            .sessions
            .values()
            .map(
                |r| json!({"id": r.session.id, "external_reference": r.session.external_reference}),
            )
            .collect()
    });
    Ok(Json(json!({ "data": data })).into_response())
}

async fn requests(State(app): AppState, headers: HeaderMap) -> Response {
    let key = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|key| crate::server::key_fingerprint(key.trim()));
    let log: Vec<_> = app
        .request_log()
        .into_iter()
        .filter(|entry| key.is_none() || entry.merchant == key)
        .collect();
    Json(json!({ "data": log })).into_response()
}

async fn clear_requests(State(app): AppState) -> Response {
    app.requests
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clear();
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /_sim/webhooks/chaos`: how the merchant's deliveries misbehave from now on
/// (duplicates, out of order, late); `DELETE` turns it off.
async fn set_chaos(State(app): AppState, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let config: crate::webhooks::WebhookChaos = parse(&body)?;
    config
        .check()
        .map_err(|(field, message)| ApiError::validation(422, field, message))?;
    let body = json!({"config": config});
    app.with_store(|s| {
        let seed = s.seed;
        s.merchant(&key).chaos = crate::webhooks::ChaosState::new(config, seed, &key);
    });
    Ok(Json(body).into_response())
}

async fn get_chaos(State(app): AppState, headers: HeaderMap) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let config = app.with_store(|s| s.merchant(&key).chaos.config.clone());
    Ok(Json(json!({"config": config})).into_response())
}

async fn clear_chaos(State(app): AppState, headers: HeaderMap) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    app.with_store(|s| s.merchant(&key).chaos = crate::webhooks::ChaosState::default());
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /_sim/events/{id}/resend`: delivers the event again to each of the merchant's
/// endpoints, with the same `webhook-id` as before.
async fn resend(
    State(app): AppState,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let sent = app
        .with_store(|s| s.resend(&key, &id))
        .ok_or_else(|| ApiError::not_found("event", &id))?;
    Ok(Json(json!({"data": sent})).into_response())
}

/// `POST /_sim/reset`: forgets the merchant's objects, events, deliveries, endpoints,
/// idempotency keys, faults, chaos and clock (with its key), or everything (without). Hosted
/// inboxes stay registered, emptied.
async fn reset(State(app): AppState, headers: HeaderMap) -> Response {
    app.reset(merchant_of(&headers).as_deref());
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerBody {
    event: String,
}

/// `POST /_sim/trigger {"event": "payment.captured"}`: makes the merchant's simulator emit
/// that event type (see [`crate::triggers`]); answers the objects it created.
async fn trigger(State(app): AppState, headers: HeaderMap, body: Bytes) -> ApiResult<Response> {
    let key = required_merchant(&headers)?;
    let body: TriggerBody = parse(&body)?;
    let triggered = app.trigger(&key, &body.event).await?;
    Ok((StatusCode::CREATED, Json(triggered)).into_response())
}

/// `GET /_sim/triggers`: the event types a trigger exists for, and what each does.
async fn triggers() -> Response {
    let data: Vec<serde_json::Value> = crate::triggers::TRIGGERS
        .iter()
        .map(|(event, does)| json!({"event": event, "does": does}))
        .collect();
    Json(json!({ "data": data })).into_response()
}

/// `GET /_sim/state`: the whole world as a snapshot (see [`crate::snapshot`]).
async fn export_state(State(app): AppState) -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        app.export_state(),
    )
        .into_response()
}

/// `PUT /_sim/state`: replaces the world with a snapshot; 422 naming the field it refuses.
async fn import_state(State(app): AppState, body: Bytes) -> ApiResult<Response> {
    let json = std::str::from_utf8(&body)
        .map_err(|_| ApiError::validation(400, "body", "must be UTF-8 JSON"))?;
    app.import_state(json)
        .map_err(|e| ApiError::validation(422, &e.field, e.message))?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// Largest snapshot `PUT /_sim/state` accepts (256 MiB).
pub const STATE_LIMIT: usize = 256 * 1024 * 1024;

/// `GET /_sim/merchants`: every merchant the simulator has seen, with what it holds.
async fn merchants(State(app): AppState) -> Response {
    let list: Vec<serde_json::Value> = app.with_store(|s| {
        let mut keys: Vec<&String> = s.merchants.keys().collect();
        keys.sort();
        keys.into_iter()
            .map(|key| {
                let m = &s.merchants[key];
                json!({
                    "key_hint": crate::dashboard::key_hint(key),
                    "dashboard": format!("/_sim/dashboard/{}", crate::server::key_fingerprint(key)),
                    "fingerprint": crate::server::key_fingerprint(key),
                    "payment_sessions": m.sessions.len(),
                    "payments": m.payments.len(),
                    "events": m.events.len(),
                })
            })
            .collect()
    });
    Json(json!({ "data": list })).into_response()
}

async fn health() -> Response {
    Json(json!({"ok": true})).into_response()
}

/// The `/_sim` routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/_sim/health", get(health))
        .route(
            "/_sim/webhook_endpoints",
            post(create_endpoint).get(list_endpoints),
        )
        .route("/_sim/webhook_endpoints/{id}", delete(delete_endpoint))
        .route("/_sim/webhook_deliveries", get(deliveries))
        .route("/_sim/events", get(events))
        .route("/_sim/requests", get(requests).delete(clear_requests))
        .route("/_sim/stats", get(stats))
        .route("/_sim/payment_sessions", get(list_sessions))
        .route(
            "/_sim/payment_sessions/{id}/complete",
            post(complete_session),
        )
        .route(
            "/_sim/payment_requests/{id}/complete",
            post(complete_request),
        )
        .route("/_sim/payment_pages", post(create_page))
        .route("/_sim/payment_pages/{id}/pay", post(pay_page))
        .route("/_sim/billing/payments", post(billing_payment))
        .route(
            "/_sim/payments/{id}/expire_authorization",
            post(expire_authorization),
        )
        .route("/_sim/clock", get(get_clock))
        .route(
            "/_sim/webhooks/chaos",
            post(set_chaos).get(get_chaos).delete(clear_chaos),
        )
        .route("/_sim/events/{id}/resend", post(resend))
        .route("/_sim/reset", post(reset))
        .route("/_sim/merchants", get(merchants))
        .route("/_sim/trigger", post(trigger))
        .route("/_sim/triggers", get(triggers))
        .route(
            "/_sim/state",
            get(export_state)
                .put(import_state)
                .layer(axum::extract::DefaultBodyLimit::max(STATE_LIMIT)),
        )
        .route("/_sim/clock/advance", post(advance_clock))
        .route("/_sim/clock/next", post(next_on_clock))
        .route(
            "/_sim/faults",
            post(set_faults).get(get_faults).delete(clear_faults),
        )
        .with_state(app)
}

/// Ids of a webhook endpoint registration, for in-process use.
pub fn new_endpoint(url: &str, merchant: Option<String>) -> Endpoint {
    Endpoint {
        id: new_id("we"),
        url: url.to_owned(),
        secret: momentpay::Webhook::generate_secret(),
        merchant,
    }
}
