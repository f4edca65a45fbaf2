"""The fault soak's Python runner: creates payment sessions through momentpay from threads
(the sync client) or asyncio (the async client) and prints every call's outcome as one JSON
document (soak.py counts them).

    python runner_python.py <threads|asyncio> <base_url> <api_key> <calls> <concurrency> <prefix>

Even-numbered calls bring their own idempotency key; odd ones let the SDK make one.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Optional

import momentpay

DEADLINE_SECONDS = 120.0
MAX_RETRIES = int(os.environ.get("SOAK_MAX_RETRIES", "12"))


def outcome(reference: str, session: Any = None, error: Optional[BaseException] = None, hang: bool = False) -> dict[str, Any]:
    if hang:
        return {"ref": reference, "error": "hang"}
    if error is None:
        return {"ref": reference, "id": session.id}
    if isinstance(error, momentpay.MomentError):
        return {"ref": reference, "error": "typed", "kind": type(error).__name__,
                "unknown": error.outcome_unknown, "key": error.idempotency_key}
    return {"ref": reference, "error": "untyped", "kind": f"{type(error).__name__}: {error}"}


def key(prefix: str, i: int) -> Optional[str]:
    return f"{prefix}-key-{i}" if i % 2 == 0 else None


def run_threads(base_url: str, api_key: str, calls: int, concurrency: int, prefix: str) -> list[dict[str, Any]]:
    client = momentpay.Client(api_key=api_key, base_url=base_url, timeout=0.4, max_retries=MAX_RETRIES)

    def create(i: int) -> Any:
        return client.payment_sessions.create(amount=100 + i, currency="ZAR", external_reference=f"{prefix}_{i}", idempotency_key=key(prefix, i))

    results = []
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        futures = [pool.submit(create, i) for i in range(calls)]
        for i, future in enumerate(futures):
            reference = f"{prefix}_{i}"
            try:
                results.append(outcome(reference, future.result(timeout=DEADLINE_SECONDS)))
            except TimeoutError:
                results.append(outcome(reference, hang=True))
            except BaseException as error:  # noqa: BLE001 - every failure is counted, typed or not
                results.append(outcome(reference, error=error))
    return results


async def run_asyncio(base_url: str, api_key: str, calls: int, concurrency: int, prefix: str) -> list[dict[str, Any]]:
    client = momentpay.AsyncClient(api_key=api_key, base_url=base_url, timeout=0.4, max_retries=MAX_RETRIES)
    gate = asyncio.Semaphore(concurrency)

    async def create(i: int) -> dict[str, Any]:
        reference = f"{prefix}_{i}"
        async with gate:
            try:
                session = await asyncio.wait_for(
                    client.payment_sessions.create(amount=100 + i, currency="ZAR", external_reference=reference, idempotency_key=key(prefix, i)),
                    DEADLINE_SECONDS,
                )
                return outcome(reference, session)
            except asyncio.TimeoutError:
                return outcome(reference, hang=True)
            except BaseException as error:  # noqa: BLE001
                return outcome(reference, error=error)

    return list(await asyncio.gather(*(create(i) for i in range(calls))))


def main() -> None:
    mode, base_url, api_key, calls, concurrency, prefix = sys.argv[1:7]
    if mode == "threads":
        results = run_threads(base_url, api_key, int(calls), int(concurrency), prefix)
    elif mode == "asyncio":
        results = asyncio.run(run_asyncio(base_url, api_key, int(calls), int(concurrency), prefix))
    else:
        raise SystemExit(f"unknown mode {mode}")
    print(json.dumps({"results": results}))


if __name__ == "__main__":
    main()
