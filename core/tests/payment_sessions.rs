//! Payment sessions and payments over real HTTP: every session type, checkout outcomes,
//! verification, manual capture with the documented 409s, mandates and subscriptions.

mod common;

use common::env;
use momentpay::ErrorKind;
use momentpay::models::*;
use serde_json::json;
use std::time::Duration;

fn alex() -> CustomerDetails {
    CustomerDetails::new("Alex", "alex@example.com")
}

#[tokio::test]
async fn one_time_session_through_checkout() {
    let env = env();
    let params = CreatePaymentSession::one_time(2000, "zar")
        .return_url("https://shop.example/orders/1")
        .external_reference("order_1")
        .metadata("order_id", "1");
    let session = env
        .client
        .payment_sessions()
        .create(&params)
        .await
        .expect("create");
    assert_eq!(session.kind, PaymentSessionType::OneTime);
    assert_eq!(session.currency, "ZAR", "currency is sent upper-case");
    assert_eq!(session.status, PaymentSessionStatus::Active);
    assert_eq!(session.payment_outcome, Some(PaymentOutcome::NotStarted));
    assert_eq!(session.mode, Some(Mode::Test));
    assert_eq!(
        session.return_url.as_deref(),
        Some("https://shop.example/orders/1")
    );
    let url = session.session_url.clone().expect("session_url");
    assert!(url.starts_with(env.sim.base_url()));
    let page = reqwest::get(&url)
        .await
        .expect("checkout page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("ZAR 20.00"));

    env.pay(&session.id, "4242 4242 4242 4242").await;
    let paid = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(paid.status, PaymentSessionStatus::Completed);
    assert_eq!(paid.payment_outcome, Some(PaymentOutcome::Paid));
    assert_eq!(paid.payment_status, Some(SessionPaymentStatus::Paid));
    let payment = env
        .client
        .payments()
        .retrieve(paid.payment_id.as_deref().expect("payment_id"))
        .await
        .expect("payment");
    assert_eq!(payment.status, PaymentStatus::Succeeded);
    assert_eq!(payment.paid_amount, Some(2000));
    assert_eq!(payment.external_reference.as_deref(), Some("order_1"));
    assert_eq!(
        payment
            .payment_method_details
            .and_then(|d| d.card)
            .and_then(|c| c.last4)
            .as_deref(),
        Some("4242")
    );
}

#[tokio::test]
async fn declined_attempt_keeps_the_session_open_for_another_card() {
    let env = env();
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("create");
    env.pay(&session.id, "4000 0000 0000 9995").await;
    let declined = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(
        declined.status,
        PaymentSessionStatus::Active,
        "the customer may retry"
    );
    assert_eq!(declined.payment_outcome, Some(PaymentOutcome::Unpaid));
    let error = declined.last_payment_error.expect("last_payment_error");
    assert_eq!(error.error_code.as_deref(), Some("card_declined"));
    assert_eq!(error.decline_code.as_deref(), Some("insufficient_funds"));
    env.pay(&session.id, "4242424242424242").await;
    let paid = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(paid.payment_outcome, Some(PaymentOutcome::Paid));
    assert!(paid.last_payment_error.is_none());
}

#[tokio::test]
async fn verification_with_amount_zero_saves_the_card() {
    let env = env();
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::verification("ZAR"))
        .await
        .expect("create");
    env.pay(&session.id, "4242424242424242").await;
    let verified = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(
        verified.payment_outcome,
        Some(PaymentOutcome::PaymentMethodVerified)
    );
    assert!(verified.payment_method_id.is_some());
    let payment = env
        .client
        .payments()
        .retrieve(verified.payment_id.as_deref().expect("payment"))
        .await
        .expect("payment");
    assert_eq!(
        payment.intent,
        Some(PaymentIntent::PaymentMethodVerification)
    );
    assert_eq!(payment.authorised_amount, Some(0));
}

