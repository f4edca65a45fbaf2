//! `uniffi-bindgen`: generates foreign bindings (Swift, Kotlin, Python) from a built library.
fn main() {
    uniffi::uniffi_bindgen_main()
}
