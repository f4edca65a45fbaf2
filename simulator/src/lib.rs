//! # momentpay-sim
//!
//! A local, stateful simulator of the Moment payments API for tests, demos and offline
//! development: every documented endpoint over real HTTP, state machines for sessions,
//! payments, mandates, subscriptions and billing, Standard Webhooks deliveries signed by the
//! SDK's own signer (with retries on a virtual clock), a hosted checkout page, and fault
//! injection. See the README for the `/_sim/` control API.
//!
//! ```no_run
//! let sim = momentpay_sim::Simulator::start().expect("bind a loopback port");
//! let client = momentpay::Client::builder()
//!     .api_key(momentpay_sim::Simulator::new_test_key())
//!     .base_url(sim.base_url())
//!     .build()
//!     .expect("valid config");
//! ```

#![forbid(unsafe_code)]

pub mod api;
pub mod cards;
pub mod checkout;
pub mod clock;
pub mod control;
pub mod domain;
pub mod faults;
pub mod idempotency;
pub mod ids;
pub mod inbox;
pub mod problem;
pub mod server;
pub mod state;
pub mod webhooks;

use crate::clock::VirtualClock;
use crate::faults::FaultState;
pub use crate::inbox::{ReceivedWebhook, WebhookInbox};
use crate::state::Store;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// Largest request body accepted (1 MiB).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// The simulator's shared state.
#[derive(Debug)]
pub struct App {
    store: Mutex<Store>,
    /// The virtual clock.
    pub clock: Arc<VirtualClock>,
    /// Fault injection.
    pub faults: Mutex<FaultState>,
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
}

impl App {
    fn new(base_url: String) -> App {
        let clock = Arc::new(VirtualClock::default());
        // The workspace's reqwest has rustls without a built-in provider (momentpay brings
        // its own TLS configuration); the simulator's plain clients use ring as the process
        // default unless the host already chose one.
        let _ = rustls::crypto::ring::default_provider().install_default();
        App {
            store: Mutex::new(Store::new(base_url.clone(), clock.clone())),
            clock,
            faults: Mutex::new(FaultState::default()),
            idempotency: Mutex::new(HashMap::new()),
            webhook_notify: Notify::new(),
            http: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            base_url,
            requests: Mutex::new(std::collections::VecDeque::new()),
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

    /// Runs time-driven work (expiry, subscriptions); returns subscription charges made.
    pub fn tick(&self) -> usize {
        self.with_store(|s| {
            s.expire_sessions();
            s.expire_payment_requests();
            s.run_subscriptions()
        })
    }
}

/// A running simulator on a loopback port, with its own runtime thread. Stops on drop.
#[derive(Debug)]
pub struct Simulator {
    app: Arc<App>,
    addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Simulator {
    /// Starts on a free port of 127.0.0.1.
    pub fn start() -> std::io::Result<Simulator> {
        Self::start_on(SocketAddr::from(([127, 0, 0, 1], 0)))
    }

    /// Starts on `addr` (port 0 picks a free one).
    pub fn start_on(addr: SocketAddr) -> std::io::Result<Simulator> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let app = Arc::new(App::new(format!("http://{addr}")));
        let (shutdown, stopped) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("momentpay-sim")
            .enable_all()
            .build()?;
        let thread_app = app.clone();
        let thread = std::thread::Builder::new()
            .name("momentpay-sim-main".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(listener) => listener,
                        Err(error) => {
                            tracing::error!(%error, "cannot listen");
                            return;
                        }
                    };
                    tokio::spawn(webhooks::run_worker(thread_app.clone()));
                    let ticker = thread_app.clone();
                    tokio::spawn(async move {
                        loop {
                            tokio::time::sleep(Duration::from_secs(1)).await;
                            ticker.tick();
                        }
                    });
                    tokio::select! {
                        _ = server::serve(listener, thread_app) => {}
                        _ = stopped => {}
                    }
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            })?;
        Ok(Simulator {
            app,
            addr,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.app.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state, for in-process inspection and control.
    pub fn app(&self) -> &Arc<App> {
        &self.app
    }

    /// A fresh test key: a new, empty merchant.
    pub fn new_test_key() -> String {
        format!("sk_test_{}", uuid::Uuid::new_v4().simple())
    }

    /// Registers a webhook endpoint for one merchant (or all with `None`); returns
    /// `(endpoint id, signing secret)`.
    pub fn register_webhook(&self, url: &str, merchant: Option<&str>) -> (String, String) {
        let endpoint = control::new_endpoint(url, merchant.map(str::to_owned));
        let result = (endpoint.id.clone(), endpoint.secret.clone());
        self.app.with_store(|s| s.endpoints.push(endpoint));
        result
    }

    /// Moves the virtual clock and runs what became due; returns subscription charges made.
    pub fn advance_clock(&self, by: Duration) -> usize {
        self.app.clock.advance(by);
        self.app.tick()
    }

    /// Stops the server and waits for its thread.
    pub fn stop(mut self) {
        self.shutdown_now();
    }

    fn shutdown_now(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shutdown_now();
    }
}
