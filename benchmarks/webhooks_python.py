"""Webhook verify + parse in Python: momentpay.Webhook (Rust core) against the PyPI
`standardwebhooks` package (pure Python HMAC + json.loads). One JSON line per measurement."""

from __future__ import annotations

import json
import sys
import time
import timeit
from datetime import datetime, timezone

import standardwebhooks

import momentpay

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def event_body(size: int) -> bytes:
    metadata = {}
    body = ""
    i = 0
    while True:
        body = json.dumps({"id": "evt_2341234567890abcdef12345", "type": "payment_session.completed", "data": {
            "id": "ps_eLtQXMBUErQF5i", "type": "first_in_series", "status": "completed", "payment_outcome": "paid",
            "amount": 5000, "currency": "ZAR", "customer_id": "cus_J17pnG25nuvKu", "payment_method_id": "pmt_izWG6Vcvy4VYiU",
            "payment_id": "pay_87C7PAP35KcdpzAgckBvB", "metadata": metadata}}, separators=(",", ":"))
        if len(body) + 40 >= size:
            return body.encode()
        metadata[f"k{i}"] = "v" * 20
        i += 1


def median(statement, number: int) -> float:  # type: ignore[no-untyped-def]
    runs = sorted(timeit.repeat(statement, number=number, repeat=7))
    return runs[3] / number * 1e9


def main() -> None:
    number = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    ours = momentpay.Webhook(SECRET)
    reference = standardwebhooks.Webhook(SECRET)
    now = int(time.time())
    for size in (512, 16 * 1024, 64 * 1024):
        # The same bytes hashed per size: fewer calls for larger bodies (at least 200).
        calls = max(200, number * 512 // size)
        body = event_body(size)
        headers = ours.sign_headers("msg_bench", now, body)
        text = body.decode()
        assert reference.verify(text, headers) is not None
        assert ours.verify(body, headers).type == "payment_session.completed"
        reference_headers = {**headers, "webhook-signature": reference.sign("msg_bench", datetime.fromtimestamp(now, tz=timezone.utc), text)}
        for name, statement in (
            ("momentpay verify (typed id + type, data on access)", lambda: ours.verify(body, headers)),
            ("momentpay verify + event.data (model built)", lambda: ours.verify(body, headers).data),
            ("standardwebhooks (PyPI, verify + json.loads)", lambda: reference.verify(text, reference_headers)),
        ):
            print(json.dumps({"lang": "python", "impl": name, "size": size, "ns_per_op": median(statement, calls)}))


if __name__ == "__main__":
    main()
