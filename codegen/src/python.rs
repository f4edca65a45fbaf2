//! The Python surface: `_client.py` (sync and async from one template), `types.py`, the
//! `_momentpay.pyi` stubs and the class tables of the pyo3 layer (`src/generated.rs`).

use crate::model::{Api, Def, Field, PagerView, Ty, doc_lines, enum_doc, pascal};
use crate::render::{Output, render};
use serde::Serialize;

/// A type in a request (TypedDicts) or a response (model classes).
fn py_type(api: &Api, ty: &Ty, request: bool) -> String {
    match ty {
        Ty::Str => "str".into(),
        Ty::Int => "int".into(),
        Ty::Num => "float".into(),
        Ty::Bool => "bool".into(),
        Ty::Any => "Any".into(),
        Ty::List(inner) => format!("List[{}]", py_type(api, inner, request)),
        Ty::Map(inner) => format!("Dict[str, {}]", py_type(api, inner, request)),
        Ty::Ref(name) => match api.defs.get(name) {
            Some(Def::Opaque) => "Any".into(),
            Some(Def::Enum { .. } | Def::Union { .. }) => name.clone(),
            Some(Def::Struct { .. }) if request => api.request_name(name),
            _ => name.clone(),
        },
    }
}

/// A type as `types.py` names it (aliases and TypedDicts are defined there).
fn typed(api: &Api, ty: &Ty, request: bool) -> String {
    py_type(api, ty, request)
}

#[derive(Serialize)]
struct Alias {
    /// `enum` (a Literal) or `union`.
    kind: &'static str,
    name: String,
    value: String,
    doc: Vec<String>,
}

#[derive(Serialize)]
struct TypedDictField {
    name: String,
    ty: String,
    doc: String,
}

#[derive(Serialize)]
struct TypedDictView {
    name: String,
    doc: Vec<String>,
    fields: Vec<TypedDictField>,
}

#[derive(Serialize)]
struct ModelField {
    name: String,
    ty: String,
    /// The `__init__` keyword: `name: T` or `name: Optional[T] = None`.
    param: String,
    doc: String,
}

#[derive(Serialize)]
struct ModelView {
    name: String,
    doc: Vec<String>,
    fields: Vec<ModelField>,
}

#[derive(Serialize)]
struct EventClass {
    name: String,
    types: String,
    data: String,
    doc: String,
}

#[derive(Serialize)]
struct Param {
    /// `name: T` or `name: Optional[T] = None`.
    signature: String,
    name: String,
    required: bool,
}

#[derive(Serialize)]
struct Method {
    name: String,
    operation: String,
    doc: Vec<String>,
    /// `id: str` for an operation with a path parameter.
    path_param: Option<String>,
    /// `id`.
    path_name: Option<String>,
    params: Vec<Param>,
    has_params: bool,
    returns: String,
    /// The request options this operation takes.
    options: Vec<OptionView>,
}

#[derive(Serialize)]
struct Resource {
    class: String,
    path: String,
    doc: String,
    methods: Vec<Method>,
    /// The walks of its list operations.
    pagers: Vec<PagerView>,
}

#[derive(Serialize)]
struct Namespace {
    /// The attribute on the client (`payment_sessions`, `billing`).
    attribute: String,
    /// The class when it is a resource, or the namespace class (`Billing`).
    class: String,
    children: Vec<(String, String)>,
}

#[derive(Serialize)]
struct OptionView {
    name: String,
    ty: String,
    doc: String,
}

fn option_type(kind: &str) -> &'static str {
    match kind {
        "duration" => "float",
        "count" => "int",
        "bool" => "bool",
        "object" => "Mapping[str, object]",
        _ => "str",
    }
}

fn options(specs: &[crate::model::OptionSpec]) -> Vec<OptionView> {
    specs
        .iter()
        .map(|o| OptionView {
            name: o.name.clone(),
            ty: option_type(&o.kind).to_owned(),
            doc: o.doc.clone(),
        })
        .collect()
}

/// A response model's field: present on every object (null when absent), so `Optional`
/// only where it may be null; in `__init__`, required only where the model requires it.
fn model_field(api: &Api, field: &Field) -> ModelField {
    let ty = typed(api, &field.ty, false);
    let shown = if field.nullable {
        format!("Optional[{ty}]")
    } else {
        ty.clone()
    };
    let param = if field.required {
        format!("{}: {shown}", field.name)
    } else {
        format!("{}: Optional[{ty}] = None", field.name)
    };
    ModelField {
        name: field.name.clone(),
        ty: shown,
        param,
        doc: field.doc.replace('\n', " "),
    }
}

