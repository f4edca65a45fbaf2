//! Lets test binaries that embed CPython find libpython (toolchain.md, gotcha 2); does
//! nothing under maturin.
fn main() {
    pyo3_build_config::add_libpython_rpath_link_args();
}
