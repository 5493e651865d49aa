// The performance guide's chapter "Caching Strategies", run: one function per section.
//
//   swift run caching-strategies [--small]
import ExampleSupport
import Foundation
import Iconect

@main
struct CachingStrategies {
    static func main() async {
        await Example.run("Caching Strategies") { context in
            try await tokenCaching(context)
            try await dataCaching(context)
            try await queryResultCaching(context)
        }
    }

    /// Token Caching: the client signs in once and reuses the token until `refreshLeeway` (5 minutes) before it expires;
    /// nothing to write.
    static func tokenCaching(_ context: ExampleContext) async throws {
        context.report.section("Token Caching")
        let calls = context.size(100, small: 20)
        try await context.withClient { client in
            for _ in 0..<calls { _ = try await client.projects.get(id: context.projectId, cache: .bypass) }
            let status = await client.auth.status()
            let grants = client.statistics().counters.filter { $0.key.hasPrefix("auth.grants.") }.values.reduce(0, +)
            let lifetime = status.expiresAt.map { Format.duration(.seconds(Int64($0.timeIntervalSinceNow))) } ?? "no expiry"
            context.report.figure("token grants for \(calls) calls", "\(grants)", naive: "a sign-in per call: \(calls)")
            context.report.figure("cached token", "\(status.grantType ?? "static") grant, expires in \(lifetime), "
                                  + "refreshed \(Format.duration(client.configuration.refreshLeeway)) ahead")
            context.report.check(status.isAuthenticated, "the client holds a cached token")
            context.report.check(grants <= 1, "\(calls) calls shared at most one sign-in")
        }
    }

    /// Data Caching: reference data (projects, clients, data servers, file stores, fields, templates, themes) is cached for
    /// 5 minutes by default; `invalidate` drops an area, and writes through the client drop what they change.
    static func dataCaching(_ context: ExampleContext) async throws {
        context.report.section("Data Caching")
        let reads = context.size(200, small: 50)
        try await context.withClient { client in
            let (_, uncached) = try await timed {
                for _ in 0..<reads { _ = try await client.projects.list(ListOptions(pageSize: 100), cache: .bypass) }
            }
            client.resetStatistics()
            let (_, cached) = try await timed {
                for _ in 0..<reads { _ = try await client.projects.list(ListOptions(pageSize: 100)) }   // cached by default
            }
            let counters = client.statistics().counters
            context.report.figure("\(reads) project lists, cached", "\(Format.duration(cached)), \(counters["cache.misses", default: 0]) request(s)",
                                  naive: "no cache: \(Format.duration(uncached)), \(reads) requests")
            context.report.check(counters["cache.hits", default: 0] == reads - 1, "every read after the first was a cache hit")
            context.report.check(cached < uncached, "cached reads are faster than uncached ones")

            client.cache.invalidate(area: "projects")                                   // the guide's invalidate(key)
            client.resetStatistics()
            _ = try await client.projects.list(ListOptions(pageSize: 100))
            context.report.check(client.statistics().counters["cache.misses", default: 0] == 1,
                                 "after invalidate(area: \"projects\") the next read goes to the server")
        }
    }

    /// Query Result Caching: a search may opt in (`cache: .useCache`) with a 1-minute freshness; any write to the project's
    /// records through the client drops the cached results.
    static func queryResultCaching(_ context: ExampleContext) async throws {
        context.report.section("Query Result Caching")
        let searches = context.size(100, small: 20)
        let query = RecordQuery(projectId: context.projectId)
            .filter("docDate", .gte("2024-01-01"))
            .fields(["title", "custodian", "docDate"])
            .page(1, size: 200)
        try await context.withClient { client in
            let (_, uncached) = try await timed {
                for _ in 0..<searches { _ = try await client.records.search(query) }
            }
            client.resetStatistics()
            let (_, cached) = try await timed {
                for _ in 0..<searches { _ = try await client.records.search(query, cache: .useCache) }   // fresh for 1 minute
            }
            let counters = client.statistics().counters
            context.report.figure("\(searches) identical searches, cached", "\(Format.duration(cached)), "
                                  + "\(counters["cache.misses", default: 0]) request(s)",
                                  naive: "no cache: \(Format.duration(uncached)), \(searches) requests")
            context.report.check(counters["cache.hits", default: 0] == searches - 1, "every repeated search was answered from the cache")

            // A write to the project's records makes the cached results stale: the client drops them.
            let created = try await client.records.create(NewRecord(
                documentId: "EX-CACHE-\(UUID().uuidString.prefix(8))", projectId: context.projectId,
                fields: ["title": "cache example", "docDate": "2024-06-01"]))
            client.resetStatistics()
            _ = try await client.records.search(query, cache: .useCache)
            context.report.check(client.statistics().counters["cache.misses", default: 0] == 1,
                                 "after a record was created in the project, the same search goes to the server again")
            try await client.records.delete(id: created.id)
        }
    }
}
