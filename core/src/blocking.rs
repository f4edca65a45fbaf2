//! The blocking client: the same resources and behaviour as [`crate::Client`], with calls
//! that block the current thread.
//!
//! Calls run on the SDK's shared runtime, so a blocking client works anywhere, including
//! inside a tokio runtime (it does not panic there, unlike `reqwest::blocking`), though
//! blocking an async worker thread is still best avoided.

use crate::call::ApiCall;
use crate::config::{AsyncKind, BlockingKind, ClientBuilder, ClientConfig};
use crate::error::Result;
use crate::request::RequestOptions;
use serde::de::DeserializeOwned;

/// The blocking Moment client. `Send + Sync`; cloning is cheap.
///
/// ```no_run
/// # fn demo() -> momentpay::Result<()> {
/// use momentpay::{blocking::Client, models::CreatePaymentSession};
/// let client = Client::new("sk_test_...")?;
/// let session = client.payment_sessions().create(&CreatePaymentSession::one_time(5000, "ZAR")).send()?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Client {
    inner: crate::Client,
}

impl Client {
    /// A client with this API key; everything else from the environment or the defaults.
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        ClientBuilder::new().api_key(api_key).build_blocking()
    }

    /// A client configured entirely from `MOMENT_API_KEY` and `MOMENT_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::new().build_blocking()
    }

    /// A builder for every option; its `build()` makes a blocking client.
    ///
    /// ```no_run
    /// # fn demo() -> momentpay::Result<()> {
    /// let client = momentpay::blocking::Client::builder()
    ///     .api_key("sk_test_...")
    ///     .max_retries(3)
    ///     .build()?;
    /// # let _: momentpay::blocking::Client = client;
    /// # Ok(()) }
    /// ```
    pub fn builder() -> ClientBuilder<BlockingKind> {
        ClientBuilder::default()
    }

    /// Wraps an async client (sharing its connection pool).
    pub fn from_async(inner: crate::Client) -> Client {
        Client { inner }
    }

    /// The async client behind this one.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// The configuration this client runs with.
    pub fn config(&self) -> &ClientConfig {
        self.inner.config()
    }
}

/// A prepared blocking call: set options, then [`BlockingCall::send`].
#[must_use = "a BlockingCall does nothing until it is sent"]
#[derive(Debug)]
pub struct BlockingCall<T> {
    call: ApiCall<T>,
}

impl<T: DeserializeOwned + Send + 'static> BlockingCall<T> {
    pub(crate) fn new(call: ApiCall<T>) -> Self {
        BlockingCall { call }
    }

    /// Replaces all per-request options.
    pub fn options(self, options: RequestOptions) -> Self {
        Self::new(self.call.options(options))
    }

    /// The async call behind this one.
    pub fn into_async(self) -> ApiCall<T> {
        self.call
    }

    /// Sends the call and waits for the result.
    pub fn send(self) -> Result<T> {
        crate::runtime::block_on(self.call.send())
    }

    /// Sends the call and waits for the result and what the response said about itself
    /// (request ID, idempotent replay, the idempotency key used).
    pub fn with_response(self) -> Result<crate::Response<T>> {
        crate::runtime::block_on(self.call.with_response())
    }
}

/// The setters of every per-call option, from the table in request.rs (the same as
/// `ApiCall`'s).
macro_rules! blocking_setters {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident: $ty:ty = $setter:ident, kind: $kind:ident, scope: $scope:ident,
            ffi: $ffi:ident $(, check: $check:path)?;
    )*) => {
        impl<T: DeserializeOwned + Send + 'static> BlockingCall<T> {
            $( blocking_setters!(@setter $setter $name $ty, $($doc)*); )*
        }
    };
    (@setter into $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(self, value: impl Into<$ty>) -> Self {
            Self::new(self.call.$name(value))
        }
    };
    (@setter value $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(self, value: $ty) -> Self {
            Self::new(self.call.$name(value))
        }
    };
    (@setter checked $name:ident $ty:ty, $($doc:literal)*) => {
        $(#[doc = $doc])*
        pub fn $name(self, value: impl Into<String>) -> Self {
            Self::new(self.call.$name(value))
        }
    };
}

crate::request::for_each_request_option!(blocking_setters);

// The builders' blocking `build()`s live beside the client they make.
impl ClientBuilder<AsyncKind> {
    /// Builds the blocking client (as `blocking::Client::builder()…build()` does).
    pub fn build_blocking(self) -> Result<Client> {
        Ok(Client::from_async(self.build()?))
    }
}

impl ClientBuilder<BlockingKind> {
    /// Builds the blocking client.
    pub fn build(self) -> Result<Client> {
        Ok(Client::from_async(crate::Client::from_config(
            self.resolve()?,
        )?))
    }

    /// The same as [`ClientBuilder::build`] here (the name the async builder's
    /// blocking variant has).
    pub fn build_blocking(self) -> Result<Client> {
        self.build()
    }
}
