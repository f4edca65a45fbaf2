//! What a long run must not keep: idempotency records past their 24 hours, merchants that a
//! GET made and nothing filled, a test's inbox after the test. Over real HTTP.

mod support;

use momentpay::models::CreatePaymentSession;
use momentpay_sim::Simulator;
use serde_json::json;
use std::time::{Duration, Instant};
use support::merchant::new_merchant;

/// Polls `done` (the ticker runs every second) for up to 10 s.
async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "{what} never happened");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

fn merchant_exists(sim: &Simulator, key: &str) -> bool {
    sim.app().with_store(|s| s.merchants.contains_key(key))
}

#[tokio::test]
async fn idempotency_records_are_forgotten_after_24_hours_of_the_merchants_clock() {
    let sim = Simulator::start().expect("simulator");
    let (key, client) = new_merchant(&sim);
    client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .idempotency_key("kept-a-day")
        .await
        .expect("create");
    let records_of = |sim: &Simulator, key: &str| {
        sim.app()
            .idempotency
            .lock()
            .map(|records| records.keys().filter(|scope| scope.0 == key).count())
            .unwrap_or_default()
    };
    assert_eq!(records_of(&sim, &key), 1);
    let advanced = reqwest::Client::new()
        .post(format!("{}/_sim/clock/advance", sim.base_url()))
        .bearer_auth(&key)
        .json(&json!({"seconds": 25 * 3600}))
        .send()
        .await
        .expect("advance");
    assert!(advanced.status().is_success());
    eventually("the purge", || records_of(&sim, &key) == 0).await;
}

#[tokio::test]
async fn a_get_with_a_new_key_leaves_no_merchant_behind() {
    let sim = Simulator::start().expect("simulator");
    let (key, client) = new_merchant(&sim);
    let missing = client.payment_sessions().retrieve("ps_missing").await;
    assert!(missing.is_err_and(|e| e.status() == Some(404)));
    eventually("the empty merchant's removal", || {
        !merchant_exists(&sim, &key)
    })
    .await;
    // A merchant that made something stays.
    client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    assert!(merchant_exists(&sim, &key));
    sim.app().tick();
    assert!(merchant_exists(&sim, &key));
}

#[tokio::test]
async fn a_tests_inbox_can_be_deleted_with_its_endpoint() {
    let sim = Simulator::start().expect("simulator");
    let key = Simulator::new_test_key();
    let control = reqwest::Client::new();
    let inbox: serde_json::Value = control
        .post(format!("{}/_sim/inboxes", sim.base_url()))
        .bearer_auth(&key)
        .json(&json!({}))
        .send()
        .await
        .expect("create inbox")
        .json()
        .await
        .expect("json");
    let id = inbox["id"].as_str().expect("id");
    let endpoint = inbox["endpoint_id"].as_str().expect("endpoint").to_owned();
    let has_endpoint = |sim: &Simulator| {
        sim.app()
            .with_store(|s| s.endpoints.iter().any(|e| e.id == endpoint))
    };
    assert!(has_endpoint(&sim));
    let delete = || {
        control
            .delete(format!("{}/_sim/inboxes/{id}", sim.base_url()))
            .bearer_auth(&key)
            .send()
    };
    assert_eq!(delete().await.expect("delete").status(), 200);
    assert!(!has_endpoint(&sim));
    assert_eq!(
        delete().await.expect("delete again").status(),
        404,
        "already gone"
    );
}
