//! Event parsing never panics; a parsed event serialises to JSON that parses to the same
//! event; and the lazy envelope agrees with the eager parse on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use momentpay::models::{Event, EventEnvelope};

fuzz_target!(|data: &[u8]| {
    let eager = Event::from_slice(data);
    match EventEnvelope::from_slice(data) {
        Ok(envelope) => {
            let lazy = envelope.clone().into_event();
            match (&eager, lazy) {
                (Ok(event), Ok(lazy)) => assert_eq!(event, &lazy),
                (Err(_), Err(_)) => assert!(envelope.data().is_err()),
                (eager, lazy) => panic!("eager {eager:?} but envelope {lazy:?}"),
            }
        }
        Err(_) => assert!(eager.is_err(), "the envelope refused what the eager parse took"),
    }
    if let Ok(event) = eager {
        let again = Event::from_slice(event.to_json().as_bytes()).expect("our own output parses");
        assert_eq!(again.id, event.id);
        assert_eq!(again.kind, event.kind);
    }
});
