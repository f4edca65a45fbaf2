"""Type-checks clean under mypy --strict: events narrow by `type`, request types are
closed TypedDicts, responses carry their request ID."""

from __future__ import annotations

import momentpay
from momentpay.types import PaymentSessionOptions


def handle(webhook: momentpay.Webhook, body: bytes, headers: dict[str, str]) -> str:
    event = webhook.verify(body, headers)
    if event.type == "payment_session.completed":
        return event.data.payment_outcome or "none"
    if event.type == "payment.captured":
        return str(event.data.paid_amount)
    return event.id


def charge(client: momentpay.Client, customer: str, method: str) -> str | None:
    options: PaymentSessionOptions = {"customer": customer, "payment_method": method}
    session = client.payment_sessions.create(amount=1500, currency="ZAR", type="next_in_series", options=options)
    return session._request_id
