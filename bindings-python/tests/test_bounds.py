"""Resource bounds from Python: a response over the client's limit, a webhook body over the
verifier's limit and a body over the simulator's limit are typed errors; a value nested
10,000 deep is a ValidationError (also in tests/vectors/bad_inputs.json)."""

from __future__ import annotations

import http.server
import threading

import pytest

import momentpay

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def test_a_response_over_the_limit_is_a_decode_error() -> None:
    class Huge(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(17 << 20))
            self.end_headers()
            try:
                for _ in range(17 * 16):
                    self.wfile.write(b" " * 65536)
            except OSError:
                pass

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Huge)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        client = momentpay.Client(api_key="sk_test_bounds", base_url=f"http://127.0.0.1:{server.server_address[1]}")
        with pytest.raises(momentpay.DecodeError, match="16777216-byte limit"):
            client.payment_sessions.retrieve("ps_big", max_retries=0)
    finally:
        server.shutdown()


def test_a_webhook_body_over_the_limit_is_refused_before_its_signature() -> None:
    webhook = momentpay.Webhook(SECRET)
    body = b" " * ((1 << 20) + 1)
    headers = webhook.sign_headers("msg_1", 1_700_000_000, body)
    with pytest.raises(momentpay.WebhookPayloadError, match="refused before its signature"):
        webhook.verify(body, headers, now=1_700_000_000)


def test_the_simulator_refuses_an_oversized_body_with_413(sim, client) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(momentpay.InvalidRequestError) as refused:
        client.payment_sessions.create(amount=100, currency="ZAR", extra_body={"pad": "x" * (1 << 20)})
    assert refused.value.status == 413
