//! Billing balances: a customer with a balance owed, an account and a bill; payments applied
//! (through the simulator's control API) and the verified `obligation.amount_applied`
//! webhooks. Runs against the embedded simulator.

use momentpay::Client;
use momentpay::models::*;
use momentpay_examples::WebhookReceiver;
use momentpay_sim::Simulator;
use std::time::Duration;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start()?;
    let key = Simulator::new_test_key();
    let secret = momentpay::Webhook::generate_secret();
    let mut receiver = WebhookReceiver::start(&secret, 0).await?;
    let http = reqwest::Client::new();
    http.post(format!("{}/_sim/webhook_endpoints", sim.base_url()))
        .bearer_auth(&key)
        .json(&serde_json::json!({"url": receiver.url, "secret": secret}))
        .send()
        .await?
        .error_for_status()?;
    let client = Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .build()?;
    let billing = client.billing();

    let customer = billing
        .customers()
        .create(
            &CreateBillingCustomer::new("UCR1234567890")
                .contact("John Doe", "john.doe@example.com")
                .balance(20_000, "ZAR"),
        )
        .await?;
    println!("1. customer {} owes {:?}", customer.id, customer.balance);
    let account = billing
        .accounts()
        .create(
            &CreateBillingAccount::new(
                BillingCustomerRef::Id(customer.id.clone()),
                "UAR1234567890",
            )
            .name("Gym membership")
            .balance(5_000, "ZAR"),
        )
        .await?;
    println!("2. account {} owes {:?}", account.id, account.balance);
    let bill = billing
        .bills()
        .create(
            &CreateBill::for_account(
                "INV-2026-001",
                BillingAccountRef::Id(account.id.clone()),
                2_000,
                "ZAR",
            )
            .due_date("2026-12-31"),
        )
        .await?;
    println!(
        "3. bill {} for {} is {}",
        bill.id, bill.amount_due, bill.status
    );

    for body in [
        serde_json::json!({"customer": customer.id, "amount": 15_000}),
        serde_json::json!({"bill": bill.id, "amount": 2_000}),
    ] {
        http.post(format!("{}/_sim/billing/payments", sim.base_url()))
            .bearer_auth(&key)
            .json(&body)
            .send()
            .await?
            .error_for_status()?;
        let event = receiver
            .wait_for(Duration::from_secs(10), |e| {
                e.kind == EventType::ObligationAmountApplied
            })
            .await?;
        let obligation = event.obligation().ok_or("no obligation")?;
        println!(
            "4. verified obligation.amount_applied: {} applied to {}",
            obligation.amount,
            obligation
                .bill_id
                .as_deref()
                .or(obligation.customer_id.as_deref())
                .unwrap_or("-")
        );
    }
    println!(
        "5. customer now owes {:?}",
        billing.customers().retrieve("UCR1234567890").await?.balance
    );
    let bill = billing.bills().retrieve("INV-2026-001").await?;
    println!(
        "6. bill is {} ({} remaining)",
        bill.status, bill.amount_remaining
    );
    Ok(())
}
