//! The description (`momentpay::describe::describe()`) read into types the renderers share:
//! operations, options, events, and each schema as a struct, an enum or a union.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// A type as the schemas spell it.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// A string.
    Str,
    /// An integer.
    Int,
    /// A number.
    Num,
    /// true or false.
    Bool,
    /// Any JSON.
    Any,
    /// A named schema.
    Ref(String),
    /// A list.
    List(Box<Ty>),
    /// An object with string keys.
    Map(Box<Ty>),
}

/// One field of a struct.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    /// In `required` (a request must give it; a response always has it).
    pub required: bool,
    /// May be null.
    pub nullable: bool,
    pub doc: String,
}

/// A named schema.
#[derive(Debug, Clone)]
pub enum Def {
    Struct {
        fields: Vec<Field>,
        doc: String,
    },
    Enum {
        values: Vec<String>,
        value_docs: Vec<String>,
        doc: String,
    },
    /// One of several types, told apart by JSON type.
    Union {
        variants: Vec<(Ty, String)>,
        doc: String,
    },
    /// Something the renderers show as any JSON (the event data union).
    Opaque,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub name: String,
    pub method: String,
    pub path: String,
    pub path_param: Option<String>,
    /// `body`, `query` or `none`.
    pub params: String,
    pub request: Option<String>,
    pub response: String,
    pub mutates: bool,
    pub public_key: bool,
    /// The Rust resource type serving it (`BillingCustomers`): every language's class name.
    pub class: String,
    pub doc: String,
    /// For a list operation: how every language walks its items.
    pub pages: Option<Pages>,
}

/// A list operation's walk as the templates render it: a resource's method (named as the
/// language names methods), the operation it pages, the items' model, the path parameter.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PagerView {
    pub method: String,
    pub operation: String,
    pub item: String,
    pub path_param: Option<String>,
}

/// A list operation's walk: the method's name and the items' model.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Pages {
    /// The method every language names the walk (`transactions`).
    pub method: String,
    /// The items' model.
    pub item: String,
}

impl Operation {
    /// `billing.customers` of `billing.customers.create`.
    pub fn resource(&self) -> &str {
        self.name
            .rsplit_once('.')
            .map(|(r, _)| r)
            .unwrap_or_default()
    }

    /// `create` of `billing.customers.create`.
    pub fn method_name(&self) -> &str {
        self.name
            .rsplit_once('.')
            .map(|(_, m)| m)
            .unwrap_or(&self.name)
    }

    /// The doc as one paragraph, without the leading `METHOD /path` part.
    pub fn summary(&self) -> String {
        let text = self
            .doc
            .split('\n')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ");
        let text = text.trim();
        match text.split_once("`: ") {
            Some((head, rest)) if head.starts_with('`') => capitalise(rest),
            _ => match text.split_once("` (201): ") {
                Some((head, rest)) if head.starts_with('`') => capitalise(rest),
                _ => text.to_owned(),
            },
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone)]
pub struct OptionSpec {
    pub name: String,
    /// `string`, `duration`, `count`, `bool`, `object`.
    pub kind: String,
    /// `all`, `mutations` or `body`: which operations take it.
    pub scope: String,
    pub doc: String,
}

impl OptionSpec {
    /// Whether `operation` takes this option.
    pub fn applies_to(&self, operation: &Operation) -> bool {
        match self.scope.as_str() {
            "mutations" => operation.mutates,
            "body" => operation.params == "body",
            _ => true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub kind: String,
    pub data: Option<String>,
}

/// One class of the bindings' error hierarchy.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErrorClass {
    pub name: String,
    /// `None` for the root.
    pub parent: Option<String>,
    /// The languages that have it (empty: all).
    pub only_in: Vec<String>,
    pub doc: String,
}

/// An error kind or a webhook failure, and the class raised for it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErrorCode {
    pub code: String,
    pub class: String,
    pub doc: String,
}

/// An attribute every error carries.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ErrorField {
    /// snake_case.
    pub name: String,
    /// `string`, `integer`, `number`, `boolean` or `object`.
    pub ty: String,
    pub nullable: bool,
    pub doc: String,
}

