"""Test fixtures for code that uses momentpay: a local Moment (`momentpay-sim`) with a
merchant of your test's own.

    from momentpay.testing import Simulator

    with Simulator() as sim:
        client = sim.client()
        session = client.payment_sessions.create(amount=5000, currency="ZAR")
        sim.pay(session)
        event = sim.webhooks.wait_for("payment_session.completed", session.id)

With pytest, the `moment_sim` fixture gives each test a fresh merchant on one simulator
process per session. Install with `pip install "momentpay[testing]"`.
"""

from ._binary import SimulatorNotFound, find_simulator
from ._server import SimulatorError, SimulatorServer
from ._simulator import Clock, Simulator, Triggered
from ._webhooks import WebhookReceiver, WebhookTimeout

__all__ = [
    "Clock",
    "Simulator",
    "SimulatorError",
    "SimulatorNotFound",
    "SimulatorServer",
    "Triggered",
    "WebhookReceiver",
    "WebhookTimeout",
    "find_simulator",
]
