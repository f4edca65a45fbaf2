//! Object IDs: `<prefix>_` plus base62 random characters.

use rand::Rng;

const ALPHABET: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new ID such as `ps_kfAWZgfQIoeG0q`.
pub fn new_id(prefix: &str) -> String {
    let len = match prefix {
        "ps" | "cus" | "pmt" | "ckt" | "pt" => 14,
        "evt" | "msg" => 24,
        _ => 21,
    };
    let mut rng = rand::rng();
    let mut id = String::with_capacity(prefix.len() + 1 + len);
    id.push_str(prefix);
    id.push('_');
    for _ in 0..len {
        id.push(ALPHABET[rng.random_range(0..ALPHABET.len())] as char);
    }
    id
}
