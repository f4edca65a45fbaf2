//! Guide: Payment Sessions overview (seed 002; /documentation/collect/payment-sessions/overview),
//! its table row by row: one_time, first_in_series and next_in_series; mandates;
//! subscriptions alongside mandate_options; authorisation and capture on every type;
//! payment-method verification with `amount: 0` (moment-api.md 4.5).

use momentpay::models::EventType;
use momentpay_guides::{Guide, expect_fields, id_with};
use serde_json::{Value, json};
use std::time::Duration;

const MANUAL: &str = "manual";

fn card(capture_method: &str) -> Value {
    json!({"card": {"capture_method": capture_method}})
}

/// Creates a customer-present session, pays it at checkout, answers its completed data.
async fn checkout_flow(guide: &Guide, body: Value) -> Value {
    let (status, session) = guide.post("/collect/payment_sessions", body).await;
    assert_eq!(status, 201, "{session}");
    let id = id_with("create", &session, "id", "ps_");
    assert!(
        session["session_url"].is_string(),
        "customer present: a checkout"
    );
    guide.checkout(&id);
    guide.webhook(EventType::PaymentSessionCompleted, &id).await["data"].clone()
}

#[tokio::test]
async fn one_time_pays_at_checkout_and_may_be_authorised_then_captured() {
    let guide = Guide::start();
    // "One-time payment by the customer": completes via the checkout page, no mandate.
    let paid = checkout_flow(
        &guide,
        json!({"type": "one_time", "amount": 1500, "currency": "ZAR"}),
    )
    .await;
    expect_fields(
        "one_time",
        &paid,
        &[
            ("status", json!("completed")),
            ("payment_status", json!("paid")),
            ("payment_outcome", json!("paid")),
        ],
    );
    // "Supported via capture_method: manual for card payments."
    let reserved = checkout_flow(
        &guide,
        json!({"type": "one_time", "amount": 1500, "currency": "ZAR",
        "options": {"payment_method_options": card(MANUAL)}}),
    )
    .await;
    expect_fields(
        "one_time manual",
        &reserved,
        &[("payment_outcome", json!("reserved"))],
    );
    let payment_id = id_with("one_time manual", &reserved, "payment_id", "pay_");
    let (status, captured) = guide
        .post(
            &format!("/collect/payments/{payment_id}/captures"),
            json!({"amount": 1500}),
        )
        .await;
    // The docs show no status code for captures and voids: any success.
    assert!((200..300).contains(&status), "{captured}");
    expect_fields(
        "capture",
        &captured,
        &[
            ("paid_amount", json!(1500)),
            ("authorised_amount", json!(1500)),
        ],
    );
}

#[tokio::test]
async fn verification_with_amount_0_saves_a_method_or_makes_a_mandate() {
    let guide = Guide::start();
    // one_time, amount 0: "Verifies and saves the payment method for future customer-initiated
    // payments" (no charge; the payment has zero amounts, intent payment_method_verification).
    let verified = checkout_flow(
        &guide,
        json!({"type": "one_time", "amount": 0, "currency": "ZAR"}),
    )
    .await;
    expect_fields(
        "one_time verification",
        &verified,
        &[
            ("status", json!("completed")),
            ("payment_outcome", json!("payment_method_verified")),
        ],
    );
    let payment_id = id_with("one_time verification", &verified, "payment_id", "pay_");
    let (_, payment) = guide.get(&format!("/collect/payments/{payment_id}")).await;
    expect_fields(
        "verification payment",
        &payment,
        &[
            ("intent", json!("payment_method_verification")),
            ("authorised_amount", json!(0)),
            ("paid_amount", json!(0)),
        ],
    );
    let succeeded = guide
        .webhook(EventType::PaymentSucceeded, &payment_id)
        .await;
    assert_eq!(succeeded["data"]["authorised_amount"], 0);

    // first_in_series, amount 0: "Verifies the payment method and creates a mandate for future
    // merchant-initiated payments": a next_in_series charge then goes through.
    let mandate = checkout_flow(
        &guide,
        json!({"type": "first_in_series", "amount": 0, "currency": "ZAR",
        "options": {"customer": {"name": "Vee", "email": "vee@example.com"}}}),
    )
    .await;
    expect_fields(
        "first_in_series verification",
        &mandate,
        &[("payment_outcome", json!("payment_method_verified"))],
    );
    let customer = id_with("mandate", &mandate, "customer_id", "cus_");
    let method = id_with("mandate", &mandate, "payment_method_id", "pmt_");
    let (status, next) = guide
        .post(
            "/collect/payment_sessions",
            json!({"type": "next_in_series", "amount": 2500,
        "currency": "ZAR", "options": {"customer": customer, "payment_method": method}}),
        )
        .await;
    assert_eq!(status, 201, "{next}");
}

