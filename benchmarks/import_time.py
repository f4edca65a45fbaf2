"""Cold-process import time: `import momentpay` against `import stripe` (PyPI), minus an
empty interpreter start; median of N runs. One JSON line per module."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time


def wall(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
baseline = wall("pass", runs)
for module in ("momentpay", "stripe"):
    seconds = wall(f"import {module}", runs) - baseline
    print(json.dumps({"lang": "python", "impl": f"import {module}", "ms": round(seconds * 1000, 1)}))
print(json.dumps({"lang": "python", "impl": "interpreter start (subtracted)", "ms": round(baseline * 1000, 1)}))

# Node: require() of the package (the native addon's load included), minus `node -e 0`.
ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]


def node_wall(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(["node", "-e", code], check=True, cwd=ROOT)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


node_baseline = node_wall("0", runs)
node_seconds = node_wall("require('./bindings-node')", runs) - node_baseline
print(json.dumps({"lang": "node", "impl": "require('momentpay')", "ms": round(node_seconds * 1000, 1)}))
print(json.dumps({"lang": "node", "impl": "node start (subtracted)", "ms": round(node_baseline * 1000, 1)}))
