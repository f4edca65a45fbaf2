"""Authorise now, capture later: a manual-capture checkout, two partial captures, a refused
over-capture and a void of the rest."""

from __future__ import annotations

import momentpay
from _sim import SIM_URL, pay_checkout


def main() -> None:
    client = momentpay.Client()
    session = client.payment_sessions.create(
        amount=300_000,
        currency="ZAR",
        options={"payment_method_options": {"card": {"capture_method": "manual"}}},
        external_reference="order_3000",
    )
    print(f"1. authorise R3 000.00 at {session.session_url}")
    if SIM_URL:
        pay_checkout(session.id)
    reserved = client.payment_sessions.retrieve(session.id)
    assert reserved.payment_outcome == "reserved" and reserved.payment_id
    payment_id = reserved.payment_id
    print(f"2. captured {client.payments.capture(payment_id, amount=120_000, idempotency_key='order_3000-c1').paid_amount}")
    print(f"3. captured, total {client.payments.capture(payment_id, amount=80_000, idempotency_key='order_3000-c2').paid_amount}")
    try:
        client.payments.capture(payment_id, amount=200_000)
    except momentpay.ConflictError as error:
        print(f"4. refused: {error.detail}")
    voided = client.payments.void(payment_id)
    print(f"5. voided {voided.voided_amount}; paid {voided.paid_amount} of {voided.authorised_amount}")


if __name__ == "__main__":
    main()
