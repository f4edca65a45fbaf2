//! Shared test setup: a simulator per test and clients pointed at it.
#![allow(dead_code)]

use momentpay::models::{CreatePaymentSession, PaymentSession};
use momentpay::{Client, RetryPolicy};
use momentpay_sim::Simulator;
use std::time::Duration;

pub struct Env {
    pub sim: Simulator,
    pub key: String,
    pub client: Client,
}

/// A retry policy with short backoffs so fault tests stay fast.
pub fn fast_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        initial_backoff: Duration::from_millis(5),
        max_backoff: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(60),
        ..RetryPolicy::default()
    }
}

pub fn env() -> Env {
    let sim = Simulator::start().expect("start simulator");
    let key = Simulator::new_test_key();
    let client = Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .retry_policy(fast_retries(2))
        .build()
        .expect("client");
    Env { sim, key, client }
}

impl Env {
    /// A raw HTTP client for the control API.
    pub fn control(&self) -> reqwest::Client {
        reqwest::Client::new()
    }

    pub async fn post_sim(&self, path: &str, body: serde_json::Value) -> serde_json::Value {
        let response = self
            .control()
            .post(format!("{}{}", self.sim.base_url(), path))
            .bearer_auth(&self.key)
            .json(&body)
            .send()
            .await
            .expect("control call");
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.expect("json")
    }

    pub async fn get_sim(&self, path: &str) -> serde_json::Value {
        self.control()
            .get(format!("{}{}", self.sim.base_url(), path))
            .bearer_auth(&self.key)
            .send()
            .await
            .expect("control call")
            .json()
            .await
            .expect("json")
    }

    /// Logged API requests as the simulator saw them.
    pub fn requests(&self) -> Vec<momentpay_sim::server::RequestLogEntry> {
        self.sim.app().request_log()
    }

    /// Sets faults for the next requests.
    pub async fn faults(&self, config: serde_json::Value) {
        self.post_sim("/_sim/faults", config).await;
    }

    /// The customer pays session `session_id` at checkout with `card`; answers the session.
    pub async fn pay(&self, session_id: &str, card: &str) -> serde_json::Value {
        self.post_sim(
            &format!("/_sim/payment_sessions/{session_id}/complete"),
            serde_json::json!({"card_number": card}),
        )
        .await
    }

    /// How many payment sessions this test's merchant holds.
    pub async fn session_count(&self) -> serde_json::Value {
        self.get_sim("/_sim/stats").await["payment_sessions"].clone()
    }

    /// Repeats a create with `key` after an unknown outcome: the answer must be the first
    /// attempt's session, replayed, and the merchant must hold exactly one.
    pub async fn repeat_create(&self, params: &CreatePaymentSession, key: &str) -> PaymentSession {
        let again = self
            .client
            .payment_sessions()
            .create(params)
            .idempotency_key(key)
            .with_response()
            .await
            .expect("the first attempt's result");
        assert!(
            again.meta.idempotent_replayed,
            "answered from the stored result"
        );
        assert_eq!(self.session_count().await, 1, "applied once");
        again.data
    }
}
