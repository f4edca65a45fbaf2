//! `/collect/payments` (its methods come from the operation table, `crate::api`).

use super::{Mode, resource};
use crate::models::{Payment, VoidPayment};

resource! {
    /// Payments: retrieve, and capture or void manual-capture authorisations.
    Payments
}

impl<M: Mode> Payments<'_, M> {
    /// [`Payments::void_with`] without metadata: releases the whole remaining authorisation.
    pub fn void(&self, id: &str) -> M::Call<Payment> {
        self.void_with(id, &VoidPayment::default())
    }
}
