//! Request preparation, in one place: JSON parameters parsed into a typed request (errors
//! naming the field in words), normalised and validated, the path parameter checked and
//! percent-encoded, the body or query serialised. The typed clients ([`crate::Client`]'s
//! resources) and the by-name entry point ([`crate::operations`]) both come here; nothing in
//! this module sends anything.

use crate::api::{self, Operation, Params};
use crate::error::{Error, Result};
use crate::models;
use crate::request::ApiRequest;
use crate::suggest;
use crate::validation::{self, Validate};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses JSON parameters into a typed request. On failure the error names the field (a
/// dotted path, `options.customer.email`) and says what was expected in words: `is
/// required`, `must be an integer (got "5")`, `unknown field; did you mean
/// checkout_options?`.
pub fn parse_params<T: DeserializeOwned>(params: Value) -> Result<T> {
    serde_path_to_error::deserialize(params).map_err(|error| {
        let path = error.path().to_string();
        let path = if path == "." { String::new() } else { path };
        let (field, message) = describe(&path, &error.into_inner().to_string());
        Error::validation(
            if field.is_empty() {
                "params".to_owned()
            } else {
                field
            },
            message,
        )
    })
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

/// `(field, message)` for a serde error at `path`, in the words a user of any language reads.
fn describe(path: &str, message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or_default();
        return (join(path, name), "is required".to_owned());
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        // serde_path_to_error's path may already end with the unknown key.
        let field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_owned()
        } else {
            join(path, name)
        };
        return (field, suggest::unknown_field(name, known.iter().copied()));
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        let Some((got, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        else {
            continue;
        };
        if got == "null" && prefix == "invalid type: " {
            return (path.to_owned(), "is required (got null)".to_owned());
        }
        let words = format!(
            "must be {} (got {})",
            expected_words(expected),
            got_words(got)
        );
        return (path.to_owned(), words);
    }
    (path.to_owned(), message.to_owned())
}

/// What serde expected, in words: `i64` is "an integer", `struct X` "an object".
fn expected_words(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "i16" | "i8" => "an integer".to_owned(),
        "u64" | "u32" | "u16" | "u8" | "usize" => {
            let max = match expected {
                "u8" => u64::from(u8::MAX),
                "u16" => u64::from(u16::MAX),
                "u32" => u64::from(u32::MAX),
                _ => u64::MAX,
            };
            format!("an integer from 0 to {max}")
        }
        "f64" | "f32" => "a number".to_owned(),
        "a boolean" | "bool" => "true or false".to_owned(),
        "a string" | "a borrowed string" => "a string".to_owned(),
        "a sequence" => "a list".to_owned(),
        "a map" => "an object".to_owned(),
        other if other.starts_with("struct ") => "an object".to_owned(),
        other => other.to_owned(),
    }
}

/// What was given, in words: `string "x"` is `"x"`, `map` "an object".
fn got_words(got: &str) -> String {
    let unquote = |text: &str| text.trim_matches('`').to_owned();
    match got {
        "map" => "an object".to_owned(),
        "sequence" => "a list".to_owned(),
        "unit value" => "null".to_owned(),
        other => {
            for (prefix, keep_quotes) in [
                ("string ", true),
                ("integer ", false),
                ("floating point ", false),
                ("boolean ", false),
            ] {
                if let Some(value) = other.strip_prefix(prefix) {
                    return if keep_quotes {
                        value.to_owned()
                    } else {
                        unquote(value)
                    };
                }
            }
            other.to_owned()
        }
    }
}

fn no_params(operation: &Operation, params: &Value) -> Result<()> {
    match params {
        Value::Null => Ok(()),
        Value::Object(map) if map.is_empty() => Ok(()),
        _ => Err(Error::validation(
            "params",
            format!(
                "{} takes no parameters besides the `{}`",
                operation.name,
                operation.path_param.unwrap_or("ID")
            ),
        )),
    }
}

/// The parameters of an operation whose body is optional (`null` is `{}`).
fn optional_body(params: Value) -> Value {
    if params.is_null() {
        Value::Object(Default::default())
    } else {
        params
    }
}

/// The request preparation: one arm per row of the operation table, like [`dispatch`].
macro_rules! prepare {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        /// Parses and validates a call exactly as [`crate::operations::invoke`] does, without sending it:
        /// answers the request it would send (method, path, query, body), or the
        /// validation error naming the field. For dry runs, property tests and fuzzing.
        pub fn prepare(operation: &str, id: Option<&str>, params: Value) -> Result<ApiRequest> {
            crate::validation::nesting::check_value(&params, "params")?;
            match operation {
                $( $name => prepare!(@arm id params $ffi $id $kind $params), )*
                other => Err(Error::validation(
                    "operation",
                    format!("unknown operation `{other}`{}", suggest::did_you_mean(other, api::OPERATIONS.iter().map(|op| op.name))),
                )),
            }
        }
    };
    (@arm $id:ident $params:ident $ffi:ident $path_id:ident none ()) => {{
        no_params(&api::op::$ffi, &$params)?;
        build_request::<()>(&api::op::$ffi, $id, None)
    }};
    (@arm $id:ident $params:ident $ffi:ident none $kind:ident $request:ident) => {{
        let request: models::$request = parse_params($params)?;
        build_request(&api::op::$ffi, $id, Some(&request))
    }};
    (@arm $id:ident $params:ident $ffi:ident $path_id:ident $kind:ident $request:ident) => {{
        let request: models::$request = parse_params(optional_body($params))?;
        build_request(&api::op::$ffi, $id, Some(&request))
    }};
}

