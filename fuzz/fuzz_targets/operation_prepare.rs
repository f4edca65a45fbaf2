//! Parse-and-validate of every operation never panics: `prepare` (what `invoke` and every
//! binding run before the network) answers a request or a validation error naming a field,
//! for any path ID and any parameters, given as JSON text as Swift and the bindings pass it.
//!
//! Input: byte 0 picks the operation, byte 1 is the ID's length, then the ID, then the JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use momentpay::ErrorKind;
use momentpay::api::OPERATIONS;
use momentpay::operations::prepare;
use momentpay::validation::nesting;

fuzz_target!(|data: &[u8]| {
    let [op, id_len, rest @ ..] = data else {
        return;
    };
    let operation = &OPERATIONS[usize::from(*op) % OPERATIONS.len()];
    let id_len = usize::from(*id_len).min(rest.len());
    let (id, json) = rest.split_at(id_len);
    let id = String::from_utf8_lossy(id);
    // The JSON text path of the UniFFI layer: bounded before the parser recurses.
    if let Err(error) = nesting::check_text(json, "params") {
        assert_eq!(error.kind(), ErrorKind::Validation);
        return;
    }
    let Ok(params) = serde_json::from_slice::<serde_json::Value>(json) else {
        return;
    };
    let id = operation.path_param.map(|_| id.as_ref());
    match prepare(operation.name, id, params) {
        Ok(request) => {
            assert_eq!(request.method, operation.method);
            if let Some(body) = &request.body {
                assert!(serde_json::from_slice::<serde_json::Value>(body).is_ok());
            }
        }
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::Validation, "{error}");
            let field = error.field().unwrap_or_default();
            assert!(!field.is_empty(), "a validation error names a field: {error}");
        }
    }
});
