"""Smoke test of the installed wheels (momentpay and momentpay-sim), run by scripts/package in
a fresh virtualenv with no Rust toolchain on PATH and from outside the repository.

It starts the `momentpay-sim` the sim wheel put on PATH, runs a recurring flow with the
installed momentpay (first_in_series checkout, the signed completion webhook received by a
local HTTP server and verified, a next_in_series charge, a typed error), and exits 0.
"""

from __future__ import annotations

import http.server
import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import urllib.request
import uuid

import momentpay


def fail(message: str) -> None:
    print(f"smoke: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def control(base_url: str, key: str, method: str, path: str, body: object = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("authorization", f"Bearer {key}")
    request.add_header("content-type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read() or b"{}")


def main() -> None:
    if shutil.which("cargo") or shutil.which("rustc"):
        fail("cargo or rustc is on PATH; the install test must run without a Rust toolchain")
    here = os.path.dirname(os.path.abspath(momentpay.__file__))
    if not here.startswith(sys.prefix):
        fail(f"momentpay was imported from {here}, not from the virtualenv {sys.prefix}")
    binary = shutil.which("momentpay-sim")
    if binary is None or not binary.startswith(sys.prefix):
        fail(f"the momentpay-sim wheel put no binary on this venv's PATH (found {binary})")

    received: "queue.Queue[tuple[bytes, dict[str, str]]]" = queue.Queue()

    class Receiver(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["content-length"]))
            received.put((body, dict(self.headers.items())))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    sim = subprocess.Popen([binary, "--port", "0"], stdout=subprocess.PIPE, text=True)
    try:
        assert sim.stdout is not None
        base_url = sim.stdout.readline().strip().split("=", 1)[1]
        key = f"sk_test_{uuid.uuid4().hex}"
        endpoint = control(base_url, key, "POST", "/_sim/webhook_endpoints", {"url": f"http://127.0.0.1:{server.server_port}/hook"})
        client = momentpay.Client(api_key=key, base_url=base_url)
        session = client.payment_sessions.create(
            amount=5000,
            currency="ZAR",
            type="first_in_series",
            options={"customer": {"name": "Alex", "email": "alex@example.com"}},
        )
        control(base_url, key, "POST", f"/_sim/payment_sessions/{session.id}/complete", {})
        webhook = momentpay.Webhook(endpoint["secret"])
        while True:
            body, headers = received.get(timeout=10)
            event = webhook.verify(body, headers)
            if event.type == "payment_session.completed":
                break
        done = event.data
        if done.payment_outcome != "paid":
            fail(f"the first payment is {done.payment_outcome}")
        charge = client.payment_sessions.create(
            amount=5000,
            currency="ZAR",
            type="next_in_series",
            options={"customer": done.customer_id, "payment_method": done.payment_method_id},
        )
        if charge.type != "next_in_series" or not charge.payment_id:
            fail(f"the next_in_series charge came back as {charge!r}")
        try:
            client.payments.retrieve("pay_does_not_exist")
            fail("retrieving a missing payment did not raise")
        except momentpay.NotFoundError as error:
            if error.status != 404:
                fail(f"NotFoundError with status {error.status}")
        print(f"smoke: ok (momentpay {momentpay.__version__}, Python {sys.version.split()[0]}, {here})")
    finally:
        sim.terminate()
        sim.wait(timeout=10)
        server.shutdown()


if __name__ == "__main__":
    main()
