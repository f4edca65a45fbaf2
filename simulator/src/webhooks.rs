//! Webhook endpoints, deliveries and the worker that sends them, signed with the core's
//! [`momentpay::Webhook`] signer (the same code the SDK verifies with).
//!
//! Retries follow DECISIONS.md: 0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h on the virtual
//! clock of the event's merchant; a 2xx within 15 s counts as delivered. `webhook-id` is the
//! same on every attempt (and on a duplicate or a resend of the same event to the same
//! endpoint); each attempt is signed with a fresh real-time timestamp (receivers check it
//! against their own clock).
//!
//! Per merchant, deliveries can behave as they do in production ([`WebhookChaos`]): repeated,
//! out of order, late. A merchant proves with them that its handler deduplicates on the event
//! ID and does not depend on order.

use crate::App;
use crate::clock;
use crate::ids::new_id;
use rand::Rng;
use rand::rngs::StdRng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Duration;

/// Delay before each retry, after the first attempt (which is immediate).
pub const RETRY_SCHEDULE_SECS: [i64; 7] = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
/// How long a receiver has to answer.
pub const DELIVERY_TIMEOUT: Duration = Duration::from_secs(15);

/// A registered receiver.
#[derive(Debug, Clone, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeliveryAttempt {
    /// Virtual time of the attempt.
    pub at: String,
    /// HTTP status, if the receiver answered.
    pub status: Option<u16>,
    /// Transport error, if it did not.
    pub error: Option<String>,
}

/// A message to one endpoint and its attempts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Delivery {
    /// `dlv_…`.
    pub id: String,
    /// The endpoint.
    pub endpoint_id: String,
    /// The merchant whose event it is (its clock schedules the attempts).
    pub merchant: String,
    /// `webhook-id`: `msg_…`, stable across retries, duplicates and resends.
    pub message_id: String,
    /// `evt_…`.
    pub event_id: String,
    /// Event type.
    pub event_type: String,
    /// Why it exists: `event` (the first delivery), `duplicate` (chaos) or `resend`.
    pub reason: String,
    /// `pending`, `delivered` or `failed`.
    pub status: String,
    /// The attempts so far.
    pub attempts: Vec<DeliveryAttempt>,
    /// When the next attempt is due (virtual), if pending.
    pub next_attempt_at: Option<String>,
    /// When the next attempt is due, virtual Unix ms.
    pub next_attempt_ms: i64,
    /// The body, exactly as sent.
    pub body: String,
    #[serde(skip)]
    pub(crate) in_flight: bool,
}

/// How one merchant's deliveries misbehave (`POST /_sim/webhooks/chaos`), as real webhook
/// senders do. All off by default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WebhookChaos {
    /// Probability (0 to 1) that a delivery is sent a second time (same `webhook-id`).
    pub duplicate_rate: f64,
    /// Hold each delivery a random 0 to this many ms, so deliveries arrive out of order.
    pub reorder_window_ms: u64,
    /// Hold every delivery this many ms more (late deliveries).
    pub delay_ms: u64,
    /// Seed for reproducible runs.
    pub seed: Option<u64>,
}

impl WebhookChaos {
    /// Checks the settings (422 naming the field).
    pub fn check(&self) -> Result<(), (&'static str, &'static str)> {
        if !(0.0..=1.0).contains(&self.duplicate_rate) {
            return Err(("duplicate_rate", "must be between 0 and 1"));
        }
        if self.reorder_window_ms > 3_600_000 || self.delay_ms > 86_400_000 {
            return Err((
                "delay_ms",
                "must be at most a day (reorder_window_ms at most an hour)",
            ));
        }
        Ok(())
    }

    /// Whether it changes anything.
    pub fn is_on(&self) -> bool {
        self.duplicate_rate > 0.0 || self.reorder_window_ms > 0 || self.delay_ms > 0
    }
}

/// A merchant's chaos settings and their random source (a snapshot keeps the settings; the
/// random source starts again from the seed).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "WebhookChaos", into = "WebhookChaos")]
pub struct ChaosState {
    /// The settings.
    pub config: WebhookChaos,
    rng: StdRng,
}

