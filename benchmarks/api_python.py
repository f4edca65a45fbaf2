"""Client CPU per API call in Python: momentpay's sync and async clients against `requests`,
`httpx.Client` and `httpx.AsyncClient`, each retrieving one payment session from the
simulator on loopback and parsing the JSON. One implementation per process (for peak RSS).

    python api_python.py <impl> <sequential|concurrent> <calls> <base_url> <api_key> <session_id>

impl: momentpay | requests | httpx | momentpay-async | httpx-async. `concurrent` keeps 64
calls in flight (64 threads for the sync clients, 64 tasks for the async ones). Prints one
JSON line: CPU (user+sys of the process, every thread) and wall time per call, peak RSS.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Awaitable, Callable

IN_FLIGHT = 64


def sync_call(name: str, base_url: str, api_key: str, session_id: str) -> Callable[[], Any]:
    url = f"{base_url}/collect/payment_sessions/{session_id}"
    headers = {"authorization": f"Bearer {api_key}"}
    if name == "momentpay":
        import momentpay

        client = momentpay.Client(api_key=api_key, base_url=base_url)
        return lambda: client.payment_sessions.retrieve(session_id).id
    if name == "requests":
        import requests

        session = requests.Session()

        def with_requests() -> Any:
            response = session.get(url, headers=headers)
            response.raise_for_status()
            return response.json()["id"]

        return with_requests
    import httpx

    client = httpx.Client()

    def with_httpx() -> Any:
        response = client.get(url, headers=headers)
        response.raise_for_status()
        return response.json()["id"]

    return with_httpx


def async_call(name: str, base_url: str, api_key: str, session_id: str) -> Callable[[], Awaitable[Any]]:
    if name == "momentpay-async":
        import momentpay

        client = momentpay.AsyncClient(api_key=api_key, base_url=base_url)

        async def with_momentpay() -> Any:
            return (await client.payment_sessions.retrieve(session_id)).id

        return with_momentpay
    import httpx

    # httpx's default pool (100 connections) serves 64 in flight.
    http = httpx.AsyncClient()
    url = f"{base_url}/collect/payment_sessions/{session_id}"
    headers = {"authorization": f"Bearer {api_key}"}

    async def with_httpx() -> Any:
        response = await http.get(url, headers=headers)
        response.raise_for_status()
        return response.json()["id"]

    return with_httpx


def run_sync(call: Callable[[], Any], concurrent: bool, calls: int, expected: str) -> None:
    if not concurrent:
        for _ in range(calls):
            assert call() == expected
        return
    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        for result in pool.map(lambda _: call(), range(calls)):
            assert result == expected


async def run_async(call: Callable[[], Awaitable[Any]], concurrent: bool, calls: int, expected: str) -> None:
    if not concurrent:
        for _ in range(calls):
            assert await call() == expected
        return
    remaining = calls

    async def worker() -> None:
        nonlocal remaining
        while remaining > 0:
            remaining -= 1
            assert await call() == expected

    await asyncio.gather(*(worker() for _ in range(IN_FLIGHT)))


def main() -> None:
    name, mode, calls_text, base_url, api_key, session_id = sys.argv[1:7]
    calls, concurrent = int(calls_text), mode == "concurrent"
    warmup = calls // 10 + IN_FLIGHT
    if name.endswith("-async"):
        async def measure() -> tuple[float, float]:
            call = async_call(name, base_url, api_key, session_id)
            await run_async(call, concurrent, warmup, session_id)
            cpu, wall = time.process_time(), time.perf_counter()
            await run_async(call, concurrent, calls, session_id)
            return time.process_time() - cpu, time.perf_counter() - wall

        cpu, wall = asyncio.run(measure())
    else:
        call = sync_call(name, base_url, api_key, session_id)
        run_sync(call, concurrent, warmup, session_id)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        run_sync(call, concurrent, calls, session_id)
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(json.dumps({
        "lang": "python", "impl": name, "mode": mode, "calls": calls,
        "cpu_us_per_call": cpu * 1e6 / calls, "wall_us_per_call": wall * 1e6 / calls,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6,
    }))


if __name__ == "__main__":
    main()
