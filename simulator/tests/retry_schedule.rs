//! Issue 28, item 2: advancing a merchant's clock past a failing endpoint's deliveries replays
//! the whole documented retry schedule (0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h), each
//! attempt dated when it was due, until the delivery is `failed`. Before, one attempt ran at
//! the new time and the schedule restarted from there, so "retries exhausted" could not be
//! reached by moving the clock.

mod support;

use momentpay::models::CreatePaymentSession;
use momentpay_sim::Simulator;
use momentpay_sim::webhooks::RETRY_SCHEDULE_SECS;
use serde_json::Value;
use std::time::{Duration, Instant};

fn millis(rfc3339: &str) -> i64 {
    momentpay_sim::clock::parse_rfc3339(rfc3339)
        .unwrap_or_else(|| panic!("not a timestamp: {rfc3339}"))
}

#[tokio::test]
async fn advancing_the_clock_replays_every_retry_until_the_delivery_fails() {
    let sim = Simulator::start().expect("simulator");
    // An endpoint that never answers 2xx: nothing listens on port 9.
    let (endpoint, _) = sim.register_webhook("http://127.0.0.1:9/hooks", Some(sim.api_key()));
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    let control = support::http::http();
    let delivery = || async {
        let list: Value = control
            .get(format!("{}/_sim/webhook_deliveries", sim.base_url()))
            .bearer_auth(sim.api_key())
            .send()
            .await
            .expect("deliveries")
            .json()
            .await
            .expect("json");
        list["data"]
            .as_array()
            .and_then(|all| {
                all.iter()
                    .find(|d| {
                        d["endpoint_id"] == endpoint.as_str()
                            && d["body"].as_str().is_some_and(|b| b.contains(&session.id))
                    })
                    .cloned()
            })
            .unwrap_or(Value::Null)
    };
    // Wait for the first attempt (immediate, refused), then move 31 days on.
    let deadline = Instant::now() + Duration::from_secs(20);
    while delivery().await["attempts"]
        .as_array()
        .is_none_or(Vec::is_empty)
    {
        assert!(Instant::now() < deadline, "no first attempt");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sim.advance_clock(Duration::from_secs(31 * 24 * 3600));
    let failed = loop {
        let found = delivery().await;
        if found["status"] == "failed" {
            break found;
        }
        assert!(Instant::now() < deadline, "never failed: {found}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let attempts: Vec<i64> = failed["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|a| millis(a["at"].as_str().expect("at")))
        .collect();
    assert_eq!(attempts.len(), RETRY_SCHEDULE_SECS.len() + 1, "{failed}");
    for (i, pair) in attempts.windows(2).enumerate() {
        assert_eq!(
            pair[1] - pair[0],
            RETRY_SCHEDULE_SECS[i] * 1000,
            "gap {i}: {failed}"
        );
    }
    assert_eq!(failed["next_attempt_at"], Value::Null);
}
