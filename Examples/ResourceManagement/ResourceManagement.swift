// The performance guide's chapter "Resource Management", run: one function per section.
//
//   swift run resource-management [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct ResourceManagement {
    static func main() async {
        await Example.run("Resource Management", seedRecords: (100_000, 5_000)) { context in
            try await memoryManagement(context)
            try await connectionCleanup(context)
        }
    }

    /// Memory Management: stream records with `paginate(...).items`; each page is released when the next replaces it
    /// (ARC frees it at once: there is no `gc()` to call), so memory stays flat however many records there are.
    static func memoryManagement(_ context: ExampleContext) async throws {
        context.report.section("Memory Management")
        let query = RecordQuery(projectId: context.projectId)
        let total = try await context.client.records.search(query.page(1, size: 1)).total

        // Stream: process each record (here, pages per custodian) and let it go.
        let sampler = ResourceSampler(every: .milliseconds(5))
        let baseline = ProcessResources.current().residentBytes
        let ((streamed, pages), streamTime) = try await timed {
            var streamed = 0
            var pages: [String: Int] = [:]
            for try await record in context.client.records.paginate(query).items {
                streamed += 1
                pages[record.fields["custodian"]?.stringValue ?? "-", default: 0] += record.fields["pageCount"]?.intValue ?? 0
            }
            return (streamed, pages)
        }
        let streamGrowth = await sampler.stop().peakResidentBytes - baseline

        // The naive way: every record in one array before processing any.
        let collectBaseline = ProcessResources.current().residentBytes
        let (all, collectTime) = try await timed { try await context.client.records.paginate(query).collect() }
        let collectGrowth = ProcessResources.current().residentBytes - collectBaseline

        context.report.figure("stream \(streamed) records", "+\(Format.bytes(max(0, streamGrowth))) resident, "
                              + Format.rate(streamed, per: streamTime, unit: "records/s"), target: "< 512 MB",
                              naive: "all in one array: +\(Format.bytes(max(0, collectGrowth))), \(Format.duration(collectTime))")
        context.report.note("(resident memory rarely shrinks: the second figure counts what holding every record needed beyond "
                            + "what streaming had already taken)")
        context.report.note("pages per custodian: " + pages.sorted { $0.key < $1.key }.prefix(3).map { "\($0.key) \($0.value)" }
            .joined(separator: ", ") + (pages.count > 3 ? ", ..." : ""))
        context.report.check(streamed == total && all.count == total, "both ways saw all \(total) records")
        context.report.check(streamGrowth < 512 << 20, "streaming stayed under the guide's 512 MB")
        if !context.isSmall {
            context.report.check(streamGrowth < collectGrowth, "streaming grew memory less than holding every record")
        }
    }

    /// Connection Cleanup: structured concurrency is the guide's `activeRequests` set: a task group returns when its last
    /// call has; then `shutdown()` logs out (the guide's `iconect_logout`) and closes the connections.
    static func connectionCleanup(_ context: ExampleContext) async throws {
        context.report.section("Connection Cleanup")
        let gauge = ConnectionGauge(wrapping: URLSessionTransport(configuration: context.configuration))
        let client = try context.makeClient(transport: gauge)
        _ = try await client.auth.signIn(with: context.configuration.credentials)
        gauge.resetPeak()
        let calls = 8
        let (_, time) = try await context.withInjectedLatency(.milliseconds(50)) {
            try await timed {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<calls {
                        group.addTask { _ = try await client.records.search(RecordQuery(projectId: context.projectId).page(1, size: 10)) }
                    }
                    try await group.waitForAll()   // the guide's "wait for active requests"
                }
            }
        }
        let inFlight = gauge.active
        let (_, shutdownTime) = await timed { await client.shutdown() }   // logs out, closes connections
        let status = await client.auth.status()
        context.report.figure("\(calls) concurrent calls, then shutdown",
                              "calls \(Format.duration(time)), shutdown \(Format.duration(shutdownTime))")
        context.report.check(gauge.peak == calls, "all \(calls) calls were in flight at once")
        context.report.check(inFlight == 0, "none was in flight when shutdown began")
        context.report.check(!status.isAuthenticated, "the token is gone after shutdown (logged out)")
    }
}
