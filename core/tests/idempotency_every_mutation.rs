//! Every mutating operation (POST, PATCH, DELETE) under a lost response: the first attempt
//! commits and its answer never arrives, the retry carries the same idempotency key and is
//! answered from the stored response, and the effect happens once. A capture applied twice
//! is the most expensive bug a payments SDK can have; this runs every mutation in the
//! operation table through it, so a new one cannot be left out.

mod common;

use common::env;
use momentpay::RequestOptions;
use momentpay::operations::{invoke, mutates, names};
use serde_json::{Value, json};
use std::collections::HashSet;

#[tokio::test]
async fn every_mutation_survives_a_lost_response_once() {
    let env = env();
    let c = &env.client;
    let mut covered = HashSet::new();

    // The objects the mutations act on, made without faults.
    let plain = async |op: &str, id: Option<&str>, params: Value| -> Value {
        invoke(c, op, id, params, RequestOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{op}: {e:?}"))
            .value
    };
    // One mutation under `lost_response`: answers the call's JSON after checking the
    // simulator saw two attempts with one key, the first committed and the second replayed.
    let mut lossy = async |op: &'static str, id: Option<&str>, params: Value| -> Value {
        covered.insert(op);
        let before = env.requests().len();
        env.faults(json!({"next": ["lost_response"]})).await;
        let answer = invoke(c, op, id, params, RequestOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{op}: a lost response must be replayed, not fail: {e:?}"));
        let attempts: Vec<_> = env.requests().into_iter().skip(before).collect();
        assert_eq!(
            attempts.len(),
            2,
            "{op}: one attempt lost, one retry: {attempts:?}"
        );
        let key = attempts[0].idempotency_key.clone();
        assert!(
            key.as_deref().is_some_and(|k| !k.is_empty()),
            "{op}: sent with an Idempotency-Key"
        );
        assert_eq!(
            attempts[1].idempotency_key, key,
            "{op}: the retry reuses the key"
        );
        assert!(
            attempts[0].fault.is_some(),
            "{op}: the first attempt's answer was lost"
        );
        assert!(
            attempts[0].status.is_some_and(|s| (200..300).contains(&s)),
            "{op}: the first attempt committed"
        );
        assert!(
            attempts[1].replayed,
            "{op}: the retry got the stored response"
        );
        assert!(
            answer.meta.idempotent_replayed,
            "{op}: the caller is told it was a replay"
        );
        answer.value
    };

    // Payment sessions and payments.
    let created = lossy(
        "payment_sessions.create",
        None,
        json!({"amount": 900, "currency": "ZAR", "external_reference": "once",
               "options": {"payment_method_options": {"card": {"capture_method": "manual"}}}}),
    )
    .await;
    let session_id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(env.session_count().await, 1, "one session, not two");
    env.post_sim(
        &format!("/_sim/payment_sessions/{session_id}/complete"),
        json!({}),
    )
    .await;
    let session = plain("payment_sessions.retrieve", Some(&session_id), Value::Null).await;
    let payment_id = session["payment_id"].as_str().expect("payment").to_owned();
    let captured = lossy(
        "payments.capture",
        Some(&payment_id),
        json!({"amount": 400}),
    )
    .await;
    assert_eq!(captured["paid_amount"], 400, "captured once, not twice");
    let payment = plain("payments.retrieve", Some(&payment_id), Value::Null).await;
    assert_eq!(payment["paid_amount"], 400, "the server holds one capture");
    let voided = lossy("payments.void", Some(&payment_id), Value::Null).await;
    assert_eq!(voided["voided_amount"], 500, "the rest voided once");

    // Payment requests and pages.
    let request = lossy(
        "payment_requests.create",
        None,
        json!({"amount": 100, "currency": "ZAR", "external_reference": "req-once"}),
    )
    .await;
    let request_id = request["id"].as_str().expect("id").to_owned();
    let updated = lossy(
        "payment_requests.update",
        Some(&request_id),
        json!({"description": "changed once"}),
    )
    .await;
    assert_eq!(updated["description"], "changed once");
    let deleted = lossy("payment_requests.delete", Some(&request_id), Value::Null).await;
    assert_eq!(
        deleted["deleted"], true,
        "the retry of a delete is not a 404"
    );
    let page = env
        .post_sim("/_sim/payment_pages", json!({"amount": 100}))
        .await;
    let page_id = page["id"].as_str().expect("id").to_owned();
    let page = lossy(
        "payment_pages.update",
        Some(&page_id),
        json!({"title": "t"}),
    )
    .await;
    assert_eq!(page["title"], "t");

    // Billing: creates would answer 409 on a second apply; void would answer 409 too.
    lossy(
        "billing.customers.create",
        None,
        json!({"external_reference": "C1"}),
    )
    .await;
    let customer = lossy("billing.customers.update", Some("C1"), json!({"name": "N"})).await;
    assert_eq!(customer["name"], "N");
    lossy(
        "billing.accounts.create",
        None,
        json!({"customer": "C1", "external_reference": "A1"}),
    )
    .await;
    let account = lossy("billing.accounts.update", Some("A1"), json!({"name": "N"})).await;
    assert_eq!(account["name"], "N");
    lossy(
        "billing.bills.create",
        None,
        json!({"external_reference": "B1", "amount_due": 10, "currency": "ZAR", "account": "A1"}),
    )
    .await;
    let bill = lossy(
        "billing.bills.update",
        Some("B1"),
        json!({"metadata": {"k": "v"}}),
    )
    .await;
    assert_eq!(bill["metadata"]["k"], "v");
    let bill = lossy("billing.bills.void", Some("B1"), Value::Null).await;
    assert_eq!(
        bill["status"], "voided",
        "voided once (a second void is a 409)"
    );

    let mutations: HashSet<&str> = names().filter(|op| mutates(op)).collect();
    assert_eq!(
        covered, mutations,
        "every mutating operation ran under a lost response"
    );
}
