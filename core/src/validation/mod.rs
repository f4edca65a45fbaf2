//! Checks made before any network call. Each failure is an [`Error`] of kind
//! [`crate::ErrorKind::Validation`] naming the offending field as a dotted path.
//!
//! This module holds the rules every resource shares (amounts, currencies, metadata, dates,
//! references, IDs) and the limits as named constants; each resource's file holds its
//! parameters' checks. Allowed values come from the models' own enums ([`known`]), so a
//! message never lists values by hand. The simulator runs the same checks, so the SDK and
//! the simulator agree on what is valid.

mod billing;
pub mod nesting;
mod payment_pages;
mod payment_requests;
mod payment_sessions;
mod payments;

use crate::error::{Error, Result};
use crate::models::{Metadata, OpenEnum};

/// Largest amount accepted in one payment, in minor units (2^53 - 1: exact in every
/// language's numbers, including JavaScript's).
pub const MAX_AMOUNT: i64 = 9_007_199_254_740_991;
/// Largest `amount_due` / `amount_paid` of a bill (documented).
pub const MAX_BILL_AMOUNT: i64 = 99_999_999;
/// Longest merchant reference.
pub const MAX_REFERENCE_LEN: usize = 255;
/// Longest name (customers, accounts).
pub const MAX_NAME_LEN: usize = 255;
/// Longest email address.
pub const MAX_EMAIL_LEN: usize = 255;
/// Longest description of a payment request.
pub const MAX_DESCRIPTION_LEN: usize = 500;
/// Longest URL.
pub const MAX_URL_LEN: usize = 500;
/// Longest ID or reference in a path.
pub const MAX_PATH_ID_LEN: usize = 255;
/// Most metadata keys.
pub const MAX_METADATA_KEYS: usize = 10;
/// Longest metadata key, in characters.
pub const MAX_METADATA_KEY_LEN: usize = 40;
/// Longest metadata value, in characters.
pub const MAX_METADATA_VALUE_LEN: usize = 500;
/// Longest idempotency key.
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// Request parameters that can check and normalise themselves before sending.
pub trait Validate {
    /// Fixes harmless differences (currency case) in place.
    fn normalize(&mut self) {}
    /// Checks every field; the error names the first offending one.
    fn validate(&self) -> Result<()>;
}

/// Operations without parameters.
impl Validate for () {
    fn validate(&self) -> Result<()> {
        Ok(())
    }
}

