//! Every API operation by name, taking and returning JSON.
//!
//! This is the one entry point the language bindings call: they pass the operation name, the
//! path ID and the parameters as JSON, and get JSON back. Parsing (with errors that name the
//! field, in words rather than Rust types), validation, idempotency, retries and errors all
//! stay here, in one place, so no binding can drift from the Rust client. The dispatch is
//! generated from the operation table ([`crate::api`]).

use crate::api::{self, Operation};
use crate::call::ApiCall;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::models;
pub use crate::prepare::{parse_params, prepare};
use crate::request::{RequestOptions, ResponseMeta};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Every operation name, `resource.method`, in the table's order.
pub fn names() -> impl Iterator<Item = &'static str> {
    api::OPERATIONS.iter().map(|op| op.name)
}

/// A response as JSON, and what it said about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Invoked {
    /// The response model, serialised (every field; null when absent).
    pub value: Value,
    /// Request ID, idempotent replay, status, idempotency key.
    pub meta: ResponseMeta,
}

async fn run<T>(call: ApiCall<T>, options: RequestOptions) -> Result<Invoked>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    let response = call.options(options).with_response().await?;
    let value = serde_json::to_value(response.data)
        .map_err(|e| Error::internal(format!("cannot serialise the response: {e}")))?;
    Ok(Invoked {
        value,
        meta: response.meta,
    })
}

/// The dispatch: the request [`prepare`] builds, sent as a call answering the operation's
/// response model (one arm per row of the operation table).
macro_rules! dispatch {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        async fn dispatch(
            client: &Client,
            operation: &str,
            id: Option<&str>,
            params: Value,
            options: RequestOptions,
        ) -> Result<Invoked> {
            #[cfg(feature = "test-hooks")]
            if operation == "test.panic" {
                panic!("test hook: a deliberate panic inside momentpay");
            }
            let request = prepare(operation, id, params)?;
            match operation {
                $( $name => run(ApiCall::<models::$response>::new(client.transport().clone(), Ok(request)), options).await, )*
                other => Err(Error::internal(format!("prepared an unknown operation `{other}`"))),
            }
        }
    };
}

api::for_each_operation!(dispatch);

/// Runs one operation. `id` is the path parameter (for operations that take one);
/// `params` the request body or query as JSON (`null` for none).
pub async fn invoke(
    client: &Client,
    operation: &str,
    id: Option<&str>,
    params: Value,
    options: RequestOptions,
) -> Result<Invoked> {
    dispatch(client, operation, id, params, options).await
}

/// Whether `operation` changes something (POST, PATCH, DELETE): it is sent with an
/// idempotency key.
pub fn mutates(operation: &str) -> bool {
    api::Operation::find(operation).is_some_and(Operation::mutates)
}

/// Gives a mutation its idempotency key now, unless the options carry one, and answers the
/// key it will be sent with (`None` for a GET). A binding calls it before dispatch so a
/// cancelled or interrupted call can still hand the key to its caller.
pub fn prepare_key(operation: &str, options: &mut RequestOptions) -> Option<String> {
    if !mutates(operation) {
        return None;
    }
    Some(
        options
            .idempotency_key
            .get_or_insert_with(|| uuid::Uuid::new_v4().to_string())
            .clone(),
    )
}

/// [`invoke`], given up when `cancelled` completes first (a JavaScript `AbortSignal`, say):
/// the attempt in flight is dropped and the error is [`crate::ErrorKind::Cancelled`]. A
/// mutation gets its idempotency key here when the options carry none, so the error can
/// carry it and a repeat with that key is safe.
pub async fn invoke_until(
    client: &Client,
    operation: &str,
    id: Option<&str>,
    params: Value,
    mut options: RequestOptions,
    cancelled: impl std::future::Future<Output = ()>,
) -> Result<Invoked> {
    let key = prepare_key(operation, &mut options);
    tokio::select! {
        result = dispatch(client, operation, id, params, options) => result,
        () = cancelled => Err(Error::cancelled(operation).with_idempotency_key(key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error<T: DeserializeOwned + std::fmt::Debug>(json: Value) -> (String, String) {
        let error = parse_params::<T>(json).expect_err("must not parse");
        (
            error.field().unwrap_or_default().to_owned(),
            error.reason().to_owned(),
        )
    }

    #[test]
    fn errors_speak_the_users_language() {
        use serde_json::json;
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "is required")
        );
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"amount": "5", "currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "must be an integer (got \"5\")")
        );
        let (field, message) =
            parse_error::<models::CreatePaymentSession>(json!({"amount": null, "currency": "ZAR"}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("amount", "is required (got null)")
        );
        let (field, message) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"checkout_option": {}}}),
        );
        assert_eq!(field, "options.checkout_option");
        assert_eq!(message, "unknown field; did you mean checkout_options?");
        let (field, message) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"customer": 5}}),
        );
        assert_eq!(field, "options.customer");
        assert!(message.starts_with("must be a customer ID"), "{message}");
        let (field, _) = parse_error::<models::CreatePaymentSession>(
            json!({"amount": 1, "currency": "ZAR", "options": {"customer": {"nme": "Alex"}}}),
        );
        assert_eq!(field, "options.customer.nme");
        let (field, message) = parse_error::<models::ListParams>(json!({"limit": -1}));
        assert_eq!(
            (field.as_str(), message.as_str()),
            ("limit", "must be an integer from 0 to 4294967295 (got -1)")
        );
        for text in [&message] {
            for rust in ["i64", "u32", "struct ", "untagged", "expected"] {
                assert!(!text.contains(rust), "{text}");
            }
        }
    }
}
