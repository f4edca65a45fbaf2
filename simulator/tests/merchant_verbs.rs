//! The test helpers' verbs as a merchant's test uses them: triggers for every documented
//! event type, chaos that a handler must survive, per-merchant isolation, reset, and state
//! snapshots. Everything goes over real HTTP and every webhook is verified by the SDK.

use momentpay::models::{CreatePaymentSession, Event, EventData, EventType, PaymentSessionStatus};
use momentpay_sim::faults::{FaultConfig, FaultKind};
use momentpay_sim::webhooks::WebhookChaos;
use momentpay_sim::{Options, Simulator};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// The documented event types a merchant can be sent (the legacy payment_link.* aside).
fn documented() -> Vec<&'static str> {
    EventType::KNOWN
        .iter()
        .copied()
        .filter(|t| !t.starts_with("payment_link."))
        .collect()
}

#[test]
fn a_trigger_exists_for_every_documented_event_type() {
    let triggers: HashSet<&str> = momentpay_sim::triggers::TRIGGERS
        .iter()
        .map(|(t, _)| *t)
        .collect();
    let documented: HashSet<&str> = documented().into_iter().collect();
    assert_eq!(triggers, documented);
}

/// `momentpay-sim trigger EVENT`, the CLI, against a running simulator: each documented type
/// reaches the merchant's endpoint and verifies.
#[tokio::test]
async fn the_cli_triggers_every_documented_event_type() {
    let sim = Simulator::start().expect("simulator");
    for event in documented() {
        // Only what arrives after this trigger counts: an earlier trigger may have sent an
        // event of this type already (payment.succeeded comes with a completed session).
        let before = sim.webhooks().received().await.expect("received").len();
        let args = [
            "trigger",
            event,
            "--base-url",
            sim.base_url(),
            "--api-key",
            sim.api_key(),
        ]
        .map(str::to_owned);
        let output = tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_momentpay-sim"))
                .args(args)
                .output()
        })
        .await
        .expect("join")
        .expect("run the CLI");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "trigger {event}: {stdout}{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(
            stdout.contains(event),
            "it says what it triggered: {stdout}"
        );
        let mut count = before + 1;
        let received = loop {
            let events = sim
                .webhooks()
                .wait_for_count(count, WAIT)
                .await
                .unwrap_or_else(|e| panic!("{event}: no new {event} arrived: {e}"));
            if let Some(found) = events[before..].iter().find(|e| e.kind.as_str() == event) {
                break found.clone();
            }
            count = events.len() + 1;
        };
        assert!(
            !matches!(received.data, EventData::Unknown(_)),
            "{event} parsed into its model"
        );
    }
}

#[tokio::test]
async fn an_unknown_trigger_is_refused_with_a_suggestion() {
    let sim = Simulator::start().expect("simulator");
    let error = sim
        .trigger("payment.capture")
        .await
        .expect_err("no such type");
    let text = error.to_string();
    assert!(text.contains("payment.captured"), "{text}");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_momentpay-sim"))
        .args([
            "trigger",
            "payment.capture",
            "--base-url",
            sim.base_url(),
            "--api-key",
            sim.api_key(),
        ])
        .output()
        .expect("run the CLI");
    assert_eq!(output.status.code(), Some(1), "a refused call exits 1");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("payment.captured"), "{stderr}");
}

/// A handler that applies every delivery, and what it concluded.
#[derive(Default)]
struct Ledger {
    paid_total: i64,
    status: HashMap<String, PaymentSessionStatus>,
}

impl Ledger {
    /// The naive handler: counts each delivery, and the last one wins.
    fn naive(events: &[Event]) -> Ledger {
        let mut ledger = Ledger::default();
        for event in events {
            ledger.apply(event, true);
        }
        ledger
    }

    /// The careful handler: once per event ID, and a completed session never reopens.
    fn careful(events: &[Event]) -> Ledger {
        let mut ledger = Ledger::default();
        let mut seen = HashSet::new();
        for event in events {
            if seen.insert(event.id.clone()) {
                ledger.apply(event, false);
            }
        }
        ledger
    }

