//! The Node surface: `ts/lib/models.ts` (every request, response and event type, the options)
//! and `ts/lib/client.ts` (the resources and `Moment`).

use crate::model::{Api, Def, PagerView, Ty, camel, doc_lines, enum_doc, pascal};
use crate::render::{Output, render};
use serde::Serialize;

/// A type in a request (closed: the core refuses values it does not know) or a response
/// (open enums: a value Moment adds later still type-checks).
fn ts_type(api: &Api, ty: &Ty, request: bool) -> String {
    match ty {
        Ty::Str => "string".into(),
        Ty::Int | Ty::Num => "number".into(),
        Ty::Bool => "boolean".into(),
        Ty::Any => "unknown".into(),
        Ty::List(inner) => format!("Array<{}>", ts_type(api, inner, request)),
        Ty::Map(inner) => format!("Record<string, {}>", ts_type(api, inner, request)),
        Ty::Ref(name) => match api.defs.get(name) {
            Some(Def::Opaque) => "unknown".into(),
            Some(Def::Enum { .. }) if request => name.clone(),
            Some(Def::Enum { .. }) => format!("Open<{name}>"),
            Some(Def::Union { .. }) => name.clone(),
            Some(Def::Struct { .. }) if request => api.request_name(name),
            _ => name.clone(),
        },
    }
}

#[derive(Serialize)]
struct FieldView {
    /// `name?: T` or `name: T | null`.
    declaration: String,
    doc: String,
}

