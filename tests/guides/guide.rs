//! What every guide test needs: a simulator, the guide's requests sent as the guide writes
//! them (raw JSON over HTTP, so the bodies are the guide's own), and the webhooks the guide
//! names, verified by the SDK and read as JSON.
//!
//! The guides are in `../shared/api/seeds/` (beside the repository); each test file says
//! which, and follows it step by step.

use momentpay::models::EventType;
use momentpay_sim::Simulator;
use serde_json::Value;
use std::time::Duration;

/// How long a guide waits for a webhook.
pub const WAIT: Duration = Duration::from_secs(10);

/// A simulator and its merchant, driven as a guide's reader would.
pub struct Guide {
    /// The simulator (its merchant is the reader's account).
    pub sim: Simulator,
    http: reqwest::Client,
}

impl Guide {
    /// A fresh simulator with a merchant and its webhook endpoint registered (the guides'
    /// prerequisite: "a test API key" and "a registered webhook endpoint").
    pub fn start() -> Guide {
        Guide {
            sim: Simulator::start().expect("simulator"),
            http: reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("http client"),
        }
    }

    /// `POST path` with `body` as the guide's curl sends it; answers the status and JSON.
    pub async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        self.post_with_method(reqwest::Method::POST, path, body)
            .await
    }

    /// `method path` with `body` (a PATCH, say); answers the status and JSON.
    pub async fn post_with_method(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Value,
    ) -> (u16, Value) {
        let response = self
            .http
            .request(method, format!("{}{path}", self.sim.base_url()))
            .bearer_auth(self.sim.api_key())
            .json(&body)
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// `GET path`; answers the status and JSON.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self
            .http
            .get(format!("{}{path}", self.sim.base_url()))
            .bearer_auth(self.sim.api_key())
            .send()
            .await
            .expect("request");
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// The customer completes the hosted checkout with the guide's test card.
    pub fn checkout(&self, session_id: &str) {
        self.sim
            .pay(session_id, "4242424242424242")
            .expect("checkout");
    }

    /// The webhook of `kind` about `object_id`, verified by the SDK as it arrived, then read
    /// as the JSON body a handler parses (`{id, type, data}`).
    pub async fn webhook(&self, kind: EventType, object_id: &str) -> Value {
        let event = self
            .sim
            .webhooks()
            .wait_for(kind, Some(object_id), WAIT)
            .await
            .expect("webhook");
        let (_, deliveries) = self.get("/_sim/webhook_deliveries").await;
        let body = deliveries["data"]
            .as_array()
            .and_then(|all| all.iter().find(|d| d["event_id"] == event.id.as_str()))
            .and_then(|d| d["body"].as_str())
            .expect("the delivery's body");
        serde_json::from_str(body).expect("a JSON body")
    }
}

/// Asserts `value[field]` equals `expected` for each pair, naming the step on failure.
pub fn expect_fields(step: &str, value: &Value, expected: &[(&str, Value)]) {
    for (field, want) in expected {
        assert_eq!(&value[*field], want, "{step}: `{field}` in {value}");
    }
}

/// Asserts `value[field]` is a string starting with `prefix` and answers it.
pub fn id_with(step: &str, value: &Value, field: &str, prefix: &str) -> String {
    let id = value[field].as_str().unwrap_or_default();
    assert!(
        id.starts_with(prefix),
        "{step}: `{field}` should be a {prefix}… ID in {value}"
    );
    id.to_owned()
}
