"""The webhooks a test's merchant receives: the simulator delivers them over HTTP to an inbox
it hosts, and this reads them back (a long poll) and verifies each with `momentpay.Webhook`,
exactly as a handler would."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple, get_args
from urllib.parse import quote

import momentpay
from momentpay.types import EventType

if TYPE_CHECKING:
    from ._server import SimulatorServer

__all__ = ["WebhookReceiver", "WebhookTimeout"]

_EVENT_TYPES = frozenset(get_args(EventType))


class WebhookTimeout(AssertionError):
    """No matching webhook arrived in time; the message lists what did."""


class WebhookReceiver:
    """Where one merchant's webhooks arrive. Every delivery is verified before a test sees
    it; one that fails verification raises `momentpay.WebhookVerificationError`.

    Each wait has an async twin for asyncio tests (`await sim.webhooks.wait_for_async(...)`):
    the long poll runs on a worker thread, so the event loop keeps running meanwhile."""

    def __init__(self, server: "SimulatorServer", key: str, inbox: Dict[str, Any]) -> None:
        self._server = server
        self._key = key
        self._inbox_id: str = inbox["id"]
        self.secret: str = inbox["secret"]
        """The secret deliveries are signed with (the merchant's webhook secret)."""
        self.url: str = inbox["url"]
        """Where the simulator delivers them."""
        self._webhook = momentpay.Webhook(self.secret)
        self._after = 0
        self._events: List[Tuple[momentpay.AnyEvent, Optional[str]]] = []
        # One reader at a time: an async wait runs on a worker thread beside the test's own.
        self._lock = threading.RLock()

    def _read(self, wait: float) -> None:
        with self._lock:
            self._read_locked(wait)

    def _read_locked(self, wait: float) -> None:
        path = f"/_sim/inboxes/{quote(self._inbox_id)}/deliveries?after={self._after}&wait_ms={int(wait * 1000)}"
        arrived = self._server.call("GET", path, key=self._key, timeout=wait + 30)["data"]
        for delivery in arrived:
            if delivery["seq"] <= self._after:
                continue
            self._after = delivery["seq"]
            body: str = delivery["body"]
            event = self._webhook.verify(body.encode(), delivery["headers"])
            data = json.loads(body).get("data")
            object_id = data.get("id") if isinstance(data, dict) else None
            self._events.append((event, object_id))

    @property
    def received(self) -> List[momentpay.AnyEvent]:
        """Every verified event so far, in arrival order (a repeated delivery appears again)."""
        self._read(0)
        return [event for event, _ in self._events]

    def wait_for(
        self,
        event_type: EventType,
        object_id: Optional[str] = None,
        timeout: float = 10.0,
        *,
        where: Optional[Callable[[momentpay.AnyEvent], bool]] = None,
    ) -> momentpay.AnyEvent:
        """The first event of `event_type` that arrived (about `object_id`, the data's `id`,
        when given, and for which `where(event)` is true, when given), waiting up to
        `timeout` seconds. Earlier arrivals count too: pass the object's ID to tell two
        events of one type apart. Narrow the result with
        `assert isinstance(event, momentpay.PaymentSessionEvent)` or `event.type == ...`."""
        if event_type not in _EVENT_TYPES:
            raise ValueError(f"event_type: {event_type!r} is not a Moment event type; expected one of {', '.join(sorted(_EVENT_TYPES))}")
        deadline = time.monotonic() + timeout
        while True:
            for event, found_id in self._events:
                if event.type != event_type or (object_id is not None and found_id != object_id):
                    continue
                if where is None or where(event):
                    return event
            left = deadline - time.monotonic()
            if left <= 0:
                wanted = event_type if object_id is None else f"{event_type} for {object_id}"
                seen = ", ".join(event.type for event, _ in self._events) or "nothing"
                raise WebhookTimeout(f"no {wanted} webhook arrived within {timeout} s; received: {seen}")
            self._read(min(left, 25.0))

    def wait_for_count(self, count: int, timeout: float = 10.0) -> List[momentpay.AnyEvent]:
        """Every verified event once at least `count` have arrived (repeats count)."""
        deadline = time.monotonic() + timeout
        while len(self._events) < count:
            left = deadline - time.monotonic()
            if left <= 0:
                seen = ", ".join(event.type for event, _ in self._events) or "nothing"
                raise WebhookTimeout(f"{len(self._events)} of {count} webhooks arrived within {timeout} s: {seen}")
            self._read(min(left, 25.0))
        return [event for event, _ in self._events]

    async def wait_for_async(
        self,
        event_type: EventType,
        object_id: Optional[str] = None,
        timeout: float = 10.0,
        *,
        where: Optional[Callable[[momentpay.AnyEvent], bool]] = None,
    ) -> momentpay.AnyEvent:
        """`wait_for`, awaitable: the event loop runs while it waits."""
        return await asyncio.to_thread(self.wait_for, event_type, object_id, timeout, where=where)

    async def wait_for_count_async(self, count: int, timeout: float = 10.0) -> List[momentpay.AnyEvent]:
        """`wait_for_count`, awaitable: the event loop runs while it waits."""
        return await asyncio.to_thread(self.wait_for_count, count, timeout)

    def clear(self) -> None:
        """Forgets what was received (the simulator's reset empties the inbox too)."""
        self._events.clear()
