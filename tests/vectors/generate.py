#!/usr/bin/env python3
"""Regenerates webhooks.json with Python's standard library (hmac, hashlib, base64).

The signatures here come from an implementation independent of the Rust core, so the
vectors check the core (and every binding) against the Standard Webhooks scheme rather
than against itself. The first two cases are the published reference vectors of the
standard-webhooks and svix libraries and are checked below before anything is written.

Run: python3 tests/vectors/generate.py
"""
import base64
import hashlib
import hmac
import json
import pathlib

HERE = pathlib.Path(__file__).parent


def sign(secret: str, msg_id: str, ts: int, payload: str) -> str:
    key = base64.b64decode(secret[len("whsec_"):] if secret.startswith("whsec_") else secret)
    mac = hmac.new(key, f"{msg_id}.{ts}.{payload}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


STD_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
STD_ID, STD_TS, STD_PAYLOAD = "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}'
assert sign(STD_SECRET, STD_ID, STD_TS, STD_PAYLOAD) == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
SVIX_SECRET = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD"
SVIX_ID, SVIX_TS = "msg_27UH4WbU6Z5A5EzD8u03UvzRbpk", 1649367553
SVIX_PAYLOAD = '{"email":"test@example.com","username":"test_user"}'
assert sign(SVIX_SECRET, SVIX_ID, SVIX_TS, SVIX_PAYLOAD) == "v1,tZ1I4/hDygAJgO5TYxiSd6Sd0kDW6hPenDe+bTa3Kkw="

SECRET = "whsec_" + base64.b64encode(bytes(range(32))).decode()
OLD_SECRET = "whsec_" + base64.b64encode(bytes(range(100, 132))).decode()
MSG = "msg_2fQz8sKp1vL0aXbYcD3eF4gH"
TS = 1767225600
EVENT = json.dumps({
    "id": "evt_2341234567890abcdef12345", "type": "payment_session.completed",
    "data": {"id": "ps_eLtQXMBUErQF5i", "type": "first_in_series", "status": "completed",
             "payment_status": "paid", "payment_outcome": "paid", "amount": 5000, "currency": "ZAR",
             "customer_id": "cus_J17pnG25nuvKu", "payment_method_id": "pmt_izWG6Vcvy4VYiU",
             "payment_id": "pay_87C7PAP35KcdpzAgckBvB"}}, separators=(",", ":"))
UNKNOWN = json.dumps({"id": "evt_9zY8xW7vU6tS5rQ4pO3nM2lK", "type": "refund.created",
                      "data": {"id": "re_1", "amount": 100}}, separators=(",", ":"))
NOT_EVENT = '{"hello": "world"}'
GOOD = sign(SECRET, MSG, TS, EVENT)
SHORT_SECRET = "whsec_" + base64.b64encode(bytes(range(23))).decode()


def sign_text(secret: str, msg_id: str, ts_text: str, payload: str) -> str:
    key = base64.b64decode(secret[len("whsec_"):])
    return "v1," + base64.b64encode(hmac.new(key, f"{msg_id}.{ts_text}.{payload}".encode(), hashlib.sha256).digest()).decode()


def headers(sig, msg=MSG, ts=TS):
    return {"webhook-id": msg, "webhook-timestamp": str(ts), "webhook-signature": sig}


def ok(event_type=None, event_id=None):
    out = {"ok": True}
    if event_type:
        out["event_type"] = event_type
        out["event_id"] = event_id
    return out


def fail(code):
    return {"ok": False, "error": code}


cases = [
    {"name": "standard-webhooks reference vector", "secret": STD_SECRET, "now": STD_TS, "payload": STD_PAYLOAD,
     "headers": headers(sign(STD_SECRET, STD_ID, STD_TS, STD_PAYLOAD), STD_ID, STD_TS), "verify_only": True,
     "expect": ok()},
    {"name": "svix reference vector", "secret": SVIX_SECRET, "now": SVIX_TS, "payload": SVIX_PAYLOAD,
     "headers": headers(sign(SVIX_SECRET, SVIX_ID, SVIX_TS, SVIX_PAYLOAD), SVIX_ID, SVIX_TS), "verify_only": True,
     "expect": ok()},
    {"name": "valid moment event", "secret": SECRET, "now": TS, "payload": EVENT, "headers": headers(GOOD),
     "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "header names in any case", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"Webhook-Id": MSG, "WEBHOOK-TIMESTAMP": str(TS), "Webhook-Signature": GOOD},
     "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "secret without whsec_ prefix", "secret": SECRET[len("whsec_"):], "now": TS, "payload": EVENT,
     "headers": headers(GOOD), "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "tampered body", "secret": SECRET, "now": TS, "payload": EVENT.replace("5000", "9000"),
     "headers": headers(GOOD), "expect": fail("no_matching_signature")},
    {"name": "re-serialised body (whitespace changed)", "secret": SECRET, "now": TS,
     "payload": json.dumps(json.loads(EVENT)), "headers": headers(GOOD), "expect": fail("no_matching_signature")},
    {"name": "wrong secret", "secret": OLD_SECRET, "now": TS, "payload": EVENT, "headers": headers(GOOD),
     "expect": fail("no_matching_signature")},
    {"name": "tampered webhook-id", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(GOOD, msg="msg_other"), "expect": fail("no_matching_signature")},
    {"name": "rotated secrets: new key matches the second entry", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(sign(OLD_SECRET, MSG, TS, EVENT) + " " + GOOD),
     "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "rotated secrets: old key matches the first entry", "secret": OLD_SECRET, "now": TS, "payload": EVENT,
     "headers": headers(sign(OLD_SECRET, MSG, TS, EVENT) + " " + GOOD),
     "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "several signatures, none valid", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(sign(OLD_SECRET, MSG, TS, EVENT) + " v1,bm9ldHUjKzFob2VudXRob2VodWUzMjRvdWVvdW9ldQo="),
     "expect": fail("no_matching_signature")},
    {"name": "unknown version entries are ignored", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers("v2," + GOOD[3:] + " " + GOOD), "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "signature without v1 prefix", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(GOOD[3:]), "expect": fail("no_matching_signature")},
    {"name": "signature with wrong version only", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers("v1a," + GOOD[3:]), "expect": fail("no_matching_signature")},
    {"name": "partial signature", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(GOOD[:11]), "expect": fail("no_matching_signature")},
    {"name": "empty signature header", "secret": SECRET, "now": TS, "payload": EVENT, "headers": headers(""),
     "expect": fail("no_matching_signature")},
    {"name": "at the tolerance edge (180 s old)", "secret": SECRET, "now": TS + 180, "payload": EVENT,
     "headers": headers(GOOD), "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "too old (181 s)", "secret": SECRET, "now": TS + 181, "payload": EVENT, "headers": headers(GOOD),
     "expect": fail("timestamp_too_old")},
    {"name": "too new (181 s ahead)", "secret": SECRET, "now": TS - 181, "payload": EVENT, "headers": headers(GOOD),
     "expect": fail("timestamp_too_new")},
    {"name": "too old even with a tampered body (timestamp checked first)", "secret": SECRET, "now": TS + 3600,
     "payload": EVENT + " ", "headers": headers(GOOD), "expect": fail("timestamp_too_old")},
    {"name": "custom tolerance 600 s accepts 300 s", "secret": SECRET, "tolerance_seconds": 600, "now": TS + 300,
     "payload": EVENT, "headers": headers(GOOD), "expect": ok("payment_session.completed", "evt_2341234567890abcdef12345")},
    {"name": "missing webhook-id", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"webhook-timestamp": str(TS), "webhook-signature": GOOD}, "expect": fail("missing_header")},
    {"name": "missing webhook-timestamp", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"webhook-id": MSG, "webhook-signature": GOOD}, "expect": fail("missing_header")},
    {"name": "missing webhook-signature", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"webhook-id": MSG, "webhook-timestamp": str(TS)}, "expect": fail("missing_header")},
    {"name": "no headers at all", "secret": SECRET, "now": TS, "payload": EVENT, "headers": {},
     "expect": fail("missing_header")},
    {"name": "timestamp not a number", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(GOOD, ts="yesterday"), "expect": fail("invalid_timestamp")},
    {"name": "negative timestamp", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(GOOD, ts=-1), "expect": fail("invalid_timestamp")},
    {"name": "timestamp in milliseconds looks far in the future", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": headers(sign(SECRET, MSG, TS * 1000, EVENT), ts=TS * 1000), "expect": fail("timestamp_too_new")},
    {"name": "secret that is not base64", "secret": "whsec_!!!not-base64!!!", "now": TS, "payload": EVENT,
     "headers": headers(GOOD), "expect": fail("invalid_secret")},
    {"name": "empty secret", "secret": "", "now": TS, "payload": EVENT, "headers": headers(GOOD),
     "expect": fail("invalid_secret")},
    # Security review L9: Standard Webhooks secrets are 24 to 64 bytes.
    {"name": "secret of one byte", "secret": "whsec_AA==", "now": TS, "payload": EVENT,
     "headers": headers(sign("whsec_AA==", MSG, TS, EVENT)), "expect": fail("invalid_secret")},
    {"name": "secret of 23 bytes", "secret": SHORT_SECRET, "now": TS, "payload": EVENT,
     "headers": headers(sign(SHORT_SECRET, MSG, TS, EVENT)), "expect": fail("invalid_secret")},
    # Security review L10: a leading zero would be signed as text by one verifier and as a
    # number by another; every binding refuses it.
    {"name": "timestamp with a leading zero", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"webhook-id": MSG, "webhook-timestamp": "0" + str(TS), "webhook-signature": GOOD},
     "expect": fail("invalid_timestamp")},
    {"name": "timestamp with a leading zero, signed over its text", "secret": SECRET, "now": TS, "payload": EVENT,
     "headers": {"webhook-id": MSG, "webhook-timestamp": "0" + str(TS),
                 "webhook-signature": sign_text(SECRET, MSG, "0" + str(TS), EVENT)},
     "expect": fail("invalid_timestamp")},
    {"name": "valid signature over a body that is not an event", "secret": SECRET, "now": TS, "payload": NOT_EVENT,
     "headers": headers(sign(SECRET, MSG, TS, NOT_EVENT)), "expect": fail("malformed_body")},
    {"name": "valid signature over an event of an unknown type", "secret": SECRET, "now": TS, "payload": UNKNOWN,
     "headers": headers(sign(SECRET, MSG, TS, UNKNOWN)), "expect": ok("refund.created", "evt_9zY8xW7vU6tS5rQ4pO3nM2lK")},
]

doc = {
    "description": "Standard Webhooks (v1, HMAC-SHA256) verification vectors for momentpay. "
                   "Each case: verify `payload` (UTF-8 string, exact bytes) with `headers` against `secret` "
                   "at Unix time `now` with `tolerance_seconds` (default 180). `expect.ok` true: it verifies "
                   "(and, unless `verify_only`, parses to an event with `event_type` and `event_id`); false: it "
                   "fails with the error code `expect.error`. Generated by generate.py (Python stdlib hmac).",
    "error_codes": ["missing_header", "invalid_timestamp", "timestamp_too_old", "timestamp_too_new",
                    "no_matching_signature", "invalid_secret", "malformed_body"],
    "cases": cases,
}
(HERE / "webhooks.json").write_text(json.dumps(doc, indent=2) + "\n")
print(f"wrote {len(cases)} webhook cases")
