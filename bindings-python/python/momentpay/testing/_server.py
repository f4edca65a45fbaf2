"""A `momentpay-sim serve` process and its control API over HTTP."""

from __future__ import annotations

import json
import subprocess
import threading
import urllib.error
import urllib.request
from collections import deque
from typing import Any, Deque, Mapping, Optional

from ._binary import find_simulator

__all__ = ["SimulatorError", "SimulatorServer"]

# An opener that ignores proxy settings (the simulator is local).
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SimulatorError(RuntimeError):
    """The simulator refused a control call, or could not be started or reached.

    `status` is the HTTP status (None when there was no answer) and `field` names the
    argument it refused, when it said.
    """

    def __init__(self, message: str, *, status: Optional[int] = None, field: Optional[str] = None) -> None:
        super().__init__(message)
        self.status = status
        self.field = field


def _drain(stream: Any, keep: Optional[Deque[str]]) -> None:
    for line in stream:
        if keep is not None:
            keep.append(line.rstrip())


class SimulatorServer:
    """One `momentpay-sim` process on a free loopback port; many merchants can share it."""

    def __init__(self, *, binary: Optional[str] = None, seed: Optional[int] = None) -> None:
        self.binary = binary or find_simulator()
        self.seed = seed
        self._process: Optional["subprocess.Popen[str]"] = None
        self._stderr: Deque[str] = deque(maxlen=50)
        self.base_url = ""

    def start(self) -> "SimulatorServer":
        """Starts the process and waits for its first line (`base_url=…`)."""
        if self._process is not None:
            return self
        # --stop-with-stdin: the process ends when our end of its stdin pipe closes, which
        # happens when this process dies in any way (kill -9 included): no orphan.
        args = [self.binary, "serve", "--port", "0", "--stop-with-stdin"]
        if self.seed is not None:
            args += ["--seed", str(int(self.seed))]
        try:
            process = subprocess.Popen(
                args,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        except OSError as error:
            raise SimulatorError(f"cannot run {self.binary}: {error}") from error
        assert process.stdout is not None and process.stderr is not None
        threading.Thread(target=_drain, args=(process.stderr, self._stderr), daemon=True).start()
        first = process.stdout.readline().strip()
        if not first.startswith("base_url="):
            process.wait(timeout=10)
            detail = "\n".join(self._stderr) or first or "no output"
            raise SimulatorError(f"{self.binary} did not start (exit {process.returncode}): {detail}")
        threading.Thread(target=_drain, args=(process.stdout, None), daemon=True).start()
        self.base_url = first.split("=", 1)[1]
        self._process = process
        return self

    def stop(self) -> None:
        """Stops the process (SIGTERM, then SIGKILL after 10 s)."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self) -> "SimulatorServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def call(
        self,
        method: str,
        path: str,
        body: Optional[Mapping[str, Any]] = None,
        *,
        key: Optional[str] = None,
        timeout: float = 60.0,
    ) -> Any:
        """A control API call; answers its JSON (None for an empty body)."""
        if not self.base_url:
            raise SimulatorError("the simulator is not running: call start() first")
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        request.add_header("content-type", "application/json")
        if key:
            request.add_header("authorization", f"Bearer {key}")
        try:
            # Never through HTTP_PROXY: a proxy would see the key on its way to a local simulator.
            with _DIRECT.open(request, timeout=timeout) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raw = error.read().decode(errors="replace")
            try:
                problem = json.loads(raw)
            except ValueError:
                problem = {}
            errors = problem.get("errors") or [{}]
            detail = problem.get("detail") or problem.get("title") or raw
            raise SimulatorError(
                f"{method} {path}: {error.code} {detail}", status=error.code, field=errors[0].get("field")
            ) from None
        except OSError as error:
            raise SimulatorError(f"cannot reach the simulator at {self.base_url}: {error}") from error
        return json.loads(text) if text else None
