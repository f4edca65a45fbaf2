//! Every API operation by name, taking and returning JSON.
//!
//! This is the one entry point the language bindings call: they pass the operation name, the
//! path ID and the parameters as JSON, and get JSON back. Parsing (with errors that name the
//! field), validation, idempotency, retries and errors all stay here, in one place, so no
//! binding can drift from the Rust client.

use crate::call::ApiCall;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::RequestOptions;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Every operation name, `resource.method`.
pub const OPERATIONS: &[&str] = &[
    "payment_sessions.create",
    "payment_sessions.retrieve",
    "payments.retrieve",
    "payments.capture",
    "payments.void",
    "payment_requests.create",
    "payment_requests.retrieve",
    "payment_requests.update",
    "payment_requests.delete",
    "payment_pages.retrieve",
    "payment_pages.update",
    "payment_pages.list_transactions",
    "billing.customers.create",
    "billing.customers.retrieve",
    "billing.customers.update",
    "billing.accounts.create",
    "billing.accounts.retrieve",
    "billing.accounts.update",
    "billing.bills.create",
    "billing.bills.retrieve",
    "billing.bills.update",
    "billing.bills.void",
];

/// Parses JSON parameters into a typed request, naming the offending field on failure.
pub fn parse_params<T: DeserializeOwned>(params: Value) -> Result<T> {
    serde_path_to_error::deserialize(params).map_err(|error| {
        let path = error.path().to_string();
        let field = if path == "." || path.is_empty() {
            "params".to_owned()
        } else {
            path
        };
        Error::validation(field, error.into_inner().to_string())
    })
}

fn no_params(operation: &str, params: &Value) -> Result<()> {
    match params {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        _ => Err(Error::validation(
            "params",
            format!("{operation} takes no parameters besides the ID"),
        )),
    }
}

fn params_or_empty(params: Value) -> Value {
    if params.is_null() {
        Value::Object(Default::default())
    } else {
        params
    }
}

async fn run<T>(call: ApiCall<T>, options: RequestOptions) -> Result<Value>
where
    T: DeserializeOwned + Serialize + Send + 'static,
{
    let value = call.options(options).await?;
    serde_json::to_value(value)
        .map_err(|e| Error::internal(format!("cannot serialise the response: {e}")))
}

/// Runs one operation. `id` is the path parameter (for operations that take one);
/// `params` the request body or query as JSON (`null` for none).
pub async fn invoke(
    client: &Client,
    operation: &str,
    id: Option<&str>,
    params: Value,
    options: RequestOptions,
) -> Result<Value> {
    let id = |name: &str| {
        id.ok_or_else(|| {
            Error::validation(
                name,
                format!("{operation} needs the `{name}` of the resource"),
            )
        })
    };
    match operation {
        "payment_sessions.create" => {
            run(
                client.payment_sessions().create(&parse_params(params)?),
                options,
            )
            .await
        }
        "payment_sessions.retrieve" => {
            no_params(operation, &params)?;
            run(client.payment_sessions().retrieve(id("id")?), options).await
        }
        "payments.retrieve" => {
            no_params(operation, &params)?;
            run(client.payments().retrieve(id("id")?), options).await
        }
        "payments.capture" => {
            run(
                client
                    .payments()
                    .capture(id("id")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "payments.void" => {
            run(
                client
                    .payments()
                    .void_with(id("id")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "payment_requests.create" => {
            run(
                client.payment_requests().create(&parse_params(params)?),
                options,
            )
            .await
        }
        "payment_requests.retrieve" => {
            no_params(operation, &params)?;
            run(client.payment_requests().retrieve(id("id")?), options).await
        }
        "payment_requests.update" => {
            run(
                client
                    .payment_requests()
                    .update(id("id")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "payment_requests.delete" => {
            no_params(operation, &params)?;
            run(client.payment_requests().delete(id("id")?), options).await
        }
        "payment_pages.retrieve" => {
            no_params(operation, &params)?;
            run(client.payment_pages().retrieve(id("id")?), options).await
        }
        "payment_pages.update" => {
            run(
                client
                    .payment_pages()
                    .update(id("id")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "payment_pages.list_transactions" => {
            run(
                client
                    .payment_pages()
                    .list_transactions(id("id")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "billing.customers.create" => {
            run(
                client.billing().customers().create(&parse_params(params)?),
                options,
            )
            .await
        }
        "billing.customers.retrieve" => {
            no_params(operation, &params)?;
            run(
                client.billing().customers().retrieve(id("customer")?),
                options,
            )
            .await
        }
        "billing.customers.update" => {
            run(
                client
                    .billing()
                    .customers()
                    .update(id("customer")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "billing.accounts.create" => {
            run(
                client.billing().accounts().create(&parse_params(params)?),
                options,
            )
            .await
        }
        "billing.accounts.retrieve" => {
            no_params(operation, &params)?;
            run(
                client.billing().accounts().retrieve(id("account")?),
                options,
            )
            .await
        }
        "billing.accounts.update" => {
            run(
                client
                    .billing()
                    .accounts()
                    .update(id("account")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "billing.bills.create" => {
            run(
                client.billing().bills().create(&parse_params(params)?),
                options,
            )
            .await
        }
        "billing.bills.retrieve" => {
            no_params(operation, &params)?;
            run(client.billing().bills().retrieve(id("bill")?), options).await
        }
        "billing.bills.update" => {
            run(
                client
                    .billing()
                    .bills()
                    .update(id("bill")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        "billing.bills.void" => {
            run(
                client
                    .billing()
                    .bills()
                    .void_with(id("bill")?, &parse_params(params_or_empty(params))?),
                options,
            )
            .await
        }
        #[cfg(feature = "test-hooks")]
        "test.panic" => panic!("test hook: a deliberate panic inside momentpay"),
        other => Err(Error::validation(
            "operation",
            format!("unknown operation `{other}`"),
        )),
    }
}
