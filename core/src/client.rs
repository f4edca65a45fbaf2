//! The async [`Client`].

use crate::api::Operation;
use crate::call::ApiCall;
use crate::config::{AsyncKind, ClientBuilder, ClientConfig};
use crate::error::Result;
use crate::prepare;
use crate::transport::Transport;
use crate::validation::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The async Moment client. `Send + Sync`; cloning is cheap and shares the connection pool.
///
/// ```no_run
/// # async fn demo() -> momentpay::Result<()> {
/// use momentpay::{Client, models::{CreatePaymentSession, CustomerDetails}};
/// let client = Client::new("sk_test_...")?;
/// let session = client
///     .payment_sessions()
///     .create(&CreatePaymentSession::first_in_series(5000, "ZAR", CustomerDetails::new("Alex", "alex@example.com")))
///     .await?;
/// println!("send the customer to {}", session.session_url.unwrap_or_default());
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    transport: Arc<Transport>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.transport.config)
            .finish()
    }
}

impl Client {
    /// A client with this API key; everything else from the environment or the defaults.
    pub fn new(api_key: impl Into<String>) -> Result<Client> {
        ClientBuilder::new().api_key(api_key).build()
    }

    /// A client configured entirely from `MOMENT_API_KEY` and `MOMENT_BASE_URL`.
    pub fn from_env() -> Result<Client> {
        ClientBuilder::new().build()
    }

    /// A builder for every option.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::new()
    }

    /// A client from a resolved configuration.
    pub fn from_config(config: ClientConfig) -> Result<Client> {
        Ok(Client {
            transport: Arc::new(Transport::new(config)?),
        })
    }

    /// The configuration this client runs with.
    pub fn config(&self) -> &ClientConfig {
        &self.transport.config
    }

    /// Tokens left in this client's retry budget (see [`crate::RetryBudget`]): full at
    /// [`crate::RetryPolicy::retry_budget`], lower after recent failures.
    pub fn retry_budget_left(&self) -> u32 {
        self.transport.retry_budget()
    }

    pub(crate) fn transport(&self) -> &Arc<Transport> {
        &self.transport
    }

    /// The call of `operation` (a row of [`crate::api::OPERATIONS`]): the path parameter
    /// checked and percent-encoded into its path, the parameters normalised, validated and
    /// serialised (a JSON body, or the query string). Nothing is sent until it is awaited.
    #[doc(hidden)]
    pub fn operation<P, T>(
        &self,
        operation: &'static Operation,
        id: Option<&str>,
        params: Option<&P>,
    ) -> ApiCall<T>
    where
        P: Validate + Serialize + DeserializeOwned + Clone,
        T: DeserializeOwned + Send + 'static,
    {
        ApiCall::new(
            self.transport.clone(),
            prepare::build_request(operation, id, params),
        )
    }
}

// The builder's `build()` lives beside the client it makes (config.rs knows no client).
impl ClientBuilder<AsyncKind> {
    /// Builds the async client.
    pub fn build(self) -> Result<Client> {
        Client::from_config(self.resolve()?)
    }
}
