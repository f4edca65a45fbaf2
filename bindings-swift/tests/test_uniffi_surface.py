"""The UniFFI surface that Swift calls, exercised through uniffi's generated Python bindings
of the same library: sessions, capture, errors as the error enum, async calls, paging,
every operation reachable, and the shared webhook vectors."""

from __future__ import annotations

import asyncio
import json
import pathlib
import time

import pytest

import momentpay_uniffi as ffi  # uniffi's bindings (models and client), not the pyo3 package

ROOT = pathlib.Path(__file__).resolve().parents[2]

# Core operation -> UniFFI method, as Swift names them (snake_case here, camelCase in Swift).
METHODS = {
    "payment_sessions.create": "create_payment_session",
    "payment_sessions.retrieve": "retrieve_payment_session",
    "payments.retrieve": "retrieve_payment",
    "payments.capture": "capture_payment",
    "payments.void": "void_payment",
    "payment_requests.create": "create_payment_request",
    "payment_requests.retrieve": "retrieve_payment_request",
    "payment_requests.update": "update_payment_request",
    "payment_requests.delete": "delete_payment_request",
    "payment_pages.retrieve": "retrieve_payment_page",
    "payment_pages.update": "update_payment_page",
    "payment_pages.list_transactions": "list_payment_page_transactions",
    "billing.customers.create": "create_billing_customer",
    "billing.customers.retrieve": "retrieve_billing_customer",
    "billing.customers.update": "update_billing_customer",
    "billing.accounts.create": "create_billing_account",
    "billing.accounts.retrieve": "retrieve_billing_account",
    "billing.accounts.update": "update_billing_account",
    "billing.bills.create": "create_bill",
    "billing.bills.retrieve": "retrieve_bill",
    "billing.bills.update": "update_bill",
    "billing.bills.void": "void_bill",
}


def client(sim, key):  # type: ignore[no-untyped-def]
    return ffi.MomentClient(api_key=key, base_url=sim.base_url)


def one_time(amount: int, manual: bool = False) -> "ffi.CreatePaymentSession":
    options = None
    if manual:
        options = ffi.PaymentSessionOptions(
            payment_method_options=ffi.PaymentMethodOptions(card=ffi.CardOptions(capture_method=ffi.CaptureMethod.MANUAL())),
        )
    return ffi.CreatePaymentSession(amount=amount, currency="ZAR", kind=ffi.PaymentSessionType.ONE_TIME(), options=options)


def test_every_core_operation_is_reachable_async_and_blocking() -> None:
    assert set(ffi.operation_names()) == set(METHODS)
    for method in METHODS.values():
        assert callable(getattr(ffi.MomentClient, method)), method
        assert callable(getattr(ffi.MomentClient, f"{method}_blocking")), method


def test_sessions_capture_and_void_blocking(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = client(sim, key)
    session = moment.create_payment_session_blocking(one_time(3000, manual=True))
    assert session.status == ffi.PaymentSessionStatus.ACTIVE()
    assert session.session_url.startswith(sim.base_url)
    sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {})
    reserved = moment.retrieve_payment_session_blocking(session.id)
    assert reserved.payment_outcome == ffi.PaymentOutcome.RESERVED()
    captured = moment.capture_payment_blocking(reserved.payment_id, ffi.CapturePayment(amount=1000))
    assert (captured.authorised_amount, captured.paid_amount) == (3000, 1000)
    voided = moment.void_payment_blocking(reserved.payment_id, ffi.VoidPayment(metadata={"reason": "rest"}))
    assert voided.voided_amount == 2000 and voided.metadata["reason"] == "rest"


