import XCTest
@testable import MomentPay

/// Every case of tests/vectors/webhooks.json gets the same verdict as in Rust.
final class WebhookVectorTests: XCTestCase {
    func testVectors() throws {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Vectors/webhooks", withExtension: "json"))
        let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let cases = try XCTUnwrap(document["cases"] as? [[String: Any]])
        XCTAssertGreaterThanOrEqual(cases.count, 30)
        for vector in cases {
            // The published reference vectors sign payloads that are not Moment events: a
            // good signature then fails only as malformed_body (a bad one would not).
            let verifyOnly = vector["verify_only"] as? Bool == true
            let name = vector["name"] as? String ?? "?"
            let expect = try XCTUnwrap(vector["expect"] as? [String: Any])
            let headers = vector["headers"] as? [String: String] ?? [:]
            let payload = Data((vector["payload"] as? String ?? "").utf8)
            let now = (vector["now"] as? NSNumber)?.int64Value
            let tolerance = (vector["tolerance_seconds"] as? NSNumber)?.doubleValue ?? 180
            do {
                let webhook = try MomentWebhook(secret: vector["secret"] as? String ?? "", toleranceSeconds: tolerance)
                let event = try webhook.verify(payload: payload, headers: headers, now: now)
                XCTAssertFalse(verifyOnly, "\(name): not an event, yet it parsed")
                XCTAssertEqual(expect["ok"] as? Bool, true, name)
                XCTAssertEqual(event.id, expect["event_id"] as? String, name)
            } catch MomentError.Webhook(let failure, _) {
                if verifyOnly {
                    XCTAssertEqual(failure, "malformed_body", name)
                } else {
                    XCTAssertEqual(expect["ok"] as? Bool, false, name)
                    XCTAssertEqual(failure, expect["error"] as? String, name)
                }
            }
        }
    }
}
