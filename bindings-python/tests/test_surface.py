"""The generated Python surface: models built by hand (checked by the core's types),
pickled and compared; responses' request IDs; options checked by the core; typed events."""

from __future__ import annotations

import pickle

import pytest

import momentpay


def test_models_are_built_by_the_core_types() -> None:
    session = momentpay.PaymentSession(id="ps_1", type="one_time", amount=500, currency="ZAR", status="active")
    assert session.amount == 500 and session.payment_id is None and session.metadata == {}
    assert session._request_id is None and session._idempotent_replayed is False
    with pytest.raises(momentpay.ValidationError) as missing:
        momentpay.PaymentSession(id="ps_1", type="one_time", amount=500, currency="ZAR")  # type: ignore[call-arg]
    assert missing.value.field == "status"
    with pytest.raises(momentpay.ValidationError) as mistyped:
        momentpay.PaymentSession(id="ps_1", type="one_time", amount="500", currency="ZAR", status="active")  # type: ignore[arg-type]
    assert mistyped.value.field == "amount" and "must be an integer" in str(mistyped.value)
    assert "i64" not in str(mistyped.value)
    nested = momentpay.Payment(
        id="pay_1", status="succeeded", amount=1, currency="ZAR",
        payment_method_details={"type": "card", "card": {"last4": "4242"}},  # type: ignore[arg-type]
    )
    assert isinstance(nested.payment_method_details, momentpay.PaymentMethodDetails)
    assert isinstance(nested.payment_method_details.card, momentpay.CardDetails)
    assert nested.payment_method_details.card.last4 == "4242"
    thawed = pickle.loads(pickle.dumps(nested))
    assert thawed == nested and type(thawed) is momentpay.Payment
    assert thawed.to_dict()["payment_method_details"]["card"]["last4"] == "4242"


def test_responses_carry_their_request_id(client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(amount=100, currency="ZAR", idempotency_key="surface-replay")
    assert session._request_id and session._idempotent_replayed is False
    again = client.payment_sessions.create(amount=100, currency="ZAR", idempotency_key="surface-replay")
    assert again.id == session.id and again._idempotent_replayed is True
    assert again._request_id != session._request_id


def test_options_and_fields_are_checked_in_python_names(client) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(momentpay.ValidationError) as unknown:
        client.payment_sessions.create(amount=100, currency="ZAR", options={"checkout_option": {}})  # type: ignore[typeddict-unknown-key]
    assert unknown.value.field == "options.checkout_option"
    assert "did you mean checkout_options?" in str(unknown.value)
    with pytest.raises(momentpay.ValidationError) as none:
        client.payment_sessions.create(amount=None, currency="ZAR")  # type: ignore[arg-type]
    assert none.value.field == "amount"
    with pytest.raises(momentpay.ValidationError) as timeout:
        client.payment_sessions.create(amount=100, currency="ZAR", timeout=-1)
    assert timeout.value.field == "timeout" and "seconds" in str(timeout.value)
    with pytest.raises(TypeError, match="create"):
        client.payment_sessions.create(amount=100, currency="ZAR", idempotency_kye="x")  # type: ignore[call-arg]
    with pytest.raises(momentpay.ValidationError) as modelled:
        client.payment_sessions.create(amount=100, currency="ZAR", extra_body={"external_reference": "x"})
    assert modelled.value.field == "extra_body.external_reference"


def test_extra_body_sends_fields_the_sdk_does_not_model(sim, client, key) -> None:  # type: ignore[no-untyped-def]
    # The simulator models what the SDK models, so it refuses the unmodelled field: proof that
    # the field was sent as given (and that the simulator reports it by name).
    with pytest.raises(momentpay.InvalidRequestError) as refused:
        client.payment_sessions.create(amount=100, currency="ZAR", extra_body={"new_moment_field": True})
    assert "new_moment_field" in str(refused.value)


def test_events_come_as_the_class_of_their_data() -> None:
    secret = momentpay.Webhook.generate_secret()
    webhook = momentpay.Webhook(secret)
    body = b'{"id":"evt_1","type":"payment_session.completed","data":{"id":"ps_1","type":"one_time","amount":1,"currency":"ZAR","status":"completed"}}'
    event = webhook.verify(body, webhook.sign_headers("msg_1", 1_800_000_000, body), now=1_800_000_000)
    assert isinstance(event, momentpay.PaymentSessionEvent) and isinstance(event, momentpay.Event)
    if event.type == "payment_session.completed":
        assert event.data.status == "completed"
    unknown = b'{"id":"evt_2","type":"brand_new.event","data":{"x":1}}'
    other = webhook.verify(unknown, webhook.sign_headers("msg_2", 1_800_000_000, unknown), now=1_800_000_000)
    assert type(other) is momentpay.Event and other.data == {"x": 1}
