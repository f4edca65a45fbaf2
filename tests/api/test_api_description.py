"""The API description (api/momentpay.json, from the Rust types) against every language.

- Field-level parity: for every model, the field names, their optionality and the known enum
  values are the same in Rust (the description), the Python stubs and TypedDicts, the
  TypeScript types and the generated Swift.
- The simulator serves api/openapi.json at /openapi.json, and openapi-spec-validator accepts it.
"""

from __future__ import annotations

import ast
import json
import os
import pathlib
import re
import subprocess
import sys
import urllib.request
from typing import Any, Dict, List, Optional, Set, Tuple

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DESCRIPTION = json.loads((ROOT / "api" / "momentpay.json").read_text())
SCHEMAS: Dict[str, Any] = DESCRIPTION["schemas"]


def _ref(schema: Any) -> Optional[str]:
    """The model a field's schema names (through Option's anyOf), if any."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return str(schema["$ref"]).rsplit("/", 1)[-1]
        for variant in schema.get("anyOf", []):
            name = _ref(variant)
            if name:
                return name
    return None


def _nullable(schema: Dict[str, Any]) -> bool:
    kind = schema.get("type")
    if isinstance(kind, list) and "null" in kind:
        return True
    return any(v.get("type") == "null" for v in schema.get("anyOf", []) if isinstance(v, dict))


def _enum_values(name: Optional[str]) -> Optional[List[str]]:
    schema = SCHEMAS.get(name or "")
    return list(schema["enum"]) if schema and "enum" in schema else None


class Field:
    def __init__(self, required: bool, nullable: bool, values: Optional[List[str]]) -> None:
        self.required, self.nullable, self.values = required, nullable, values


def _structs() -> Dict[str, Dict[str, Field]]:
    out: Dict[str, Dict[str, Field]] = {}
    for name, schema in SCHEMAS.items():
        if "properties" not in schema:
            continue
        required = set(schema.get("required", []))
        out[name] = {
            field: Field(field in required, _nullable(spec), _enum_values(_ref(spec)))
            for field, spec in schema["properties"].items()
        }
    return out


STRUCTS = _structs()
OPERATIONS = DESCRIPTION["operations"]
REQUEST_ROOTS = {op["request"] for op in OPERATIONS if op["request"]}


def _reachable(roots: Set[str]) -> Set[str]:
    seen: Set[str] = set()
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen or name not in SCHEMAS:
            continue
        seen.add(name)
        text = json.dumps(SCHEMAS[name])
        todo.extend(re.findall(r'"#/\$defs/(\w+)"', text))
    return seen


REQUESTS = {n for n in _reachable(REQUEST_ROOTS) if n in STRUCTS}
RESPONSES = {n for n in _reachable({op["response"] for op in OPERATIONS} | {e["data"] for e in DESCRIPTION["events"] if e["data"]}) if n in STRUCTS}


def _params_name(name: str) -> str:
    return f"{name}Params" if name in REQUEST_ROOTS and not name.endswith("Params") else name


# ----------------------------------------------------------------------------- Python


def _python_aliases() -> Dict[str, List[str]]:
    tree = ast.parse((ROOT / "bindings-python" / "python" / "momentpay" / "types.py").read_text())
    out: Dict[str, List[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript) and ast.unparse(node.value.value) == "Literal":
            elements = node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
            out[node.targets[0].id] = [e.value for e in elements if isinstance(e, ast.Constant)]  # type: ignore[attr-defined]
    return out


PY_ALIASES = _python_aliases()


def _classes(path: pathlib.Path) -> Dict[str, Dict[str, str]]:
    tree = ast.parse(path.read_text())
    out: Dict[str, Dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = {
                item.target.id: ast.unparse(item.annotation)
                for item in node.body
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
            }
    return out


def _python_values(annotation: str) -> Optional[List[str]]:
    for name in re.findall(r"\w+", annotation):
        if name in PY_ALIASES:
            return PY_ALIASES[name]
    return None


def test_python_stub_models_match_the_rust_models() -> None:
    stubs = _classes(ROOT / "bindings-python" / "python" / "momentpay" / "_momentpay.pyi")
    for name in sorted(RESPONSES):
        assert name in stubs, f"{name}: no class in _momentpay.pyi"
        fields = {k: v for k, v in stubs[name].items() if not k.startswith("_")}
        assert set(fields) == set(STRUCTS[name]), name
        for field, rust in STRUCTS[name].items():
            annotation = fields[field]
            assert annotation.startswith("Optional[") == rust.nullable, (name, field, annotation)
            assert _python_values(annotation) == rust.values, (name, field)


def test_python_typeddicts_match_the_rust_requests() -> None:
    dicts = _classes(ROOT / "bindings-python" / "python" / "momentpay" / "types.py")
    for name in sorted(REQUESTS):
        typed = dicts.get(_params_name(name))
        assert typed is not None, f"{name}: no TypedDict in types.py"
        assert set(typed) == set(STRUCTS[name]), name
        for field, rust in STRUCTS[name].items():
            annotation = typed[field]
            assert annotation.startswith("NotRequired[") == (not rust.required), (name, field, annotation)
            assert _python_values(annotation) == rust.values, (name, field)


# ------------------------------------------------------------------------- TypeScript


def _typescript() -> Dict[str, Any]:
    out = subprocess.run(
        ["node", str(ROOT / "tests" / "api" / "ts_surface.cjs"), str(ROOT / "bindings-node" / "ts" / "lib" / "models.ts")],
        capture_output=True, text=True, check=True,
    ).stdout
    return dict(json.loads(out))


def test_typescript_types_match_the_rust_models() -> None:
    surface = _typescript()
    interfaces, aliases = surface["interfaces"], surface["aliases"]
    for name in sorted(RESPONSES):
        fields = interfaces.get(name)
        assert fields is not None, f"{name}: no interface in models.ts"
        assert set(fields) == set(STRUCTS[name]), name
        for field, rust in STRUCTS[name].items():
            ts = fields[field]
            assert ts["optional"] is False, (name, field, "a response always has every field")
            assert ts["nullable"] == rust.nullable, (name, field, ts["type"])
            assert aliases.get(ts["named"]) == rust.values, (name, field, ts["type"])
    for name in sorted(REQUESTS):
        fields = interfaces.get(_params_name(name))
        assert fields is not None, f"{name}: no interface in models.ts"
        assert set(fields) == set(STRUCTS[name]), name
        for field, rust in STRUCTS[name].items():
            ts = fields[field]
            assert ts["optional"] == (not rust.required), (name, field, ts["type"])
            assert aliases.get(ts["named"]) == rust.values, (name, field, ts["type"])


# ------------------------------------------------------------------------------ Swift


def _camel(name: str) -> str:
    head, *rest = name.replace(".", "_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _swift() -> Tuple[Dict[str, Dict[str, str]], Dict[str, List[str]]]:
    # The module's generated files: the models' (MomentPayModels.swift) and the client's.
    text = "\n".join(p.read_text() for p in sorted((ROOT / "bindings-swift" / "Sources" / "MomentPay").glob("*.swift")))
    structs: Dict[str, Dict[str, str]] = {}
    for match in re.finditer(r"^public struct (\w+)[^{]*\{(.*?)^\}", text, re.M | re.S):
        fields = dict(re.findall(r"^    public (?:var|let) (\w+): ([^\n=]+?)\s*$", match.group(2), re.M))
        structs[match.group(1)] = fields
    enums: Dict[str, List[str]] = {}
    for match in re.finditer(r"^public enum (\w+)[^{]*\{(.*?)^\}", text, re.M | re.S):
        enums[match.group(1)] = re.findall(r"^    case (\w+)\s*$", match.group(2), re.M)
    return structs, enums


def test_swift_records_match_the_rust_models() -> None:
    structs, enums = _swift()
    for name in sorted(REQUESTS | RESPONSES):
        fields = structs.get(name)
        assert fields is not None, f"{name}: no Swift struct"
        # Rust names the wire's `type` field `kind`; UniFFI spells fields in camelCase;
        # fields the model keeps unmodelled (`extra`) have no wire name.
        swift = {("type" if k == "kind" else k): v for k, v in fields.items() if k != "extra"}
        assert set(swift) == {_camel(f) for f in STRUCTS[name]}, name
        for field, rust in STRUCTS[name].items():
            declared = swift[_camel(field)]
            assert declared.endswith("?") == rust.nullable, (name, field, declared)
            if rust.values is not None:
                enum = declared.rstrip("?")
                assert enums.get(enum) == [_camel(v) for v in rust.values], (name, field, enum)


# ---------------------------------------------------------------------------- OpenAPI


@pytest.fixture(scope="module")
def simulator_url() -> Any:
    binary = os.environ.get("MOMENTPAY_SIM_BIN", str(ROOT / "target" / "debug" / "momentpay-sim"))
    sys.path.insert(0, str(ROOT / "bindings-python" / "tests"))
    from conftest_sim import start_simulator

    process, base_url = start_simulator(binary)
    yield base_url
    process.terminate()
    process.wait(timeout=10)


def test_the_simulator_serves_a_valid_openapi_document(simulator_url: str) -> None:
    from openapi_spec_validator import validate

    with urllib.request.urlopen(f"{simulator_url}/openapi.json", timeout=10) as response:
        assert response.headers["content-type"].startswith("application/json")
        served = json.loads(response.read())
    assert served == json.loads((ROOT / "api" / "openapi.json").read_text())
    validate(served)
    assert served["openapi"] == "3.1.0"
    operations = {op["operationId"] for path in served["paths"].values() for op in path.values()}
    assert operations == {op["name"] for op in OPERATIONS}
    assert set(served["webhooks"]) == {e["type"] for e in DESCRIPTION["events"]}
    for path in served["paths"].values():
        for op in path.values():
            assert set(op["responses"]) >= {"4XX", "5XX"}
            assert "application/problem+json" in op["responses"]["4XX"]["content"]
