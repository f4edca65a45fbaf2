#!/usr/bin/env python3
"""Writes bad_inputs.json: malformed calls that every binding must refuse before the network,
with a validation error naming the field. Run: python3 tests/vectors/generate_bad_inputs.py"""
import json
import pathlib

HERE = pathlib.Path(__file__).parent
S = "payment_sessions.create"
FIRST = {"amount": 100, "currency": "ZAR", "type": "first_in_series"}


def session(**extra):
    return {"amount": 100, "currency": "ZAR", **extra}


def first(options):
    return {**FIRST, "options": options}


def mandate(**m):
    return first({"mandate_options": m})


cases = [
    ("amount as a string", S, None, session(amount="5000"), "amount"),
    ("amount as a float", S, None, session(amount=10.5), "amount"),
    ("negative amount", S, None, session(amount=-1), "amount"),
    ("amount beyond 2^53", S, None, session(amount=2**60), "amount"),
    ("amount missing", S, None, {"currency": "ZAR"}, "amount"),
    ("amount null", S, None, session(amount=None), "amount"),
    ("amount boolean", S, None, session(amount=True), "amount"),
    ("currency of two letters", S, None, session(currency="ZA"), "currency"),
    ("currency of four letters", S, None, session(currency="ZARR"), "currency"),
    ("currency with a digit", S, None, session(currency="Z1R"), "currency"),
    ("currency as a number", S, None, session(currency=710), "currency"),
    # Issue 28, item 8: three letters that are no currency in circulation.
    ("currency XXX (no currency)", S, None, session(currency="XXX"), "currency"),
    ("currency ABC", S, None, session(currency="ABC"), "currency"),
    ("currency XAU (gold)", "payment_requests.create", None, {"amount": 100, "currency": "XAU"}, "currency"),
    ("empty currency", S, None, session(currency=""), "currency"),
    ("unknown session type", S, None, session(type="recurring"), "type"),
    ("session type as a number", S, None, session(type=5), "type"),
    ("params not an object", S, None, "amount=100", "params"),
    ("next_in_series without options", S, None, session(type="next_in_series"), "options.customer"),
    ("next_in_series with customer details", S, None, session(type="next_in_series", options={"customer": {"name": "A"}, "payment_method": "pmt_1"}), "options.customer"),
    ("next_in_series without payment_method", S, None, session(type="next_in_series", options={"customer": "cus_1"}), "options.payment_method"),
    ("next_in_series for amount 0", S, None, session(amount=0, type="next_in_series", options={"customer": "cus_1", "payment_method": "pmt_1"}), "amount"),
    ("payment_method on one_time", S, None, session(options={"payment_method": "pmt_1"}), "options.payment_method"),
    ("mandate on one_time", S, None, session(options={"mandate_options": {"type": "on_demand"}}), "options.mandate_options"),
    ("checkout options on next_in_series", S, None, session(type="next_in_series", options={"customer": "cus_1", "payment_method": "pmt_1", "checkout_options": {"return_url": "https://x.example"}}), "options.checkout_options"),
    ("scheduled mandate without recurrence", S, None, mandate(type="scheduled", amount=100), "options.mandate_options.recurrence"),
    ("mandate min above max", S, None, mandate(type="on_demand", amount={"min": 500, "max": 100}), "options.mandate_options.amount.min"),
    ("mandate fixed amount 0", S, None, mandate(type="on_demand", amount=0), "options.mandate_options.amount"),
    ("mandate ends before it starts", S, None, mandate(type="on_demand", validity_period={"start_date": "2026-05-01", "end_date": "2026-04-01"}), "options.mandate_options.validity_period.end_date"),
    ("mandate date that does not exist", S, None, mandate(type="on_demand", validity_period={"start_date": "2026-02-30"}), "options.mandate_options.validity_period.start_date"),
    ("mandate max_occurrences 0", S, None, mandate(type="on_demand", max_occurrences=0), "options.mandate_options.max_occurrences"),
    ("unknown mandate type", S, None, mandate(type="weekly"), "options.mandate_options.type"),
    ("unknown recurrence unit", S, None, mandate(type="scheduled", amount=100, recurrence={"type": "fortnightly"}), "options.mandate_options.recurrence.type"),
    ("period limit below the mandate maximum", S, None, mandate(type="on_demand", amount={"max": 5000}, controls={"period_limits": {"period": "month", "max_amount": 1000}}), "options.mandate_options.controls.period_limits.max_amount"),
    ("installment mandate without total", S, None, mandate(type="installment"), "options.mandate_options.total_amount"),
    ("subscription on one_time", S, None, session(options={"subscription_options": {}}), "options.subscription_options"),
    ("subscription at 25:00", S, None, first({"mandate_options": {"type": "scheduled", "amount": 100, "recurrence": {"type": "monthly"}}, "subscription_options": {"scheduled_time": "25:00"}}), "options.subscription_options.scheduled_time"),
    # Issue 22, item 5: a subscription runs inside a mandate, on its recurrence.
    ("subscription without a mandate", S, None, first({"subscription_options": {}}), "options.mandate_options"),
    ("subscription on a mandate without recurrence", S, None, first({"mandate_options": {"type": "on_demand"}, "subscription_options": {}}), "options.mandate_options.recurrence"),
    ("eleven metadata keys", S, None, session(metadata={f"k{i}": "v" for i in range(11)}), "metadata"),
    ("metadata key of 41 characters", S, None, session(metadata={"k" * 41: "v"}), "metadata." + "k" * 41),
    ("metadata value of 501 characters", S, None, session(metadata={"k": "v" * 501}), "metadata.k"),
    ("metadata value as a number", S, None, session(metadata={"k": 5}), "metadata.k"),
    ("empty metadata key", S, None, session(metadata={"": "v"}), "metadata"),
    ("external_reference with a space", S, None, session(external_reference="order 1"), "external_reference"),
    ("external_reference of 256 characters", S, None, session(external_reference="r" * 256), "external_reference"),
    ("empty external_reference", S, None, session(external_reference=""), "external_reference"),
    ("external_reference with a header break", S, None, session(external_reference="a\r\nX-Evil: 1"), "external_reference"),
    ("phone not in E.164", S, None, first({"customer": {"phone": "0821234567"}}), "options.customer.phone"),
    ("email without @", S, None, first({"customer": {"email": "not-an-email"}}), "options.customer.email"),
    ("return_url with a javascript scheme", S, None, session(options={"checkout_options": {"return_url": "javascript:alert(1)"}}), "options.checkout_options.return_url"),
    # Issue 22, item 8: a verification (amount 0) saves the method; only `always` is accepted.
    ("verification that never saves", S, None, session(amount=0, options={"checkout_options": {"save_payment_method": "never"}}), "options.checkout_options.save_payment_method"),
    ("verification that prompts (older field)", S, None, session(amount=0, options={"payment_method_options": {"card": {"save_payment_method": "prompt"}}}), "options.payment_method_options.card.save_payment_method"),
    ("unknown capture method", S, None, session(options={"payment_method_options": {"card": {"capture_method": "later"}}}), "options.payment_method_options.card.capture_method"),
    ("capture of 0", "payments.capture", "pay_1", {"amount": 0}, "amount"),
    ("capture of a negative amount", "payments.capture", "pay_1", {"amount": -5}, "amount"),
    ("path traversal in an ID", "payments.retrieve", "pay_1/../../admin", None, "id"),
    ("empty ID", "payments.retrieve", "", None, "id"),
    ("ID with a newline", "payments.retrieve", "pay_1\nHost: evil", None, "id"),
    ("ID with a query", "payment_sessions.retrieve", "ps_1?expand=all", None, "id"),
    # Security review M1: a URL parser resolves dot segments, so these would reach another route.
    ("ID of two dots on a capture", "payments.capture", "..", {"amount": 100}, "id"),
    ("ID of one dot on a capture", "payments.capture", ".", {"amount": 100}, "id"),
    ("ID of two dots on a retrieve", "payments.retrieve", "..", None, "id"),
    ("ID of two dots on a bill void", "billing.bills.void", "..", None, "bill"),
    ("ID of one dot on a bill void", "billing.bills.void", ".", None, "bill"),
    ("ID of two dots on a billing customer", "billing.customers.retrieve", "..", None, "customer"),
    ("ID of three dots on a billing account", "billing.accounts.retrieve", "...", None, "account"),
    ("ID of one dot on a payment request delete", "payment_requests.delete", ".", None, "id"),
    ("ID of two dots on a page's transactions", "payment_pages.list_transactions", "..", None, "id"),
    ("parameters on a retrieve", "payments.retrieve", "pay_1", {"expand": ["x"]}, "params"),
    ("push request without push", "payment_requests.create", None, {"amount": 100, "currency": "ZAR", "type": "push"}, "push"),
    ("push to a bad phone", "payment_requests.create", None, {"amount": 100, "currency": "ZAR", "type": "push", "push": {"provider": "capitec", "capitec": {"phone_number": "082"}}}, "push.capitec.phone_number"),
    ("payment request of 0", "payment_requests.create", None, {"amount": 0, "currency": "ZAR"}, "amount"),
    ("description of 501 characters", "payment_requests.create", None, {"amount": 100, "currency": "ZAR", "description": "d" * 501}, "description"),
    ("expires_at that is not a timestamp", "payment_requests.update", "pr_1", {"expires_at": "tomorrow"}, "expires_at"),
    # Found by the security review: the hand-written check took any digits in the right places.
    ("expires_at at 99:99:99", "payment_requests.update", "pr_1", {"expires_at": "2026-01-31T99:99:99Z"}, "expires_at"),
    ("expires_at on the 30th of February", "payment_requests.update", "pr_1", {"expires_at": "2026-02-30T12:00:00Z"}, "expires_at"),
    ("expires_at with an offset of +25:00", "payment_requests.update", "pr_1", {"expires_at": "2026-01-31T12:00:00+25:00"}, "expires_at"),
    ("page status set to expired", "payment_pages.update", "pp_1", {"status": "expired"}, "status"),
    ("page return_url over plain http", "payment_pages.update", "pp_1", {"return_url": "http://shop.example"}, "return_url"),
    ("page title of 201 characters", "payment_pages.update", "pp_1", {"title": "t" * 201}, "title"),
    ("page size 0", "payment_pages.list_transactions", "pp_1", {"limit": 0}, "limit"),
    ("page size 101", "payment_pages.list_transactions", "pp_1", {"limit": 101}, "limit"),
    ("billing customer without external_reference", "billing.customers.create", None, {"name": "A"}, "external_reference"),
    ("billing balance without currency", "billing.customers.create", None, {"external_reference": "C1", "balance": 10}, "currency"),
    ("billing reference with a reserved prefix", "billing.customers.create", None, {"external_reference": "bcus_1"}, "external_reference"),
    ("inline account customer with a bad phone", "billing.accounts.create", None, {"external_reference": "A1", "customer": {"external_reference": "C1", "phone": "12"}}, "customer.phone"),
    ("bill of 0", "billing.bills.create", None, {"external_reference": "B1", "amount_due": 0, "customer": "C1"}, "amount_due"),
    ("bill above the maximum", "billing.bills.create", None, {"external_reference": "B1", "amount_due": 100_000_000, "customer": "C1"}, "amount_due"),
    ("bill without customer or account", "billing.bills.create", None, {"external_reference": "B1", "amount_due": 10}, "customer"),
    ("bill due before it is issued", "billing.bills.create", None, {"external_reference": "B1", "amount_due": 10, "customer": "C1", "bill_date": "2026-05-02", "due_date": "2026-05-01"}, "due_date"),
    ("bill paid beyond the maximum", "billing.bills.update", "B1", {"amount_paid": 100_000_000}, "amount_paid"),
    ("unknown operation", "payments.refund", "pay_1", None, "operation"),
    # Found attacking the validation (issue 15): non-ASCII where a slice expected ASCII,
    # misspelt nested fields (silently dropped before), sizes far past the limits.
    ("expires_at with a multi-byte character where the seconds end", "payment_requests.create", None, {"amount": 100, "currency": "ZAR", "expires_at": "2026-01-31T12:00:0\u00e9+"}, "expires_at"),
    ("expires_at of non-ASCII only", "payment_requests.update", "pr_1", {"expires_at": "\u00e9" * 30}, "expires_at"),
    ("misspelt options field", S, None, session(options={"checkout_option": {"return_url": "https://shop.example/done"}}), "options.checkout_option"),
    ("misspelt capture_method", S, None, session(options={"payment_method_options": {"card": {"capture_metod": "manual"}}}), "options.payment_method_options.card.capture_metod"),
    ("mandate amount with maximum for max", S, None, mandate(type="on_demand", amount={"maximum": 5000}), "options.mandate_options.amount.maximum"),
    ("misspelt top-level field", S, None, session(extrenal_reference="order_1"), "extrenal_reference"),
    ("misspelt customer field", S, None, first({"customer": {"name": "A", "e_mail": "a@example.com"}}), "options.customer.e_mail"),
    ("misspelt bill field", "billing.bills.create", None, {"external_reference": "B1", "amount_due": 10, "customer": "C1", "due": "2026-05-01"}, "due"),
    ("currency with a non-ASCII letter", S, None, session(currency="Z\u00c4R"), "currency"),
    ("external_reference with a NUL", S, None, session(external_reference="order\u00001"), "external_reference"),
    ("external_reference of non-ASCII letters", S, None, session(external_reference="\u0437\u0430\u043a\u0430\u0437"), "external_reference"),
    ("description of one million characters", "payment_requests.create", None, {"amount": 100, "currency": "ZAR", "description": "d" * 1_000_000}, "description"),
    ("metadata key of 41 two-byte characters", S, None, session(metadata={"\u00e9" * 41: "v"}), "metadata." + "\u00e9" * 41),
    ("metadata value of 501 emoji", S, None, session(metadata={"k": "\U0001f600" * 501}), "metadata.k"),
    ("amount 2^63", S, None, session(amount=2**63), "amount"),
    ("amount 1e308", S, None, session(amount=1e308), "amount"),
    ("amount at 2^53", S, None, session(amount=2**53), "amount"),
]