    fn apply(&mut self, event: &Event, last_wins: bool) {
        match &event.data {
            EventData::Payment(payment) if event.kind == EventType::PaymentSucceeded => {
                self.paid_total += payment.amount;
            }
            EventData::PaymentSession(session) => {
                let current = self.status.get(&session.id);
                if last_wins || current != Some(&PaymentSessionStatus::Completed) {
                    self.status
                        .insert(session.id.clone(), session.status.clone());
                }
            }
            _ => {}
        }
    }
}

#[tokio::test]
async fn with_duplicates_and_reordering_only_a_deduplicating_handler_is_right() {
    let sim = Simulator::start_with(Options {
        seed: Some(7),
        ..Options::default()
    })
    .expect("simulator");
    // The chaos setting's own seed: the simulator's seed alone is mixed with the merchant's
    // (random) key, so it would not make the reordering reproducible.
    sim.set_webhook_chaos(WebhookChaos {
        duplicate_rate: 1.0,
        reorder_window_ms: 1000,
        seed: Some(7),
        ..WebhookChaos::default()
    })
    .expect("chaos");
    let client = sim.client();
    let sessions = 20;
    for _ in 0..sessions {
        let session = client
            .payment_sessions()
            .create(&CreatePaymentSession::one_time(1000, "ZAR"))
            .await
            .expect("create");
        sim.pay(&session.id, "4242424242424242").expect("pay");
    }
    // Each session: created, payment.succeeded, completed; each delivered twice.
    let events = sim
        .webhooks()
        .wait_for_count(sessions * 3 * 2, WAIT)
        .await
        .expect("every delivery");
    let ids: HashSet<&str> = events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), sessions * 3, "each event arrived twice");

    let naive = Ledger::naive(&events);
    let careful = Ledger::careful(&events);
    let expected = 1000 * sessions as i64;
    assert_eq!(
        naive.paid_total,
        2 * expected,
        "without deduplication one payment counts twice"
    );
    assert_eq!(careful.paid_total, expected);
    assert!(
        careful
            .status
            .values()
            .all(|s| *s == PaymentSessionStatus::Completed),
        "a handler that does not depend on order ends with every session completed"
    );
    let reopened = naive
        .status
        .values()
        .filter(|s| **s != PaymentSessionStatus::Completed)
        .count();
    assert!(
        reopened > 0,
        "with reordering, last-one-wins leaves some session active"
    );
}

