"""Models: attribute and item access, absent vs unknown fields, dicts, equality, repr."""

from __future__ import annotations

import pickle

import pytest

import momentpay


def test_attribute_access_and_conversions(client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(amount=5000, currency="ZAR", metadata={"order": "42"}, external_reference="o42")
    assert isinstance(session, momentpay.PaymentSession) and isinstance(session, momentpay.MomentObject)
    assert session.payment_id is None, "an absent optional field is None"
    with pytest.raises(AttributeError, match="payment_idd"):
        session.payment_idd  # noqa: B018
    assert session["amount"] == 5000 and "amount" in session and session.get("nope", 7) == 7
    assert session.metadata == {"order": "42"} and isinstance(session.metadata, dict)
    as_dict = session.to_dict()
    assert as_dict["id"] == session.id and as_dict["metadata"] == {"order": "42"}
    assert '"external_reference":"o42"' in session.to_json()
    assert repr(session).startswith("PaymentSession({") and session.id in repr(session)
    assert "payment_id" not in repr(session), "repr leaves out nulls"
    again = client.payment_sessions.retrieve(session.id)
    assert again == session and not (again != session)
    assert "session_url" in dir(session)
    # Models pickle (task queues, caches) and come back equal, of the same class.
    thawed = pickle.loads(pickle.dumps(session))
    assert thawed == session and type(thawed) is momentpay.PaymentSession


def test_nested_objects(sim, client) -> None:  # type: ignore[no-untyped-def]
    session = client.payment_sessions.create(amount=100, currency="ZAR")
    sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {"card_number": "4000000000009995"})
    declined = client.payment_sessions.retrieve(session.id)
    error = declined.last_payment_error
    assert isinstance(error, momentpay.LastPaymentError) and isinstance(error, momentpay.MomentObject)
    assert (error.error_code, error.decline_code) == ("card_declined", "insufficient_funds")
    sim.call("POST", f"/_sim/payment_sessions/{session.id}/complete", {})
    payment = client.payments.retrieve(client.payment_sessions.retrieve(session.id).payment_id)
    assert payment.payment_method_details.card.last4 == "4242"
    assert isinstance(payment.payment_method_details.card, momentpay.CardDetails)
    assert payment.payment_method_details.to_dict()["type"] == "card"


def test_a_misspelt_attribute_names_the_field_meant() -> None:
    session = momentpay.PaymentSession(id="ps_1", amount=5000, currency="ZAR", type="one_time", status="active")
    with pytest.raises(AttributeError, match="has no attribute 'amout'; did you mean amount?"):
        session.amout  # type: ignore[attr-defined]
    assert session["amount"] == session.get("amount") == 5000