/// Every output of the Python surface.
pub fn outputs(api: &Api, env: &minijinja::Environment<'_>) -> Vec<Output> {
    // Literal and Union aliases.
    let mut aliases = Vec::new();
    for (name, def) in &api.defs {
        match def {
            Def::Enum {
                values,
                value_docs,
                doc,
            } => aliases.push(Alias {
                kind: "enum",
                name: name.clone(),
                value: format!(
                    "Literal[{}]",
                    values
                        .iter()
                        .map(|v| format!("{v:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                doc: enum_doc(doc, values, value_docs, "`"),
            }),
            Def::Union { variants, doc } if api.request_defs.contains(name) => {
                aliases.push(Alias {
                    kind: "union",
                    name: name.clone(),
                    value: format!(
                        "Union[{}]",
                        variants
                            .iter()
                            .map(|(t, _)| typed(api, t, true))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    doc: doc_lines(doc),
                })
            }
            _ => {}
        }
    }
    // Request TypedDicts.
    let mut typed_dicts = Vec::new();
    for name in &api.request_defs {
        if let Some(Def::Struct { fields, doc, .. }) = api.defs.get(name) {
            typed_dicts.push(TypedDictView {
                name: api.request_name(name),
                doc: doc_lines(doc),
                fields: fields
                    .iter()
                    .map(|f| {
                        let ty = typed(api, &f.ty, true);
                        TypedDictField {
                            name: f.name.clone(),
                            ty: if f.required {
                                ty
                            } else {
                                format!("NotRequired[{ty}]")
                            },
                            doc: f.doc.replace('\n', " "),
                        }
                    })
                    .collect(),
            });
        }
    }
    // Response model classes.
    let mut models = Vec::new();
    for name in &api.response_defs {
        if let Some(Def::Struct { fields, doc, .. }) = api.defs.get(name) {
            let mut fields: Vec<ModelField> = fields.iter().map(|f| model_field(api, f)).collect();
            // Keyword-only parameters: required ones first keeps the signature readable.
            fields.sort_by_key(|f| f.param.contains(" = None"));
            models.push(ModelView {
                name: name.clone(),
                doc: doc_lines(doc),
                fields,
            });
        }
    }
    models.sort_by(|a, b| a.name.cmp(&b.name));
    let event_classes: Vec<EventClass> = api
        .event_groups()
        .into_iter()
        .map(|(model, kinds)| {
            let types = format!(
                "Literal[{}]",
                kinds
                    .iter()
                    .map(|k| format!("{k:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            match model {
                Some(model) => EventClass {
                    name: format!("{model}Event"),
                    types,
                    data: model.clone(),
                    doc: format!("An event whose data is a {model}: {}.", kinds.join(", ")),
                },
                None => EventClass {
                    name: "UntypedEvent".into(),
                    types,
                    data: "Dict[str, Any]".into(),
                    doc: format!(
                        "An event whose data SDK keeps as sent: {}.",
                        kinds.join(", ")
                    ),
                },
            }
        })
        .collect();
    let resources = resources(api);
    let namespaces = namespaces(api);
    let all_types: Vec<String> = aliases
        .iter()
        .map(|a| a.name.clone())
        .chain(typed_dicts.iter().map(|t| t.name.clone()))
        .chain([
            "ClientOptions".to_owned(),
            "RequestOptions".to_owned(),
            "Metadata".to_owned(),
        ])
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let error_classes = api.errors.classes_in("python");
    // The exceptions' attributes as the stub declares them.
    let error_fields: Vec<(String, String, String)> = api
        .errors
        .fields
        .iter()
        .map(|f| {
            let ty = match f.ty.as_str() {
                "string" => "str",
                "integer" => "int",
                "number" => "float",
                "boolean" => "bool",
                _ => "Dict[str, Any]",
            };
            let ty = if f.nullable {
                format!("Optional[{ty}]")
            } else {
                ty.to_owned()
            };
            (f.name.clone(), ty, f.doc.clone())
        })
        .collect();
    let mut exports: Vec<String> = error_classes.iter().map(|c| c.name.clone()).collect();
    exports.extend(models.iter().map(|m| m.name.clone()));
    exports.extend(event_classes.iter().map(|e| e.name.clone()));
    exports.extend(["Event", "MomentObject", "Webhook", "__version__"].map(str::to_owned));
    exports.sort();
    let context = minijinja::context! {
        version => api.version,
        exports => exports,
        aliases => aliases,
        typed_dicts => typed_dicts,
        models => models,
        event_classes => event_classes,
        resources => resources,
        namespaces => namespaces,
        client_options => options(&api.client_options),
        request_options => options(&api.request_options),
        all_types => all_types,
        nested => nested_table(api),
        returns => api.operations.iter().map(|op| (op.name.clone(), op.response.clone())).collect::<Vec<_>>(),
        operations => api.operations.iter().map(|op| op.name.clone()).collect::<Vec<_>>(),
        error_classes => error_classes,
        error_fields => error_fields,
    };
    vec![
        render(
            env,
            "python/__init__.py",
            "bindings-python/python/momentpay/__init__.py",
            &context,
        ),
        render(
            env,
            "python/types.py",
            "bindings-python/python/momentpay/types.py",
            &context,
        ),
        render(
            env,
            "python/_client.py",
            "bindings-python/python/momentpay/_client.py",
            &context,
        ),
        render(
            env,
            "python/_momentpay.pyi",
            "bindings-python/python/momentpay/_momentpay.pyi",
            &context,
        ),
        render(
            env,
            "python/generated.rs",
            "bindings-python/src/generated.rs",
            &context,
        ),
    ]
}

fn resources(api: &Api) -> Vec<Resource> {
    let mut out: Vec<Resource> = Vec::new();
    for op in &api.operations {
        let class = op.class.clone();
        let path_param = op.path_param.as_ref().map(|p| format!("{p}: str"));
        let mut params = Vec::new();
        if let Some(request) = &op.request {
            let mut fields: Vec<&Field> = api.fields(request).iter().collect();
            fields.sort_by_key(|f| !f.required);
            for field in fields {
                let ty = typed(api, &field.ty, true);
                params.push(Param {
                    signature: if field.required {
                        format!("{}: {ty}", field.name)
                    } else {
                        format!("{}: Optional[{ty}] = None", field.name)
                    },
                    name: field.name.clone(),
                    required: field.required,
                });
            }
        }
        let method = Method {
            name: op.method_name().to_owned(),
            operation: op.name.clone(),
            doc: doc_lines(&op.summary()),
            path_param,
            path_name: op.path_param.clone(),
            has_params: op.request.is_some(),
            params,
            returns: op.response.clone(),
            options: options(
                &api.request_options
                    .iter()
                    .filter(|o| o.applies_to(op))
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
        };
        match out.iter_mut().find(|r| r.class == class) {
            Some(resource) => resource.methods.push(method),
            None => out.push(Resource {
                class,
                path: op.path.split("/{").next().unwrap_or_default().to_owned(),
                doc: op.resource().to_owned(),
                methods: vec![method],
                pagers: Vec::new(),
            }),
        }
        if let Some(pages) = &op.pages
            && let Some(resource) = out.iter_mut().find(|r| r.class == op.class)
        {
            resource.pagers.push(PagerView {
                method: pages.method.clone(),
                operation: op.name.clone(),
                item: pages.item.clone(),
                path_param: op.path_param.clone(),
            });
        }
    }
    out
}

fn namespaces(api: &Api) -> Vec<Namespace> {
    let mut out: Vec<Namespace> = Vec::new();
    for resource in api.resource_paths() {
        match resource.split_once('.') {
            None => out.push(Namespace {
                attribute: resource.clone(),
                class: api.resource_class(&resource),
                children: Vec::new(),
            }),
            Some((head, tail)) => {
                let class = pascal(head);
                let child = (tail.to_owned(), api.resource_class(&resource));
                match out.iter_mut().find(|n| n.attribute == head) {
                    Some(namespace) => namespace.children.push(child),
                    None => out.push(Namespace {
                        attribute: head.to_owned(),
                        class,
                        children: vec![child],
                    }),
                }
            }
        }
    }
    out
}

/// (model, field, class) for every field of a response model that holds a model, or a list
/// of models: the class the pyo3 layer gives the nested object.
fn nested_table(api: &Api) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for name in &api.response_defs {
        for field in api.fields(name) {
            let target = match &field.ty {
                Ty::Ref(target) => Some(target.clone()),
                Ty::List(inner) => match inner.as_ref() {
                    Ty::Ref(target) => Some(target.clone()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(target) = target
                && matches!(api.defs.get(&target), Some(Def::Struct { .. }))
            {
                out.push((name.clone(), field.name.clone(), target));
            }
        }
    }
    out
}
