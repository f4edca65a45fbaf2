//! The library the Swift package `MomentPay` links: the core with its `uniffi` feature on.
//! The UniFFI surface (`momentpay::ffi`) and the model derives live beside the types they
//! describe, in the core; this crate only builds them into `libmomentpay_ffi` (cdylib for
//! tests and bindgen, staticlib for XCFrameworks).

pub use momentpay::ffi::*;
