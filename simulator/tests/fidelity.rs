//! Issue 22: where walking Moment's guides against the simulator found it saying something
//! other than the docs (`api/moment-api.md` section and doc path in each test). Each test
//! fails on main 4cc42af.

mod support;

use momentpay::models::{
    CreatePaymentSession, CustomerDetails, EventType, MandateOptions, MandateType,
};
use momentpay_sim::Simulator;
use serde_json::{Value, json};
use std::time::Duration;
use support::http::http;
use support::merchant::new_merchant;

const WAIT: Duration = Duration::from_secs(10);

/// Pays a first session and answers (customer, payment method) from its completed event.
async fn first_paid(sim: &Simulator, params: &CreatePaymentSession) -> (String, String) {
    let session = sim
        .client()
        .payment_sessions()
        .create(params)
        .await
        .expect("first session");
    sim.pay(&session.id, "4242424242424242").expect("pay");
    let event = sim
        .webhooks()
        .wait_for(EventType::PaymentSessionCompleted, Some(&session.id), WAIT)
        .await
        .expect("completed");
    let done = event.payment_session().expect("session").clone();
    (
        done.customer_id.expect("customer"),
        done.payment_method_id.expect("payment method"),
    )
}

async fn next_raw(sim: &Simulator, amount: i64, customer: &str, method: &str) -> (u16, Value) {
    let response = http()
        .post(format!("{}/collect/payment_sessions", sim.base_url()))
        .bearer_auth(sim.api_key())
        .json(
            &json!({"type": "next_in_series", "amount": amount, "currency": "ZAR",
                      "options": {"customer": customer, "payment_method": method}}),
        )
        .send()
        .await
        .expect("request");
    (
        response.status().as_u16(),
        response.json().await.expect("json"),
    )
}

#[tokio::test]
async fn a_verification_makes_a_mandate_later_charges_can_use() {
    // Item 1 (4.5, payment-method-verification): first_in_series with amount 0 "verifies
    // the method and creates the mandate"; it was capped at 1 minor unit.
    let sim = Simulator::start().expect("simulator");
    let params = CreatePaymentSession::first_in_series(
        0,
        "ZAR",
        CustomerDetails::new("Vee", "vee@example.com"),
    );
    let (customer, method) = first_paid(&sim, &params).await;
    let (status, body) = next_raw(&sim, 5000, &customer, &method).await;
    assert_eq!(status, 201, "{body}");
}

#[tokio::test]
async fn next_in_series_answers_as_the_guide_shows() {
    // Items 2 and 7 (3.1, quickstart-recurring): payment_status "unpaid" while it runs, and no
    // session_url key at all (it was "pending" and null).
    let sim = Simulator::start().expect("simulator");
    let params = CreatePaymentSession::first_in_series(
        5000,
        "ZAR",
        CustomerDetails::new("Alex", "alex@example.com"),
    );
    let (customer, method) = first_paid(&sim, &params).await;
    let (status, body) = next_raw(&sim, 5000, &customer, &method).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "active");
    assert_eq!(body["payment_status"], "unpaid");
    assert!(
        body["payment_id"]
            .as_str()
            .is_some_and(|p| p.starts_with("pay_"))
    );
    assert!(body.get("session_url").is_none(), "{body}");
}

#[tokio::test]
async fn the_session_amount_is_the_ceiling_with_or_without_mandate_options() {
    // Item 4 (4.3, mandates/consent): "Default = the first_in_series session amount as the
    // ceiling"; with mandate_options but no amount there was no ceiling.
    let sim = Simulator::start().expect("simulator");
    let params = CreatePaymentSession::first_in_series(
        3000,
        "ZAR",
        CustomerDetails::new("Sam", "sam@example.com"),
    )
    .mandate(MandateOptions::new(MandateType::OnDemand));
    let (customer, method) = first_paid(&sim, &params).await;
    let (over, body) = next_raw(&sim, 3001, &customer, &method).await;
    assert_eq!(over, 422, "{body}");
    let (ok, body) = next_raw(&sim, 3000, &customer, &method).await;
    assert_eq!(ok, 201, "{body}");
}

