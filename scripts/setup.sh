# Shared set-up steps, sourced by scripts/test, soak/run.sh and benchmarks/run.sh (run from
# the repository root). Each installs only what is missing or stale.

VENV=.venv
PY="$VENV/bin/python"

# Where cargo builds: CARGO_TARGET_DIR when it is set (made absolute, as cargo reads it
# relative to the working directory), target/ otherwise. Scripts find cargo's outputs here.
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*) ;; *) TARGET_DIR="$PWD/$TARGET_DIR" ;; esac

# The project's virtualenv with the pinned dev tools (maturin, pytest, mypy, ...).
python_env() {
  [ -x "$PY" ] || python3 -m venv "$VENV" || return 1
  "$PY" -m pip install -q --disable-pip-version-check -r bindings-python/requirements-dev.txt
}

# The Python module, built into the virtualenv (debug, with the test-only `test.panic` hook).
python_module() {
  env VIRTUAL_ENV="$PWD/$VENV" PATH="$PWD/$VENV/bin:$PATH" "$VENV/bin/maturin" develop --locked -q -m bindings-python/Cargo.toml --features test-hooks
}

# bindings-node's packages, exactly as locked. The lock lists every optional platform
# package of every dependency (napi's own tools ship one per OS and CPU), as a resolver that
# starts from nothing finds them; an earlier lock lacked them, so `npm install` with an empty
# cache rewrote it. Regenerate it only from nothing: rm -rf node_modules package-lock.json
# && npm_config_cache=$(mktemp -d) npm install --package-lock-only.
npm_install_locked() {
  npm ci --prefix bindings-node --no-audit --no-fund
}

# The Node addon and its TypeScript layer (debug, with test hooks).
node_addon() {
  { [ -d bindings-node/node_modules ] || npm_install_locked; } && npm run --silent --prefix bindings-node build:test
}
