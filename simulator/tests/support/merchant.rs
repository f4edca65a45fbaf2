//! A fresh merchant of a running simulator, as a test makes one.
#![allow(dead_code)]

use momentpay_sim::Simulator;

/// A new merchant's test key and an SDK client of it against `sim`.
pub fn new_merchant(sim: &Simulator) -> (String, momentpay::Client) {
    let key = Simulator::new_test_key();
    let client = momentpay::Client::builder()
        .api_key(&key)
        .base_url(sim.base_url())
        .build()
        .expect("client");
    (key, client)
}
