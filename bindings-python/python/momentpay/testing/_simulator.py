"""`Simulator`: a merchant of its own on a running `momentpay-sim`, and the verbs a test
drives it with."""

from __future__ import annotations

import uuid
from typing import Any, Dict, List, Optional, Tuple, TypedDict, Union
from urllib.parse import quote

import momentpay

from ._server import SimulatorServer
from ._webhooks import WebhookReceiver

__all__ = ["Clock", "Simulator", "Triggered"]

DEFAULT_CARD = "4242424242424242"

_FAULT_FIELDS = ("rate", "kinds", "next", "retry_after_seconds", "delay_ms", "path_prefix", "seed")
_CHAOS_FIELDS = ("duplicate_rate", "reorder_window_ms", "delay_ms", "seed")


class Clock(TypedDict, total=False):
    """The merchant's clock after a move."""

    now: str
    """Its virtual time (RFC 3339)."""
    offset_seconds: float
    """How far it is ahead of real time."""
    subscription_charges: int
    """Subscription charges the move made."""
    what: Optional[str]
    """`advance_to_next_event`: what ran (`subscription charge`, `session expiry`, ...), or None."""
    at: Optional[str]
    """`advance_to_next_event`: when it was due."""


class Triggered(TypedDict):
    """What `trigger` created."""

    event: str
    objects: List[List[str]]
    """`[kind, id]` of each object, e.g. `["payment_session", "ps_…"]`."""


def _check_keywords(kind: str, given: Dict[str, Any], known: Tuple[str, ...]) -> None:
    unknown = sorted(set(given) - set(known))
    if unknown:
        raise TypeError(f"{kind}: unknown keyword {unknown[0]!r}; expected one of {', '.join(known)}")