#[tokio::test]
async fn recurring_series_under_a_mandate() {
    let env = env();
    let first = env
        .client
        .payment_sessions()
        .create(
            &CreatePaymentSession::first_in_series(5000, "ZAR", alex())
                .mandate(MandateOptions::on_demand_up_to(6000).max_occurrences(2)),
        )
        .await
        .expect("first_in_series");
    assert!(
        first
            .customer_id
            .as_deref()
            .is_some_and(|c| c.starts_with("cus_"))
    );
    env.pay(&first.id, "4242424242424242").await;
    let completed = env
        .client
        .payment_sessions()
        .retrieve(&first.id)
        .await
        .expect("retrieve");
    let customer = completed.customer_id.clone().expect("customer");
    let method = completed.payment_method_id.clone().expect("payment method");

    let next = CreatePaymentSession::next_in_series(5500, "ZAR", &customer, &method);
    let charged = env
        .client
        .payment_sessions()
        .create(&next)
        .await
        .expect("next_in_series");
    assert_eq!(charged.kind, PaymentSessionType::NextInSeries);
    assert!(
        charged.session_url.is_none(),
        "no checkout for next_in_series"
    );
    assert!(charged.payment_id.is_some(), "payment_id returned at once");
    let done = env
        .client
        .payment_sessions()
        .retrieve(&charged.id)
        .await
        .expect("retrieve");
    assert_eq!(done.status, PaymentSessionStatus::Completed);
    assert_eq!(done.payment_outcome, Some(PaymentOutcome::Paid));

    let too_much = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::next_in_series(
            6001, "ZAR", &customer, &method,
        ))
        .await
        .expect_err("over the mandate");
    assert_eq!(too_much.kind(), ErrorKind::InvalidRequest);
    assert_eq!(too_much.status(), Some(422));
    assert_eq!(too_much.field(), Some("amount"));

    let wrong_currency = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::next_in_series(
            100, "USD", &customer, &method,
        ))
        .await
        .expect_err("currency");
    assert_eq!(wrong_currency.field(), Some("currency"));

    env.client
        .payment_sessions()
        .create(&next)
        .await
        .expect("second payment");
    let third = env
        .client
        .payment_sessions()
        .create(&next)
        .await
        .expect_err("max_occurrences is 2");
    assert_eq!(third.field(), Some("options.payment_method"));
    assert!(third.message().contains("at most 2"), "{third}");

    let unknown = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::next_in_series(
            100,
            "ZAR",
            &customer,
            "pmt_unknown",
        ))
        .await
        .expect_err("unknown method");
    assert_eq!(unknown.field(), Some("options.payment_method"));
}

#[tokio::test]
async fn a_saved_card_that_declines_completes_next_in_series_unpaid() {
    let env = env();
    let first = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(100, "ZAR", alex()))
        .await
        .expect("create");
    env.pay(&first.id, "4000000000000119").await;
    let still_open = env
        .client
        .payment_sessions()
        .retrieve(&first.id)
        .await
        .expect("retrieve");
    assert_eq!(still_open.status, PaymentSessionStatus::Active);
    assert_eq!(
        still_open
            .last_payment_error
            .and_then(|e| e.error_code)
            .as_deref(),
        Some("processing_error")
    );
    // 4000 0000 0000 0341 saves fine and declines every later charge.
    env.pay(&first.id, "4000 0000 0000 0341").await;
    let saved = env
        .client
        .payment_sessions()
        .retrieve(&first.id)
        .await
        .expect("retrieve");
    assert_eq!(saved.payment_outcome, Some(PaymentOutcome::Paid));
    let next = CreatePaymentSession::next_in_series(
        100,
        "ZAR",
        saved.customer_id.as_deref().unwrap_or(""),
        saved.payment_method_id.as_deref().unwrap_or(""),
    );
    let charged = env
        .client
        .payment_sessions()
        .create(&next)
        .await
        .expect("accepted");
    let done = env
        .client
        .payment_sessions()
        .retrieve(&charged.id)
        .await
        .expect("retrieve");
    assert_eq!(
        done.status,
        PaymentSessionStatus::Completed,
        "next_in_series always completes"
    );
    assert_eq!(done.payment_outcome, Some(PaymentOutcome::Unpaid));
    assert_eq!(
        done.last_payment_error
            .and_then(|e| e.decline_code)
            .as_deref(),
        Some("generic_decline")
    );
    let payment = env
        .client
        .payments()
        .retrieve(done.payment_id.as_deref().unwrap_or(""))
        .await
        .expect("payment");
    assert_eq!(payment.status, PaymentStatus::Failed);
}

