"""A panic inside the core, reached through `invoke("test.panic")` (the library these tests
load is built with the test-only `test-hooks` feature), comes back to Swift's callers as
`MomentError.Internal`, async and blocking, and the process and client carry on. uniffi's
Python bindings use the same scaffolding (RustCallStatus, the async future protocol) as
the generated Swift, so this is the Swift behaviour without a Swift toolchain."""

from __future__ import annotations

import asyncio
import json

import pytest

import momentpay_uniffi as ffi  # uniffi's bindings (models and client), not the pyo3 package


def test_a_panic_is_an_internal_error_blocking_and_async(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = ffi.MomentClient(api_key=key, base_url=sim.base_url)
    with pytest.raises(ffi.MomentError.Internal) as blocking:
        moment.invoke_blocking("test.panic")
    assert "panic" in str(blocking.value)

    async def panic_async() -> None:
        await moment.invoke("test.panic")

    with pytest.raises(ffi.MomentError.Internal):
        asyncio.run(panic_async())
    # The runtime survived: the same client still works.
    session = moment.create_payment_session_blocking(ffi.CreatePaymentSession(amount=500, currency="ZAR"))
    assert session.id.startswith("ps_")


def test_invoke_is_the_json_escape_hatch(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = ffi.MomentClient(api_key=key, base_url=sim.base_url)
    created = json.loads(moment.invoke_blocking("payment_sessions.create", params_json='{"amount": 700, "currency": "ZAR"}'))
    assert created["amount"] == 700

    async def retrieve() -> str:
        return await moment.invoke("payment_sessions.retrieve", id=created["id"])

    assert json.loads(asyncio.run(retrieve()))["id"] == created["id"]
    with pytest.raises(ffi.MomentError.Validation) as bad_json:
        moment.invoke_blocking("payment_sessions.create", params_json="{amount: 1")
    assert bad_json.value.field == "params_json"
    with pytest.raises(ffi.MomentError.Validation) as bad_amount:
        moment.invoke_blocking("payment_sessions.create", params_json='{"amount": -1, "currency": "ZAR"}')
    assert bad_amount.value.field == "amount"
    with pytest.raises(ffi.MomentError.Validation) as unknown:
        moment.invoke_blocking("payments.refund", id="pay_1")
    assert unknown.value.field == "operation"


@pytest.mark.parametrize("tolerance", [1e20, 1.8e19, float("inf"), -1.0])
def test_a_huge_webhook_tolerance_is_a_validation_error_not_a_panic(tolerance: float) -> None:
    # Security review L1: `Duration::from_secs_f64(1e20)` panicked, which reached Swift as
    # UniffiInternalError.rustPanic instead of MomentError.
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    with pytest.raises(ffi.MomentError.Validation) as error:
        ffi.MomentWebhook(secret=secret, tolerance_seconds=tolerance)
    assert error.value.field == "tolerance_seconds"
