//! [`Simulator`]: the simulator in-process, on a loopback port, with its own runtime thread,
//! and the verbs a test drives it with, as the merchant it made for the test (the same verbs
//! as Python's `momentpay.testing.Simulator` and Node's `momentpay/testing`).

use crate::faults::FaultConfig;
use crate::problem::{ApiError, ApiResult};
use crate::receiver::WebhookReceiver;
use crate::schedule::Scheduled;
use crate::triggers::Triggered;
use crate::webhooks::{ChaosState, WebhookChaos};
use crate::{App, control, server, webhooks};
use momentpay::models::PaymentSession;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How to start a [`Simulator`].
#[derive(Debug, Clone)]
pub struct Options {
    /// Where to listen (port 0 picks a free one). Default `127.0.0.1:0`.
    pub addr: SocketAddr,
    /// Seeds fault injection and webhook chaos that have no seed of their own.
    pub seed: Option<u64>,
    /// A snapshot ([`crate::App::export_state`]'s JSON) loaded before the first connection
    /// is accepted, so no request ever meets the world half restored. A snapshot that does
    /// not load fails the start with [`std::io::ErrorKind::InvalidData`].
    pub state: Option<String>,
    /// Saves the world to this file after every write, before answering it
    /// ([`crate::persist`]), from the first connection on.
    pub save_to: Option<std::path::PathBuf>,
    /// Host names requests may use besides IP addresses and `localhost` (a Docker service
    /// name, say); any other `Host` is refused, against DNS rebinding ([`crate::guard`]).
    pub allowed_hosts: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: None,
            state: None,
            save_to: None,
            allowed_hosts: Vec::new(),
        }
    }
}

/// A running simulator; stops on drop.
///
/// It makes one merchant for the test that started it: [`Simulator::api_key`] names it,
/// [`Simulator::client`] calls the API as it, and [`Simulator::webhooks`] receives its
/// events, signed with [`Simulator::webhook_secret`]. The verbs (`pay`, `advance_clock`,
/// `inject_faults`, `reset`, ...) act on that merchant only. Other keys
/// ([`Simulator::new_test_key`]) are other merchants of the same simulator.
///
/// ```no_run
/// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
/// use momentpay::models::{CreatePaymentSession, EventType};
/// let sim = momentpay_sim::Simulator::start()?;
/// let session = sim
///     .client()
///     .payment_sessions()
///     .create(&CreatePaymentSession::one_time(5000, "ZAR"))
///     .await?;
/// sim.pay(&session.id, "4242424242424242")?;
/// let event = sim
///     .webhooks()
///     .wait_for(EventType::PaymentSessionCompleted, Some(&session.id), std::time::Duration::from_secs(10))
///     .await?;
/// assert_eq!(event.payment_session().map(|s| s.id.as_str()), Some(session.id.as_str()));
/// # Ok(()) }
/// ```
pub struct Simulator {
    app: Arc<App>,
    addr: SocketAddr,
    api_key: String,
    webhooks: WebhookReceiver,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Shows where it listens and its merchant's key fingerprint; never the key or secret.
impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("addr", &self.addr)
            .field("merchant", &server::key_fingerprint(&self.api_key))
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Starts on a free port of 127.0.0.1.
    pub fn start() -> std::io::Result<Simulator> {
        Self::start_with(Options::default())
    }

    /// Starts on `addr` (port 0 picks a free one).
    pub fn start_on(addr: SocketAddr) -> std::io::Result<Simulator> {
        Self::start_with(Options {
            addr,
            ..Options::default()
        })
    }

