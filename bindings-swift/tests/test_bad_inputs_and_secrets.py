"""tests/vectors/bad_inputs.json through the UniFFI surface Swift calls (via `invoke`, the
same operation table): every malformed call is `MomentError.Validation` naming the field,
and none reaches the network. And secrets: no API key or webhook secret in any error or
object text."""

from __future__ import annotations

import json
import pathlib

import pytest

import momentpay_uniffi as ffi  # uniffi's bindings (models and client), not the pyo3 package

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = json.loads((ROOT / "tests" / "vectors" / "bad_inputs.json").read_text())


def params_json(case: dict) -> str:  # type: ignore[type-arg]
    """The case's parameters as the JSON text Swift would pass; a `nest` value is written as
    text (Python's json cannot encode 10,000 levels)."""
    if "nest" not in case:
        return json.dumps(case["params"])
    depth = case["nest"]["depth"]
    deep = '{"a":' * (depth - 1) + "{}" + "}" * (depth - 1)
    return json.dumps({**case["params"], case["nest"]["field"]: "__NEST__"}).replace('"__NEST__"', deep)


def test_every_bad_call_is_refused_before_the_network(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = ffi.MomentClient(api_key=key, base_url=sim.base_url)
    assert len(CORPUS["cases"]) >= 50
    for case in CORPUS["cases"]:
        options = ffi.CallOptions(idempotency_key=case["options"]["idempotency_key"]) if "options" in case else None
        with pytest.raises(ffi.MomentError.Validation) as error:
            moment.invoke_blocking(case["operation"], id=case["id"], params_json=params_json(case), options=options)
        assert error.value.field == case["field"], (case["name"], str(error.value))
    assert sim.call("GET", "/_sim/requests", key=key)["data"] == []


def test_bad_client_settings_are_refused() -> None:
    for case in CORPUS["clients"]:
        with pytest.raises(ffi.MomentError.Validation) as error:
            ffi.MomentClient(api_key=case["api_key"], base_url=case.get("base_url"))
        assert error.value.field == case["field"], case["name"]


def test_no_secret_in_errors_or_objects(sim) -> None:  # type: ignore[no-untyped-def]
    api_key = "sk_test_swift_secret_0123456789abcdef"
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    moment = ffi.MomentClient(api_key=api_key, base_url=sim.base_url)
    texts = [repr(moment), str(moment)]
    for call in (lambda: moment.retrieve_payment_blocking("pay_missing"),
                 lambda: ffi.MomentClient(api_key=api_key, base_url="http://example.com"),
                 lambda: ffi.MomentClient(api_key=api_key + "\n", base_url=sim.base_url)):
        with pytest.raises(ffi.MomentError) as error:
            call()
        texts += [str(error.value), repr(error.value)]
    webhook = ffi.MomentWebhook(secret=secret)
    texts += [repr(webhook), str(webhook)]
    with pytest.raises(ffi.MomentError.Webhook) as failure:
        webhook.verify(b"{}", {"webhook-id": "m", "webhook-timestamp": "1", "webhook-signature": "v1,x"}, now=1)
    texts += [str(failure.value), repr(failure.value)]
    for text in texts:
        assert api_key not in text and api_key[8:] not in text, text
        assert secret not in text and secret[6:] not in text, text
