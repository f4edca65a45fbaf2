//! Reliability over real HTTP against the simulator: unknown outcomes after a 5xx that
//! followed a commit, a cancelled call that keeps its key, the whole-call deadline, the
//! retry budget in an outage, a stuck pager, two captures racing on one payment.

mod common;

use common::{env, fast_retries};
use momentpay::models::*;
use momentpay::{Client, ErrorKind, RetryPolicy};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn client(env: &common::Env, policy: RetryPolicy) -> Client {
    Client::builder()
        .api_key(&env.key)
        .base_url(env.sim.base_url())
        .retry_policy(policy)
        .build()
        .expect("client")
}

/// An authorised manual-capture payment of `amount`.
async fn authorised_payment(env: &common::Env, amount: i64) -> String {
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(amount, "ZAR").manual_capture())
        .await
        .expect("create");
    env.pay(&session.id, "4242424242424242").await;
    env.client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve")
        .payment_id
        .expect("authorised")
}

#[tokio::test]
async fn a_502_after_commit_is_an_unknown_outcome_and_its_key_replays_the_result() {
    let env = env();
    env.faults(json!({"next": ["502_after_commit"]})).await;
    let params = CreatePaymentSession::one_time(700, "ZAR").external_reference("after-commit");
    let error = env
        .client
        .payment_sessions()
        .create(&params)
        .max_retries(0)
        .await
        .expect_err("the 502 is the only answer");
    assert_eq!(error.kind(), ErrorKind::Timeout, "{error}");
    assert!(
        error.outcome_unknown(),
        "a 502 after a POST may have been applied: {error}"
    );
    assert!(error.message().contains("may have been applied"), "{error}");
    let key = error.idempotency_key().expect("the key").to_owned();
    assert_eq!(env.session_count().await, 1, "the simulator did commit it");
    env.repeat_create(&params, &key).await;

    // Three in a row through two retries: still unknown, still one session.
    env.faults(json!({"next": ["502_after_commit", "502_after_commit", "502_after_commit"]}))
        .await;
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(701, "ZAR"))
        .await
        .expect_err("three 502s");
    assert!(error.outcome_unknown(), "{error}");
    assert_eq!(env.session_count().await, 2);
}

#[tokio::test]
async fn a_503_through_every_retry_is_definite_and_applied_nothing() {
    let env = env();
    env.faults(json!({"next": ["503", "503", "503"]})).await;
    let error = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(702, "ZAR"))
        .await
        .expect_err("three 503s");
    assert_eq!(error.status(), Some(503));
    assert!(
        !error.outcome_unknown(),
        "503 refuses before any work: {error}"
    );
    assert_eq!(env.session_count().await, 0);
}

#[tokio::test]
async fn a_dropped_capture_keeps_its_key_and_the_repeat_captures_once() {
    let env = env();
    let payment = authorised_payment(&env, 1000).await;
    env.faults(json!({"next": ["delay"], "delay_ms": 1500}))
        .await;
    let call = env
        .client
        .payments()
        .capture(&payment, &CapturePayment::amount(500));
    let key = call
        .current_idempotency_key()
        .expect("a mutation has its key before it is sent")
        .to_owned();
    let dropped = tokio::time::timeout(Duration::from_millis(200), call).await;
    assert!(
        dropped.is_err(),
        "cancelled while the simulator works on it"
    );
    // The cancelled attempt commits; the repeat with its key answers that capture.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let repeat = env
            .client
            .payments()
            .capture(&payment, &CapturePayment::amount(500))
            .idempotency_key(&key)
            .with_response()
            .await;
        match repeat {
            Ok(response) => {
                assert!(response.meta.idempotent_replayed);
                break;
            }
            Err(e) if e.kind() == ErrorKind::IdempotencyConflict || e.outcome_unknown() => {}
            Err(e) => panic!("unexpected: {e}"),
        }
        assert!(
            Instant::now() < deadline,
            "the first capture never finished"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let captured = env
        .client
        .payments()
        .retrieve(&payment)
        .await
        .expect("payment");
    assert_eq!(captured.paid_amount, Some(500), "captured once, not twice");
}

#[tokio::test]
async fn total_timeout_bounds_a_call_that_would_wait_an_hour() {
    let env = env();
    env.faults(json!({"rate": 1.0, "kinds": ["429"], "retry_after_seconds": 3600}))
        .await;
    let client = Client::builder()
        .api_key(&env.key)
        .base_url(env.sim.base_url())
        .total_timeout(Duration::from_millis(800))
        .build()
        .expect("client");
    let started = Instant::now();
    let error = client
        .payment_sessions()
        .retrieve("ps_missing")
        .await
        .expect_err("rate limited");
    let took = started.elapsed();
    assert_eq!(error.status(), Some(429), "{error}");
    assert!(error.message().contains("total_timeout"), "{error}");
    // Without the bound the default client waits 60 s (the capped Retry-After) twice.
    assert!(took < Duration::from_secs(30), "took {took:?}");

    // A mutation cut off by the deadline mid-attempt is an unknown outcome with its key.
    env.faults(json!({"rate": 0.0, "next": ["delay"], "delay_ms": 3000}))
        .await;
    let error = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(703, "ZAR"))
        .await
        .expect_err("cut off");
    assert!(error.outcome_unknown(), "{error}");
    assert!(error.idempotency_key().is_some());
}

