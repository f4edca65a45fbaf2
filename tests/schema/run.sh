#!/usr/bin/env bash
# Schemathesis against the simulator, from the /openapi.json it serves: every operation,
# generated valid and invalid requests (coverage, fuzzing and stateful phases, following the
# document's links), with the checks not_a_server_error, status_code_conformance,
# content_type_conformance and response_schema_conformance. Fails on any failure.
#
#   tests/schema/run.sh          full run: 100 examples per operation (about 4,800 requests)
#   tests/schema/run.sh 10       short run (the test command's: about 2,200 requests)
#
# Uses target/debug/momentpay-sim (MOMENTPAY_SIM_BIN overrides); schemathesis is installed
# into its own venv, target/venv-schemathesis.
set -euo pipefail
cd "$(dirname "$0")/../.."
EXAMPLES="${1:-100}"
VENV=target/venv-schemathesis
[ -x "$VENV/bin/schemathesis" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check -r tests/schema/requirements.txt
BIN="${MOMENTPAY_SIM_BIN:-target/debug/momentpay-sim}"
[ -x "$BIN" ] || cargo build -q -p momentpay-sim
OUT=$(mktemp -d)
"$BIN" serve --port 0 > "$OUT/sim.out" 2>&1 &
SIM=$!
trap 'kill $SIM 2>/dev/null; rm -rf "$OUT"' EXIT
for _ in $(seq 100); do
  BASE=$(sed -n 's/^base_url=//p' "$OUT/sim.out" | head -n 1)
  [ -n "$BASE" ] && break
  sleep 0.05
done
[ -n "${BASE:-}" ] || { echo "the simulator did not start: $(cat "$OUT/sim.out")" >&2; exit 1; }
KEY="sk_test_schemathesis$(date +%s)"
status=0
(cd "$OUT" && "$OLDPWD/$VENV/bin/schemathesis" run "$BASE/openapi.json" --url "$BASE" \
  -H "Authorization: Bearer $KEY" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --max-examples "$EXAMPLES" --workers 2 --no-color --generation-database none \
  --report json --report-dir "$OUT/report") > "$OUT/run.log" 2>&1 || status=$?
sed -n '/FAILURES/,/WARNINGS/p;/SUMMARY/,$p' "$OUT/run.log" | grep -v '^\s*$'
cases=$(grep -oE '[0-9]+ generated' "$OUT/run.log" | tail -n 1 | grep -oE '[0-9]+')
echo "schemathesis: ${cases:-0} generated requests, exit $status"
exit "$status"
