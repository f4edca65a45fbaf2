"""On a scratch copy of the tree, one edit each in the core and `scripts/generate` make a
new response field, a new error kind (with its class), a new request option and a new list
operation appear in every language, with no other edit (after it, `scripts/generate
--check` finds nothing stale):

- the field, typed, in the Python stubs, the TypeScript types, the Swift sources and the
  OpenAPI document;
- the error kind's class in Python's exceptions (generated.rs, the stub, `__init__`) and
  Node's errors.ts (Swift's `MomentError` carries any kind as `.Api(kind:)`);
- the option in Python's signatures and TypedDict, Node's RequestOptions and Swift's
  CallOptions;
- the list operation's walk as a method in Python (sync and async), Node and Swift (with
  its pager type)."""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIELD = "sandbox_note"


def _copy_tree(destination: pathlib.Path) -> None:
    """The tracked files (as they are now) and links to the installed tools."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in files.decode().split("\0"):
        source = ROOT / name
        if not name or not (source.exists() or source.is_symlink()):
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)
    for tool in [".venv", "bindings-node/node_modules"]:
        (destination / tool).symlink_to(ROOT / tool)
    subprocess.run(["git", "init", "-q"], cwd=destination, check=True)
    subprocess.run(["git", "add", "-A"], cwd=destination, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "scratch"], cwd=destination, check=True)


def _edit(path: pathlib.Path, anchor: str, insert: str, before: bool = True) -> None:
    text = path.read_text()
    assert anchor in text, f"{path}: {anchor!r}"
    path.write_text(text.replace(anchor, insert + anchor if before else anchor + insert, 1))


def _add_kind_option_and_list(tree: pathlib.Path) -> None:
    core = tree / "core" / "src"
    _edit(core / "error.rs", "        /// 429: too many requests.\n        RateLimited",
          "        /// 418: the scratch test's kind.\n        Teapot = \"teapot\" => \"TeapotError\";\n")
    _edit(core / "error.rs", '    class("RateLimitError", "APIError", &[], "429: too many requests."),\n',
          '    class("TeapotError", "APIError", &[], "418: the scratch test\'s class."),\n', before=False)
    _edit(core / "request.rs", "            /// Another API key for this call only.\n",
          "            /// The scratch test's option.\n"
          "            sandbox_hint: String = into, kind: String, scope: All, ffi: sandbox_hint;\n")
    _edit(core / "api.rs", "            /// `POST /billing/customers` (201): creates a billing customer.\n",
          "            /// `GET /collect/payment_pages/{id}/transactions`: the scratch test's list.\n"
          "            PaymentPages.list_sandbox = \"payment_pages.list_sandbox\": GET \"/collect/payment_pages/{id}/transactions\",\n"
          "                id: id, query: ListParams, -> PaymentPageTransactionList,\n"
          "                keys: secret, ffi: list_sandbox / list_sandbox_blocking,\n"
          "                pages: sandbox_items -> PaymentPageTransaction in SandboxPager;\n")


def test_a_new_field_kind_option_and_list_reach_every_language(tmp_path: pathlib.Path) -> None:
    tree = tmp_path / "tree"
    _copy_tree(tree)
    _add_kind_option_and_list(tree)
    model = tree / "core" / "src" / "models" / "payment.rs"
    text = model.read_text()
    anchor = "    /// Reference for reconciliation.\n"
    assert anchor in text
    model.write_text(
        text.replace(
            anchor,
            "    /// A note the sandbox adds (the scratch test's field).\n"
            "    #[serde(default)]\n"
            '    #[cfg_attr(feature = "uniffi", uniffi(default = None))]\n'
            f"    pub {FIELD}: Option<String>,\n" + anchor,
            1,
        )
    )
    # A target folder of its own: the copy's libraries and binaries must never land where the
    # main tree's are (cargo names its outputs by crate, not by path). The bindgen binaries
    # do not depend on the SDK, so the main tree's serve.
    env = dict(
        os.environ,
        CARGO_TARGET_DIR=str(ROOT / "target" / "scratch-generate"),
        MOMENTPAY_UNIFFI_BINDGEN_DIR=str(ROOT / "target" / "debug"),
    )
    try:
        _generate_and_check(tree, env)
    finally:
        _clean_workspace_artifacts(tree, env)


def _clean_workspace_artifacts(tree: pathlib.Path, env: dict[str, str]) -> None:
    """The copy's own crates are rebuilt on every run (their path differs each time), so
    their outputs only fill the disk (~1 GB a run); the dependencies' outputs are kept."""
    metadata = subprocess.run(
        ["cargo", "metadata", "--no-deps", "--format-version", "1"], cwd=tree, env=env, capture_output=True, text=True
    )
    if metadata.returncode != 0:
        return
    names = [package["name"] for package in json.loads(metadata.stdout)["packages"]]
    arguments = [argument for name in names for argument in ("-p", name)]
    subprocess.run(["cargo", "clean", "-q", *arguments], cwd=tree, env=env, capture_output=True)


