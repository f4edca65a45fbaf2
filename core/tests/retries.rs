//! Retries and idempotency over real HTTP, with faults injected by the simulator.

mod common;

use common::{env, fast_retries};
use momentpay::models::CreatePaymentSession;
use momentpay::models::ListParams;
use momentpay::{Client, ErrorKind};
use serde_json::json;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// The create attempts, in order of arrival.
fn create_requests(env: &common::Env) -> Vec<momentpay_sim::server::RequestLogEntry> {
    let mut attempts: Vec<_> = env
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/collect/payment_sessions")
        .collect();
    attempts.sort_by_key(|r| r.received_at_ms);
    attempts
}

#[tokio::test]
async fn a_503_then_201_is_one_logical_call_with_one_idempotency_key() {
    let env = env();
    env.faults(json!({"next": ["503"]})).await;
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(5000, "ZAR"))
        .await
        .expect("created after a retry");
    let attempts = create_requests(&env);
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].status, Some(503));
    assert_eq!(attempts[1].status, Some(201));
    assert!(attempts[0].idempotency_key.is_some());
    assert_eq!(attempts[0].idempotency_key, attempts[1].idempotency_key);
    assert_eq!(attempts[0].retry_count, Some(0));
    assert_eq!(attempts[1].retry_count, Some(1));
    let stats = env.get_sim("/_sim/stats").await;
    assert_eq!(stats["payment_sessions"], 1);
    assert!(session.id.starts_with("ps_"));
}

#[tokio::test]
async fn a_429_waits_for_retry_after() {
    let env = env();
    env.faults(json!({"next": ["429"], "retry_after_seconds": 1}))
        .await;
    env.client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("created after the wait");
    let attempts = create_requests(&env);
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].status, Some(429));
    let waited = attempts[1].received_at_ms - attempts[0].received_at_ms;
    assert!(
        waited >= 1000,
        "the retry came {waited} ms after the 429, before its Retry-After of 1 s"
    );
    assert_eq!(attempts[0].idempotency_key, attempts[1].idempotency_key);
}

#[tokio::test]
async fn a_400_is_not_retried() {
    let env = env();
    let page = env
        .post_sim("/_sim/payment_pages", json!({"amount": 100}))
        .await;
    let id = page["id"].as_str().expect("page id");
    let error = env
        .client
        .payment_pages()
        .list_transactions(
            id,
            &ListParams {
                cursor: Some("pt_unknown".into()),
                limit: None,
            },
        )
        .await
        .expect_err("the simulator rejects an unknown cursor");
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert_eq!(error.status(), Some(400));
    assert_eq!(error.field(), Some("cursor"));
    assert!(!error.is_retryable());
    assert!(error.request_id().is_some_and(|r| r.starts_with("req_")));
    let attempts: Vec<_> = env
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/transactions"))
        .collect();
    assert_eq!(attempts.len(), 1, "a 400 must not be retried");
}

#[tokio::test]
async fn a_dropped_connection_is_retried() {
    let env = env();
    env.faults(json!({"next": ["drop"]})).await;
    env.client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("created after the reset");
    let attempts = create_requests(&env);
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].status, None,
        "the first attempt's connection was dropped"
    );
    assert_eq!(attempts[0].idempotency_key, attempts[1].idempotency_key);
    assert_eq!(env.get_sim("/_sim/stats").await["payment_sessions"], 1);
}

#[tokio::test]
async fn a_lost_response_is_replayed_not_repeated() {
    let env = env();
    env.faults(json!({"next": ["lost_response"]})).await;
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(700, "ZAR"))
        .await
        .expect("replayed");
    let attempts = create_requests(&env);
    assert_eq!(attempts.len(), 2);
    assert_eq!(attempts[0].status, Some(201), "the first attempt committed");
    assert!(attempts[1].replayed, "the retry got the stored response");
    assert_eq!(
        env.get_sim("/_sim/stats").await["payment_sessions"],
        1,
        "no double charge"
    );
    let retrieved = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(retrieved.id, session.id);
}

