# Shared by packaging/build-target and the install tests, which also run on macOS and on
# Windows (Git Bash) in .github/workflows: a Python 3 command, paths the native tools of
# the platform understand, and the version.

# `python3`, or `python` where only that exists (Windows).
PYTHON3=$(command -v python3 || command -v python)
# A path as the platform's own programs (node, npm, pip) want it: C:/... under Git Bash.
native_path() {
  if command -v cygpath >/dev/null 2>&1; then cygpath -m "$1"; else printf '%s\n' "$1"; fi
}
VERSION=$("$PYTHON3" "$(dirname "${BASH_SOURCE[0]}")/../scripts/version")

# Where cargo builds: CARGO_TARGET_DIR when it is set (absolute), target/ otherwise.
TARGET_DIR="${CARGO_TARGET_DIR:-target}"
case "$TARGET_DIR" in /*|[A-Za-z]:*) ;; *) TARGET_DIR="$PWD/$TARGET_DIR" ;; esac
