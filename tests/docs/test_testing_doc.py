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
