#!/usr/bin/env bash
# Runs the benchmarks and writes benchmarks/RESULTS.md (medians, ratios, machine).
#
#   benchmarks/run.sh            release builds, full iteration counts (a few minutes)
#   benchmarks/run.sh --smoke    debug builds, tiny counts: checks the benchmarks still run
#                                (the test command does this; its numbers mean nothing)
#
# Measured so far: webhook verify + parse (Rust, Python, Node) against each language's
# standardwebhooks and raw HMAC, `import momentpay` against `import stripe`, and artefact
# sizes. Not yet: client CPU per API call against reqwest/requests/httpx/fetch, peak RSS,
# and the PNG chart (issue 8).
set -euo pipefail
cd "$(dirname "$0")/.."
SMOKE=""
[ "${1:-}" = "--smoke" ] && SMOKE=1
PY=.venv/bin/python
[ -x "$PY" ] || { python3 -m venv .venv && "$PY" -m pip install -q -r bindings-python/requirements-dev.txt; }
"$PY" -m pip install -q --disable-pip-version-check -r benchmarks/requirements.txt
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT

if [ -n "$SMOKE" ]; then
  ITER=200; IMPORT_RUNS=2; PROFILE=debug
  cargo build -q -p momentpay-benchmarks
else
  ITER=20000; IMPORT_RUNS=15; PROFILE=release
  cargo build -q --release -p momentpay-benchmarks -p momentpay-swift
  env VIRTUAL_ENV="$PWD/.venv" PATH="$PWD/.venv/bin:$PATH" .venv/bin/maturin develop -q --release -m bindings-python/Cargo.toml
  npm run --silent --prefix bindings-node build:release >/dev/null
fi

"target/$PROFILE/webhook_bench" "$ITER" >>"$OUT"
"$PY" benchmarks/webhooks_python.py "$ITER" >>"$OUT"
node benchmarks/webhooks_node.mjs "$ITER" >>"$OUT"
"$PY" benchmarks/import_time.py "$IMPORT_RUNS" >>"$OUT"

"$PY" - "$OUT" "$PROFILE" "${SMOKE:-}" <<'PYEOF'
import json, os, pathlib, platform, subprocess, sys, datetime
rows = [json.loads(line) for line in open(sys.argv[1])]
profile, smoke = sys.argv[2], sys.argv[3]
def cpu():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()
lines = [
    "# Benchmarks", "",
    f"{'Smoke run (debug builds, tiny counts): the numbers mean nothing.' if smoke else 'Latest full run'}: "
    f"{datetime.date.today()}, {cpu()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}, "
    f"Node {subprocess.run(['node', '--version'], capture_output=True, text=True).stdout.strip()}. Medians of 7 runs.", "",
    "## Webhook verify + parse (µs per webhook; ratio = peer ÷ momentpay, higher is better for momentpay)", "",
    "| language | implementation | 0.5 KB | 16 KB | ratio 0.5 KB | ratio 16 KB |", "|---|---|---:|---:|---:|---:|",
]
web = [r for r in rows if "ns_per_op" in r]
for lang in ("rust", "python", "node"):
    impls = [r["impl"] for r in web if r["lang"] == lang and r["size"] == 512]
    # The first row of each language is momentpay's main implementation (the ratios' base).
    ours = {r["size"]: r["ns_per_op"] for r in web if r["lang"] == lang and impls and r["impl"] == impls[0]}
    for name in impls:
        values = {r["size"]: r["ns_per_op"] for r in web if r["lang"] == lang and r["impl"] == name}
        ratio = lambda size: f"{values[size] / ours[size]:.2f}x" if ours.get(size) else ""
        lines.append(f"| {lang} | {name} | {values[512]/1000:.2f} | {values[16384]/1000:.2f} | {ratio(512)} | {ratio(16384)} |")
lines += ["", "## Import time (cold process, ms, interpreter start subtracted)", "", "| | ms |", "|---|---:|"]
for r in rows:
    if "ms" in r:
        lines.append(f"| {r['impl']} | {r['ms']} |")
sizes = []
for label, path in (("Python extension (.so)", "bindings-python/python/momentpay/_momentpay.abi3.so"),
                    ("Node addon (.node)", "bindings-node/momentpay.linux-x64-gnu.node"),
                    ("UniFFI library (.so)", f"target/{profile}/libmomentpay_ffi.so")):
    p = pathlib.Path(path)
    if p.exists():
        sizes.append(f"| {label} | {p.stat().st_size / 1e6:.2f} MB |")
lines += ["", f"## Artefact sizes ({profile} builds)", "", "| artefact | size |", "|---|---:|", *sizes, ""]
lines += ["Not measured yet (issue 8): client CPU per API call against reqwest, requests, httpx and fetch;",
          "peak RSS; the PNG chart.", ""]
target = pathlib.Path("benchmarks/RESULTS.smoke.md" if smoke else "benchmarks/RESULTS.md")
target.write_text("\n".join(lines))
print(target.read_text())
PYEOF
