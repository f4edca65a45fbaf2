"""Type stubs of the native module `momentpay._momentpay` (checked against it by
tests/test_stubs.py)."""

from typing import Any, AsyncIterator, Dict, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, Union

__version__: str
OPERATIONS: List[str]

_Payload = Union[bytes, bytearray, memoryview, str]
_Headers = Union[Mapping[str, str], Mapping[str, bytes], Sequence[Tuple[str, str]], Any]

# ---------------------------------------------------------------------------- errors

class MomentError(Exception):
    """Base of every error raised by momentpay."""

    kind: str
    status: Optional[int]
    code: Optional[str]
    title: Optional[str]
    detail: Optional[str]
    problem: Optional[Dict[str, Any]]
    request_id: Optional[str]
    field: Optional[str]
    retryable: bool
    retry_after: Optional[float]

class APIError(MomentError): ...
class AuthenticationError(APIError): ...
class PermissionDeniedError(APIError): ...
class NotFoundError(APIError): ...
class ConflictError(APIError): ...
class IdempotencyError(ConflictError): ...
class InvalidRequestError(APIError): ...
class RequestFailedError(APIError): ...
class RateLimitError(APIError): ...
class ServerError(APIError): ...
class APIConnectionError(MomentError): ...
class APITimeoutError(APIConnectionError): ...
class ValidationError(MomentError): ...
class ConfigurationError(MomentError): ...
class DecodeError(MomentError): ...
class InternalError(MomentError): ...
class WebhookVerificationError(MomentError): ...
class WebhookMissingHeaderError(WebhookVerificationError): ...
class WebhookInvalidTimestampError(WebhookVerificationError): ...
class WebhookTimestampTooOldError(WebhookVerificationError): ...
class WebhookTimestampTooNewError(WebhookVerificationError): ...
class WebhookSignatureError(WebhookVerificationError): ...
class WebhookSecretError(WebhookVerificationError): ...
class WebhookPayloadError(WebhookVerificationError): ...

# ---------------------------------------------------------------------------- models

