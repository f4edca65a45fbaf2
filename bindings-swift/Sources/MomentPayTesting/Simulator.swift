import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MomentPay

/// Why a simulator call failed.
public enum SimulatorError: Error, CustomStringConvertible {
    /// The `momentpay-sim` binary is not where the helper looked.
    case notFound(looked: [String])
    /// The process did not start; `output` is what it printed.
    case didNotStart(binary: String, output: String)
    /// The simulator refused a control call (`field` names the argument, when it said).
    case refused(status: Int, message: String, field: String?)
    /// No matching webhook arrived in time; `received` lists the types that did.
    case webhookTimeout(wanted: String, received: [String])
    /// A wrong argument, named.
    case invalidArgument(name: String, message: String)

    public var description: String {
        switch self {
        case let .notFound(looked):
            return "momentpay-sim not found; looked in: \(looked.joined(separator: "; ")). Install it (cargo install momentpay-sim, pip install momentpay-sim or the release tarball) or set MOMENTPAY_SIM_BIN."
        case let .didNotStart(binary, output):
            return "\(binary) did not start: \(output)"
        case let .refused(status, message, _):
            return "the simulator refused: \(status) \(message)"
        case let .webhookTimeout(wanted, received):
            return "no \(wanted) webhook arrived; received: \(received.isEmpty ? "nothing" : received.joined(separator: ", "))"
        case let .invalidArgument(name, message):
            return "\(name): \(message)"
        }
    }
}

/// The merchant's clock after a move.
public struct Clock: Equatable {
    /// Its virtual time (RFC 3339).
    public let now: String
    /// Subscription charges the move made.
    public let subscriptionCharges: Int
    /// `advanceToNextEvent`: what ran (`subscription charge`, ...), or nil.
    public let what: String?
}

/// Finds `momentpay-sim`: `MOMENTPAY_SIM_BIN`, then every directory of `PATH`.
public func findSimulator() throws -> String {
    let environment = ProcessInfo.processInfo.environment
    if let explicit = environment["MOMENTPAY_SIM_BIN"], !explicit.isEmpty {
        guard FileManager.default.isExecutableFile(atPath: explicit) else {
            throw SimulatorError.notFound(looked: ["MOMENTPAY_SIM_BIN=\(explicit) (not an executable file)"])
        }
        return explicit
    }
    var looked = ["MOMENTPAY_SIM_BIN (not set)"]
    for directory in (environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(directory)/momentpay-sim"
        if FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        looked.append(String(directory))
    }
    throw SimulatorError.notFound(looked: looked)
}

/// A local Moment (`momentpay-sim`) with a merchant of the test's own: the same verbs as
/// Python's `momentpay.testing.Simulator` and Node's `momentpay/testing`.
public final class Simulator: @unchecked Sendable {
    /// The simulator's URL: the client's `baseUrl`.
    public let baseURL: String
    /// The merchant's test key.
    public let apiKey: String
    /// Where the merchant's webhooks arrive, verified.
    public let webhooks: WebhookReceiver
    private let process: Process

