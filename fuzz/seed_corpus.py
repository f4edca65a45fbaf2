#!/usr/bin/env python3
"""Seeds each fuzz target's corpus from tests/vectors (python3 fuzz/seed_corpus.py)."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]
VECTORS = ROOT / "tests" / "vectors"
CORPUS = ROOT / "fuzz" / "corpus"

webhooks = json.loads((VECTORS / "webhooks.json").read_text())["cases"]
payloads = json.loads((VECTORS / "payloads.json").read_text())
problems = json.loads((VECTORS / "problems.json").read_text())["cases"]

def write(target: str, name: str, data: bytes) -> None:
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)

for i, case in enumerate(webhooks):
    h = {k.lower(): v for k, v in case["headers"].items()}
    parts = [h.get("webhook-id", ""), h.get("webhook-timestamp", ""), h.get("webhook-signature", ""), case["payload"]]
    write("webhook_verify", f"vector_{i:02}", b"\0".join(p.encode() for p in parts))
for i, case in enumerate(payloads["events"]):
    write("event_parse", f"event_{i:02}", json.dumps(case["json"]).encode())
for i, case in enumerate(problems):
    body = case["body"] if isinstance(case["body"], str) else json.dumps(case["body"])
    write("problem_parse", f"problem_{i:02}", case["status"].to_bytes(2, "little") + body.encode())
print("seeded", sorted(p.name for p in CORPUS.iterdir()))
