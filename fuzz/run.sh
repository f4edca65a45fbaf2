#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 600), seeded from tests/vectors, and
# fails if any target crashed. Needs cargo-fuzz: it is installed (pinned) into
# target/tools when missing; RUSTC_BOOTSTRAP lets the stable toolchain take the -Z flags
# cargo-fuzz passes. A crash is saved under fuzz/artifacts/<target>/: make it a regression
# vector in tests/vectors.
#
#   fuzz/run.sh [seconds] [target...]     (the test command runs: fuzz/run.sh 15)
set -uo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${1:-600}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(webhook_verify event_parse problem_parse operation_prepare)
TOOLS="$PWD/../target/tools"
export PATH="$TOOLS/bin:$PATH"
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install -q --locked --root "$TOOLS" cargo-fuzz --version 0.13.1 || { echo "cannot install cargo-fuzz" >&2; exit 1; }
fi
python3 seed_corpus.py >/dev/null || exit 1
failed=()
for target in "${TARGETS[@]}"; do
  echo "== $target for ${SECONDS_EACH}s"
  log="../target/fuzz-$target.log"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$SECONDS_EACH" -print_final_stats=1 >"$log" 2>&1
  status=$?
  grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|.*panicked)" "$log"
  if [ "$status" -ne 0 ]; then
    failed+=("$target (exit $status; see target/fuzz-$target.log and fuzz/artifacts/$target/)")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  printf 'fuzz: crashed: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "fuzz: no crash in ${#TARGETS[@]} target(s), ${SECONDS_EACH}s each"