impl Default for ChaosState {
    fn default() -> Self {
        ChaosState::new(WebhookChaos::default(), None, "")
    }
}

impl From<WebhookChaos> for ChaosState {
    fn from(config: WebhookChaos) -> Self {
        ChaosState::new(config, None, "")
    }
}

impl From<ChaosState> for WebhookChaos {
    fn from(state: ChaosState) -> Self {
        state.config
    }
}

impl ChaosState {
    /// The state for `config`: seeded by its own seed, else by the simulator's `seed` and
    /// `scope` (the merchant), else at random.
    pub fn new(config: WebhookChaos, seed: Option<u64>, scope: &str) -> ChaosState {
        let rng = crate::random::rng(config.seed, seed, &format!("chaos:{scope}"));
        ChaosState { config, rng }
    }

    /// When the first attempt of a new delivery is due, `now_ms` being the merchant's now.
    pub fn first_attempt_ms(&mut self, now_ms: i64) -> i64 {
        let window = self.config.reorder_window_ms;
        let jitter = if window > 0 {
            self.rng.random_range(0..=window)
        } else {
            0
        };
        now_ms + (self.config.delay_ms + jitter) as i64
    }

    /// Whether to send a delivery twice.
    pub fn duplicate(&mut self) -> bool {
        self.config.duplicate_rate > 0.0 && self.rng.random::<f64>() < self.config.duplicate_rate
    }
}

impl Delivery {
    /// A new pending delivery of an event, due at `due_ms` (the merchant's virtual time).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        endpoint_id: String,
        merchant: String,
        message_id: String,
        event_id: String,
        event_type: String,
        body: String,
        reason: &str,
        due_ms: i64,
    ) -> Delivery {
        Delivery {
            id: new_id("dlv"),
            endpoint_id,
            merchant,
            message_id,
            event_id,
            event_type,
            reason: reason.to_owned(),
            status: "pending".to_owned(),
            attempts: Vec::new(),
            next_attempt_at: Some(clock::rfc3339(due_ms)),
            next_attempt_ms: due_ms,
            body,
            in_flight: false,
        }
    }
}

/// Deliveries on the wire at once, across endpoints (each endpoint has one at a time).
pub const MAX_CONCURRENT_DELIVERIES: usize = 64;

struct Job {
    delivery_id: String,
    url: String,
    secret: String,
    message_id: String,
    body: String,
}

/// Picks the deliveries to send now: for each endpoint with none on the wire, its earliest
/// due pending delivery (so an endpoint receives a merchant's events in order, one at a
/// time, while a slow endpoint delays only itself). A pending delivery whose endpoint is
/// gone is failed on the spot. Looks at pending deliveries only.
fn due_jobs(store: &mut crate::state::Store) -> Vec<Job> {
    use std::collections::{HashMap, HashSet};
    let mut busy: HashSet<&str> = HashSet::new();
    for &i in &store.pending {
        let delivery = &store.deliveries[i];
        if delivery.in_flight {
            busy.insert(delivery.endpoint_id.as_str());
        }
    }
    let room = MAX_CONCURRENT_DELIVERIES.saturating_sub(busy.len());
    let mut earliest: HashMap<&str, (i64, usize)> = HashMap::new();
    let mut orphans = Vec::new();
    let mut now_of: HashMap<&str, i64> = HashMap::new();
    for &i in &store.pending {
        let delivery = &store.deliveries[i];
        if delivery.in_flight || busy.contains(delivery.endpoint_id.as_str()) {
            continue;
        }
        let now = *now_of
            .entry(delivery.merchant.as_str())
            .or_insert_with(|| store.now_ms(&delivery.merchant));
        if delivery.next_attempt_ms > now {
            continue;
        }
        if !store.endpoints.iter().any(|e| e.id == delivery.endpoint_id) {
            orphans.push(i);
            continue;
        }
        let candidate = (delivery.next_attempt_ms, i);
        earliest
            .entry(delivery.endpoint_id.as_str())
            .and_modify(|best| *best = (*best).min(candidate))
            .or_insert(candidate);
    }
    let mut chosen: Vec<(i64, usize)> = earliest.into_values().collect();
    chosen.sort_unstable();
    chosen.truncate(room);
    for position in orphans {
        store.fail_delivery(position, "endpoint removed");
    }
    let mut jobs = Vec::with_capacity(chosen.len());
    for (_, i) in chosen {
        let Some(endpoint) = store
            .endpoints
            .iter()
            .find(|e| e.id == store.deliveries[i].endpoint_id)
        else {
            continue;
        };
        let (url, secret) = (endpoint.url.clone(), endpoint.secret.clone());
        let delivery = &mut store.deliveries[i];
        delivery.in_flight = true;
        jobs.push(Job {
            delivery_id: delivery.id.clone(),
            url,
            secret,
            message_id: delivery.message_id.clone(),
            body: delivery.body.clone(),
        });
    }
    jobs
}

