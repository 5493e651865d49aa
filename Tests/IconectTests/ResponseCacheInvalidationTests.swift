import Foundation
import Testing

@testable import Iconect

/// A write that invalidates an area while a read of it is loading: the read's (stale) answer must not be stored. Each
/// interleaving is fixed by signals, not timing: the load reports that it started, then waits for the test to open its gate.
@Suite("ResponseCache: loads in flight across an invalidation", .timeLimit(.minutes(1)))
struct ResponseCacheInvalidationTests {
    /// A load that reports when it starts and answers `body` once the test opens its gate.
    final class GatedLoad: Sendable {
        let started: AsyncStream<Void>
        private let startedSignal: AsyncStream<Void>.Continuation
        private let gate: AsyncStream<Void>
        private let opener: AsyncStream<Void>.Continuation
        let body: String

        init(_ body: String) {
            let started = AsyncStream<Void>.makeStream()
            let gate = AsyncStream<Void>.makeStream()
            self.started = started.stream
            startedSignal = started.continuation
            self.gate = gate.stream
            opener = gate.continuation
            self.body = body
        }

        func run() async -> HTTPAnswer {
            startedSignal.yield()
            for await _ in gate { break }
            return ResponseCacheTests.response(body)
        }

        func waitUntilStarted() async { for await _ in started { break } }

        func open() {
            opener.yield()
            opener.finish()
        }
    }

    static func start(_ cache: ResponseCache, _ key: ResponseCache.Key, area: Substring = "views", projectId: String? = nil,
                      _ load: GatedLoad) -> Task<HTTPAnswer, any Error> {
        Task { try await cache.load(key, ttl: .seconds(60), area: area, projectId: projectId) { await load.run() } }
    }

    static func stored(_ cache: ResponseCache, _ key: ResponseCache.Key) -> String? {
        if case .hit(let response, _, _) = cache.lookup(key, mode: .useCache) { return String(decoding: response.body, as: UTF8.self) }
        return nil
    }

    static func isMiss(_ lookup: ResponseCache.Lookup) -> Bool {
        if case .miss = lookup { return true }
        return false
    }

    @Test("a read loading when a write invalidates its area answers its caller, stores nothing, and is not joined")
    func staleLoadIsNotStored() async throws {
        let cache = ResponseCacheTests.makeCache(clock: ManualClock())
        let key = ResponseCacheTests.key("/views/vw_1")
        let stale = GatedLoad("before the write")
        let read = Self.start(cache, key, stale)
        await stale.waitUntilStarted()
        cache.invalidate(area: "views", projectId: nil)
        #expect(Self.isMiss(cache.lookup(key, mode: .useCache)), "a read after the write must not join the stale load")
        stale.open()
        #expect(String(decoding: try await read.value.body, as: UTF8.self) == "before the write")
        #expect(Self.stored(cache, key) == nil, "the stale answer must not be stored")
        _ = try await cache.load(key, ttl: .seconds(60), area: "views", projectId: nil) { ResponseCacheTests.response("after") }
        #expect(Self.stored(cache, key) == "after", "a load that starts after the write stores as usual")
    }

    @Test("a load started after the write stores its answer; the stale one finishing later does not overwrite it")
    func newerLoadWins() async throws {
        let cache = ResponseCacheTests.makeCache(clock: ManualClock())
        let key = ResponseCacheTests.key("/views/vw_1")
        let stale = GatedLoad("old")
        let first = Self.start(cache, key, stale)
        await stale.waitUntilStarted()
        cache.invalidate(area: "views", projectId: nil)
        let fresh = GatedLoad("new")
        let second = Self.start(cache, key, fresh)
        await fresh.waitUntilStarted()
        fresh.open()
        #expect(String(decoding: try await second.value.body, as: UTF8.self) == "new")
        stale.open()
        #expect(String(decoding: try await first.value.body, as: UTF8.self) == "old")
        #expect(Self.stored(cache, key) == "new")
    }

    @Test("an invalidation of another area or another project leaves the load in flight to store")
    func unrelatedInvalidation() async throws {
        let cache = ResponseCacheTests.makeCache(clock: ManualClock())
        let key = ResponseCacheTests.key("/records/search?projectId=p1")
        let load = GatedLoad("p1 records")
        let read = Self.start(cache, key, area: "records", projectId: "p1", load)
        await load.waitUntilStarted()
        cache.invalidate(area: "views", projectId: nil)
        cache.invalidate(area: "records", projectId: "p2")
        if case .joined = cache.lookup(key, mode: .useCache) {} else { Issue.record("the load is still the key's current one") }
        load.open()
        _ = try await read.value
        #expect(Self.stored(cache, key) == "p1 records")
    }

    @Test("removeAll makes every load in flight stale")
    func removeAllMakesLoadsStale() async throws {
        let cache = ResponseCacheTests.makeCache(clock: ManualClock())
        let key = ResponseCacheTests.key("/projects")
        let load = GatedLoad("projects")
        let read = Self.start(cache, key, area: "projects", load)
        await load.waitUntilStarted()
        cache.removeAll()
        load.open()
        _ = try await read.value
        #expect(Self.stored(cache, key) == nil)
    }
}
