"""momentpay.testing, the fixtures merchants use: the verbs against a real momentpay-sim,
isolation between merchants, and a clear error for every wrong argument."""

from __future__ import annotations

import os
import datetime

import pytest

import momentpay
from momentpay.testing import (
    Simulator,
    SimulatorError,
    SimulatorNotFound,
    SimulatorServer,
    WebhookTimeout,
    find_simulator,
)


def test_a_standalone_simulator_runs_its_own_process() -> None:
    with Simulator() as sim:
        assert sim.base_url.startswith("http://127.0.0.1:")
        assert sim.api_key.startswith("sk_test_")
        assert sim.webhook_secret.startswith("whsec_")
        session = sim.client().payment_sessions.create(amount=100, currency="ZAR")
        paid = sim.pay(session.id)
        assert (paid.status, paid.payment_outcome) == ("completed", "paid")
        event = sim.webhooks.wait_for("payment_session.completed", session.id)
        assert isinstance(event, momentpay.PaymentSessionEvent)
        assert event.data.id == session.id
        base_url = sim.base_url
    # Stopped with the block: nothing answers there any more.
    stopped = SimulatorServer(binary=find_simulator())
    stopped.base_url = base_url
    with pytest.raises(SimulatorError, match="cannot reach"):
        stopped.call("GET", "/_sim/health")


def test_merchants_on_one_server_never_see_each_other(moment_sim: Simulator, moment_sim_server: SimulatorServer) -> None:
    with Simulator(server=moment_sim_server) as other:
        moment_sim.inject_faults(rate=1.0, kinds=["503"])
        moment_sim.set_webhook_chaos(delay_ms=3_600_000)
        moment_sim.advance_clock(days=40)
        theirs = other.client().payment_sessions.create(amount=100, currency="ZAR")
        created = datetime.datetime.fromisoformat((theirs.created_at or "").replace("Z", "+00:00"))
        drift = abs((created - datetime.datetime.now(datetime.timezone.utc)).total_seconds())
        assert drift < 3600, f"their clock did not move (created_at is {drift:.0f} s from now, not 40 days)"
        other.webhooks.wait_for("payment_session.created", theirs.id)
        with pytest.raises(momentpay.ServerError):
            moment_sim.client(max_retries=0).payment_sessions.retrieve(theirs.id)
        moment_sim.clear_faults()
        with pytest.raises(momentpay.NotFoundError):
            moment_sim.client().payment_sessions.retrieve(theirs.id)


def test_advance_to_next_event_runs_the_renewal(moment_sim: Simulator) -> None:
    client = moment_sim.client()
    first = client.payment_sessions.create(
        amount=2500,
        currency="ZAR",
        type="first_in_series",
        options={
            "customer": {"name": "Kim", "email": "kim@example.com"},
            "mandate_options": {"type": "scheduled", "amount": 2500, "recurrence": {"type": "monthly"}},
            "subscription_options": {},
        },
    )
    moment_sim.pay(first)
    clock = moment_sim.advance_to_next_event()
    assert clock["what"] == "subscription charge"
    assert clock["subscription_charges"] == 1
    renewal = moment_sim.webhooks.wait_for(
        "payment_session.completed",
        where=lambda e: isinstance(e, momentpay.PaymentSessionEvent) and e.data.type == "next_in_series",
    )
    assert isinstance(renewal, momentpay.PaymentSessionEvent)
    assert renewal.data.id != first.id and renewal.data.amount == 2500, "a new session, for the mandate's amount"


def test_every_trigger_arrives_verified(moment_sim: Simulator) -> None:
    for event_type in ["payment.captured", "payment_request.paid", "obligation.amount_applied"]:
        earlier = {event.id for event in moment_sim.webhooks.received}
        triggered = moment_sim.trigger(event_type)
        assert triggered["event"] == event_type and triggered["objects"]
        # Only an event that arrived after this trigger counts, about an object it made.
        arrived = moment_sim.webhooks.wait_for(event_type, where=lambda e: e.id not in earlier)  # type: ignore[arg-type]
        made = {object_id for _, object_id in triggered["objects"]}
        named = {value for value in arrived.data.to_dict().values() if isinstance(value, str)}
        assert named & made, (arrived.data, made)


def test_reset_forgets_the_merchant_and_keeps_the_receiver(moment_sim: Simulator) -> None:
    session = moment_sim.client().payment_sessions.create(amount=100, currency="ZAR")
    moment_sim.webhooks.wait_for("payment_session.created", session.id)
    moment_sim.reset()
    assert moment_sim.webhooks.received == []
    with pytest.raises(momentpay.NotFoundError):
        moment_sim.client().payment_sessions.retrieve(session.id)
    again = moment_sim.client().payment_sessions.create(amount=100, currency="ZAR")
    moment_sim.webhooks.wait_for("payment_session.created", again.id)


def test_resend_delivers_the_same_event_again(moment_sim: Simulator) -> None:
    session = moment_sim.client().payment_sessions.create(amount=100, currency="ZAR")
    created = moment_sim.webhooks.wait_for("payment_session.created", session.id)
    moment_sim.resend(created.id)
    events = moment_sim.webhooks.wait_for_count(2)
    assert [e.id for e in events] == [created.id, created.id]


