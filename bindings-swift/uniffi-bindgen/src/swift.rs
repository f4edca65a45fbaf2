//! `uniffi-bindgen-swift`: Swift sources, C headers and modulemaps laid out for SwiftPM and
//! XCFrameworks.
fn main() {
    uniffi::uniffi_bindgen_swift()
}
