"""The hand-written stubs (`_momentpay.pyi`) match the compiled module: same public names,
same methods on each class; and `import momentpay` stays light."""

from __future__ import annotations

import ast
import pathlib
import subprocess
import sys

import momentpay
from momentpay import _momentpay

STUB = pathlib.Path(momentpay.__file__).with_name("_momentpay.pyi")


def _stub_tree() -> ast.Module:
    return ast.parse(STUB.read_text())


def _public(names: object) -> set[str]:
    return {n for n in names if not n.startswith("_") or n == "__version__"}  # type: ignore[attr-defined]


def test_top_level_names_match() -> None:
    tree = _stub_tree()
    stubbed = set()
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
    stubbed = {n for n in stubbed if not n.startswith("_") or n == "__version__"}
    runtime = _public(dir(_momentpay))
    assert stubbed - runtime == set(), "in the stub but not in the module"
    missing = runtime - stubbed
    assert missing == set(), "in the module but not in the stub"


def test_class_methods_match() -> None:
    for node in _stub_tree().body:
        if not isinstance(node, ast.ClassDef) or not hasattr(_momentpay, node.name):
            continue
        runtime_class = getattr(_momentpay, node.name)
        if issubclass(runtime_class, BaseException):
            continue
        # Dunder methods are slots in pyo3 (e.g. __getattr__ is tp_getattro): compare the public ones.
        stub_methods = {f.name for f in node.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef)) and not f.name.startswith("_")}
        for name in stub_methods:
            assert hasattr(runtime_class, name), f"{node.name}.{name} is stubbed but missing"
        runtime_methods = {n for n, v in vars(runtime_class).items() if not n.startswith("_") and callable(v)}
        assert runtime_methods - stub_methods == set(), f"{node.name} has unstubbed methods"


def test_every_operation_has_a_method() -> None:
    client_methods = {
        f"{resource}.{method}"
        for resource, obj in (
            ("payment_sessions", momentpay._client.PaymentSessions),
            ("payments", momentpay._client.Payments),
            ("payment_requests", momentpay._client.PaymentRequests),
            ("payment_pages", momentpay._client.PaymentPages),
            ("billing.customers", momentpay._client.BillingCustomers),
            ("billing.accounts", momentpay._client.BillingAccounts),
            ("billing.bills", momentpay._client.Bills),
        )
        for method in dir(obj)
        if not method.startswith("_")
    }
    assert set(_momentpay.OPERATIONS) <= client_methods


def test_import_loads_no_heavy_modules() -> None:
    code = (
        "import sys, time; t = time.perf_counter(); import momentpay; dt = time.perf_counter() - t; "
        "heavy = sorted(m for m in ('asyncio', 'json', 'ssl', 'http', 'email', 'urllib', 'typing_extensions', 'concurrent') if m in sys.modules); "
        "print(heavy); print(round(dt * 1000, 1))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split("\n")
    assert out[0] == "[]", f"import momentpay loaded {out[0]}"
