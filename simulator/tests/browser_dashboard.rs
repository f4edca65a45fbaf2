//! Uses the dashboard (`/_sim/`) in real headless Chromium as a developer would: finds the
//! merchant, sees its objects (a `<script>` in metadata shown as text, never run), pays a
//! session, resends an event and advances the clock with the page's own buttons.
//!
//! It needs the browser, so it is `#[ignore]`d in a plain `cargo test`; the README's test
//! command installs chromium and runs it with `--ignored`.

mod support;

use momentpay::models::{CreatePaymentSession, EventType};
use momentpay_sim::Simulator;
use momentpay_sim::server::key_fingerprint;
use serde_json::Value;
use std::time::Duration;
use support::webdriver::Driver;

const HOSTILE: &str =
    "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">";

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; the README's test command runs it"]
async fn a_developer_drives_the_dashboard_in_headless_chromium() {
    let sim = Simulator::start().expect("simulator");
    let client = sim.client();
    let session = client
        .payment_sessions()
        .create(
            &CreatePaymentSession::one_time(4200, "ZAR")
                .metadata("note", HOSTILE)
                .metadata("<b>key</b>", "it & \"quotes\""),
        )
        .await
        .expect("session");
    let created = sim
        .webhooks()
        .wait_for(
            EventType::PaymentSessionCreated,
            Some(&session.id),
            Duration::from_secs(15),
        )
        .await
        .expect("created event");

    let profile = std::env::temp_dir().join(format!("momentpay-dashboard-{}", std::process::id()));
    let mut driver = Driver::start().await;
    driver.open_browser(&profile).await;

    // The index lists the merchant by fingerprint, never by key.
    driver.go(&format!("{}/_sim/", sim.base_url())).await;
    let fingerprint = key_fingerprint(sim.api_key());
    let listed = driver.text("#merchants").await;
    assert!(listed.contains(&fingerprint), "{listed}");
    assert!(
        !listed.contains(sim.api_key()),
        "the key itself is never shown"
    );
    driver.click("a.merchant").await;
    driver.wait_for_text("h1", "Merchant").await;

    // Metadata is shown as text, and nothing in it ran.
    let row = driver.text(&format!("#row-{}", session.id)).await;
    assert!(row.contains("<script>window.__pwned = 1</script>"), "{row}");
    assert!(
        row.contains("<b>key</b>") && row.contains("it & \\\"quotes\\\""),
        "{row}"
    );
    assert!(row.contains("ZAR 42.00"), "{row}");
    let ran = driver
        .execute("return [window.__pwned === undefined, document.querySelectorAll('#payment_sessions script, #payment_sessions img').length]")
        .await;
    assert_eq!(
        ran,
        serde_json::json!([true, 0]),
        "no injected element exists"
    );

    // Pay the session with the page's button.
    driver
        .click(&format!("#row-{} button.pay", session.id))
        .await;
    driver.wait_for_text("#notice", "completed (paid)").await;
    let row = driver.text(&format!("#row-{}", session.id)).await;
    assert!(row.contains("completed"), "{row}");
    let completed = sim
        .webhooks()
        .wait_for(
            EventType::PaymentSessionCompleted,
            Some(&session.id),
            Duration::from_secs(15),
        )
        .await
        .expect("the completion webhook");

    // Resend the creation event: a second delivery with the same webhook-id arrives.
    let events = driver.text("#events").await;
    assert!(
        events.contains(&completed.id) && events.contains("payment_session.completed"),
        "{events}"
    );
    let so_far = sim.webhooks().received().await.expect("read").len();
    driver
        .click(&format!("#row-{} button.resend", created.id))
        .await;
    driver.wait_for_text("#notice", "Resent").await;
    let repeated = sim
        .webhooks()
        .wait_for_count(so_far + 1, Duration::from_secs(15))
        .await
        .expect("the resent delivery");
    assert_eq!(
        repeated.iter().filter(|e| e.id == created.id).count(),
        2,
        "it arrived again, verified"
    );
    driver
        .go(&format!("{}/_sim/dashboard/{fingerprint}", sim.base_url()))
        .await;
    let deliveries = driver.text("#deliveries").await;
    assert!(deliveries.contains("resend"), "{deliveries}");
    assert!(
        deliveries.contains("204"),
        "each attempt shows its status: {deliveries}"
    );

    // Advance the merchant's clock two days.
    let before = driver.text("#now").await;
    driver.clear("#advance-amount").await;
    driver.type_into("#advance-amount", "2").await;
    driver.click("#advance").await;
    driver
        .wait_for_text("#notice", "Advanced the clock by 172800 s")
        .await;
    let after = driver.text("#now").await;
    assert!(after > before, "{before} -> {after}");
    let clock: Value = reqwest::Client::new()
        .get(format!("{}/_sim/clock", sim.base_url()))
        .bearer_auth(sim.api_key())
        .send()
        .await
        .expect("clock")
        .json()
        .await
        .expect("json");
    assert!(
        clock["offset_seconds"].as_f64().unwrap_or_default() >= 172_800.0,
        "{clock}"
    );

    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("dashboard.png");
    driver.screenshot(&shot).await;
    driver.quit().await;
    let _ = std::fs::remove_dir_all(&profile);
}
