//! Event parsing never panics, and a parsed event serialises to JSON that parses to the same
//! event.
#![no_main]

use libfuzzer_sys::fuzz_target;
use momentpay::models::Event;

fuzz_target!(|data: &[u8]| {
    if let Ok(event) = Event::from_slice(data) {
        let again = Event::from_slice(event.to_json().as_bytes()).expect("our own output parses");
        assert_eq!(again.id, event.id);
        assert_eq!(again.kind, event.kind);
    }
});