#[derive(Serialize)]
struct InterfaceView {
    name: String,
    doc: Vec<String>,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct AliasView {
    name: String,
    value: String,
    doc: Vec<String>,
}

#[derive(Serialize)]
struct OptionView {
    name: String,
    ty: String,
    doc: String,
}

#[derive(Serialize)]
struct MethodView {
    name: String,
    operation: String,
    doc: Vec<String>,
    path_param: Option<String>,
    /// `params: M.X` or `params?: M.X`, if the operation takes parameters.
    params: Option<String>,
    returns: String,
    /// The options type: `M.RequestOptions`, or without the options it does not take.
    options: String,
}

#[derive(Serialize)]
struct ResourceView {
    class: String,
    path: String,
    methods: Vec<MethodView>,
    /// The walks of its list operations.
    pagers: Vec<PagerView>,
}

#[derive(Serialize)]
struct NamespaceView {
    attribute: String,
    class: String,
    children: Vec<(String, String)>,
}

#[derive(Serialize)]
struct EventView {
    types: String,
    data: String,
}

fn options(specs: &[crate::model::OptionSpec]) -> Vec<OptionView> {
    specs
        .iter()
        .map(|o| OptionView {
            name: camel(&o.name),
            ty: match o.kind.as_str() {
                "duration" | "count" => "number",
                "bool" => "boolean",
                "object" => "Record<string, unknown>",
                _ => "string",
            }
            .to_owned(),
            doc: if o.kind == "duration" {
                format!("{} In milliseconds.", o.doc.replace(" seconds", " s"))
            } else {
                o.doc.clone()
            },
        })
        .collect()
}

/// Every output of the Node surface.
pub fn outputs(api: &Api, env: &minijinja::Environment<'_>) -> Vec<Output> {
    let mut aliases = Vec::new();
    let mut requests = Vec::new();
    let mut responses = Vec::new();
    for (name, def) in &api.defs {
        match def {
            Def::Enum {
                values,
                value_docs,
                doc,
            } => aliases.push(AliasView {
                name: name.clone(),
                value: values
                    .iter()
                    .map(|v| format!("'{v}'"))
                    .collect::<Vec<_>>()
                    .join(" | "),
                doc: enum_doc(doc, values, value_docs, "`"),
            }),
            Def::Union { variants, doc } => aliases.push(AliasView {
                name: name.clone(),
                value: variants
                    .iter()
                    .map(|(t, _)| ts_type(api, t, true))
                    .collect::<Vec<_>>()
                    .join(" | "),
                doc: doc_lines(doc),
            }),
            Def::Struct { fields, doc, .. } => {
                if api.request_defs.contains(name) {
                    requests.push(InterfaceView {
                        name: api.request_name(name),
                        doc: doc_lines(doc),
                        fields: fields
                            .iter()
                            .map(|f| FieldView {
                                declaration: format!(
                                    "{}{}: {}",
                                    f.name,
                                    if f.required { "" } else { "?" },
                                    ts_type(api, &f.ty, true)
                                ),
                                doc: f.doc.replace('\n', " "),
                            })
                            .collect(),
                    });
                }
                if api.response_defs.contains(name) {
                    responses.push(InterfaceView {
                        name: name.clone(),
                        doc: doc_lines(doc),
                        fields: fields
                            .iter()
                            .map(|f| FieldView {
                                declaration: format!(
                                    "{}: {}{}",
                                    f.name,
                                    ts_type(api, &f.ty, false),
                                    if f.nullable { " | null" } else { "" }
                                ),
                                doc: f.doc.replace('\n', " "),
                            })
                            .collect(),
                    });
                }
            }
            Def::Opaque => {}
        }
    }
    let events: Vec<EventView> = api
        .event_groups()
        .into_iter()
        .map(|(model, kinds)| EventView {
            types: kinds
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(" | "),
            data: model.unwrap_or_else(|| "Record<string, unknown>".to_owned()),
        })
        .collect();
    let mut resources: Vec<ResourceView> = Vec::new();
    for op in &api.operations {
        let class = op.class.clone();
        let params = op.request.as_ref().map(|request| {
            let any_required = api.fields(request).iter().any(|f| f.required);
            format!(
                "params{}: M.{}",
                if any_required { "" } else { "?" },
                api.request_name(request)
            )
        });
        let method = MethodView {
            name: camel(op.method_name()),
            operation: op.name.clone(),
            doc: doc_lines(&op.summary()),
            path_param: op.path_param.clone(),
            params,
            returns: op.response.clone(),
            options: {
                let omitted: Vec<String> = api
                    .request_options
                    .iter()
                    .filter(|o| !o.applies_to(op))
                    .map(|o| format!("'{}'", camel(&o.name)))
                    .collect();
                if omitted.is_empty() {
                    "M.RequestOptions".to_owned()
                } else {
                    format!("Omit<M.RequestOptions, {}>", omitted.join(" | "))
                }
            },
        };
        match resources.iter_mut().find(|r| r.class == class) {
            Some(resource) => resource.methods.push(method),
            None => resources.push(ResourceView {
                class,
                path: op.path.split("/{").next().unwrap_or_default().to_owned(),
                methods: vec![method],
                pagers: Vec::new(),
            }),
        }
        if let Some(pages) = &op.pages
            && let Some(resource) = resources.iter_mut().find(|r| r.class == op.class)
        {
            resource.pagers.push(PagerView {
                method: camel(&pages.method),
                operation: op.name.clone(),
                item: pages.item.clone(),
                path_param: op.path_param.clone(),
            });
        }
    }
    let mut namespaces: Vec<NamespaceView> = Vec::new();
    for resource in api.resource_paths() {
        match resource.split_once('.') {
            None => namespaces.push(NamespaceView {
                attribute: camel(&resource),
                class: api.resource_class(&resource),
                children: Vec::new(),
            }),
            Some((head, tail)) => {
                let child = (camel(tail), api.resource_class(&resource));
                match namespaces.iter_mut().find(|n| n.attribute == head) {
                    Some(namespace) => namespace.children.push(child),
                    None => namespaces.push(NamespaceView {
                        attribute: camel(head),
                        class: pascal(head),
                        children: vec![child],
                    }),
                }
            }
        }
    }
    let error_fields: Vec<minijinja::Value> = api
        .errors
        .fields
        .iter()
        .map(|f| {
            let ty = match f.ty.as_str() {
                "string" => "string",
                "integer" | "number" => "number",
                "boolean" => "boolean",
                _ => "Record<string, unknown>",
            };
            // `kind` is always given; the rest may be left out (null, or false).
            let optional = f.name != "kind";
            let (value_ty, default) = match (f.nullable, ty) {
                (true, _) => (format!("{ty} | null"), "null"),
                (false, "boolean") => (ty.to_owned(), "false"),
                (false, _) => (ty.to_owned(), "''"),
            };
            let details_ty = if f.nullable {
                format!("{ty} | null")
            } else {
                ty.to_owned()
            };
            minijinja::context! {
                name => camel(&f.name),
                wire => f.name.clone(),
                doc => f.doc.clone(),
                ty => details_ty,
                value_ty => value_ty,
                default => default,
                optional => optional,
            }
        })
        .collect();
    let context = minijinja::context! {
        error_classes => api.errors.classes_in("node"),
        error_kinds => api.errors.codes_in(&api.errors.kinds, "node"),
        webhook_failures => api.errors.codes_in(&api.errors.webhook_failures, "node"),
        error_fields => error_fields,
        aliases => aliases,
        requests => requests,
        responses => responses,
        events => events,
        resources => resources,
        namespaces => namespaces,
        client_options => options(&api.client_options),
        request_options => options(&api.request_options),
    };
    vec![
        render(
            env,
            "node/models.ts",
            "bindings-node/ts/lib/models.ts",
            &context,
        ),
        render(
            env,
            "node/client.ts",
            "bindings-node/ts/lib/client.ts",
            &context,
        ),
        render(
            env,
            "node/errors.ts",
            "bindings-node/ts/lib/errors.ts",
            &context,
        ),
    ]
}
