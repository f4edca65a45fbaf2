"""The asyncio hand-off's edges: a script that exits right after `asyncio.run` (the fault
soak once caught that aborting the interpreter), and a cancelled call."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

import momentpay

EXIT_RIGHT_AFTER = """
import asyncio, sys, momentpay

async def main():
    client = momentpay.AsyncClient(api_key=sys.argv[2], base_url=sys.argv[1])
    sessions = await asyncio.gather(*(client.payment_sessions.create(amount=100 + i, currency="ZAR") for i in range(64)))
    assert len({s.id for s in sessions}) == 64

asyncio.run(main())
"""


def test_a_script_exits_cleanly_right_after_its_last_await(sim, key) -> None:  # type: ignore[no-untyped-def]
    for _ in range(8):
        done = subprocess.run([sys.executable, "-c", EXIT_RIGHT_AFTER, sim.base_url, key], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Fatal Python error" not in done.stderr


def test_a_cancelled_call_raises_in_the_caller_and_the_client_carries_on(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def run() -> str:
        client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url, timeout=5)
        sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 1500}, key=key)
        try:
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(client.payment_sessions.create(amount=100, currency="ZAR"), 0.2)
        finally:
            sim.call("POST", "/_sim/faults", {"rate": 0}, key=key)
        return (await client.payment_sessions.create(amount=200, currency="ZAR")).id

    assert asyncio.run(run()).startswith("ps_")


def test_an_error_from_a_runtime_thread_is_the_typed_exception(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def run() -> None:
        client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url)
        with pytest.raises(momentpay.NotFoundError) as raised:
            await client.payment_sessions.retrieve("ps_missing")
        assert raised.value.status == 404 and raised.value.request_id

    asyncio.run(run())
