//! Hosted webhook inboxes: receivers the simulator runs for a merchant's tests, so a fixture
//! in any language needs no HTTP server of its own. `POST /_sim/inboxes` (with the merchant's
//! key) registers an endpoint whose URL is the inbox's own route on the simulator; the
//! deliveries travel over real HTTP like any other, signed, and the fixture reads them back
//! (`GET /_sim/inboxes/{id}/deliveries?after=N&wait_ms=M`, a long poll) and verifies them with
//! the SDK. An inbox can answer with another status (`PATCH`), to exercise retries.

use crate::App;
use crate::api::{parse, parse_optional};
use crate::ids::new_id;
use crate::problem::{ApiError, ApiResult};
use crate::webhooks::Endpoint;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The longest a reader may wait for a delivery.
pub const MAX_WAIT_MS: u64 = 30_000;

/// One request an inbox received, as received.
#[derive(Debug, Clone, Serialize)]
pub struct Received {
    /// Its position in the inbox (1, 2, ...).
    pub seq: u64,
    /// Headers, names lower-case.
    pub headers: HashMap<String, String>,
    /// The raw body (UTF-8 text: the simulator sends JSON).
    pub body: String,
    /// The status the inbox answered with.
    pub answered: u16,
}

/// An inbox's settings and what it received.
#[derive(Debug)]
pub struct Inbox {
    /// Its merchant.
    pub merchant: String,
    /// The endpoint registered for it.
    pub endpoint_id: String,
    /// The status it answers with (204 unless changed).
    pub status: u16,
    /// Answer this many more deliveries with 500 first (then `status`).
    pub fail_next: u32,
    /// Everything received (since the last reset).
    pub received: Vec<Received>,
    /// The position of the next delivery (never reused, so readers never miss one).
    pub next_seq: u64,
}

/// Every inbox, and a signal for readers waiting on one.
#[derive(Debug, Default)]
pub struct Inboxes {
    inboxes: Mutex<HashMap<String, Inbox>>,
    arrived: tokio::sync::Notify,
}

impl Inboxes {
    /// Empties the inboxes of `merchant` (or every one with `None`) and restores their
    /// settings; they stay registered (a fixture's receiver outlives a reset).
    pub fn empty(&self, merchant: Option<&str>) {
        let mut inboxes = self.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        for inbox in inboxes
            .values_mut()
            .filter(|inbox| merchant.is_none_or(|m| inbox.merchant == m))
        {
            inbox.received.clear();
            inbox.status = 204;
            inbox.fail_next = 0;
        }
    }
}

impl Inboxes {
    /// The endpoints registered for inboxes (a state snapshot leaves them out: an inbox lives
    /// only as long as the test that made it).
    pub fn endpoint_ids(&self) -> Vec<String> {
        let inboxes = self.inboxes.lock().unwrap_or_else(|e| e.into_inner());
        inboxes
            .values()
            .map(|inbox| inbox.endpoint_id.clone())
            .collect()
    }
}

fn required_merchant(headers: &HeaderMap) -> ApiResult<String> {
    headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(crate::api::merchant_of_header)
        .ok_or_else(|| {
            ApiError::new(
                401,
                "unauthorized",
                "Unauthorized",
                "Name the merchant with `Authorization: Bearer sk_…`",
            )
        })
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct InboxSettings {
    status: Option<u16>,
    fail_next: Option<u32>,
}

fn check_status(status: Option<u16>) -> ApiResult<()> {
    match status {
        Some(s) if !(200..=599).contains(&s) => Err(ApiError::validation(
            422,
            "status",
            "must be an HTTP status, 200 to 599",
        )),
        _ => Ok(()),
    }
}

/// A new inbox: where it is and how deliveries to it are signed.
#[derive(Debug, Clone, Serialize)]
pub struct NewInbox {
    /// `inbox_…`.
    pub id: String,
    /// Its URL (the endpoint registered for the merchant).
    pub url: String,
    /// The endpoint's signing secret.
    pub secret: String,
    /// The endpoint (`we_…`).
    pub endpoint_id: String,
}

impl App {
    /// Creates an inbox for `merchant` and registers its endpoint; it answers `status` (204
    /// when `None`) after answering the first `fail_next` deliveries with 500.
    pub fn create_inbox(&self, merchant: &str, status: Option<u16>, fail_next: u32) -> NewInbox {
        let id = new_id("inbox");
        let url = format!("{}/_sim/inboxes/{id}/receive", self.base_url);
        let endpoint = Endpoint {
            id: new_id("we"),
            url: url.clone(),
            secret: momentpay::Webhook::generate_secret(),
            merchant: Some(merchant.to_owned()),
        };
        let created = NewInbox {
            id: id.clone(),
            url,
            secret: endpoint.secret.clone(),
            endpoint_id: endpoint.id.clone(),
        };
        self.inboxes
            .inboxes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(
                id,
                Inbox {
                    merchant: merchant.to_owned(),
                    endpoint_id: endpoint.id.clone(),
                    status: status.unwrap_or(204),
                    fail_next,
                    received: Vec::new(),
                    next_seq: 1,
                },
            );
        self.with_store(|s| s.endpoints.push(endpoint));
        created
    }

    /// What inbox `id` received after position `after`, waiting until `deadline` for
    /// something when nothing has arrived yet (`None`: no such inbox).
    pub async fn inbox_deliveries(
        &self,
        id: &str,
        after: u64,
        deadline: tokio::time::Instant,
    ) -> Option<Vec<Received>> {
        loop {
            // Registered before looking, so a delivery between the look and the wait still
            // wakes it.
            let mut arrived = std::pin::pin!(self.inboxes.arrived.notified());
            arrived.as_mut().enable();
            let found = {
                let inboxes = self
                    .inboxes
                    .inboxes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner());
                let inbox = inboxes.get(id)?;
                inbox
                    .received
                    .iter()
                    .filter(|r| r.seq > after)
                    .cloned()
                    .collect::<Vec<_>>()
            };
            if !found.is_empty() || tokio::time::Instant::now() >= deadline {
                return Some(found);
            }
            let _ = tokio::time::timeout_at(deadline, arrived).await;
        }
    }
}

