import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking // URLRequest and URLSession on Linux
#endif

/// Starts `momentpay-sim` (built by `cargo build -p momentpay-sim`) on a free port and talks
/// to its control API.
final class Simulator {
    let baseURL: String
    private let process: Process

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
        let binary = ProcessInfo.processInfo.environment["MOMENTPAY_SIM_BIN"]
            ?? root.appendingPathComponent("target/debug/momentpay-sim").path
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--port", "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) {
            line.append(byte)
        }
        baseURL = String(decoding: line, as: UTF8.self).components(separatedBy: "=")[1]
    }

    deinit {
        process.terminate()
    }

    static func newKey() -> String {
        "sk_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// POSTs to the control API (e.g. `/_sim/payment_sessions/{id}/complete`).
    @discardableResult
    func control(_ path: String, body: [String: Any] = [:], key: String? = nil) async throws -> [String: Any] {
        var request = URLRequest(url: URL(string: baseURL + path)!)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "content-type")
        if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "authorization") }
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(status) else {
            throw SimulatorControlError(path: path, status: status, body: String(decoding: data, as: UTF8.self))
        }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// A control call the simulator refused: the test stops here rather than carrying on.
struct SimulatorControlError: Error, CustomStringConvertible {
    let path: String
    let status: Int
    let body: String
    var description: String { "\(path): HTTP \(status): \(body)" }
}