#[tokio::test]
async fn a_slow_response_past_the_timeout_is_not_duplicated() {
    let env = env();
    // The first attempt takes 3 s on the server; the client gives up on it at 250 ms, so its
    // retries arrive while it still runs (409 in use) on however busy a machine, then get the
    // stored response once it is done.
    env.faults(json!({"next": ["delay"], "delay_ms": 3000}))
        .await;
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(900, "ZAR"))
        .timeout(Duration::from_millis(250))
        .max_retries(8)
        .await
        .expect("created once");
    assert_eq!(env.get_sim("/_sim/stats").await["payment_sessions"], 1);
    let attempts = create_requests(&env);
    let statuses: Vec<_> = attempts.iter().map(|r| r.status).collect();
    assert_eq!(
        statuses[0], None,
        "the client gave up on the slow first attempt: {statuses:?}"
    );
    assert!(
        statuses.contains(&Some(409)),
        "a retry met the running request: {statuses:?}"
    );
    assert!(
        attempts.last().is_some_and(|r| r.replayed),
        "the last retry got the stored response: {statuses:?}"
    );
    assert!(
        attempts
            .iter()
            .all(|r| r.idempotency_key == attempts[0].idempotency_key)
    );
    assert!(session.id.starts_with("ps_"));
}

#[tokio::test]
async fn an_unknown_outcome_says_it_may_have_been_applied_and_names_the_key() {
    let env = env();
    env.faults(json!({"next": ["delay"], "delay_ms": 1500}))
        .await;
    let params = CreatePaymentSession::one_time(901, "ZAR").external_reference("unknown-outcome");
    // The first attempt times out while the simulator still works on it; the retry meets
    // it running (409) and is the last: no definite answer.
    let error = env
        .client
        .payment_sessions()
        .create(&params)
        .timeout(Duration::from_millis(200))
        .max_retries(1)
        .await
        .expect_err("no definite answer");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(error.outcome_unknown());
    assert!(error.is_retryable());
    let key = error.idempotency_key().expect("the key it used").to_owned();
    assert!(
        error.message().contains("may have been applied") && error.message().contains(&key),
        "{error}"
    );
    // Once the first attempt has committed, repeating with the key answers its result.
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while env.session_count().await != 1 {
        assert!(
            std::time::Instant::now() < deadline,
            "the first attempt never committed"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    env.repeat_create(&params, &key).await;
}

#[tokio::test]
async fn a_refused_connection_is_not_an_unknown_outcome() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
    let port = closed.local_addr().expect("addr").port();
    drop(closed);
    let client = Client::builder()
        .api_key(momentpay_sim::Simulator::new_test_key())
        .base_url(format!("http://127.0.0.1:{port}"))
        .retry_policy(fast_retries(1))
        .build()
        .expect("client");
    let error = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect_err("nobody listens");
    assert_eq!(error.kind(), ErrorKind::Connection);
    assert!(!error.outcome_unknown(), "nothing was sent: {error}");
    assert!(error.idempotency_key().is_some());
}

#[tokio::test]
async fn retries_exhausted_give_a_typed_retryable_error() {
    let env = env();
    env.faults(json!({"next": ["503", "503", "503"]})).await;
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect_err("three 503s");
    assert_eq!(error.kind(), ErrorKind::Server);
    assert_eq!(error.status(), Some(503));
    assert_eq!(error.code(), Some("service-unavailable"));
    assert!(error.is_retryable());
    assert!(!error.outcome_unknown(), "a 503 refused before any work");
    assert_eq!(
        create_requests(&env).len(),
        3,
        "first attempt plus the default two retries"
    );
    // A 500 may follow a commit: after a POST it is an unknown outcome, after a GET not.
    env.faults(json!({"next": ["500", "500", "500"]})).await;
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect_err("three 500s");
    assert_eq!(error.kind(), ErrorKind::Timeout);
    assert!(error.outcome_unknown() && error.idempotency_key().is_some());
    env.faults(json!({"next": ["500", "500", "500"]})).await;
    let error = env
        .client
        .payment_sessions()
        .retrieve("ps_missing")
        .await
        .expect_err("three 500s");
    assert_eq!(
        (error.kind(), error.status(), error.code()),
        (ErrorKind::Server, Some(500), Some("internal-error"))
    );
    assert!(!error.outcome_unknown());
}

#[tokio::test]
async fn idempotent_replay_and_mismatch() {
    let env = env();
    let params = CreatePaymentSession::one_time(1200, "ZAR").external_reference("order_1");
    let first = env
        .client
        .payment_sessions()
        .create(&params)
        .idempotency_key("order-1")
        .await
        .expect("first");
    let second = env
        .client
        .payment_sessions()
        .create(&params)
        .idempotency_key("order-1")
        .await
        .expect("replay");
    assert_eq!(first, second, "the same key returns the same session");
    assert!(create_requests(&env)[1].replayed);
    let other = CreatePaymentSession::one_time(1300, "ZAR");
    let error = env
        .client
        .payment_sessions()
        .create(&other)
        .idempotency_key("order-1")
        .await
        .expect_err("mismatch");
    assert_eq!(error.kind(), ErrorKind::IdempotencyConflict);
    assert_eq!(error.code(), Some("idempotency-key-mismatch"));
    assert_eq!(env.get_sim("/_sim/stats").await["payment_sessions"], 1);
}

#[tokio::test]
async fn bad_idempotency_keys_never_reach_the_network() {
    let env = env();
    for key in [
        "",
        "has space",
        "line\r\nX-Injected: 1",
        &"k".repeat(256),
        "ключ",
    ] {
        let error = env
            .client
            .payment_sessions()
            .create(&CreatePaymentSession::one_time(1, "ZAR"))
            .idempotency_key(key)
            .await
            .expect_err("refused");
        assert_eq!(error.kind(), ErrorKind::Validation);
        assert_eq!(error.field(), Some("idempotency_key"));
    }
    assert!(env.requests().is_empty());
}

/// With 30% of requests failing in every way the simulator can, 1,000 creates through the
/// core make exactly 1,000 sessions: none duplicated, none lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn thirty_percent_faults_lose_and_duplicate_nothing() {
    let env = env();
    let client = Client::builder()
        .api_key(&env.key)
        .base_url(env.sim.base_url())
        .timeout(Duration::from_millis(400))
        .retry_policy(fast_retries(12))
        .build()
        .expect("client");
    env.faults(json!({"rate": 0.3, "delay_ms": 600, "retry_after_seconds": 1, "seed": 7}))
        .await;
    let semaphore = Arc::new(tokio::sync::Semaphore::new(48));
    let mut tasks = Vec::new();
    for i in 0..1000 {
        let client = client.clone();
        let semaphore = semaphore.clone();
        tasks.push(tokio::spawn(async move {
            let _permit = semaphore.acquire_owned().await.expect("permit");
            let params = CreatePaymentSession::one_time(100 + i, "ZAR")
                .external_reference(format!("soak_{i}"));
            let call = client.payment_sessions().create(&params);
            // Half the calls bring their own idempotency key, half let the SDK make one.
            let call = if i % 2 == 0 {
                call.idempotency_key(format!("soak-key-{i}"))
            } else {
                call
            };
            call.await.map(|s| s.id)
        }));
    }
    let mut ids = HashSet::new();
    for task in tasks {
        let id = task
            .await
            .expect("no panic")
            .expect("every call succeeds within its retries");
        assert!(ids.insert(id), "two calls returned the same session");
    }
    env.post_sim("/_sim/faults", json!({"rate": 0.0})).await;
    let stats = env.get_sim("/_sim/stats").await;
    assert_eq!(
        stats["payment_sessions"], 1000,
        "exactly one session per call"
    );
    assert_eq!(stats["duplicated_external_references"], json!([]));
    assert_eq!(ids.len(), 1000);
    let faults = env.requests().iter().filter(|r| r.fault.is_some()).count();
    assert!(faults > 200, "faults were injected ({faults})");
}

