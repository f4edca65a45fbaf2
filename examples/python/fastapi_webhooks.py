"""A FastAPI webhook receiver. Verify `await request.body()` (the raw body), never a parsed
model: re-serialised JSON does not match the signature.

    MOMENT_WEBHOOK_SECRET=whsec_... uvicorn fastapi_webhooks:app
"""

from __future__ import annotations

import os
from typing import List

from fastapi import FastAPI, HTTPException, Request

import momentpay

MAX_BODY = 1024 * 1024


def create_app(secret: str) -> FastAPI:
    app = FastAPI()
    webhook = momentpay.Webhook(secret)
    handled: List[momentpay.Event] = []
    app.state.handled_events = handled

    @app.post("/webhooks")
    async def receive(request: Request) -> dict[str, str]:
        # Read at most 1 MiB (Moment's events are small; the verifier refuses more anyway),
        # so a large body is refused before it is held in memory.
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise HTTPException(status_code=413, detail="webhook body over 1 MiB")
        try:
            event = webhook.verify(bytes(body), request.headers)
        except momentpay.WebhookVerificationError as error:
            raise HTTPException(status_code=400, detail=f"invalid webhook: {error.code}") from error
        if event.type == "payment.succeeded" and isinstance(event.data, momentpay.Payment):
            print(f"payment {event.data.id} succeeded: {event.data.amount} {event.data.currency}")
        handled.append(event)
        return {"received": event.id}

    return app


if "MOMENT_WEBHOOK_SECRET" in os.environ:
    app = create_app(os.environ["MOMENT_WEBHOOK_SECRET"])
