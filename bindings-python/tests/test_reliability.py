"""Reliability in Python: calls work in a forked child (os.fork and a multiprocessing fork
pool, sync and async, with a client made before the fork too); Ctrl-C interrupts a blocking
call at once and the exception carries the call's key; a cancelled async mutation leaves its
idempotency key in the caller's hands and the repeat applies it once."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from typing import Any, Dict, List, Optional

import pytest

import momentpay
from conftest_sim import Sim

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork() is POSIX only")


def _call_in_child(base_url: str, key: str, mode: str, inherited: Optional[momentpay.Client]) -> str:
    """What the child of a fork gets from one sync or async call (a `NotFoundError` is the
    simulator's answer, which is all this needs)."""
    try:
        if mode == "sync":
            client = inherited or momentpay.Client(api_key=key, base_url=base_url, timeout=5, max_retries=0)
            client.payment_sessions.retrieve("ps_missing")
        else:

            async def run() -> None:
                client = momentpay.AsyncClient(api_key=key, base_url=base_url, timeout=5, max_retries=0)
                await client.payment_sessions.retrieve("ps_missing")

            asyncio.run(run())
    except momentpay.NotFoundError:
        return "ok"
    except Exception as error:  # noqa: BLE001 - the child reports what it met
        return f"{type(error).__name__}: {error}"
    return "no error"


def _pool_task(args: "tuple[str, str, str]") -> str:
    base_url, key, mode = args
    return _call_in_child(base_url, key, mode, None)


def _fork_and_call(base_url: str, key: str, mode: str, inherited: Optional[momentpay.Client]) -> str:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: a watchdog, one call, its answer down the pipe, then _exit
        signal.alarm(20)
        outcome = "error"
        try:
            outcome = _call_in_child(base_url, key, mode, inherited)
        finally:
            os.write(write, outcome.encode())
            os._exit(0)
    os.close(write)
    chunks = []
    while True:
        chunk = os.read(read, 4096)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), f"the child was killed (signal {os.WTERMSIG(status)}): it hung"
    return b"".join(chunks).decode()


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_forked_child_calls_after_the_parent_did(sim: Sim, key: str, client: momentpay.Client, mode: str) -> None:
    # The parent has used the SDK: its runtime and pool exist and are then forked.
    with pytest.raises(momentpay.NotFoundError):
        client.payment_sessions.retrieve("ps_missing")
    assert _fork_and_call(sim.base_url, key, mode, None) == "ok"
    # The parent carries on with its own runtime.
    with pytest.raises(momentpay.NotFoundError):
        client.payment_sessions.retrieve("ps_missing")


def test_a_client_made_before_the_fork_works_in_the_child(sim: Sim, key: str, client: momentpay.Client) -> None:
    with pytest.raises(momentpay.NotFoundError):
        client.payment_sessions.retrieve("ps_missing")
    assert _fork_and_call(sim.base_url, key, "sync", client) == "ok"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_a_multiprocessing_fork_pool_calls(sim: Sim, key: str, client: momentpay.Client, mode: str) -> None:
    with pytest.raises(momentpay.NotFoundError):
        client.payment_sessions.retrieve("ps_missing")
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.map_async(_pool_task, [(sim.base_url, key, mode)] * 4).get(timeout=60)
    assert results == ["ok"] * 4


def test_ctrl_c_interrupts_a_blocking_call_and_keeps_its_key(sim: Sim, key: str, client: momentpay.Client) -> None:
    sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 4000}, key=key)
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    started = time.monotonic()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt) as interrupted:
            client.payment_sessions.create(amount=401, currency="ZAR")
    finally:
        timer.cancel()
    took = time.monotonic() - started
    assert took < 3.5, f"the call ran on for {took:.1f} s after Ctrl-C"
    made = momentpay.idempotency_key_of(interrupted.value)
    assert made is not None
    # The interrupted create still commits; its key answers it without a second session.
    deadline = time.monotonic() + 15
    while sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] != 1:
        assert time.monotonic() < deadline, "the interrupted create never committed"
        time.sleep(0.05)
    again = client.payment_sessions.create(amount=401, currency="ZAR", idempotency_key=made)
    assert again.amount == 401
    assert sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 1


def _authorised_payment(sim: Sim, key: str, client: momentpay.Client, amount: int) -> str:
    session = client.payment_sessions.create(
        amount=amount, currency="ZAR", options={"payment_method_options": {"card": {"capture_method": "manual"}}}
    )
    sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {"card_number": "4242424242424242"}, key=key)
    payment_id = client.payment_sessions.retrieve(session.id).payment_id
    assert payment_id is not None
    return payment_id


def test_a_cancelled_capture_keeps_its_key_and_the_repeat_captures_once(
    sim: Sim, key: str, client: momentpay.Client, async_client: momentpay.AsyncClient
) -> None:
    payment = _authorised_payment(sim, key, client, 1000)
    sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 1500}, key=key)

    async def capture_with_a_deadline() -> BaseException:
        try:
            await asyncio.wait_for(async_client.payments.capture(payment, amount=500), 0.2)
        except asyncio.TimeoutError as error:
            return error
        raise AssertionError("the capture should have been cut off")

    error = asyncio.run(capture_with_a_deadline())
    made = momentpay.idempotency_key_of(error)
    assert made is not None, "the TimeoutError leads to the cancelled call's key"

    async def repeat() -> int:
        deadline = time.monotonic() + 15
        while True:
            try:
                captured = await async_client.payments.capture(payment, amount=500, idempotency_key=made)
                return captured.paid_amount or 0
            except (momentpay.IdempotencyError, momentpay.APITimeoutError):
                assert time.monotonic() < deadline
                await asyncio.sleep(0.05)

    assert asyncio.run(repeat()) == 500
    assert client.payments.retrieve(payment).paid_amount == 500, "captured once, not twice"


def test_a_cancelled_task_carries_the_key(sim: Sim, key: str, async_client: momentpay.AsyncClient) -> None:
    sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 1000}, key=key)
    seen: List[Dict[str, Any]] = []

    async def run() -> None:
        task = asyncio.ensure_future(async_client.payment_sessions.create(amount=402, currency="ZAR", idempotency_key="order-402"))
        await asyncio.sleep(0.2)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError as cancelled:
            seen.append({"key": getattr(cancelled, "idempotency_key", None), "found": momentpay.idempotency_key_of(cancelled)})

    asyncio.run(run())
    assert seen == [{"key": "order-402", "found": "order-402"}]


_RUNNER = """
import sys, time
from momentpay.testing import SimulatorServer
server = SimulatorServer().start()
print(server._process.pid, flush=True)
time.sleep(120)
"""


def test_a_killed_test_runner_leaves_no_simulator_behind() -> None:
    import subprocess
    import sys

    runner = subprocess.Popen([sys.executable, "-c", _RUNNER], stdout=subprocess.PIPE, text=True)
    assert runner.stdout is not None
    simulator_pid = int(runner.stdout.readline().strip())
    os.kill(simulator_pid, 0)  # running
    runner.kill()  # SIGKILL: no atexit, no finally
    runner.wait()
    deadline = time.monotonic() + 15
    while True:
        try:
            os.kill(simulator_pid, 0)
        except ProcessLookupError:
            break
        # A zombie is gone too, as far as leaks go: it holds no port or memory.
        try:
            with open(f"/proc/{simulator_pid}/stat") as stat:
                if stat.read().split(") ", 1)[1].startswith("Z"):
                    break
        except FileNotFoundError:
            break
        assert time.monotonic() < deadline, "momentpay-sim outlived its killed test runner"
        time.sleep(0.05)
