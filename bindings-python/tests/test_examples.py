"""examples/python run against the simulator: the scripts as a user would run them, and the
Flask and FastAPI receivers behind real servers receiving real deliveries."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from typing import Any, Callable

from conftest import ROOT

EXAMPLES = ROOT / "examples" / "python"
sys.path.insert(0, str(EXAMPLES))


def run_example(sim, key: str, script: str) -> str:  # type: ignore[no-untyped-def]
    env = {**os.environ, "MOMENT_API_KEY": key, "MOMENT_BASE_URL": sim.base_url, "MOMENT_SIM_URL": sim.base_url}
    result = subprocess.run([sys.executable, str(EXAMPLES / script)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_recurring_quickstart(sim, key) -> None:  # type: ignore[no-untyped-def]
    out = run_example(sim, key, "recurring_quickstart.py")
    assert "Verified payment_session.completed" in out and "three recurring payments" in out
    assert out.count(": paid") == 3


def test_authorise_and_capture(sim, key) -> None:  # type: ignore[no-untyped-def]
    out = run_example(sim, key, "authorise_and_capture.py")
    assert "refused: The capture amount exceeds the remaining authorised amount." in out
    assert "voided 100000; paid 200000 of 300000" in out


def test_billing_balance(sim, key) -> None:  # type: ignore[no-untyped-def]
    out = run_example(sim, key, "billing_balance.py")
    assert "customer now owes 5000; bill is paid (0 remaining)" in out


def _wait(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _trigger_payment(sim, key: str) -> None:  # type: ignore[no-untyped-def]
    import momentpay

    client = momentpay.Client(api_key=key, base_url=sim.base_url)
    session = client.payment_sessions.create(amount=1234, currency="ZAR")
    sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {})


def test_flask_receiver(sim, key) -> None:  # type: ignore[no-untyped-def]
    from werkzeug.serving import make_server

    import flask_webhooks

    secret = __import__("momentpay").Webhook.generate_secret()
    app = flask_webhooks.create_app(secret)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sim.call("POST", "/_sim/webhook_endpoints", {"url": f"http://127.0.0.1:{server.server_port}/webhooks", "secret": secret}, key=key)
        _trigger_payment(sim, key)
        handled: list[Any] = app.config["HANDLED_EVENTS"]
        _wait(lambda: len(handled) >= 3)
        assert [e.type for e in handled][:3] == ["payment_session.created", "payment.succeeded", "payment_session.completed"]
        forged = app.test_client().post("/webhooks", data=b"{}", headers={"webhook-id": "m", "webhook-timestamp": str(int(time.time())), "webhook-signature": "v1,AAAA"})
        assert forged.status_code == 400
    finally:
        server.shutdown()


def test_fastapi_receiver(sim, key) -> None:  # type: ignore[no-untyped-def]
    import fastapi_webhooks
    import uvicorn

    secret = __import__("momentpay").Webhook.generate_secret()
    app = fastapi_webhooks.create_app(secret)
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        _wait(lambda: server.started)
        sim.call("POST", "/_sim/webhook_endpoints", {"url": f"http://127.0.0.1:{port}/webhooks", "secret": secret}, key=key)
        _trigger_payment(sim, key)
        handled: list[Any] = app.state.handled_events
        _wait(lambda: any(e.type == "payment.succeeded" for e in handled))
        payment = next(e for e in handled if e.type == "payment.succeeded").data
        assert payment.amount == 1234
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_django_receiver(sim, key) -> None:  # type: ignore[no-untyped-def]
    import socketserver
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    import django_webhooks

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

    class Threaded(socketserver.ThreadingMixIn, WSGIServer):
        daemon_threads = True

    secret = __import__("momentpay").Webhook.generate_secret()
    app = django_webhooks.create_app(secret)
    server = make_server("127.0.0.1", 0, app, server_class=Threaded, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/webhooks"
        sim.call("POST", "/_sim/webhook_endpoints", {"url": url, "secret": secret}, key=key)
        _trigger_payment(sim, key)
        handled = django_webhooks.HANDLED
        _wait(lambda: len(handled) >= 3)
        assert [e.type for e in handled][:3] == ["payment_session.created", "payment.succeeded", "payment_session.completed"]
        import urllib.error
        import urllib.request

        forged = urllib.request.Request(url, data=b"{}", method="POST", headers={"webhook-id": "m", "webhook-timestamp": str(int(time.time())), "webhook-signature": "v1,AAAA", "content-type": "application/json"})
        try:
            urllib.request.urlopen(forged, timeout=10)
            raise AssertionError("a forged webhook was accepted")
        except urllib.error.HTTPError as error:
            assert error.code == 400
    finally:
        server.shutdown()