    /// Starts with `options`.
    pub fn start_with(options: Options) -> std::io::Result<Simulator> {
        let listener = std::net::TcpListener::bind(options.addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let app = Arc::new(App::new(
            format!("http://{addr}"),
            options.seed,
            options.allowed_hosts.clone(),
        ));
        if let Some(state) = &options.state {
            app.import_state(state)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()))?;
        }
        let saver = options.save_to.clone().map(|path| app.persist_to(path));
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
                    if let Some(saver) = saver {
                        tokio::spawn(saver);
                    }
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
        let api_key = Self::new_test_key();
        let inbox = app.create_inbox(&api_key, None, 0);
        let webhooks = WebhookReceiver::new(app.clone(), inbox.id, &inbox.secret);
        Ok(Simulator {
            app,
            addr,
            api_key,
            webhooks,
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

    /// The test key of this simulator's merchant (`sk_test_…`).
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// The secret [`Simulator::webhooks`]' deliveries are signed with.
    pub fn webhook_secret(&self) -> &str {
        self.webhooks.secret()
    }

    /// A client builder for the merchant, pointed at the simulator (add options, then
    /// `build()`).
    pub fn client_builder(&self) -> momentpay::ClientBuilder {
        momentpay::Client::builder()
            .api_key(&self.api_key)
            .base_url(self.base_url())
    }

    /// A client for the merchant with the SDK's defaults.
    pub fn client(&self) -> momentpay::Client {
        self.client_builder().build().unwrap_or_else(|error| {
            unreachable!("a test key and a loopback URL are valid: {error}")
        })
    }

    /// Where the merchant's events arrive, verified.
    pub fn webhooks(&self) -> &WebhookReceiver {
        &self.webhooks
    }

    /// A fresh test key: a new, empty merchant of this simulator.
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

    /// Delivers this merchant's webhooks to `url` as well, signed with
    /// [`Simulator::webhook_secret`]: your own handler under test (an axum route, say)
    /// receives them as it would from Moment, while [`Simulator::webhooks`] keeps receiving
    /// them too. Answers the endpoint's ID for [`Simulator::stop_forwarding_webhooks`];
    /// [`Simulator::reset`] ends every forward.
    pub fn forward_webhooks_to(&self, url: &str) -> String {
        let endpoint = crate::webhooks::Endpoint {
            id: crate::ids::new_id("we"),
            url: url.to_owned(),
            secret: self.webhook_secret().to_owned(),
            merchant: Some(self.api_key.clone()),
        };
        let id = endpoint.id.clone();
        self.app.with_store(|s| s.endpoints.push(endpoint));
        id
    }

    /// Ends a [`Simulator::forward_webhooks_to`] (a delivery still retrying to it ends
    /// `failed`); false when there was no such forward.
    pub fn stop_forwarding_webhooks(&self, endpoint_id: &str) -> bool {
        self.app.with_store(|s| {
            let before = s.endpoints.len();
            s.endpoints
                .retain(|e| e.id != endpoint_id || e.merchant.as_deref() != Some(&self.api_key));
            let removed = s.endpoints.len() < before;
            if removed {
                s.fail_deliveries_to(endpoint_id, "endpoint removed");
            }
            removed
        })
    }

    /// The customer pays session `session_id` at checkout with `card` (a test card:
    /// `4242424242424242` pays, `4000000000000002` is declined); answers the session after.
    pub fn pay(&self, session_id: &str, card: &str) -> ApiResult<PaymentSession> {
        let session = self
            .app
            .with_store(|s| s.pay_session(&self.api_key, session_id, card))?;
        self.app.tick();
        Ok(session)
    }

    /// Moves the merchant's clock forward (other merchants' stay) and runs what became due:
    /// renewals, expiries, webhook retries. Answers the subscription charges it made.
    pub fn advance_clock(&self, by: Duration) -> usize {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.app
            .with_store(|s| s.advance_merchant_clock(&self.api_key, ms));
        self.app.tick()
    }

    /// Moves every merchant's clock forward and runs what became due.
    pub fn advance_all_clocks(&self, by: Duration) -> usize {
        self.app.clock.advance(by);
        self.app.tick()
    }

    /// Moves the merchant's clock to the next thing scheduled for it (a renewal, an expiry, a
    /// webhook retry) and runs it; `None` when nothing is scheduled.
    pub fn advance_to_next_event(&self) -> Option<Scheduled> {
        let next = self.app.with_store(|s| s.advance_to_next(&self.api_key));
        self.app.tick();
        next
    }

    /// Faults for the merchant's API calls from now on (the others see none).
    pub fn inject_faults(&self, config: FaultConfig) -> ApiResult<()> {
        if !(0.0..=1.0).contains(&config.rate) {
            return Err(ApiError::validation(422, "rate", "must be between 0 and 1"));
        }
        self.app
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .configure(Some(&self.api_key), config);
        Ok(())
    }

    /// No more faults for the merchant.
    pub fn clear_faults(&self) {
        self.app
            .faults
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear(Some(&self.api_key));
    }

    /// How the merchant's webhook deliveries misbehave from now on (duplicates, reordering,
    /// delays).
    pub fn set_webhook_chaos(&self, chaos: WebhookChaos) -> ApiResult<()> {
        chaos
            .check()
            .map_err(|(field, message)| ApiError::validation(422, field, message))?;
        self.app.with_store(|s| {
            let seed = s.seed;
            s.merchant(&self.api_key).chaos = ChaosState::new(chaos, seed, &self.api_key);
        });
        Ok(())
    }

    /// Deliveries behave again.
    pub fn clear_webhook_chaos(&self) {
        self.app
            .with_store(|s| s.merchant(&self.api_key).chaos = ChaosState::default());
    }

    /// Makes the simulator emit `event` for the merchant (see [`crate::triggers`]).
    pub async fn trigger(&self, event: &str) -> ApiResult<Triggered> {
        self.app.trigger(&self.api_key, event).await
    }

    /// Forgets the merchant's objects, events, deliveries, faults, chaos and clock; the
    /// receiver stays, emptied.
    pub fn reset(&self) {
        self.app.reset(Some(&self.api_key));
        self.webhooks.clear();
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