/// The error catalogue.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    /// Parents before children.
    pub classes: Vec<ErrorClass>,
    pub kinds: Vec<ErrorCode>,
    pub webhook_failures: Vec<ErrorCode>,
    pub fields: Vec<ErrorField>,
}

impl Errors {
    /// The classes `language` has, parents before children.
    pub fn classes_in(&self, language: &str) -> Vec<ErrorClass> {
        self.classes
            .iter()
            .filter(|c| c.only_in.is_empty() || c.only_in.iter().any(|l| l == language))
            .cloned()
            .collect()
    }

    /// `class`, or its nearest ancestor `language` has.
    pub fn class_in(&self, class: &str, language: &str) -> String {
        let mut name = class.to_owned();
        while let Some(row) = self.classes.iter().find(|c| c.name == name) {
            if row.only_in.is_empty() || row.only_in.iter().any(|l| l == language) {
                return name;
            }
            match &row.parent {
                Some(parent) => name = parent.clone(),
                None => break,
            }
        }
        "MomentError".to_owned()
    }

    /// `codes` with each class replaced by the one `language` raises.
    pub fn codes_in(&self, codes: &[ErrorCode], language: &str) -> Vec<ErrorCode> {
        codes
            .iter()
            .map(|c| ErrorCode {
                class: self.class_in(&c.class, language),
                ..c.clone()
            })
            .collect()
    }

    fn read(raw: &Value) -> Errors {
        let list = |key: &str| raw[key].as_array().cloned().unwrap_or_default();
        let codes = |key: &str| {
            list(key)
                .iter()
                .map(|c| ErrorCode {
                    code: text(&c["code"]),
                    class: text(&c["class"]),
                    doc: text(&c["doc"]),
                })
                .collect()
        };
        Errors {
            classes: list("classes")
                .iter()
                .map(|c| ErrorClass {
                    name: text(&c["name"]),
                    parent: c["parent"].as_str().map(str::to_owned),
                    only_in: c["only_in"]
                        .as_array()
                        .map(|l| l.iter().map(text).collect())
                        .unwrap_or_default(),
                    doc: text(&c["doc"]),
                })
                .collect(),
            kinds: codes("kinds"),
            webhook_failures: codes("webhook_failures"),
            fields: list("fields")
                .iter()
                .map(|f| ErrorField {
                    name: text(&f["name"]),
                    ty: text(&f["type"]),
                    nullable: f["nullable"].as_bool().unwrap_or(false),
                    doc: text(&f["doc"]),
                })
                .collect(),
        }
    }
}

/// The whole description.
#[derive(Debug, Clone)]
pub struct Api {
    pub version: String,
    pub operations: Vec<Operation>,
    pub client_options: Vec<OptionSpec>,
    pub request_options: Vec<OptionSpec>,
    pub events: Vec<Event>,
    /// The error catalogue.
    pub errors: Errors,
    pub defs: BTreeMap<String, Def>,
    /// Schemas reachable from a request.
    pub request_defs: BTreeSet<String>,
    /// Schemas reachable from a response or an event.
    pub response_defs: BTreeSet<String>,
    /// The raw description (for the JSON outputs).
    pub raw: Value,
}

fn text(value: &Value) -> String {
    value.as_str().unwrap_or_default().to_owned()
}

