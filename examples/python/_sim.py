"""Helpers for running the examples against momentpay-sim (the local Moment simulator).

When `MOMENT_SIM_URL` is set, the examples use the simulator's control API to do what a
customer would do in a browser (pay a checkout) and to register their webhook endpoint.
Against the real API these steps are yours: pay the checkout yourself; register your
webhook URL with Moment support.
"""

from __future__ import annotations

import json
import os
import urllib.request
from typing import Any, Dict, Optional

SIM_URL = os.environ.get("MOMENT_SIM_URL")


def control(method: str, path: str, body: Optional[Dict[str, Any]] = None) -> Any:
    """Calls the simulator's control API as the merchant of MOMENT_API_KEY."""
    if SIM_URL is None:
        raise RuntimeError("MOMENT_SIM_URL is not set: this step needs the simulator")
    request = urllib.request.Request(SIM_URL + path, data=None if body is None else json.dumps(body).encode(), method=method)
    request.add_header("content-type", "application/json")
    request.add_header("authorization", f"Bearer {os.environ['MOMENT_API_KEY']}")
    with urllib.request.urlopen(request, timeout=30) as response:
        text = response.read().decode()
        return json.loads(text) if text else None


def register_webhook(url: str) -> str:
    """Registers `url` for this merchant's events; returns the signing secret."""
    secret: str = control("POST", "/_sim/webhook_endpoints", {"url": url})["secret"]
    return secret


def pay_checkout(session_id: str, card_number: str = "4242 4242 4242 4242") -> None:
    """Pays a hosted checkout as a customer would."""
    control("POST", f"/_sim/payment_sessions/{session_id}/complete", {"card_number": card_number})
