import Synchronization

/// Every record, in slots (insertion order) with an id index, plus a cache of search results per data version.
final class RecordStore: Sendable {
    /// Why a bulk change to one record failed.
    struct RecordFailure: Sendable {
        let recordId: String
        let error: String
    }

    private struct CachedSearch {
        let version: UInt64
        let slots: [Int32]
    }

    private struct State {
        var rows: [RecordRow?] = []
        var index: [String: Int32] = [:]
        var version: UInt64 = 0
        var cache: [String: CachedSearch] = [:]
        var cacheOrder: [String] = []
    }

    static let cacheEntries = 8
    private let state = Mutex(State())

    var count: Int {
        state.withLock { $0.index.count }
    }

    func get(_ id: String) -> RecordRow? {
        state.withLock { state in state.index[id].flatMap { state.rows[Int($0)] } }
    }

    func contains(_ id: String) -> Bool {
        state.withLock { $0.index[id] != nil }
    }

    /// Inserts or replaces a record.
    func put(_ row: RecordRow) {
        state.withLock { state in
            state.version &+= 1
            if let slot = state.index[row.id] {
                state.rows[Int(slot)] = row
            } else {
                state.index[row.id] = Int32(state.rows.count)
                state.rows.append(row)
            }
        }
    }

    /// Changes a record in place; nil when it does not exist.
    func update<E: Error>(_ id: String, _ change: (inout RecordRow) throws(E) -> Void) throws(E) -> RecordRow? {
        try state.withLock { (state: inout State) throws(E) -> RecordRow? in
            guard let slot = state.index[id], var row = state.rows[Int(slot)] else { return nil }
            try change(&row)
            state.rows[Int(slot)] = row
            state.version &+= 1
            return row
        }
    }

    @discardableResult
    func remove(_ id: String) -> RecordRow? {
        state.withLock { state in
            guard let slot = state.index.removeValue(forKey: id) else { return nil }
            let row = state.rows[Int(slot)]
            state.rows[Int(slot)] = nil
            state.version &+= 1
            return row
        }
    }

    /// Replaces everything with `rows` (seeding and reset).
    func replaceAll(with rows: [RecordRow]) {
        var index: [String: Int32] = [:]
        index.reserveCapacity(rows.count)
        for (slot, row) in rows.enumerated() { index[row.id] = Int32(slot) }
        let slots = rows.map { Optional($0) }
        state.withLock { state in
            let version = state.version &+ 1
            state = State(rows: slots, index: index, version: version)
        }
    }

    /// Applies `change` to each record of `ids` that exists in `projectId`; returns the failures. One data-version bump.
    func mutate(_ ids: ArraySlice<String>, projectId: String, _ change: (inout RecordRow) -> Void) -> [RecordFailure] {
        state.withLock { state -> [RecordFailure] in
            var failures: [RecordFailure] = []
            for id in ids {
                guard let slot = state.index[id], var row = state.rows[Int(slot)] else {
                    failures.append(RecordFailure(recordId: id, error: "Record '\(id)' was not found"))
                    continue
                }
                guard row.projectId == projectId else {
                    failures.append(RecordFailure(recordId: id, error: "Record '\(id)' belongs to another project"))
                    continue
                }
                state.rows[Int(slot)] = nil
                change(&row)
                state.rows[Int(slot)] = row
            }
            state.version &+= 1
            return failures
        }
    }

    /// Runs a search: the matching ids come from the cache when the data has not changed, so page N costs O(pageSize).
    func search(_ query: RecordQuery, range: (Int) -> Range<Int>) -> (total: Int, rows: [RecordRow]) {
        state.withLock { state -> (total: Int, rows: [RecordRow]) in
            let slots: [Int32]
            if let cached = state.cache[query.cacheKey], cached.version == state.version {
                slots = cached.slots
            } else {
                slots = Self.evaluate(query, rows: state.rows)
                if state.cache.updateValue(CachedSearch(version: state.version, slots: slots), forKey: query.cacheKey) == nil {
                    state.cacheOrder.append(query.cacheKey)
                } else if let position = state.cacheOrder.firstIndex(of: query.cacheKey) {
                    state.cacheOrder.remove(at: position)
                    state.cacheOrder.append(query.cacheKey)
                }
                while state.cacheOrder.count > Self.cacheEntries {
                    state.cache[state.cacheOrder.removeFirst()] = nil
                }
            }
            let window = range(slots.count)
            var page: [RecordRow] = []
            page.reserveCapacity(window.count)
            for position in window {
                if let row = state.rows[Int(slots[position])] { page.append(row) }
            }
            return (slots.count, page)
        }
    }

    private static func evaluate(_ query: RecordQuery, rows: [RecordRow?]) -> [Int32] {
        var matched: [Int32] = []
        rows.withUnsafeBufferPointer { buffer in
            for slot in buffer.indices {
                guard let row = buffer[slot], query.matches(row) else { continue }
                matched.append(Int32(slot))
            }
        }
        guard let sortBy = query.sortBy else { return matched }
        var keyed: [(key: SortKey, slot: Int32)] = []
        keyed.reserveCapacity(matched.count)
        for slot in matched {
            if let row = rows[Int(slot)] { keyed.append((SortKey(row.probe(sortBy)), slot)) }
        }
        let descending = query.descending
        keyed.sort { lhs, rhs in
            lhs.key.precedes(rhs.key, descending: descending) ?? (lhs.slot < rhs.slot)
        }
        return keyed.map(\.slot)
    }

    /// Every record of a project (for stats and views).
    func rows(inProject projectId: String) -> [RecordRow] {
        state.withLock { state in state.rows.compactMap { $0?.projectId == projectId ? $0 : nil } }
    }

    func removeAll() {
        replaceAll(with: [])
    }
}
