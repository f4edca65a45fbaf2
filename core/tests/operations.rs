//! The JSON operation table the bindings call: every operation, parse errors naming fields.

mod common;

use common::env;
use momentpay::operations::{invoke, names};
use momentpay::{ErrorKind, RequestOptions};
use serde_json::{Value, json};
use std::collections::HashSet;

#[tokio::test]
async fn every_operation_runs_through_the_table() {
    let env = env();
    let c = &env.client;
    let mut used = HashSet::new();
    let mut call = async |op: &'static str, id: Option<&str>, params: Value| -> Value {
        used.insert(op);
        invoke(c, op, id, params, RequestOptions::default())
            .await
            .unwrap_or_else(|e| panic!("{op}: {e:?}"))
            .value
    };
    let session = call("payment_sessions.create", None, json!({"amount": 900, "currency": "zar", "options": {"payment_method_options": {"card": {"capture_method": "manual"}}}})).await;
    let session_id = session["id"].as_str().expect("id").to_owned();
    env.post_sim(
        &format!("/_sim/payment_sessions/{session_id}/complete"),
        json!({}),
    )
    .await;
    let session = call("payment_sessions.retrieve", Some(&session_id), Value::Null).await;
    let payment_id = session["payment_id"].as_str().expect("payment").to_owned();
    assert_eq!(
        call("payments.retrieve", Some(&payment_id), Value::Null).await["id"],
        payment_id.as_str()
    );
    assert_eq!(
        call(
            "payments.capture",
            Some(&payment_id),
            json!({"amount": 400})
        )
        .await["paid_amount"],
        400
    );
    assert_eq!(
        call("payments.void", Some(&payment_id), Value::Null).await["voided_amount"],
        500
    );
    let request = call(
        "payment_requests.create",
        None,
        json!({"amount": 100, "currency": "ZAR"}),
    )
    .await;
    let request_id = request["id"].as_str().expect("id").to_owned();
    assert_eq!(
        call("payment_requests.retrieve", Some(&request_id), json!({})).await["id"],
        request_id.as_str()
    );
    assert_eq!(
        call(
            "payment_requests.update",
            Some(&request_id),
            json!({"description": "d"}),
        )
        .await["description"],
        "d"
    );
    assert_eq!(
        call("payment_requests.delete", Some(&request_id), Value::Null).await["deleted"],
        true
    );
    let page = env
        .post_sim("/_sim/payment_pages", json!({"amount": 100}))
        .await;
    let page_id = page["id"].as_str().expect("id").to_owned();
    env.post_sim(&format!("/_sim/payment_pages/{page_id}/pay"), json!({}))
        .await;
    assert_eq!(
        call("payment_pages.retrieve", Some(&page_id), Value::Null).await["amount"],
        100
    );
    assert_eq!(
        call(
            "payment_pages.update",
            Some(&page_id),
            json!({"title": "t"}),
        )
        .await["title"],
        "t"
    );
    assert_eq!(
        call(
            "payment_pages.list_transactions",
            Some(&page_id),
            json!({"limit": 10})
        )
        .await["data"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let customer = call(
        "billing.customers.create",
        None,
        json!({"external_reference": "C1"}),
    )
    .await;
    assert_eq!(customer["external_reference"], "C1");
    assert_eq!(
        call("billing.customers.retrieve", Some("C1"), Value::Null).await["id"],
        customer["id"]
    );
    assert_eq!(
        call("billing.customers.update", Some("C1"), json!({"name": "N"})).await["name"],
        "N"
    );
    let account = call(
        "billing.accounts.create",
        None,
        json!({"customer": "C1", "external_reference": "A1"}),
    )
    .await;
    assert_eq!(account["external_reference"], "A1");
    assert_eq!(
        call("billing.accounts.retrieve", Some("A1"), Value::Null).await["id"],
        account["id"]
    );
    assert_eq!(
        call("billing.accounts.update", Some("A1"), json!({"name": "N"})).await["name"],
        "N"
    );
    let bill = call(
        "billing.bills.create",
        None,
        json!({"external_reference": "B1", "amount_due": 10, "currency": "ZAR", "account": "A1"}),
    )
    .await;
    assert_eq!(bill["amount_due"], 10);
    assert_eq!(
        call("billing.bills.retrieve", Some("B1"), Value::Null).await["id"],
        bill["id"]
    );
    assert_eq!(
        call(
            "billing.bills.update",
            Some("B1"),
            json!({"metadata": {"k": "v"}}),
        )
        .await["metadata"]["k"],
        "v"
    );
    assert_eq!(
        call("billing.bills.void", Some("B1"), Value::Null).await["status"],
        "voided"
    );
    let all: HashSet<&str> = names().collect();
    assert_eq!(used, all, "every operation was exercised");
}

#[tokio::test]
async fn bad_parameters_name_the_field() {
    let env = env();
    let c = &env.client;
    let cases = [
        (
            "payment_sessions.create",
            json!({"amount": "5000", "currency": "ZAR"}),
            "amount",
        ),
        // A missing required parameter is reported against its own name.
        (
            "payment_sessions.create",
            json!({"currency": "ZAR"}),
            "amount",
        ),
        (
            "payment_sessions.create",
            json!({"amount": 1, "currency": "ZAR", "options": {"mandate_options": {"type": "scheduled", "amount": "x"}}}),
            "options.mandate_options.amount",
        ),
        (
            "payment_sessions.create",
            json!({"amount": 1.5, "currency": "ZAR"}),
            "amount",
        ),
        (
            "billing.customers.create",
            json!({"external_reference": 7}),
            "external_reference",
        ),
        ("payments.capture", json!({"amount": -3}), "amount"),
    ];
    for (op, params, field) in cases {
        let error = invoke(c, op, Some("pay_1"), params, RequestOptions::default())
            .await
            .expect_err(op);
        assert_eq!(error.kind(), ErrorKind::Validation, "{op}");
        assert_eq!(error.field(), Some(field), "{op}: {error}");
    }
    let missing_id = invoke(
        c,
        "payments.retrieve",
        None,
        Value::Null,
        RequestOptions::default(),
    )
    .await
    .expect_err("id");
    assert_eq!(missing_id.field(), Some("id"));
    let unknown = invoke(
        c,
        "payments.refund",
        Some("pay_1"),
        Value::Null,
        RequestOptions::default(),
    )
    .await
    .expect_err("op");
    assert_eq!(unknown.field(), Some("operation"));
    let extra = invoke(
        c,
        "payments.retrieve",
        Some("pay_1"),
        json!({"x": 1}),
        RequestOptions::default(),
    )
    .await
    .expect_err("params");
    assert_eq!(extra.field(), Some("params"));
    assert!(env.requests().is_empty(), "nothing reached the network");
}