#[tokio::test]
async fn merchants_never_see_each_others_faults_chaos_clocks_or_objects() {
    let sim = Simulator::start().expect("simulator");
    let other_key = Simulator::new_test_key();
    let other = momentpay::Client::builder()
        .api_key(&other_key)
        .base_url(sim.base_url())
        .retry_policy(momentpay::RetryPolicy {
            max_retries: 0,
            ..momentpay::RetryPolicy::default()
        })
        .build()
        .expect("client");
    sim.inject_faults(FaultConfig {
        rate: 1.0,
        kinds: vec![FaultKind::Unavailable],
        ..FaultConfig::default()
    })
    .expect("faults");
    sim.set_webhook_chaos(WebhookChaos {
        delay_ms: 3_600_000,
        ..WebhookChaos::default()
    })
    .expect("chaos");
    sim.advance_clock(Duration::from_secs(40 * 86_400));
    // The other merchant's own webhook endpoint: a hosted inbox, read with its key.
    let http = reqwest::Client::builder().no_proxy().build().expect("http");
    let inbox: serde_json::Value = http
        .post(format!("{}/_sim/inboxes", sim.base_url()))
        .bearer_auth(&other_key)
        .json(&serde_json::json!({}))
        .send()
        .await
        .expect("inbox")
        .json()
        .await
        .expect("json");
    let inbox_id = inbox["id"].as_str().expect("inbox id").to_owned();

    let theirs = other
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("the other merchant sees no faults");
    let now = chrono_free_now_ms();
    let created =
        momentpay_sim::clock::parse_rfc3339(theirs.created_at.as_deref().unwrap_or_default())
            .expect("timestamp");
    assert!(
        (created - now).abs() < 86_400_000,
        "the other merchant's clock did not move"
    );
    let mine = sim
        .client_builder()
        .retry_policy(momentpay::RetryPolicy {
            max_retries: 0,
            ..momentpay::RetryPolicy::default()
        })
        .build()
        .expect("client")
        .payment_sessions()
        .retrieve(&theirs.id)
        .await
        .expect_err("faulted, and not its object anyway");
    assert_eq!(mine.status(), Some(503));
    sim.clear_faults();
    let missing = sim
        .client()
        .payment_sessions()
        .retrieve(&theirs.id)
        .await
        .expect_err("not mine");
    assert_eq!(missing.status(), Some(404));
    // The first merchant's chaos delays its deliveries by an hour; the other merchant's
    // event arrives now (a long poll of its inbox; 15 s is the bound, not the expectation).
    let mut after = 0;
    let deadline = std::time::Instant::now() + WAIT;
    let arrived = loop {
        let found: serde_json::Value = http
            .get(format!(
                "{}/_sim/inboxes/{inbox_id}/deliveries?after={after}&wait_ms=2000",
                sim.base_url()
            ))
            .bearer_auth(&other_key)
            .send()
            .await
            .expect("read inbox")
            .json()
            .await
            .expect("json");
        let data = found["data"].as_array().cloned().unwrap_or_default();
        let mine = data.iter().any(|received| {
            let event: serde_json::Value =
                serde_json::from_str(received["body"].as_str().unwrap_or("{}")).unwrap_or_default();
            event["type"] == "payment_session.created" && event["data"]["id"] == theirs.id.as_str()
        });
        if mine {
            break true;
        }
        if let Some(seq) = data.iter().filter_map(|r| r["seq"].as_u64()).max() {
            after = seq;
        }
        if std::time::Instant::now() > deadline {
            break false;
        }
    };
    assert!(
        arrived,
        "the other merchant's payment_session.created arrived while the first merchant's chaos delays its own by an hour"
    );
}

fn chrono_free_now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[tokio::test]
async fn reset_forgets_the_merchant_and_keeps_its_receiver() {
    let sim = Simulator::start().expect("simulator");
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    sim.webhooks()
        .wait_for(EventType::PaymentSessionCreated, Some(&session.id), WAIT)
        .await
        .expect("created");
    sim.reset();
    assert!(sim.webhooks().received().await.expect("read").is_empty());
    let gone = sim
        .client()
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect_err("forgotten");
    assert_eq!(gone.status(), Some(404));
    let again = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    sim.webhooks()
        .wait_for(EventType::PaymentSessionCreated, Some(&again.id), WAIT)
        .await
        .expect("the receiver still works after a reset");
}

#[tokio::test]
async fn a_renewal_follows_the_merchants_clock_and_advance_to_next_event_finds_it() {
    let sim = Simulator::start().expect("simulator");
    let client = sim.client();
    use momentpay::models::{CustomerDetails, MandateOptions, Recurrence, SubscriptionOptions};
    let params = CreatePaymentSession::first_in_series(
        5000,
        "ZAR",
        CustomerDetails::new("Alex", "alex@example.com"),
    )
    .mandate(MandateOptions::scheduled(5000, Recurrence::monthly()))
    .subscription(SubscriptionOptions::default());
    let session = client
        .payment_sessions()
        .create(&params)
        .await
        .expect("create");
    sim.pay(&session.id, "4242424242424242").expect("pay");
    let next = sim.advance_to_next_event().expect("something is scheduled");
    assert_eq!(next.what, "subscription charge");
    let events = sim
        .webhooks()
        .wait_for_count(6, WAIT)
        .await
        .expect("renewal events");
    let succeeded = events
        .iter()
        .filter(|e| e.kind == EventType::PaymentSucceeded)
        .count();
    assert_eq!(succeeded, 2, "the first payment and one renewal");
    // The renewal is a payment of the subscription's amount on a session the test did not make.
    let renewal = events
        .iter()
        .filter_map(|e| match &e.data {
            EventData::PaymentSession(s) if e.kind == EventType::PaymentSessionCompleted => Some(s),
            _ => None,
        })
        .find(|s| s.id != session.id)
        .expect("a renewal session completed");
    assert_eq!(renewal.amount, 5000);
}

