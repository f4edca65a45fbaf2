import XCTest
@testable import MomentPay

/// The recurring-payments flow against the simulator (run with `swift test` on a machine
/// with Swift; the same surface is exercised here through uniffi's Python bindings).
final class RecurringFlowTests: XCTestCase {
    func testFirstPaymentThenThreeRecurringCharges() async throws {
        let sim = try Simulator()
        let moment = try MomentClient(apiKey: Simulator.newKey(), baseUrl: sim.baseURL)
        let first = try await moment.createPaymentSession(params: CreatePaymentSession(
            amount: 5000,
            currency: "ZAR",
            kind: .firstInSeries,
            options: PaymentSessionOptions(customer: .details(CustomerDetails(name: "Alex", email: "alex@example.com")))
        ))
        XCTAssertEqual(first.status, .active)
        XCTAssertNotNil(first.sessionUrl)
        try await sim.control("/_sim/payment_sessions/\(first.id)/complete")
        let done = try await moment.retrievePaymentSession(id: first.id)
        XCTAssertEqual(done.paymentOutcome, .paid)
        let customer = try XCTUnwrap(done.customerId)
        let method = try XCTUnwrap(done.paymentMethodId)
        for charge in 1...3 {
            let next = try await moment.createPaymentSession(
                params: CreatePaymentSession(
                    amount: 5000,
                    currency: "ZAR",
                    kind: .nextInSeries,
                    options: PaymentSessionOptions(customer: .id(customer), paymentMethod: method)
                ),
                options: CallOptions(idempotencyKey: "charge-\(charge)")
            )
            XCTAssertNotNil(next.paymentId)
        }
    }

    func testCaptureAndTheErrorEnum() async throws {
        let sim = try Simulator()
        let moment = try MomentClient(apiKey: Simulator.newKey(), baseUrl: sim.baseURL)
        let session = try await moment.createPaymentSession(params: CreatePaymentSession(
            amount: 3000,
            currency: "ZAR",
            options: PaymentSessionOptions(paymentMethodOptions: PaymentMethodOptions(card: CardOptions(captureMethod: .manual)))
        ))
        try await sim.control("/_sim/payment_sessions/\(session.id)/complete")
        // Awaited first: XCTUnwrap's argument is an autoclosure, which cannot hold an await.
        let retrieved = try await moment.retrievePaymentSession(id: session.id)
        let paymentId = try XCTUnwrap(retrieved.paymentId)
        let captured = try await moment.capturePayment(id: paymentId, params: CapturePayment(amount: 1000))
        XCTAssertEqual(captured.paidAmount, 1000)
        do {
            _ = try await moment.retrievePayment(id: "pay_missing")
            XCTFail("expected a not-found error")
        } catch let MomentError.Api(kind, _, status, code, _, _, requestId, _, _, _) {
            XCTAssertEqual(kind, "not_found")
            XCTAssertEqual(status, 404)
            XCTAssertEqual(code, "not-found")
            XCTAssertNotNil(requestId)
        }
    }

    func testAnAppWithAPublicKeyOnlyCreatesSessions() async throws {
        let sim = try Simulator()
        let app = try MomentClient(apiKey: Simulator.newKey().replacingOccurrences(of: "sk_", with: "pk_"), baseUrl: sim.baseURL)
        let session = try await app.createPaymentSession(params: CreatePaymentSession(amount: 1999, currency: "ZAR"))
        XCTAssertNotNil(session.sessionUrl)
        do {
            _ = try await app.retrievePaymentSession(id: session.id)
            XCTFail("a public key must not read sessions")
        } catch MomentError.PermissionDenied(let message) {
            XCTAssertTrue(message.contains("secret key"))
        }
    }
}
