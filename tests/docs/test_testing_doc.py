"""docs/testing.md shows the test suites the test command runs: each block marked
`<!-- file: PATH -->` must be that file, byte for byte, so the page never drifts from code
that passes."""

from __future__ import annotations

import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "testing.md"
BLOCK = re.compile(r"<!-- file: (?P<path>\S+) -->\n```\w*\n(?P<body>.*?)```\n", re.S)


def test_every_embedded_example_is_its_file() -> None:
    blocks = list(BLOCK.finditer(DOC.read_text()))
    assert {m["path"] for m in blocks} == {
        "examples/python/testing/test_recurring.py",
        "examples/node/testing/recurring.test.mjs",
        "examples/rust/tests/recurring.rs",
        "bindings-swift/Tests/MomentPayTestingTests/MerchantFlowTests.swift",
    }
    for block in blocks:
        path = ROOT / block["path"]
        assert block["body"] == path.read_text(), f"docs/testing.md's copy of {block['path']} is stale: paste the file again"


def test_the_readme_rust_sample_is_the_example_that_compiles() -> None:
    # Issue 28, item 4: the README's sample did not compile (undefined names, no async main).
    # It is now examples/rust/src/bin/readme.rs, which cargo clippy --all-targets builds.
    readme = (ROOT / "README.md").read_text()
    blocks = {m["path"]: m["body"] for m in BLOCK.finditer(readme)}
    assert "examples/rust/src/bin/readme.rs" in blocks
    for path, body in blocks.items():
        assert body == (ROOT / path).read_text(), f"README.md's copy of {path} is stale: paste the file again"