#[tokio::test]
async fn billing_payments_keep_the_payment_rules_every_entity_shows() {
    // Item 6 (3.5, billing customers/accounts): min_amount 100, overpayment not allowed.
    let sim = Simulator::start().expect("simulator");
    let (key, client) = new_merchant(&sim);
    client
        .billing()
        .customers()
        .create(&momentpay::models::CreateBillingCustomer::new("C-1").balance(2000, "ZAR"))
        .await
        .expect("customer");
    let pay = |amount: i64| {
        http()
            .post(format!("{}/_sim/billing/payments", sim.base_url()))
            .bearer_auth(&key)
            .json(&json!({"customer": "C-1", "amount": amount}))
            .send()
    };
    for (amount, why) in [(50, "minimum"), (2500, "overpayment")] {
        let refused = pay(amount).await.expect("request");
        assert_eq!(refused.status(), 422, "{amount}");
        assert!(
            refused.text().await.expect("body").contains(why),
            "{amount}"
        );
    }
    assert_eq!(pay(2000).await.expect("request").status(), 201);
    let customer = client
        .billing()
        .customers()
        .retrieve("C-1")
        .await
        .expect("customer");
    assert_eq!(customer.balance, Some(0), "never below zero");
}

#[tokio::test]
async fn the_checkout_judges_expiry_by_the_merchants_clock() {
    // Item 9: a merchant who moved its clock ten years on meets card expiry as its customers
    // would then; the checkout used the simulator's global clock.
    let sim = Simulator::start().expect("simulator");
    sim.advance_clock(Duration::from_secs(10 * 366 * 86_400));
    let session = sim
        .client()
        .payment_sessions()
        .create(&CreatePaymentSession::one_time(500, "ZAR"))
        .await
        .expect("session");
    let checkout = session.session_url.expect("session_url");
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock")
        .as_millis() as i64;
    let this_year: i64 = momentpay_sim::clock::date(now_ms)[..4]
        .parse()
        .expect("year");
    let year = this_year % 100 + 4; // valid today, expired ten years on
    let form = format!("card_number=4242424242424242&expiry=12%2F{year}&cvc=123");
    let answer = http()
        .post(&checkout)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .expect("request");
    assert_eq!(answer.status(), 422);
    assert!(answer.text().await.expect("page").contains("expired"));
}

#[tokio::test]
async fn a_cycle_window_counts_periods_from_its_anchor_day() {
    // Item 8 (4.3, mandates/controls): period_limits.window {mode: cycle, anchor:
    // {type: day_of_month, day}} was ignored (periods were always calendar months).
    let sim = Simulator::start().expect("simulator");
    // Move the merchant's clock a day at a time to a 10th, so the cycle can start on the 11th.
    let day_of_month = |sim: &Simulator| -> u32 {
        momentpay_sim::clock::date(sim.app().lock().now_ms(sim.api_key()))[8..10]
            .parse()
            .expect("day")
    };
    while day_of_month(&sim) != 10 {
        sim.advance_clock(Duration::from_secs(86_400));
    }
    let mut mandate = MandateOptions::on_demand_up_to(5000);
    mandate.controls = Some(
        serde_json::from_value(json!({"period_limits": {"period": "month", "max_count": 1,
        "window": {"mode": "cycle", "anchor": {"type": "day_of_month", "day": 11}}}}))
        .expect("controls"),
    );
    let params = CreatePaymentSession::first_in_series(
        5000,
        "ZAR",
        CustomerDetails::new("Cy", "cy@example.com"),
    )
    .mandate(mandate);
    let (customer, method) = first_paid(&sim, &params).await;
    let (first, body) = next_raw(&sim, 1000, &customer, &method).await;
    assert_eq!(first, 201, "{body}");
    let (second, body) = next_raw(&sim, 1000, &customer, &method).await;
    assert_eq!(second, 422, "one charge per cycle: {body}");
    // The 11th opens a new cycle (a calendar month would still be the same period).
    sim.advance_clock(Duration::from_secs(86_400));
    let (third, body) = next_raw(&sim, 1000, &customer, &method).await;
    assert_eq!(third, 201, "a new cycle on the anchor day: {body}");
}