class MomentObject:
    """A Moment object: each field of the response as an attribute (nested objects are
    MomentObjects). Absent optional fields are None; unknown names raise AttributeError."""

    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, key: str) -> Any: ...
    def __contains__(self, key: str) -> bool: ...
    def get(self, key: str, default: Any = None) -> Any: ...
    def keys(self) -> List[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def to_json(self) -> str: ...

class LastPaymentError(MomentObject):
    error_code: Optional[str]
    decline_code: Optional[str]
    message: Optional[str]
    timestamp: Optional[str]

class PaymentSession(MomentObject):
    id: str
    type: Union[Literal["one_time", "first_in_series", "next_in_series"], str]
    amount: int
    currency: str
    status: Union[Literal["active", "completed", "expired", "cancelled"], str]
    payment_outcome: Optional[Union[Literal["not_started", "pending", "paid", "unpaid", "reserved", "payment_method_verified"], str]]
    payment_status: Optional[str]
    customer_id: Optional[str]
    payment_method_id: Optional[str]
    checkout_session_id: Optional[str]
    payment_id: Optional[str]
    session_url: Optional[str]
    return_url: Optional[str]
    last_payment_error: Optional[LastPaymentError]
    mode: Optional[Union[Literal["live", "test"], str]]
    external_reference: Optional[str]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class CardDetails(MomentObject):
    type: Optional[str]
    scheme: Optional[str]
    bin: Optional[str]
    last4: Optional[str]

class PaymentMethodDetails(MomentObject):
    type: str
    card: Optional[CardDetails]

class Payment(MomentObject):
    id: str
    status: Union[Literal["draft", "initiating", "pending_action", "processing", "succeeded", "failed", "cancelled", "expired"], str]
    amount: int
    currency: str
    intent: Optional[Union[Literal["payment", "payment_method_verification"], str]]
    country: Optional[str]
    capture_method: Optional[Union[Literal["automatic", "manual"], str]]
    authorised_amount: Optional[int]
    paid_amount: Optional[int]
    voided_amount: Optional[int]
    authorization_expires_at: Optional[str]
    payment_method_details: Optional[PaymentMethodDetails]
    reconciliation_reference: Optional[str]
    last_payment_error: Optional[LastPaymentError]
    external_reference: Optional[str]
    metadata: Dict[str, str]
    mode: Optional[str]
    created_at: Optional[str]
    updated_at: Optional[str]

class PaymentRequestLink(MomentObject):
    checkout_session_id: Optional[str]
    url: Optional[str]

class PaymentRequest(MomentObject):
    id: str
    type: Union[Literal["link", "push"], str]
    status: Union[Literal["active", "paid", "expired", "failed"], str]
    amount: int
    currency: str
    payment_id: Optional[str]
    external_reference: Optional[str]
    description: Optional[str]
    expires_at: Optional[str]
    link: Optional[PaymentRequestLink]
    push: Optional[MomentObject]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class DeletedPaymentRequest(MomentObject):
    id: str
    deleted: bool

class PaymentPage(MomentObject):
    id: str
    status: Union[Literal["active", "inactive", "expired"], str]
    page_url: Optional[str]
    amount: Optional[int]
    currency: Optional[str]
    title: Optional[str]
    description: Optional[str]
    return_url: Optional[str]
    requires_customer_details: Optional[bool]
    requires_delivery_details: Optional[bool]
    products: List[str]
    custom_fields: List[MomentObject]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class PaymentPageTransaction(MomentObject):
    id: str
    payment_page_id: Optional[str]
    status: Optional[str]
    amount: int
    currency: str
    customer: Optional[MomentObject]
    custom_fields: Dict[str, str]
    payment_id: Optional[str]
    products: List[MomentObject]
    checkout_session_id: Optional[str]
    delivery_address: Optional[MomentObject]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class TransactionList(MomentObject):
    data: List[PaymentPageTransaction]
    has_more: bool
    next_cursor: Optional[str]

class PaymentRules(MomentObject):
    min_amount: Optional[int]
    max_amount: Optional[int]
    underpayment_allowed: Optional[bool]
    overpayment_allowed: Optional[bool]

class BillingCustomer(MomentObject):
    id: str
    external_reference: Optional[str]
    name: Optional[str]
    email: Optional[str]
    phone: Optional[str]
    currency: Optional[str]
    balance: Optional[int]
    payment_rules: Optional[PaymentRules]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class BillingAccount(MomentObject):
    id: str
    external_reference: Optional[str]
    customer_id: Optional[str]
    name: Optional[str]
    currency: Optional[str]
    balance: Optional[int]
    payment_rules: Optional[PaymentRules]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class Bill(MomentObject):
    id: str
    external_reference: Optional[str]
    customer_id: Optional[str]
    account_id: Optional[str]
    status: Union[Literal["unpaid", "paid", "voided"], str]
    currency: Optional[str]
    amount_due: int
    amount_paid: int
    amount_remaining: int
    bill_date: Optional[str]
    due_date: Optional[str]
    payment_rules: Optional[PaymentRules]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class Obligation(MomentObject):
    id: str
    amount: int
    currency: str
    payment_id: Optional[str]
    customer_id: Optional[str]
    account_id: Optional[str]
    bill_id: Optional[str]
    metadata: Dict[str, str]
    created_at: Optional[str]
    updated_at: Optional[str]

class Event:
    """A verified webhook event. `id` and `type` are read at verification; `data` is built
    into its model on first access (a body whose data does not match its model raises
    WebhookPayloadError there)."""

    id: str
    @property
    def type(self) -> str: ...
    @property
    def data(self) -> Any:
        """The typed payload: PaymentSession, Payment, PaymentRequest, PaymentPageTransaction,
        Obligation, or a MomentObject for event types this version does not know."""
    def to_dict(self) -> Dict[str, Any]: ...

# --------------------------------------------------------------------------- webhooks

class Webhook:
    """Verifies Moment webhooks (Standard Webhooks v1) and signs test payloads."""

    def __init__(self, secret: str, *, tolerance: float = 180.0, additional_secrets: Optional[List[str]] = None) -> None: ...
    def verify(self, payload: _Payload, headers: _Headers, *, now: Optional[int] = None) -> Event:
        """Verify the raw body (exactly as received) and return the typed event."""
    def verify_signature(self, payload: _Payload, headers: _Headers, *, now: Optional[int] = None) -> None: ...
    def sign(self, msg_id: str, timestamp: int, payload: _Payload) -> str: ...
    def sign_headers(self, msg_id: str, timestamp: int, payload: _Payload) -> Dict[str, str]: ...
    @staticmethod
    def generate_secret() -> str: ...

# ----------------------------------------------------------------------- native client

class NativeClient:
    """The native client behind Client and AsyncClient (use those)."""

    def __init__(
        self,
        api_key: Optional[str] = None,
        base_url: Optional[str] = None,
        *,
        timeout: Optional[float] = None,
        connect_timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        user_agent: Optional[str] = None,
        allow_insecure_http: bool = False,
    ) -> None: ...
    @property
    def base_url(self) -> str: ...
    @property
    def api_key_hint(self) -> str: ...
    def invoke(
        self,
        operation: str,
        id: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        api_key: Optional[str] = None,
    ) -> Any: ...
    def invoke_async(
        self,
        operation: str,
        id: Optional[str] = None,
        params: Optional[Mapping[str, Any]] = None,
        *,
        idempotency_key: Optional[str] = None,
        timeout: Optional[float] = None,
        max_retries: Optional[int] = None,
        api_key: Optional[str] = None,
    ) -> Any: ...
    def transactions(self, id: str, *, limit: Optional[int] = None, cursor: Optional[str] = None) -> TransactionIterator: ...
    def transactions_async(self, id: str, *, limit: Optional[int] = None, cursor: Optional[str] = None) -> AsyncTransactionIterator: ...

class TransactionIterator(Iterator[PaymentPageTransaction]):
    def __iter__(self) -> TransactionIterator: ...
    def __next__(self) -> PaymentPageTransaction: ...

class AsyncTransactionIterator(AsyncIterator[PaymentPageTransaction]):
    def __aiter__(self) -> AsyncTransactionIterator: ...
    async def __anext__(self) -> PaymentPageTransaction: ...