/// A schema's type and whether it may be null.
pub fn ty_of(schema: &Value) -> (Ty, bool) {
    if schema == &Value::Bool(true) || schema.as_object().is_some_and(|o| o.is_empty()) {
        return (Ty::Any, false);
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return (
            Ty::Ref(reference.rsplit('/').next().unwrap_or_default().to_owned()),
            false,
        );
    }
    if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
        let non_null: Vec<&Value> = variants
            .iter()
            .filter(|v| v.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        let nullable = non_null.len() < variants.len();
        if non_null.len() == 1 {
            let (ty, inner_nullable) = ty_of(non_null[0]);
            return (ty, nullable || inner_nullable);
        }
        return (Ty::Any, nullable);
    }
    let (kind, nullable) = match schema.get("type") {
        Some(Value::String(kind)) => (kind.as_str(), false),
        Some(Value::Array(kinds)) => {
            let nullable = kinds.iter().any(|k| k == "null");
            let kind = kinds
                .iter()
                .filter_map(Value::as_str)
                .find(|k| *k != "null")
                .unwrap_or("null");
            (kind, nullable)
        }
        _ => ("any", false),
    };
    let ty = match kind {
        "string" => Ty::Str,
        "integer" => Ty::Int,
        "number" => Ty::Num,
        "boolean" => Ty::Bool,
        "array" => Ty::List(Box::new(
            schema.get("items").map(|i| ty_of(i).0).unwrap_or(Ty::Any),
        )),
        "object" => {
            let inner = match schema.get("additionalProperties") {
                Some(Value::Bool(true)) | None => Ty::Any,
                Some(other) => ty_of(other).0,
            };
            Ty::Map(Box::new(inner))
        }
        _ => Ty::Any,
    };
    (ty, nullable)
}

fn def_of(schema: &Value) -> Def {
    let doc = text(schema.get("description").unwrap_or(&Value::Null));
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let value_docs = schema
            .get("x-enum-descriptions")
            .and_then(Value::as_array)
            .map(|docs| docs.iter().map(text).collect())
            .unwrap_or_else(|| vec![String::new(); values.len()]);
        return Def::Enum {
            values: values.iter().map(text).collect(),
            value_docs,
            doc,
        };
    }
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        let required: BTreeSet<String> = schema
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().map(text).collect())
            .unwrap_or_default();
        let fields = properties
            .iter()
            .map(|(name, field)| {
                let (ty, nullable) = ty_of(field);
                Field {
                    name: name.clone(),
                    ty,
                    required: required.contains(name),
                    nullable,
                    doc: text(field.get("description").unwrap_or(&Value::Null)),
                }
            })
            .collect();
        return Def::Struct { fields, doc };
    }
    if let Some(variants) = schema.get("anyOf").and_then(Value::as_array) {
        if variants
            .iter()
            .any(|v| v.as_object().is_some_and(|o| o.is_empty()))
        {
            return Def::Opaque;
        }
        return Def::Union {
            variants: variants
                .iter()
                .map(|v| {
                    (
                        ty_of(v).0,
                        text(v.get("description").unwrap_or(&Value::Null)),
                    )
                })
                .collect(),
            doc,
        };
    }
    Def::Opaque
}

fn refs(ty: &Ty, out: &mut Vec<String>) {
    match ty {
        Ty::Ref(name) => out.push(name.clone()),
        Ty::List(inner) | Ty::Map(inner) => refs(inner, out),
        _ => {}
    }
}

fn reach(
    defs: &BTreeMap<String, Def>,
    roots: impl IntoIterator<Item = String>,
) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut todo: Vec<String> = roots.into_iter().collect();
    while let Some(name) = todo.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        let mut next = Vec::new();
        match defs.get(&name) {
            Some(Def::Struct { fields, .. }) => fields.iter().for_each(|f| refs(&f.ty, &mut next)),
            Some(Def::Union { variants, .. }) => {
                variants.iter().for_each(|(t, _)| refs(t, &mut next))
            }
            _ => {}
        }
        todo.extend(next);
    }
    seen
}