class Simulator:
    """A merchant on a local `momentpay-sim`: its own key, webhook secret and receiver, and
    the verbs a test needs. Use it as a context manager (or `start()`/`stop()`).

    Without `server`, it runs its own `momentpay-sim` process; with one (the pytest plugin
    shares one per session), it is one more merchant there. Merchants never see each other's
    objects, idempotency keys, faults, clocks or webhook chaos.
    """

    def __init__(
        self,
        *,
        server: Optional[SimulatorServer] = None,
        binary: Optional[str] = None,
        seed: Optional[int] = None,
    ) -> None:
        self._owns_server = server is None
        self._server = server if server is not None else SimulatorServer(binary=binary, seed=seed)
        self.api_key = f"sk_test_{uuid.uuid4().hex}"
        """The merchant's test key."""
        self._webhooks: Optional[WebhookReceiver] = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> "Simulator":
        """Starts the process (when it owns one) and registers the merchant's receiver."""
        if self._webhooks is None:
            if self._owns_server:
                self._server.start()
            inbox = self._server.call("POST", "/_sim/inboxes", {}, key=self.api_key)
            self._webhooks = WebhookReceiver(self._server, self.api_key, inbox)
        return self

    def stop(self) -> None:
        """Forgets the merchant and stops the process when it owns one."""
        if self._webhooks is None:
            return
        try:
            if not self._owns_server:
                self._server.call("POST", "/_sim/reset", {}, key=self.api_key)
                # The inbox goes too: a session of thousands of tests keeps none of them.
                self._server.call("DELETE", f"/_sim/inboxes/{self._webhooks._inbox_id}", None, key=self.api_key)
        finally:
            self._webhooks = None
            if self._owns_server:
                self._server.stop()

    def __enter__(self) -> "Simulator":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
        self.start()
        return self._server.call(method, path, body, key=self.api_key)

    # ------------------------------------------------------------------ identity

    @property
    def base_url(self) -> str:
        """The simulator's URL: pass it as the client's `base_url`."""
        self.start()
        return self._server.base_url

    @property
    def webhook_secret(self) -> str:
        """The secret the merchant's webhooks are signed with."""
        return self.webhooks.secret

    @property
    def webhooks(self) -> WebhookReceiver:
        """Where the merchant's webhooks arrive, verified."""
        self.start()
        assert self._webhooks is not None
        return self._webhooks

    def client(self, **options: Any) -> momentpay.Client:
        """A `momentpay.Client` for the merchant (options as `momentpay.Client` takes them)."""
        return momentpay.Client(api_key=self.api_key, base_url=self.base_url, **options)

    def async_client(self, **options: Any) -> momentpay.AsyncClient:
        """A `momentpay.AsyncClient` for the merchant."""
        return momentpay.AsyncClient(api_key=self.api_key, base_url=self.base_url, **options)

    # ------------------------------------------------------------------ the customer

    def pay(self, session_or_id: Union[momentpay.PaymentSession, str], card: str = DEFAULT_CARD) -> momentpay.PaymentSession:
        """The customer pays the session at checkout with `card` (4242424242424242 pays,
        4000000000000002 is declined); answers the session as the merchant then reads it."""
        session_id = session_or_id if isinstance(session_or_id, str) else getattr(session_or_id, "id", None)
        if not isinstance(session_id, str) or not session_id:
            raise TypeError(f"session_or_id: expected a PaymentSession or its id, got {session_or_id!r}")
        if not isinstance(card, str):
            raise TypeError(f"card: expected a card number as a string, got {type(card).__name__}")
        self._call("POST", f"/_sim/payment_sessions/{quote(session_id, safe='')}/complete", {"card_number": card})
        return self.client().payment_sessions.retrieve(session_id)

    # ------------------------------------------------------------------ the clock

    def advance_clock(self, seconds: float = 0, minutes: float = 0, hours: float = 0, days: float = 0) -> Clock:
        """Moves the merchant's clock forward (other merchants' stay) and runs what became
        due: subscription renewals, session and authorisation expiry, webhook retries."""
        for name, value in (("seconds", seconds), ("minutes", minutes), ("hours", hours), ("days", days)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
            if value < 0:
                raise ValueError(f"{name}: the clock only moves forward, got {value}")
        total = seconds + minutes * 60 + hours * 3600 + days * 86400
        clock: Clock = self._call("POST", "/_sim/clock/advance", {"seconds": total})
        return clock

    def advance_to_next_event(self) -> Clock:
        """Moves the merchant's clock to the next thing scheduled for it and runs it
        (`what` is None when nothing is scheduled)."""
        clock: Clock = self._call("POST", "/_sim/clock/next", {})
        return clock

    # ------------------------------------------------------------------ faults and chaos

    def inject_faults(self, **faults: Any) -> None:
        """Faults for the merchant's API calls: `rate` (0 to 1), `kinds` (of "500", "503",
        "429", "drop", "lost_response", "delay"; "502_after_commit" only by name), `next` (faults for the next calls, in
        order), `retry_after_seconds`, `delay_ms`, `path_prefix`, `seed`."""
        _check_keywords("inject_faults", faults, _FAULT_FIELDS)
        self._call("POST", "/_sim/faults", faults)

    def clear_faults(self) -> None:
        """No more faults for the merchant."""
        self._call("DELETE", "/_sim/faults")

    def set_webhook_chaos(self, **chaos: Any) -> None:
        """How the merchant's deliveries misbehave: `duplicate_rate` (0 to 1),
        `reorder_window_ms`, `delay_ms`, `seed`."""
        _check_keywords("set_webhook_chaos", chaos, _CHAOS_FIELDS)
        self._call("POST", "/_sim/webhooks/chaos", chaos)

    def clear_webhook_chaos(self) -> None:
        """Deliveries behave again."""
        self._call("DELETE", "/_sim/webhooks/chaos")

    # ------------------------------------------------------------------ events

    def trigger(self, event_type: str) -> Triggered:
        """Makes the simulator emit `event_type` for the merchant, creating the objects that
        make Moment emit it; answers what it created."""
        triggered: Triggered = self._call("POST", "/_sim/trigger", {"event": event_type})
        return triggered

    def resend(self, event_id: str) -> None:
        """Delivers an event again (same `webhook-id`)."""
        self._call("POST", f"/_sim/events/{quote(event_id, safe='')}/resend", {})

    def forward_webhooks_to(self, url: str) -> str:
        """Delivers the merchant's webhooks to `url` as well, signed with `webhook_secret`:
        your own handler under test (a Flask, FastAPI or Django route, say) receives them as
        it would from Moment. `webhooks` keeps receiving them too. Answers the endpoint's ID
        for `stop_forwarding_webhooks`; `reset()` and `stop()` end every forward."""
        endpoint = self._call("POST", "/_sim/webhook_endpoints", {"url": url, "secret": self.webhook_secret})
        return str(endpoint["id"])

    def stop_forwarding_webhooks(self, endpoint_id: str) -> None:
        """Ends a `forward_webhooks_to` (a delivery still retrying to it ends `failed`)."""
        self._call("DELETE", f"/_sim/webhook_endpoints/{quote(endpoint_id, safe='')}")

    def reset(self) -> None:
        """Forgets the merchant's objects, events, faults, chaos and clock; the receiver
        stays, emptied."""
        self._call("POST", "/_sim/reset", {})
        self.webhooks.clear()

