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
bad_inputs = json.loads((VECTORS / "bad_inputs.json").read_text())["cases"]
operations = [op["name"] for op in json.loads((ROOT / "api" / "momentpay.json").read_text())["operations"]]

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
# operation_prepare: [operation index, ID length, ID, JSON] (the table's order is the
# description's); every bad input, and a valid call of each operation.
valid = {
    "payment_sessions.create": {"amount": 5000, "currency": "ZAR", "type": "first_in_series", "options": {"customer": {"name": "Alex", "email": "alex@example.com"}, "mandate_options": {"type": "on_demand", "amount": {"max": 6000}}}},
    "payment_requests.create": {"amount": 100, "currency": "ZAR", "description": "Invoice 1"},
    "billing.customers.create": {"external_reference": "C1", "name": "Alex", "currency": "ZAR", "balance": 500},
    "billing.bills.create": {"external_reference": "B1", "amount_due": 10, "customer": "C1", "due_date": "2026-05-01"},
    "payments.capture": {"amount": 100},
}
seeds = [(c["operation"], c["id"], c["params"]) for c in bad_inputs if "nest" not in c and c["operation"] in operations]
seeds += [(name, "id_1", valid.get(name)) for name in operations]
for i, (name, ident, params) in enumerate(seeds):
    ident = (ident or "").encode()[:255]
    data = bytes([operations.index(name), len(ident)]) + ident + json.dumps(params).encode()
    if len(data) < 64 * 1024:
        write("operation_prepare", f"call_{i:03}", data)
print("seeded", sorted(p.name for p in CORPUS.iterdir()))
