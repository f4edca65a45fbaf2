//! Test cards (simulator-only, see DECISIONS.md) and what charging them does.

use momentpay::models::{CardDetails, LastPaymentError, PaymentMethodDetails};

/// What a charge on a card does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardOutcome {
    /// The charge succeeds.
    Approved,
    /// The charge fails with this error.
    Declined {
        /// `card_declined`, `expired_card`, `processing_error`.
        error_code: &'static str,
        /// The decline reason, when there is one.
        decline_code: Option<&'static str>,
        /// Human-readable message.
        message: &'static str,
    },
}

impl CardOutcome {
    /// The `last_payment_error` for a declined outcome.
    pub fn last_payment_error(&self, timestamp: String) -> Option<LastPaymentError> {
        match self {
            CardOutcome::Approved => None,
            CardOutcome::Declined {
                error_code,
                decline_code,
                message,
            } => Some(LastPaymentError {
                error_code: Some((*error_code).to_owned()),
                decline_code: decline_code.map(str::to_owned),
                message: Some((*message).to_owned()),
                timestamp: Some(timestamp),
            }),
        }
    }
}

/// A card number with spaces and dashes removed, checked for length and Luhn digit.
pub fn normalize(number: &str) -> Result<String, String> {
    let digits: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    if !(12..=19).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("must be 12 to 19 digits".to_owned());
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    if !sum.is_multiple_of(10) {
        return Err("is not a valid card number (Luhn check failed)".to_owned());
    }
    // A real card typed into a test tool must not be stored (in memory, /_sim/state or a
    // --state file): only the test cards below are taken.
    if !TEST_CARDS.contains(&digits.as_str()) {
        return Err(format!(
            "is not one of the simulator's test cards (use {}; see the simulator's README)",
            TEST_CARDS.join(", ")
        ));
    }
    Ok(digits)
}

/// Every card number the simulator takes: those that succeed (one per scheme) and those
/// with a scripted outcome ([`outcome`]).
pub const TEST_CARDS: &[&str] = &[
    DEFAULT_CARD,
    "5555555555554444",
    "2223003122003222",
    "378282246310005",
    DECLINES_AFTER_SAVING,
    "4000000000000002",
    "4000000000009995",
    "4000000000000069",
    "4000000000000119",
];

/// The card used when a control-API call names none: `4242 4242 4242 4242`, which succeeds.
pub const DEFAULT_CARD: &str = "4242424242424242";

/// The card that is saved successfully at checkout but declines every later charge.
pub const DECLINES_AFTER_SAVING: &str = "4000000000000341";

/// The outcome of charging a (normalised) card number. `saved` is true for charges on a
/// saved method (next_in_series, subscriptions).
pub fn outcome(digits: &str, saved: bool) -> CardOutcome {
    match digits {
        DECLINES_AFTER_SAVING if saved => CardOutcome::Declined {
            error_code: "card_declined",
            decline_code: Some("generic_decline"),
            message: "The card was declined.",
        },
        "4000000000000002" => CardOutcome::Declined {
            error_code: "card_declined",
            decline_code: Some("generic_decline"),
            message: "The card was declined.",
        },
        "4000000000009995" => CardOutcome::Declined {
            error_code: "card_declined",
            decline_code: Some("insufficient_funds"),
            message: "The card was declined due to insufficient funds.",
        },
        "4000000000000069" => CardOutcome::Declined {
            error_code: "expired_card",
            decline_code: None,
            message: "The card has expired.",
        },
        "4000000000000119" => CardOutcome::Declined {
            error_code: "processing_error",
            decline_code: None,
            message: "An error occurred while processing the card.",
        },
        _ => CardOutcome::Approved,
    }
}

/// `payment_method_details` for a card.
pub fn details(digits: &str) -> PaymentMethodDetails {
    let scheme = match digits.as_bytes().first() {
        Some(b'4') => "VISA",
        Some(b'5') | Some(b'2') => "MASTERCARD",
        Some(b'3') => "AMEX",
        _ => "UNKNOWN",
    };
    PaymentMethodDetails {
        kind: "card".to_owned(),
        card: Some(CardDetails {
            kind: Some("CREDIT".to_owned()),
            scheme: Some(scheme.to_owned()),
            bin: digits.get(..6).map(str::to_owned),
            last4: digits
                .get(digits.len().saturating_sub(4)..)
                .map(str::to_owned),
        }),
        extra: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_cards() {
        assert_eq!(
            normalize("4242 4242 4242 4242").as_deref(),
            Ok("4242424242424242")
        );
        assert!(normalize("4242 4242 4242 4241").is_err());
        assert_eq!(outcome("4242424242424242", true), CardOutcome::Approved);
        assert!(matches!(
            outcome("4000000000009995", false),
            CardOutcome::Declined {
                decline_code: Some("insufficient_funds"),
                ..
            }
        ));
        assert_eq!(outcome(DECLINES_AFTER_SAVING, false), CardOutcome::Approved);
        assert!(matches!(
            outcome(DECLINES_AFTER_SAVING, true),
            CardOutcome::Declined { .. }
        ));
        for card in [
            "4000000000000002",
            "4000000000009995",
            "4000000000000069",
            "4000000000000119",
            DECLINES_AFTER_SAVING,
        ] {
            assert!(normalize(card).is_ok(), "{card}");
        }
    }
}
