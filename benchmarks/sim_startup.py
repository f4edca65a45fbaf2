"""Simulator start-up, as a test suite meets it: `momentpay.testing.Simulator()` (its own
`momentpay-sim` process, ready with a merchant and a webhook receiver), a merchant more on
a running one (what the pytest fixture does per test), and Node's `Simulator.start()`;
median of N runs. One JSON line per measurement."""

from __future__ import annotations

import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
profile = sys.argv[2] if len(sys.argv) > 2 else "release"
os.environ.setdefault("MOMENTPAY_SIM_BIN", str(ROOT / "target" / profile / "momentpay-sim"))
runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15

from momentpay.testing import Simulator, SimulatorServer  # noqa: E402


def median_ms(start) -> float:  # type: ignore[no-untyped-def]
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        sim = start()
        samples.append(time.perf_counter() - began)
        sim.stop()
    return round(statistics.median(samples) * 1000, 2)


print(json.dumps({"lang": "python", "impl": "simulator start: Simulator() (process + merchant)", "ms": median_ms(lambda: Simulator().start())}))
with SimulatorServer() as server:
    merchant = median_ms(lambda: Simulator(server=server).start())
print(json.dumps({"lang": "python", "impl": "simulator start: one more merchant (moment_sim per test)", "ms": merchant}))
script = (
    "const { Simulator } = require('./bindings-node/dist/testing.js');"
    f"(async () => {{ const s = []; for (let i = 0; i < {runs}; i++) {{ const t = performance.now();"
    " const sim = await Simulator.start(); s.push(performance.now() - t); await sim.stop() }"
    " s.sort((a, b) => a - b); console.log(s[Math.floor(s.length / 2)].toFixed(2)) })()"
)
node_ms = float(subprocess.run(["node", "-e", script], cwd=ROOT, check=True, capture_output=True, text=True).stdout)
print(json.dumps({"lang": "node", "impl": "simulator start: Simulator.start() (process + merchant)", "ms": node_ms}))
