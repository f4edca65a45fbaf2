"""The pytest plugin (entry point `pytest11`): fixture `moment_sim`, a fresh merchant per
test on one `momentpay-sim` process per test session (started on first use).

    def test_checkout(moment_sim):
        client = moment_sim.client()
        ...
"""

from __future__ import annotations

from typing import Iterator

import pytest

from ._server import SimulatorServer
from ._simulator import Simulator


@pytest.fixture(scope="session")
def moment_sim_server() -> Iterator[SimulatorServer]:
    """The session's `momentpay-sim` process."""
    with SimulatorServer() as server:
        yield server


@pytest.fixture
def moment_sim(moment_sim_server: SimulatorServer) -> Iterator[Simulator]:
    """A fresh merchant (key, webhook secret, receiver) on the session's simulator."""
    with Simulator(server=moment_sim_server) as sim:
        yield sim
