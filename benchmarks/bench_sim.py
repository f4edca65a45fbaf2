"""The simulator the API benchmarks call (api.py, instructions.py): started from the build
being measured, with a merchant and one payment session every client retrieves."""

from __future__ import annotations

import contextlib
import os
import pathlib
import subprocess
import uuid
from typing import Iterator, Tuple

import momentpay

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


@contextlib.contextmanager
def simulator_with_session(profile: str) -> Iterator[Tuple[str, str, str]]:
    """Yields (base URL, API key, payment session ID); stops the simulator afterwards."""
    sim = subprocess.Popen([str(TARGET / profile / "momentpay-sim"), "--port", "0"], stdout=subprocess.PIPE, text=True)
    assert sim.stdout is not None
    base_url = sim.stdout.readline().strip().split("=", 1)[1]
    try:
        key = f"sk_test_bench_{uuid.uuid4().hex}"
        session_id = momentpay.Client(api_key=key, base_url=base_url).payment_sessions.create(amount=5000, currency="ZAR").id
        yield base_url, key, session_id
    finally:
        sim.terminate()
        sim.wait(timeout=10)