def _generate_and_check(tree: pathlib.Path, env: dict[str, str]) -> None:
    subprocess.run(["scripts/generate"], cwd=tree, env=env, check=True, capture_output=True)

    stub = (tree / "bindings-python" / "python" / "momentpay" / "_momentpay.pyi").read_text()
    payment_class = stub.split("\nclass Payment(MomentObject):", 1)[1].split("\nclass ", 1)[0]
    assert f"    {FIELD}: Optional[str]\n" in payment_class
    models_ts = (tree / "bindings-node" / "ts" / "lib" / "models.ts").read_text()
    payment_interface = models_ts.split("\nexport interface Payment {", 1)[1].split("\n}", 1)[0]
    assert f"  {FIELD}: string | null" in payment_interface
    swift = "\n".join(p.read_text() for p in sorted((tree / "bindings-swift" / "Sources" / "MomentPay").glob("*.swift")))
    payment_struct = re.search(r"^public struct Payment\b.*?^\}", swift, re.M | re.S)
    assert payment_struct and re.search(r"public (var|let) sandboxNote: String\?", payment_struct.group(0))
    openapi = json.loads((tree / "api" / "openapi.json").read_text())
    assert openapi["components"]["schemas"]["Payment"]["properties"][FIELD]["type"] == ["string", "null"]

    # The error kind and its class.
    generated_rs = (tree / "bindings-python" / "src" / "generated.rs").read_text()
    assert re.search(r"create_exception!\(\s*momentpay,\s*TeapotError,\s*APIError", generated_rs)
    assert '"TeapotError" => TeapotError::new_err(message)' in generated_rs
    assert "class TeapotError(APIError):" in stub
    assert '"TeapotError"' in (tree / "bindings-python" / "python" / "momentpay" / "__init__.py").read_text()
    errors_ts = (tree / "bindings-node" / "ts" / "lib" / "errors.ts").read_text()
    assert "export class TeapotError extends APIError {}" in errors_ts
    assert "  teapot: TeapotError," in errors_ts
    # The request option.
    client_py = (tree / "bindings-python" / "python" / "momentpay" / "_client.py").read_text()
    assert "sandbox_hint: Optional[str] = None" in client_py
    assert re.search(r"export interface RequestOptions \{[^}]*sandboxHint\?: string", models_ts)
    call_options = re.search(r"^public struct CallOptions\b.*?^\}", swift, re.M | re.S)
    assert call_options and "public let sandboxHint: String?" in call_options.group(0)
    # The list operation's walk.
    assert re.search(r"def sandbox_items\(self, id: str, \*, limit: Optional\[int\] = None, cursor: Optional\[str\] = None\) -> Iterator\[PaymentPageTransaction\]", client_py)
    assert "-> AsyncIterator[PaymentPageTransaction]:" in client_py.split("def sandbox_items", 2)[2]
    client_ts = (tree / "bindings-node" / "ts" / "lib" / "client.ts").read_text()
    assert "async *sandboxItems(id: string, params?: M.ListParams): AsyncGenerator<M.PaymentPageTransaction" in client_ts
    assert re.search(r"open func sandboxItems\(id: String, limit: UInt32\? = nil\) -> SandboxPager", swift)
    assert "open class SandboxPager" in swift

    # Only the four edited core files and generated files changed, and nothing generated is stale.
    changed = subprocess.run(["git", "diff", "--name-only"], cwd=tree, capture_output=True, text=True, check=True).stdout.split()
    # generated.txt, the manifest codegen writes: files, and folders ending in /.
    generated = [
        line.split("\t")[0]
        for line in (ROOT / "generated.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    for path in changed:
        edited = {"core/src/models/payment.rs", "core/src/error.rs", "core/src/request.rs", "core/src/api.rs"}
        assert path in edited or any(path == g or (g.endswith("/") and path.startswith(g)) for g in generated), path
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "field"], cwd=tree, check=True)
    subprocess.run(["scripts/generate", "--check"], cwd=tree, env=env, check=True, capture_output=True)
