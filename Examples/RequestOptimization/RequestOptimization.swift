// The performance guide's chapter "Request Optimization", run: one function per section.
//
//   swift run request-optimization [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct RequestOptimization {
    static func main() async {
        await Example.run("Request Optimization") { context in
            try await fieldSelection(context)
            try await pagination(context)
            try await parallelRequests(context)
        }
    }

    /// Field Selection: `fields([...])` asks the server for only the named fields (`id` always comes back).
    static func fieldSelection(_ context: ExampleContext) async throws {
        context.report.section("Field Selection")
        let pageSize = context.size(1_000, small: 200)
        let all = RecordQuery(projectId: context.projectId).page(1, size: pageSize)
        let selected = all.fields(["title", "custodian", "docDate"])
        let (allBytes, allTime) = try await measure(all, context.client, rounds: 5)
        let (selectedBytes, selectedTime) = try await measure(selected, context.client, rounds: 5)
        context.report.figure("\(pageSize) records, 3 fields", "\(Format.bytes(selectedBytes)) in \(Format.duration(selectedTime))",
                              naive: "all fields: \(Format.bytes(allBytes)) in \(Format.duration(allTime))")
        context.report.check(selectedBytes < allBytes, "selected fields cost fewer bytes than all fields")
    }

    /// Response bytes of one search and its median time over `rounds`.
    static func measure(_ query: RecordQuery, _ client: IconectClient, rounds: Int) async throws -> (Int64, Duration) {
        client.resetStatistics()
        var times: [Duration] = []
        for _ in 0..<rounds { times.append(try await timed { try await client.records.search(query) }.1) }
        let bytes = client.statistics()["iconect_search_records"]?.bytesReceived ?? 0
        return (Int64(bytes / rounds), times.sorted()[rounds / 2])
    }

    /// Pagination: `paginate` walks every page (fetching the next while the caller works on this one) until `hasMore` is
    /// false. Larger pages mean fewer requests; record search allows up to 1,000 a page.
    static func pagination(_ context: ExampleContext) async throws {
        context.report.section("Pagination")
        let query = RecordQuery(projectId: context.projectId).fields(["title"])
        let total = try await context.client.records.search(query.page(1, size: 1)).total
        var times: [Int: Duration] = [:]
        for pageSize in [50, 100, 1_000] {   // the guide's listing size, its "maximum", and this operation's maximum
            context.client.resetStatistics()
            let (count, time) = try await timed {
                var count = 0
                for try await _ in context.client.records.paginate(query.page(1, size: pageSize)).items { count += 1 }
                return count
            }
            times[pageSize] = time
            let requests = context.client.statistics()["iconect_search_records"]?.count ?? 0
            context.report.figure("\(total) records, pages of \(pageSize)",
                                  "\(requests) requests, \(Format.duration(time)), \(Format.rate(count, per: time, unit: "records/s"))")
            context.report.check(count == total, "pages of \(pageSize) delivered all \(total) records, each once")
        }
        if let small = times[50], let large = times[1_000] {
            context.report.check(large < small, "pages of 1,000 beat pages of 50")
        }
    }

    /// Parallel Requests: `async let` (or a task group) runs independent calls at once, the guide's `Promise.all`.
    static func parallelRequests(_ context: ExampleContext) async throws {
        context.report.section("Parallel Requests")
        let client = context.client
        let latency = Duration.milliseconds(25)
        let (sequential, parallel) = try await context.withInjectedLatency(latency) {
            let sequential = try await timed {
                _ = try await client.projects.list(cache: .bypass)
                _ = try await client.clients.list(cache: .bypass)
                _ = try await client.dataServers.list(cache: .bypass)
                _ = try await client.fileStores.list(cache: .bypass)
            }.1
            let parallel = try await timed {
                async let projects = client.projects.list(cache: .bypass)
                async let clients = client.clients.list(cache: .bypass)
                async let dataServers = client.dataServers.list(cache: .bypass)
                async let fileStores = client.fileStores.list(cache: .bypass)
                _ = try await (projects, clients, dataServers, fileStores)
            }.1
            return (sequential, parallel)
        }
        let setting = context.isEmulated ? " (emulator adds \(Format.duration(latency)) a call)" : ""
        context.report.figure("4 independent lists, async let\(setting)", Format.duration(parallel),
                              naive: "one after another: \(Format.duration(sequential)), \(Format.ratio(sequential, parallel)) slower")
        if context.isEmulated {
            context.report.check(parallel < sequential, "the parallel calls finish before the sequential ones")
        }
    }
}
