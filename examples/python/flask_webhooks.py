"""A Flask webhook receiver. Verify `request.get_data()` (the raw body), never
`request.json`: re-serialised JSON does not match the signature.

    MOMENT_WEBHOOK_SECRET=whsec_... flask --app flask_webhooks run
"""

from __future__ import annotations

import os
from typing import List, Tuple

from flask import Flask, request

import momentpay


def create_app(secret: str) -> Flask:
    app = Flask(__name__)
    # Moment's events are small; refuse anything the verifier would refuse anyway (1 MiB).
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    webhook = momentpay.Webhook(secret)
    seen: set[str] = set()
    handled: List[momentpay.Event] = []
    app.config["HANDLED_EVENTS"] = handled

    @app.post("/webhooks")
    def receive() -> Tuple[str, int]:
        try:
            event = webhook.verify(request.get_data(), request.headers)
        except momentpay.WebhookVerificationError as error:
            return f"invalid webhook: {error.code}", 400
        message_id = request.headers.get("webhook-id", "")
        if message_id in seen:
            return "duplicate", 200
        if event.type == "payment_session.completed" and isinstance(event.data, momentpay.PaymentSession):
            print(f"session {event.data.id} completed: {event.data.payment_outcome}")
        handled.append(event)
        # Recorded only once handled: if handling raised, Moment's retry is handled again.
        # (In production keep the IDs durably, e.g. a unique key in your database, for at
        # least the 28 h of Moment's retry schedule; a set is lost on restart.)
        seen.add(message_id)
        return "ok", 200

    return app


if __name__ == "__main__":
    create_app(os.environ["MOMENT_WEBHOOK_SECRET"]).run(port=int(os.environ.get("PORT", "8000")))
