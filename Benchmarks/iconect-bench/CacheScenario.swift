import Foundation
import Iconect

/// Many concurrent identical cached queries: how many reached the server, and what a cache hit costs.
struct CacheScenario {
    let environment: BenchEnvironment
    let queries: Int
    let transports: [BenchTransport]

    func run(_ report: Report) async throws {
        for transport in transports { try await run(report, transport) }
    }

    private func run(_ report: Report, _ transport: BenchTransport) async throws {
        let client = try environment.makeClient(transport, cache: true)
        let query = RecordQuery(projectId: environment.projectId).filter("docType", .eq("email")).page(1, size: 20)
        _ = try await client.projects.get(id: environment.projectId)  // sign in first: only the searches are counted
        let before = try await environment.requestCount("GET /v1/records/search")
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<queries {
                group.addTask { try await client.records.search(query, cache: .useCache).data.count }
            }
            for try await _ in group {}
        }
        if let before, let after = try await environment.requestCount("GET /v1/records/search") {
            report.figure("cache upstream requests for \(queries) identical queries, \(transport.label)", Double(after - before),
                          "requests")
        } else {
            report.note("upstream request count needs the emulator's /_emulator/stats")
        }
        let hits = 100_000
        let start = ContinuousClock.now
        for _ in 0..<hits { _ = try await client.records.search(query, cache: .useCache) }
        let perHit = (ContinuousClock.now - start).seconds / Double(hits) * 1e9
        report.figure("cache hit (search page of 20, decoded), \(transport.label)", perHit, "ns")
        let counters = client.statistics().counters
        report.note("cache counters: hits \(counters["cache.hits"] ?? 0), misses \(counters["cache.misses"] ?? 0), "
                    + "coalesced \(counters["cache.coalesced"] ?? 0)")
        await client.shutdown()
    }
}
