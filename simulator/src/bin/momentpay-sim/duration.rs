//! Durations on the command line: `30d`, `12h`, `90m`, `45s`, `1w`, or a sum (`1d12h`).

/// Seconds in a duration such as `30d` or `1h30m`.
pub fn parse(text: &str) -> Result<f64, String> {
    const EXPECTED: &str = "expected a duration such as 30d, 12h, 90m, 45s, 1w or 1d12h";
    let text = text.trim();
    if text.is_empty() {
        return Err(EXPECTED.to_owned());
    }
    let mut total = 0.0;
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let unit = match c {
            's' => 1.0,
            'm' => 60.0,
            'h' => 3600.0,
            'd' => 86_400.0,
            'w' => 7.0 * 86_400.0,
            _ => return Err(format!("`{text}`: unknown unit `{c}`; {EXPECTED}")),
        };
        let value: f64 = number
            .parse()
            .map_err(|_| format!("`{text}`: {EXPECTED}"))?;
        total += value * unit;
        number.clear();
    }
    if !number.is_empty() {
        return Err(format!("`{text}`: `{number}` has no unit; {EXPECTED}"));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn units_and_sums() {
        assert_eq!(parse("30d"), Ok(30.0 * 86_400.0));
        assert_eq!(parse("1d12h"), Ok(1.5 * 86_400.0));
        assert_eq!(parse("90m"), Ok(5400.0));
        assert_eq!(parse("1.5s"), Ok(1.5));
        assert!(parse("30").expect_err("no unit").contains("no unit"));
        assert!(parse("3y").expect_err("bad unit").contains("unknown unit"));
        assert!(parse("").is_err());
        assert!(parse("d").is_err());
    }
}
