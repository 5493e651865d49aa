import Foundation
import Iconect

/// Requests per second with many concurrent tasks, through `IconectClient` and through a bare `URLSession`.
struct ThroughputScenario {
    let environment: BenchEnvironment
    let concurrency: Int
    let seconds: Double

    func run(_ report: Report) async throws {
        let client = try environment.makeClient(connections: concurrency)
        let bare = try await BareClient(environment: environment, path: "projects/\(environment.projectId)", connections: concurrency)
        let projectId = environment.projectId
        _ = try await client.projects.get(id: projectId)
        let sdk = try await measure { _ = try await client.projects.get(id: projectId) }
        let floor = try await measure { _ = try await bare.get() }
        report.figure("throughput \(concurrency) tasks (SDK vs bare URLSession)", sdk, "req/s", reference: floor)
        bare.close()
        await client.shutdown()
    }

    /// Completed calls per second with `concurrency` tasks looping for `seconds`.
    private func measure(_ call: @escaping @Sendable () async throws -> Void) async throws -> Double {
        let deadline = ContinuousClock.now + .milliseconds(Int64(seconds * 1000))
        let start = ContinuousClock.now
        let total = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<concurrency {
                group.addTask {
                    var count = 0
                    while ContinuousClock.now < deadline {
                        try await call()
                        count += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        return Double(total) / (ContinuousClock.now - start).seconds
    }
}