async def _async_flow(sim: Simulator) -> str:
    client = sim.async_client()
    session = await client.payment_sessions.create(amount=100, currency="ZAR")
    return session.id


def test_the_async_client_is_the_merchants(moment_sim: Simulator) -> None:
    import asyncio

    session_id = asyncio.run(_async_flow(moment_sim))
    assert moment_sim.client().payment_sessions.retrieve(session_id).id == session_id


def test_wrong_arguments_are_named(moment_sim: Simulator) -> None:
    with pytest.raises(TypeError, match="'rat'"):
        moment_sim.inject_faults(rat=0.3)
    with pytest.raises(SimulatorError, match="rate") as refused:
        moment_sim.inject_faults(rate=2)
    assert refused.value.status == 422
    with pytest.raises(SimulatorError) as refused:
        moment_sim.inject_faults(kinds=["504"])
    assert refused.value.status == 400 and "504" in str(refused.value)
    with pytest.raises(TypeError, match="'duplicates'"):
        moment_sim.set_webhook_chaos(duplicates=1)
    with pytest.raises(SimulatorError, match="duplicate_rate"):
        moment_sim.set_webhook_chaos(duplicate_rate=1.5)
    with pytest.raises(ValueError, match="days"):
        moment_sim.advance_clock(days=-1)
    with pytest.raises(TypeError, match="hours"):
        moment_sim.advance_clock(hours="2")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="payment.captur"):
        moment_sim.webhooks.wait_for("payment.captur")  # type: ignore[arg-type]
    with pytest.raises(SimulatorError, match="ps_missing"):
        moment_sim.pay("ps_missing")
    with pytest.raises(TypeError, match="session_or_id"):
        moment_sim.pay(42)  # type: ignore[arg-type]
    with pytest.raises(SimulatorError, match="payment.captured"):
        moment_sim.trigger("payment.capture")
    with pytest.raises(WebhookTimeout, match="received: nothing"):
        moment_sim.webhooks.wait_for("payment.voided", timeout=0.2)


def test_a_missing_binary_says_where_it_looked(monkeypatch: pytest.MonkeyPatch, tmp_path: os.PathLike[str]) -> None:
    monkeypatch.setenv("MOMENTPAY_SIM_BIN", os.path.join(str(tmp_path), "nope"))
    with pytest.raises(SimulatorNotFound, match="MOMENTPAY_SIM_BIN=.*nope"):
        Simulator().start()
    monkeypatch.delenv("MOMENTPAY_SIM_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(__import__("sys").modules, "momentpay_sim", None)
    with pytest.raises(SimulatorNotFound) as missing:
        find_simulator()
    message = str(missing.value)
    assert "MOMENTPAY_SIM_BIN" in message and "PATH" in message
    assert 'pip install "momentpay[testing]"' in message


def test_a_merchants_own_handler_receives_and_verifies_forwarded_webhooks(moment_sim: Simulator) -> None:
    # Issue 28, item 3: one line points the simulator's webhooks at the merchant's handler.
    import http.server
    import queue
    import threading

    verified: "queue.Queue[momentpay.AnyEvent]" = queue.Queue()
    webhook = momentpay.Webhook(moment_sim.webhook_secret)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["content-length"]))
            try:
                verified.put(webhook.verify(body, dict(self.headers.items())))
                self.send_response(204)
            except momentpay.WebhookVerificationError:
                self.send_response(400)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = moment_sim.forward_webhooks_to(f"http://127.0.0.1:{server.server_port}/webhooks")
        session = moment_sim.client().payment_sessions.create(amount=700, currency="ZAR")
        moment_sim.pay(session.id)
        while True:
            event = verified.get(timeout=10)
            if event.type == "payment_session.completed":
                break
        assert isinstance(event, momentpay.PaymentSessionEvent) and event.data.id == session.id
        # The receiver got it too; after stopping the forward the endpoint is gone.
        moment_sim.webhooks.wait_for("payment_session.completed", session.id)
        moment_sim.stop_forwarding_webhooks(endpoint)
        with pytest.raises(SimulatorError) as gone:
            moment_sim.stop_forwarding_webhooks(endpoint)
        assert gone.value.status == 404
    finally:
        server.shutdown()


def test_every_wait_has_an_async_twin(moment_sim: Simulator) -> None:
    # Issue 28, item 9: an asyncio test awaits the webhook while its loop keeps running.
    import asyncio

    async def scenario() -> None:
        async with moment_sim.async_client() as client:
            session = await client.payment_sessions.create(amount=300, currency="ZAR")
            ticks = 0

            async def tick() -> None:
                nonlocal ticks
                while True:
                    ticks += 1
                    await asyncio.sleep(0.01)

            ticker = asyncio.create_task(tick())
            created = await moment_sim.webhooks.wait_for_async("payment_session.created", session.id)
            both = await moment_sim.webhooks.wait_for_count_async(1)
            assert created.data.id == session.id and len(both) >= 1
            with pytest.raises(WebhookTimeout):
                await moment_sim.webhooks.wait_for_async("payment.succeeded", session.id, timeout=0.3)
            ticker.cancel()
            # The loop ran during the waits (a blocking wait would have starved the ticker).
            assert ticks > 5

    asyncio.run(scenario())
