import Foundation
import HTTPTypes
import Synchronization
import Testing

@testable import Iconect

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let start = ContinuousClock.now
    private let offset = Mutex<Duration>(.zero)
    func advance(_ duration: Duration) { offset.withLock { $0 += duration } }
    var now: ContinuousClock.Instant { start + offset.withLock { $0 } }
}

@Suite("ResponseCache", .timeLimit(.minutes(2)))
struct ResponseCacheTests {
    static func key(_ path: String, identity: String = "session-1") -> ResponseCache.Key {
        ResponseCache.Key(identity: identity, method: "GET", path: path, query: "")
    }

    static func response(_ text: String, etag: String? = nil) -> HTTPAnswer {
        var fields = HTTPFields()
        if let etag { fields[.eTag] = etag }
        return HTTPAnswer(HTTPResponse(status: .ok, headerFields: fields), body: Data(text.utf8))
    }

    static func makeCache(clock: ManualClock, maxEntries: Int = 100, maxBytes: Int = 1 << 20) -> ResponseCache {
        var configuration = CacheConfiguration()
        configuration.maxEntries = maxEntries
        configuration.maxBytes = maxBytes
        return ResponseCache(configuration: configuration, statistics: StatisticsRecorder(), clock: { clock.now })
    }

    func isHit(_ lookup: ResponseCache.Lookup) -> String? {
        if case .hit(let response, _, _) = lookup { return String(decoding: response.body, as: UTF8.self) }
        return nil
    }

    @Test("an entry is fresh until its TTL passes, then a miss (returnCacheDataElseLoad still returns it)")
    func ttlExpiry() async throws {
        let clock = ManualClock()
        let cache = Self.makeCache(clock: clock)
        let key = Self.key("/projects/1")
        _ = try await cache.load(key, ttl: .seconds(60), area: "projects", projectId: nil) { Self.response("one") }
        clock.advance(.seconds(59))
        #expect(isHit(cache.lookup(key, mode: .useCache)) == "one")
        clock.advance(.seconds(2))
        #expect(isHit(cache.lookup(key, mode: .useCache)) == nil)
        #expect(isHit(cache.lookup(key, mode: .returnCacheDataElseLoad)) == "one")
        #expect(isHit(cache.lookup(key, mode: .reloadIgnoringCache)) == nil)
    }

    @Test("identities never share an entry")
    func identitiesAreSeparate() async throws {
        let cache = Self.makeCache(clock: ManualClock())
        _ = try await cache.load(Self.key("/projects", identity: "a"), ttl: .seconds(60), area: "projects", projectId: nil) {
            Self.response("for a")
        }
        #expect(isHit(cache.lookup(Self.key("/projects", identity: "a"), mode: .useCache)) == "for a")
        #expect(isHit(cache.lookup(Self.key("/projects", identity: "b"), mode: .useCache)) == nil)
    }

    @Test("the entry bound evicts the least recently used first")
    func lruByEntries() async throws {
        let cache = Self.makeCache(clock: ManualClock(), maxEntries: 10)
        for index in 0..<10 {
            _ = try await cache.load(Self.key("/p/\(index)"), ttl: .seconds(60), area: "p", projectId: nil) { Self.response("\(index)") }
        }
        _ = cache.lookup(Self.key("/p/0"), mode: .useCache)  // 0 is now the most recently used
        _ = try await cache.load(Self.key("/p/10"), ttl: .seconds(60), area: "p", projectId: nil) { Self.response("10") }
        #expect(cache.usage.entries <= 10)
        #expect(cache.usage.entries >= 9)
        #expect(isHit(cache.lookup(Self.key("/p/0"), mode: .useCache)) == "0")
        #expect(isHit(cache.lookup(Self.key("/p/10"), mode: .useCache)) == "10")
        #expect(isHit(cache.lookup(Self.key("/p/1"), mode: .useCache)) == nil, "1 was the least recently used")
    }

    @Test("the byte bound holds, and a body larger than the bound is not stored")
    func lruByBytes() async throws {
        let cache = Self.makeCache(clock: ManualClock(), maxBytes: 1000)
        for index in 0..<10 {
            _ = try await cache.load(Self.key("/b/\(index)"), ttl: .seconds(60), area: "b", projectId: nil) {
                Self.response(String(repeating: "x", count: 300))
            }
            #expect(cache.usage.bytes <= 1000)
        }
        let big = try await cache.load(Self.key("/big"), ttl: .seconds(60), area: "b", projectId: nil) {
            Self.response(String(repeating: "y", count: 5000))
        }
        #expect(big.body.count == 5000, "the caller still gets the answer")
        #expect(isHit(cache.lookup(Self.key("/big"), mode: .useCache)) == nil)
    }