option_cases = [
    ("idempotency key with a header break", S, session(), {"idempotency_key": "k\r\nX-Injected: 1"}, "idempotency_key"),
    ("idempotency key of 256 characters", S, session(), {"idempotency_key": "k" * 256}, "idempotency_key"),
    ("empty idempotency key", S, session(), {"idempotency_key": ""}, "idempotency_key"),
    ("non-ASCII idempotency key", S, session(), {"idempotency_key": "ключ"}, "idempotency_key"),
    ("idempotency key with a space", S, session(), {"idempotency_key": "order 1"}, "idempotency_key"),
]

# Values nested `depth` levels deep ({"a": {"a": ...}}) at `params[field]`: each runner builds
# them (JSON parsers of some languages cannot read 10,000 levels from this file).
nest_cases = [
    ("options nested 10,000 deep", S, session(), "options", 10_000, "options"),
    ("metadata nested 100 deep", S, session(), "metadata", 100, "metadata"),
    ("push nested 10,000 deep", "payment_requests.create", {"amount": 100, "currency": "ZAR", "type": "push"}, "push", 10_000, "push"),
    # Found by the property tests: a key "" is no field name; the error names the parameters.
    ("an empty key nested 10,000 deep", S, session(), "", 10_000, "params"),
]

doc = {
    "description": "Malformed calls every binding must refuse before any network request, with a validation "
                   "error naming `field`. `operation`, `id` and `params` go to the core's operation table; "
                   "`options` are per-request options (idempotency_key). `nest` asks the runner to set "
                   "`params[nest.field]` to objects nested `nest.depth` deep ({\"a\": {\"a\": ...}}, innermost {}). "
                   "`clients` are bad client settings.",
    "cases": [
        {"name": n, "operation": op, "id": i, "params": p, "field": f} for (n, op, i, p, f) in cases
    ] + [
        {"name": n, "operation": op, "id": None, "params": p, "options": o, "field": f} for (n, op, p, o, f) in option_cases
    ] + [
        {"name": n, "operation": op, "id": None, "params": p, "nest": {"field": at, "depth": d}, "field": f} for (n, op, p, at, d, f) in nest_cases
    ],
    "clients": [
        {"name": "API key with a trailing newline", "api_key": "sk_test_abc\n", "field": "api_key"},
        {"name": "API key with a header break", "api_key": "sk_test_abc\r\nX-Evil: 1", "field": "api_key"},
        {"name": "API key of the wrong kind", "api_key": "rk_test_abc", "field": "api_key"},
        {"name": "base URL with another scheme", "api_key": "sk_test_abc", "base_url": "ftp://api.momentpay.net", "field": "base_url"},
        {"name": "base URL that is not a URL", "api_key": "sk_test_abc", "base_url": "not a url", "field": "base_url"},
        # Security review L8: credentials in a base URL, or a host hidden behind `@`.
        {"name": "base URL with userinfo", "api_key": "sk_test_abc", "base_url": "https://user:pass@api.momentpay.net", "field": "base_url"},
        {"name": "base URL whose host hides behind @", "api_key": "sk_test_abc", "base_url": "https://api.momentpay.net@evil.example", "field": "base_url"},
    ],
}
(HERE / "bad_inputs.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(doc['cases'])} call cases and {len(doc['clients'])} client cases")
