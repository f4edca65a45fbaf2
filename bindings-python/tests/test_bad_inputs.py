"""tests/vectors/bad_inputs.json through the Python binding: every malformed call raises
momentpay.ValidationError naming the field, and none reaches the network."""

from __future__ import annotations

import json

import pytest

import momentpay
from conftest import VECTORS

CORPUS = json.loads((VECTORS / "bad_inputs.json").read_text())


def nested(depth: int) -> dict:  # type: ignore[type-arg]
    """{"a": {"a": ...}} `depth` levels deep, built without recursion."""
    value: dict = {}  # type: ignore[type-arg]
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def params_of(case: dict):  # type: ignore[no-untyped-def,type-arg]
    params = case["params"]
    if "nest" in case:
        params = {**params, case["nest"]["field"]: nested(case["nest"]["depth"])}
    return params


def test_every_bad_call_is_refused_before_the_network(sim, key) -> None:  # type: ignore[no-untyped-def]
    native = momentpay.Client(api_key=key, base_url=sim.base_url)._native
    assert len(CORPUS["cases"]) >= 50
    for case in CORPUS["cases"]:
        with pytest.raises(momentpay.ValidationError) as error:
            native.invoke(case["operation"], case["id"], params_of(case), case.get("options", {}))
        assert error.value.field == case["field"], (case["name"], str(error.value))
        assert error.value.status is None and error.value.retryable is False
    assert sim.call("GET", "/_sim/requests", key=key)["data"] == []


def test_a_cyclic_value_is_refused_naming_its_field(sim, key) -> None:  # type: ignore[no-untyped-def]
    client = momentpay.Client(api_key=key, base_url=sim.base_url)
    loop: dict = {}  # type: ignore[type-arg]
    loop["again"] = loop
    with pytest.raises(momentpay.ValidationError) as error:
        client.payment_sessions.create(amount=1, currency="ZAR", options=loop)  # type: ignore[arg-type]
    assert error.value.field == "options" and "nested deeper" in str(error.value)


def test_bad_client_settings_are_refused() -> None:
    for case in CORPUS["clients"]:
        with pytest.raises(momentpay.ValidationError) as error:
            momentpay.Client(api_key=case["api_key"], base_url=case.get("base_url"))
        assert error.value.field == case["field"], case["name"]


def test_parameters_python_cannot_send_are_named() -> None:
    client = momentpay.Client(api_key="sk_test_x", base_url="http://127.0.0.1:9")
    for params, field in [
        ({"amount": 1, "currency": "ZAR", "metadata": {"k": {1, 2}}}, "metadata.k"),
        ({"amount": 1, "currency": "ZAR", "metadata": {3: "v"}}, "metadata"),
        ({"amount": float("nan"), "currency": "ZAR"}, "amount"),
        ({"amount": 1, "currency": b"ZAR"}, "currency"),
    ]:
        with pytest.raises(momentpay.ValidationError) as error:
            client._native.invoke("payment_sessions.create", None, params)
        assert error.value.field == field, (params, str(error.value))


def test_a_live_key_goes_only_over_https_to_a_host_that_is_not_loopback(sim, key, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Security review M5: a production key must never reach a local simulator by accident.
    for base_url in [sim.base_url, "https://127.0.0.1:9", "http://localhost:1"]:
        with pytest.raises(momentpay.ConfigurationError):
            momentpay.Client(api_key="sk_live_x", base_url=base_url)
    momentpay.Client(api_key="sk_live_x", base_url=sim.base_url, allow_live_key_anywhere=True)
    momentpay.Client(api_key="sk_live_x", base_url="https://proxy.shop.example")
    # `eval $(momentpay-sim serve --print-env)` in the wrong shell: MOMENT_BASE_URL set.
    monkeypatch.setenv("MOMENT_BASE_URL", sim.base_url)
    with pytest.raises(momentpay.ConfigurationError) as from_env:
        momentpay.Client(api_key="sk_live_x")
    assert "MOMENT_BASE_URL" in str(from_env.value) or "loopback" in str(from_env.value)
    assert momentpay.Client(api_key=key).base_url == sim.base_url
    monkeypatch.delenv("MOMENT_BASE_URL")
    client = momentpay.Client(api_key=key, base_url=sim.base_url)
    with pytest.raises(momentpay.ConfigurationError) as per_call:
        client.payment_sessions.create(amount=100, currency="ZAR", api_key="sk_live_per_call")
    assert "sk_live_per_call" not in str(per_call.value)
    assert sim.call("GET", "/_sim/requests", key=key)["data"] == []
