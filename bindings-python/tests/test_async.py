"""The asyncio client: every resource method, concurrency, async iteration, event loops."""

from __future__ import annotations

import asyncio
import json

import pytest

import momentpay


def run(coro):  # type: ignore[no-untyped-def]
    return asyncio.run(coro)


def test_every_async_method(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        async with momentpay.AsyncClient(api_key=key, base_url=sim.base_url) as client:
            session = await client.payment_sessions.create(amount=2000, currency="ZAR", options={"payment_method_options": {"card": {"capture_method": "manual"}}})
            sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {})
            session = await client.payment_sessions.retrieve(session.id)
            assert session.payment_outcome == "reserved"
            payment = await client.payments.retrieve(session.payment_id)
            assert payment.authorised_amount == 2000
            assert (await client.payments.capture(payment.id, amount=500)).paid_amount == 500
            assert (await client.payments.void(payment.id)).voided_amount == 1500
            request = await client.payment_requests.create(amount=100, currency="ZAR")
            assert (await client.payment_requests.retrieve(request.id)).status == "active"
            assert (await client.payment_requests.update(request.id, description="x")).description == "x"
            assert (await client.payment_requests.delete(request.id)).deleted
            page = sim.call("POST", "/_sim/payment_pages", {"amount": 100}, key=key)
            for _ in range(5):
                sim.call("POST", f"/_sim/payment_pages/{page['id']}/pay", {})
            assert (await client.payment_pages.retrieve(page["id"])).amount == 100
            assert (await client.payment_pages.update(page["id"], status="inactive")).status == "inactive"
            assert len((await client.payment_pages.list_transactions(page["id"], limit=2)).data) == 2
            seen = [t.id async for t in client.payment_pages.transactions(page["id"], limit=2)]
            assert len(seen) == 5 and len(set(seen)) == 5
            await client.billing.customers.create(external_reference="C1", balance=10, currency="ZAR")
            assert (await client.billing.customers.retrieve("C1")).balance == 10
            assert (await client.billing.customers.update("C1", name="N")).name == "N"
            await client.billing.accounts.create(customer="C1", external_reference="A1")
            assert (await client.billing.accounts.retrieve("A1")).customer_id
            assert (await client.billing.accounts.update("A1", name="Acc")).name == "Acc"
            await client.billing.bills.create(external_reference="B1", amount_due=50, currency="ZAR", account="A1")
            assert (await client.billing.bills.retrieve("B1")).amount_due == 50
            assert (await client.billing.bills.update("B1", amount_paid=50)).status == "paid"
            with pytest.raises(momentpay.ConflictError):
                await client.billing.bills.void("B1")

    run(scenario())


def test_errors_reject_the_awaitable(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url)
        with pytest.raises(momentpay.NotFoundError) as missing:
            await client.payments.retrieve("pay_nope")
        assert missing.value.status == 404
        with pytest.raises(momentpay.ValidationError) as invalid:
            await client.payment_sessions.create(amount=-1, currency="ZAR")
        assert invalid.value.field == "amount"

    run(scenario())


def test_hundreds_of_concurrent_calls(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> int:
        client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url)
        sessions = await asyncio.gather(*(client.payment_sessions.create(amount=100 + i, currency="ZAR") for i in range(300)))
        return len({s.id for s in sessions})

    assert run(scenario()) == 300


def test_one_client_across_event_loops(sim, key) -> None:  # type: ignore[no-untyped-def]
    client = momentpay.AsyncClient(api_key=key, base_url=sim.base_url)
    first = run(client.payment_sessions.create(amount=1, currency="ZAR"))
    second = run(client.payment_sessions.retrieve(first.id))
    assert first == second


def test_the_event_loop_keeps_running_during_a_call() -> None:
    # Deterministic: the answer comes from an asyncio server on the same loop, so the call
    # can only complete if it left the loop free while it waited (else it times out).
    body = json.dumps({"id": "ps_loop", "amount": 1, "currency": "ZAR", "status": "active", "type": "one_time"}).encode()

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (len(body), body))
        await writer.drain()
        writer.close()

    async def scenario() -> str:
        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = momentpay.AsyncClient(api_key="sk_test_loop", base_url=f"http://127.0.0.1:{port}")
        try:
            session = await client.payment_sessions.retrieve("ps_loop", timeout=10, max_retries=0)
            return session.id
        finally:
            server.close()

    assert run(scenario()) == "ps_loop"
