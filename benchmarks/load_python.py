"""One async client under load (run by benchmarks/load.py, one process per run):

    python benchmarks/load_python.py burst <calls> <base_url>    calls creates in flight at once
    python benchmarks/load_python.py outage <calls> <base_url>   the same while every call gets 503
    python benchmarks/load_python.py peer <calls> <base_url>     the burst from httpx.AsyncClient (the peer)

Prints one JSON line: calls, successes, typed failures, sessions the simulator holds and
duplicated references (nothing lost or doubled), p50/p99 call latency, wall time, peak open
sockets (sampled from /proc/self/fd every 10 ms), peak RSS, and for an outage the requests
the simulator saw.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import sys
import threading
import time
import urllib.request
import uuid
from typing import Any, List, Optional

import momentpay


def control(base_url: str, key: str, method: str, path: str, body: Optional[Any] = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("content-type", "application/json")
    request.add_header("authorization", f"Bearer {key}")
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"null")


def sockets() -> int:
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            count += os.readlink(f"/proc/self/fd/{fd}").startswith("socket:")
        except OSError:
            pass
    return count


def main() -> None:
    mode, calls, base_url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    key = f"sk_test_load_{uuid.uuid4().hex}"
    if mode == "outage":
        control(base_url, key, "POST", "/_sim/faults", {"rate": 1.0, "kinds": ["503"]})
    peak = [0]
    running = [True]

    def sample() -> None:
        while running[0]:
            peak[0] = max(peak[0], sockets())
            time.sleep(0.01)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    latencies: List[float] = []
    failures: List[str] = []

    async def one(client: momentpay.AsyncClient, i: int) -> None:
        started = time.perf_counter()
        try:
            await client.payment_sessions.create(amount=100 + i % 1000, currency="ZAR", external_reference=f"load-{i}")
        except momentpay.MomentError as error:
            failures.append(type(error).__name__)
        latencies.append(time.perf_counter() - started)

    async def peer_one(client: Any, i: int) -> None:
        # The same create with httpx, the same headers momentpay sends (a key per call).
        started = time.perf_counter()
        try:
            response = await client.post(
                f"{base_url}/collect/payment_sessions",
                json={"amount": 100 + i % 1000, "currency": "ZAR", "external_reference": f"load-{i}"},
                headers={"authorization": f"Bearer {key}", "idempotency-key": str(uuid.uuid4())},
            )
            response.json()
            if response.status_code >= 400:
                failures.append(str(response.status_code))
        except Exception as error:  # noqa: BLE001 - the peer's failures are counted, whatever they are
            failures.append(type(error).__name__)
        latencies.append(time.perf_counter() - started)

    async def run() -> float:
        started = time.perf_counter()
        if mode == "peer":
            import httpx

            async with httpx.AsyncClient(timeout=60) as peer:
                await asyncio.gather(*(peer_one(peer, i) for i in range(calls)))
        else:
            client = momentpay.AsyncClient(api_key=key, base_url=base_url)
            await asyncio.gather(*(one(client, i) for i in range(calls)))
        return time.perf_counter() - started

    cpu_before = resource.getrusage(resource.RUSAGE_SELF)
    wall = asyncio.run(run())
    cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    cpu_ms = ((cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)) * 1000
    running[0] = False
    sampler.join()
    latencies.sort()
    stats = control(base_url, key, "GET", "/_sim/stats")
    result = {
        "load": "python", "mode": mode, "calls": calls, "ok": calls - len(failures), "failed": len(failures),
        "untyped": 0, "sessions": stats["payment_sessions"], "duplicates": len(stats["duplicated_external_references"]),
        "p50_ms": latencies[len(latencies) // 2] * 1000, "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "wall_s": wall, "peak_sockets": peak[0], "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "client": "httpx" if mode == "peer" else "momentpay", "cpu_ms": cpu_ms,
    }
    if mode == "outage":
        result["requests"] = sum(1 for e in control(base_url, key, "GET", "/_sim/requests")["data"] if e["path"] == "/collect/payment_sessions")
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
