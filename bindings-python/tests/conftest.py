"""Fixtures: one simulator process for the session (spawned from the workspace's build), a
fresh merchant (API key) per test, and helpers for the simulator's control API."""

from __future__ import annotations

import os
import pathlib
import uuid
from typing import Any, Dict, Iterator

import pytest

import momentpay
from conftest_sim import Sim, start_simulator

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def _sim_binary() -> str:
    explicit = os.environ.get("MOMENTPAY_SIM_BIN")
    if explicit:
        return explicit
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return str(target / "debug" / "momentpay-sim")


# momentpay.testing (its pytest fixture moment_sim) runs the same binary.
os.environ.setdefault("MOMENTPAY_SIM_BIN", _sim_binary())


@pytest.fixture(scope="session")
def sim() -> Iterator[Sim]:
    process, base_url = start_simulator(_sim_binary())
    try:
        yield Sim(base_url)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(autouse=True)
def _no_faults_left_behind(request: pytest.FixtureRequest) -> Iterator[None]:
    """Faults set without a key apply to every merchant of the shared simulator: whatever a
    test leaves behind is cleared, so it cannot fail the next test's first request."""
    yield
    if "sim" in request.fixturenames:
        request.getfixturevalue("sim").call("DELETE", "/_sim/faults")


@pytest.fixture
def key() -> str:
    return f"sk_test_{uuid.uuid4().hex}"


@pytest.fixture
def client(sim: Sim, key: str) -> momentpay.Client:
    return momentpay.Client(api_key=key, base_url=sim.base_url)


@pytest.fixture
def async_client(sim: Sim, key: str) -> momentpay.AsyncClient:
    return momentpay.AsyncClient(api_key=key, base_url=sim.base_url)


@pytest.fixture
def requests_of(sim: Sim, key: str):  # type: ignore[no-untyped-def]
    """This test's API requests as the simulator logged them, filtered by path."""

    def get(path: str) -> list[Dict[str, Any]]:
        entries = sim.call("GET", "/_sim/requests", key=key)["data"]
        return sorted((e for e in entries if e["path"] == path), key=lambda e: e["received_at_ms"])

    return get
