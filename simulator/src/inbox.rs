//! [`WebhookInbox`]: a loopback HTTP endpoint that records every webhook POSTed to it, raw
//! body and headers exactly as received, for tests and demos that verify deliveries.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// One received request.
#[derive(Debug, Clone)]
pub struct ReceivedWebhook {
    /// Headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The raw body.
    pub body: Vec<u8>,
}

#[derive(Default)]
struct Shared {
    received: Mutex<Vec<ReceivedWebhook>>,
    arrived: Condvar,
    status: AtomicU16,
}

/// A running inbox; stops on drop.
pub struct WebhookInbox {
    url: String,
    shared: Arc<Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for WebhookInbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookInbox")
            .field("url", &self.url)
            .finish()
    }
}

/// A request's headers as (name, value) strings, collected into `C` (a list in the order
/// received, or a map); a value that is not UTF-8 is kept lossily. Both inboxes record
/// deliveries this way.
pub(crate) fn header_pairs<C: FromIterator<(String, String)>>(headers: &HeaderMap) -> C {
    headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect()
}

async fn receive(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let headers = header_pairs(&headers);
    let status = shared.status.load(Ordering::SeqCst);
    let mut received = shared.received.lock().unwrap_or_else(|e| e.into_inner());
    received.push(ReceivedWebhook {
        headers,
        body: body.to_vec(),
    });
    shared.arrived.notify_all();
    StatusCode::from_u16(status).unwrap_or(StatusCode::OK)
}

impl WebhookInbox {
    /// Starts an inbox on a free loopback port, answering 200.
    pub fn start() -> std::io::Result<WebhookInbox> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let url = format!("http://{}/webhooks", listener.local_addr()?);
        let shared = Arc::new(Shared::default());
        shared.status.store(200, Ordering::SeqCst);
        let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let app = Router::new()
            .route("/webhooks", post(receive))
            .with_state(shared.clone());
        let thread = std::thread::Builder::new()
            .name("webhook-inbox".into())
            .spawn(move || {
                runtime.block_on(async move {
                    if let Ok(listener) = tokio::net::TcpListener::from_std(listener) {
                        let _ = axum::serve(listener, app)
                            .with_graceful_shutdown(async move {
                                let _ = stopped.await;
                            })
                            .await;
                    }
                });
            })?;
        Ok(WebhookInbox {
            url,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The URL to register.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Makes the inbox answer `status` from now on (to exercise retries).
    pub fn respond_with(&self, status: u16) {
        self.shared.status.store(status, Ordering::SeqCst);
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<ReceivedWebhook> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Waits until at least `count` requests arrived, or `timeout` passed; returns them.
    pub fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedWebhook> {
        let deadline = Instant::now() + timeout;
        let mut received = self
            .shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        while received.len() < count {
            let now = Instant::now();
            if now >= deadline {
                break;
            }
            received = self
                .shared
                .arrived
                .wait_timeout(received, deadline - now)
                .map(|(guard, _)| guard)
                .unwrap_or_else(|e| e.into_inner().0);
        }
        received.clone()
    }

    /// Waits for a request whose body contains `needle` (e.g. an event type and an ID).
    pub fn wait_for_body(&self, needle: &str, timeout: Duration) -> Option<ReceivedWebhook> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self
                .received()
                .into_iter()
                .find(|r| String::from_utf8_lossy(&r.body).contains(needle));
            if found.is_some() || Instant::now() >= deadline {
                return found;
            }
            let count = self.received().len();
            self.wait_for(
                count + 1,
                deadline
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(200)),
            );
        }
    }
}

impl Drop for WebhookInbox {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
