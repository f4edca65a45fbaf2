//! [`WebhookReceiver`]: a test's view of the webhooks delivered to it. The simulator delivers
//! them over real HTTP to a hosted inbox (see [`crate::inboxes`]); the receiver reads them
//! back and verifies each with the SDK, as the merchant's handler would.

use crate::App;
use momentpay::models::Event;
use momentpay::models::EventType;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why [`WebhookReceiver::wait_for`] gave up.
#[derive(Debug, thiserror::Error)]
pub enum WaitError {
    /// Nothing matching arrived in time; says what did.
    #[error("no {wanted} webhook arrived within {timeout:?}; received: [{received}]")]
    Timeout {
        /// The event type (and object) waited for.
        wanted: String,
        /// How long it waited.
        timeout: Duration,
        /// The types that did arrive, in order.
        received: String,
    },
    /// A delivery failed verification (a signature, timestamp or body the SDK refused).
    #[error("a delivery failed verification: {0}")]
    Verification(#[from] momentpay::Error),
    /// The receiver's inbox is gone (the simulator stopped).
    #[error("the webhook inbox is gone")]
    Gone,
}

#[derive(Debug, Default)]
struct Seen {
    /// Inbox position read up to.
    after: u64,
    /// Every verified event, in arrival order, with its `data.id`.
    events: Vec<(Event, Option<String>)>,
}

/// Where a merchant's webhooks arrive; every delivery is verified before a test sees it.
/// Its `Debug` shows the inbox, never the secret.
pub struct WebhookReceiver {
    app: Arc<App>,
    inbox_id: String,
    secret: String,
    verifier: Result<momentpay::Webhook, String>,
    seen: Mutex<Seen>,
}

impl std::fmt::Debug for WebhookReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookReceiver")
            .field("inbox_id", &self.inbox_id)
            .field("secret", &"whsec_***")
            .finish_non_exhaustive()
    }
}

impl WebhookReceiver {
    pub(crate) fn new(app: Arc<App>, inbox_id: String, secret: &str) -> WebhookReceiver {
        WebhookReceiver {
            app,
            inbox_id,
            secret: secret.to_owned(),
            verifier: momentpay::Webhook::new(secret).map_err(|e| e.to_string()),
            seen: Mutex::new(Seen::default()),
        }
    }

    /// The signing secret of the deliveries.
    pub fn secret(&self) -> &str {
        &self.secret
    }

    /// Reads what arrived after the last read (waiting until `deadline` for something) and
    /// verifies it.
    async fn read(&self, deadline: tokio::time::Instant) -> Result<(), WaitError> {
        let after = self.seen.lock().unwrap_or_else(|e| e.into_inner()).after;
        let arrived = self
            .app
            .inbox_deliveries(&self.inbox_id, after, deadline)
            .await
            .ok_or(WaitError::Gone)?;
        let verifier = self.verifier.as_ref().map_err(|_| WaitError::Gone)?;
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        for delivery in arrived {
            if delivery.seq <= seen.after {
                continue;
            }
            seen.after = delivery.seq;
            let event = verifier.verify(delivery.body.as_bytes(), &delivery.headers)?;
            let object_id = serde_json::from_str::<serde_json::Value>(&delivery.body)
                .ok()
                .and_then(|body| body["data"]["id"].as_str().map(str::to_owned));
            seen.events.push((event, object_id));
        }
        Ok(())
    }

    /// Every verified event so far, in arrival order (a repeated delivery appears again).
    pub async fn received(&self) -> Result<Vec<Event>, WaitError> {
        self.read(tokio::time::Instant::now()).await?;
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        Ok(seen.events.iter().map(|(event, _)| event.clone()).collect())
    }

    /// The first event of type `kind` (about object `object_id`, when given: the `data.id`)
    /// that arrived, waiting up to `timeout` for it. Earlier arrivals count too: pass the
    /// object's ID to tell two events of one type apart.
    pub async fn wait_for(
        &self,
        kind: EventType,
        object_id: Option<&str>,
        timeout: Duration,
    ) -> Result<Event, WaitError> {
        let wanted = match object_id {
            Some(id) => format!("{} for {id}", kind.as_str()),
            None => kind.as_str().to_owned(),
        };
        self.wait_until(wanted, timeout, |event, id| {
            event.kind == kind && object_id.is_none_or(|want| id == Some(want))
        })
        .await
    }

    /// The first event of type `kind` that arrived for which `matches` is true, waiting up to
    /// `timeout` for it (e.g. the renewal: a completed session the test did not make).
    pub async fn wait_for_matching(
        &self,
        kind: EventType,
        matches: impl Fn(&Event) -> bool,
        timeout: Duration,
    ) -> Result<Event, WaitError> {
        let wanted = format!("matching {}", kind.as_str());
        self.wait_until(wanted, timeout, |event, _| {
            event.kind == kind && matches(event)
        })
        .await
    }

    async fn wait_until(
        &self,
        wanted: String,
        timeout: Duration,
        matches: impl Fn(&Event, Option<&str>) -> bool,
    ) -> Result<Event, WaitError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            {
                let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
                let found = seen
                    .events
                    .iter()
                    .find(|(event, id)| matches(event, id.as_deref()));
                if let Some((event, _)) = found {
                    return Ok(event.clone());
                }
                if tokio::time::Instant::now() >= deadline {
                    let received: Vec<&str> =
                        seen.events.iter().map(|(e, _)| e.kind.as_str()).collect();
                    return Err(WaitError::Timeout {
                        wanted,
                        timeout,
                        received: received.join(", "),
                    });
                }
            }
            self.read(deadline).await?;
        }
    }

    /// Every verified event once at least `count` have arrived (repeats count), waiting up
    /// to `timeout`.
    pub async fn wait_for_count(
        &self,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Event>, WaitError> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            {
                let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
                if seen.events.len() >= count {
                    return Ok(seen.events.iter().map(|(event, _)| event.clone()).collect());
                }
                if tokio::time::Instant::now() >= deadline {
                    let received: Vec<&str> =
                        seen.events.iter().map(|(e, _)| e.kind.as_str()).collect();
                    return Err(WaitError::Timeout {
                        wanted: format!("{count} events ({} so far)", received.len()),
                        timeout,
                        received: received.join(", "),
                    });
                }
            }
            self.read(deadline).await?;
        }
    }

    /// Forgets what was received (after [`crate::Simulator::reset`]).
    pub(crate) fn clear(&self) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.events.clear();
    }
}
