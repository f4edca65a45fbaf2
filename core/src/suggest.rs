//! "Did you mean …?": the closest known name to a misspelt one, for unknown fields, options
//! and operations. The bindings use it too, with their own language's names.

/// The edit distance between two names (insertions, deletions, substitutions and swaps of
/// neighbouring characters), compared without case.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The known name closest to `name`, if one is close enough to be what was meant (at most
/// a third of its length away, and at least one edit allowed), or differs only in case,
/// `-`/`_` or camelCase spelling.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let flat = |text: &str| -> String {
        text.chars()
            .filter(|c| *c != '_' && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted = flat(name);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in known {
        if candidate == name {
            continue;
        }
        let score = if flat(candidate) == wanted {
            0
        } else {
            distance(name, candidate)
        };
        if best.is_none_or(|(d, _)| score < d) {
            best = Some((score, candidate));
        }
    }
    let limit = (name.chars().count() / 3).max(1);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

/// `"; did you mean X?"`, or nothing when no known name is close.
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(name, known)
        .map(|c| format!("; did you mean {c}?"))
        .unwrap_or_default()
}

/// The message of an unknown field or option: `unknown field; did you mean X?`, or the
/// known names when none is close.
pub fn unknown_field<'a>(name: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    match closest(name, known.clone()) {
        Some(close) => format!("unknown field; did you mean {close}?"),
        None => {
            let all: Vec<&str> = known.into_iter().collect();
            if all.is_empty() {
                "unknown field".to_owned()
            } else {
                format!("unknown field; expected one of {}", all.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_meant_name() {
        let fields = [
            "customer",
            "payment_method",
            "checkout_options",
            "mandate_options",
        ];
        assert_eq!(closest("checkout_option", fields), Some("checkout_options"));
        assert_eq!(closest("custmer", fields), Some("customer"));
        assert_eq!(closest("zzz", fields), None);
        assert_eq!(
            closest("capture_metod", ["capture_method", "save_payment_method"]),
            Some("capture_method")
        );
        assert_eq!(closest("api_key", ["apiKey", "baseUrl"]), Some("apiKey"));
        assert_eq!(closest("maximum", ["min", "max"]), None);
        assert_eq!(
            unknown_field("maximum", ["min", "max"]),
            "unknown field; expected one of min, max"
        );
    }
}
