#!/usr/bin/env bash
# Runs every fuzz target for N seconds each (default 600), seeded from tests/vectors.
# Needs cargo-fuzz (`cargo install cargo-fuzz`); RUSTC_BOOTSTRAP lets the stable toolchain
# take the -Z flags cargo-fuzz passes. Any crash is saved under fuzz/artifacts/<target>/ and
# should become a regression vector in tests/vectors.
#
#   fuzz/run.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")"
SECONDS_EACH="${1:-600}"
python3 seed_corpus.py >/dev/null
for target in webhook_verify event_parse problem_parse; do
  echo "== $target for ${SECONDS_EACH}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O --sanitizer none "$target" "corpus/$target" -- \
    -max_total_time="$SECONDS_EACH" -print_final_stats=1 2>&1 | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+== ERROR|SUMMARY|.*panicked)" || true
done
