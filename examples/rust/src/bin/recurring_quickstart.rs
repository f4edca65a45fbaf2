//! The recurring-payments quickstart from Moment's docs, end to end.
//!
//! Without `MOMENT_API_KEY`, it runs against an embedded simulator: it pays the hosted
//! checkout with the test card 4242 4242 4242 4242 the way a browser would, and receives
//! signed webhooks on a local receiver. With `MOMENT_API_KEY` (and optionally
//! `MOMENT_BASE_URL`, `MOMENT_WEBHOOK_SECRET`, `MOMENT_WEBHOOK_PORT`) it talks to the real
//! API: you pay the checkout yourself, and it polls when no webhook secret is given.

use momentpay::Client;
use momentpay::models::*;
use momentpay_examples::WebhookReceiver;
use momentpay_sim::Simulator;
use std::time::{Duration, Instant};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn step(n: u32, text: &str) {
    println!("\n{n}. {text}");
}

#[tokio::main]
async fn main() -> Result<()> {
    let started = Instant::now();
    let real_api = std::env::var("MOMENT_API_KEY").is_ok();
    let mut _simulator = None;
    let (client, mut receiver) = if real_api {
        println!("Using the real Moment API (MOMENT_API_KEY is set).");
        let client = Client::from_env()?;
        let receiver = match std::env::var("MOMENT_WEBHOOK_SECRET") {
            Ok(secret) => {
                let port = std::env::var("MOMENT_WEBHOOK_PORT")
                    .ok()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(8787);
                let receiver = WebhookReceiver::start(&secret, port).await?;
                println!(
                    "Webhook receiver listening on {} (expose it publicly and register it with Moment).",
                    receiver.url
                );
                Some(receiver)
            }
            Err(_) => None,
        };
        (client, receiver)
    } else {
        println!(
            "Starting the embedded Moment simulator (set MOMENT_API_KEY to use the real API)."
        );
        let sim = Simulator::start()?;
        let key = Simulator::new_test_key();
        let secret = momentpay::Webhook::generate_secret();
        let receiver = WebhookReceiver::start(&secret, 0).await?;
        let http = reqwest::Client::new();
        http.post(format!("{}/_sim/webhook_endpoints", sim.base_url()))
            .bearer_auth(&key)
            .json(&serde_json::json!({ "url": receiver.url, "secret": secret }))
            .send()
            .await?
            .error_for_status()?;
        println!(
            "   simulator at {}, webhooks to {}",
            sim.base_url(),
            receiver.url
        );
        let client = Client::builder()
            .api_key(key)
            .base_url(sim.base_url())
            .build()?;
        _simulator = Some(sim);
        (client, Some(receiver))
    };

    step(
        1,
        "Create a first_in_series session (the customer sets up a mandate)",
    );
    let params = CreatePaymentSession::first_in_series(
        5000,
        "ZAR",
        CustomerDetails::new("Alex", "alex@example.com"),
    )
    .mandate(MandateOptions::on_demand_up_to(5000))
    .external_reference("alex_membership");
    let session = client.payment_sessions().create(&params).await?;
    println!(
        "   session {} is {}; customer {}",
        session.id,
        session.status,
        session.customer_id.as_deref().unwrap_or("-")
    );
    let checkout_url = session
        .session_url
        .clone()
        .ok_or("no session_url in the response")?;
    println!("   checkout: {checkout_url}");

    step(2, "The customer pays the hosted checkout");
    if real_api {
        println!(
            "   Open the checkout above and pay with 4242 4242 4242 4242, any future expiry, any CVC."
        );
    } else {
        let page = reqwest::Client::new()
            .post(&checkout_url)
            .form(&[
                ("card_number", "4242 4242 4242 4242"),
                ("expiry", "12/34"),
                ("cvc", "123"),
            ])
            .send()
            .await?;
        let html = page.text().await?;
        println!(
            "   paid with 4242 4242 4242 4242: {}",
            if html.contains("Payment successful") {
                "Payment successful"
            } else {
                "not accepted"
            }
        );
    }

    step(
        3,
        "Receive payment_session.completed and store the customer and payment method",
    );
    let completed = wait_for_completion(
        &client,
        receiver.as_mut(),
        &session.id,
        Duration::from_secs(if real_api { 600 } else { 30 }),
    )
    .await?;
    let customer_id = completed.customer_id.clone().ok_or("no customer_id")?;
    let payment_method_id = completed
        .payment_method_id
        .clone()
        .ok_or("no payment_method_id")?;
    println!(
        "   verified webhook: session {} completed, outcome {}",
        completed.id,
        completed
            .payment_outcome
            .as_ref()
            .map_or("-", |o| o.as_str())
    );
    println!("   stored customer_id={customer_id} payment_method_id={payment_method_id}");

    for (i, amount) in [1500, 2500, 3500].into_iter().enumerate() {
        step(
            4 + i as u32,
            &format!(
                "Charge next_in_series payment {} of ZAR {:.2} (no customer present)",
                i + 1,
                amount as f64 / 100.0
            ),
        );
        let charge =
            CreatePaymentSession::next_in_series(amount, "ZAR", &customer_id, &payment_method_id)
                .external_reference(format!("alex_membership_{}", i + 1));
        let next = client
            .payment_sessions()
            .create(&charge)
            .idempotency_key(format!("alex-membership-charge-{}", i + 1))
            .await?;
        println!(
            "   session {} created, payment {}",
            next.id,
            next.payment_id.as_deref().unwrap_or("-")
        );
        let done = wait_for_completion(
            &client,
            receiver.as_mut(),
            &next.id,
            Duration::from_secs(60),
        )
        .await?;
        println!(
            "   verified webhook: payment_session.completed, outcome {}",
            done.payment_outcome.as_ref().map_or("-", |o| o.as_str())
        );
        if done.payment_outcome != Some(PaymentOutcome::Paid) {
            return Err(format!(
                "charge {} was not paid: {:?}",
                i + 1,
                done.last_payment_error
            )
            .into());
        }
    }

    println!(
        "\nDone: a mandate and three recurring payments, every webhook verified, in {:.1} s.",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Waits for `payment_session.completed` of `session_id`: from the verified webhook when a
/// receiver runs, otherwise by polling the session.
async fn wait_for_completion(
    client: &Client,
    receiver: Option<&mut WebhookReceiver>,
    session_id: &str,
    timeout: Duration,
) -> Result<PaymentSession> {
    match receiver {
        Some(receiver) => {
            let event = receiver
                .wait_for(timeout, |e| {
                    e.kind == EventType::PaymentSessionCompleted
                        && e.payment_session().is_some_and(|s| s.id == session_id)
                })
                .await?;
            Ok(event
                .payment_session()
                .cloned()
                .ok_or("no session in the event")?)
        }
        None => {
            let deadline = Instant::now() + timeout;
            loop {
                let session = client.payment_sessions().retrieve(session_id).await?;
                if session.status != PaymentSessionStatus::Active {
                    return Ok(session);
                }
                if Instant::now() > deadline {
                    return Err("the session did not complete in time".into());
                }
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    }
}
