"""The simulator's control API, shared by the Python and the uniffi suites."""

from __future__ import annotations

import http.server
import json
import selectors
import subprocess
import threading
import time
import urllib.request
from typing import Any, Callable, Dict, Optional, Tuple


def canned_server(answer: Callable[[], Tuple[int, bytes]]) -> http.server.ThreadingHTTPServer:
    """A loopback HTTP server, for what the simulator cannot be made to answer: every GET gets
    `answer()` (status, JSON body) with `x-request-id: req_test`. The handler is Python code
    in this process, so it answers only while the caller's thread has released the GIL.
    Stop it with `.shutdown()`."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, body = answer()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("x-request-id", "req_test")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_simulator(binary: str, *args: str, within: float = 20.0) -> Tuple["subprocess.Popen[str]", str]:
    """Starts `binary --port 0 ARGS` and answers the process and its base URL. Fails with the
    process's output when it exits, or prints nothing for `within` seconds, before saying
    `base_url=...` (a readline with no bound would hang the suite until CI's limit)."""
    process = subprocess.Popen([binary, "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True)
    assert process.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(process.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + within
    seen = []
    try:
        while time.monotonic() < deadline:
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                break
            line = process.stdout.readline()
            if not line:
                break
            seen.append(line)
            if line.startswith("base_url="):
                return process, line.strip().split("=", 1)[1]
    finally:
        selector.close()
    process.kill()
    process.wait(timeout=10)
    raise RuntimeError(f"{binary} did not say its base_url within {within:.0f} s "
                       f"(exit {process.returncode}): {''.join(seen)[-2000:]!r}")


class Sim:
    """A running simulator and its control API."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None, key: Optional[str] = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        if key:
            request.add_header("authorization", f"Bearer {key}")
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
