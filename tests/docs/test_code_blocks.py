"""Every code block in the docs is exercised in its language (issue 26), so the pages cannot
drift from the SDK:

- Python blocks: type-checked with `mypy --strict` and run against the simulator.
- JavaScript blocks: type-checked with `tsc --strict --checkJs` and run (as ES modules).
- Rust blocks: copies of example files (`<!-- file: PATH -->`, compared byte for byte by
  test_testing_doc.py; cargo builds and runs them) or, for core/README.md, the generated
  example `examples/rust/src/bin/core_readme.rs` that cargo builds (see below).
- JSON blocks: the simulator's fault configuration, posted to it.
- TOML: the dependency lines, checked against the crates' versions.
- Swift blocks wait for the Swift loop (no Swift compiler here); they are counted apart.

Snippets use a few names a page leaves to the reader (`secret`, `request`, `payment_id`,
`save`, `app`): the preludes below define them with real values from a fresh simulator
merchant, and the placeholders `sk_test_...`, `ps_...`, `pp_...` become that merchant's key, a
real payment session and a real payment page. Nothing else is changed in a block.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import pathlib
import re
import subprocess
import sys
import time
import tomllib
import uuid
from typing import Dict, Iterator, List, NamedTuple

import pytest

from momentpay.testing import Simulator

ROOT = pathlib.Path(__file__).resolve().parents[2]
PAGES = sorted(
    {
        ROOT / "README.md",
        *ROOT.glob("docs/*.md"),
        *ROOT.glob("bindings-*/README.md"),
        *ROOT.glob("*/README.md"),
        *ROOT.glob("examples/*/README.md"),
    }
)
FENCE = re.compile(r"(?:<!-- file: (?P<file>\S+) -->\n)?^```(?P<lang>\w*)\n(?P<body>.*?)^```$", re.M | re.S)


class Block(NamedTuple):
    page: str
    line: int
    lang: str
    body: str
    file: str | None


def blocks() -> List[Block]:
    found = []
    for page in PAGES:
        text = page.read_text()
        for match in FENCE.finditer(text):
            found.append(
                Block(
                    str(page.relative_to(ROOT)),
                    text.count("\n", 0, match.start("body")),
                    match["lang"],
                    match["body"],
                    match["file"],
                )
            )
    return found


def of(*langs: str) -> List[Block]:
    return [b for b in blocks() if b.lang in langs and b.file is None]


def ident(block: Block) -> str:
    return f"{block.page}:{block.line}"


# ------------------------------------------------------------------------------ fixtures


class World(NamedTuple):
    env: Dict[str, str]
    placeholders: Dict[str, str]


def _sign(secret: str, body: str) -> Dict[str, str]:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    msg_id = f"msg_{uuid.uuid4().hex}"
    timestamp = str(int(time.time()))
    mac = hmac.new(key, f"{msg_id}.{timestamp}.{body}".encode(), hashlib.sha256).digest()
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": "v1," + base64.b64encode(mac).decode(),
    }


@pytest.fixture
def world(moment_sim: Simulator) -> Iterator[World]:
    """A merchant of the block's own (two pages' blocks may use one idempotency key with
    different bodies, which Moment rightly refuses within one merchant)."""
    sim = moment_sim
    client = sim.client()
    manual = {"payment_method_options": {"card": {"capture_method": "manual"}}}
    authorised = sim.pay(client.payment_sessions.create(amount=3000, currency="ZAR", options=manual))
    assert authorised.payment_id
    session = client.payment_sessions.create(amount=1000, currency="ZAR")
    paid = sim.pay(session)
    event = sim.webhooks.wait_for("payment_session.completed")
    page = sim._call("POST", "/_sim/payment_pages", {})
    secret = "whsec_" + base64.b64encode(os.urandom(32)).decode()
    body = json.dumps(event.to_dict())
    env = dict(
        os.environ,
        MOMENT_API_KEY=sim.api_key,
        MOMENT_BASE_URL=sim.base_url,
        DOC_WEBHOOK_SECRET=secret,
        DOC_EVENT=body,
        DOC_EVENT_HEADERS=json.dumps(_sign(secret, body)),
        DOC_PAYMENT_ID=authorised.payment_id,
    )
    yield World(
        env,
        {"sk_test_...": sim.api_key, "ps_...": paid.id, "pp_...": page["id"], "whsec_...": secret},
    )


def substitute(body: str, world: World) -> str:
    for placeholder, value in world.placeholders.items():
        body = body.replace(placeholder, value)
    return body


# ------------------------------------------------------------------------------ Python

PY_PRELUDE = '''\
# The names a docs page leaves to the reader (tests/docs/test_code_blocks.py).
import asyncio
import json
import os
from typing import Dict

import momentpay

secret = os.environ["DOC_WEBHOOK_SECRET"]
payment_id = os.environ["DOC_PAYMENT_ID"]
request_body_bytes = os.environ["DOC_EVENT"].encode()


class _Request:
    def __init__(self, headers: Dict[str, str]) -> None:
        self.headers = headers


request = _Request(json.loads(os.environ["DOC_EVENT_HEADERS"]))


def save(*ids: object) -> None:
    print("saved", *ids)


'''


def python_source(block: Block, world: World) -> str:
    body = substitute(block.body, world)
    top_level_await = re.search(r"\b(await|async with|async for)\b", body) and "async def" not in body
    if top_level_await:
        indented = "".join(f"    {line}" if line.strip() else line for line in body.splitlines(keepends=True))
        body = f"async def _block() -> None:\n    client = momentpay.AsyncClient()\n{indented}\n\nasyncio.run(_block())\n"
    return f"{PY_PRELUDE}# {ident(block)}\n{body}"


@pytest.mark.parametrize("block", of("python", "py"), ids=ident)
def test_python_block(block: Block, world: World, tmp_path: pathlib.Path) -> None:
    source = tmp_path / "block.py"
    source.write_text(python_source(block, world))
    checked = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(tmp_path / ".mypy"), str(source)],
        capture_output=True, text=True,
    )
    assert checked.returncode == 0, f"{ident(block)}: mypy --strict:\n{checked.stdout}{checked.stderr}\n{source.read_text()}"
    ran = subprocess.run([sys.executable, str(source)], env=world.env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, f"{ident(block)} failed when run:\n{ran.stdout}{ran.stderr}"


# ------------------------------------------------------------------------------ JavaScript

JS_PRELUDE = """\
// The names a docs page leaves to the reader (tests/docs/test_code_blocks.py).
import express from 'express'

