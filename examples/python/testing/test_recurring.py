"""A merchant's test suite, as docs/testing.md shows it: a recurring checkout, its webhook,
three charges on the saved card and a renewal a month later, all against a local Moment.

Run it with `pip install "momentpay[testing]" pytest` and `pytest`: the `moment_sim` fixture
comes with momentpay (a pytest plugin) and gives each test a merchant of its own.
"""

from __future__ import annotations

from typing import Dict

import momentpay
from momentpay.testing import Simulator


def handle(event: momentpay.AnyEvent, ledger: Dict[str, int], seen: set[str]) -> None:
    """The merchant's webhook handler: once per event ID, and it reads payment_outcome,
    because a declined charge also arrives as payment_session.completed."""
    if event.id in seen:
        return
    seen.add(event.id)
    if isinstance(event, momentpay.PaymentSessionEvent) and event.type == "payment_session.completed":
        if event.data.payment_outcome == "paid":
            ledger[event.data.id] = event.data.amount


def test_a_subscription_is_charged_and_renewed(moment_sim: Simulator) -> None:
    client = moment_sim.client()
    ledger: Dict[str, int] = {}
    seen: set[str] = set()

    # The customer pays the first payment at checkout and accepts the mandate.
    first = client.payment_sessions.create(
        amount=5000,
        currency="ZAR",
        type="first_in_series",
        options={
            "customer": {"name": "Alex", "email": "alex@example.com"},
            "mandate_options": {"type": "on_demand", "amount": {"max": 5000}, "recurrence": {"type": "monthly"}},
            "subscription_options": {},
        },
    )
    moment_sim.pay(first)
    completed = moment_sim.webhooks.wait_for("payment_session.completed", first.id)
    handle(completed, ledger, seen)
    assert isinstance(completed, momentpay.PaymentSessionEvent)
    assert completed.data.payment_outcome == "paid"
    customer_id = completed.data.customer_id
    payment_method_id = completed.data.payment_method_id
    assert customer_id and payment_method_id

    # Three charges on the saved card. Each completes asynchronously: wait for its webhook.
    for n in range(3):
        charge = client.payment_sessions.create(
            amount=1000 + n,
            currency="ZAR",
            type="next_in_series",
            options={"customer": customer_id, "payment_method": payment_method_id},
            external_reference=f"charge-{n}",
        )
        handle(moment_sim.webhooks.wait_for("payment_session.completed", charge.id), ledger, seen)
    assert sorted(ledger.values()) == [1000, 1001, 1002, 5000]

    # A month later Moment renews the subscription by itself.
    clock = moment_sim.advance_clock(days=31)
    assert clock["subscription_charges"] == 1
    renewal = moment_sim.webhooks.wait_for(
        "payment_session.completed",
        where=lambda event: isinstance(event, momentpay.PaymentSessionEvent) and event.data.id not in ledger,
    )
    handle(renewal, ledger, seen)
    assert isinstance(renewal, momentpay.PaymentSessionEvent)
    assert renewal.data.type == "next_in_series"
    assert ledger[renewal.data.id] == 5000


def test_a_declined_recurring_charge_is_still_completed(moment_sim: Simulator) -> None:
    client = moment_sim.client()
    first = client.payment_sessions.create(
        amount=5000,
        currency="ZAR",
        type="first_in_series",
        options={"customer": {"name": "Sam", "email": "sam@example.com"}},
    )
    # A test card that saves, then declines every later charge.
    saved = moment_sim.pay(first, card="4000000000000341")
    assert saved.customer_id and saved.payment_method_id
    charge = client.payment_sessions.create(
        amount=1000,
        currency="ZAR",
        type="next_in_series",
        options={"customer": saved.customer_id, "payment_method": saved.payment_method_id},
    )
    event = moment_sim.webhooks.wait_for("payment_session.completed", charge.id)
    assert isinstance(event, momentpay.PaymentSessionEvent)
    assert event.data.status == "completed"
    assert event.data.payment_outcome == "unpaid", "completed is not paid: read payment_outcome"


def test_webhooks_may_repeat_and_arrive_out_of_order(moment_sim: Simulator) -> None:
    moment_sim.set_webhook_chaos(duplicate_rate=1.0, reorder_window_ms=300, seed=1)
    client = moment_sim.client()
    session = client.payment_sessions.create(amount=700, currency="ZAR")
    moment_sim.pay(session)
    events = moment_sim.webhooks.wait_for_count(6)  # created, succeeded, completed; twice each
    ledger: Dict[str, int] = {}
    seen: set[str] = set()
    for event in events:
        handle(event, ledger, seen)
    assert ledger == {session.id: 700}, "counted once although delivered twice"