api::for_each_operation!(prepare);

/// The path of the first field of `body` that `P` does not model (`P` refuses unknown
/// fields), if that is why it does not parse.
fn unknown_field<P: DeserializeOwned>(body: &serde_json::Value) -> Option<String> {
    match parse_params::<P>(body.clone()) {
        Err(error) if error.reason().starts_with("unknown field") => {
            error.field().map(str::to_owned)
        }
        _ => None,
    }
}

/// The request `operation` sends with this path parameter and these parameters (normalised,
/// validated and serialised); nothing is sent.
pub(crate) fn build_request<P: Validate + Serialize + DeserializeOwned + Clone>(
    operation: &'static Operation,
    id: Option<&str>,
    params: Option<&P>,
) -> Result<ApiRequest> {
    let path = expand_path(operation, id)?;
    let mut request = ApiRequest {
        method: operation.method,
        path,
        query: Vec::new(),
        body: None,
        public_key_allowed: operation.public_key,
        operation: operation.name,
        unknown_field: None,
    };
    let Some(params) = params else {
        return Ok(request);
    };
    let mut params = params.clone();
    params.normalize();
    params.validate()?;
    let cannot =
        |e: serde_json::Error| Error::internal(format!("cannot serialise {}: {e}", operation.name));
    match operation.params {
        Params::Body => {
            request.body = Some(serde_json::to_vec(&params).map_err(cannot)?);
            request.unknown_field = Some(unknown_field::<P>);
        }
        Params::Query => {
            if let serde_json::Value::Object(fields) =
                serde_json::to_value(&params).map_err(cannot)?
            {
                for (name, value) in fields {
                    let text = match value {
                        serde_json::Value::Null => continue,
                        serde_json::Value::String(text) => text,
                        other => other.to_string(),
                    };
                    request.query.push((name, text));
                }
            }
        }
        Params::None => {}
    }
    Ok(request)
}

/// `operation.path` with its `{param}` replaced by `id`, checked and percent-encoded.
fn expand_path(operation: &Operation, id: Option<&str>) -> Result<String> {
    let Some(name) = operation.path_param else {
        return Ok(operation.path.to_owned());
    };
    let id = id.ok_or_else(|| {
        Error::validation(
            name,
            format!("{} needs the `{name}` of the resource", operation.name),
        )
    })?;
    validation::path_id(name, id)?;
    let mut encoded = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    Ok(operation.path.replace(&format!("{{{name}}}"), &encoded))
}
