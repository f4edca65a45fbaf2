//! `/collect/payment_pages` (its methods come from the operation table, `crate::api`), with
//! auto-paging over a page's transactions.

use super::{Async, resource};
use crate::Client;
use crate::error::Result;
use crate::models::{ListParams, PaymentPageTransaction};
use crate::pager::Pager;
use futures_util::Stream;
use std::pin::Pin;

resource! {
    /// Payment pages and the payments they received.
    PaymentPages
}

/// Walks every transaction of a payment page, fetching pages as needed: the generic
/// [`crate::pager::Pager`] over `payment_pages.list_transactions`, typed.
pub struct TransactionPager {
    pager: Option<Pager>,
    /// Why the pager could not start (a bad limit, say): given once, then the end.
    refused: Option<crate::Error>,
}

impl TransactionPager {
    /// A pager over page `id`, starting at `params.cursor`, `params.limit` per request.
    pub fn new(client: &Client, id: &str, params: ListParams) -> Self {
        let params = serde_json::to_value(params).unwrap_or_default();
        match Pager::new(client, "payment_pages.list_transactions", Some(id), params) {
            Ok(pager) => TransactionPager {
                pager: Some(pager),
                refused: None,
            },
            Err(error) => TransactionPager {
                pager: None,
                refused: Some(error),
            },
        }
    }

    fn typed(item: serde_json::Value) -> Result<PaymentPageTransaction> {
        serde_json::from_value(item)
            .map_err(|e| crate::Error::decode(format!("cannot decode a transaction: {e}"), None))
    }

    /// Takes the next item, fetching a page if the buffer is empty. `None` at the end.
    pub async fn next(&mut self) -> Option<Result<PaymentPageTransaction>> {
        if let Some(error) = self.refused.take() {
            return Some(Err(error));
        }
        Some(self.pager.as_mut()?.next().await?.and_then(Self::typed))
    }

    #[cfg(feature = "blocking")]
    fn buffered(&mut self) -> Option<Result<PaymentPageTransaction>> {
        self.pager.as_mut()?.buffered().map(Self::typed)
    }
}

/// A stream of every transaction of a payment page, fetching pages as it goes.
pub type TransactionStream = Pin<Box<dyn Stream<Item = Result<PaymentPageTransaction>> + Send>>;

impl PaymentPages<'_, Async> {
    /// Every transaction of page `id`, across all pages, as a stream.
    ///
    /// ```no_run
    /// # async fn demo(client: momentpay::Client) -> momentpay::Result<()> {
    /// use futures_util::TryStreamExt;
    /// let all: Vec<_> = client.payment_pages().transactions("pp_123", Default::default()).try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn transactions(&self, id: &str, params: ListParams) -> TransactionStream {
        let pager = TransactionPager::new(self.client, id, params);
        Box::pin(futures_util::stream::unfold(
            pager,
            |mut pager| async move { pager.next().await.map(|item| (item, pager)) },
        ))
    }
}

/// An iterator over every transaction of a payment page (blocking client).
#[cfg(feature = "blocking")]
pub struct TransactionIter {
    pager: Option<TransactionPager>,
}

impl std::fmt::Debug for TransactionPager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactionPager")
            .field("pager", &self.pager)
            .finish()
    }
}

#[cfg(feature = "blocking")]
impl std::fmt::Debug for TransactionIter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TransactionIter")
    }
}

#[cfg(feature = "blocking")]
impl Iterator for TransactionIter {
    type Item = Result<PaymentPageTransaction>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut pager = self.pager.take()?;
        if let Some(item) = pager.buffered() {
            self.pager = Some(pager);
            return Some(item);
        }
        match crate::runtime::block_on(async move {
            let item = pager.next().await;
            Ok((item, pager))
        }) {
            Ok((item, pager)) => {
                self.pager = Some(pager);
                item
            }
            Err(error) => Some(Err(error)),
        }
    }
}

#[cfg(feature = "blocking")]
impl PaymentPages<'_, super::Blocking> {
    /// Every transaction of page `id`, across all pages, as an iterator.
    pub fn transactions(&self, id: &str, params: ListParams) -> TransactionIter {
        TransactionIter {
            pager: Some(TransactionPager::new(self.client, id, params)),
        }
    }
}
