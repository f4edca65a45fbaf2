//! Helpers shared by the examples: a merchant's webhook receiver (axum) that verifies every
//! delivery with `momentpay::Webhook` and hands the typed events to the example.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use momentpay::Webhook;
use momentpay::models::Event;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

struct Receiver {
    webhook: Webhook,
    seen: Mutex<HashSet<String>>,
    events: mpsc::UnboundedSender<Event>,
}

/// What a merchant's webhook handler does: verify the raw body first, deduplicate on
/// `webhook-id`, acknowledge with 2xx, then process.
async fn handle(
    State(receiver): State<Arc<Receiver>>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let event = match receiver.webhook.verify(&body, &headers) {
        Ok(event) => event,
        Err(error) => {
            eprintln!("   ! refused a webhook: {error}");
            return StatusCode::BAD_REQUEST;
        }
    };
    let message_id = headers
        .get("webhook-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let first_time = receiver
        .seen
        .lock()
        .map(|mut seen| seen.insert(message_id))
        .unwrap_or(true);
    if first_time {
        let _ = receiver.events.send(event);
    }
    StatusCode::OK
}

/// A running webhook receiver.
pub struct WebhookReceiver {
    /// Where Moment should POST events.
    pub url: String,
    events: mpsc::UnboundedReceiver<Event>,
}

impl WebhookReceiver {
    /// Starts a receiver on `127.0.0.1:port` (0 picks a free port) verifying with `secret`.
    pub async fn start(
        secret: &str,
        port: u16,
    ) -> Result<WebhookReceiver, Box<dyn std::error::Error>> {
        let (tx, rx) = mpsc::unbounded_channel();
        let receiver = Arc::new(Receiver {
            webhook: Webhook::new(secret)?,
            seen: Mutex::new(HashSet::new()),
            events: tx,
        });
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
        let url = format!("http://{}/webhooks", listener.local_addr()?);
        let app = Router::new()
            .route("/webhooks", post(handle))
            .with_state(receiver);
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(WebhookReceiver { url, events: rx })
    }

    /// Waits for the first verified event matching `predicate`; other events are printed
    /// and skipped.
    pub async fn wait_for(
        &mut self,
        timeout: Duration,
        mut predicate: impl FnMut(&Event) -> bool,
    ) -> Result<Event, String> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            match tokio::time::timeout_at(deadline, self.events.recv()).await {
                Ok(Some(event)) if predicate(&event) => return Ok(event),
                Ok(Some(event)) => println!("   · webhook {} ({})", event.kind, event.id),
                Ok(None) => return Err("the webhook receiver stopped".into()),
                Err(_) => return Err(format!("no matching webhook within {timeout:?}")),
            }
        }
    }
}