#[tokio::test]
async fn first_and_next_in_series_support_authorisation_and_capture() {
    let guide = Guide::start();
    // first_in_series with capture_method manual: the first payment is reserved.
    let first = checkout_flow(
        &guide,
        json!({"type": "first_in_series", "amount": 4000, "currency": "ZAR",
        "options": {"customer": {"name": "Kim", "email": "kim@example.com"},
                    "payment_method_options": card(MANUAL)}}),
    )
    .await;
    expect_fields(
        "first manual",
        &first,
        &[("payment_outcome", json!("reserved"))],
    );
    let first_payment = id_with("first manual", &first, "payment_id", "pay_");
    let (status, _) = guide
        .post(
            &format!("/collect/payments/{first_payment}/captures"),
            json!({}),
        )
        .await;
    assert!(
        (200..300).contains(&status),
        "captures the whole authorisation"
    );
    // next_in_series with capture_method manual: reserved too, then voided.
    let (customer, method) = (
        first["customer_id"].clone(),
        first["payment_method_id"].clone(),
    );
    let (status, next) = guide
        .post(
            "/collect/payment_sessions",
            json!({"type": "next_in_series", "amount": 3000,
        "currency": "ZAR", "options": {"customer": customer, "payment_method": method,
                                         "payment_method_options": card(MANUAL)}}),
        )
        .await;
    assert_eq!(status, 201, "{next}");
    let next_id = id_with("next manual", &next, "id", "ps_");
    let done = guide
        .webhook(EventType::PaymentSessionCompleted, &next_id)
        .await;
    expect_fields(
        "next manual",
        &done["data"],
        &[("payment_outcome", json!("reserved"))],
    );
    let payment = id_with("next manual", &next, "payment_id", "pay_");
    let (status, voided) = guide
        .post(&format!("/collect/payments/{payment}/voids"), json!({}))
        .await;
    assert!((200..300).contains(&status), "{voided}");
    guide.webhook(EventType::PaymentVoided, &payment).await;
}

#[tokio::test]
async fn a_subscription_alongside_mandate_options_is_charged_on_schedule() {
    let guide = Guide::start();
    // "Provide subscription_options alongside mandate_options to automate recurring collections."
    let first = checkout_flow(&guide, json!({"type": "first_in_series", "amount": 2000, "currency": "ZAR",
        "options": {"customer": {"name": "Sam", "email": "sam@example.com"},
                    "mandate_options": {"type": "scheduled", "amount": 2000, "recurrence": {"type": "monthly", "interval_count": 1}},
                    "subscription_options": {}}})).await;
    let customer = first["customer_id"].clone();
    assert_eq!(
        guide.sim.advance_clock(Duration::from_secs(32 * 86_400)),
        1,
        "one charge a month on"
    );
    let renewal = guide
        .sim
        .webhooks()
        .wait_for_matching(
            EventType::PaymentSessionCompleted,
            |event| {
                event
                    .payment_session()
                    .is_some_and(|s| s.customer_id.as_deref() == customer.as_str())
                    && event
                        .payment_session()
                        .is_some_and(|s| s.id != first["id"].as_str().unwrap_or_default())
            },
            momentpay_guides::WAIT,
        )
        .await
        .expect("the subscription's charge");
    let session = renewal.payment_session().expect("session");
    assert_eq!(session.amount, 2000);
    assert_eq!(
        session.kind,
        momentpay::models::PaymentSessionType::NextInSeries
    );
}
