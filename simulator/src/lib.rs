//! # momentpay-sim
//!
//! A local, stateful simulator of the Moment payments API for tests, demos and offline
//! development: every documented endpoint over real HTTP, state machines for sessions,
//! payments, mandates, subscriptions and billing, Standard Webhooks deliveries signed by the
//! SDK's own signer (with retries on a virtual clock, and duplicates, reordering and delays
//! on request), a hosted checkout page, a dashboard at `/_sim/`, triggers for every event
//! type, per-merchant clocks and faults, and state snapshots. See the README for the `/_sim/`
//! control API and the `momentpay-sim` command line.
//!
//! In a Rust test, [`Simulator`] runs it in-process with a merchant of its own (an example
//! is on [`Simulator`]).

#![forbid(unsafe_code)]

pub mod api;
pub mod cards;
pub mod checkout;
pub mod clock;
pub mod control;
pub mod dashboard;
pub mod domain;
pub mod faults;
pub mod guard;
pub mod html;
pub mod idempotency;
pub mod ids;
pub mod inbox;
pub mod inboxes;
pub mod persist;
pub mod problem;
pub mod random;
pub mod receiver;
pub mod schedule;
pub mod server;
pub mod simulator;
pub mod snapshot;
pub mod state;
pub mod triggers;
pub mod webhooks;

use crate::clock::VirtualClock;
use crate::faults::Faults;
pub use crate::inbox::{ReceivedWebhook, WebhookInbox};
pub use crate::receiver::{WaitError, WebhookReceiver};
pub use crate::simulator::{Options, Simulator};
use crate::state::Store;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// Largest request body accepted (1 MiB).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The simulator's shared state. Its `Debug` shows sizes, never the store (which holds
/// every merchant's key and every endpoint's secret).
pub struct App {
    store: Mutex<Store>,
    /// The virtual clock.
    pub clock: Arc<VirtualClock>,
    /// Fault injection: each merchant's own, and the default.
    pub faults: Mutex<Faults>,
    /// Idempotency records.
    pub idempotency: Mutex<HashMap<idempotency::Scope, idempotency::Record>>,
    /// Wakes the webhook worker.
    pub webhook_notify: Notify,
    /// HTTP client for webhook deliveries.
    pub http: reqwest::Client,
    /// The base URL.
    pub base_url: String,
    /// The most recent API requests (`GET /_sim/requests`).
    pub requests: Mutex<std::collections::VecDeque<server::RequestLogEntry>>,
    /// The webhook inboxes the simulator hosts for tests.
    pub inboxes: inboxes::Inboxes,
    /// Held (shared) by a keyed write from its handler to its stored idempotency record;
    /// a snapshot takes it exclusively ([`persist`]).
    pub(crate) commit_gate: tokio::sync::RwLock<()>,
    /// Where every write is saved, with `serve --state` ([`App::persist_to`]).
    pub(crate) persistence: std::sync::OnceLock<Arc<persist::Persistence>>,
    /// Host names answered besides IP addresses and `localhost` ([`guard`]).
    pub allowed_hosts: Vec<String>,
    /// Sent with every delivery to a hosted inbox, which refuses requests without it: only
    /// the simulator itself writes into an inbox.
    pub(crate) delivery_token: String,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let store = self.lock();
        f.debug_struct("App")
            .field("base_url", &self.base_url)
            .field("merchants", &store.merchants.len())
            .field("endpoints", &store.endpoints.len())
            .field("deliveries", &store.deliveries.len())
            .finish_non_exhaustive()
    }
}

impl App {
    fn new(base_url: String, seed: Option<u64>, allowed_hosts: Vec<String>) -> App {
        let clock = Arc::new(VirtualClock::default());
        // The workspace's reqwest has rustls without a built-in provider (momentpay brings
        // its own TLS configuration); the simulator's plain clients use ring as the process
        // default unless the host already chose one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        App {
            store: Mutex::new(Store {
                seed,
                ..Store::new(base_url.clone(), clock.clone())
            }),
            clock,
            faults: Mutex::new(Faults {
                seed,
                ..Faults::default()
            }),
            idempotency: Mutex::new(HashMap::new()),
            webhook_notify: Notify::new(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            base_url,
            requests: Mutex::new(std::collections::VecDeque::new()),
            inboxes: inboxes::Inboxes::default(),
            commit_gate: tokio::sync::RwLock::new(()),
            persistence: std::sync::OnceLock::new(),
            allowed_hosts,
            delivery_token: uuid::Uuid::new_v4().simple().to_string(),
        }
    }

    /// The logged API requests, oldest first.
    pub fn request_log(&self) -> Vec<server::RequestLogEntry> {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .cloned()
            .collect()
    }

    /// Locks the store (never held across an await).
    pub fn lock(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the store, then wakes the webhook worker for anything it emitted.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        let result = f(&mut self.lock());
        self.webhook_notify.notify_one();
        result
    }

    /// Forgets merchant `key`'s objects, events, deliveries, endpoints, idempotency keys,
    /// faults, chaos and clock, or (with `None`) everything of every merchant and the
    /// simulator's clock offset. Hosted inboxes stay registered, emptied.
    pub fn reset(&self, key: Option<&str>) {
        let inbox_endpoints: std::collections::HashSet<String> =
            self.inboxes.endpoint_ids().into_iter().collect();
        self.inboxes.empty(key);
        self.with_store(|s| {
            let kept = |e: &webhooks::Endpoint| inbox_endpoints.contains(&e.id);
            match key {
                Some(key) => {
                    s.merchants.remove(key);
                    s.deliveries.retain(|d| d.merchant != key);
                    s.endpoints
                        .retain(|e| kept(e) || e.merchant.as_deref() != Some(key));
                    s.checkouts.retain(|_, (owner, _)| owner != key);
                }
                None => {
                    s.merchants.clear();
                    s.deliveries.clear();
                    s.endpoints.retain(kept);
                    s.checkouts.clear();
                }
            }
            s.reindex_deliveries();
        });
        self.idempotency
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|scope, _| key.is_some_and(|key| scope.0 != key));
        let mut faults = self.faults.lock().unwrap_or_else(|e| e.into_inner());
        faults.clear(key);
        if key.is_none() {
            faults.merchants.clear();
            self.clock.set_offset(Duration::ZERO);
        }
    }

    /// Runs time-driven work (expiry, subscriptions); returns subscription charges made.
    pub fn tick(&self) -> usize {
        let (ran, now_of) = self.with_store(|s| {
            s.expire_sessions();
            s.expire_payment_requests();
            let ran = s.run_subscriptions();
            s.forget_empty_merchants();
            let base = s.clock.now_ms();
            let offsets: HashMap<String, i64> = s
                .merchants
                .iter()
                .map(|(key, m)| (key.clone(), m.clock_offset_ms))
                .collect();
            (ran, move |key: &str| {
                base + offsets.get(key).copied().unwrap_or(0)
            })
        });
        let mut records = self.idempotency.lock().unwrap_or_else(|e| e.into_inner());
        idempotency::purge_expired(&mut records, now_of);
        ran
    }
}
