"""Cold-process start-up: `import momentpay` against `import stripe` (PyPI), minus an empty
interpreter start, and Node's `require('momentpay')` (the native addon's load included),
minus `node -e 0`; median of N runs. One JSON line per measurement."""

from __future__ import annotations

import json
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def wall(argv: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
baseline = wall([sys.executable, "-c", "pass"], runs)
for module in ("momentpay", "stripe"):
    seconds = wall([sys.executable, "-c", f"import {module}"], runs) - baseline
    print(json.dumps({"lang": "python", "impl": f"import {module}", "ms": round(seconds * 1000, 1)}))
print(json.dumps({"lang": "python", "impl": "interpreter start (subtracted)", "ms": round(baseline * 1000, 1)}))

node_baseline = wall(["node", "-e", "0"], runs)
node_seconds = wall(["node", "-e", "require('./bindings-node')"], runs) - node_baseline
print(json.dumps({"lang": "node", "impl": "require('momentpay')", "ms": round(node_seconds * 1000, 1)}))
print(json.dumps({"lang": "node", "impl": "node start (subtracted)", "ms": round(node_baseline * 1000, 1)}))
