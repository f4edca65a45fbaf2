//! Rendering a template into an output file.

use serde::Serialize;

/// One generated file: where it goes (relative to the workspace root) and its text.
pub struct Output {
    pub path: String,
    pub text: String,
}

/// Renders `template` with `context` into `path`. A template that fails to render is a bug
/// in the generator: the message says which and why, and the run stops.
pub fn render(
    env: &minijinja::Environment<'_>,
    template: &str,
    path: &str,
    context: &impl Serialize,
) -> Output {
    let rendered = env
        .get_template(template)
        .and_then(|t| t.render(context))
        .unwrap_or_else(|e| {
            eprintln!("momentpay-codegen: cannot render {template}: {e:#}");
            std::process::exit(2)
        });
    // One trailing newline, no trailing spaces: the files are read and diffed by people.
    let mut text: String = rendered
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    while text.ends_with("\n\n") {
        text.pop();
    }
    text.push('\n');
    Output {
        path: path.to_owned(),
        text,
    }
}
