//! `POST /collect/payments/{id}/captures` and `/voids`.

use super::{Validate, amount, metadata, opt};
use crate::error::Result;
use crate::models::{CapturePayment, VoidPayment};

impl Validate for CapturePayment {
    fn validate(&self) -> Result<()> {
        opt(&self.amount, |v| amount("amount", *v, false))?;
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for VoidPayment {
    fn validate(&self) -> Result<()> {
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}
