//! Auto-paging over any list operation (a row of the operation table marked `pages:`), by
//! name, JSON in and out: what the typed Rust pagers and every binding's pagers walk, so a
//! list endpoint added to the table pages everywhere with no code of its own.

use crate::api::Operation;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::RequestOptions;
use serde_json::{Map, Value};
use std::collections::VecDeque;

/// Walks every item of a list operation, fetching pages (`cursor`, `limit`) as needed.
pub struct Pager {
    client: Client,
    operation: &'static Operation,
    id: Option<String>,
    params: Map<String, Value>,
    buffer: VecDeque<Value>,
    done: bool,
    /// The error to give once the buffer is empty: the server stopped advancing.
    stalled: Option<Error>,
}

impl std::fmt::Debug for Pager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pager")
            .field("operation", &self.operation.name)
            .field("id", &self.id)
            .finish()
    }
}

impl Pager {
    /// A pager over `operation` (a list operation) of resource `id`, from `params` (an
    /// object with `limit` per request and a starting `cursor`, or null). An operation that
    /// does not page, or params that are not an object, are validation errors.
    pub fn new(client: &Client, operation: &str, id: Option<&str>, params: Value) -> Result<Pager> {
        let Some(found) = Operation::find(operation).filter(|op| op.pages.is_some()) else {
            let paged = crate::api::OPERATIONS
                .iter()
                .filter(|op| op.pages.is_some())
                .map(|op| op.name);
            return Err(Error::validation(
                "operation",
                format!(
                    "`{operation}` is not a list operation{}",
                    crate::suggest::did_you_mean(operation, paged)
                ),
            ));
        };
        let params = match params {
            Value::Null => Map::new(),
            Value::Object(map) => map,
            _ => return Err(Error::validation("params", "must be an object")),
        };
        // Checked now (and again by each page's request), so a bad limit fails at once.
        crate::prepare::prepare(operation, id, Value::Object(params.clone()))?;
        Ok(Pager {
            client: client.clone(),
            operation: found,
            id: id.map(str::to_owned),
            params,
            buffer: VecDeque::new(),
            done: false,
            stalled: None,
        })
    }

    /// The next item without fetching, if one is buffered.
    pub fn buffered(&mut self) -> Option<Value> {
        self.buffer.pop_front()
    }

    /// Takes the next item, fetching a page if the buffer is empty. `None` at the end.
    pub async fn next(&mut self) -> Option<Result<Value>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            if self.done {
                return self.stalled.take().map(Err);
            }
            let page = crate::operations::invoke(
                &self.client,
                self.operation.name,
                self.id.as_deref(),
                Value::Object(self.params.clone()),
                RequestOptions::new(),
            )
            .await;
            let mut page = match page {
                Ok(invoked) => invoked.value,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            };
            let data = match page.get_mut("data").map(Value::take) {
                Some(Value::Array(items)) => items,
                _ => Vec::new(),
            };
            let empty = data.is_empty();
            self.buffer.extend(data);
            let more = page.get("has_more").and_then(Value::as_bool) == Some(true);
            let cursor = page.get("next_cursor").and_then(Value::as_str);
            let current = self.params.get("cursor").and_then(Value::as_str);
            match (more, cursor) {
                // A server that says "more" without moving its cursor (or with an empty
                // page) would make the pager ask forever.
                (true, Some(cursor)) if empty || current == Some(cursor) => {
                    self.done = true;
                    self.stalled = Some(Error::decode(
                        format!(
                            "{} of {} did not advance (has_more with cursor {cursor:?}); stopped instead of asking again",
                            self.operation.name,
                            self.id.as_deref().unwrap_or("the list")
                        ),
                        None,
                    ));
                }
                (true, Some(cursor)) => {
                    self.params
                        .insert("cursor".to_owned(), Value::String(cursor.to_owned()));
                }
                _ => self.done = true,
            }
        }
    }
}
