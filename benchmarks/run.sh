#!/usr/bin/env bash
# Runs every benchmark and writes benchmarks/RESULTS.md (medians, ratios, targets, machine)
# and benchmarks/results.png (the chart).
#
#   benchmarks/run.sh            release builds, full counts (about 15 minutes on 2 cores)
#   benchmarks/run.sh --smoke    debug builds, tiny counts: checks the benchmarks still run
#                                (the test command does this; its numbers mean nothing and
#                                go to benchmarks/RESULTS.smoke.md, not committed)
#
# Measured: webhook verify + parse (Rust, Python, Node) against each language's
# standardwebhooks and raw HMAC; client CPU per API call and peak RSS against reqwest,
# requests, httpx and fetch, sequential and 64 in flight; `import momentpay` against
# `import stripe` and Node's require; the simulator's start-up in the test fixtures;
# resident memory over 1,000,000 verifies and 100,000 failed calls (Python, Node);
# 10,000 calls in flight from one async client and an outage of 1,000 calls (Rust, Python,
# Node); the simulator's memory and latency over 200,000 fixture-style creates; the asyncio
# hand-off while the GIL is held; instruction counts (callgrind) of the Rust verify paths
# and one API call; artefact sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
SMOKE=""
[ "${1:-}" = "--smoke" ] && SMOKE=1
python_env >/dev/null
"$PY" -m pip install -q --disable-pip-version-check -r benchmarks/requirements.txt
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

if [ -n "$SMOKE" ]; then
  ITER=200; IMPORT_RUNS=2; CALLS=100; REPEATS=1; PROFILE=debug; VERIFIES=20000; FAILED=1000
  BURST=300; OUTAGE=100; LONG=1000; GIL_CALLS=200; COUNTED=20
  cargo build -q -p momentpay-benchmarks -p momentpay-sim
  [ -f bindings-python/python/momentpay/_momentpay.abi3.so ] || python_module
  [ -f bindings-node/momentpay.linux-x64-gnu.node ] || node_addon
else
  ITER=20000; IMPORT_RUNS=15; CALLS=3000; REPEATS=3; PROFILE=release; VERIFIES=1000000; FAILED=100000
  BURST=10000; OUTAGE=1000; LONG=200000; GIL_CALLS=2000; COUNTED=1000
  cargo build -q --release -p momentpay-benchmarks -p momentpay-sim
  cargo build -q --profile release-swift -p momentpay-swift
  rm -rf target/wheels-bench
  "$VENV/bin/maturin" build -q --release -m bindings-python/Cargo.toml --out target/wheels-bench
  env VIRTUAL_ENV="$PWD/$VENV" PATH="$PWD/$VENV/bin:$PATH" "$VENV/bin/maturin" develop -q --release -m bindings-python/Cargo.toml
  { [ -d bindings-node/node_modules ] || npm_install_locked; } && npm run --silent --prefix bindings-node build:release >/dev/null
fi

echo "webhooks: Rust" >&2;   "target/$PROFILE/webhook_bench" "$ITER" >>"$OUT"
echo "webhooks: Python" >&2; "$PY" benchmarks/webhooks_python.py "$ITER" >>"$OUT"
echo "webhooks: Node" >&2;   node benchmarks/webhooks_node.mjs "$ITER" >>"$OUT"
echo "import time" >&2;      "$PY" benchmarks/import_time.py "$IMPORT_RUNS" >>"$OUT"
echo "simulator start" >&2;  "$PY" benchmarks/sim_startup.py "$IMPORT_RUNS" "$PROFILE" >>"$OUT"
echo "memory" >&2;           MOMENTPAY_SIM_BIN="target/$PROFILE/momentpay-sim" "$PY" benchmarks/memory_python.py "$VERIFIES" "$FAILED" >>"$OUT"
MOMENTPAY_SIM_BIN="target/$PROFILE/momentpay-sim" node --expose-gc --min-semi-space-size=16 --max-semi-space-size=16 benchmarks/memory_node.mjs "$VERIFIES" "$FAILED" >>"$OUT"
echo "API calls" >&2;        "$PY" benchmarks/api.py "$CALLS" "$PROFILE" "$REPEATS" >>"$OUT"
echo "load and long run" >&2; "$PY" benchmarks/load.py "$PROFILE" "$BURST" "$OUTAGE" "$LONG" >>"$OUT"
echo "GIL hand-off" >&2;     "$PY" benchmarks/gil_handoff.py "$GIL_CALLS" "$PROFILE" >>"$OUT"
echo "instruction counts" >&2; "$PY" benchmarks/instructions.py "$PROFILE" "$COUNTED" >>"$OUT"
"$PY" benchmarks/report.py "$OUT" "$PROFILE" "$SMOKE"
# A full run's raw figures stay beside RESULTS.md (report.py rebuilds it and the README's
# table from them).
[ -n "$SMOKE" ] || cp "$OUT" benchmarks/results.jsonl
