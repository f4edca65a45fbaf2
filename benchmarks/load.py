"""Load and long-run benchmarks (issue 29): one async client with thousands of calls in
flight (Rust, Python, Node), the same client during an outage (every call answered 503),
and the simulator over a long run of fixture-style tests. Starts its own simulator per run
and prints the runners' JSON lines.

    python benchmarks/load.py <profile> <burst calls> <outage calls> <long creates>
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def run(profile: str, argv_tail: list[str], lang: str) -> list[str]:
    """Runs one runner against a fresh simulator; answers its output lines."""
    sim = subprocess.Popen([str(TARGET / profile / "momentpay-sim"), "serve", "--port", "0", "--stop-with-stdin"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert sim.stdout is not None
    base_url = sim.stdout.readline().strip().split("=", 1)[1]
    try:
        argv = {
            "rust": [str(TARGET / profile / "load_bench")],
            "python": [sys.executable, str(ROOT / "benchmarks" / "load_python.py")],
            "node": ["node", str(ROOT / "benchmarks" / "load_node.mjs")],
        }[lang]
        args = [argv_tail[0], argv_tail[1], base_url] + ([str(sim.pid)] if argv_tail[0] == "long" else [])
        done = subprocess.run(argv + args, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise SystemExit(f"{lang} {argv_tail} failed:\n{done.stderr[-3000:]}")
        return [line for line in done.stdout.splitlines() if line.startswith("{")]
    finally:
        sim.terminate()
        sim.wait(timeout=10)


def main() -> None:
    profile, burst, outage, long = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    for lang in ("rust", "python", "node"):
        for line in run(profile, ["burst", burst], lang) + run(profile, ["outage", outage], lang):
            row = json.loads(line)
            print(json.dumps(row), flush=True)
    # Side by side (issue 27): 1,000 creates in flight from momentpay and from the language's
    # usual HTTP client (reqwest, httpx, fetch), each against its own fresh simulator,
    # alternated three times; the run with the median CPU is kept.
    side = str(min(1000, int(burst)))
    for lang in ("rust", "python", "node"):
        for mode in ("burst", "peer"):
            rows = sorted((json.loads(line) for _ in range(3) for line in run(profile, [mode, side], lang)),
                          key=lambda r: r["cpu_ms"])
            print(json.dumps({**rows[len(rows) // 2], "side_by_side": True}), flush=True)
    for line in run(profile, ["long", long], "rust"):
        print(line, flush=True)


if __name__ == "__main__":
    main()
