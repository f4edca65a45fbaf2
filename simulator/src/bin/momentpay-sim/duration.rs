//! Durations on the command line: `30d`, `12h`, `90m`, `45s`, `1w`, or a sum (`1d12h`).

/// Seconds in a duration such as `30d` or `1h30m` (units may be spelt out: `2days`,
/// `90min`, `1week`).
pub fn parse(text: &str) -> Result<f64, String> {
    const EXPECTED: &str = "expected a duration such as 30d, 12h, 90m, 45s, 1w or 1d12h";
    let text = text.trim();
    if text.is_empty() {
        return Err(EXPECTED.to_owned());
    }
    let mut total = 0.0;
    let mut rest = text;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(digits);
        let letters = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, next) = after.split_at(letters);
        if unit.is_empty() {
            return Err(format!("`{text}`: `{number}` has no unit; {EXPECTED}"));
        }
        let seconds = match unit.to_ascii_lowercase().as_str() {
            "s" | "sec" | "secs" | "second" | "seconds" => 1.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600.0,
            "d" | "day" | "days" => 86_400.0,
            "w" | "week" | "weeks" => 7.0 * 86_400.0,
            "mo" | "month" | "months" => {
                return Err(format!(
                    "`{text}`: `month` is not a fixed length; say the days (30d, 31d), or use \
                     `clock next` to reach the next scheduled charge"
                ));
            }
            other => return Err(format!("`{text}`: unknown unit `{other}`; {EXPECTED}")),
        };
        let value: f64 = number
            .parse()
            .map_err(|_| format!("`{text}`: {EXPECTED}"))?;
        total += value * seconds;
        rest = next;
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
        assert_eq!(parse("2days"), Ok(2.0 * 86_400.0));
        assert_eq!(parse("1week2h"), Ok(7.0 * 86_400.0 + 7200.0));
        assert_eq!(parse("90min"), Ok(5400.0));
        assert!(parse("1month").expect_err("month").contains("`month`"));
    }
}
