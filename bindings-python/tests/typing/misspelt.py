"""Must NOT type-check: each line marked `error` is a mistake mypy has to catch."""

from __future__ import annotations

import momentpay


def wrong(client: momentpay.Client) -> None:
    client.payment_sessions.create(amount=1, currency="ZAR", options={"custmer": "cus_1"})  # error: custmer
    client.payment_sessions.create(amount=1, currency="ZAR", options={"payment_method_options": {"card": {"capture_metod": "manual"}}})  # error: capture_metod
    client.payment_sessions.create(amount=1, currency="ZAR", type="one_tim")  # error: one_tim
    client.payment_sessions.create(amount="1", currency="ZAR")  # error: str amount


def misspelt_response_fields(client: momentpay.Client, webhook: momentpay.Webhook, body: bytes) -> None:
    session = client.payment_sessions.retrieve("ps_1")
    print(session.amout)  # error: amout
    event = webhook.verify(body, {})
    if event.type == "payment.succeeded":
        print(event.data.paymnet_id)  # error: paymnet_id
    if isinstance(event, momentpay.PaymentSessionEvent):
        print(event.data.amout)  # error: amout