#[tokio::test]
async fn mandate_validity_and_period_limits_are_enforced() {
    let env = env();
    let mut mandate = MandateOptions::scheduled(1000, Recurrence::monthly())
        .valid(DateRange::between("2020-01-01", "2020-12-31"));
    mandate.controls = Some(MandateControls {
        period_limits: Some(PeriodLimits {
            period: Some("month".into()),
            max_count: Some(1),
            ..Default::default()
        }),
    });
    let first = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(1000, "ZAR", alex()).mandate(mandate))
        .await
        .expect("create");
    env.pay(&first.id, "4242424242424242").await;
    let done = env
        .client
        .payment_sessions()
        .retrieve(&first.id)
        .await
        .expect("retrieve");
    let next = CreatePaymentSession::next_in_series(
        1000,
        "ZAR",
        done.customer_id.as_deref().unwrap_or(""),
        done.payment_method_id.as_deref().unwrap_or(""),
    );
    let expired = env
        .client
        .payment_sessions()
        .create(&next)
        .await
        .expect_err("the mandate ended in 2020");
    assert!(expired.message().contains("ended"), "{expired}");

    let mut monthly = MandateOptions::on_demand_up_to(1000);
    monthly.controls = Some(MandateControls {
        period_limits: Some(PeriodLimits {
            period: Some("month".into()),
            max_count: Some(1),
            ..Default::default()
        }),
    });
    let first = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(1000, "ZAR", alex()).mandate(monthly))
        .await
        .expect("create");
    env.pay(&first.id, "4242424242424242").await;
    let done = env
        .client
        .payment_sessions()
        .retrieve(&first.id)
        .await
        .expect("retrieve");
    let next = CreatePaymentSession::next_in_series(
        500,
        "ZAR",
        done.customer_id.as_deref().unwrap_or(""),
        done.payment_method_id.as_deref().unwrap_or(""),
    );
    env.client
        .payment_sessions()
        .create(&next)
        .await
        .expect("first this month");
    let second = env
        .client
        .payment_sessions()
        .create(&next)
        .await
        .expect_err("one per month");
    assert!(second.message().contains("per period"), "{second}");
    env.sim.advance_all_clocks(Duration::from_secs(32 * 86_400));
    env.client
        .payment_sessions()
        .create(&next)
        .await
        .expect("allowed again next month");
}

#[tokio::test]
async fn subscriptions_charge_as_the_clock_advances() {
    let env = env();
    let params = CreatePaymentSession::first_in_series(2500, "ZAR", alex())
        .mandate(MandateOptions::scheduled(2500, Recurrence::monthly()).max_occurrences(3))
        .subscription(SubscriptionOptions::default());
    let first = env
        .client
        .payment_sessions()
        .create(&params)
        .await
        .expect("create");
    env.pay(&first.id, "4242424242424242").await;
    let charges = env
        .post_sim("/_sim/clock/advance", json!({"seconds": 40 * 86_400}))
        .await;
    assert_eq!(charges["subscription_charges"], 1);
    let stats = env.get_sim("/_sim/stats?type=next_in_series").await;
    assert_eq!(stats["payment_sessions"], 1);
    env.sim
        .advance_all_clocks(Duration::from_secs(200 * 86_400));
    let stats = env.get_sim("/_sim/stats?type=next_in_series").await;
    assert_eq!(
        stats["payment_sessions"], 3,
        "max_occurrences stops the subscription"
    );
    let events = env.get_sim("/_sim/events").await;
    let completed = events["data"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| {
            e["type"] == "payment_session.completed"
                && e["body"]["data"]["type"] == "next_in_series"
        })
        .count();
    assert_eq!(completed, 3);
}

#[tokio::test]
async fn sessions_expire_after_a_day_of_inactivity() {
    let env = env();
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    env.sim
        .advance_all_clocks(Duration::from_secs(24 * 3600 + 1));
    let expired = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(expired.status, PaymentSessionStatus::Expired);
    assert_eq!(expired.payment_outcome, Some(PaymentOutcome::Unpaid));
    let response = env
        .control()
        .post(format!(
            "{}/_sim/payment_sessions/{}/complete",
            env.sim.base_url(),
            session.id
        ))
        .json(&json!({}))
        .send()
        .await
        .expect("call");
    assert_eq!(response.status(), 409);
}

