"""`Client` and `AsyncClient`: every Moment endpoint with keyword arguments.

Each method names its parameters and hands them to the Rust core (`NativeClient.invoke`),
which validates them, sends them with an idempotency key and retries, and returns the
typed model. Nothing here decides anything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, AsyncIterator, Dict, Iterator, Mapping, Optional, Union, cast

from ._momentpay import NativeClient

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ._momentpay import (
        Bill,
        BillingAccount,
        BillingCustomer,
        DeletedPaymentRequest,
        Payment,
        PaymentPage,
        PaymentPageTransaction,
        PaymentRequest,
        PaymentSession,
        TransactionList,
    )
    from .types import (
        CustomField,
        Metadata,
        NewBillingAccount,
        NewBillingCustomer,
        PaymentRequestPush,
        PaymentSessionOptions,
        RequestOptions,
        SessionType,
    )


def _params(**fields: Any) -> Dict[str, Any]:
    return {name: value for name, value in fields.items() if value is not None}


class _Resource:
    __slots__ = ("_native",)

    def __init__(self, native: NativeClient) -> None:
        self._native = native


# ---------------------------------------------------------------- synchronous resources


class PaymentSessions(_Resource):
    """`/collect/payment_sessions`."""

    def create(
        self,
        *,
        amount: int,
        currency: str,
        type: Optional[SessionType] = None,
        options: Optional[Union[PaymentSessionOptions, Mapping[str, Any]]] = None,
        metadata: Optional[Metadata] = None,
        external_reference: Optional[str] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentSession:
        """Create a payment session (the one call a public `pk_…` key may make)."""
        params = _params(amount=amount, currency=currency, type=type, options=options, metadata=metadata, external_reference=external_reference)
        return cast("PaymentSession", self._native.invoke("payment_sessions.create", None, params, **request))

    def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentSession:
        """Retrieve a payment session."""
        return cast("PaymentSession", self._native.invoke("payment_sessions.retrieve", id, None, **request))


class Payments(_Resource):
    """`/collect/payments`."""

    def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> Payment:
        """Retrieve a payment."""
        return cast("Payment", self._native.invoke("payments.retrieve", id, None, **request))

    def capture(self, id: str, *, amount: Optional[int] = None, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Payment:
        """Capture `amount` (or everything still authorised) of a manual-capture payment."""
        return cast("Payment", self._native.invoke("payments.capture", id, _params(amount=amount, metadata=metadata), **request))

    def void(self, id: str, *, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Payment:
        """Release the whole remaining authorisation."""
        return cast("Payment", self._native.invoke("payments.void", id, _params(metadata=metadata), **request))


class PaymentRequests(_Resource):
    """`/collect/payment_requests`."""

    def create(
        self,
        *,
        amount: int,
        currency: str,
        type: Optional[str] = None,
        description: Optional[str] = None,
        external_reference: Optional[str] = None,
        expires_at: Optional[str] = None,
        push: Optional[PaymentRequestPush] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentRequest:
        """Create a payment link (default) or a bank push request."""
        params = _params(amount=amount, currency=currency, type=type, description=description, external_reference=external_reference, expires_at=expires_at, push=push, metadata=metadata)
        return cast("PaymentRequest", self._native.invoke("payment_requests.create", None, params, **request))

    def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentRequest:
        """Retrieve a payment request."""
        return cast("PaymentRequest", self._native.invoke("payment_requests.retrieve", id, None, **request))

    def update(
        self,
        id: str,
        *,
        description: Optional[str] = None,
        external_reference: Optional[str] = None,
        expires_at: Optional[str] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentRequest:
        """Update an unpaid payment request."""
        params = _params(description=description, external_reference=external_reference, expires_at=expires_at, metadata=metadata)
        return cast("PaymentRequest", self._native.invoke("payment_requests.update", id, params, **request))

    def delete(self, id: str, **request: Unpack[RequestOptions]) -> DeletedPaymentRequest:
        """Delete an unpaid payment request."""
        return cast("DeletedPaymentRequest", self._native.invoke("payment_requests.delete", id, None, **request))


class PaymentPages(_Resource):
    """`/collect/payment_pages`."""

    def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentPage:
        """Retrieve a payment page."""
        return cast("PaymentPage", self._native.invoke("payment_pages.retrieve", id, None, **request))

    def update(
        self,
        id: str,
        *,
        status: Optional[str] = None,
        amount: Optional[int] = None,
        currency: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        return_url: Optional[str] = None,
        requires_customer_details: Optional[bool] = None,
        requires_delivery_details: Optional[bool] = None,
        custom_fields: Optional[list[CustomField]] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentPage:
        """Update a payment page."""
        params = _params(
            status=status, amount=amount, currency=currency, title=title, description=description, return_url=return_url,
            requires_customer_details=requires_customer_details, requires_delivery_details=requires_delivery_details,
            custom_fields=custom_fields, metadata=metadata,
        )
        return cast("PaymentPage", self._native.invoke("payment_pages.update", id, params, **request))

    def list_transactions(self, id: str, *, cursor: Optional[str] = None, limit: Optional[int] = None, **request: Unpack[RequestOptions]) -> TransactionList:
        """One page of a payment page's transactions (`data`, `has_more`, `next_cursor`)."""
        return cast("TransactionList", self._native.invoke("payment_pages.list_transactions", id, _params(cursor=cursor, limit=limit), **request))

    def transactions(self, id: str, *, limit: Optional[int] = None, cursor: Optional[str] = None) -> Iterator[PaymentPageTransaction]:
        """Every transaction of the page, fetching pages as the loop goes."""
        return cast("Iterator[PaymentPageTransaction]", self._native.transactions(id, limit=limit, cursor=cursor))


