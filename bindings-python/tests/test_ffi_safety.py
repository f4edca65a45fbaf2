"""A panic inside the Rust core surfaces as momentpay.InternalError (an ordinary exception),
never an abort of the interpreter. Uses the test-only `test.panic` operation, present when
the module is built with the `test-hooks` feature (as ./scripts/test does)."""

from __future__ import annotations

import asyncio

import pytest

import momentpay


@pytest.fixture
def native(sim, key):  # type: ignore[no-untyped-def]
    client = momentpay.Client(api_key=key, base_url=sim.base_url)
    return client._native


def _has_hook(native) -> bool:  # type: ignore[no-untyped-def]
    try:
        native.invoke("test.panic")
    except momentpay.ValidationError:
        return False
    except momentpay.InternalError:
        return True
    return True


def test_a_panic_in_a_sync_call_is_an_internal_error(native) -> None:  # type: ignore[no-untyped-def]
    assert _has_hook(native), "build the module with --features test-hooks to run the FFI-safety tests"
    with pytest.raises(momentpay.InternalError) as error:
        native.invoke("test.panic")
    assert isinstance(error.value, momentpay.MomentError) and isinstance(error.value, Exception)
    assert error.value.kind == "internal"


def test_a_panic_in_an_async_call_is_an_internal_error(native) -> None:  # type: ignore[no-untyped-def]
    async def call() -> None:
        await native.invoke_async("test.panic")

    with pytest.raises(momentpay.InternalError):
        asyncio.run(call())


def test_the_client_keeps_working_after_a_panic(native, sim, key) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        with pytest.raises(momentpay.InternalError):
            native.invoke("test.panic")
    client = momentpay.Client(api_key=key, base_url=sim.base_url)
    assert client.payment_sessions.create(amount=100, currency="ZAR").id.startswith("ps_")