#[tokio::test]
async fn manual_capture_partial_repeated_and_void() {
    let env = env();
    let session = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(3000, "ZAR").manual_capture())
        .await
        .expect("create");
    env.pay(&session.id, "4242424242424242").await;
    let reserved = env
        .client
        .payment_sessions()
        .retrieve(&session.id)
        .await
        .expect("retrieve");
    assert_eq!(reserved.payment_outcome, Some(PaymentOutcome::Reserved));
    assert_eq!(reserved.payment_status, Some(SessionPaymentStatus::Paid));
    let payment_id = reserved.payment_id.expect("payment");
    let authorised = env
        .client
        .payments()
        .retrieve(&payment_id)
        .await
        .expect("payment");
    assert_eq!(
        (authorised.authorised_amount, authorised.paid_amount),
        (Some(3000), Some(0))
    );
    assert!(authorised.authorization_expires_at.is_some());

    let first = env
        .client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(1200))
        .await
        .expect("partial");
    assert_eq!(first.paid_amount, Some(1200));
    let too_much = env
        .client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(1801))
        .await
        .expect_err("exceeds");
    assert_eq!(too_much.kind(), ErrorKind::Conflict);
    assert_eq!(
        too_much.problem().and_then(|p| p.detail.as_deref()),
        Some("The capture amount exceeds the remaining authorised amount.")
    );
    let second = env
        .client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(800))
        .await
        .expect("second partial");
    assert_eq!(second.paid_amount, Some(2000));
    let voided = env
        .client
        .payments()
        .void(&payment_id)
        .await
        .expect("void the rest");
    assert_eq!(
        (
            voided.authorised_amount,
            voided.paid_amount,
            voided.voided_amount
        ),
        (Some(3000), Some(2000), Some(1000))
    );
    let again = env
        .client
        .payments()
        .void(&payment_id)
        .await
        .expect_err("nothing left");
    assert_eq!(
        again.problem().and_then(|p| p.detail.as_deref()),
        Some("There is no remaining authorised amount to void.")
    );
    let capture_after = env
        .client
        .payments()
        .capture(&payment_id, &CapturePayment::full())
        .await
        .expect_err("closed");
    assert_eq!(capture_after.status(), Some(409));
}

#[tokio::test]
async fn void_capture_conflicts_and_expired_authorisations() {
    let env = env();
    let automatic = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR"))
        .await
        .expect("create");
    env.pay(&automatic.id, "4242424242424242").await;
    let payment_id = env
        .client
        .payment_sessions()
        .retrieve(&automatic.id)
        .await
        .expect("s")
        .payment_id
        .expect("p");
    let not_authorised = env
        .client
        .payments()
        .capture(&payment_id, &CapturePayment::full())
        .await
        .expect_err("automatic");
    assert_eq!(
        not_authorised.problem().and_then(|p| p.detail.as_deref()),
        Some("The payment is not in an authorised state and cannot be captured.")
    );
    let void_automatic = env
        .client
        .payments()
        .void(&payment_id)
        .await
        .expect_err("automatic");
    assert_eq!(
        void_automatic.problem().and_then(|p| p.detail.as_deref()),
        Some("The payment is not in an authorised state and cannot be voided.")
    );

    let manual = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR").manual_capture())
        .await
        .expect("create");
    env.pay(&manual.id, "4242424242424242").await;
    let manual_payment = env
        .client
        .payment_sessions()
        .retrieve(&manual.id)
        .await
        .expect("s")
        .payment_id
        .expect("p");
    env.client
        .payments()
        .void(&manual_payment)
        .await
        .expect("full void");
    let fully = env
        .client
        .payments()
        .void(&manual_payment)
        .await
        .expect_err("again");
    assert_eq!(
        fully.problem().and_then(|p| p.detail.as_deref()),
        Some("The payment has already been fully voided.")
    );

    let lapsing = env
        .client
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(100, "ZAR").manual_capture())
        .await
        .expect("create");
    env.pay(&lapsing.id, "4242424242424242").await;
    let lapsing_payment = env
        .client
        .payment_sessions()
        .retrieve(&lapsing.id)
        .await
        .expect("s")
        .payment_id
        .expect("p");
    env.sim.advance_all_clocks(Duration::from_secs(8 * 86_400));
    let expired = env
        .client
        .payments()
        .capture(&lapsing_payment, &CapturePayment::full())
        .await
        .expect_err("expired");
    assert_eq!(
        expired.problem().and_then(|p| p.detail.as_deref()),
        Some("The authorisation has expired and can no longer be captured.")
    );

    let missing = env
        .client
        .payments()
        .retrieve("pay_doesnotexist")
        .await
        .expect_err("404");
    assert_eq!(missing.kind(), ErrorKind::NotFound);
    assert_eq!(missing.code(), Some("not-found"));
}

