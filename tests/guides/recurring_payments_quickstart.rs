//! Guide: "Recurring payments" quickstart (seeds 000 and 001;
//! /api-reference/collect/payment_sessions/quickstart-recurring). Part 1 sets up the mandate
//! (steps 1-3), Part 2 collects recurring payments (steps 4-5), with the guide's bodies.

use momentpay::models::EventType;
use momentpay_guides::{Guide, expect_fields, id_with};
use serde_json::{Value, json};

#[tokio::test]
async fn the_recurring_payments_quickstart_step_by_step() {
    let guide = Guide::start();

    // Step 1: create a first_in_series session (the guide's body).
    let (status, first) = guide
        .post(
            "/collect/payment_sessions",
            json!({
                "type": "first_in_series",
                "amount": 5000,
                "currency": "ZAR",
                "options": {"customer": {"name": "Alex", "email": "alex@example.com"}}
            }),
        )
        .await;
    assert_eq!(status, 201, "step 1: {first}");
    expect_fields(
        "step 1",
        &first,
        &[
            ("type", json!("first_in_series")),
            ("status", json!("active")),
            ("payment_status", json!("unpaid")),
            ("amount", json!(5000)),
            ("currency", json!("ZAR")),
        ],
    );
    let session_id = id_with("step 1", &first, "id", "ps_");
    let customer_id = id_with("step 1", &first, "customer_id", "cus_");
    assert!(
        first["session_url"]
            .as_str()
            .is_some_and(|u| u.contains("/checkout/")),
        "step 1: a session_url for the customer: {first}"
    );
    for stamp in ["created_at", "updated_at"] {
        assert!(
            first[stamp].as_str().is_some_and(|t| t.ends_with('Z')),
            "step 1: {stamp}"
        );
    }

    // Step 2: the customer completes the checkout (test card 4242 4242 4242 4242).
    guide.checkout(&session_id);

    // Step 3: payment_session.completed carries customer_id and payment_method_id.
    let completed = guide
        .webhook(EventType::PaymentSessionCompleted, &session_id)
        .await;
    assert_eq!(completed["type"], "payment_session.completed");
    let data = &completed["data"];
    expect_fields(
        "step 3",
        data,
        &[
            ("id", json!(session_id)),
            ("type", json!("first_in_series")),
            ("status", json!("completed")),
            ("payment_status", json!("paid")),
            ("amount", json!(5000)),
            ("currency", json!("ZAR")),
            ("customer_id", json!(customer_id)),
        ],
    );
    let payment_method_id = id_with("step 3", data, "payment_method_id", "pmt_");
    id_with("step 3", data, "payment_id", "pay_");

    // Step 4: a next_in_series session with the stored IDs; no checkout.
    let (status, next) = guide
        .post(
            "/collect/payment_sessions",
            json!({
                "type": "next_in_series",
                "amount": 5000,
                "currency": "ZAR",
                "options": {"customer": customer_id, "payment_method": payment_method_id}
            }),
        )
        .await;
    assert_eq!(status, 201, "step 4: {next}");
    expect_fields(
        "step 4",
        &next,
        &[
            ("type", json!("next_in_series")),
            ("status", json!("active")),
            ("payment_status", json!("unpaid")),
            ("amount", json!(5000)),
            ("currency", json!("ZAR")),
            ("customer_id", json!(customer_id)),
        ],
    );
    assert_eq!(
        next.get("session_url"),
        None,
        "step 4: no session_url: {next}"
    );
    let next_id = id_with("step 4", &next, "id", "ps_");
    let payment_id = id_with("step 4", &next, "payment_id", "pay_");

    // Step 5: payment_session.completed again, with the same structure as in Part 1.
    let done = guide
        .webhook(EventType::PaymentSessionCompleted, &next_id)
        .await;
    expect_fields(
        "step 5",
        &done["data"],
        &[
            ("type", json!("next_in_series")),
            ("status", json!("completed")),
            ("payment_status", json!("paid")),
            ("customer_id", json!(customer_id)),
            ("payment_method_id", json!(payment_method_id)),
            ("payment_id", json!(payment_id)),
        ],
    );
    // And the session reads back as the webhook said.
    let (_, read): (u16, Value) = guide
        .get(&format!("/collect/payment_sessions/{next_id}"))
        .await;
    assert_eq!(read["status"], "completed");
}
