#if canImport(XCTest)
import XCTest

extension XCTestCase {
    /// A simulator with a merchant of this test's own, stopped when the test ends.
    public func startMomentSimulator(binary: String? = nil) async throws -> Simulator {
        let simulator = try await Simulator.start(binary: binary)
        addTeardownBlock { simulator.stop() }
        return simulator
    }
}
#endif
