# Shared set-up steps, sourced by scripts/test, soak/run.sh and benchmarks/run.sh (run from
# the repository root). Each installs only what is missing or stale.

VENV=.venv
PY="$VENV/bin/python"

# The project's virtualenv with the pinned dev tools (maturin, pytest, mypy, ...).
python_env() {
  [ -x "$PY" ] || python3 -m venv "$VENV" || return 1
  "$PY" -m pip install -q --disable-pip-version-check -r bindings-python/requirements-dev.txt
}

# The Python module, built into the virtualenv (debug, with the test-only `test.panic` hook).
python_module() {
  env VIRTUAL_ENV="$PWD/$VENV" PATH="$PWD/$VENV/bin:$PATH" "$VENV/bin/maturin" develop -q -m bindings-python/Cargo.toml --features test-hooks
}

# bindings-node's packages. `npm ci` cannot be used: @napi-rs/cli's @napi-rs/lzma declares an
# optional platform package the registry does not serve, and npm then rejects every lock
# file (npm/cli#9846). `npm install` with the committed lock installs exactly the locked
# versions; the lock must come out unchanged.
npm_install_locked() {
  npm install --prefix bindings-node --no-audit --no-fund && git diff --exit-code -- bindings-node/package-lock.json
}

# The Node addon and its TypeScript layer (debug, with test hooks).
node_addon() {
  { [ -d bindings-node/node_modules ] || npm_install_locked; } && npm run --silent --prefix bindings-node build:test
}