/// `values` as a sentence: `a, b or c`.
pub fn one_of(values: &[&str]) -> String {
    match values {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A value of an open enum must be one this SDK knows (Moment may add values to responses;
/// a request with an unknown one is a typo).
pub fn known<E: OpenEnum>(name: &str, value: &E) -> Result<()> {
    if value.is_known() {
        return Ok(());
    }
    Err(Error::validation(
        name,
        format!("must be {} (got {:?})", one_of(E::KNOWN), value.as_str()),
    ))
}

/// [`known`] for an optional value.
pub fn known_opt<E: OpenEnum>(name: &str, value: &Option<E>) -> Result<()> {
    opt(value, |v| known(name, v))
}

pub(crate) fn field(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// Amount in minor units: `0..=MAX_AMOUNT`, or `1..` when `allow_zero` is false.
pub fn amount(name: &str, value: i64, allow_zero: bool) -> Result<()> {
    if value < 0 {
        return Err(Error::validation(
            name,
            format!("must not be negative (got {value})"),
        ));
    }
    if value == 0 && !allow_zero {
        return Err(Error::validation(name, "must be greater than 0"));
    }
    if value > MAX_AMOUNT {
        return Err(Error::validation(
            name,
            format!("{value} is larger than the maximum {MAX_AMOUNT}"),
        ));
    }
    Ok(())
}

/// ISO 4217 currency: a code of a currency in circulation (any case; sent upper-case, as
/// Moment's docs write it both ways). The codes for no currency (`XXX`), testing (`XTS`),
/// metals and funds (`XAU`, `XDR`, ...) are refused.
pub fn currency(name: &str, value: &str) -> Result<()> {
    if value.len() != 3 || !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::validation(
            name,
            format!("must be a three-letter ISO 4217 code such as ZAR (got {value:?})"),
        ));
    }
    let code = value.to_ascii_uppercase();
    if !ISO_4217.split(' ').any(|known| known == code) {
        return Err(Error::validation(
            name,
            format!(
                "is not the ISO 4217 code of a currency in circulation (got {value:?}); Moment's own is ZAR"
            ),
        ));
    }
    Ok(())
}

/// The ISO 4217 codes of currencies in circulation (list one, as of 2026), with the few
/// withdrawn since 2023 that merchants' data may still carry (ANG, BGN, SLL, ZWL).
const ISO_4217: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD \
    BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE \
    CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG \
    HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR \
    LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK \
    NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP \
    SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN \
    UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL";

/// Metadata: at most 10 keys, non-empty keys of at most 40 chars, values of at most 500.
pub fn metadata(name: &str, value: &Metadata) -> Result<()> {
    if value.len() > MAX_METADATA_KEYS {
        return Err(Error::validation(
            name,
            format!(
                "has {} keys; at most {MAX_METADATA_KEYS} are allowed",
                value.len()
            ),
        ));
    }
    for (key, val) in value {
        if key.is_empty() {
            return Err(Error::validation(name, "has an empty key"));
        }
        if key.chars().count() > MAX_METADATA_KEY_LEN {
            return Err(Error::validation(
                format!("{name}.{key}"),
                format!("key is longer than {MAX_METADATA_KEY_LEN} characters"),
            ));
        }
        if val.chars().count() > MAX_METADATA_VALUE_LEN {
            return Err(Error::validation(
                format!("{name}.{key}"),
                format!("value is longer than {MAX_METADATA_VALUE_LEN} characters"),
            ));
        }
    }
    Ok(())
}

/// `external_reference`: 1 to 255 chars of `[A-Za-z0-9_-]`.
pub fn external_reference(name: &str, value: &str) -> Result<()> {
    if value.is_empty() || value.len() > MAX_REFERENCE_LEN {
        return Err(Error::validation(
            name,
            format!("must be 1 to {MAX_REFERENCE_LEN} characters long"),
        ));
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(Error::validation(
            name,
            format!("may only hold letters, digits, `_` and `-` (found {bad:?})"),
        ));
    }
    Ok(())
}

/// Phone number in E.164 form: `+` then 2 to 15 digits, the first not 0.
pub fn phone(name: &str, value: &str) -> Result<()> {
    let digits = value.strip_prefix('+').unwrap_or("");
    let ok = (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0');
    if !ok {
        return Err(Error::validation(
            name,
            format!(
                "must be an E.164 number such as +27821234567 (got {:?})",
                masked(value)
            ),
        ));
    }
    Ok(())
}

/// A plausible email: at most 255 chars, one `@` with text on both sides, no whitespace.
pub fn email(name: &str, value: &str) -> Result<()> {
    let ok = value.len() <= MAX_EMAIL_LEN
        && !value.chars().any(char::is_whitespace)
        && matches!(value.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.contains('@'));
    if !ok {
        return Err(Error::validation(
            name,
            format!("is not an email address (got {:?})", masked(value)),
        ));
    }
    Ok(())
}

/// A customer's email or phone as an error may show it (errors end up in logs): its first
/// and last two characters and its length, e.g. `"ja…om" (15 characters)`.
fn masked(value: &str) -> String {
    let count = value.chars().count();
    if count <= 4 {
        return format!("{count} characters");
    }
    let head: String = value.chars().take(2).collect();
    let tail: String = value.chars().skip(count - 2).collect();
    format!("{head}…{tail}, {count} characters")
}

/// A calendar date `YYYY-MM-DD` that exists (checked by the `time` crate's calendar).
pub fn date(name: &str, value: &str) -> Result<()> {
    if parse_date(value).is_none() {
        return Err(Error::validation(
            name,
            format!("must be a date YYYY-MM-DD (got {value:?})"),
        ));
    }
    Ok(())
}

fn parse_date(value: &str) -> Option<time::Date> {
    let bytes = value.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    let year = value[..4].parse().ok()?;
    let month = time::Month::try_from(value[5..7].parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(year, month, value[8..].parse().ok()?).ok()
}

/// An RFC 3339 timestamp (`2026-01-31T12:00:00Z`, an offset or fraction allowed), parsed by
/// the `time` crate: every field in range, so `2026-01-31T99:99:99Z` is refused.
pub fn timestamp(name: &str, value: &str) -> Result<()> {
    let parsed = time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339);
    if parsed.is_err() {
        return Err(Error::validation(
            name,
            format!("must be an RFC 3339 timestamp such as 2026-01-31T12:00:00Z (got {value:?})"),
        ));
    }
    Ok(())
}

/// An idempotency key: 1 to 255 visible ASCII characters (no spaces or control characters,
/// so it can never inject a header).
pub fn idempotency_key(value: &str) -> Result<()> {
    if value.is_empty() || value.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(Error::validation(
            "idempotency_key",
            format!("must be 1 to {MAX_IDEMPOTENCY_KEY_LEN} characters long"),
        ));
    }
    if !value.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::validation(
            "idempotency_key",
            "may only hold visible ASCII characters (no spaces, control characters or non-ASCII)",
        ));
    }
    Ok(())
}

