"""Runs the API-call benchmarks: starts the simulator, creates the payment session every
client retrieves, and runs each implementation in its own process (Rust, Python, Node),
sequentially and with 64 calls in flight, three processes each (interleaved, so drift in
the machine hits every client alike). Prints one JSON line per client and mode: the run
with the median CPU per call.

    python benchmarks/api.py <calls> <profile> [repeats]   (profile: debug or release; repeats: 3)
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

from bench_sim import simulator_with_session

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))

RUNS = [
    ("rust", "momentpay"), ("rust", "reqwest"),
    ("python", "momentpay"), ("python", "requests"), ("python", "httpx"),
    ("python", "momentpay-async"), ("python", "httpx-async"),
    ("node", "momentpay"), ("node", "fetch"),
]


def main() -> None:
    calls, profile = int(sys.argv[1]), sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    with simulator_with_session(profile) as (base_url, key, session_id):
        runs: dict[tuple[str, str, str], list[dict[str, float]]] = {}
        for _ in range(repeats):
            for lang, name in RUNS:
                for mode in ("sequential", "concurrent"):
                    argv = {
                        "rust": [str(TARGET / profile / "api_bench")],
                        "python": [sys.executable, str(ROOT / "benchmarks" / "api_python.py")],
                        "node": ["node", str(ROOT / "benchmarks" / "api_node.mjs")],
                    }[lang]
                    done = subprocess.run(argv + [name, mode, str(calls), base_url, key, session_id],
                                          capture_output=True, text=True, timeout=900)
                    if done.returncode != 0:
                        raise SystemExit(f"{lang} {name} {mode} failed:\n{done.stderr[-3000:]}")
                    runs.setdefault((lang, name, mode), []).append(json.loads(done.stdout.strip().splitlines()[-1]))
        for results in runs.values():
            results.sort(key=lambda r: r["cpu_us_per_call"])
            print(json.dumps(results[len(results) // 2]), flush=True)


if __name__ == "__main__":
    main()