    @Test("concurrent identical loads make one request, and every caller gets its answer")
    func singleFlight() async throws {
        let cache = Self.makeCache(clock: ManualClock())
        let key = Self.key("/records/search")
        let calls = Mutex(0)
        let (gate, open) = AsyncStream<Void>.makeStream()
        let load: @Sendable () async throws -> HTTPAnswer = {
            calls.withLock { $0 += 1 }
            for await _ in gate { break }
            return Self.response("shared")
        }
        let first = Task { try await cache.load(key, ttl: .seconds(60), area: "records", projectId: nil, load) }
        // Wait (by polling state, not time) until the first load is registered as in flight.
        try await waitUntil("the first load is in flight") {
            if case .joined = cache.lookup(key, mode: .useCache) { return true }
            return false
        }
        // Each caller looks up first, as the pipeline does: a caller that starts after the load finished gets a hit.
        let others = (0..<49).map { _ in
            Task { () async throws -> HTTPAnswer in
                switch cache.lookup(key, mode: .useCache) {
                case .hit(let response, _, _): return response
                case .joined(let task): return try await task.value
                case .miss: return try await cache.load(key, ttl: .seconds(60), area: "records", projectId: nil, load)
                }
            }
        }
        open.yield()
        open.finish()
        #expect(String(decoding: try await first.value.body, as: UTF8.self) == "shared")
        for task in others { #expect(String(decoding: try await task.value.body, as: UTF8.self) == "shared") }
        #expect(calls.withLock { $0 } == 1)
    }

    @Test("an error is shared by the waiting callers but not cached")
    func errorsAreNotCached() async throws {
        let cache = Self.makeCache(clock: ManualClock())
        let key = Self.key("/x")
        await #expect(throws: IconectError.self) {
            _ = try await cache.load(key, ttl: .seconds(60), area: "x", projectId: nil) { throw IconectError(.server, "boom") }
        }
        guard case .miss = cache.lookup(key, mode: .useCache) else {
            Issue.record("an error must not leave an entry or a load behind")
            return
        }
    }

    @Test("invalidation drops an area, narrowed to one project plus project-less entries")
    func invalidation() async throws {
        let cache = Self.makeCache(clock: ManualClock())
        let entries: [(String, Substring, String?)] = [
            ("/records/search?a", "records", "p1"), ("/records/search?b", "records", "p2"), ("/records/r1", "records", nil),
            ("/projects/p1", "projects", nil),
        ]
        for (path, area, project) in entries {
            _ = try await cache.load(Self.key(path), ttl: .seconds(60), area: area, projectId: project) { Self.response(path) }
        }
        cache.invalidate(area: "records", projectId: "p1")
        #expect(isHit(cache.lookup(Self.key("/records/search?a"), mode: .useCache)) == nil)
        #expect(isHit(cache.lookup(Self.key("/records/r1"), mode: .useCache)) == nil)
        #expect(isHit(cache.lookup(Self.key("/records/search?b"), mode: .useCache)) != nil, "another project's search stays")
        #expect(isHit(cache.lookup(Self.key("/projects/p1"), mode: .useCache)) != nil, "another area stays")
        cache.invalidate(area: "records", projectId: nil)
        #expect(isHit(cache.lookup(Self.key("/records/search?b"), mode: .useCache)) == nil)
    }

    @Test("a stale entry with an ETag asks for revalidation; a 304 refreshes it without a body")
    func revalidation() async throws {
        let clock = ManualClock()
        let cache = Self.makeCache(clock: clock)
        let key = Self.key("/projects/1")
        _ = try await cache.load(key, ttl: .seconds(10), area: "projects", projectId: nil) { Self.response("body", etag: "\"v1\"") }
        clock.advance(.seconds(11))
        guard case .miss(let etag) = cache.lookup(key, mode: .useCache) else {
            Issue.record("a stale entry must miss")
            return
        }
        #expect(etag == "\"v1\"")
        let refreshed = try await cache.load(key, ttl: .seconds(10), area: "projects", projectId: nil) {
            HTTPAnswer(HTTPResponse(status: .notModified, headerFields: [.eTag: "\"v1\""]))
        }
        #expect(String(decoding: refreshed.body, as: UTF8.self) == "body")
        #expect(isHit(cache.lookup(key, mode: .useCache)) == "body")
    }

    @Test("a decoded value attaches to the body it came from, and not to a newer body")
    func decodedValues() async throws {
        let cache = Self.makeCache(clock: ManualClock())
        let key = Self.key("/projects/1")
        _ = try await cache.load(key, ttl: .seconds(60), area: "projects", projectId: nil) { Self.response("v1") }
        let first = try #require(cache.version(of: key))
        cache.attach("decoded v1", to: key, version: first)
        guard case .hit(_, let decoded, _) = cache.lookup(key, mode: .useCache) else {
            Issue.record("expected a hit")
            return
        }
        #expect(decoded as? String == "decoded v1")
        _ = try await cache.load(key, ttl: .seconds(60), area: "projects", projectId: nil) { Self.response("v2") }
        cache.attach("stale decode of v1", to: key, version: first)
        guard case .hit(let response, let newer, _) = cache.lookup(key, mode: .useCache) else {
            Issue.record("expected a hit")
            return
        }
        #expect(String(decoding: response.body, as: UTF8.self) == "v2")
        #expect(newer == nil, "a value decoded from the old body must not be served with the new one")
    }
}
