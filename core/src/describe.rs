//! The machine-readable description of the API as the SDK models it (feature `schema`):
//! the operation table, the client and call options, the webhook events, the error
//! catalogue (classes, kinds, attributes), and the JSON
//! Schema (2020-12) of every request, response and event model, generated from the Rust
//! types by schemars. momentpay-codegen writes it to `api/momentpay.json` and renders every
//! language's surface and `api/openapi.json` from it.

use crate::api::{OPERATIONS, Params};
use crate::models::EventType;
use crate::options::{CLIENT_OPTIONS, OptionKind, OptionScope, OptionSpec, REQUEST_OPTIONS};
use serde_json::{Value, json};

/// Adds the schema of every model of the operation table to the generator.
macro_rules! add_schemas {
    ($(
        $(#[doc = $doc:literal])*
        $resource:ident . $rust_method:ident = $name:literal: $http:ident $path:literal,
            id: $id:ident, $kind:ident: $params:tt, -> $response:ident,
            keys: $keys:ident, ffi: $ffi:ident / $ffi_blocking:ident
            $(, pages: $pages:ident -> $item:ident in $pager:ident)?;
    )*) => {
        fn add_operation_schemas(generator: &mut schemars::SchemaGenerator) {
            $(
                add_schemas!(@request generator $params);
                generator.subschema_for::<crate::models::$response>();
            )*
        }
    };
    (@request $generator:ident ()) => {};
    (@request $generator:ident $params:ident) => {
        $generator.subschema_for::<crate::models::$params>();
    };
}

crate::api::for_each_operation!(add_schemas);

fn options(specs: &[OptionSpec]) -> Value {
    Value::Array(
        specs
            .iter()
            .map(|spec| {
                let kind = match spec.kind {
                    OptionKind::String => "string",
                    OptionKind::Duration => "duration",
                    OptionKind::Count => "count",
                    OptionKind::Bool => "bool",
                    OptionKind::Object => "object",
                };
                let scope = match spec.scope {
                    OptionScope::All => "all",
                    OptionScope::Mutations => "mutations",
                    OptionScope::Body => "body",
                };
                // A doc from `///` lines: one paragraph, trimmed.
                let doc = spec
                    .doc
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ");
                json!({"name": spec.name, "kind": kind, "scope": scope, "doc": doc})
            })
            .collect(),
    )
}

/// The error catalogue: the class hierarchy, which class each kind and webhook failure
/// raises, and the attributes every error carries.
fn errors() -> Value {
    use crate::catalogue::{
        ERROR_CLASSES, ERROR_FIELDS, ERROR_KINDS, ErrorFieldType, ErrorKindSpec, WEBHOOK_FAILURES,
    };
    let specs = |specs: &[ErrorKindSpec]| -> Vec<Value> {
        specs
            .iter()
            .map(|s| json!({"code": s.code, "class": s.class, "doc": s.doc.trim()}))
            .collect()
    };
    let classes: Vec<Value> = ERROR_CLASSES
        .iter()
        .map(|c| json!({"name": c.name, "parent": c.parent, "only_in": c.only_in, "doc": c.doc}))
        .collect();
    let fields: Vec<Value> = ERROR_FIELDS
        .iter()
        .map(|f| {
            let (ty, nullable) = match f.ty {
                ErrorFieldType::String => ("string", false),
                ErrorFieldType::OptionalString => ("string", true),
                ErrorFieldType::OptionalInteger => ("integer", true),
                ErrorFieldType::OptionalNumber => ("number", true),
                ErrorFieldType::Bool => ("boolean", false),
                ErrorFieldType::OptionalObject => ("object", true),
            };
            json!({"name": f.name, "type": ty, "nullable": nullable, "doc": f.doc})
        })
        .collect();
    json!({
        "classes": classes,
        "kinds": specs(ERROR_KINDS),
        "webhook_failures": specs(WEBHOOK_FAILURES),
        "fields": fields,
    })
}

/// The description, as JSON (see the module docs).
pub fn describe() -> Value {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let mut generator = settings.into_generator();
    add_operation_schemas(&mut generator);
    generator.subschema_for::<EventType>();
    generator.subschema_for::<crate::models::EventData>();
    let events: Vec<Value> = EventType::KNOWN
        .iter()
        .map(|wire| json!({"type": wire, "data": EventType::from(*wire).data_model()}))
        .collect();
    let operations: Vec<Value> = OPERATIONS
        .iter()
        .map(|op| {
            json!({
                "name": op.name,
                "method": op.method.as_str(),
                "path": op.path,
                "path_param": op.path_param,
                "params": match op.params { Params::None => "none", Params::Body => "body", Params::Query => "query" },
                "request": op.request,
                "response": op.response,
                "mutates": op.mutates(),
                "public_key": op.public_key,
                "rust": {"resource": op.rust.0, "method": op.rust.1},
                "doc": op.doc.lines().map(str::trim).collect::<Vec<_>>().join("\n"),
                "pages": op.pages.map(|p| json!({"method": p.method, "item": p.item, "pager": p.pager})),
            })
        })
        .collect();
    let schemas = generator.take_definitions(true);
    json!({
        "version": env!("CARGO_PKG_VERSION"),
        "operations": operations,
        "client_options": options(CLIENT_OPTIONS),
        "request_options": options(REQUEST_OPTIONS),
        "events": events,
        "errors": errors(),
        "schemas": schemas,
    })
}
