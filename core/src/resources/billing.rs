//! `/billing/customers`, `/billing/accounts` and `/billing/bills` (their methods come from
//! the operation table, `crate::api`).
//!
//! Path parameters accept the Moment ID (`bcus_…`, `bacc_…`, `bill_…`) or the merchant's
//! `external_reference`.

use super::{Mode, resource};
use crate::models::{Bill, VoidBill};

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

resource! {
    /// Billing accounts (`bacc_…`).
    BillingAccounts
}

resource! {
    /// Bills (`bill_…`).
    Bills
}

impl<M: Mode> Bills<'_, M> {
    /// [`Bills::void_with`] without metadata: voids a bill for good.
    pub fn void(&self, bill: &str) -> M::Call<Bill> {
        self.void_with(bill, &VoidBill::default())
    }
}
