//! Signed deliveries from the simulator, verified by the SDK: stable webhook-id across
//! retries, the retry schedule on the virtual clock, and the delivery log.

mod common;

use common::env;
use momentpay::models::*;
use momentpay::webhooks::Webhook;
use serde_json::json;
use std::time::Duration;

#[tokio::test]
async fn deliveries_verify_and_carry_the_session() {
    let env = env();
    let inbox = momentpay_sim::WebhookInbox::start().expect("inbox");
    let registered = env
        .post_sim("/_sim/webhook_endpoints", json!({"url": inbox.url()}))
        .await;
    let secret = registered["secret"].as_str().expect("secret").to_owned();
    assert!(secret.starts_with("whsec_"));
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(
            5000,
            "ZAR",
            CustomerDetails::new("A", "a@example.com"),
        ))
        .await
        .expect("create");
    env.pay(&session.id, "4242424242424242").await;
    let webhook = Webhook::new(&secret).expect("secret");
    let received = inbox.wait_for(3, Duration::from_secs(10));
    let events: Vec<Event> = received
        .iter()
        .map(|r| {
            webhook
                .verify(&r.body, &r.headers)
                .expect("every delivery verifies")
        })
        .collect();
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "payment_session.created",
            "payment.succeeded",
            "payment_session.completed"
        ]
    );
    let completed = events[2].payment_session().expect("session");
    assert_eq!(completed.id, session.id);
    assert!(completed.customer_id.is_some() && completed.payment_method_id.is_some());
    for r in &received {
        let header = |n: &str| {
            r.headers
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        };
        assert!(header("webhook-id").is_some_and(|id| id.starts_with("msg_")));
        assert_eq!(header("content-type").as_deref(), Some("application/json"));
    }
}

/// Waits until the simulator has recorded `attempts` attempts of its first delivery.
async fn recorded_attempts(env: &common::Env, attempts: usize) {
    for _ in 0..200 {
        let log = env.get_sim("/_sim/webhook_deliveries").await;
        if log["data"][0]["attempts"].as_array().map_or(0, Vec::len) >= attempts {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the simulator never recorded {attempts} attempts");
}

#[tokio::test]
async fn failed_deliveries_retry_on_schedule_with_the_same_webhook_id() {
    let env = env();
    let inbox = momentpay_sim::WebhookInbox::start().expect("inbox");
    inbox.respond_with(500);
    let (_, secret) = env.sim.register_webhook(inbox.url(), Some(&env.key));
    env.client
        .payment_requests()
        .create(&CreatePaymentRequest::link(100, "ZAR"))
        .await
        .expect("create");
    recorded_attempts(&env, 1).await;
    env.sim.advance_all_clocks(Duration::from_secs(5));
    let two = inbox.wait_for(2, Duration::from_secs(10));
    assert_eq!(two.len(), 2, "second attempt after 5 s");
    recorded_attempts(&env, 2).await;
    inbox.respond_with(200);
    env.sim.advance_all_clocks(Duration::from_secs(300));
    let three = inbox.wait_for(3, Duration::from_secs(10));
    assert_eq!(three.len(), 3, "third attempt after 5 min");
    let ids: Vec<String> = three
        .iter()
        .filter_map(|r| {
            r.headers
                .iter()
                .find(|(k, _)| k == "webhook-id")
                .map(|(_, v)| v.clone())
        })
        .collect();
    assert!(
        ids.windows(2).all(|w| w[0] == w[1]),
        "webhook-id is stable across retries: {ids:?}"
    );
    let webhook = Webhook::new(&secret).expect("secret");
    for r in &three {
        webhook
            .verify(&r.body, &r.headers)
            .expect("each attempt is signed afresh");
    }
    recorded_attempts(&env, 3).await;
    let log = env.get_sim("/_sim/webhook_deliveries").await;
    let delivery = &log["data"][0];
    assert_eq!(delivery["status"], "delivered");
    let statuses: Vec<_> = delivery["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|a| a["status"].clone())
        .collect();
    assert_eq!(statuses, [json!(500), json!(500), json!(200)]);
    // Past every retry: a delivered message is not pending, so nothing can send it again.
    env.sim.advance_all_clocks(Duration::from_secs(3 * 3600));
    let log = env.get_sim("/_sim/webhook_deliveries").await;
    assert_eq!(log["data"][0]["status"], "delivered");
    assert_eq!(log["data"][0]["next_attempt_at"], json!(null));
    assert_eq!(log["data"][0]["attempts"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn a_forged_or_replayed_delivery_is_refused() {
    let env = env();
    let inbox = momentpay_sim::WebhookInbox::start().expect("inbox");
    let (_, secret) = env.sim.register_webhook(inbox.url(), None);
    env.client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    let received = inbox.wait_for(1, Duration::from_secs(10)).remove(0);
    let webhook = Webhook::new(&secret).expect("secret");
    webhook
        .verify(&received.body, &received.headers)
        .expect("genuine");
    let mut forged = received.body.clone();
    let text = String::from_utf8(forged.clone())
        .expect("utf8")
        .replace("\"amount\":100", "\"amount\":1");
    forged = text.into_bytes();
    let error = webhook
        .verify(&forged, &received.headers)
        .expect_err("forged");
    assert_eq!(
        error.webhook_failure(),
        Some(momentpay::WebhookFailure::NoMatchingSignature)
    );
    let later = webhook.clone().clock(|| i64::MAX / 4);
    let error = later
        .verify(&received.body, &received.headers)
        .expect_err("replayed much later");
    assert_eq!(
        error.webhook_failure(),
        Some(momentpay::WebhookFailure::TimestampTooOld)
    );
}