#[tokio::test]
async fn a_snapshot_restores_the_world_into_another_simulator() {
    let first = Simulator::start().expect("simulator");
    let session = first
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(2500, "ZAR").external_reference("order-1"))
        .await
        .expect("create");
    let snapshot = first.app().export_state();
    let second = Simulator::start().expect("simulator");
    second.app().import_state(&snapshot).expect("import");
    let restored = momentpay::Client::builder()
        .api_key(first.api_key())
        .base_url(second.base_url())
        .build()
        .expect("client")
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("the session moved");
    assert_eq!(restored.amount, 2500);
    let url = restored.session_url.expect("url");
    assert!(
        url.starts_with(second.base_url()),
        "checkout URLs follow the simulator: {url}"
    );
    // The world round-trips: exporting the import gives the same merchants and objects.
    let again: serde_json::Value =
        serde_json::from_str(&second.app().export_state()).expect("json");
    let original: serde_json::Value = serde_json::from_str(&snapshot).expect("json");
    assert_eq!(
        again["merchants"][first.api_key()]["sessions"][&session.id]["session"]["id"],
        original["merchants"][first.api_key()]["sessions"][&session.id]["session"]["id"]
    );
    assert_eq!(again["merchants"], {
        let mut moved = original["merchants"].clone();
        let text = moved
            .to_string()
            .replace(first.base_url(), second.base_url());
        moved = serde_json::from_str(&text).expect("json");
        moved
    });

    let refused = second.app().import_state(r#"{"format": 1, "base_url": "x", "clock_offset_ms": 0, "merchants": {"k": {"sessions": 3}}}"#);
    let error = refused.expect_err("a bad snapshot");
    assert_eq!(error.field, "merchants.k.sessions");
    let refused = second
        .app()
        .import_state(r#"{"format": 9}"#)
        .expect_err("a newer format");
    assert_eq!(refused.field, "format");
}

#[tokio::test]
async fn a_merchants_own_handler_receives_and_verifies_forwarded_webhooks() {
    // Issue 28, item 3: one line points the simulator's webhooks at the merchant's handler.
    use axum::body::Bytes;
    use axum::http::{HeaderMap, StatusCode};
    let sim = Simulator::start().expect("simulator");
    let (sender, mut verified) = tokio::sync::mpsc::unbounded_channel();
    let secret = sim.webhook_secret().to_owned();
    let handler = move |headers: HeaderMap, body: Bytes| {
        let sender = sender.clone();
        let secret = secret.clone();
        async move {
            match momentpay::Webhook::new(&secret).and_then(|w| w.verify(&body, &headers)) {
                Ok(event) => {
                    let _ = sender.send(event);
                    StatusCode::NO_CONTENT
                }
                Err(_) => StatusCode::BAD_REQUEST,
            }
        }
    };
    let app = axum::Router::new().route("/webhooks", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/webhooks", listener.local_addr().expect("addr"));
    tokio::spawn(async move { axum::serve(listener, app).await });

    let endpoint = sim.forward_webhooks_to(&url);
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(700, "ZAR"))
        .await
        .expect("session");
    sim.pay(&session.id, "4242424242424242").expect("pay");
    let completed = loop {
        let event = tokio::time::timeout(Duration::from_secs(10), verified.recv())
            .await
            .expect("a webhook within 10 s")
            .expect("handler alive");
        if event.kind == EventType::PaymentSessionCompleted {
            break event;
        }
    };
    assert_eq!(
        completed.payment_session().map(|s| s.id.as_str()),
        Some(session.id.as_str())
    );
    // The receiver got it too, and stopping the forward removes the endpoint.
    sim.webhooks()
        .wait_for(
            EventType::PaymentSessionCompleted,
            Some(&session.id),
            Duration::from_secs(10),
        )
        .await
        .expect("receiver");
    assert!(sim.stop_forwarding_webhooks(&endpoint));
    assert!(!sim.stop_forwarding_webhooks(&endpoint));
}
