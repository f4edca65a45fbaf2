import Foundation
import MomentPay

/// Where one merchant's webhooks arrive. The simulator delivers them over HTTP to an inbox it
/// hosts; this reads them back (a long poll) and verifies each with `MomentWebhook`.
public final class WebhookReceiver: @unchecked Sendable {
    /// The secret deliveries are signed with.
    public let secret: String
    private let control: Control
    private let inboxId: String
    private let verifier: MomentWebhook
    private let lock = NSLock()
    private var after = 0
    private var events: [(event: WebhookEvent, type: String, objectId: String?)] = []

    /// Runs `body` holding the lock (NSLocking.withLock needs macOS 13).
    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    init(control: Control, inboxId: String, secret: String) throws {
        self.control = control
        self.inboxId = inboxId
        self.secret = secret
        self.verifier = try MomentWebhook(secret: secret)
    }

    private func read(waitSeconds: Double) async throws {
        let from = locked { after }
        let waitMs = Int(max(0, waitSeconds) * 1000)
        let json = try await control.call("GET", "/_sim/inboxes/\(inboxId)/deliveries?after=\(from)&wait_ms=\(waitMs)", body: nil)
        for delivery in json["data"] as? [[String: Any]] ?? [] {
            guard let seq = delivery["seq"] as? Int, let body = delivery["body"] as? String,
                  let headers = delivery["headers"] as? [String: String] else { continue }
            let payload = Data(body.utf8)
            let event = try verifier.verify(payload: payload, headers: headers)
            let parsed = (try? JSONSerialization.jsonObject(with: payload)) as? [String: Any]
            let type = parsed?["type"] as? String ?? ""
            let objectId = (parsed?["data"] as? [String: Any])?["id"] as? String
            locked {
                if seq > after {
                    after = seq
                    events.append((event, type, objectId))
                }
            }
        }
    }

    /// Every verified event so far, in arrival order (a repeated delivery appears again).
    public func received() async throws -> [WebhookEvent] {
        try await read(waitSeconds: 0)
        return locked { events.map(\.event) }
    }

    /// The first event of `type` (e.g. `payment_session.completed`) that arrived, about
    /// `objectId` (the data's `id`) when given, waiting up to `timeout` seconds.
    public func waitFor(_ type: String, objectId: String? = nil, timeout: TimeInterval = 10) async throws -> WebhookEvent {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let found = locked {
                events.first { $0.type == type && (objectId == nil || $0.objectId == objectId) }?.event
            }
            if let found {
                return found
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                let seen = locked { events.map(\.type) }
                throw SimulatorError.webhookTimeout(wanted: objectId.map { "\(type) for \($0)" } ?? type, received: seen)
            }
            try await read(waitSeconds: min(left, 25))
        }
    }

    /// Every verified event once at least `count` have arrived (repeats count).
    public func waitForCount(_ count: Int, timeout: TimeInterval = 10) async throws -> [WebhookEvent] {
        let deadline = Date().addingTimeInterval(timeout)
        while locked({ events.count }) < count {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 {
                let seen = locked { events.map(\.type) }
                throw SimulatorError.webhookTimeout(wanted: "\(count) events", received: seen)
            }
            try await read(waitSeconds: min(left, 25))
        }
        return locked { events.map(\.event) }
    }

    func clear() {
        locked { events.removeAll() }
    }
}
