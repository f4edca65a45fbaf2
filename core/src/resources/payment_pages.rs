//! `/collect/payment_pages` (its methods come from the operation table, `crate::api`), with
//! auto-paging over a page's transactions.

use super::{Async, resource};
use crate::Client;
use crate::call::ApiCall;
use crate::error::Result;
use crate::models::{ListParams, PaymentPageTransaction, PaymentPageTransactionList};
use futures_util::Stream;
use std::collections::VecDeque;
use std::pin::Pin;

resource! {
    /// Payment pages and the payments they received.
    PaymentPages
}

fn transactions_call(
    client: &Client,
    id: &str,
    params: &ListParams,
) -> ApiCall<PaymentPageTransactionList> {
    client.operation(
        &crate::api::op::list_payment_page_transactions,
        Some(id),
        Some(params),
    )
}

/// Walks every transaction of a payment page, fetching pages as needed (used by both
/// clients' auto-paging and by the bindings).
pub struct TransactionPager {
    client: Client,
    id: String,
    params: ListParams,
    buffer: VecDeque<PaymentPageTransaction>,
    done: bool,
    /// The error to give once the buffer is empty: the server stopped advancing.
    stalled: Option<crate::Error>,
}

impl TransactionPager {
    /// A pager over page `id`, starting at `params.cursor`, `params.limit` per request.
    pub fn new(client: &Client, id: &str, params: ListParams) -> Self {
        TransactionPager {
            client: client.clone(),
            id: id.to_owned(),
            params,
            buffer: VecDeque::new(),
            done: false,
            stalled: None,
        }
    }

    /// Takes the next item, fetching a page if the buffer is empty. `None` at the end.
    pub async fn next(&mut self) -> Option<Result<PaymentPageTransaction>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return self.stalled.take().map(Err);
            }
            match transactions_call(&self.client, &self.id, &self.params)
                .send()
                .await
            {
                Ok(page) => {
                    let empty = page.data.is_empty();
                    self.buffer.extend(page.data);
                    match (page.has_more, page.next_cursor) {
                        // A server that says "more" without moving its cursor (or with an
                        // empty page) would make the pager ask forever.
                        (true, Some(cursor))
                            if empty || self.params.cursor.as_deref() == Some(cursor.as_str()) =>
                        {
                            self.done = true;
                            self.stalled = Some(crate::Error::decode(
                                format!(
                                    "the transactions of {} did not advance (has_more with cursor {cursor:?}); stopped instead of asking again",
                                    self.id
                                ),
                                None,
                            ));
                        }
                        (true, Some(cursor)) => self.params.cursor = Some(cursor),
                        _ => self.done = true,
                    }
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
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

#[cfg(feature = "blocking")]
impl std::fmt::Debug for TransactionPager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransactionPager")
            .field("id", &self.id)
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
        if let Some(item) = pager.buffer.pop_front() {
            self.pager = Some(pager);
            return Some(Ok(item));
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
