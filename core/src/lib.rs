//! # momentpay
//!
//! The server-side SDK for [Moment](https://docs.momentco.io)'s payments API: payment
//! sessions (one-time, first and next in a series, subscriptions, card verification),
//! payments (capture and void), payment requests, payment pages, billing customers,
//! accounts and bills, and signed webhooks.
//!
//! - [`Client`] (async) and [`blocking::Client`]: every endpoint as
//!   `client.payment_sessions().create(..)`, with validation before sending, one idempotency
//!   key per call reused on every retry, retries with backoff and `Retry-After`, and typed
//!   errors ([`Error`]).
//! - [`webhooks::Webhook`]: Standard Webhooks verification (bytes in, constant-time, key
//!   rotation, tolerance both ways) into a typed [`models::Event`].
//! - [`models`]: every resource, request and event; responses tolerate unknown fields and
//!   values, requests refuse them, naming the field.
//!
//! ```no_run
//! # async fn demo() -> momentpay::Result<()> {
//! use momentpay::{Client, models::CreatePaymentSession};
//! let client = Client::new("sk_test_...")?;
//! let session = client
//!     .payment_sessions()
//!     .create(&CreatePaymentSession::one_time(5000, "ZAR").return_url("https://shop.example/done"))
//!     .await?;
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
// docs.rs (rustdoc-args in Cargo.toml) marks items behind features with their feature.
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod api;
#[cfg(feature = "blocking")]
pub mod blocking;
mod call;
mod client;
pub mod config;
#[cfg(feature = "schema")]
pub mod describe;
mod error;
#[cfg(feature = "uniffi")]
#[doc(hidden)]
pub mod ffi;
pub mod models;
pub mod operations;
// Binding plumbing (Python's and Node's option spellings, "did you mean"): public for the
// bindings in this workspace, hidden from the Rust API (it may change in any release).
#[doc(hidden)]
pub mod options;
pub mod pager;
mod prepare;
mod problem;
pub mod request;
pub mod resources;
pub mod retry;
pub mod runtime;
#[doc(hidden)]
pub mod suggest;
mod transport;
pub mod validation;
pub mod webhooks;

#[cfg(test)]
mod layers;

pub use call::ApiCall;
pub use client::Client;
pub use config::{ApiKey, AsyncKind, BlockingKind, ClientBuilder, KeyKind};
pub use error::{Error, ErrorKind, Result, WebhookFailure};
/// The error catalogue the bindings render their classes from (binding plumbing: codegen and
/// the bindings read it; not part of the Rust API).
#[doc(hidden)]
pub mod catalogue {
    pub use crate::error::{
        ERROR_CLASSES, ERROR_FIELDS, ERROR_KINDS, ErrorClass, ErrorField, ErrorFieldType,
        ErrorKindSpec, WEBHOOK_FAILURES, class_in,
    };
}
pub use problem::{ERROR_TYPE_PREFIX, FieldError, Problem};
pub use request::{RequestOptions, Response, ResponseMeta};
pub use retry::{RetryBudget, RetryPolicy};
pub use transport::RETRY_COUNT_HEADER;
pub use webhooks::Webhook;

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!("momentpay");