const app = express()
const secret = process.env.DOC_WEBHOOK_SECRET ?? ''
const request = new Request('http://localhost/webhooks', {
  method: 'POST',
  body: process.env.DOC_EVENT,
  headers: JSON.parse(process.env.DOC_EVENT_HEADERS ?? '{}'),
})
void app, secret, request

"""
EXAMPLES_NODE = ROOT / "examples" / "node"


@pytest.mark.parametrize("block", of("js", "javascript", "ts", "typescript"), ids=ident)
def test_javascript_block(block: Block, world: World) -> None:
    assert (EXAMPLES_NODE / "node_modules").is_dir(), "npm ci --prefix examples/node first (the test command does)"
    folder = EXAMPLES_NODE / "dist" / "docs"
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"\W", "_", ident(block))
    source = folder / f"{name}.mjs"
    source.write_text(f"{JS_PRELUDE}// {ident(block)}\n{substitute(block.body, world)}")
    tsc = EXAMPLES_NODE / "node_modules" / "typescript" / "bin" / "tsc"
    checked = subprocess.run(
        ["node", str(tsc), "--noEmit", "--allowJs", "--checkJs", "--strict", "--target", "es2022",
         "--module", "nodenext", "--moduleResolution", "nodenext", "--lib", "es2022,dom", "--types", "node",
         "--skipLibCheck", "false", str(source)],
        cwd=EXAMPLES_NODE, capture_output=True, text=True,
    )
    assert checked.returncode == 0, f"{ident(block)}: tsc --strict --checkJs:\n{checked.stdout}{checked.stderr}"
    ran = subprocess.run(["node", str(source)], cwd=EXAMPLES_NODE, env=world.env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, f"{ident(block)} failed when run:\n{ran.stdout}{ran.stderr}"


# ------------------------------------------------------------------------------ the rest


@pytest.mark.parametrize("block", of("json"), ids=ident)
def test_json_block_is_a_fault_configuration_the_simulator_takes(block: Block, moment_sim: Simulator) -> None:
    assert block.page == "simulator/README.md", "a new JSON block needs a check here"
    moment_sim.inject_faults(**json.loads(block.body))
    moment_sim.clear_faults()


@pytest.mark.parametrize("block", of("toml"), ids=ident)
def test_toml_block_names_the_crate_as_published(block: Block) -> None:
    dependencies = tomllib.loads(block.body)["dependencies"]
    workspace = tomllib.loads((ROOT / "Cargo.toml").read_text())
    version = workspace["workspace"]["package"]["version"]
    major_minor = ".".join(version.split(".")[:2])
    assert dependencies["momentpay"] == major_minor, dependencies


def test_rust_blocks_of_core_readme_are_the_example_cargo_builds() -> None:
    # scripts/generate writes them, each in its own async fn, into core_readme.rs (built by
    # clippy --all-targets and the examples' build); here: the file holds every block.
    example = (ROOT / "examples" / "rust" / "src" / "bin" / "core_readme.rs").read_text()
    rust = [b for b in of("rust") if b.page == "core/README.md"]
    assert rust, "core/README.md has Rust blocks"
    for block in rust:
        indented = "".join(f"    {line}" if line.strip() else line for line in block.body.splitlines(keepends=True))
        assert indented in example, f"{ident(block)} is not in core_readme.rs: run scripts/generate"
    others = [b for b in of("rust") if b.page != "core/README.md"]
    assert others == [], f"Rust blocks with no check: {[ident(b) for b in others]}"


def test_every_block_has_a_check() -> None:
    checked = {"python", "py", "js", "javascript", "ts", "typescript", "json", "toml", "rust"}
    # Shell blocks are commands (the README's two are what CI runs); text blocks are output
    # or trees; Swift's wait for a machine with Swift.
    unchecked = {"sh", "bash", "console", "text", "", "swift"}
    unknown = [ident(b) for b in blocks() if b.lang not in checked | unchecked]
    assert unknown == [], f"blocks in a language no test checks: {unknown}"


def test_count() -> None:
    """Prints the count the closing note reports (pytest -s shows it)."""
    counts: Dict[str, int] = {}
    for block in blocks():
        key = block.lang or "text"
        counts[key] = counts.get(key, 0) + 1
    print("docs code blocks:", json.dumps(dict(sorted(counts.items()))))
    assert counts
