//! The manifest of every generated file (`generated.txt`) and, from it, `.gitattributes`.
//!
//! codegen's own outputs come from [`crate::outputs`]; the files other generators write are
//! listed here once: napi's loader, the Swift package's sources (whole folders:
//! `bindings-swift/generate.sh` owns them), npm's lock files. `scripts/generate --check`
//! reads the manifest to fail on a generated file git does not track.

use crate::render::Output;

/// Files and folders written by other generators: (path, what writes it). A path ending in
/// `/` is a folder whose every file is generated.
const OTHERS: &[(&str, &str)] = &[
    ("bindings-node/native.d.ts", "napi build (scripts/generate)"),
    ("bindings-node/native.js", "napi build (scripts/generate)"),
    ("bindings-node/package-lock.json", "npm install"),
    (
        "bindings-swift/Sources/MomentPay/",
        "bindings-swift/generate.sh (uniffi-bindgen-swift)",
    ),
    (
        "bindings-swift/Sources/MomentPayFFI/",
        "bindings-swift/generate.sh (uniffi-bindgen-swift)",
    ),
    ("examples/node/package-lock.json", "npm install"),
];

/// `generated.txt` and `.gitattributes` for codegen's `outputs` and [`OTHERS`].
pub fn outputs(own: &[Output]) -> Vec<Output> {
    let mut rows: Vec<(String, String)> = own
        .iter()
        .map(|o| {
            (
                o.path.clone(),
                "momentpay-codegen (scripts/generate)".to_owned(),
            )
        })
        .chain(
            OTHERS
                .iter()
                .map(|(p, w)| ((*p).to_owned(), (*w).to_owned())),
        )
        .collect();
    rows.push((
        ".gitattributes".to_owned(),
        "momentpay-codegen (scripts/generate)".to_owned(),
    ));
    rows.push((
        "generated.txt".to_owned(),
        "momentpay-codegen (scripts/generate)".to_owned(),
    ));
    rows.sort();
    let mut manifest = String::from(
        "# Every generated file (a path ending in / is a folder of them) and what writes it.\n\
         # Written by scripts/generate (momentpay-codegen), which renders .gitattributes from it;\n\
         # scripts/generate --check fails on a stale one or one git does not track. Never edit\n\
         # a generated file by hand.\n",
    );
    for (path, writer) in &rows {
        manifest.push_str(&format!("{path}\t{writer}\n"));
    }
    let mut attributes = String::from(
        "# Generated files (generated.txt lists them and what writes each): rendered by\n\
         # scripts/generate from that manifest; never edit them by hand. Reviews skip them.\n",
    );
    for (path, _) in &rows {
        if path == ".gitattributes" || path == "generated.txt" {
            continue;
        }
        let pattern = if path.ends_with('/') {
            format!("{path}**")
        } else {
            path.clone()
        };
        attributes.push_str(&format!("{pattern} linguist-generated=true\n"));
    }
    vec![
        Output {
            path: "generated.txt".into(),
            text: manifest,
        },
        Output {
            path: ".gitattributes".into(),
            text: attributes,
        },
    ]
}
