"""The simulator's control API, shared by the Python and the uniffi suites."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Dict, Optional


class Sim:
    """A running simulator and its control API."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def call(self, method: str, path: str, body: Optional[Dict[str, Any]] = None, key: Optional[str] = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        if key:
            request.add_header("authorization", f"Bearer {key}")
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read().decode()
            return json.loads(text) if text else None
