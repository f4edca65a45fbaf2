"""Finding the `momentpay-sim` binary: `MOMENTPAY_SIM_BIN`, then the `momentpay-sim` wheel
(`pip install "momentpay[testing]"`), then `PATH`."""

from __future__ import annotations

import os
import shutil
from typing import List

__all__ = ["SimulatorNotFound", "find_simulator"]


class SimulatorNotFound(FileNotFoundError):
    """The `momentpay-sim` binary is not installed where the fixtures look."""


def find_simulator() -> str:
    """The path of the `momentpay-sim` binary; raises SimulatorNotFound naming every place
    it looked and how to install it."""
    looked: List[str] = []
    explicit = os.environ.get("MOMENTPAY_SIM_BIN")
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        raise SimulatorNotFound(f"MOMENTPAY_SIM_BIN={explicit} is not an executable file")
    looked.append("MOMENTPAY_SIM_BIN (not set)")
    try:
        import momentpay_sim  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        looked.append("the momentpay-sim package (not installed)")
    else:
        try:
            found: str = momentpay_sim.find_binary()
            return found
        except FileNotFoundError as error:
            looked.append(str(error))
    on_path = shutil.which("momentpay-sim")
    if on_path:
        return on_path
    looked.append("PATH")
    raise SimulatorNotFound(
        "the momentpay-sim binary was not found; looked in: "
        + "; ".join(looked)
        + '. Install it with `pip install "momentpay[testing]"`, or set MOMENTPAY_SIM_BIN to its path.'
    )
