//! Webhook endpoints, deliveries and the worker that sends them, signed with the core's
//! [`momentpay::Webhook`] signer (the same code the SDK verifies with).
//!
//! Retries follow DECISIONS.md: 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h on the virtual
//! clock; a 2xx within 15 s counts as delivered. `webhook-id` is the same on every attempt;
//! each attempt is signed with a fresh real-time timestamp (receivers check it against their
//! own clock).

use crate::App;
use crate::clock;
use crate::ids::new_id;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// Delay before each retry, after the first attempt (which is immediate).
pub const RETRY_SCHEDULE_SECS: [i64; 7] = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
/// How long a receiver has to answer.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(15);

/// A registered receiver.
#[derive(Debug, Clone)]
pub struct Endpoint {
    /// `we_…`.
    pub id: String,
    /// Where events are POSTed.
    pub url: String,
    /// Its signing secret (`whsec_…`).
    pub secret: String,
    /// Only this merchant's events, or every merchant's when `None`.
    pub merchant: Option<String>,
}

/// One attempt to deliver a message.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryAttempt {
    /// Virtual time of the attempt.
    pub at: String,
    /// HTTP status, if the receiver answered.
    pub status: Option<u16>,
    /// Transport error, if it did not.
    pub error: Option<String>,
}

/// A message to one endpoint and its attempts.
#[derive(Debug, Clone, Serialize)]
pub struct Delivery {
    /// `dlv_…`.
    pub id: String,
    /// The endpoint.
    pub endpoint_id: String,
    /// `webhook-id`: `msg_…`, stable across retries.
    pub message_id: String,
    /// `evt_…`.
    pub event_id: String,
    /// Event type.
    pub event_type: String,
    /// `pending`, `delivered` or `failed`.
    pub status: &'static str,
    /// The attempts so far.
    pub attempts: Vec<DeliveryAttempt>,
    /// When the next attempt is due (virtual), if pending.
    pub next_attempt_at: Option<String>,
    #[serde(skip)]
    pub(crate) next_attempt_ms: i64,
    #[serde(skip)]
    pub(crate) body: String,
    #[serde(skip)]
    pub(crate) in_flight: bool,
}

impl Delivery {
    /// A new pending delivery, due now.
    pub fn new(
        endpoint_id: String,
        event_id: String,
        event_type: String,
        body: String,
        now_ms: i64,
    ) -> Delivery {
        Delivery {
            id: new_id("dlv"),
            endpoint_id,
            message_id: new_id("msg"),
            event_id,
            event_type,
            status: "pending",
            attempts: Vec::new(),
            next_attempt_at: Some(clock::rfc3339(now_ms)),
            next_attempt_ms: now_ms,
            body,
            in_flight: false,
        }
    }
}

struct Job {
    index: usize,
    url: String,
    secret: String,
    message_id: String,
    body: String,
}

/// Runs forever: sends due deliveries, in order, whenever notified or every 100 ms.
pub async fn run_worker(app: Arc<App>) {
    loop {
        let job = {
            let mut store = app.lock();
            let now = store.now_ms();
            let endpoints = store.endpoints.clone();
            let next = store
                .deliveries
                .iter()
                .enumerate()
                .filter(|(_, d)| d.status == "pending" && !d.in_flight && d.next_attempt_ms <= now)
                .min_by_key(|(i, d)| (d.next_attempt_ms, *i))
                .map(|(i, _)| i);
            next.and_then(|index| {
                let delivery = &mut store.deliveries[index];
                let endpoint = endpoints.iter().find(|e| e.id == delivery.endpoint_id)?;
                delivery.in_flight = true;
                Some(Job {
                    index,
                    url: endpoint.url.clone(),
                    secret: endpoint.secret.clone(),
                    message_id: delivery.message_id.clone(),
                    body: delivery.body.clone(),
                })
            })
        };
        match job {
            Some(job) => send(&app, job).await,
            None => {
                let _ =
                    tokio::time::timeout(Duration::from_millis(100), app.webhook_notify.notified())
                        .await;
            }
        }
    }
}

async fn send(app: &App, job: Job) {
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let result = match momentpay::Webhook::new(&job.secret) {
        Ok(signer) => {
            let headers = signer.sign_headers(&job.message_id, timestamp, job.body.as_bytes());
            app.http
                .post(&job.url)
                .timeout(DELIVERY_TIMEOUT)
                .header("content-type", "application/json")
                .header("webhook-id", headers.id)
                .header("webhook-timestamp", headers.timestamp)
                .header("webhook-signature", headers.signature)
                .body(job.body.clone())
                .send()
                .await
                .map(|r| r.status().as_u16())
                .map_err(|e| e.to_string())
        }
        Err(e) => Err(format!("bad endpoint secret: {e}")),
    };
    let mut store = app.lock();
    let now = store.now_ms();
    let Some(delivery) = store.deliveries.get_mut(job.index) else {
        return;
    };
    delivery.in_flight = false;
    let (status, error) = match result {
        Ok(status) => (Some(status), None),
        Err(error) => (None, Some(error)),
    };
    delivery.attempts.push(DeliveryAttempt {
        at: clock::rfc3339(now),
        status,
        error,
    });
    if status.is_some_and(|s| (200..300).contains(&s)) {
        delivery.status = "delivered";
        delivery.next_attempt_at = None;
    } else if let Some(delay) = RETRY_SCHEDULE_SECS.get(delivery.attempts.len() - 1) {
        delivery.next_attempt_ms = now + delay * 1000;
        delivery.next_attempt_at = Some(clock::rfc3339(delivery.next_attempt_ms));
    } else {
        delivery.status = "failed";
        delivery.next_attempt_at = None;
    }
}
