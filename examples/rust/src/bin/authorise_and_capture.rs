//! Authorise now, capture later: a manual-capture checkout, two partial captures and a void
//! of the rest, against the embedded simulator (or the real API with `MOMENT_API_KEY`, where
//! you pay the checkout yourself).

use momentpay::models::*;
use momentpay::{Client, ErrorKind};
use momentpay_sim::Simulator;
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = if std::env::var("MOMENT_API_KEY").is_ok() {
        None
    } else {
        Some(Simulator::start()?)
    };
    let client = match &sim {
        Some(sim) => Client::builder()
            .api_key(Simulator::new_test_key())
            .base_url(sim.base_url())
            .build()?,
        None => Client::from_env()?,
    };
    let session = client
        .payment_sessions()
        .create(
            &CreatePaymentSession::one_time(300_000, "ZAR")
                .manual_capture()
                .external_reference("order_3000"),
        )
        .await?;
    println!(
        "1. authorise R3 000.00: checkout at {}",
        session.session_url.as_deref().unwrap_or("-")
    );
    if let Some(sim) = &sim {
        reqwest::Client::new()
            .post(format!(
                "{}/_sim/payment_sessions/{}/complete",
                sim.base_url(),
                session.id
            ))
            .json(&serde_json::json!({"card_number": "4242424242424242"}))
            .send()
            .await?
            .error_for_status()?;
    }
    let reserved = loop {
        let current = client.payment_sessions().retrieve(&session.id).await?;
        if current.status != PaymentSessionStatus::Active {
            break current;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    };
    println!(
        "   session outcome: {}",
        reserved
            .payment_outcome
            .as_ref()
            .map_or("-", |o| o.as_str())
    );
    let payment_id = reserved.payment_id.ok_or("no payment")?;

    let first = client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(120_000))
        .idempotency_key("order_3000-capture-1")
        .await?;
    println!(
        "2. captured R1 200.00: paid {:?} of {:?}",
        first.paid_amount, first.authorised_amount
    );
    let second = client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(80_000))
        .idempotency_key("order_3000-capture-2")
        .await?;
    println!(
        "3. captured R800.00: paid {:?}, remaining {}",
        second.paid_amount,
        second.remaining_authorised()
    );
    match client
        .payments()
        .capture(&payment_id, &CapturePayment::amount(200_000))
        .await
    {
        Err(error) if error.kind() == ErrorKind::Conflict => {
            println!("4. capturing too much is refused: {}", error.message())
        }
        other => return Err(format!("expected a conflict, got {other:?}").into()),
    }
    let voided = client.payments().void(&payment_id).await?;
    println!(
        "5. voided the rest: authorised {:?}, paid {:?}, voided {:?}",
        voided.authorised_amount, voided.paid_amount, voided.voided_amount
    );
    Ok(())
}