def test_async_calls_and_the_recurring_flow(sim, key) -> None:  # type: ignore[no-untyped-def]
    async def scenario() -> None:
        moment = client(sim, key)
        first = await moment.create_payment_session(
            ffi.CreatePaymentSession(
                amount=5000,
                currency="zar",
                kind=ffi.PaymentSessionType.FIRST_IN_SERIES(),
                options=ffi.PaymentSessionOptions(customer=ffi.CustomerRef.DETAILS(ffi.CustomerDetails(name="Alex", email="alex@example.com"))),
            )
        )
        assert first.currency == "ZAR"
        sim.call("POST", f"/_sim/payment_sessions/{first.id}/complete", {})
        done = await moment.retrieve_payment_session(first.id)
        assert done.payment_outcome == ffi.PaymentOutcome.PAID()
        charges = await asyncio.gather(*(
            moment.create_payment_session(
                ffi.CreatePaymentSession(
                    amount=5000,
                    currency="ZAR",
                    kind=ffi.PaymentSessionType.NEXT_IN_SERIES(),
                    options=ffi.PaymentSessionOptions(customer=ffi.CustomerRef.ID(done.customer_id), payment_method=done.payment_method_id),
                ),
                ffi.CallOptions(idempotency_key=f"charge-{i}"),
            )
            for i in range(3)
        ))
        assert len({c.id for c in charges}) == 3 and all(c.payment_id for c in charges)

    asyncio.run(scenario())


