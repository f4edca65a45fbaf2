//! How deep request values may nest. A value from Python, Node, Swift or JSON text is
//! checked before anything recurses over it, without recursing itself, so a value nested
//! 10,000 deep is a validation error naming the parameter that holds it, never a stack
//! overflow. Moment's deepest request field is six levels down; the limit leaves room for
//! `extra_body`.

use crate::error::{Error, Result};
use serde_json::Value;

/// Most levels of objects and arrays in one request's parameters (the parameters object is
/// level 1).
pub const MAX_NESTING: usize = 64;

/// The error for a value under `field` nested deeper than [`MAX_NESTING`] (bindings that
/// convert their own values raise the same one).
pub fn too_deep(field: &str) -> Error {
    Error::validation(
        field,
        format!("is nested deeper than {MAX_NESTING} levels of objects and arrays"),
    )
}

/// Checks `value` (the parameters of `what`, e.g. `params`); the error names the top-level
/// field whose value is too deep (or `what` when the value itself is).
pub fn check_value(value: &Value, what: &str) -> Result<()> {
    walk(value, 1, what, true)
}

/// Checks `value`, the value of field `field` of a parameters object (so it starts at level
/// 2); the error names `field`.
pub fn check_field(value: &Value, field: &str) -> Result<()> {
    walk(value, 2, field, false)
}

fn walk(value: &Value, start: usize, what: &str, name_children: bool) -> Result<()> {
    // (value, depth, the top-level field it is under)
    let mut stack: Vec<(&Value, usize, Option<&str>)> = vec![(value, start, None)];
    while let Some((current, depth, top)) = stack.pop() {
        let children: Box<dyn Iterator<Item = (Option<&str>, &Value)>> = match current {
            Value::Object(map) => Box::new(map.iter().map(|(k, v)| (Some(k.as_str()), v))),
            Value::Array(items) => Box::new(items.iter().map(|v| (None, v))),
            _ => continue,
        };
        if depth > MAX_NESTING {
            return Err(too_deep(top.filter(|t| !t.is_empty()).unwrap_or(what)));
        }
        for (key, child) in children {
            let top = if depth == 1 && name_children {
                key.or(top)
            } else {
                top
            };
            stack.push((child, depth + 1, top));
        }
    }
    Ok(())
}

/// Checks JSON text before it is parsed (same rule and error as [`check_value`]). Text that
/// is not JSON passes here and fails in the parser.
pub fn check_text(text: &[u8], what: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    // The last string read at depth 1 (a key of the parameters object) and where it started.
    let mut string_start = 0usize;
    let mut last_top_string: Option<(usize, usize)> = None;
    let mut top: Option<(usize, usize)> = None;
    for (i, &byte) in text.iter().enumerate() {
        if in_string {
            match (escaped, byte) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => {
                    in_string = false;
                    if depth == 1 {
                        last_top_string = Some((string_start, i));
                    }
                }
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => {
                in_string = true;
                string_start = i + 1;
            }
            b':' if depth == 1 => top = last_top_string,
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_NESTING {
                    let field = top
                        .and_then(|(start, end)| text.get(start..end))
                        .and_then(|key| std::str::from_utf8(key).ok())
                        .filter(|key| !key.is_empty())
                        .unwrap_or(what);
                    return Err(too_deep(field));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deep_text(depth: usize) -> String {
        format!(
            "{{\"amount\": 1, \"options\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        )
    }

    fn deep_value(depth: usize) -> Value {
        let mut value = Value::Null;
        for _ in 0..depth {
            value = Value::Array(vec![value]);
        }
        // Moved in: json! would serialise (recursively) a copy.
        let mut params = serde_json::Map::new();
        params.insert("amount".to_owned(), Value::from(1));
        params.insert("options".to_owned(), value);
        Value::Object(params)
    }

    #[test]
    fn the_limit_is_exact_and_names_the_top_level_field() {
        // The parameters object is level 1: options may hold 63 more.
        assert!(check_value(&deep_value(MAX_NESTING - 1), "params").is_ok());
        assert!(check_text(deep_text(MAX_NESTING - 1).as_bytes(), "params").is_ok());
        let error = check_value(&deep_value(MAX_NESTING), "params").expect_err("too deep");
        assert_eq!(error.field(), Some("options"));
        let error = check_text(deep_text(MAX_NESTING).as_bytes(), "params").expect_err("too deep");
        assert_eq!(error.field(), Some("options"));
    }

    #[test]
    fn ten_thousand_deep_is_an_error_not_a_stack_overflow() {
        let text = deep_text(10_000);
        assert_eq!(
            check_text(text.as_bytes(), "params")
                .expect_err("deep")
                .field(),
            Some("options")
        );
        // Built without recursion; dropped in a thread with a large stack (serde_json's drop
        // of a Value recurses).
        let value = deep_value(10_000);
        assert_eq!(
            check_value(&value, "params").expect_err("deep").field(),
            Some("options")
        );
        std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || drop(value))
            .expect("thread")
            .join()
            .expect("dropped");
    }

    #[test]
    fn a_field_counts_from_level_two_and_is_named() {
        let value = deep_value(MAX_NESTING);
        let options = &value["options"];
        assert_eq!(
            check_field(options, "extra_body")
                .expect_err("deep")
                .field(),
            Some("extra_body")
        );
    }

    #[test]
    fn strings_and_escapes_do_not_count() {
        let text = format!(
            "{{\"note\": \"{}\\\"{}\"}}",
            "[".repeat(500),
            "{".repeat(500)
        );
        assert!(check_text(text.as_bytes(), "params").is_ok());
        let deep_array = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(
            check_text(deep_array.as_bytes(), "params")
                .expect_err("deep")
                .field(),
            Some("params"),
            "an array at the top names the parameters"
        );
    }
}
