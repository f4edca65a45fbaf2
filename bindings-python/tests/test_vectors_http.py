"""tests/vectors/problems.json and payloads.json through Python, as the core runs them in
Rust (core/tests/vectors.rs): each problem answered by a loopback server must raise its
error class with the same kind, code, retryability, status, request ID, detail and field;
each payload answered to the operation that returns that model (or signed as a webhook)
must read back the expected fields. The simulator cannot be made to answer arbitrary
documents, hence the canned server."""

from __future__ import annotations

import json
import pathlib
from typing import Any, Callable, Dict, Iterator, Tuple

import pytest

import momentpay
from conftest_sim import canned_server

VECTORS = pathlib.Path(__file__).resolve().parents[2] / "tests" / "vectors"
PROBLEMS = json.loads((VECTORS / "problems.json").read_text())["cases"]
PAYLOADS = json.loads((VECTORS / "payloads.json").read_text())

# Each error kind's class: exactly this class, not only a base of it.
CLASSES = {
    "not_found": momentpay.NotFoundError,
    "conflict": momentpay.ConflictError,
    "idempotency_conflict": momentpay.IdempotencyError,
    "invalid_request": momentpay.InvalidRequestError,
    "authentication": momentpay.AuthenticationError,
    "permission_denied": momentpay.PermissionDeniedError,
    "rate_limited": momentpay.RateLimitError,
    "server": momentpay.ServerError,
    "request_failed": momentpay.RequestFailedError,
}

# The operation that answers each model, called with the ID "x".
READS: Dict[str, Callable[[momentpay.Client], Any]] = {
    "payment_session": lambda c: c.payment_sessions.retrieve("x"),
    "payment": lambda c: c.payments.retrieve("x"),
    "payment_request": lambda c: c.payment_requests.retrieve("x"),
    "payment_page": lambda c: c.payment_pages.retrieve("x"),
    "payment_page_transaction": lambda c: c.payment_pages.list_transactions("x").data[0],
    "billing_customer": lambda c: c.billing.customers.retrieve("x"),
    "billing_account": lambda c: c.billing.accounts.retrieve("x"),
    "bill": lambda c: c.billing.bills.retrieve("x"),
}

Canned = Tuple[int, bytes]


@pytest.fixture
def canned() -> Iterator[Tuple[str, Callable[[Canned], None]]]:
    """A loopback server that answers every request with the status and body last set."""
    answer: Dict[str, Canned] = {"now": (500, b"{}")}
    server = canned_server(lambda: answer["now"])

    def set_answer(value: Canned) -> None:
        answer["now"] = value

    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", set_answer
    finally:
        server.shutdown()


def _at(value: Any, path: str) -> Any:
    for key in path.split("."):
        value = value[int(key)] if isinstance(value, list) else value.get(key) if isinstance(value, dict) else None
    return value


@pytest.mark.parametrize("case", PROBLEMS, ids=[c["name"] for c in PROBLEMS])
def test_problem_vectors_raise_their_class(canned, case) -> None:  # type: ignore[no-untyped-def]
    base_url, answer = canned
    body = case["body"] if isinstance(case["body"], str) else json.dumps(case["body"])
    answer((case["status"], body.encode()))
    client = momentpay.Client(api_key="sk_test_vectors", base_url=base_url, max_retries=0)
    with pytest.raises(momentpay.APIError) as raised:
        client.payment_sessions.retrieve("ps_vector")
    error, expect = raised.value, case["expect"]
    assert type(error) is CLASSES[expect["kind"]], (case["name"], type(error))
    assert error.kind == expect["kind"]
    assert error.code == expect["code"]
    assert error.retryable is expect["retryable"]
    assert error.status == case["status"]
    assert error.request_id == "req_test"
    if "detail" in expect:
        assert error.detail == expect["detail"]
    if "field" in expect:
        assert error.field == expect["field"]
    if "extra.payment_id" in expect:
        assert error.problem is not None and error.problem["payment_id"] == expect["extra.payment_id"]


@pytest.mark.parametrize("case", PAYLOADS["objects"], ids=[c["name"] for c in PAYLOADS["objects"]])
def test_payload_vectors_read_back_through_the_client(canned, case) -> None:  # type: ignore[no-untyped-def]
    if case["model"] not in READS:
        pytest.fail(f"no operation answers {case['model']}: add it to READS")
    base_url, answer = canned
    body = case["json"]
    if case["model"] == "payment_page_transaction":
        body = {"data": [body], "has_more": False}
    answer((200, json.dumps(body).encode()))
    client = momentpay.Client(api_key="sk_test_vectors", base_url=base_url, max_retries=0)
    model = READS[case["model"]](client)
    as_dict = model.to_dict()
    for path, want in case["expect"].items():
        assert _at(as_dict, path) == want, (case["name"], path, as_dict)


@pytest.mark.parametrize("case", PAYLOADS["events"], ids=[c["name"] for c in PAYLOADS["events"]])
def test_event_vectors_verify_and_parse(case) -> None:  # type: ignore[no-untyped-def]
    webhook = momentpay.Webhook(momentpay.Webhook.generate_secret())
    body = json.dumps(case["json"]).encode()
    event = webhook.verify(body, webhook.sign_headers("msg_vector", 1_700_000_000, body), now=1_700_000_000)
    assert event.type == case["expect_type"]
    model = case["expect_data_model"]
    data_class = "".join(part.title() for part in model.split("_")) if model != "unknown" else None
    if data_class is not None:
        assert type(event.data).__name__ == data_class, (case["name"], type(event.data))
    as_dict = event.to_dict()
    for path, want in case["expect"].items():
        assert _at(as_dict, path) == want, (case["name"], path, as_dict)
