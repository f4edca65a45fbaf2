//! `PATCH /collect/payment_pages/{id}` and the transactions list's query.

use super::{Validate, amount, currency, metadata, one_of, opt, path_id, text, upper, url};
use crate::error::{Error, Result};
use crate::models::{ListParams, PaymentPageStatus, UpdatePaymentPage};

/// Longest payment page title.
pub const MAX_PAGE_TITLE_LEN: usize = 200;
/// Longest payment page description.
pub const MAX_PAGE_DESCRIPTION_LEN: usize = 1000;
/// The page sizes a list takes.
pub const LIST_LIMIT: std::ops::RangeInclusive<u32> = 1..=100;

/// The statuses a merchant may set (`expired` is Moment's to set).
const SETTABLE_STATUSES: &[PaymentPageStatus] =
    &[PaymentPageStatus::Active, PaymentPageStatus::Inactive];

impl Validate for UpdatePaymentPage {
    fn normalize(&mut self) {
        if let Some(c) = &mut self.currency {
            upper(c);
        }
    }

    fn validate(&self) -> Result<()> {
        if let Some(status) = &self.status
            && !SETTABLE_STATUSES.contains(status)
        {
            let settable: Vec<&str> = SETTABLE_STATUSES
                .iter()
                .map(PaymentPageStatus::as_str)
                .collect();
            return Err(Error::validation(
                "status",
                format!(
                    "may be set to {} (got {:?})",
                    one_of(&settable),
                    status.as_str()
                ),
            ));
        }
        opt(&self.amount, |v| amount("amount", *v, false))?;
        opt(&self.currency, |c| currency("currency", c))?;
        opt(&self.title, |t| text("title", t, MAX_PAGE_TITLE_LEN))?;
        opt(&self.description, |d| {
            text("description", d, MAX_PAGE_DESCRIPTION_LEN)
        })?;
        if let Some(return_url) = &self.return_url {
            url("return_url", return_url)?;
            if !return_url.starts_with("https://") {
                return Err(Error::validation("return_url", "must use https"));
            }
        }
        opt(&self.metadata, |m| metadata("metadata", m))
    }
}

impl Validate for ListParams {
    fn validate(&self) -> Result<()> {
        if let Some(limit) = self.limit
            && !LIST_LIMIT.contains(&limit)
        {
            return Err(Error::validation(
                "limit",
                format!(
                    "must be {} to {} (got {limit})",
                    LIST_LIMIT.start(),
                    LIST_LIMIT.end()
                ),
            ));
        }
        opt(&self.cursor, |c| path_id("cursor", c))
    }
}
