import Foundation
import HTTPTypes
import Iconect

/// Requests per second with many concurrent tasks through `IconectClient` on each transport, each beside a bare loop of
/// the same HTTP stack; then the transports against each other.
struct ThroughputScenario {
    let environment: BenchEnvironment
    let concurrency: Int
    let seconds: Double
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        var rates: [BenchTransport: Double] = [:]
        for transport in transports {
            let client = try environment.makeClient(transport, connections: concurrency)
            let floor = try await BareFloor(transport, environment: environment, path: "projects/\(environment.projectId)",
                                            connections: concurrency)
            // Where a difference lies: the transport alone, with a prepared request and no pipeline.
            let alone = try transport.factory.makeTransport(for: client.configuration)
            let projectId = environment.projectId
            let request = HTTPRequest(method: .get, url: environment.baseURL.appendingPathComponent("v1/projects/\(projectId)"),
                                      headerFields: [.authorization: "Bearer \(try await floor.token())", .accept: "application/json",
                                                     .userAgent: environment.configuration.userAgent])
            _ = try await client.projects.get(id: projectId)
            // Three interleaved rounds, the median of each kept, so that drift on the machine affects all three alike.
            var sdk: [(rate: Double, cpuMicroseconds: Double)] = []
            var bare: [(rate: Double, cpuMicroseconds: Double)] = []
            var direct: [(rate: Double, cpuMicroseconds: Double)] = []
            for _ in 0..<3 {
                sdk.append(try await Self.measure(concurrency: concurrency, seconds: seconds) { _ = try await client.projects.get(id: projectId) })
                bare.append(try await Self.measure(concurrency: concurrency, seconds: seconds) { try await floor.get() })
                direct.append(try await Self.measure(concurrency: concurrency, seconds: seconds) { _ = try await alone.send(request, body: .none, timeout: .seconds(30)) })
            }
            let (sdkRate, bareRate) = (Self.median(sdk.map(\.rate)), Self.median(bare.map(\.rate)))
            report.figure("throughput \(concurrency) tasks, \(transport.label) (SDK vs bare \(transport.label))", sdkRate, "req/s",
                          reference: bareRate)
            report.figure("client CPU per request, \(transport.label) (SDK vs bare \(transport.label))",
                          Self.median(sdk.map(\.cpuMicroseconds)), "µs", reference: Self.median(bare.map(\.cpuMicroseconds)))
            report.figure("client CPU per request, \(transport.label) transport alone (vs bare)",
                          Self.median(direct.map(\.cpuMicroseconds)), "µs", reference: Self.median(bare.map(\.cpuMicroseconds)))
            rates[transport] = sdkRate
            await alone.shutdown()
            await floor.shutdown()
            await client.shutdown()
        }
        if let ahc = rates[.ahc], let urlSession = rates[.urlsession] {
            report.figure("throughput \(concurrency) tasks, SDK on AsyncHTTPClient vs SDK on URLSession", ahc, "req/s",
                          reference: urlSession)
        }
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    /// Completed calls per second with `concurrency` tasks looping for `seconds` (after a short warm-up).
    static func rate(concurrency: Int, seconds: Double, _ call: @escaping @Sendable () async throws -> Void) async throws -> Double {
        try await measure(concurrency: concurrency, seconds: seconds, call).rate
    }

    /// Calls per second, and this process's CPU time (user + system) per call, with `concurrency` tasks looping for
    /// `seconds` after a short warm-up.
    static func measure(concurrency: Int, seconds: Double, _ call: @escaping @Sendable () async throws -> Void) async throws
        -> (rate: Double, cpuMicroseconds: Double)
    {
        _ = try await run(concurrency: concurrency, seconds: min(0.5, seconds / 4), call)
        let cpuBefore = ProcessCPU.microseconds
        let start = ContinuousClock.now
        let rate = try await run(concurrency: concurrency, seconds: seconds, call)
        let calls = rate * (ContinuousClock.now - start).seconds
        return (rate, (ProcessCPU.microseconds - cpuBefore) / max(calls, 1))
    }

    private static func run(concurrency: Int, seconds: Double, _ call: @escaping @Sendable () async throws -> Void) async throws -> Double {
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

/// This process's CPU time so far.
enum ProcessCPU {
    static var microseconds: Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e6 + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
    }
}
