//! One merchant's webhook trouble never reaches another's: a delivery whose endpoint was
//! deleted fails visibly instead of stalling the worker, and an endpoint that never answers
//! delays only itself. Over real HTTP, with the SDK's own client.

mod support;

use momentpay::models::CreatePaymentSession;
use momentpay_sim::{Simulator, WebhookInbox};
use std::time::{Duration, Instant};
use support::merchant::new_merchant as merchant;

async fn create(client: &momentpay::Client, amount: i64) {
    client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(amount, "ZAR"))
        .await
        .expect("create");
}

fn deliveries_of(sim: &Simulator, key: &str) -> Vec<(String, usize, Option<String>)> {
    sim.app().with_store(|s| {
        s.deliveries
            .iter()
            .filter(|d| d.merchant == key)
            .map(|d| {
                let last = d.attempts.last().and_then(|a| a.error.clone());
                (d.status.clone(), d.attempts.len(), last)
            })
            .collect()
    })
}

#[tokio::test]
async fn a_deleted_endpoint_with_a_retry_pending_stops_no_one() {
    let sim = Simulator::start().expect("simulator");
    let (a_key, a) = merchant(&sim);
    let failing = WebhookInbox::start().expect("inbox");
    failing.respond_with(500);
    let (endpoint, _) = sim.register_webhook(failing.url(), Some(&a_key));
    create(&a, 100).await;
    failing.wait_for(1, Duration::from_secs(10));
    // Its retry is due 5 s later on A's clock; the endpoint goes away first.
    let control = reqwest::Client::new();
    let deleted = control
        .delete(format!(
            "{}/_sim/webhook_endpoints/{endpoint}",
            sim.base_url()
        ))
        .bearer_auth(&a_key)
        .send()
        .await
        .expect("delete");
    assert!(deleted.status().is_success());
    let advanced = control
        .post(format!("{}/_sim/clock/advance", sim.base_url()))
        .bearer_auth(&a_key)
        .json(&serde_json::json!({"seconds": 10}))
        .send()
        .await
        .expect("advance");
    assert!(advanced.status().is_success());

    let (b_key, b) = merchant(&sim);
    let inbox = WebhookInbox::start().expect("inbox");
    sim.register_webhook(inbox.url(), Some(&b_key));
    create(&b, 200).await;
    let received = inbox.wait_for(1, Duration::from_secs(10));
    assert_eq!(received.len(), 1, "B's webhook arrives");
    let a_deliveries = deliveries_of(&sim, &a_key);
    assert_eq!(
        a_deliveries,
        vec![("failed".to_owned(), 2, Some("endpoint removed".to_owned()))],
        "A's orphan ends failed, saying why"
    );
}

#[tokio::test]
async fn an_endpoint_that_never_answers_delays_only_itself() {
    let sim = Simulator::start().expect("simulator");
    // Connections complete from the backlog; nothing ever reads or answers them.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let silent_url = format!("http://{}/", silent.local_addr().expect("addr"));
    let (a_key, a) = merchant(&sim);
    sim.register_webhook(&silent_url, Some(&a_key));
    for amount in [101, 102, 103] {
        create(&a, amount).await;
    }

    let (b_key, b) = merchant(&sim);
    let inbox = WebhookInbox::start().expect("inbox");
    sim.register_webhook(inbox.url(), Some(&b_key));
    let started = Instant::now();
    create(&b, 200).await;
    for amount in [201, 202] {
        create(&b, amount).await;
    }
    // One serial worker would hold B's webhooks behind A's 15 s attempts (45 s for three).
    let received = inbox.wait_for(3, Duration::from_secs(5));
    let took = started.elapsed();
    assert_eq!(
        received.len(),
        3,
        "B's webhooks arrive while A's endpoint hangs"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    // In B's order (one endpoint, one delivery at a time).
    let amounts: Vec<i64> = received
        .iter()
        .map(|r| {
            let body: serde_json::Value = serde_json::from_slice(&r.body).expect("json");
            body["data"]["amount"].as_i64().unwrap_or_default()
        })
        .collect();
    assert_eq!(amounts, [200, 201, 202]);
    // A's first delivery is still on the wire, the other two wait behind it.
    let a_deliveries = deliveries_of(&sim, &a_key);
    assert_eq!(a_deliveries.len(), 3);
    assert!(
        a_deliveries
            .iter()
            .all(|(status, _, _)| status == "pending")
    );
    drop(silent);
}
