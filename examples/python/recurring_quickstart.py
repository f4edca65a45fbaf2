"""The recurring-payments quickstart: a first_in_series checkout sets up a mandate, the
verified `payment_session.completed` webhook gives the customer and payment method, then
three next_in_series charges run without the customer.

    MOMENT_API_KEY=sk_test_... MOMENT_BASE_URL=... [MOMENT_SIM_URL=...] python recurring_quickstart.py
"""

from __future__ import annotations

import http.server
import os
import queue
import threading
import time

import momentpay
from _sim import SIM_URL, pay_checkout, register_webhook

events: "queue.Queue[momentpay.Event]" = queue.Queue()


def start_receiver(secret_holder: list[str]) -> http.server.ThreadingHTTPServer:
    """A minimal webhook endpoint: verify the raw body first, acknowledge, then queue."""

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            try:
                event = momentpay.Webhook(secret_holder[0]).verify(body, self.headers)
            except momentpay.WebhookVerificationError as error:
                self.send_response(400)
                self.end_headers()
                print(f"   ! refused a webhook: {error}")
                return
            self.send_response(200)
            self.end_headers()
            events.put(event)

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def wait_for_completion(session_id: str, timeout: float = 30.0) -> momentpay.PaymentSession:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            event = events.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        data = event.data
        if event.type == "payment_session.completed" and isinstance(data, momentpay.PaymentSession) and data.id == session_id:
            return data
        print(f"   · webhook {event.type}")
    raise TimeoutError(f"no payment_session.completed for {session_id}")


def main() -> None:
    client = momentpay.Client()
    secret_holder = [os.environ.get("MOMENT_WEBHOOK_SECRET", "")]
    server = start_receiver(secret_holder)
    url = f"http://127.0.0.1:{server.server_address[1]}/webhooks"
    if SIM_URL:
        secret_holder[0] = register_webhook(url)
    print(f"Webhook receiver at {url}")

    print("1. Create a first_in_series session")
    session = client.payment_sessions.create(
        amount=5000,
        currency="ZAR",
        type="first_in_series",
        options={"customer": {"name": "Alex", "email": "alex@example.com"}, "mandate_options": {"type": "on_demand", "amount": {"max": 5000}}},
        idempotency_key=f"signup-alex-{int(time.time())}",
    )
    print(f"   {session.id}: send the customer to {session.session_url}")

    print("2. The customer pays with 4242 4242 4242 4242")
    if SIM_URL:
        pay_checkout(session.id)
    completed = wait_for_completion(session.id, timeout=30 if SIM_URL else 600)
    print(f"3. Verified payment_session.completed: customer {completed.customer_id}, method {completed.payment_method_id}")

    customer_id, payment_method_id = completed.customer_id, completed.payment_method_id
    if customer_id is None or payment_method_id is None:
        raise SystemExit("the completed first_in_series session saved no payment method")
    for number, amount in enumerate((1500, 2500, 3500), start=1):
        charge = client.payment_sessions.create(
            amount=amount,
            currency="ZAR",
            type="next_in_series",
            options={"customer": customer_id, "payment_method": payment_method_id},
            idempotency_key=f"{completed.customer_id}-charge-{number}",
        )
        done = wait_for_completion(charge.id)
        print(f"{3 + number}. next_in_series R{amount / 100:.2f}: {done.payment_outcome}")
        assert done.payment_outcome == "paid", done.last_payment_error
    server.shutdown()
    print("Done: three recurring payments, every webhook verified.")


if __name__ == "__main__":
    main()