/// A resource ID or reference used in a path: non-empty, at most 255 chars, no `/`, `?`,
/// `#`, `%`, whitespace or control characters.
pub fn path_id(name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::validation(name, "is empty"));
    }
    if value.len() > MAX_PATH_ID_LEN {
        return Err(Error::validation(
            name,
            format!("is longer than {MAX_PATH_ID_LEN} characters"),
        ));
    }
    if value
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '/' | '?' | '#' | '%' | '\\'))
    {
        return Err(Error::validation(
            name,
            format!("is not a valid ID (got {value:?})"),
        ));
    }
    // A URL parser resolves `.` and `..` as path segments (WHATWG, which the `url` crate
    // follows): `payments.capture("..")` would be sent as `POST /collect/captures`.
    // Percent-encoding does not help: `%2e` is a dot to the same parser.
    if value.bytes().all(|b| b == b'.') {
        return Err(Error::validation(
            name,
            format!("is not a valid ID (got {value:?}: a URL would read it as a path step)"),
        ));
    }
    Ok(())
}

pub(crate) fn opt<T>(value: &Option<T>, check: impl FnOnce(&T) -> Result<()>) -> Result<()> {
    match value {
        Some(v) => check(v),
        None => Ok(()),
    }
}

pub(crate) fn text(name: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().count() > max {
        return Err(Error::validation(
            name,
            format!("is longer than {max} characters"),
        ));
    }
    Ok(())
}

pub(crate) fn upper(currency: &mut str) {
    currency.make_ascii_uppercase();
}

