"""Issue 28, item 7: the core's events reach Python's `logging` under the logger
`momentpay`: one record per attempt with method, path, status and request id, a retry's
reason and delay, and never the API key."""

from __future__ import annotations

import logging

import pytest

import momentpay
from momentpay.testing import Simulator


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_each_attempt_is_one_log_record_and_a_retry_says_why(moment_sim: Simulator) -> None:
    logger = logging.getLogger("momentpay")
    captured = Records()
    logger.addHandler(captured)
    logger.setLevel(logging.DEBUG)
    try:
        moment_sim.inject_faults(next=["503"])
        client = moment_sim.client()  # made after the level is set: it is seen
        session = client.payment_sessions.create(amount=100, currency="ZAR")
        assert session.status == "active"
    finally:
        logger.removeHandler(captured)
        logger.setLevel(logging.NOTSET)
    lines = [(r.levelno, r.name, r.getMessage()) for r in captured.records]
    retry = [line for line in lines if line[2].startswith("retrying")]
    answered = [line for line in lines if line[2].startswith("answered")]
    assert len(retry) == 1 and len(answered) == 1, lines
    level, name, message = retry[0]
    assert level == logging.INFO and name.startswith("momentpay"), retry
    for part in ["method=POST", "path=/collect/payment_sessions", "status=503", "attempt=1", "delay_ms="]:
        assert part in message, message
    level, _, message = answered[0]
    assert level == logging.DEBUG and "status=201" in message and "attempt=2" in message, message
    assert "request_id=req_" in message, message
    assert all(moment_sim.api_key not in text for _, _, text in lines)


def test_nothing_is_logged_below_the_loggers_level(moment_sim: Simulator) -> None:
    logger = logging.getLogger("momentpay")
    captured = Records()
    logger.addHandler(captured)
    logger.setLevel(logging.WARNING)
    try:
        moment_sim.client().payment_sessions.create(amount=100, currency="ZAR")
    finally:
        logger.removeHandler(captured)
        logger.setLevel(logging.NOTSET)
    assert captured.records == []
