//! momentpay-codegen: writes every file generated from the core's description of the API.
//!
//! ```text
//! momentpay-codegen            write the files that changed (run by scripts/generate)
//! momentpay-codegen --check    write nothing; fail naming every file that is stale
//! ```
//!
//! The description comes from the Rust types themselves (`momentpay::describe`, feature
//! `schema`): the operation table, the options, the events, the error catalogue and the JSON
//! Schema of every model. From it: `api/momentpay.json`, `api/openapi.json`, the Python surface
//! (`_client.py`, `types.py`, `_momentpay.pyi`, the pyo3 class tables) and the Node surface
//! (`ts/lib/models.ts`, `ts/lib/client.ts`, `ts/lib/errors.ts`), and core/README.md's Rust
//! blocks as an example cargo builds (`examples/rust/src/bin/core_readme.rs`); last, the
//! manifest of every generated file (`generated.txt`) and `.gitattributes` from it, each rendered from a template in `codegen/templates/`.

mod docs;
mod manifest;
mod model;
mod node;
mod openapi;
mod python;
mod render;

use render::Output;
use std::path::{Path, PathBuf};

fn environment() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in [
        (
            "python/__init__.py",
            include_str!("../templates/python/__init__.py"),
        ),
        (
            "python/types.py",
            include_str!("../templates/python/types.py"),
        ),
        (
            "python/_client.py",
            include_str!("../templates/python/_client.py"),
        ),
        (
            "python/_momentpay.pyi",
            include_str!("../templates/python/_momentpay.pyi"),
        ),
        (
            "python/generated.rs",
            include_str!("../templates/python/generated.rs"),
        ),
        (
            "node/models.ts",
            include_str!("../templates/node/models.ts"),
        ),
        (
            "node/client.ts",
            include_str!("../templates/node/client.ts"),
        ),
        (
            "node/errors.ts",
            include_str!("../templates/node/errors.ts"),
        ),
    ] {
        if let Err(error) = env.add_template(name, source) {
            eprintln!("momentpay-codegen: template {name}: {error:#}");
            std::process::exit(2);
        }
    }
    // A Rust string literal (the pyo3 tables' docs).
    env.add_filter("rust_str", |text: String| format!("{text:?}"));
    env
}

fn json(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn outputs() -> Vec<Output> {
    let raw = momentpay::describe::describe();
    let api = model::Api::read(raw.clone());
    let env = environment();
    let mut out = vec![
        Output {
            path: "api/momentpay.json".into(),
            text: json(&raw),
        },
        Output {
            path: "api/openapi.json".into(),
            text: json(&openapi::document(&api)),
        },
    ];
    out.extend(python::outputs(&api, &env));
    out.extend(node::outputs(&api, &env));
    out.extend(docs::outputs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(".."),
    ));
    let listed = manifest::outputs(&out);
    out.extend(listed);
    out
}

fn main() {
    let check = match std::env::args().skip(1).collect::<Vec<_>>().as_slice() {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => {
            eprintln!("usage: momentpay-codegen [--check]");
            std::process::exit(2);
        }
    };
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stale = Vec::new();
    for output in outputs() {
        let path = root.join(&output.path);
        let current = std::fs::read_to_string(&path).unwrap_or_default();
        if current == output.text {
            continue;
        }
        if check {
            stale.push(output.path);
            continue;
        }
        if let Some(parent) = path.parent()
            && let Err(error) = std::fs::create_dir_all(parent)
        {
            eprintln!(
                "momentpay-codegen: cannot create {}: {error}",
                parent.display()
            );
            std::process::exit(1);
        }
        if let Err(error) = std::fs::write(&path, &output.text) {
            eprintln!("momentpay-codegen: cannot write {}: {error}", output.path);
            std::process::exit(1);
        }
        println!("wrote {}", output.path);
    }
    if !stale.is_empty() {
        for path in &stale {
            eprintln!("stale: {path}");
        }
        eprintln!(
            "momentpay-codegen: {} generated file(s) differ from the description: run scripts/generate and commit",
            stale.len()
        );
        std::process::exit(1);
    }
}
