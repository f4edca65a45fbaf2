"""The asyncio hand-off while the GIL is busy (issue 29, R8): async retrieves in flight
(each with a 1 s attempt timeout), then the event loop's thread holds the GIL for about two
seconds in one C call (json.dumps of a large list), while another thread makes a blocking
call. If finished calls waited for the GIL on the SDK's runtime workers, the runtime would
stall: attempts would time out and the blocking call would wait for the GIL holder. Prints
one JSON line: calls, timeouts, other failures, the hog's duration, the blocking call's.

    python benchmarks/gil_handoff.py <calls> <profile>
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import subprocess
import sys
import threading
import time
import uuid

import momentpay

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def main() -> None:
    calls, profile = int(sys.argv[1]), sys.argv[2]
    sim = subprocess.Popen([str(TARGET / profile / "momentpay-sim"), "serve", "--port", "0", "--stop-with-stdin"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert sim.stdout is not None
    base_url = sim.stdout.readline().strip().split("=", 1)[1]
    key = f"sk_test_gil_{uuid.uuid4().hex}"
    try:
        sync_client = momentpay.Client(api_key=key, base_url=base_url)
        session = sync_client.payment_sessions.create(amount=100, currency="ZAR").id
        client = momentpay.AsyncClient(api_key=key, base_url=base_url, timeout=1, max_retries=0)
        big = list(range(6_000_000))
        blocking: dict[str, float] = {}

        def blocking_call() -> None:
            started = time.perf_counter()
            sync_client.payment_sessions.retrieve(session)
            blocking["s"] = time.perf_counter() - started

        async def run() -> tuple[list[object], float]:
            gathered = asyncio.gather(*(client.payment_sessions.retrieve(session) for _ in range(calls)),
                                      return_exceptions=True)
            await asyncio.sleep(0.02)
            other = threading.Thread(target=blocking_call)
            other.start()
            started = time.perf_counter()
            json.dumps(big)  # one C call: the GIL stays with this thread throughout
            hog = time.perf_counter() - started
            results = await gathered
            other.join()
            return results, hog

        results, hog = asyncio.run(run())
        timeouts = sum(isinstance(r, momentpay.APITimeoutError) for r in results)
        failures = sum(isinstance(r, BaseException) for r in results) - timeouts
        print(json.dumps({"gil": "python", "calls": calls, "timeouts": timeouts, "other_failures": failures,
                          "hog_s": round(hog, 2), "blocking_call_s": round(blocking["s"], 2)}), flush=True)
    finally:
        sim.terminate()
        sim.wait(timeout=10)


if __name__ == "__main__":
    main()
