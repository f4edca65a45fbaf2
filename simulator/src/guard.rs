//! Who may drive a running simulator. It listens on loopback and takes no password, so the
//! danger is a web page in the developer's browser, not a remote attacker:
//!
//! - **DNS rebinding** (a page on `evil.example` whose name now resolves to 127.0.0.1): every
//!   request must name an allowed `Host`: an IP literal (a rebinding page cannot send one),
//!   `localhost`, or a name given with `--allow-host` ([`crate::Options::allowed_hosts`]).
//!   Anything else is answered 421.
//! - **Cross-site requests** (a page POSTing to `http://127.0.0.1:12111/_sim/reset`, which
//!   needs no preflight as `text/plain`): a state-changing request to the control plane
//!   (`/_sim/…`, the checkout) that a browser marks as coming from another site
//!   (`Sec-Fetch-Site`, or an `Origin` that is not this host) is answered 403, and a `/_sim`
//!   JSON route with a body that is not `application/json` is answered 415, so no simple
//!   cross-site request reaches a handler.
//!
//! A live key (`sk_live_…`) is refused on every route: the simulator takes test keys only,
//! so no production key is ever logged, stored in a state file or served back.
//!
//! API routes need `Authorization`, which a cross-site page cannot send without a preflight
//! the simulator never grants; reading any answer cross-site is blocked by the browser's
//! same-origin policy (no CORS headers are ever sent).

use crate::problem::ApiError;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, header};
use axum::response::{IntoResponse, Response};

/// The refusal for `request`, if it is refused.
pub fn check(allowed_hosts: &[String], request: &Request<Body>) -> Option<Response> {
    let headers = request.headers();
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if let Some(host) = host
        && !host_allowed(host, allowed_hosts)
    {
        return Some(
            ApiError::new(
                421,
                "misdirected-request",
                "Host not allowed",
                format!(
                    "This simulator answers to IP addresses and localhost, not `{}` (a guard \
                     against DNS rebinding). Start it with `--allow-host {}` to allow that name.",
                    truncate(host, 100),
                    truncate(host_name(host), 100)
                ),
            )
            .into_response(),
        );
    }
    // A live key is refused on every route, before it is logged, stored or becomes a merchant.
    if let Some(key) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        && (key.starts_with("sk_") || key.starts_with("pk_"))
        && !(key.starts_with("sk_test_") || key.starts_with("pk_test_"))
    {
        return Some(crate::api::live_key_refused().into_response());
    }
    let path = request.uri().path();
    let control = path.starts_with("/_sim/") || path.starts_with("/checkout/");
    let reads = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !control || reads {
        return None;
    }
    if cross_site(headers) {
        return Some(
            ApiError::new(
                403,
                "forbidden",
                "Cross-site request refused",
                "The simulator's control plane takes no requests from other sites' pages",
            )
            .into_response(),
        );
    }
    let json_route = path.starts_with("/_sim/") && !path.starts_with("/_sim/dashboard/");
    if json_route && has_body(headers) && !is_json(headers) {
        return Some(
            ApiError::new(
                415,
                "unsupported-media-type",
                "Unsupported media type",
                "Send the body as JSON with `Content-Type: application/json`",
            )
            .into_response(),
        );
    }
    None
}

/// Whether a browser says the request came from another site: `Sec-Fetch-Site` other than
/// `same-origin` or `none` (typed in the address bar), or an `Origin` (`null` included)
/// that is not `http://<Host>`.
pub fn cross_site(headers: &HeaderMap) -> bool {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header(header::HeaderName::from_static("sec-fetch-site"))
        && site != "same-origin"
        && site != "none"
    {
        return true;
    }
    match header(header::ORIGIN) {
        Some(origin) => {
            let host = header(header::HOST).unwrap_or_default();
            origin
                .strip_prefix("http://")
                .is_none_or(|origin_host| !origin_host.eq_ignore_ascii_case(host))
        }
        None => false,
    }
}

/// Whether `host` (a `Host` header: name or address, maybe a port) is one the simulator
/// answers to.
pub fn host_allowed(host: &str, allowed: &[String]) -> bool {
    let name = host_name(host);
    if host.starts_with('[') {
        return name.parse::<std::net::Ipv6Addr>().is_ok();
    }
    name.parse::<std::net::Ipv4Addr>().is_ok()
        || name.eq_ignore_ascii_case("localhost")
        || allowed.iter().any(|a| a.eq_ignore_ascii_case(name))
}

/// The name or address of a `Host` value, without port or IPv6 brackets.
fn host_name(host: &str) -> &str {
    if let Some(rest) = host.strip_prefix('[') {
        return rest.split_once(']').map_or(rest, |(address, _)| address);
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

fn has_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|length| length.trim() != "0")
}

fn is_json(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn truncate(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        let none: [String; 0] = [];
        for ok in [
            "127.0.0.1:12111",
            "127.0.0.1",
            "localhost:80",
            "LOCALHOST",
            "[::1]:12111",
            "10.0.0.5:12111",
            "[fe80::1]",
        ] {
            assert!(host_allowed(ok, &none), "{ok}");
        }
        for refused in [
            "rebind.evil.example:12111",
            "evil.example",
            "localhost.evil.example",
            "127.0.0.1.nip.io:12111",
            "[not-an-address]",
            "",
        ] {
            assert!(!host_allowed(refused, &none), "{refused}");
        }
        let allowed = ["momentpay-sim".to_owned()];
        assert!(host_allowed("momentpay-sim:12111", &allowed));
        assert!(!host_allowed("other:12111", &allowed));
    }

    #[test]
    fn json_types() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, value.parse().expect("value"));
            is_json(&headers)
        };
        assert!(with("application/json"));
        assert!(with("application/json; charset=utf-8"));
        assert!(with("Application/JSON"));
        assert!(with("application/merge-patch+json"));
        assert!(!with("text/plain;charset=UTF-8"));
        assert!(!with("application/x-www-form-urlencoded"));
        assert!(!with("multipart/form-data; boundary=x"));
        assert!(!with("text/json+json"));
    }
}
