//! Problem documents and error responses never panic, whatever the status and body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use momentpay::{Error, Problem};

fuzz_target!(|data: &[u8]| {
    let status = u16::from_le_bytes([data.first().copied().unwrap_or(0), data.get(1).copied().unwrap_or(0)]);
    let body = data.get(2..).unwrap_or_default();
    let _ = Problem::parse(body).map(|p| p.code().map(str::len));
    let error = Error::from_response(status, body, None, None);
    let _ = (error.kind(), error.is_retryable(), error.to_string(), format!("{error:?}"));
});
