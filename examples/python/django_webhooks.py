"""A Django webhook receiver. Verify `request.body` (the raw bytes), never a parsed form or
`json.loads` result: re-serialised JSON does not match the signature. The view is exempt
from CSRF (Moment is not a browser) and Django refuses bodies over 1 MiB before it runs.

In a project, `receive` is the view and the settings below go in settings.py. Alone:

    MOMENT_WEBHOOK_SECRET=whsec_... python django_webhooks.py
"""

from __future__ import annotations

import os
from typing import Any, Callable, List

import django  # type: ignore[import-untyped]
from django.conf import settings  # type: ignore[import-untyped]

import momentpay

HANDLED: List[momentpay.Event] = []


def configure() -> None:
    """The settings a one-file app needs (a project has them in settings.py)."""
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            ALLOWED_HOSTS=["127.0.0.1", "localhost"],
            ROOT_URLCONF=__name__,
            SECRET_KEY="only-for-this-example",
            # Moment's events are small; the verifier refuses over 1 MiB anyway.
            DATA_UPLOAD_MAX_MEMORY_SIZE=1024 * 1024,
            MIDDLEWARE=[],
        )
        django.setup()


def make_view(secret: str) -> Callable[[Any], Any]:
    """The webhook view for `secret`."""
    from django.http import HttpResponse, HttpResponseBadRequest  # type: ignore[import-untyped]
    from django.views.decorators.csrf import csrf_exempt  # type: ignore[import-untyped]
    from django.views.decorators.http import require_POST  # type: ignore[import-untyped]

    webhook = momentpay.Webhook(secret)
    seen: set[str] = set()

    def receive(request: Any) -> Any:
        try:
            event = webhook.verify(request.body, request.headers)
        except momentpay.WebhookVerificationError as error:
            return HttpResponseBadRequest(f"invalid webhook: {error.code}")
        message_id = request.headers.get("webhook-id", "")
        if message_id in seen:
            return HttpResponse("duplicate")
        if event.type == "payment_session.completed" and isinstance(event.data, momentpay.PaymentSession):
            print(f"session {event.data.id} completed: {event.data.payment_outcome}")
        HANDLED.append(event)
        # Recorded only once handled: if handling raised, Moment's retry is handled again.
        # (In production keep the IDs durably, e.g. a unique key in your database.)
        seen.add(message_id)
        return HttpResponse("ok")

    # POST only; exempt from CSRF (Moment signs its requests, it has no browser session).
    view: Callable[[Any], Any] = csrf_exempt(require_POST(receive))
    return view


urlpatterns: List[Any] = []


def create_app(secret: str) -> Any:
    """The WSGI application with the view at /webhooks."""
    configure()
    from django.core.wsgi import get_wsgi_application  # type: ignore[import-untyped]
    from django.urls import path  # type: ignore[import-untyped]

    urlpatterns[:] = [path("webhooks", make_view(secret))]
    return get_wsgi_application()


if __name__ == "__main__":
    from wsgiref.simple_server import make_server

    make_server("127.0.0.1", int(os.environ.get("PORT", "8000")), create_app(os.environ["MOMENT_WEBHOOK_SECRET"])).serve_forever()