impl Api {
    /// Reads the description.
    pub fn read(raw: Value) -> Api {
        let list = |key: &str| {
            raw.get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let operations = list("operations")
            .iter()
            .map(|op| Operation {
                name: text(&op["name"]),
                method: text(&op["method"]),
                path: text(&op["path"]),
                path_param: op["path_param"].as_str().map(str::to_owned),
                params: text(&op["params"]),
                request: op["request"].as_str().map(str::to_owned),
                response: text(&op["response"]),
                mutates: op["mutates"].as_bool().unwrap_or(false),
                public_key: op["public_key"].as_bool().unwrap_or(false),
                class: text(&op["rust"]["resource"]),
                doc: text(&op["doc"]),
                pages: op["pages"].as_object().map(|p| Pages {
                    method: text(&p["method"]),
                    item: text(&p["item"]),
                }),
            })
            .collect::<Vec<_>>();
        let options = |key: &str| {
            list(key)
                .iter()
                .map(|o| OptionSpec {
                    name: text(&o["name"]),
                    kind: text(&o["kind"]),
                    scope: text(&o["scope"]),
                    doc: text(&o["doc"]),
                })
                .collect::<Vec<_>>()
        };
        let events = list("events")
            .iter()
            .map(|e| Event {
                kind: text(&e["type"]),
                data: e["data"].as_str().map(str::to_owned),
            })
            .collect::<Vec<_>>();
        let defs: BTreeMap<String, Def> = raw
            .get("schemas")
            .and_then(Value::as_object)
            .map(|schemas| {
                schemas
                    .iter()
                    .map(|(name, schema)| (name.clone(), def_of(schema)))
                    .collect()
            })
            .unwrap_or_default();
        let request_defs = reach(&defs, operations.iter().filter_map(|op| op.request.clone()));
        let response_defs = reach(
            &defs,
            operations
                .iter()
                .map(|op| op.response.clone())
                .chain(events.iter().filter_map(|e| e.data.clone()))
                .chain(["EventType".to_owned()]),
        );
        Api {
            version: text(&raw["version"]),
            operations,
            client_options: options("client_options"),
            request_options: options("request_options"),
            events,
            errors: Errors::read(&raw["errors"]),
            defs,
            request_defs,
            response_defs,
            raw,
        }
    }

    /// A request struct's name in the languages' types: the operations' own parameter types
    /// get `Params` (`CreatePaymentSessionParams`), nested ones keep theirs.
    pub fn request_name(&self, name: &str) -> String {
        let top_level = self
            .operations
            .iter()
            .any(|op| op.request.as_deref() == Some(name));
        if top_level && !name.ends_with("Params") {
            format!("{name}Params")
        } else {
            name.to_owned()
        }
    }

    /// The class of resource `resource` (`billing.customers`): the Rust resource type's name.
    pub fn resource_class(&self, resource: &str) -> String {
        self.operations
            .iter()
            .find(|op| op.resource() == resource)
            .map(|op| op.class.clone())
            .unwrap_or_else(|| pascal(resource))
    }

    /// The struct called `name`, if it is one.
    pub fn fields(&self, name: &str) -> &[Field] {
        match self.defs.get(name) {
            Some(Def::Struct { fields, .. }) => fields,
            _ => &[],
        }
    }

    /// The top-level resources in order of first appearance (`payment_sessions`, ...,
    /// `billing`), each with its sub-resources (`billing.customers`) or itself.
    pub fn resource_paths(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for op in &self.operations {
            let resource = op.resource().to_owned();
            if !out.contains(&resource) {
                out.push(resource);
            }
        }
        out
    }

    /// The events grouped by their data model, in order of first appearance: (model or
    /// `None` for untyped data, the types).
    pub fn event_groups(&self) -> Vec<(Option<String>, Vec<String>)> {
        let mut groups: Vec<(Option<String>, Vec<String>)> = Vec::new();
        for event in &self.events {
            match groups.iter_mut().find(|(model, _)| *model == event.data) {
                Some((_, kinds)) => kinds.push(event.kind.clone()),
                None => groups.push((event.data.clone(), vec![event.kind.clone()])),
            }
        }
        groups
    }
}

/// `payment_sessions` as `PaymentSessions`, `list_transactions` as `ListTransactions`.
pub fn pascal(name: &str) -> String {
    name.split(['_', '.']).map(capitalise).collect()
}

/// `list_transactions` as `listTransactions`.
pub fn camel(name: &str) -> String {
    momentpay::options::camel_case(name)
}

/// A doc text as lines (for comments), empty lines kept.
pub fn doc_lines(doc: &str) -> Vec<String> {
    doc.split('\n').map(|l| l.trim_end().to_owned()).collect()
}

/// An enum's doc followed by one line per value and what it means.
pub fn enum_doc(doc: &str, values: &[String], value_docs: &[String], quote: &str) -> Vec<String> {
    let mut lines = doc_lines(doc);
    lines.push(String::new());
    for (value, meaning) in values.iter().zip(value_docs) {
        lines.push(format!("- {quote}{value}{quote}: {meaning}"));
    }
    lines
}