def test_errors_are_the_error_enum(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = client(sim, key)
    with pytest.raises(ffi.MomentError.Api) as not_found:
        moment.retrieve_payment_blocking("pay_missing")
    assert not_found.value.status == 404 and not_found.value.code == "not-found" and not_found.value.request_id.startswith("req_")
    with pytest.raises(ffi.MomentError.Validation) as invalid:
        moment.create_payment_session_blocking(ffi.CreatePaymentSession(amount=-5, currency="ZAR"))
    assert invalid.value.field == "amount"

    async def failing() -> None:
        await moment.retrieve_payment_session("ps_missing")

    with pytest.raises(ffi.MomentError.Api):
        asyncio.run(failing())
    with pytest.raises(ffi.MomentError.Configuration):
        ffi.MomentClient(api_key=key, base_url="http://api.momentpay.net")


def test_an_unknown_outcome_carries_the_key_to_repeat_it_with(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = client(sim, key)
    sim.call("POST", "/_sim/faults", {"next": ["delay"], "delay_ms": 1500}, key=key)
    params = ffi.CreatePaymentSession(amount=904, currency="ZAR")
    with pytest.raises(ffi.MomentError.Connection) as unknown:
        moment.create_payment_session_blocking(params, options=ffi.CallOptions(timeout_seconds=0.2, max_retries=1))
    assert unknown.value.timeout and unknown.value.idempotency_key
    assert "may have been applied" in unknown.value.message and unknown.value.idempotency_key in unknown.value.message
    # Repeating with the error's key gives the first attempt's session: one session, never two.
    for _ in range(100):
        if sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 1:
            break
        time.sleep(0.05)
    repeated = moment.create_payment_session_blocking(params, options=ffi.CallOptions(idempotency_key=unknown.value.idempotency_key))
    again = moment.create_payment_session_blocking(params, options=ffi.CallOptions(idempotency_key=unknown.value.idempotency_key))
    assert repeated.id == again.id
    assert sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 1
    replays = [r for r in sim.call("GET", "/_sim/requests", key=key)["data"] if r["path"] == "/collect/payment_sessions"]
    assert [r["replayed"] for r in sorted(replays, key=lambda r: r["received_at_ms"])][-2:] == [True, True]
    with pytest.raises(ffi.MomentError.Api) as missing:
        moment.capture_payment_blocking("pay_missing", ffi.CapturePayment(amount=1))
    assert missing.value.idempotency_key, "a mutation's API error carries its key too"


def test_an_app_with_a_public_key_only_creates_sessions(sim, key) -> None:  # type: ignore[no-untyped-def]
    public_key = key.replace("sk_", "pk_", 1)
    app = ffi.MomentClient(api_key=public_key, base_url=sim.base_url)
    session = app.create_payment_session_blocking(one_time(1999))
    assert session.session_url
    with pytest.raises(ffi.MomentError.PermissionDenied) as refused:
        app.retrieve_payment_session_blocking(session.id)
    assert "secret key" in str(refused.value)
    logged = sim.call("GET", "/_sim/requests", key=public_key)["data"]
    assert [r["method"] for r in logged] == ["POST"], "the refused call never reached the network"


def test_requests_pages_and_billing(sim, key) -> None:  # type: ignore[no-untyped-def]
    moment = client(sim, key)
    request = moment.create_payment_request_blocking(ffi.CreatePaymentRequest(amount=100, currency="ZAR"))
    assert moment.retrieve_payment_request_blocking(request.id).status == ffi.PaymentRequestStatus.ACTIVE()
    assert moment.update_payment_request_blocking(request.id, ffi.UpdatePaymentRequest(description="d")).description == "d"
    assert moment.delete_payment_request_blocking(request.id).deleted
    page = sim.call("POST", "/_sim/payment_pages", {"amount": 100}, key=key)
    for _ in range(5):
        sim.call("POST", f"/_sim/payment_pages/{page['id']}/pay", {})
    assert moment.retrieve_payment_page_blocking(page["id"]).amount == 100
    assert moment.update_payment_page_blocking(page["id"], ffi.UpdatePaymentPage(title="T")).title == "T"
    assert len(moment.list_payment_page_transactions_blocking(page["id"], ffi.ListParams(limit=2)).data) == 2

    async def walk() -> list[str]:
        pager = moment.transactions(page["id"], limit=2)
        seen = []
        while (item := await pager.next()) is not None:
            seen.append(item.id)
        return seen

    assert len(set(asyncio.run(walk()))) == 5
    customer = moment.create_billing_customer_blocking(ffi.CreateBillingCustomer(external_reference="C1", balance=10, currency="ZAR"))
    assert moment.retrieve_billing_customer_blocking("C1").id == customer.id
    assert moment.update_billing_customer_blocking("C1", ffi.UpdateBillingCustomer(name="N")).name == "N"
    account = moment.create_billing_account_blocking(ffi.CreateBillingAccount(customer=ffi.BillingCustomerRef.ID("C1"), external_reference="A1"))
    assert moment.retrieve_billing_account_blocking("A1").id == account.id
    assert moment.update_billing_account_blocking("A1", ffi.UpdateBillingAccount(name="A")).name == "A"
    bill = moment.create_bill_blocking(ffi.CreateBill(external_reference="B1", amount_due=50, currency="ZAR", account=ffi.BillingAccountRef.ID("A1")))
    assert moment.retrieve_bill_blocking("B1").id == bill.id
    assert moment.update_bill_blocking("B1", ffi.UpdateBill(amount_paid=20)).amount_remaining == 30
    assert moment.void_bill_blocking("B1", ffi.VoidBill()).status == ffi.BillStatus.VOIDED()


def test_webhook_vectors_match_rust() -> None:
    cases = json.loads((ROOT / "tests" / "vectors" / "webhooks.json").read_text())["cases"]
    for case in cases:
        expect = case["expect"]
        try:
            webhook = ffi.MomentWebhook(case["secret"], tolerance_seconds=float(case.get("tolerance_seconds", 180)))
            event = webhook.verify(case["payload"].encode(), case["headers"], now=case["now"])
        except ffi.MomentError.Webhook as error:
            if case.get("verify_only"):
                # The published reference vectors sign payloads that are not Moment events:
                # a good signature then fails only as malformed_body (a bad one would not).
                assert error.failure == "malformed_body", (case["name"], error.failure)
            else:
                assert not expect["ok"] and error.failure == expect["error"], case["name"]
            continue
        assert not case.get("verify_only"), f"{case['name']}: not an event, yet it parsed"
        assert expect["ok"], case["name"]
        assert event.id == expect["event_id"], case["name"]
        if expect["event_type"] == "payment_session.completed":
            assert event.event_type == ffi.EventType.PAYMENT_SESSION_COMPLETED()
            assert isinstance(event.data, ffi.EventPayload.PAYMENT_SESSION)
            assert event.data.session.customer_id == "cus_J17pnG25nuvKu"
        else:
            assert event.event_type == ffi.EventType.UNKNOWN(expect["event_type"])
            assert isinstance(event.data, ffi.EventPayload.UNKNOWN)


def test_call_options_carry_every_request_option(sim, key) -> None:  # type: ignore[no-untyped-def]
    # CallOptions comes from the core's table of per-call options, as Python's and Node's do:
    # api_key, total_timeout_seconds and extra_body reached Swift with it (issue 26).
    other = f"sk_test_{key[-12:]}other"
    moment = client(sim, key)
    made = moment.create_payment_session_blocking(
        ffi.CreatePaymentSession(amount=905, currency="ZAR"), options=ffi.CallOptions(api_key=other, total_timeout_seconds=30.0),
    )
    assert sim.call("GET", "/_sim/stats", key=other)["payment_sessions"] == 1
    assert sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 0
    assert client(sim, other).retrieve_payment_session_blocking(made.id).id == made.id
    params = ffi.CreatePaymentSession(amount=906, currency="ZAR")
    # extra_body is sent as given: the simulator (strict, like Moment) names the field it got.
    with pytest.raises(ffi.MomentError.Api) as sent:
        moment.create_payment_session_blocking(params, options=ffi.CallOptions(extra_body=json.dumps({"sandbox_note": "x"})))
    assert sent.value.status == 400 and sent.value.field == "sandbox_note"
    for options, field in [
        (ffi.CallOptions(extra_body="[1]"), "extra_body"),
        (ffi.CallOptions(extra_body=json.dumps({"amount": 1})), "extra_body.amount"),
        (ffi.CallOptions(total_timeout_seconds=-1.0), "total_timeout_seconds"),
        (ffi.CallOptions(timeout_seconds=float("nan")), "timeout_seconds"),
        (ffi.CallOptions(api_key="not-a-key"), "api_key"),
        (ffi.CallOptions(idempotency_key=""), "idempotency_key"),
    ]:
        with pytest.raises(ffi.MomentError.Validation) as refused:
            moment.create_payment_session_blocking(params, options=options)
        assert refused.value.field == field, (options, refused.value)
    assert sim.call("GET", "/_sim/stats", key=key)["payment_sessions"] == 0


def test_the_constructor_takes_every_client_option(sim, key) -> None:  # type: ignore[no-untyped-def]
    # MomentClient's constructor comes from the core's table of client options (issue 26):
    # connect_timeout, total_timeout, max_in_flight, user_agent and allow_live_key_anywhere
    # reached Swift, read by the parser Python and Node use.
    moment = ffi.MomentClient(
        api_key=key, base_url=sim.base_url, timeout_seconds=10.0, connect_timeout_seconds=2.0, max_retries=1,
        total_timeout_seconds=20.0, max_in_flight=4, max_idle_connections=2, user_agent="my-app/1.0",
        allow_insecure_http=False, allow_live_key_anywhere=False,
    )
    assert moment.create_payment_session_blocking(ffi.CreatePaymentSession(amount=907, currency="ZAR")).id
    for options, field in [
        ({"connect_timeout_seconds": -1.0}, "connect_timeout_seconds"),
        ({"total_timeout_seconds": float("inf")}, "total_timeout_seconds"),
        ({"max_in_flight": 0}, "max_in_flight"),
        ({"user_agent": "bad\nagent"}, "user_agent"),
    ]:
        with pytest.raises(ffi.MomentError.Validation) as refused:
            ffi.MomentClient(api_key=key, base_url=sim.base_url, **options)
        assert refused.value.field == field, (options, refused.value)
    with pytest.raises(ffi.MomentError.Configuration):
        ffi.MomentClient(api_key="sk_live_" + key[8:], base_url=sim.base_url)
    assert ffi.MomentClient(api_key="sk_live_" + key[8:], base_url=sim.base_url, allow_live_key_anywhere=True).base_url() == sim.base_url
