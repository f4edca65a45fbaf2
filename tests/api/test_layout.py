"""What git holds: sources, never their build outputs (issue 26). bindings-node's TypeScript
lives in ts/ and compiles into the ignored dist/; only napi's loader (native.js and
native.d.ts, written by `scripts/generate`) is committed JavaScript, marked generated."""

from __future__ import annotations

import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _tracked(folder: str) -> list[str]:
    out = subprocess.run(["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_bindings_node_commits_no_compiled_typescript() -> None:
    tracked = _tracked("bindings-node")
    sources = [path for path in tracked if path.endswith(".ts") and not path.endswith(".d.ts")]
    assert any(path.startswith("bindings-node/ts/") for path in sources), "the TypeScript sources are in ts/"
    stems = {path.removesuffix(".ts").split("/")[-1] for path in sources if not path.startswith("bindings-node/__test__/")}
    compiled = [
        path
        for path in tracked
        if path.endswith((".js", ".mjs", ".d.ts", ".d.mts"))
        and not path.startswith("bindings-node/__test__/")
        and path.split("/")[-1].split(".")[0] in stems
        and not path.startswith("bindings-node/ts/")
    ]
    assert compiled == [], f"compiled output of committed .ts files is tracked: {compiled}"
    assert not [path for path in tracked if path.startswith("bindings-node/dist/")]
    # The only committed JavaScript outside the tests: napi's loader, and the ESM step of the build.
    javascript = [p for p in tracked if p.endswith((".js", ".cjs", ".mjs")) and not p.startswith("bindings-node/__test__/")]
    assert sorted(javascript) == ["bindings-node/esm.cjs", "bindings-node/native.js"], javascript


def test_dist_is_ignored() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "bindings-node/dist/index.js"], cwd=ROOT, capture_output=True
    )
    assert ignored.returncode == 0, "bindings-node/dist/ must be ignored by git"
