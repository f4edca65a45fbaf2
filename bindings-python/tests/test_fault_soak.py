"""The fault soak, short form: 200 creates with 30% of requests failing (500, 503, 429,
dropped connections, lost responses, slow responses) make exactly 200 sessions, from threads
and from asyncio; half the calls bring their own idempotency key."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Optional

import momentpay

CALLS = 200
FAULTS = {"rate": 0.3, "delay_ms": 600, "retry_after_seconds": 1, "seed": 11}


def _key(i: int, prefix: str) -> Optional[str]:
    return f"{prefix}-{i}" if i % 2 == 0 else None


def _check(sim, key: str, ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert len(ids) == CALLS and len(set(ids)) == CALLS, "a call was lost or two calls share a session"
    stats = sim.call("GET", "/_sim/stats", key=key)
    assert stats["payment_sessions"] == CALLS, "duplicates or lost sessions on the server"
    assert stats["duplicated_external_references"] == []
    faults = sum(1 for r in sim.call("GET", "/_sim/requests", key=key)["data"] if r["fault"])
    assert faults > CALLS * 0.15, f"only {faults} faults were injected"


def test_soak_from_threads(sim, key) -> None:  # type: ignore[no-untyped-def]
    client = momentpay.Client(api_key=key, base_url=sim.base_url, timeout=0.4, max_retries=12)

    def create(i: int) -> str:
        return client.payment_sessions.create(amount=100 + i, currency="ZAR", external_reference=f"t_{i}", idempotency_key=_key(i, "t")).id

    sim.call("POST", "/_sim/faults", FAULTS, key=key)
    try:
        with ThreadPoolExecutor(max_workers=16) as pool:
            ids = list(pool.map(create, range(CALLS)))
    finally:
        sim.call("POST", "/_sim/faults", {"rate": 0}, key=key)
    _check(sim, key, ids)


def test_soak_from_asyncio(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def run() -> list[str]:
        client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url, timeout=0.4, max_retries=12)
        sessions = await asyncio.gather(*(
            client.payment_sessions.create(amount=100 + i, currency="ZAR", external_reference=f"a_{i}", idempotency_key=_key(i, "a"))
            for i in range(CALLS)
        ))
        return [s.id for s in sessions]

    sim.call("POST", "/_sim/faults", FAULTS, key=key)
    try:
        ids = asyncio.run(run())
    finally:
        sim.call("POST", "/_sim/faults", {"rate": 0}, key=key)
    _check(sim, key, ids)