#[tokio::test]
async fn validation_errors_name_the_field_before_the_network() {
    let env = env();
    let cases: Vec<(CreatePaymentSession, &str)> = vec![
        (CreatePaymentSession::one_time(-5, "ZAR"), "amount"),
        (CreatePaymentSession::one_time(100, "RAND"), "currency"),
        (
            CreatePaymentSession::one_time(100, "ZAR").kind(PaymentSessionType::NextInSeries),
            "options.customer",
        ),
        (
            CreatePaymentSession::next_in_series(0, "ZAR", "cus_1", "pmt_1"),
            "amount",
        ),
        (
            CreatePaymentSession::one_time(100, "ZAR").external_reference("has spaces"),
            "external_reference",
        ),
        (
            CreatePaymentSession::one_time(100, "ZAR").metadata("k".repeat(41), "v"),
            "metadata.kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk",
        ),
        (
            CreatePaymentSession::first_in_series(
                100,
                "ZAR",
                CustomerDetails {
                    phone: Some("0820000000".into()),
                    ..alex()
                },
            ),
            "options.customer.phone",
        ),
        (
            CreatePaymentSession::one_time(100, "ZAR").return_url("not a url"),
            "options.checkout_options.return_url",
        ),
    ];
    for (params, field) in cases {
        let error = env
            .client
            .payment_sessions()
            .create(&params)
            .await
            .expect_err(field);
        assert_eq!(error.kind(), ErrorKind::Validation, "{field}");
        assert_eq!(error.field(), Some(field));
    }
    assert!(env.requests().is_empty(), "nothing reached the network");
    let error = env
        .client
        .payment_sessions()
        .retrieve("ps_1/../../billing")
        .await
        .expect_err("path");
    assert_eq!(error.field(), Some("id"));
}

#[tokio::test]
async fn the_simulator_enforces_the_same_rules_on_raw_requests() {
    let env = env();
    let post = |body: serde_json::Value| {
        env.control()
            .post(format!("{}/collect/payment_sessions", env.sim.base_url()))
            .bearer_auth(&env.key)
            .json(&body)
            .send()
    };
    let response = post(json!({"amount": -1, "currency": "ZAR"}))
        .await
        .expect("call");
    assert_eq!(response.status(), 422);
    let problem: serde_json::Value = response.json().await.expect("json");
    assert_eq!(problem["errors"][0]["field"], "amount");
    let response = post(json!({"amount": "12", "currency": "ZAR"}))
        .await
        .expect("call");
    assert_eq!(response.status(), 400);
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let response = env
        .control()
        .post(format!("{}/collect/payment_sessions", env.sim.base_url()))
        .bearer_auth(&env.key)
        .body("{not json")
        .send()
        .await
        .expect("call");
    assert_eq!(response.status(), 400);
    let response = env
        .control()
        .post(format!("{}/collect/payment_sessions", env.sim.base_url()))
        .bearer_auth(&env.key)
        .body(vec![b'x'; 2 * 1024 * 1024])
        .send()
        .await
        .expect("call");
    assert_eq!(response.status(), 413);
    let response = env
        .control()
        .get(format!(
            "{}/collect/payment_sessions/ps_1",
            env.sim.base_url()
        ))
        .send()
        .await
        .expect("call");
    assert_eq!(response.status(), 401);
    assert!(response.headers().contains_key("x-request-id"));
    let unknown = env
        .control()
        .get(format!("{}/collect/refunds", env.sim.base_url()))
        .bearer_auth(&env.key)
        .send()
        .await
        .expect("call");
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        unknown.headers()["content-type"],
        "application/problem+json"
    );
    let wrong_method = env
        .control()
        .put(format!("{}/collect/payment_sessions", env.sim.base_url()))
        .bearer_auth(&env.key)
        .send()
        .await
        .expect("call");
    assert_eq!(wrong_method.status(), 405);
    let problem: serde_json::Value = wrong_method.json().await.expect("problem");
    assert_eq!(problem["status"], 405);
}
