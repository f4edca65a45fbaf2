//! Pays a hosted checkout page in real headless Chromium (Debian's `chromium` and
//! `chromium-driver`, driven over the W3C WebDriver protocol) and checks that the signed
//! webhook arrives and verifies.
//!
//! It needs the browser, so it is `#[ignore]`d in a plain `cargo test`; the README's test
//! command installs chromium and runs it with `--ignored`.

use momentpay::models::{CreatePaymentSession, CustomerDetails, EventType, PaymentOutcome};
use momentpay_sim::{Simulator, WebhookInbox};
mod support;

use std::time::Duration;
use support::webdriver::Driver;

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; the README's test command runs it"]
async fn a_person_pays_the_checkout_in_headless_chromium() {
    let sim = Simulator::start().expect("simulator");
    let key = Simulator::new_test_key();
    let inbox = WebhookInbox::start().expect("inbox");
    let (_, secret) = sim.register_webhook(inbox.url(), Some(&key));
    let client = momentpay::Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .build()
        .expect("client");
    let session = client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(
            5000,
            "ZAR",
            CustomerDetails::new("Alex", "alex@example.com"),
        ))
        .await
        .expect("session");
    let url = session.session_url.clone().expect("session_url");

    let profile = std::env::temp_dir().join(format!("momentpay-chromium-{}", std::process::id()));
    let mut driver = Driver::start().await;
    driver.open_browser(&profile).await;
    driver.go(&url).await;
    assert_eq!(driver.text("#amount").await, "ZAR 50.00");
    // A declined card first: the page says so and the session stays open.
    driver
        .type_into("#card_number", "4000 0000 0000 0002")
        .await;
    driver.type_into("#expiry", "12/34").await;
    driver.type_into("#cvc", "123").await;
    driver.click("#pay").await;
    driver.wait_for_text("#error", "declined").await;
    // Then the good card.
    driver
        .type_into("#card_number", "4242 4242 4242 4242")
        .await;
    driver.type_into("#expiry", "12/34").await;
    driver.type_into("#cvc", "123").await;
    driver.click("#pay").await;
    assert_eq!(
        driver.wait_for_text("#result", "Payment successful").await,
        "Payment successful"
    );
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("checkout-paid.png");
    driver.screenshot(&shot).await;
    let _ = driver
        .call(reqwest::Method::DELETE, &driver.path(""), None)
        .await;
    let _ = std::fs::remove_dir_all(&profile);

    let delivery = tokio::task::spawn_blocking(move || {
        let found = inbox.wait_for_body("payment_session.completed", Duration::from_secs(15));
        (found, inbox)
    })
    .await
    .expect("join")
    .0
    .expect("the completion webhook arrived");
    let event = momentpay::Webhook::new(&secret)
        .expect("secret")
        .verify(&delivery.body, &delivery.headers)
        .expect("signed");
    assert_eq!(event.kind, EventType::PaymentSessionCompleted);
    let paid = event.payment_session().expect("session");
    assert_eq!(paid.id, session.id);
    assert_eq!(paid.payment_outcome, Some(PaymentOutcome::Paid));
    assert!(paid.payment_method_id.is_some());
}
