"""Webhook verification: the shared vectors, the PyPI standardwebhooks reference, payload
and header types, and one exception class per failure."""

from __future__ import annotations

import json
import time

import pytest
import standardwebhooks

import momentpay
from conftest import VECTORS

ERRORS = {
    "missing_header": momentpay.WebhookMissingHeaderError,
    "invalid_timestamp": momentpay.WebhookInvalidTimestampError,
    "timestamp_too_old": momentpay.WebhookTimestampTooOldError,
    "timestamp_too_new": momentpay.WebhookTimestampTooNewError,
    "no_matching_signature": momentpay.WebhookSignatureError,
    "invalid_secret": momentpay.WebhookSecretError,
    "malformed_body": momentpay.WebhookPayloadError,
}
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
BODY = b'{"id":"evt_1","type":"payment.succeeded","data":{"id":"pay_1","status":"succeeded","amount":100,"currency":"ZAR"}}'


def test_every_vector_gets_the_same_verdict_as_in_rust() -> None:
    cases = json.loads((VECTORS / "webhooks.json").read_text())["cases"]
    assert len(cases) >= 30
    for case in cases:
        expect = case["expect"]

        def verify() -> momentpay.Event | None:
            webhook = momentpay.Webhook(case["secret"], tolerance=case.get("tolerance_seconds", 180))
            if case.get("verify_only"):
                webhook.verify_signature(case["payload"].encode(), case["headers"], now=case["now"])
                return None
            return webhook.verify(case["payload"].encode(), case["headers"], now=case["now"])

        if expect["ok"]:
            event = verify()
            if event is not None and "event_type" in expect:
                assert (event.type, event.id) == (expect["event_type"], expect["event_id"]), case["name"]
        else:
            with pytest.raises(ERRORS[expect["error"]]) as error:
                verify()
            assert error.value.code == expect["error"], case["name"]
            assert isinstance(error.value, momentpay.WebhookVerificationError)


def test_the_pypi_reference_signs_and_we_verify() -> None:
    import datetime

    reference = standardwebhooks.Webhook(SECRET)
    now = int(time.time())
    signature = reference.sign("msg_py", datetime.datetime.fromtimestamp(now, tz=datetime.timezone.utc), BODY.decode())
    event = momentpay.Webhook(SECRET).verify(BODY, {"webhook-id": "msg_py", "webhook-timestamp": str(now), "webhook-signature": signature})
    assert event.type == "payment.succeeded"
    assert isinstance(event.data, momentpay.Payment) and event.data.amount == 100
    ours = momentpay.Webhook(SECRET).sign_headers("msg_ours", now, BODY)
    assert reference.verify(BODY.decode(), ours) is not None


def test_payload_types_and_header_mappings() -> None:
    webhook = momentpay.Webhook(SECRET)
    now = int(time.time())
    headers = webhook.sign_headers("msg_1", now, BODY)
    for payload in (BODY, bytearray(BODY), memoryview(BODY), BODY.decode()):
        assert webhook.verify(payload, headers).id == "evt_1"
    assert webhook.verify(BODY, {k.upper(): v for k, v in headers.items()}).id == "evt_1"
    assert webhook.verify(BODY, list(headers.items())).id == "evt_1"
    assert webhook.verify(BODY, {k: v.encode() for k, v in headers.items()}).id == "evt_1"
    with pytest.raises(TypeError, match="pass the raw request body"):
        webhook.verify(json.loads(BODY), headers)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="raw request body"):
        webhook.verify(12345, headers)  # type: ignore[arg-type]


def test_rotation_tolerance_and_events() -> None:
    old = momentpay.Webhook.generate_secret()
    now = int(time.time())
    signed_with_old = momentpay.Webhook(old).sign_headers("msg_r", now, BODY)
    assert momentpay.Webhook(SECRET, additional_secrets=[old]).verify(BODY, signed_with_old).id == "evt_1"
    with pytest.raises(momentpay.WebhookSignatureError):
        momentpay.Webhook(SECRET).verify(BODY, signed_with_old)
    old_headers = momentpay.Webhook(SECRET).sign_headers("msg_t", now - 600, BODY)
    with pytest.raises(momentpay.WebhookTimestampTooOldError):
        momentpay.Webhook(SECRET).verify(BODY, old_headers)
    assert momentpay.Webhook(SECRET, tolerance=900).verify(BODY, old_headers).type == "payment.succeeded"
    event = momentpay.Webhook(SECRET).verify(BODY, momentpay.Webhook(SECRET).sign_headers("m", now, BODY))
    assert event.to_dict()["data"]["amount"] == 100
    assert "evt_1" in repr(event)
    with pytest.raises(momentpay.WebhookSecretError):
        momentpay.Webhook("whsec_???")


def test_simulator_deliveries_verify(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    import http.server
    import threading

    received: list[tuple[dict[str, str], bytes]] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["content-length"]))
            received.append((dict(self.headers.items()), body))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = sim.call("POST", "/_sim/webhook_endpoints", {"url": f"http://127.0.0.1:{server.server_address[1]}/hook"}, key=key)
        session = client.payment_sessions.create(amount=700, currency="ZAR", type="first_in_series", options={"customer": {"name": "A"}})
        sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {})
        deadline = time.time() + 10
        while len(received) < 3 and time.time() < deadline:
            time.sleep(0.02)
        webhook = momentpay.Webhook(endpoint["secret"])
        events = [webhook.verify(body, headers) for headers, body in received]
        assert [e.type for e in events] == ["payment_session.created", "payment.succeeded", "payment_session.completed"]
        completed = events[2].data
        assert isinstance(completed, momentpay.PaymentSession)
        assert completed.id == session.id and completed.customer_id and completed.payment_method_id
    finally:
        server.shutdown()


def test_data_is_typed_on_first_access_and_then_kept() -> None:
    webhook = momentpay.Webhook(SECRET)
    now = int(time.time())
    event = webhook.verify(BODY, webhook.sign_headers("msg_1", now, BODY))
    assert (event.id, event.type) == ("evt_1", "payment.succeeded")
    assert isinstance(event.data, momentpay.Payment) and event.data.amount == 100
    assert event.data is event.data
    assert event.to_dict()["data"]["voided_amount"] is None  # the normalised model: absent fields are None


def test_a_data_mismatch_raises_from_data_not_from_verify() -> None:
    webhook = momentpay.Webhook(SECRET)
    now = int(time.time())
    body = b'{"id":"evt_2","type":"payment.succeeded","data":{"id":"pay_1","amount":"ten"}}'
    event = webhook.verify(body, webhook.sign_headers("msg_2", now, body))
    assert event.type == "payment.succeeded"
    with pytest.raises(momentpay.WebhookPayloadError):
        event.data
    broken = b'{"id":"evt_3","type":"payment.succeeded","data":{"amount":}}'
    with pytest.raises(momentpay.WebhookPayloadError):
        webhook.verify(broken, webhook.sign_headers("msg_3", now, broken))


def test_only_the_webhook_headers_are_read_from_a_large_header_set() -> None:
    webhook = momentpay.Webhook(SECRET)
    now = int(time.time())
    signed = webhook.sign_headers("msg_4", now, BODY)
    headers = {f"x-other-{i}": "v" * 100 for i in range(40)}
    headers.update({name.upper(): value for name, value in signed.items()})
    headers["x-binary"] = b"\xff\xfe"  # never decoded: not a webhook header
    assert webhook.verify(BODY, headers).id == "evt_1"
    assert webhook.verify(BODY, list(headers.items())).id == "evt_1"
