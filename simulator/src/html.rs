//! HTML for the simulator's own pages (the hosted checkout and the dashboard): escaping and
//! the page shell. No external assets: the pages work offline.

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An amount in minor units as `ZAR 12.34` (escaped).
pub fn money(amount: i64, currency: &str) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let abs = amount.unsigned_abs();
    format!("{} {sign}{}.{:02}", escape(currency), abs / 100, abs % 100)
}

/// A whole page: `title` is escaped, `style` and `body` are HTML.
pub fn page(title: &str, style: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<style>{style}</style></head><body>{body}</body></html>",
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert(\"x\")</script>&'"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"
        );
    }

    #[test]
    fn money_keeps_the_sign() {
        assert_eq!(money(-5, "ZAR"), "ZAR -0.05");
        assert_eq!(money(123_456, "ZAR"), "ZAR 1234.56");
        assert_eq!(money(i64::MIN, "X"), "X -92233720368547758.08");
    }
}
