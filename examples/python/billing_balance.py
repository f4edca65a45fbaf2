"""Billing balances: a customer with a balance, an account with a bill, payments applied
(through the simulator) and the balances and bill after them."""

from __future__ import annotations

import momentpay
from _sim import SIM_URL, control


def main() -> None:
    client = momentpay.Client()
    customer = client.billing.customers.create(external_reference="UCR1234567890", name="John Doe", email="john.doe@example.com", balance=20_000, currency="ZAR")
    print(f"1. customer {customer.id} owes {customer.balance}")
    account = client.billing.accounts.create(customer=customer.id, external_reference="UAR1234567890", name="Gym", balance=5_000, currency="ZAR")
    bill = client.billing.bills.create(external_reference="INV-2026-001", account=account.id, amount_due=2_000, currency="ZAR", due_date="2026-12-31")
    print(f"2. bill {bill.id} for {bill.amount_due}: {bill.status}")
    if SIM_URL:
        control("POST", "/_sim/billing/payments", {"customer": customer.id, "amount": 15_000})
        control("POST", "/_sim/billing/payments", {"bill": bill.id, "amount": 2_000})
    after = client.billing.customers.retrieve("UCR1234567890")
    paid = client.billing.bills.retrieve("INV-2026-001")
    print(f"3. customer now owes {after.balance}; bill is {paid.status} ({paid.amount_remaining} remaining)")


if __name__ == "__main__":
    main()
