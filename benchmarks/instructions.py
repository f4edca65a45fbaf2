"""Instruction counts (valgrind's callgrind, from Debian) for the Rust verify paths and one
API call, so a regression shows on a noisy machine where timings do not. Each path runs
twice, N and 2N times, in its own process; the difference over N is the count per call,
with start-up and warm-up cancelled out. Prints one JSON line per path:
{"callgrind": name, "instructions": n}; prints nothing when valgrind is absent.

    python benchmarks/instructions.py <profile> [N]    (profile: debug or release; N: 1000)
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

from bench_sim import simulator_with_session

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def instructions(argv: list[str]) -> int:
    """Instructions the whole process ran (callgrind's `summary:` line)."""
    with tempfile.TemporaryDirectory() as scratch:
        out = pathlib.Path(scratch) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
                       check=True, capture_output=True, timeout=900)
        found = re.search(r"^summary: (\d+)", out.read_text(), re.MULTILINE)
        if not found:
            raise SystemExit(f"no summary in callgrind's output for {argv}")
        return int(found.group(1))


def per_call(argv_for: "callable[[int], list[str]]", calls_for: "callable[[int], int]", n: int) -> int:
    small, large = instructions(argv_for(n)), instructions(argv_for(2 * n))
    return round((large - small) / (calls_for(2 * n) - calls_for(n)))


def main() -> None:
    if shutil.which("valgrind") is None:
        print("instructions: valgrind is not installed (apt-get install valgrind); skipped", file=sys.stderr)
        return
    profile = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    bench = str(TARGET / profile / "webhook_bench")
    for path, name in (("envelope", "Rust verify_envelope, 0.5 KB"), ("verify", "Rust verify (data typed), 0.5 KB"),
                       ("floor", "HMAC-SHA256 + base64 + constant-time compare (floor), 0.5 KB")):
        count = per_call(lambda k, p=path: [bench, "--count", p, str(k)], lambda k: k, n)
        print(json.dumps({"callgrind": name, "instructions": count}), flush=True)
    with simulator_with_session(profile) as (base_url, key, session_id):
        api = str(TARGET / profile / "api_bench")
        calls = max(50, n // 10)
        for client in ("momentpay", "reqwest"):
            # api_bench warms up with calls/10 + 64 calls before the measured ones.
            count = per_call(lambda k, c=client: [api, c, "sequential", str(k), base_url, key, session_id],
                             lambda k: k + k // 10 + 64, calls)
            print(json.dumps({"callgrind": f"Rust API call (retrieve a payment session), {client}", "instructions": count}),
                  flush=True)


if __name__ == "__main__":
    main()
