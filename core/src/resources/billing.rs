//! `/billing/customers`, `/billing/accounts` and `/billing/bills`.
//!
//! Path parameters accept the Moment ID (`bcus_…`, `bacc_…`, `bill_…`) or the merchant's
//! `external_reference`.

use super::{Mode, resource};
use crate::client::{PathPart::*, path};
use crate::models::{
    Bill, BillingAccount, BillingCustomer, CreateBill, CreateBillingAccount, CreateBillingCustomer,
    UpdateBill, UpdateBillingAccount, UpdateBillingCustomer, VoidBill,
};
use crate::request::Method;

resource! {
    /// Billing: customers, accounts and bills that carry balances owed.
    Billing
}

impl<'c, M: Mode> Billing<'c, M> {
    /// `/billing/customers`.
    pub fn customers(&self) -> BillingCustomers<'c, M> {
        BillingCustomers::new(self.client)
    }

    /// `/billing/accounts`.
    pub fn accounts(&self) -> BillingAccounts<'c, M> {
        BillingAccounts::new(self.client)
    }

    /// `/billing/bills`.
    pub fn bills(&self) -> Bills<'c, M> {
        Bills::new(self.client)
    }
}

resource! {
    /// Billing customers (`bcus_…`).
    BillingCustomers
}

impl<M: Mode> BillingCustomers<'_, M> {
    /// `POST /billing/customers` (201): creates a customer.
    pub fn create(&self, params: &CreateBillingCustomer) -> M::Call<BillingCustomer> {
        M::wrap(self.client.call_with(
            "billing.customers.create",
            Method::Post,
            Ok("/billing/customers".to_owned()),
            params,
        ))
    }

    /// `GET /billing/customers/{customer}`: by ID or external reference.
    pub fn retrieve(&self, customer: &str) -> M::Call<BillingCustomer> {
        M::wrap(self.client.call(
            "billing.customers.retrieve",
            Method::Get,
            path(&[Static("/billing/customers/"), Id("customer", customer)]),
        ))
    }

    /// `PATCH /billing/customers/{customer}`: a `balance` replaces the current one;
    /// metadata keys merge.
    pub fn update(
        &self,
        customer: &str,
        params: &UpdateBillingCustomer,
    ) -> M::Call<BillingCustomer> {
        M::wrap(self.client.call_with(
            "billing.customers.update",
            Method::Patch,
            path(&[Static("/billing/customers/"), Id("customer", customer)]),
            params,
        ))
    }
}

resource! {
    /// Billing accounts (`bacc_…`).
    BillingAccounts
}

impl<M: Mode> BillingAccounts<'_, M> {
    /// `POST /billing/accounts` (201): creates an account (and its customer, if given inline).
    pub fn create(&self, params: &CreateBillingAccount) -> M::Call<BillingAccount> {
        M::wrap(self.client.call_with(
            "billing.accounts.create",
            Method::Post,
            Ok("/billing/accounts".to_owned()),
            params,
        ))
    }

    /// `GET /billing/accounts/{account}`: by ID or external reference.
    pub fn retrieve(&self, account: &str) -> M::Call<BillingAccount> {
        M::wrap(self.client.call(
            "billing.accounts.retrieve",
            Method::Get,
            path(&[Static("/billing/accounts/"), Id("account", account)]),
        ))
    }

    /// `PATCH /billing/accounts/{account}`.
    pub fn update(&self, account: &str, params: &UpdateBillingAccount) -> M::Call<BillingAccount> {
        M::wrap(self.client.call_with(
            "billing.accounts.update",
            Method::Patch,
            path(&[Static("/billing/accounts/"), Id("account", account)]),
            params,
        ))
    }
}

resource! {
    /// Bills (`bill_…`).
    Bills
}

impl<M: Mode> Bills<'_, M> {
    /// `POST /billing/bills` (201): bills a customer or an account (created inline if given
    /// as objects).
    pub fn create(&self, params: &CreateBill) -> M::Call<Bill> {
        M::wrap(self.client.call_with(
            "billing.bills.create",
            Method::Post,
            Ok("/billing/bills".to_owned()),
            params,
        ))
    }

    /// `GET /billing/bills/{bill}`: by ID or external reference.
    pub fn retrieve(&self, bill: &str) -> M::Call<Bill> {
        M::wrap(self.client.call(
            "billing.bills.retrieve",
            Method::Get,
            path(&[Static("/billing/bills/"), Id("bill", bill)]),
        ))
    }

    /// `PATCH /billing/bills/{bill}`: manual reconciliation of `amount_paid`.
    pub fn update(&self, bill: &str, params: &UpdateBill) -> M::Call<Bill> {
        M::wrap(self.client.call_with(
            "billing.bills.update",
            Method::Patch,
            path(&[Static("/billing/bills/"), Id("bill", bill)]),
            params,
        ))
    }

    /// `POST /billing/bills/{bill}/void`: voids a bill for good.
    pub fn void(&self, bill: &str) -> M::Call<Bill> {
        self.void_with(bill, &VoidBill::default())
    }

    /// [`Bills::void`] with metadata (e.g. a `voided_reason`).
    pub fn void_with(&self, bill: &str, params: &VoidBill) -> M::Call<Bill> {
        M::wrap(self.client.call_with(
            "billing.bills.void",
            Method::Post,
            path(&[Static("/billing/bills/"), Id("bill", bill), Static("/void")]),
            params,
        ))
    }
}