#[tokio::test]
async fn the_retry_budget_stops_an_outage_from_tripling_the_load() {
    let env = env();
    env.faults(json!({"rate": 1.0, "kinds": ["503"]})).await;
    let client = client(&env, fast_retries(2));
    let calls = 300;
    for _ in 0..calls {
        let error = client
            .payment_sessions()
            .retrieve("ps_missing")
            .await
            .expect_err("down");
        assert_eq!(error.status(), Some(503));
    }
    let made = env
        .requests()
        .into_iter()
        .filter(|r| r.path == "/collect/payment_sessions/ps_missing")
        .count();
    // 500 tokens at 5 a retry: 100 retries, then one request per call.
    assert_eq!(made, calls + 100, "requests made for {calls} calls");
    assert_eq!(client.retry_budget_left(), 0);
    // Recovery refills it.
    env.faults(json!({"rate": 0.0})).await;
    for amount in 1..=10 {
        client
            .payment_sessions()
            .create(&CreatePaymentSession::one_time(amount, "ZAR"))
            .await
            .expect("up again");
    }
    assert_eq!(client.retry_budget_left(), 10);
}

#[tokio::test]
async fn two_captures_race_and_exactly_one_wins() {
    let env = env();
    for _ in 0..3 {
        let payment = authorised_payment(&env, 900).await;
        let calls = (0..8).map(|_| {
            let client = env.client.clone();
            let payment = payment.clone();
            tokio::spawn(async move {
                client
                    .payments()
                    .capture(&payment, &CapturePayment::full())
                    .await
            })
        });
        let results = futures_util::future::join_all(calls).await;
        let won = results.iter().filter(|r| matches!(r, Ok(Ok(_)))).count();
        assert_eq!(won, 1, "one capture wins");
        for result in results.into_iter().flatten() {
            if let Err(e) = result {
                assert_eq!(e.kind(), ErrorKind::Conflict, "{e}");
            }
        }
        let paid = env
            .client
            .payments()
            .retrieve(&payment)
            .await
            .expect("payment");
        assert_eq!(paid.paid_amount, Some(900));
    }
}

/// A server that answers every request with `status` and `body`, counting requests.
async fn fixed_answer_server(
    status: &'static str,
    body: &'static str,
) -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    let requests = Arc::new(AtomicUsize::new(0));
    let counted = requests.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let counted = counted.clone();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 16 * 1024];
                loop {
                    match stream.read(&mut buffer).await {
                        Ok(0) | Err(_) => return,
                        Ok(_) => {}
                    }
                    counted.fetch_add(1, Ordering::SeqCst);
                    let answer = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if stream.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, requests)
}

#[tokio::test]
async fn a_pager_whose_cursor_never_advances_stops_with_an_error() {
    // Always `has_more: true` with the same cursor and no items.
    let (url, requests) = fixed_answer_server(
        "200 OK",
        r#"{"data":[],"has_more":true,"next_cursor":"c1"}"#,
    )
    .await;
    let client = Client::builder()
        .api_key("sk_test_stuck")
        .base_url(url)
        .build()
        .expect("client");
    let mut pager =
        momentpay::resources::TransactionPager::new(&client, "pp_1", ListParams::default());
    let first = tokio::time::timeout(Duration::from_secs(10), pager.next())
        .await
        .expect("answers instead of looping");
    let error = first.expect("an item").expect_err("an error, not an item");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert!(error.message().contains("did not advance"), "{error}");
    assert!(pager.next().await.is_none());
    assert_eq!(requests.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_2xx_that_does_not_decode_says_the_call_was_applied() {
    let (url, requests) = fixed_answer_server("201 Created", r#"{"id": 5}"#).await;
    let client = Client::builder()
        .api_key("sk_test_odd")
        .base_url(url)
        .build()
        .expect("client");
    let error = client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .idempotency_key("order-odd")
        .await
        .expect_err("the body is not a session");
    assert_eq!(error.kind(), ErrorKind::Decode);
    assert_eq!(error.idempotency_key(), Some("order-odd"));
    assert!(error.message().contains("WAS applied"), "{error}");
    assert_eq!(
        requests.load(Ordering::SeqCst),
        1,
        "a decode error is not retried"
    );
}