#[tokio::test]
async fn an_unknown_outcome_says_why_it_is_a_timeout_and_a_field_error_is_said_once() {
    // Issue 28, item 10: more faults than retries ended in "APITimeoutError … (last: HTTP 429)"
    // with no word on why a 429 makes a timeout; and an error's text repeated its field error.
    let env = env();
    env.faults(serde_json::json!({"next": ["500", "429", "429"], "retry_after_seconds": 0}))
        .await;
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect_err("faults outlast the retries");
    assert!(error.outcome_unknown(), "{error}");
    let text = error.to_string();
    assert!(
        text.contains("reported as a timeout because the outcome is unknown"),
        "{text}"
    );
    assert!(text.contains("HTTP 429"), "{text}");
    // A validation problem from the server names its field once.
    let raw = momentpay::operations::invoke(
        &env.client,
        "payment_sessions.create",
        None,
        serde_json::json!({"amount": 100, "currency": "ZAR"}),
        momentpay::RequestOptions::new().extra_body(
            serde_json::json!({"foo": 1})
                .as_object()
                .cloned()
                .unwrap_or_default(),
        ),
    )
    .await
    .expect_err("unknown field");
    let text = raw.to_string();
    assert_eq!(text.matches("unknown field").count(), 1, "{text}");
}