    private init(baseURL: String, apiKey: String, webhooks: WebhookReceiver, process: Process) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.webhooks = webhooks
        self.process = process
    }

    /// The secret the merchant's webhooks are signed with.
    public var webhookSecret: String { webhooks.secret }

    /// Starts `momentpay-sim serve --port 0` (the binary from `findSimulator()` unless given)
    /// and makes a merchant with a webhook receiver.
    public static func start(binary: String? = nil) async throws -> Simulator {
        let path = try binary ?? findSimulator()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["serve", "--port", "0"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        let first = String(decoding: line, as: UTF8.self)
        guard first.hasPrefix("base_url=") else {
            process.terminate()
            throw SimulatorError.didNotStart(binary: path, output: first)
        }
        // Keep reading, so the process never blocks on a full pipe.
        output.fileHandleForReading.readabilityHandler = { handle in _ = handle.availableData }
        let baseURL = String(first.dropFirst("base_url=".count))
        let apiKey = "sk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let control = Control(baseURL: baseURL, apiKey: apiKey)
        let inbox = try await control.call("POST", "/_sim/inboxes", body: [:])
        guard let id = inbox["id"] as? String, let secret = inbox["secret"] as? String else {
            process.terminate()
            throw SimulatorError.didNotStart(binary: path, output: "no inbox in \(inbox)")
        }
        let webhooks = try WebhookReceiver(control: control, inboxId: id, secret: secret)
        return Simulator(baseURL: baseURL, apiKey: apiKey, webhooks: webhooks, process: process)
    }

    private var control: Control { Control(baseURL: baseURL, apiKey: apiKey) }

    /// A client for the merchant.
    public func client() throws -> MomentClient {
        try MomentClient(apiKey: apiKey, baseUrl: baseURL)
    }

    /// The customer pays the session at checkout with `card` (4242424242424242 pays,
    /// 4000000000000002 is declined); returns the session as the merchant then reads it.
    @discardableResult
    public func pay(_ sessionId: String, card: String = "4242424242424242") async throws -> PaymentSession {
        guard !sessionId.isEmpty else {
            throw SimulatorError.invalidArgument(name: "sessionId", message: "must be a payment session's id")
        }
        let escaped = sessionId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? sessionId
        _ = try await control.call("POST", "/_sim/payment_sessions/\(escaped)/complete", body: ["card_number": card])
        return try await client().retrievePaymentSession(id: sessionId)
    }

    /// Moves the merchant's clock forward (other merchants' stay) and runs what became due.
    @discardableResult
    public func advanceClock(seconds: Double = 0, minutes: Double = 0, hours: Double = 0, days: Double = 0) async throws -> Clock {
        for (name, value) in [("seconds", seconds), ("minutes", minutes), ("hours", hours), ("days", days)] where value < 0 || !value.isFinite {
            throw SimulatorError.invalidArgument(name: name, message: "the clock only moves forward, got \(value)")
        }
        let total = seconds + minutes * 60 + hours * 3600 + days * 86_400
        return Self.clock(try await control.call("POST", "/_sim/clock/advance", body: ["seconds": total]))
    }

    /// Moves the merchant's clock to the next thing scheduled for it and runs it.
    @discardableResult
    public func advanceToNextEvent() async throws -> Clock {
        Self.clock(try await control.call("POST", "/_sim/clock/next", body: [:]))
    }

    private static func clock(_ json: [String: Any]) -> Clock {
        Clock(
            now: json["now"] as? String ?? "",
            subscriptionCharges: json["subscription_charges"] as? Int ?? 0,
            what: json["what"] as? String
        )
    }

    /// Faults for the merchant's API calls: the control API's fields (`rate`, `kinds`,
    /// `next`, `retry_after_seconds`, `delay_ms`, `path_prefix`, `seed`).
    public func injectFaults(_ faults: [String: Any]) async throws {
        _ = try await control.call("POST", "/_sim/faults", body: faults)
    }

    /// No more faults for the merchant.
    public func clearFaults() async throws {
        _ = try await control.call("DELETE", "/_sim/faults", body: nil)
    }

    /// How the merchant's deliveries misbehave (`duplicate_rate`, `reorder_window_ms`,
    /// `delay_ms`, `seed`).
    public func setWebhookChaos(_ chaos: [String: Any]) async throws {
        _ = try await control.call("POST", "/_sim/webhooks/chaos", body: chaos)
    }

    /// Deliveries behave again.
    public func clearWebhookChaos() async throws {
        _ = try await control.call("DELETE", "/_sim/webhooks/chaos", body: nil)
    }

    /// Makes the simulator emit `eventType` (e.g. `payment.captured`) for the merchant.
    public func trigger(_ eventType: String) async throws {
        _ = try await control.call("POST", "/_sim/trigger", body: ["event": eventType])
    }

    /// Forgets the merchant's objects, events, faults, chaos and clock; the receiver stays.
    public func reset() async throws {
        _ = try await control.call("POST", "/_sim/reset", body: [:])
        webhooks.clear()
    }

    /// Stops the process.
    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit {
        stop()
    }
}

/// The control API, as one merchant.
struct Control {
    let baseURL: String
    let apiKey: String

    func call(_ method: String, _ path: String, body: [String: Any]?) async throws -> [String: Any] {
        guard let url = URL(string: baseURL + path) else {
            throw SimulatorError.invalidArgument(name: "path", message: "not a URL path: \(path)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "authorization")
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body)
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let parsed: Any? = data.isEmpty ? nil : (try? JSONSerialization.jsonObject(with: data))
        let json = parsed as? [String: Any] ?? [:]
        guard (200..<300).contains(status) else {
            let errors = json["errors"] as? [[String: Any]]
            let message = json["detail"] as? String ?? json["title"] as? String ?? String(decoding: data, as: UTF8.self)
            throw SimulatorError.refused(status: status, message: message, field: errors?.first?["field"] as? String)
        }
        return json
    }
}
