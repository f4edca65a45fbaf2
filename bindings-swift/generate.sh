#!/usr/bin/env bash
# Regenerates the Swift package's sources from the built library, and uniffi's Python
# bindings of it (used by the tests that run without Swift). The library has two UniFFI
# namespaces, the core's models (`momentpay`) and this crate's client (`momentpay_ffi`):
# Swift compiles both files, MomentPayModels.swift and MomentPay.swift, into one module over
# one C module (both headers); Python gets momentpay.py and momentpay_ffi.py.
#
#   bindings-swift/generate.sh          rewrite Sources/ (commit the result)
#   bindings-swift/generate.sh --check  fail if Sources/ differ from a fresh generation
set -euo pipefail
cd "$(dirname "$0")/.."
TARGET="${CARGO_TARGET_DIR:-target}"
# The bindgen binaries do not depend on the SDK: MOMENTPAY_UNIFFI_BINDGEN_DIR may point at a
# folder where they are built already (the scratch-copy test uses the main tree's).
BINDGEN="${MOMENTPAY_UNIFFI_BINDGEN_DIR:-$TARGET/debug}"
# With test-hooks: the interface is the same, and the uniffi tests reach `test.panic` through it.
if [ -n "${MOMENTPAY_UNIFFI_BINDGEN_DIR:-}" ]; then
  cargo build -q -p momentpay-swift --features momentpay-swift/test-hooks
else
  cargo build -q -p momentpay-swift -p uniffi-bindgen --features momentpay-swift/test-hooks
fi
LIB="$TARGET/debug/libmomentpay_ffi.so"
[ -f "$LIB" ] || LIB="$TARGET/debug/libmomentpay_ffi.dylib"

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$BINDGEN/uniffi-bindgen-swift" --swift-sources "$LIB" "$OUT/MomentPay" >/dev/null
"$BINDGEN/uniffi-bindgen-swift" --headers --modulemap --module-name MomentPayFFI \
  --modulemap-filename module.modulemap "$LIB" "$OUT/MomentPayFFI" >/dev/null

# uniffi's Python bindings of the same library, beside a copy of it, as one package
# (momentpay_uniffi: momentpay.py imports nothing, momentpay_ffi.py imports it relatively)
# whose namespace holds both, as Swift's one module does.
PY_OUT="$TARGET/uniffi-python/momentpay_uniffi"
rm -rf "$PY_OUT" && mkdir -p "$PY_OUT"
"$BINDGEN/uniffi-bindgen" generate --library "$LIB" --language python --out-dir "$PY_OUT" >/dev/null
cp "$LIB" "$PY_OUT/"
cat > "$PY_OUT/__init__.py" <<'PY'
"""uniffi's Python bindings of libmomentpay_ffi: the models (momentpay) and the client
(momentpay_ffi) in one namespace, as Swift's MomentPay module has them (tests only)."""
from .momentpay import *  # noqa: F401,F403
from .momentpay_ffi import *  # noqa: F401,F403
PY

if [ "${1:-}" = "--check" ]; then
  diff -ru bindings-swift/Sources/MomentPay "$OUT/MomentPay" && \
  diff -ru bindings-swift/Sources/MomentPayFFI "$OUT/MomentPayFFI" || {
    echo "bindings-swift/Sources differ from a fresh generation: run bindings-swift/generate.sh and commit" >&2
    exit 1
  }
  echo "generated Swift sources are up to date"
else
  # Both folders hold generated files only: what a fresh generation no longer makes goes.
  rm -rf bindings-swift/Sources/MomentPay bindings-swift/Sources/MomentPayFFI
  mkdir -p bindings-swift/Sources/MomentPay bindings-swift/Sources/MomentPayFFI
  cp "$OUT/MomentPay/"* bindings-swift/Sources/MomentPay/
  cp "$OUT/MomentPayFFI/"* bindings-swift/Sources/MomentPayFFI/
  echo "regenerated bindings-swift/Sources"
fi
