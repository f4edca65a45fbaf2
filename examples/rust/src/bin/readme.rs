//! README.md's "Rust in one minute", whole (the README embeds this file, and tests/docs checks
//! the copy): it compiles in the test command. Run it against the simulator with
//! `eval $(momentpay-sim serve --print-env)` then `cargo run -p momentpay-examples --bin readme`.
use axum::{body::Bytes, http::HeaderMap, http::StatusCode};
use momentpay::{Client, models::*, webhooks::Webhook};

#[tokio::main]
async fn main() -> Result<(), momentpay::Error> {
    let client = Client::from_env()?; // MOMENT_API_KEY, MOMENT_BASE_URL (default: Moment)

    // A first payment that sets up a mandate; send the customer to session_url.
    let customer = CustomerDetails::new("Alex", "alex@example.com");
    let session = client
        .payment_sessions()
        .create(
            &CreatePaymentSession::first_in_series(5000, "ZAR", customer)
                .mandate(MandateOptions::on_demand_up_to(5000)),
        )
        .await?;
    println!("pay at {}", session.session_url.unwrap_or_default());

    // Moment posts events to your webhook route (see `webhook` below).
    let _app: axum::Router = axum::Router::new().route("/webhooks", axum::routing::post(webhook));
    Ok(())
}

/// Your webhook route (axum here): the raw body and the headers, as received. Deduplicate
/// on `event.id` (deliveries can repeat). A declined charge also arrives as
/// `payment_session.completed`: keep the card only when `payment_outcome` says paid.
pub async fn webhook(headers: HeaderMap, body: Bytes) -> StatusCode {
    let secret = std::env::var("MOMENT_WEBHOOK_SECRET").unwrap_or_default();
    let Ok(event) = Webhook::new(&secret).and_then(|w| w.verify(&body, &headers)) else {
        return StatusCode::BAD_REQUEST; // forged, replayed (over 180 s old) or malformed
    };
    if event.kind == EventType::PaymentSessionCompleted
        && let Some(done) = event.payment_session()
        && done.payment_outcome == Some(PaymentOutcome::Paid)
    {
        // store done.customer_id and done.payment_method_id for later charges
    }
    StatusCode::NO_CONTENT
}

/// Later charges, without the customer; safe to repeat with the same idempotency key.
#[allow(dead_code)] // your scheduler calls it
pub async fn charge_again(
    client: &Client,
    customer_id: &str,
    payment_method_id: &str,
) -> Result<PaymentSession, momentpay::Error> {
    client
        .payment_sessions()
        .create(&CreatePaymentSession::next_in_series(
            5000,
            "ZAR",
            customer_id,
            payment_method_id,
        ))
        .idempotency_key("membership-2026-12")
        .await
}
