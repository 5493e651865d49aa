import Synchronization

/// The results of the latest view queries, each valid for the record-store version it was computed at.
final class ViewResultCache: Sendable {
    private struct Entry {
        let version: UInt64
        let result: ViewResult
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var order: [String] = []
    }

    static let capacity = 8
    private let state = Mutex(State())

    /// The cached result of `key` at `version`, else `compute()`'s, kept (the least recently used of more than
    /// ``capacity`` goes).
    func result(for key: String, version: UInt64, compute: () -> ViewResult) -> ViewResult {
        if let hit = state.withLock({ $0.entries[key] }), hit.version == version { return hit.result }
        let result = compute()
        state.withLock { state in
            state.entries[key] = Entry(version: version, result: result)
            state.order.removeAll { $0 == key }
            state.order.append(key)
            while state.order.count > Self.capacity { state.entries[state.order.removeFirst()] = nil }
        }
        return result
    }

    func removeAll() {
        state.withLock { $0 = State() }
    }
}
