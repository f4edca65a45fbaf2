"""Typed shapes of request parameters (TypedDicts: plain dicts at run time).

    from momentpay.types import MandateOptions
    mandate: MandateOptions = {"type": "on_demand", "amount": {"max": 5000}}
    client.payment_sessions.create(amount=5000, currency="ZAR", type="first_in_series",
                                   options={"customer": {"name": "Alex"}, "mandate_options": mandate})
"""

from __future__ import annotations

import sys
from typing import Dict, List, Optional, Union

if sys.version_info >= (3, 11):
    from typing import Literal, NotRequired, TypedDict
else:  # pragma: no cover - exercised on 3.9/3.10
    from typing_extensions import Literal, NotRequired, TypedDict

Metadata = Dict[str, str]
SessionType = Literal["one_time", "first_in_series", "next_in_series"]


class RequestOptions(TypedDict, total=False):
    """Per-call options accepted by every method."""

    idempotency_key: str
    timeout: float
    max_retries: int
    api_key: str


class CustomerDetails(TypedDict, total=False):
    name: str
    email: str
    phone: str


class PresentationMode(TypedDict, total=False):
    mode: Literal["redirect", "embedded_modal", "embedded_inline"]
    display_pay_button: bool


class CheckoutOptions(TypedDict, total=False):
    return_url: str
    presentation_mode: PresentationMode
    save_payment_method: Literal["always", "never", "prompt"]


class CardOptions(TypedDict, total=False):
    capture_method: Literal["automatic", "manual"]
    save_payment_method: Literal["always", "never", "prompt"]


class PaymentMethodOptions(TypedDict, total=False):
    card: CardOptions


class AmountRange(TypedDict, total=False):
    min: int
    max: int


class RecurrenceOn(TypedDict, total=False):
    type: str
    days: List[Union[int, str]]
    adjustment: str


class Recurrence(TypedDict):
    type: Literal["daily", "weekly", "monthly", "yearly"]
    interval_count: NotRequired[int]
    on: NotRequired[RecurrenceOn]


class DateRange(TypedDict, total=False):
    start_date: str
    end_date: str


class PeriodAnchor(TypedDict, total=False):
    type: str
    day: int


class PeriodWindow(TypedDict, total=False):
    mode: Literal["calendar", "cycle"]
    anchor: PeriodAnchor


class PeriodLimits(TypedDict, total=False):
    period: Literal["day", "week", "month", "year"]
    max_count: int
    max_amount: int
    window: PeriodWindow


class MandateControls(TypedDict, total=False):
    period_limits: PeriodLimits


class InstallmentItem(TypedDict):
    amount: int


class InstallmentTerms(TypedDict, total=False):
    type: Literal["periodic", "fixed"]
    amount: int
    items: List[InstallmentItem]
    recurrence: Recurrence
    max_occurrences: int


class MandateOptions(TypedDict):
    type: Literal["scheduled", "on_demand", "installment"]
    amount: NotRequired[Union[int, AmountRange]]
    recurrence: NotRequired[Recurrence]
    validity_period: NotRequired[DateRange]
    max_occurrences: NotRequired[int]
    controls: NotRequired[MandateControls]
    total_amount: NotRequired[int]
    terms: NotRequired[InstallmentTerms]


class SubscriptionOptions(TypedDict, total=False):
    active_period: DateRange
    amount: int
    scheduled_time: str


class PaymentSessionOptions(TypedDict, total=False):
    customer: Union[str, CustomerDetails]
    payment_method: str
    checkout_options: CheckoutOptions
    payment_method_options: PaymentMethodOptions
    mandate_options: MandateOptions
    subscription_options: SubscriptionOptions


class CapitecPush(TypedDict):
    phone_number: str


class PaymentRequestPush(TypedDict):
    provider: Literal["capitec"]
    capitec: CapitecPush


class CustomField(TypedDict, total=False):
    key: str
    label: str
    type: str
    required: bool
    options: List[str]
    default_value: str


class NewBillingCustomer(TypedDict):
    external_reference: str
    name: NotRequired[str]
    email: NotRequired[str]
    phone: NotRequired[str]
    currency: NotRequired[str]
    balance: NotRequired[int]
    metadata: NotRequired[Metadata]


class NewBillingAccount(TypedDict):
    customer: Union[str, NewBillingCustomer]
    external_reference: str
    name: NotRequired[str]
    currency: NotRequired[str]
    balance: NotRequired[int]
    metadata: NotRequired[Metadata]


__all__ = [
    "AmountRange", "CapitecPush", "CardOptions", "CheckoutOptions", "CustomField", "CustomerDetails",
    "DateRange", "InstallmentItem", "InstallmentTerms", "MandateControls", "MandateOptions", "Metadata",
    "NewBillingAccount", "NewBillingCustomer", "PaymentMethodOptions", "PaymentRequestPush",
    "PaymentSessionOptions", "PeriodAnchor", "PeriodLimits", "PeriodWindow", "PresentationMode", "Recurrence",
    "RecurrenceOn", "RequestOptions", "SessionType", "SubscriptionOptions",
]
