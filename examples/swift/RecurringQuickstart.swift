// The recurring-payments quickstart in Swift (server-side Swift: it holds a secret key).
//
//   MOMENT_API_KEY=sk_test_... MOMENT_BASE_URL=... as an executable target of a package that
//   depends on MomentPay (see bindings-swift/README.md); compiled alone, `@main` needs
//   `swiftc -parse-as-library`.
import Foundation
import MomentPay

@main
struct RecurringQuickstart {
    static func main() async throws {
        let moment = try MomentClient()   // MOMENT_API_KEY, MOMENT_BASE_URL

        // 1. The customer sets up a mandate by paying the first payment at checkout.
        let first = try await moment.createPaymentSession(params: CreatePaymentSession(
            amount: 5000,
            currency: "ZAR",
            kind: .firstInSeries,
            options: PaymentSessionOptions(
                customer: .details(CustomerDetails(name: "Alex", email: "alex@example.com")),
                mandateOptions: MandateOptions(kind: .onDemand, amount: .range(AmountRange(min: nil, max: 5000)))
            )
        ))
        print("Send the customer to \(first.sessionUrl ?? "?") (test card 4242 4242 4242 4242)")

        // 2. Wait for the checkout (a webhook receiver would get payment_session.completed).
        var session = first
        while session.status == .active {
            try await Task.sleep(nanoseconds: 2_000_000_000)
            session = try await moment.retrievePaymentSession(id: first.id)
        }
        guard session.paymentOutcome == .paid, let customer = session.customerId, let method = session.paymentMethodId else {
            print("The first payment did not succeed: \(String(describing: session.lastPaymentError))")
            return
        }

        // 3. Charge three recurring payments without the customer.
        for (number, amount) in [1500, 2500, 3500].enumerated() {
            let charge = try await moment.createPaymentSession(
                params: CreatePaymentSession(
                    amount: Int64(amount),
                    currency: "ZAR",
                    kind: .nextInSeries,
                    options: PaymentSessionOptions(customer: .id(customer), paymentMethod: method)
                ),
                options: CallOptions(idempotencyKey: "\(customer)-charge-\(number + 1)")
            )
            print("Charge \(number + 1): \(charge.id), payment \(charge.paymentId ?? "-")")
        }
    }
}
