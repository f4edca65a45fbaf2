//! `api/openapi.json`: OpenAPI 3.1 of the API as momentpay models it, from the same
//! description: every operation with its parameters, request body and responses (models as
//! `application/json`, errors as `application/problem+json`), and every webhook event.

use crate::model::Api;
use serde_json::{Map, Value, json};

/// Rewrites JSON Schema `$defs` references into OpenAPI's `components/schemas`.
fn rehome(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("$ref", Value::String(r)) => {
                            Value::String(r.replace("#/$defs/", "#/components/schemas/"))
                        }
                        _ => rehome(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(rehome).collect()),
        other => other.clone(),
    }
}

fn schema_ref(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn problem_response(description: &str) -> Value {
    json!({
        "description": description,
        "headers": {"x-request-id": {"$ref": "#/components/headers/RequestId"}},
        "content": {"application/problem+json": {"schema": schema_ref("Problem")}},
    })
}

/// The document.
pub fn document(api: &Api) -> Value {
    let mut paths: Map<String, Value> = Map::new();
    for op in &api.operations {
        let mut parameters = Vec::new();
        if let Some(param) = &op.path_param {
            parameters.push(json!({
                "name": param, "in": "path", "required": true,
                "description": "The ID (billing resources: or your external reference).",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[^/?#%\\\\\\s]+$"},
            }));
        }
        if op.mutates {
            parameters.push(json!({"$ref": "#/components/parameters/IdempotencyKey"}));
        }
        if op.params == "query"
            && let Some(request) = &op.request
        {
            for field in api.fields(request) {
                let schema = api.raw["schemas"][request]["properties"][&field.name].clone();
                parameters.push(json!({
                    "name": field.name, "in": "query", "required": field.required,
                    "description": field.doc, "schema": rehome(&schema),
                }));
            }
        }
        let status = if op.method_name() == "create" {
            "201"
        } else {
            "200"
        };
        let mut operation = json!({
            "operationId": op.name,
            "summary": op.summary(),
            "description": op.doc.replace('\n', " "),
            "tags": [op.resource()],
            "parameters": parameters,
            "responses": {
                status: {
                    "description": "The model.",
                    "headers": {
                        "x-request-id": {"$ref": "#/components/headers/RequestId"},
                        "Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"},
                    },
                    "content": {"application/json": {"schema": schema_ref(&op.response)}},
                },
                "4XX": problem_response("The request was refused (a problem document names the field when it can)."),
                "5XX": problem_response("Moment failed; the SDKs retry these."),
            },
        });
        if op.public_key {
            operation["description"] = Value::String(format!(
                "{} A public key (pk_…) may call it.",
                operation["description"].as_str().unwrap_or_default()
            ));
        }
        if op.params == "body"
            && let Some(request) = &op.request
        {
            let required = api.fields(request).iter().any(|f| f.required);
            operation["requestBody"] = json!({
                "required": required,
                "content": {"application/json": {"schema": schema_ref(request)}},
            });
        }
        // What a client does next with what it created: links from a create to the
        // operations on the object it answers (schema-driven testers follow them).
        if status == "201" {
            let links: Map<String, Value> = api
                .operations
                .iter()
                .filter_map(|next| {
                    let param = next.path_param.as_ref()?;
                    let own = format!("{}/{{{param}}}", op.path);
                    (next.path == own || next.path.starts_with(&format!("{own}/"))).then(|| {
                        (
                            next.name.replace('.', "_"),
                            json!({
                                "operationId": next.name,
                                "parameters": {param: "$response.body#/id"},
                                "description": format!("`{}` on the object just created.", next.name),
                            }),
                        )
                    })
                })
                .collect();
            if !links.is_empty() {
                operation["responses"][status]["links"] = Value::Object(links);
            }
        }
        let path = paths.entry(op.path.clone()).or_insert_with(|| json!({}));
        path[op.method.to_lowercase()] = operation;
    }
    let mut schemas: Map<String, Value> = api
        .raw
        .get("schemas")
        .and_then(Value::as_object)
        .map(|s| s.iter().map(|(k, v)| (k.clone(), rehome(v))).collect())
        .unwrap_or_default();
    schemas.insert(
        "Problem".into(),
        json!({
            "description": "An RFC 9457 problem document: the body of every error response.",
            "type": "object",
            "properties": {
                "type": {"type": "string", "description": "A URI naming the error kind; its fragment is the code (not-found, conflict, idempotency-key-in-use, ...)."},
                "title": {"type": "string"},
                "status": {"type": "integer"},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                    "required": ["field", "message"],
                }},
            },
            "required": ["type", "title", "status"],
        }),
    );
    let mut webhooks: Map<String, Value> = Map::new();
    for event in &api.events {
        let data = match &event.data {
            Some(model) => schema_ref(model),
            None => json!({"type": "object", "description": "Kept as sent (no model)."}),
        };
        webhooks.insert(
            event.kind.clone(),
            json!({"post": {
                "operationId": format!("webhook.{}", event.kind),
                "summary": format!("The {} event", event.kind),
                "description": "Signed as Standard Webhooks v1: verify the raw body against webhook-id, webhook-timestamp and webhook-signature before reading it.",
                "parameters": [
                    {"name": "webhook-id", "in": "header", "required": true, "schema": {"type": "string"}},
                    {"name": "webhook-timestamp", "in": "header", "required": true, "schema": {"type": "string", "pattern": "^[0-9]+$"}},
                    {"name": "webhook-signature", "in": "header", "required": true, "schema": {"type": "string"}},
                ],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "description": "evt_…: deduplicate on it."},
                        "type": {"const": event.kind},
                        "data": data,
                    },
                    "required": ["id", "type", "data"],
                }}}},
                "responses": {"2XX": {"description": "Received (any other answer is retried with backoff)."}},
            }}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Moment payments API (as momentpay models it)",
            "version": api.version,
            "description": "Generated by momentpay-codegen from the Rust types of the momentpay SDK; served by momentpay-sim at /openapi.json.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"},
        },
        "servers": [{"url": "https://api.momentpay.net", "description": "Moment"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "webhooks": webhooks,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer sk_… (a pk_… key may only create payment sessions)."}},
            "parameters": {
                "IdempotencyKey": {
                    "name": "Idempotency-Key", "in": "header", "required": false,
                    "description": "Makes the call safe to repeat: the same key answers the first result. The SDKs send one on every mutation.",
                    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
                },
            },
            "headers": {
                "RequestId": {"description": "Moment's ID of this request.", "schema": {"type": "string"}},
                "IdempotentReplayed": {"description": "`true` when answered from the idempotency store.", "schema": {"type": "string", "enum": ["true", "false"]}},
            },
        },
    })
}
