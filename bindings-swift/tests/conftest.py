"""Loads uniffi's Python bindings of libmomentpay_ffi (the library Swift links) and starts
the simulator. MOMENTPAY_UNIFFI_DIR holds the generated package momentpay_uniffi (the models' momentpay.py and
the client's momentpay_ffi.py, beside the library)."""

from __future__ import annotations

import os
import pathlib
import sys
import uuid
from typing import Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, os.environ.get("MOMENTPAY_UNIFFI_DIR", str(ROOT / "target" / "uniffi-python")))
sys.path.insert(0, str(ROOT / "bindings-python" / "tests"))

from conftest_sim import Sim, start_simulator  # noqa: E402


@pytest.fixture(scope="session")
def sim() -> Iterator[Sim]:
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    process, base_url = start_simulator(str(target / "debug" / "momentpay-sim"))
    try:
        yield Sim(base_url)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def key() -> str:
    return f"sk_test_{uuid.uuid4().hex}"
