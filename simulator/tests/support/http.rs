//! A plain HTTP client for talking to a simulator on loopback, as a script would.
#![allow(dead_code)]

/// No redirects followed (the tests look at what the simulator answers) and no proxy (a
/// `HTTP_PROXY` in the environment must not see loopback traffic).
pub fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .no_proxy()
        .build()
        .expect("client")
}