class BillingCustomers(_Resource):
    """`/billing/customers` (paths take the ID or your external reference)."""

    def create(
        self,
        *,
        external_reference: str,
        name: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingCustomer:
        """Create a billing customer."""
        params = _params(external_reference=external_reference, name=name, email=email, phone=phone, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingCustomer", self._native.invoke("billing.customers.create", None, params, **request))

    def retrieve(self, customer: str, **request: Unpack[RequestOptions]) -> BillingCustomer:
        """Retrieve a billing customer by ID or external reference."""
        return cast("BillingCustomer", self._native.invoke("billing.customers.retrieve", customer, None, **request))

    def update(
        self,
        customer: str,
        *,
        name: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingCustomer:
        """Update a billing customer (a balance replaces the current one)."""
        params = _params(name=name, email=email, phone=phone, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingCustomer", self._native.invoke("billing.customers.update", customer, params, **request))


class BillingAccounts(_Resource):
    """`/billing/accounts`."""

    def create(
        self,
        *,
        customer: Union[str, NewBillingCustomer],
        external_reference: str,
        name: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingAccount:
        """Create a billing account; a customer given as a dict is created first."""
        params = _params(customer=customer, external_reference=external_reference, name=name, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingAccount", self._native.invoke("billing.accounts.create", None, params, **request))

    def retrieve(self, account: str, **request: Unpack[RequestOptions]) -> BillingAccount:
        """Retrieve a billing account by ID or external reference."""
        return cast("BillingAccount", self._native.invoke("billing.accounts.retrieve", account, None, **request))

    def update(
        self,
        account: str,
        *,
        name: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingAccount:
        """Update a billing account."""
        return cast("BillingAccount", self._native.invoke("billing.accounts.update", account, _params(name=name, currency=currency, balance=balance, metadata=metadata), **request))


class Bills(_Resource):
    """`/billing/bills`."""

    def create(
        self,
        *,
        external_reference: str,
        amount_due: int,
        currency: Optional[str] = None,
        customer: Optional[Union[str, NewBillingCustomer]] = None,
        account: Optional[Union[str, NewBillingAccount]] = None,
        bill_date: Optional[str] = None,
        due_date: Optional[str] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> Bill:
        """Bill a customer or an account (either may be created inline)."""
        params = _params(external_reference=external_reference, amount_due=amount_due, currency=currency, customer=customer, account=account, bill_date=bill_date, due_date=due_date, metadata=metadata)
        return cast("Bill", self._native.invoke("billing.bills.create", None, params, **request))

    def retrieve(self, bill: str, **request: Unpack[RequestOptions]) -> Bill:
        """Retrieve a bill by ID or external reference."""
        return cast("Bill", self._native.invoke("billing.bills.retrieve", bill, None, **request))

    def update(self, bill: str, *, amount_paid: Optional[int] = None, currency: Optional[str] = None, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Bill:
        """Reconcile a bill manually (`amount_paid`)."""
        return cast("Bill", self._native.invoke("billing.bills.update", bill, _params(amount_paid=amount_paid, currency=currency, metadata=metadata), **request))

    def void(self, bill: str, *, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Bill:
        """Void a bill for good."""
        return cast("Bill", self._native.invoke("billing.bills.void", bill, _params(metadata=metadata), **request))


class Billing:
    """`/billing`: customers, accounts and bills."""

    __slots__ = ("customers", "accounts", "bills")

    def __init__(self, native: NativeClient) -> None:
        self.customers = BillingCustomers(native)
        self.accounts = BillingAccounts(native)
        self.bills = Bills(native)


# --------------------------------------------------------------- asynchronous resources


class AsyncPaymentSessions(_Resource):
    """`/collect/payment_sessions` (async)."""

    async def create(
        self,
        *,
        amount: int,
        currency: str,
        type: Optional[SessionType] = None,
        options: Optional[Union[PaymentSessionOptions, Mapping[str, Any]]] = None,
        metadata: Optional[Metadata] = None,
        external_reference: Optional[str] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentSession:
        """Create a payment session (the one call a public `pk_…` key may make)."""
        params = _params(amount=amount, currency=currency, type=type, options=options, metadata=metadata, external_reference=external_reference)
        return cast("PaymentSession", await self._native.invoke_async("payment_sessions.create", None, params, **request))

    async def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentSession:
        """Retrieve a payment session."""
        return cast("PaymentSession", await self._native.invoke_async("payment_sessions.retrieve", id, None, **request))


class AsyncPayments(_Resource):
    """`/collect/payments` (async)."""

    async def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> Payment:
        """Retrieve a payment."""
        return cast("Payment", await self._native.invoke_async("payments.retrieve", id, None, **request))

    async def capture(self, id: str, *, amount: Optional[int] = None, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Payment:
        """Capture `amount` (or everything still authorised) of a manual-capture payment."""
        return cast("Payment", await self._native.invoke_async("payments.capture", id, _params(amount=amount, metadata=metadata), **request))

    async def void(self, id: str, *, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Payment:
        """Release the whole remaining authorisation."""
        return cast("Payment", await self._native.invoke_async("payments.void", id, _params(metadata=metadata), **request))


class AsyncPaymentRequests(_Resource):
    """`/collect/payment_requests` (async)."""

    async def create(
        self,
        *,
        amount: int,
        currency: str,
        type: Optional[str] = None,
        description: Optional[str] = None,
        external_reference: Optional[str] = None,
        expires_at: Optional[str] = None,
        push: Optional[PaymentRequestPush] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentRequest:
        """Create a payment link (default) or a bank push request."""
        params = _params(amount=amount, currency=currency, type=type, description=description, external_reference=external_reference, expires_at=expires_at, push=push, metadata=metadata)
        return cast("PaymentRequest", await self._native.invoke_async("payment_requests.create", None, params, **request))

    async def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentRequest:
        """Retrieve a payment request."""
        return cast("PaymentRequest", await self._native.invoke_async("payment_requests.retrieve", id, None, **request))

    async def update(
        self,
        id: str,
        *,
        description: Optional[str] = None,
        external_reference: Optional[str] = None,
        expires_at: Optional[str] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentRequest:
        """Update an unpaid payment request."""
        params = _params(description=description, external_reference=external_reference, expires_at=expires_at, metadata=metadata)
        return cast("PaymentRequest", await self._native.invoke_async("payment_requests.update", id, params, **request))

    async def delete(self, id: str, **request: Unpack[RequestOptions]) -> DeletedPaymentRequest:
        """Delete an unpaid payment request."""
        return cast("DeletedPaymentRequest", await self._native.invoke_async("payment_requests.delete", id, None, **request))


class AsyncPaymentPages(_Resource):
    """`/collect/payment_pages` (async)."""

    async def retrieve(self, id: str, **request: Unpack[RequestOptions]) -> PaymentPage:
        """Retrieve a payment page."""
        return cast("PaymentPage", await self._native.invoke_async("payment_pages.retrieve", id, None, **request))

    async def update(
        self,
        id: str,
        *,
        status: Optional[str] = None,
        amount: Optional[int] = None,
        currency: Optional[str] = None,
        title: Optional[str] = None,
        description: Optional[str] = None,
        return_url: Optional[str] = None,
        requires_customer_details: Optional[bool] = None,
        requires_delivery_details: Optional[bool] = None,
        custom_fields: Optional[list[CustomField]] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> PaymentPage:
        """Update a payment page."""
        params = _params(
            status=status, amount=amount, currency=currency, title=title, description=description, return_url=return_url,
            requires_customer_details=requires_customer_details, requires_delivery_details=requires_delivery_details,
            custom_fields=custom_fields, metadata=metadata,
        )
        return cast("PaymentPage", await self._native.invoke_async("payment_pages.update", id, params, **request))

    async def list_transactions(self, id: str, *, cursor: Optional[str] = None, limit: Optional[int] = None, **request: Unpack[RequestOptions]) -> TransactionList:
        """One page of a payment page's transactions (`data`, `has_more`, `next_cursor`)."""
        return cast("TransactionList", await self._native.invoke_async("payment_pages.list_transactions", id, _params(cursor=cursor, limit=limit), **request))

    def transactions(self, id: str, *, limit: Optional[int] = None, cursor: Optional[str] = None) -> AsyncIterator[PaymentPageTransaction]:
        """Every transaction of the page, for `async for`."""
        return cast("AsyncIterator[PaymentPageTransaction]", self._native.transactions_async(id, limit=limit, cursor=cursor))


class AsyncBillingCustomers(_Resource):
    """`/billing/customers` (async)."""

    async def create(
        self,
        *,
        external_reference: str,
        name: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingCustomer:
        """Create a billing customer."""
        params = _params(external_reference=external_reference, name=name, email=email, phone=phone, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingCustomer", await self._native.invoke_async("billing.customers.create", None, params, **request))

    async def retrieve(self, customer: str, **request: Unpack[RequestOptions]) -> BillingCustomer:
        """Retrieve a billing customer by ID or external reference."""
        return cast("BillingCustomer", await self._native.invoke_async("billing.customers.retrieve", customer, None, **request))

    async def update(
        self,
        customer: str,
        *,
        name: Optional[str] = None,
        email: Optional[str] = None,
        phone: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingCustomer:
        """Update a billing customer (a balance replaces the current one)."""
        params = _params(name=name, email=email, phone=phone, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingCustomer", await self._native.invoke_async("billing.customers.update", customer, params, **request))


class AsyncBillingAccounts(_Resource):
    """`/billing/accounts` (async)."""

    async def create(
        self,
        *,
        customer: Union[str, NewBillingCustomer],
        external_reference: str,
        name: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingAccount:
        """Create a billing account; a customer given as a dict is created first."""
        params = _params(customer=customer, external_reference=external_reference, name=name, currency=currency, balance=balance, metadata=metadata)
        return cast("BillingAccount", await self._native.invoke_async("billing.accounts.create", None, params, **request))

    async def retrieve(self, account: str, **request: Unpack[RequestOptions]) -> BillingAccount:
        """Retrieve a billing account by ID or external reference."""
        return cast("BillingAccount", await self._native.invoke_async("billing.accounts.retrieve", account, None, **request))

    async def update(
        self,
        account: str,
        *,
        name: Optional[str] = None,
        currency: Optional[str] = None,
        balance: Optional[int] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> BillingAccount:
        """Update a billing account."""
        return cast("BillingAccount", await self._native.invoke_async("billing.accounts.update", account, _params(name=name, currency=currency, balance=balance, metadata=metadata), **request))


class AsyncBills(_Resource):
    """`/billing/bills` (async)."""

    async def create(
        self,
        *,
        external_reference: str,
        amount_due: int,
        currency: Optional[str] = None,
        customer: Optional[Union[str, NewBillingCustomer]] = None,
        account: Optional[Union[str, NewBillingAccount]] = None,
        bill_date: Optional[str] = None,
        due_date: Optional[str] = None,
        metadata: Optional[Metadata] = None,
        **request: Unpack[RequestOptions],
    ) -> Bill:
        """Bill a customer or an account (either may be created inline)."""
        params = _params(external_reference=external_reference, amount_due=amount_due, currency=currency, customer=customer, account=account, bill_date=bill_date, due_date=due_date, metadata=metadata)
        return cast("Bill", await self._native.invoke_async("billing.bills.create", None, params, **request))

    async def retrieve(self, bill: str, **request: Unpack[RequestOptions]) -> Bill:
        """Retrieve a bill by ID or external reference."""
        return cast("Bill", await self._native.invoke_async("billing.bills.retrieve", bill, None, **request))

    async def update(self, bill: str, *, amount_paid: Optional[int] = None, currency: Optional[str] = None, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Bill:
        """Reconcile a bill manually (`amount_paid`)."""
        return cast("Bill", await self._native.invoke_async("billing.bills.update", bill, _params(amount_paid=amount_paid, currency=currency, metadata=metadata), **request))

    async def void(self, bill: str, *, metadata: Optional[Metadata] = None, **request: Unpack[RequestOptions]) -> Bill:
        """Void a bill for good."""
        return cast("Bill", await self._native.invoke_async("billing.bills.void", bill, _params(metadata=metadata), **request))


class AsyncBilling:
    """`/billing` (async): customers, accounts and bills."""

    __slots__ = ("customers", "accounts", "bills")

    def __init__(self, native: NativeClient) -> None:
        self.customers = AsyncBillingCustomers(native)
        self.accounts = AsyncBillingAccounts(native)
        self.bills = AsyncBills(native)


# ------------------------------------------------------------------------------ clients


class _BaseClient:
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
    ) -> None:
        """Configure a client. Unset values fall back to `MOMENT_API_KEY` / `MOMENT_BASE_URL`
        and to the defaults (60 s per attempt, 5 s to connect, 2 retries)."""
        self._native = NativeClient(
            api_key,
            base_url,
            timeout=timeout,
            connect_timeout=connect_timeout,
            max_retries=max_retries,
            user_agent=user_agent,
            allow_insecure_http=allow_insecure_http,
        )

    @property
    def base_url(self) -> str:
        """The API base URL in use."""
        return self._native.base_url

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self._native.base_url!r}, api_key={self._native.api_key_hint!r})"


class Client(_BaseClient):
    """The synchronous client. Thread-safe: share one across threads. Calls release the GIL
    while they wait."""

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
    ) -> None:
        super().__init__(api_key, base_url, timeout=timeout, connect_timeout=connect_timeout, max_retries=max_retries, user_agent=user_agent, allow_insecure_http=allow_insecure_http)
        self.payment_sessions = PaymentSessions(self._native)
        self.payments = Payments(self._native)
        self.payment_requests = PaymentRequests(self._native)
        self.payment_pages = PaymentPages(self._native)
        self.billing = Billing(self._native)

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class AsyncClient(_BaseClient):
    """The asyncio client. Calls run on momentpay's own runtime, so one client works across
    event loops and never blocks the loop."""

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
    ) -> None:
        super().__init__(api_key, base_url, timeout=timeout, connect_timeout=connect_timeout, max_retries=max_retries, user_agent=user_agent, allow_insecure_http=allow_insecure_http)
        self.payment_sessions = AsyncPaymentSessions(self._native)
        self.payments = AsyncPayments(self._native)
        self.payment_requests = AsyncPaymentRequests(self._native)
        self.payment_pages = AsyncPaymentPages(self._native)
        self.billing = AsyncBilling(self._native)

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None