async fn create(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let merchant = required_merchant(&headers)?;
    let settings: InboxSettings = parse_optional(&body)?;
    check_status(settings.status)?;
    let created = app.create_inbox(&merchant, settings.status, settings.fail_next.unwrap_or(0));
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

async fn update(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let merchant = required_merchant(&headers)?;
    let settings: InboxSettings = parse(&body)?;
    check_status(settings.status)?;
    let mut inboxes = app
        .inboxes
        .inboxes
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let inbox = inboxes
        .get_mut(&id)
        .filter(|inbox| inbox.merchant == merchant)
        .ok_or_else(|| ApiError::not_found("inbox", &id))?;
    if let Some(status) = settings.status {
        inbox.status = status;
    }
    if let Some(fail_next) = settings.fail_next {
        inbox.fail_next = fail_next;
    }
    Ok(
        Json(json!({"id": id, "status": inbox.status, "fail_next": inbox.fail_next}))
            .into_response(),
    )
}

/// `DELETE /_sim/inboxes/{id}`: removes the inbox and its endpoint (a test's fixture does
/// this at teardown, so a long session does not keep one inbox per test). A delivery still
/// pending to it ends `failed` ("endpoint removed").
async fn delete(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let merchant = required_merchant(&headers)?;
    let removed = {
        let mut inboxes = app
            .inboxes
            .inboxes
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if inboxes
            .get(&id)
            .is_none_or(|inbox| inbox.merchant != merchant)
        {
            return Err(ApiError::not_found("inbox", &id));
        }
        inboxes.remove(&id)
    }
    .ok_or_else(|| ApiError::not_found("inbox", &id))?;
    app.with_store(|s| {
        s.endpoints.retain(|e| e.id != removed.endpoint_id);
        s.fail_deliveries_to(&removed.endpoint_id, "endpoint removed");
    });
    Ok(Json(json!({"id": id, "deleted": true})).into_response())
}

/// The header the simulator's own deliveries to an inbox carry ([`App::delivery_token`]).
pub(crate) const DELIVERY_TOKEN_HEADER: &str = "x-momentpay-sim-delivery";

/// Where the simulator delivers: records the request and answers the inbox's status. Only
/// the simulator's own deliveries are taken (403 otherwise), so no other local process can
/// plant a delivery in a test's inbox.
async fn receive(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    mut headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let from_simulator = headers
        .remove(DELIVERY_TOKEN_HEADER)
        .is_some_and(|token| token.as_bytes() == app.delivery_token.as_bytes());
    if !from_simulator {
        return StatusCode::FORBIDDEN;
    }
    let answered = {
        let mut inboxes = app
            .inboxes
            .inboxes
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let Some(inbox) = inboxes.get_mut(&id) else {
            return StatusCode::GONE;
        };
        let answered = if inbox.fail_next > 0 {
            inbox.fail_next -= 1;
            500
        } else {
            inbox.status
        };
        let headers = crate::inbox::header_pairs(&headers);
        let seq = inbox.next_seq;
        inbox.next_seq += 1;
        inbox.received.push(Received {
            seq,
            headers,
            body: String::from_utf8_lossy(&body).into_owned(),
            answered,
        });
        answered
    };
    app.inboxes.arrived.notify_waiters();
    StatusCode::from_u16(answered).unwrap_or(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct ReadQuery {
    after: u64,
    wait_ms: u64,
}

/// `GET /_sim/inboxes/{id}/deliveries?after=N&wait_ms=M`: what arrived after position `N`,
/// waiting up to `M` ms for something to arrive when nothing has.
async fn read(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    Query(query): Query<ReadQuery>,
) -> ApiResult<Response> {
    let merchant = required_merchant(&headers)?;
    let owned = app
        .inboxes
        .inboxes
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&id)
        .is_some_and(|inbox| inbox.merchant == merchant);
    if !owned {
        return Err(ApiError::not_found("inbox", &id));
    }
    let deadline =
        tokio::time::Instant::now() + Duration::from_millis(query.wait_ms.min(MAX_WAIT_MS));
    let found = app
        .inbox_deliveries(&id, query.after, deadline)
        .await
        .ok_or_else(|| ApiError::not_found("inbox", &id))?;
    Ok(Json(json!({"data": found})).into_response())
}

/// The inbox routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/_sim/inboxes", post(create))
        .route(
            "/_sim/inboxes/{id}",
            axum::routing::patch(update).delete(delete),
        )
        .route("/_sim/inboxes/{id}/receive", post(receive))
        .route("/_sim/inboxes/{id}/deliveries", get(read))
        .with_state(app)
}
