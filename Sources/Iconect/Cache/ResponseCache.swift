import Foundation
import HTTPTypes
import Synchronization

/// The client's cache of GET responses: TTL, LRU bounds by entries and bytes, single flight, invalidation by writes, and
/// `ETag` revalidation.
///
/// Keyed by method, path, sorted query (and, for a POST that reads, its body) and the caller's identity, so two identities
/// never share an entry. Errors are never stored. Concurrent identical misses make one request; every caller gets its answer
/// (or its error). A load that was in flight when a write invalidated its area answers its callers but is not stored, and
/// later readers start a new load instead of joining it.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        var identity: String
        var method: String
        var path: String
        var query: String
    }

    private struct Entry {
        var answer: HTTPAnswer
        /// The body decoded by the first reader, so later hits skip JSON decoding.
        var decoded: (any Sendable)?
        /// When the entry's body was stored: a decoded value is attached only to the body it came from.
        var version: UInt64
        var expiresAt: ContinuousClock.Instant
        var area: Substring
        var projectId: String?
        var lastUsed: UInt64
        var etag: String? { answer.response.headerFields[.eTag] }
    }

    /// A load in flight: its task, and what an invalidation matches it by.
    private struct Load {
        var id: UInt64
        var task: Task<HTTPAnswer, any Error>
        var area: Substring
        var projectId: String?
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// The current load of each key; an invalidation removes the loads it makes stale, so they cannot store.
        var inflight: [Key: Load] = [:]
        var bytes = 0
        var tick: UInt64 = 0
        var loads: UInt64 = 0
    }

    let configuration: CacheConfiguration
    private let clock: @Sendable () -> ContinuousClock.Instant
    private let statistics: StatisticsRecorder
    private let state = Mutex(State())

    init(configuration: CacheConfiguration, statistics: StatisticsRecorder,
         clock: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.configuration = configuration
        self.statistics = statistics
        self.clock = clock
    }

    /// What a lookup found.
    enum Lookup {
        /// A usable answer, with its decoded form when a reader has attached one.
        case hit(HTTPAnswer, decoded: (any Sendable)?, version: UInt64)
        /// Another caller is loading the same key: await its task.
        case joined(Task<HTTPAnswer, any Error>)
        /// Nothing usable: load, sending `If-None-Match` with this `ETag` when there is a stale entry that has one.
        case miss(etag: String?)
    }

    /// Looks `key` up under `mode`.
    func lookup(_ key: Key, mode: CachePolicy.Mode) -> Lookup {
        let now = clock()
        return state.withLock { state in
            if mode != .reloadIgnoringCache, var entry = state.entries[key],
                mode == .returnCacheDataElseLoad || entry.expiresAt > now
            {
                state.tick += 1
                entry.lastUsed = state.tick
                state.entries[key] = entry
                return .hit(entry.answer, decoded: entry.decoded, version: entry.version)
            }
            if let load = state.inflight[key] { return .joined(load.task) }
            return .miss(etag: mode == .reloadIgnoringCache ? nil : state.entries[key]?.etag)
        }
    }

    /// Runs `load` once for every concurrent caller of the same key and stores a 2xx answer (a 304 refreshes the stale entry),
    /// unless an invalidation of the key's area made the load stale while it ran.
    /// Counts a miss for the caller that loads and a coalesced read for every caller that joins it.
    func load(_ key: Key, ttl: Duration, area: Substring, projectId: String?,
              _ load: @escaping @Sendable () async throws -> HTTPAnswer) async throws -> HTTPAnswer {
        let (task, joined): (Task<HTTPAnswer, any Error>, Bool) = state.withLock { state in
            if let existing = state.inflight[key] { return (existing.task, true) }
            state.loads += 1
            let id = state.loads
            let task = Task<HTTPAnswer, any Error> {
                do {
                    let answer = try await load()
                    return self.store(key, load: id, answer: answer, ttl: ttl, area: area, projectId: projectId)
                } catch {
                    self.state.withLock { state in
                        if state.inflight[key]?.id == id { state.inflight[key] = nil }
                    }
                    throw error
                }
            }
            state.inflight[key] = Load(id: id, task: task, area: area, projectId: projectId)
            return (task, false)
        }
        // Counted here, not at lookup: a caller that missed can still join a load another caller started in between.
        statistics.increment(joined ? "cache.coalesced" : "cache.misses")
        return try await task.value
    }

    /// Stores a 2xx answer of the current load `id`, or turns a 304 into the stale entry refreshed; returns what the caller
    /// gets. A load that is no longer current (invalidated, or cleared) stores nothing: its answer may predate the write.
    private func store(_ key: Key, load id: UInt64, answer: HTTPAnswer, ttl: Duration, area: Substring,
                       projectId: String?) -> HTTPAnswer {
        let now = clock()
        var evicted = 0
        var refreshed = false
        let result: HTTPAnswer = state.withLock { state in
            let isCurrent = state.inflight[key]?.id == id
            if isCurrent { state.inflight[key] = nil }
            guard isCurrent else { return answer }
            state.tick += 1
            if answer.response.status == .notModified, var entry = state.entries[key] {
                entry.expiresAt = now + ttl
                entry.lastUsed = state.tick
                state.entries[key] = entry
                refreshed = true
                return entry.answer
            }
            guard answer.isSuccessful, answer.body.count <= configuration.maxBytes else { return answer }
            if let old = state.entries[key] { state.bytes -= old.answer.body.count }
            state.entries[key] = Entry(answer: answer, decoded: nil, version: state.tick, expiresAt: now + ttl, area: area,
                                       projectId: projectId, lastUsed: state.tick)
            state.bytes += answer.body.count
            evicted = evict(&state)
            return answer
        }
        if refreshed { statistics.increment("cache.revalidations") }
        if evicted > 0 { statistics.increment("cache.evictions", by: evicted) }
        return result
    }

    /// Drops the least recently used entries until the cache is within both bounds (down to 90%, so eviction is not per insert).
    private func evict(_ state: inout State) -> Int {
        guard state.entries.count > configuration.maxEntries || state.bytes > configuration.maxBytes else { return 0 }
        let entryTarget = configuration.maxEntries * 9 / 10
        let byteTarget = configuration.maxBytes / 10 * 9
        var evicted = 0
        for (key, entry) in state.entries.sorted(by: { $0.value.lastUsed < $1.value.lastUsed }) {
            guard state.entries.count > entryTarget || state.bytes > byteTarget else { break }
            state.entries.removeValue(forKey: key)
            state.bytes -= entry.answer.body.count
            evicted += 1
        }
        return evicted
    }

    /// Attaches the decoded form of the body stored as `version`, if that body is still the entry's.
    func attach(_ decoded: any Sendable, to key: Key, version: UInt64) {
        state.withLock { state in
            guard var entry = state.entries[key], entry.version == version else { return }
            entry.decoded = decoded
            state.entries[key] = entry
        }
    }

    /// The version of the body stored for `key`, if any.
    func version(of key: Key) -> UInt64? {
        state.withLock { $0.entries[key]?.version }
    }

    /// Drops the entries of `area` (of one project, plus those tied to no project, when `projectId` is given), and makes the
    /// loads of that scope in flight stale: they answer their callers but store nothing.
    func invalidate(area: Substring, projectId: String?) {
        func matches(_ entryArea: Substring, _ entryProject: String?) -> Bool {
            entryArea == area && (projectId == nil || entryProject == nil || entryProject == projectId)
        }
        let dropped = state.withLock { state in
            let keys = state.entries.filter { matches($0.value.area, $0.value.projectId) }.map(\.key)
            for key in keys {
                if let entry = state.entries.removeValue(forKey: key) { state.bytes -= entry.answer.body.count }
            }
            state.inflight = state.inflight.filter { !matches($0.value.area, $0.value.projectId) }
            return keys.count
        }
        if dropped > 0 { statistics.increment("cache.invalidations", by: dropped) }
    }

    /// Drops every entry, and makes every load in flight stale.
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.inflight.removeAll()
            state.bytes = 0
        }
    }

    /// How many entries and bytes the cache holds.
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.entries.count, $0.bytes) }
    }
}
