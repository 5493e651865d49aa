import Foundation
import Iconect

/// Sequential GETs of one project: median and p99 through `IconectClient` and through a bare `URLSession` data task.
struct GetLatencyScenario {
    let environment: BenchEnvironment
    let requests: Int

    func run(_ report: Report) async throws {
        let client = try environment.makeClient()
        let bare = try await BareClient(environment: environment, path: "projects/\(environment.projectId)")
        let projectId = environment.projectId
        for _ in 0..<200 {  // warm both: token, connections, code paths
            _ = try await client.projects.get(id: projectId)
            _ = try await bare.get()
        }
        var sdk = Samples(capacity: requests)
        var floor = Samples(capacity: requests)
        // Interleave blocks so that drift on the machine affects both alike.
        let block = 250
        var done = 0
        while done < requests {
            let count = min(block, requests - done)
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await client.projects.get(id: projectId)
                sdk.add(ContinuousClock.now - start)
            }
            for _ in 0..<count {
                let start = ContinuousClock.now
                _ = try await bare.get()
                floor.add(ContinuousClock.now - start)
            }
            done += count
        }
        report.figure("get-latency median (SDK vs bare URLSession)", sdk.percentile(0.5), "µs", reference: floor.percentile(0.5))
        report.figure("get-latency p99 (SDK vs bare URLSession)", sdk.percentile(0.99), "µs", reference: floor.percentile(0.99))
        bare.close()
        await client.shutdown()
    }
}