/// An absolute http(s) URL of at most 500 characters.
pub fn url(name: &str, value: &str) -> Result<()> {
    if value.len() > MAX_URL_LEN {
        return Err(Error::validation(
            name,
            format!("is longer than {MAX_URL_LEN} characters"),
        ));
    }
    match url::Url::parse(value) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") => Ok(()),
        _ => Err(Error::validation(
            name,
            format!("must be an http(s) URL (got {value:?})"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::*;

    fn field_of(result: Result<()>) -> Option<String> {
        result.err().and_then(|e| e.field().map(str::to_owned))
    }

    #[test]
    fn next_in_series_needs_customer_and_method() {
        let mut params =
            CreatePaymentSession::one_time(100, "ZAR").kind(PaymentSessionType::NextInSeries);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.customer")
        );
        params.options_mut().customer = Some(CustomerRef::Id("cus_1".into()));
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.payment_method")
        );
        params.options_mut().payment_method = Some("pmt_1".into());
        assert!(params.validate().is_ok());
    }

    #[test]
    fn amounts_currencies_and_references() {
        assert_eq!(
            field_of(CreatePaymentSession::one_time(-1, "ZAR").validate()).as_deref(),
            Some("amount")
        );
        assert_eq!(
            field_of(CreatePaymentSession::one_time(1, "ZA").validate()).as_deref(),
            Some("currency")
        );
        assert!(CreatePaymentSession::verification("zar").validate().is_ok());
        let bad_ref = CreatePaymentSession::one_time(1, "ZAR").external_reference("order 1");
        assert_eq!(
            field_of(bad_ref.validate()).as_deref(),
            Some("external_reference")
        );
    }

    #[test]
    fn metadata_limits() {
        let mut params = CreatePaymentSession::one_time(1, "ZAR");
        for i in 0..11 {
            params = params.metadata(format!("k{i}"), "v");
        }
        assert_eq!(field_of(params.validate()).as_deref(), Some("metadata"));
        let long_value = CreatePaymentSession::one_time(1, "ZAR").metadata("k", "x".repeat(501));
        assert_eq!(
            field_of(long_value.validate()).as_deref(),
            Some("metadata.k")
        );
    }

    #[test]
    fn currencies_are_codes_in_circulation() {
        for ok in ["ZAR", "zar", "USD", "usd", "KES", "EUR", "XOF"] {
            assert!(currency("currency", ok).is_ok(), "{ok}");
        }
        for refused in ["XXX", "XTS", "XAU", "ABC", "ZA", "Z1R"] {
            assert_eq!(
                currency("currency", refused).expect_err(refused).field(),
                Some("currency")
            );
        }
        // Every listed code is three upper-case letters, once.
        let codes: Vec<&str> = ISO_4217.split(' ').filter(|c| !c.is_empty()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        );
        let unique: std::collections::BTreeSet<&&str> = codes.iter().collect();
        assert_eq!(unique.len(), codes.len());
    }

    #[test]
    fn an_email_or_phone_is_masked_in_its_error() {
        let error = email("options.customer.email", "jane.doe@example").expect_err("no dot");
        assert!(!error.to_string().contains("jane.doe"), "{error}");
        assert!(error.to_string().contains("ja…le"), "{error}");
        let error = phone("options.customer.phone", "0821234567").expect_err("not E.164");
        assert!(!error.to_string().contains("0821234567"), "{error}");
    }

    #[test]
    fn mandate_rules() {
        let scheduled = MandateOptions::new(MandateType::Scheduled);
        let params =
            CreatePaymentSession::first_in_series(100, "ZAR", CustomerDetails::new("A", "a@b.co"))
                .mandate(scheduled);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.mandate_options.recurrence")
        );
        let mut on_demand = MandateOptions::on_demand_up_to(5000);
        on_demand.controls = Some(MandateControls {
            period_limits: Some(PeriodLimits {
                period: Some(LimitPeriod::Month),
                max_amount: Some(1000),
                ..Default::default()
            }),
        });
        let params =
            CreatePaymentSession::first_in_series(100, "ZAR", CustomerDetails::new("A", "a@b.co"))
                .mandate(on_demand);
        assert_eq!(
            field_of(params.validate()).as_deref(),
            Some("options.mandate_options.controls.period_limits.max_amount")
        );
        let one_time_with_mandate =
            CreatePaymentSession::one_time(100, "ZAR").mandate(MandateOptions::on_demand_up_to(10));
        assert_eq!(
            field_of(one_time_with_mandate.validate()).as_deref(),
            Some("options.mandate_options")
        );
    }

    #[test]
    fn formats() {
        assert!(phone("p", "+27821234567").is_ok());
        assert!(phone("p", "0821234567").is_err());
        assert!(date("d", "2024-02-29").is_ok());
        assert!(date("d", "2023-02-29").is_err());
        assert!(timestamp("t", "2026-01-31T12:00:00Z").is_ok());
        assert!(timestamp("t", "2026-01-31T12:00:00.123+02:00").is_ok());
        assert!(timestamp("t", "tomorrow").is_err());
        assert!(idempotency_key("abc-123_x").is_ok());
        assert!(idempotency_key("a\r\nX-Evil: 1").is_err());
        assert!(idempotency_key(&"a".repeat(256)).is_err());
        assert!(path_id("id", "ps_123").is_ok());
        assert!(path_id("id", "../admin").is_err());
        // Non-ASCII where a byte slice would split a character: refused, never a panic.
        assert!(timestamp("t", "2026-01-31T12:00:0é+").is_err());
        assert!(timestamp("t", "2026-01-3éT12:00:00Z").is_err());
    }

    #[test]
    fn allowed_values_come_from_the_enums() {
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
        let error = known("type", &PaymentSessionType::from("one_tim")).expect_err("unknown");
        assert_eq!(
            error.reason(),
            "must be one_time, first_in_series or next_in_series (got \"one_tim\")"
        );
    }
}
