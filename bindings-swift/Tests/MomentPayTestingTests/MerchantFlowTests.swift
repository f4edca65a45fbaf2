import XCTest
import MomentPay
import MomentPayTesting

/// A merchant's test suite with MomentPayTesting, as docs/testing.md shows it: a recurring
/// checkout, its webhook, three charges on the saved card and a renewal a month later.
/// (Needs `momentpay-sim` on PATH or MOMENTPAY_SIM_BIN.)
final class MerchantFlowTests: XCTestCase {
    func testASubscriptionIsChargedAndRenewed() async throws {
        let sim = try await startMomentSimulator()
        let moment = try sim.client()
        let first = try await moment.createPaymentSession(params: CreatePaymentSession(
            amount: 5000,
            currency: "ZAR",
            kind: .firstInSeries,
            options: PaymentSessionOptions(
                customer: .details(CustomerDetails(name: "Alex", email: "alex@example.com")),
                subscriptionOptions: SubscriptionOptions()
            )
        ))
        try await sim.pay(first.id)
        let completed = try await sim.webhooks.waitFor("payment_session.completed", objectId: first.id)
        guard case let .paymentSession(session) = completed.data else {
            return XCTFail("a payment_session event carries the session")
        }
        XCTAssertEqual(session.paymentOutcome, .paid)
        let customer = try XCTUnwrap(session.customerId)
        let method = try XCTUnwrap(session.paymentMethodId)
        for n in 0..<3 {
            let charge = try await moment.createPaymentSession(params: CreatePaymentSession(
                amount: 1000 + Int64(n),
                currency: "ZAR",
                kind: .nextInSeries,
                options: PaymentSessionOptions(customer: .id(customer), paymentMethod: method)
            ))
            // It completes asynchronously: wait for its webhook, and read payment_outcome.
            let done = try await sim.webhooks.waitFor("payment_session.completed", objectId: charge.id)
            guard case let .paymentSession(charged) = done.data else { return XCTFail("session event") }
            XCTAssertEqual(charged.paymentOutcome, .paid)
        }
        let clock = try await sim.advanceClock(days: 31)
        XCTAssertEqual(clock.subscriptionCharges, 1)
        let events = try await sim.webhooks.waitForCount(15)
        XCTAssertEqual(Set(events.map(\.id)).count, 15, "each event once: no chaos asked for")
    }
}
