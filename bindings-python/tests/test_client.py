"""The sync client against the simulator: every resource method, errors, retries, threads."""

from __future__ import annotations

import http.server
import json
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

import pytest

import momentpay
from conftest_sim import canned_server


def pay(sim, session_id: str, card: str = "4242424242424242") -> None:  # type: ignore[no-untyped-def]
    sim.call("POST", f"/_sim/payment_sessions/{session_id}/complete", {"card_number": card})


def test_recurring_series(sim, client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(
        amount=5000,
        currency="zar",
        type="first_in_series",
        options={"customer": {"name": "Alex", "email": "alex@example.com"}, "mandate_options": {"type": "on_demand", "amount": {"max": 6000}}},
        metadata={"plan": "gold"},
        external_reference="alex_1",
    )
    assert isinstance(session, momentpay.PaymentSession)
    assert session.currency == "ZAR"
    assert session.status == "active"
    assert session.payment_id is None
    assert session.metadata == {"plan": "gold"}
    assert session.session_url.startswith(sim.base_url)
    pay(sim, session.id)
    done = client.payment_sessions.retrieve(session.id)
    assert (done.status, done.payment_outcome) == ("completed", "paid")
    nxt = client.payment_sessions.create(
        amount=5500, currency="ZAR", type="next_in_series", options={"customer": done.customer_id, "payment_method": done.payment_method_id}
    )
    assert nxt.type == "next_in_series" and nxt.payment_id
    assert client.payment_sessions.retrieve(nxt.id).payment_outcome == "paid"
    with pytest.raises(momentpay.InvalidRequestError) as breach:
        client.payment_sessions.create(amount=9000, currency="ZAR", type="next_in_series", options={"customer": done.customer_id, "payment_method": done.payment_method_id})
    assert breach.value.status == 422 and breach.value.field == "amount"


def test_capture_and_void(sim, client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(amount=3000, currency="ZAR", options={"payment_method_options": {"card": {"capture_method": "manual"}}})
    pay(sim, session.id)
    payment_id = client.payment_sessions.retrieve(session.id).payment_id
    payment = client.payments.retrieve(payment_id)
    assert (payment.authorised_amount, payment.paid_amount) == (3000, 0)
    assert client.payments.capture(payment_id, amount=1000).paid_amount == 1000
    with pytest.raises(momentpay.ConflictError) as too_much:
        client.payments.capture(payment_id, amount=5000)
    assert too_much.value.detail == "The capture amount exceeds the remaining authorised amount."
    assert too_much.value.code == "conflict" and too_much.value.request_id.startswith("req_")
    voided = client.payments.void(payment_id, metadata={"reason": "partial shipment"})
    assert (voided.paid_amount, voided.voided_amount) == (1000, 2000)
    assert voided.metadata["reason"] == "partial shipment"


def test_payment_requests(sim, client) -> None:  # type: ignore[no-untyped-def]
    request = client.payment_requests.create(amount=100, currency="ZAR", description="Invoice 1", idempotency_key="pr-1")
    assert request.link.url.startswith(sim.base_url)
    assert client.payment_requests.create(amount=100, currency="ZAR", description="Invoice 1", idempotency_key="pr-1") == request
    assert client.payment_requests.retrieve(request.id).id == request.id
    assert client.payment_requests.update(request.id, external_reference="V-134").external_reference == "V-134"
    deleted = client.payment_requests.delete(request.id)
    assert deleted.deleted is True
    with pytest.raises(momentpay.NotFoundError):
        client.payment_requests.retrieve(request.id)
    push = client.payment_requests.create(amount=100, currency="ZAR", type="push", push={"provider": "capitec", "capitec": {"phone_number": "+27823778084"}})
    assert push.type == "push"


def test_payment_pages_and_paging(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    page = sim.call("POST", "/_sim/payment_pages", {"amount": 1500, "title": "Tickets"}, key=key)
    for i in range(7):
        sim.call("POST", f"/_sim/payment_pages/{page['id']}/pay", {"customer": {"name": f"B{i}"}})
    assert client.payment_pages.retrieve(page["id"]).title == "Tickets"
    assert client.payment_pages.update(page["id"], title="Gig").title == "Gig"
    first = client.payment_pages.list_transactions(page["id"], limit=3)
    assert len(first.data) == 3 and first.has_more and first.next_cursor
    names = [t.customer.name for t in client.payment_pages.transactions(page["id"], limit=2)]
    assert names == [f"B{i}" for i in range(7)]


def test_billing(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    customer = client.billing.customers.create(external_reference="UCR-1", name="John", email="john@example.com", balance=2000, currency="ZAR")
    assert customer.balance == 2000 and customer.payment_rules.overpayment_allowed is False
    assert client.billing.customers.retrieve("UCR-1").id == customer.id
    assert client.billing.customers.update("UCR-1", balance=500).balance == 500
    account = client.billing.accounts.create(customer={"external_reference": "UCR-2"}, external_reference="UAR-1", balance=100, currency="ZAR")
    assert client.billing.accounts.retrieve("UAR-1").customer_id == account.customer_id
    assert client.billing.accounts.update("UAR-1", name="Gym").name == "Gym"
    bill = client.billing.bills.create(external_reference="B-1", amount_due=2000, currency="ZAR", customer="UCR-1", due_date="2030-01-31")
    assert bill.status == "unpaid" and bill.account_id is None
    assert client.billing.bills.retrieve("B-1").amount_remaining == 2000
    assert client.billing.bills.update("B-1", amount_paid=1500).amount_remaining == 500
    other = client.billing.bills.create(external_reference="B-2", amount_due=10, currency="ZAR", account="UAR-1")
    assert client.billing.bills.void(other.id, metadata={"voided_reason": "duplicate"}).status == "voided"
    sim.call("POST", "/_sim/billing/payments", {"bill": "B-1", "amount": 500}, key=key)
    assert client.billing.bills.retrieve("B-1").status == "paid"


def test_validation_names_the_field_before_sending(client, requests_of) -> None:  # type: ignore[no-untyped-def]
    cases = [
        (dict(amount=-1, currency="ZAR"), "amount"),
        (dict(amount=10.5, currency="ZAR"), "amount"),
        (dict(amount="10", currency="ZAR"), "amount"),
        (dict(amount=10, currency="RAND"), "currency"),
        (dict(amount=10, currency="ZAR", type="next_in_series"), "options.customer"),
        (dict(amount=10, currency="ZAR", metadata={f"k{i}": "v" for i in range(11)}), "metadata"),
        (dict(amount=10, currency="ZAR", external_reference="no spaces allowed"), "external_reference"),
        (dict(amount=10, currency="ZAR", options={"customer": {"phone": "082"}}, type="first_in_series"), "options.customer.phone"),
        (dict(amount=10, currency="ZAR", options={"checkout_options": {"return_url": {1, 2}}}), "options.checkout_options.return_url"),
        (dict(amount=2**70, currency="ZAR"), "amount"),
    ]
    for params, field in cases:
        with pytest.raises(momentpay.ValidationError) as error:
            client.payment_sessions.create(**params)
        assert error.value.field == field, (params, error.value)
        assert error.value.status is None and not error.value.retryable
    with pytest.raises(momentpay.ValidationError) as bad_key:
        client.payment_sessions.create(amount=1, currency="ZAR", idempotency_key="evil\r\nX-Header: 1")
    assert bad_key.value.field == "idempotency_key"
    with pytest.raises(momentpay.ValidationError):
        client.payment_sessions.retrieve("ps_1/../../admin")
    assert requests_of("/collect/payment_sessions") == []


def test_errors_are_typed(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(momentpay.NotFoundError) as missing:
        client.payments.retrieve("pay_missing")
    error = missing.value
    assert isinstance(error, momentpay.APIError) and isinstance(error, momentpay.MomentError)
    assert (error.status, error.code, error.kind) == (404, "not-found", "not_found")
    assert error.problem is not None and error.problem["status"] == 404
    public = momentpay.Client(api_key=key.replace("sk_", "pk_", 1), base_url=sim.base_url)
    assert public.payment_sessions.create(amount=100, currency="ZAR").session_url
    with pytest.raises(momentpay.PermissionDeniedError, match="secret key"):
        public.payments.retrieve("pay_1")
    with pytest.raises(momentpay.ConfigurationError, match="clear text"):
        momentpay.Client(api_key=key, base_url="http://api.momentpay.net")
    with pytest.raises(momentpay.ValidationError) as bad:
        momentpay.Client(api_key="not-a-key", base_url=sim.base_url)
    assert bad.value.field == "api_key"


def test_retries_are_visible(sim, key, client, requests_of) -> None:  # type: ignore[no-untyped-def]
    sim.call("POST", "/_sim/faults", {"next": ["503", "lost_response"]}, key=key)
    session = client.payment_sessions.create(amount=100, currency="ZAR")
    attempts = requests_of("/collect/payment_sessions")
    assert [a["status"] for a in attempts] == [503, 201, 201]
    assert attempts[2]["replayed"] is True
    assert len({a["idempotency_key"] for a in attempts}) == 1
    assert client.payment_sessions.retrieve(session.id).id == session.id
    sim.call("POST", "/_sim/faults", {"next": ["503", "503", "503"]}, key=key)
    with pytest.raises(momentpay.ServerError) as exhausted:
        client.payment_sessions.retrieve(session.id)
    assert exhausted.value.retryable and exhausted.value.status == 503
    # The default policy: the first attempt and 2 retries, then the error (no fault left over).
    retrieves = requests_of(f"/collect/payment_sessions/{session.id}")
    assert [a["status"] for a in retrieves[-3:]] == [503, 503, 503]
    assert [a["retry_count"] for a in retrieves[-3:]] == [0, 1, 2]
    sim.call("POST", "/_sim/faults", {"next": ["delay", "delay"], "delay_ms": 800}, key=key)
    with pytest.raises(momentpay.APITimeoutError):
        client.payment_sessions.retrieve(session.id, timeout=0.1, max_retries=1)


def test_one_client_many_threads(sim, client) -> None:  # type: ignore[no-untyped-def]
    def create(i: int) -> str:
        return client.payment_sessions.create(amount=100 + i, currency="ZAR").id

    with ThreadPoolExecutor(max_workers=16) as pool:
        ids = list(pool.map(create, range(160)))
    assert len(set(ids)) == 160


def _python_server(respond: "Callable[[], bytes]") -> "http.server.ThreadingHTTPServer":
    """An HTTP server whose handler is Python code in this process: it can answer only while
    the calling thread has released the GIL."""
    return canned_server(lambda: (200, respond()))


def test_the_gil_is_released_while_waiting() -> None:
    # Deterministic: the answer comes from a Python thread of this process, so the call can
    # only complete if it released the GIL while it waited (else it times out).
    session = {"id": "ps_gil", "amount": 1, "currency": "ZAR", "status": "active", "type": "one_time"}
    server = _python_server(lambda: json.dumps(session).encode())
    try:
        client = momentpay.Client(api_key="sk_test_gil", base_url=f"http://127.0.0.1:{server.server_address[1]}")
        assert client.payment_sessions.retrieve("ps_gil", timeout=10, max_retries=0).id == "ps_gil"
    finally:
        server.shutdown()


def test_an_unknown_outcome_says_it_may_have_been_applied(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 1500}, key=key)
    params = {"amount": 902, "currency": "ZAR", "external_reference": "unknown_py"}
    with pytest.raises(momentpay.APITimeoutError) as unknown:
        client.payment_sessions.create(**params, timeout=0.2, max_retries=1)
    used = unknown.value.idempotency_key
    assert used and used in str(unknown.value) and "may have been applied" in str(unknown.value)
    assert unknown.value.retryable
    deadline = time.monotonic() + 15
    while sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] != 1:
        assert time.monotonic() < deadline, "the first attempt never committed"
        time.sleep(0.02)
    again = client.payment_sessions.create(**params, idempotency_key=used)
    assert again._idempotent_replayed
    assert sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 1


def test_repr_hides_the_key(sim) -> None:  # type: ignore[no-untyped-def]
    client = momentpay.Client(api_key="sk_test_SUPERSECRET", base_url=sim.base_url)
    assert "SUPERSECRET" not in repr(client) and "SUPERSECRET" not in str(client)
    assert "sk_test_***" in repr(client)
    assert "SUPERSECRET" not in repr(momentpay.Webhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))


def test_environment_configuration(sim, key, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MOMENT_API_KEY", key)
    monkeypatch.setenv("MOMENT_BASE_URL", sim.base_url)
    client = momentpay.Client()
    assert client.base_url == sim.base_url
    assert client.payment_sessions.create(amount=1, currency="ZAR").id
    monkeypatch.delenv("MOMENT_API_KEY")
    with pytest.raises(momentpay.ConfigurationError, match="MOMENT_API_KEY"):
        momentpay.Client()


def test_rate_limits_and_idempotency_conflicts_raise_their_classes(sim, key, client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(amount=100, currency="ZAR", idempotency_key=f"{key}-same")
    sim.call("POST", "/_sim/faults", {"next": ["429", "429", "429"], "retry_after_seconds": 0}, key=key)
    with pytest.raises(momentpay.RateLimitError) as limited:
        client.payment_sessions.retrieve(session.id)
    assert limited.value.status == 429 and limited.value.retryable and limited.value.kind == "rate_limited"
    # The same key with other parameters: Moment refuses it, and it is not retried.
    with pytest.raises(momentpay.IdempotencyError) as mismatch:
        client.payment_sessions.create(amount=200, currency="ZAR", idempotency_key=f"{key}-same")
    assert (mismatch.value.status, mismatch.value.code) == (422, "idempotency-key-mismatch")
    assert isinstance(mismatch.value, momentpay.ConflictError) and not mismatch.value.retryable
