//! A merchant's test suite, as docs/testing.md shows it: a recurring checkout, its webhook,
//! three charges on the saved card and a renewal a month later, against a local Moment
//! running in the test process (`momentpay-sim` as a dev-dependency).

use momentpay::models::{
    CreatePaymentSession, CustomerDetails, Event, EventData, EventType, MandateOptions,
    PaymentOutcome, PaymentSessionType, Recurrence, SubscriptionOptions,
};
use momentpay_sim::Simulator;
use std::collections::{HashMap, HashSet};
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(10);

/// The merchant's webhook handler: once per event ID, and it reads `payment_outcome`,
/// because a declined charge also arrives as `payment_session.completed`.
#[derive(Default)]
struct Ledger {
    paid: HashMap<String, i64>,
    seen: HashSet<String>,
}

impl Ledger {
    fn handle(&mut self, event: &Event) {
        if !self.seen.insert(event.id.clone()) {
            return;
        }
        if let (EventType::PaymentSessionCompleted, EventData::PaymentSession(session)) =
            (&event.kind, &event.data)
            && session.payment_outcome == Some(PaymentOutcome::Paid)
        {
            self.paid.insert(session.id.clone(), session.amount);
        }
    }
}

#[tokio::test]
async fn a_subscription_is_charged_and_renewed() -> Result<(), Box<dyn std::error::Error>> {
    let sim = Simulator::start()?;
    let client = sim.client();
    let mut ledger = Ledger::default();

    // The customer pays the first payment at checkout and accepts the mandate.
    let first = client
        .payment_sessions()
        .create(
            &CreatePaymentSession::first_in_series(
                5000,
                "ZAR",
                CustomerDetails::new("Alex", "alex@example.com"),
            )
            .mandate(MandateOptions::on_demand_up_to(5000).recurrence(Recurrence::monthly()))
            .subscription(SubscriptionOptions::default()),
        )
        .await?;
    sim.pay(&first.id, "4242424242424242")?;
    let completed = sim
        .webhooks()
        .wait_for(EventType::PaymentSessionCompleted, Some(&first.id), WAIT)
        .await?;
    ledger.handle(&completed);
    let session = completed.payment_session().ok_or("a session event")?;
    let customer = session.customer_id.clone().ok_or("a customer")?;
    let method = session.payment_method_id.clone().ok_or("a saved card")?;

    // Three charges on the saved card. Each completes asynchronously: wait for its webhook.
    for n in 0..3 {
        let charge = client
            .payment_sessions()
            .create(
                &CreatePaymentSession::next_in_series(1000 + n, "ZAR", &customer, &method)
                    .external_reference(format!("charge-{n}")),
            )
            .await?;
        let done = sim
            .webhooks()
            .wait_for(EventType::PaymentSessionCompleted, Some(&charge.id), WAIT)
            .await?;
        ledger.handle(&done);
    }
    let mut amounts: Vec<i64> = ledger.paid.values().copied().collect();
    amounts.sort();
    assert_eq!(amounts, [1000, 1001, 1002, 5000]);

    // A month later Moment renews the subscription by itself.
    assert_eq!(sim.advance_clock(Duration::from_secs(31 * 86_400)), 1);
    let known: HashSet<String> = ledger.paid.keys().cloned().collect();
    let renewal = sim
        .webhooks()
        .wait_for_matching(
            EventType::PaymentSessionCompleted,
            |event| {
                event
                    .payment_session()
                    .is_some_and(|s| !known.contains(&s.id))
            },
            WAIT,
        )
        .await?;
    ledger.handle(&renewal);
    let renewed = renewal.payment_session().ok_or("a session event")?;
    assert_eq!(renewed.kind, PaymentSessionType::NextInSeries);
    assert_eq!(ledger.paid.get(&renewed.id), Some(&5000));
    Ok(())
}

#[tokio::test]
async fn a_declined_recurring_charge_is_still_completed() -> Result<(), Box<dyn std::error::Error>>
{
    let sim = Simulator::start()?;
    let client = sim.client();
    let first = client
        .payment_sessions()
        .create(&CreatePaymentSession::first_in_series(
            5000,
            "ZAR",
            CustomerDetails::new("Sam", "sam@example.com"),
        ))
        .await?;
    // A test card that saves, then declines every later charge.
    let saved = sim.pay(&first.id, "4000000000000341")?;
    let charge = client
        .payment_sessions()
        .create(&CreatePaymentSession::next_in_series(
            1000,
            "ZAR",
            saved.customer_id.as_deref().ok_or("a customer")?,
            saved.payment_method_id.as_deref().ok_or("a saved card")?,
        ))
        .await?;
    let event = sim
        .webhooks()
        .wait_for(EventType::PaymentSessionCompleted, Some(&charge.id), WAIT)
        .await?;
    let session = event.payment_session().ok_or("a session event")?;
    assert_eq!(
        session.payment_outcome,
        Some(PaymentOutcome::Unpaid),
        "completed is not paid"
    );
    Ok(())
}
