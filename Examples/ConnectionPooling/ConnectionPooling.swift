// The performance guide's chapter "Connection Pooling", run: one function per section.
//
//   swift run connection-pooling [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct ConnectionPooling {
    static func main() async {
        await Example.run("Connection Pooling") { context in
            try await configuration(context)
            try await bestPractices(context)
        }
    }

    /// Configuration: the guide's `iconect_configure` settings are fields of `IconectConfiguration`; keep-alive is always on.
    /// The first call pays for the connection and the sign-in; the calls after it reuse both.
    static func configuration(_ context: ExampleContext) async throws {
        context.report.section("Configuration")
        let change: (inout IconectConfiguration) -> Void = { configuration in
            configuration.requestTimeout = .seconds(30)                                      // timeout: 30000
            configuration.retryPolicy = RetryPolicy(maxAttempts: 4, baseDelay: .seconds(1))  // maxRetries: 3, retryDelay: 1000
            configuration.maximumConnectionsPerHost = 10                                     // poolSize: 10, keepAlive: true
        }
        let (first, warm) = try await context.withClient(change) { client in
            let first = try await timed { try await client.projects.get(id: context.projectId, cache: .bypass) }.1
            var warm: [Duration] = []
            for _ in 0..<context.size(200, small: 50) {
                warm.append(try await timed { try await client.projects.get(id: context.projectId, cache: .bypass) }.1)
            }
            return (first, warm.sorted())
        }
        let median = warm[warm.count / 2]
        context.report.figure("first call (connect, sign in)", Format.duration(first))
        context.report.figure("later calls on kept-alive connections, p50", Format.duration(median), target: "< 200 ms")
        context.report.check(median < .milliseconds(200), "a simple call on a kept-alive connection takes under 200 ms")
        context.report.check(median < first, "later calls cost less than the first, which connected and signed in")
    }

    /// Best Practices: reuse one client (not one per call), watch how many requests are in flight against the pool, and size
    /// the pool for the workload.
    static func bestPractices(_ context: ExampleContext) async throws {
        context.report.section("Best Practices")
        let calls = context.size(40, small: 15)

        // 1. Reuse one client: one sign-in and warm connections, against a new client (sign-in, connection) per call.
        let (reused, sharedGrants) = try await context.withClient { shared in
            let time = try await timed {
                for _ in 0..<calls { _ = try await shared.projects.get(id: context.projectId, cache: .bypass) }
            }.1
            return (time, grants(shared))
        }
        var throwawayGrants = 0
        let (_, perCall) = try await timed {
            for _ in 0..<calls {
                let client = try context.makeClient()
                _ = try await client.projects.get(id: context.projectId, cache: .bypass)
                throwawayGrants += grants(client)
                await client.shutdown()
            }
        }
        context.report.figure("\(calls) calls on one client", "\(Format.duration(reused)), \(sharedGrants) sign-in(s)",
                              naive: "a client per call: \(Format.duration(perCall)), \(throwawayGrants) sign-ins")
        context.report.check(reused < perCall, "one shared client is faster than a client per call")
        context.report.check(sharedGrants <= 1, "one shared client signs in at most once")

        // 2 and 3. Track requests in flight against the pool, and size the pool for the workload: 8 tasks reading at once
        // (40 ms a call on the emulator), on a pool of 4 connections and on a pool of 16.
        let tasks = 8
        var results: [(pool: Int, time: Duration, peak: Int)] = []
        for pool in [4, 16] {
            var configuration = context.configuration
            configuration.maximumConnectionsPerHost = pool
            let gauge = ConnectionGauge(wrapping: URLSessionTransport(configuration: configuration))
            let time = try await context.withClient(transport: gauge, { $0.maximumConnectionsPerHost = pool }) { client in
                _ = try await client.projects.get(id: context.projectId, cache: .bypass)   // sign in first
                gauge.resetPeak()
                return try await context.withInjectedLatency(.milliseconds(40)) {
                    try await timed {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for _ in 0..<tasks {
                                group.addTask {
                                    for _ in 0..<10 { _ = try await client.projects.get(id: context.projectId, cache: .bypass) }
                                }
                            }
                            try await group.waitForAll()
                        }
                    }.1
                }
            }
            results.append((pool, time, gauge.peak))
        }
        for result in results {
            let utilization = Int((Double(result.peak) / Double(result.pool) * 100).rounded())
            context.report.figure("\(tasks) tasks × 10 calls, pool of \(result.pool)",
                                  "\(Format.duration(result.time)), \(result.peak) in flight = \(utilization)% of the pool",
                                  target: "utilization < 80%")
        }
        context.report.note("over 100%, requests wait for a connection: size the pool above the concurrency you run")
        context.report.check(results.allSatisfy { $0.peak == tasks }, "the gauge saw all \(tasks) tasks' calls in flight at once")
        context.report.check(results[1].peak * 100 < results[1].pool * 80, "a pool of 16 stays under 80% utilization")
        if context.isEmulated {
            context.report.check(results[1].time < results[0].time, "with 40 ms per call, the pool of 16 beats the exhausted pool of 4")
        }
    }

    /// Token grants a client made.
    static func grants(_ client: IconectClient) -> Int {
        client.statistics().counters.filter { $0.key.hasPrefix("auth.grants.") }.values.reduce(0, +)
    }
}