/// Runs forever: starts due deliveries (concurrently across endpoints, in order within
/// each) whenever notified or every 100 ms.
pub async fn run_worker(app: Arc<App>) {
    loop {
        let jobs = due_jobs(&mut app.lock());
        for job in jobs {
            tokio::spawn(send(app.clone(), job));
        }
        let _ =
            tokio::time::timeout(Duration::from_millis(100), app.webhook_notify.notified()).await;
    }
}

async fn send(app: Arc<App>, job: Job) {
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let result = match momentpay::Webhook::new(&job.secret) {
        Ok(signer) => {
            let headers = signer.sign_headers(&job.message_id, timestamp, job.body.as_bytes());
            let mut request = app.http.post(&job.url);
            // A hosted inbox takes only the simulator's own deliveries.
            if job
                .url
                .strip_prefix(app.base_url.as_str())
                .is_some_and(|path| path.starts_with("/_sim/inboxes/"))
            {
                request = request.header(
                    crate::inboxes::DELIVERY_TOKEN_HEADER,
                    app.delivery_token.as_str(),
                );
            }
            request
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
    {
        let mut store = app.lock();
        // Found again by ID: a reset (or a state import) may have changed the list meanwhile.
        let Some(index) = store.delivery_position(&job.delivery_id) else {
            return;
        };
        if store.deliveries[index].status != "pending" {
            // Failed meanwhile (its endpoint was removed): the answer changes nothing.
            store.deliveries[index].in_flight = false;
            return;
        }
        let now = store.now_ms(&store.deliveries[index].merchant);
        let delivery = &mut store.deliveries[index];
        delivery.in_flight = false;
        let (status, error) = match result {
            Ok(status) => (Some(status), None),
            Err(error) => (None, Some(error)),
        };
        // The attempt belongs at the virtual time it was due. After `clock advance` past
        // several due attempts they are made one after another, each dated when it was due
        // and the next scheduled from it, so moving the clock replays the whole retry
        // schedule (up to `failed`), as the time passing would have.
        let at = delivery.next_attempt_ms.min(now);
        delivery.attempts.push(DeliveryAttempt {
            at: clock::rfc3339(at),
            status,
            error,
        });
        let finished = if status.is_some_and(|s| (200..300).contains(&s)) {
            delivery.status = "delivered".to_owned();
            delivery.next_attempt_at = None;
            true
        } else if let Some(delay) = RETRY_SCHEDULE_SECS.get(delivery.attempts.len() - 1) {
            delivery.next_attempt_ms = at + delay * 1000;
            delivery.next_attempt_at = Some(clock::rfc3339(delivery.next_attempt_ms));
            false
        } else {
            delivery.status = "failed".to_owned();
            delivery.next_attempt_at = None;
            true
        };
        if finished {
            store.pending.remove(&index);
        }
    }
    // The endpoint is free for its next delivery; an attempt may also have made another due.
    app.webhook_notify.notify_one();
}
