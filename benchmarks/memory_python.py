"""Resident memory across the FFI from Python: N webhook verifies, then M failed API calls
(404s from the simulator, each an error built from a problem document). RSS is read after a
warm-up (the first third) and at the end; flat means within 10%. One JSON line per phase.

    python benchmarks/memory_python.py [verifies] [failed_calls] [base_url]
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import time
import uuid

import momentpay


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / (1 << 20)


def measure(name: str, total: int, step) -> None:  # type: ignore[no-untyped-def]
    warm = max(1, total // 3)
    for i in range(warm):
        step(i)
    gc.collect()
    before = rss_mb()
    started = time.perf_counter()
    for i in range(warm, total):
        step(i)
    gc.collect()
    after = rss_mb()
    growth = (after - before) / before * 100
    print(json.dumps({"lang": "python", "impl": name, "count": total, "rss_after_warmup_mb": round(before, 1),
                      "rss_end_mb": round(after, 1), "growth_pct": round(growth, 2),
                      "seconds": round(time.perf_counter() - started, 1)}))


verifies = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
failed = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
webhook = momentpay.Webhook(secret)
body = json.dumps({"id": "evt_1", "type": "payment.failed", "data": {"id": "pay_1", "status": "failed", "amount": 300, "currency": "ZAR", "metadata": {"order": "x" * 300}}}).encode()
headers = webhook.sign_headers("msg_1", 1_700_000_000, body)
measure("webhook verify (and event.data)", verifies, lambda i: webhook.verify(body, headers, now=1_700_000_000).data)

if len(sys.argv) > 3:
    base_url, sim = sys.argv[3], None
else:
    binary = os.environ.get("MOMENTPAY_SIM_BIN", "target/release/momentpay-sim")
    sim = subprocess.Popen([binary, "serve", "--port", "0"], stdout=subprocess.PIPE, text=True)
    assert sim.stdout is not None
    base_url = sim.stdout.readline().strip().split("=", 1)[1]
client = momentpay.Client(api_key=f"sk_test_{uuid.uuid4().hex}", base_url=base_url, max_retries=0)


def fail(i: int) -> None:
    try:
        client.payment_sessions.retrieve(f"ps_missing{i}")
    except momentpay.NotFoundError:
        return
    raise AssertionError("expected a 404")


try:
    measure("failed API call (404, NotFoundError)", failed, fail)
finally:
    if sim is not None:
        sim.terminate()
