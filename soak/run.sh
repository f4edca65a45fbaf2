#!/usr/bin/env bash
# The fault soak, one command: builds what it needs, then every client of every language
# (Rust async and blocking, Python threads and asyncio, Node Promise.all) creates payment
# sessions against the simulator with 30% of requests faulted, and a table counts
# duplicates, lost calls, untyped failures, aborts and hangs (all must be 0).
#
#   soak/run.sh                 10,000 calls per client; writes soak/RESULTS.md
#   soak/run.sh --calls 300     a shorter soak (the test command runs this)
#   soak/run.sh --calls 100 --break-retries
#                               the soak's self-test: retries forced to 0, it must FAIL
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
CALLS=10000
WRITE=(--write soak/RESULTS.md)
EXTRA=()
if [ "${1:-}" = "--calls" ]; then CALLS="$2"; WRITE=(); shift 2; fi
# --break-retries: the soak's self-test (every client with 0 retries; the soak must fail).
if [ "${1:-}" = "--break-retries" ]; then EXTRA=(--break-retries); WRITE=(); fi

LOG=target/soak-build.log
mkdir -p target
echo "building the simulator, the Rust runner, the Python module and the Node addon (log: $LOG)"
{ cargo build -q -p momentpay-sim -p momentpay-soak && python_env && python_module && node_addon; } >"$LOG" 2>&1 \
  || { tail -n 40 "$LOG"; echo "soak: the build failed (see $LOG)" >&2; exit 1; }
"$PY" soak/soak.py --calls "$CALLS" "${WRITE[@]}" "${EXTRA[@]}"
