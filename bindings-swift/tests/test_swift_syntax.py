"""The Swift sources (generated and hand-written) parse with tree-sitter-swift with no
ERROR or MISSING node: the check available without a Swift compiler (see README.md).

tree-sitter-swift 0.7.4 does not parse one valid construct uniffi emits,
`#if swift(>=5.8)` / `@_documentation(visibility: private)` / `#endif` around a
declaration, so those three lines are dropped first (toolchain.md, gotcha 19)."""

from __future__ import annotations

import pathlib
import re

import pytest
import tree_sitter
import tree_sitter_swift

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [ROOT / "Package.swift", *(ROOT / "bindings-swift" / "Sources").rglob("*.swift"), *(ROOT / "bindings-swift" / "Tests").rglob("*.swift"), *(ROOT / "examples" / "swift").glob("*.swift")]
)
WRAPPER = re.compile(r"^[ \t]*#if swift\(>=5\.8\)\n[ \t]*@_documentation\(visibility: private\)\n[ \t]*#endif\n", re.M)


def normalise(text: str) -> str:
    return WRAPPER.sub("", text)


def problems(tree: tree_sitter.Tree) -> list[str]:
    found = []
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        if node.is_error or node.is_missing:
            found.append(f"{node.type} at line {node.start_point[0] + 1}")
        stack.extend(node.children)
    return found


def test_there_are_sources() -> None:
    names = {p.name for p in SOURCES}
    assert {"Package.swift", "MomentPay.swift", "MomentPayModels.swift", "RecurringFlowTests.swift", "WebhookVectorTests.swift", "RecurringQuickstart.swift"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_swift_parses_without_errors(path: pathlib.Path) -> None:
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    tree = parser.parse(normalise(path.read_text()).encode())
    assert problems(tree) == []


def test_the_normalisation_only_drops_the_known_wrapper() -> None:
    for name in ["MomentPay.swift", "MomentPayModels.swift"]:
        generated = (ROOT / "bindings-swift" / "Sources" / "MomentPay" / name).read_text()
        dropped = len(generated.splitlines()) - len(normalise(generated).splitlines())
        assert dropped % 3 == 0 and dropped == 3 * len(WRAPPER.findall(generated))


def test_the_check_catches_a_syntax_error() -> None:
    parser = tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))
    assert problems(parser.parse(b"public func broken( -> {")) != []


def test_package_manifest_is_consumable_as_a_dependency() -> None:
    """SwiftPM refuses unsafeFlags in a dependency; Apple platforms get the XCFramework by URL
    and checksum (or the local build), Linux a system-library target."""
    manifest = (ROOT / "Package.swift").read_text()
    assert "unsafeFlags" not in manifest
    assert '.binaryTarget(\n        name: "MomentPayFFI",\n        url: "https://github.com/momentpay/momentpay/releases/download/v\\(releaseVersion)/MomentPayFFI.xcframework.zip",\n        checksum: releaseChecksum' in manifest
    assert '.binaryTarget(name: "MomentPayFFI", path: "target/MomentPayFFI.xcframework")' in manifest
    assert '.systemLibrary(name: "MomentPayFFI", path: "bindings-swift/Sources/MomentPayFFILinux")' in manifest
    modulemap = (ROOT / "bindings-swift" / "Sources" / "MomentPayFFILinux" / "module.modulemap").read_text()
    assert 'link "momentpay_ffi"' in modulemap
    # Every header the generated C module has (the client's and the models').
    for header in sorted((ROOT / "bindings-swift" / "Sources" / "MomentPayFFI").glob("*.h")):
        assert f'header "../MomentPayFFI/{header.name}"' in modulemap, header.name
