import Synchronization

/// Every record, in slots (insertion order) with an id index, plus a cache of search results per data version.
final class RecordStore: Sendable {
    /// Why a bulk change to one record failed.
    struct RecordFailure: Sendable {
        let recordId: String
        let error: String
        /// A machine-readable reason, for failures a client may retry (`RECORD_LOCKED`).
        var code: String? = nil
    }

    private struct CachedSearch {
        let version: UInt64
        let slots: [Int32]
    }

    /// Rows are stored inline (not as optionals) so scans borrow them in place instead of copying;
    /// `live` marks removed slots.
    private struct State {
        var rows: [RecordRow] = []
        var live: [Bool] = []
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

    /// Bumped by every change: results computed from the records stay valid while it stays the same.
    var version: UInt64 {
        state.withLock { $0.version }
    }

    func get(_ id: String) -> RecordRow? {
        state.withLock { state in state.index[id].map { state.rows[Int($0)] } }
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
                state.live.append(true)
            }
        }
    }

    /// Changes a record in place; nil when it does not exist.
    func update<E: Error>(_ id: String, _ change: (inout RecordRow) throws(E) -> Void) throws(E) -> RecordRow? {
        try state.withLock { (state: inout State) throws(E) -> RecordRow? in
            guard let slot = state.index[id] else { return nil }
            try change(&state.rows[Int(slot)])
            state.rows[Int(slot)].revision &+= 1
            state.version &+= 1
            return state.rows[Int(slot)]
        }
    }

    @discardableResult
    func remove(_ id: String) -> RecordRow? {
        state.withLock { state in
            guard let slot = state.index.removeValue(forKey: id) else { return nil }
            let row = state.rows[Int(slot)]
            state.rows[Int(slot)] = RecordRow.removed
            state.live[Int(slot)] = false
            state.version &+= 1
            return row
        }
    }

    /// Replaces everything with `rows` (seeding and reset).
    func replaceAll(with rows: [RecordRow]) {
        var index: [String: Int32] = [:]
        index.reserveCapacity(rows.count)
        for (slot, row) in rows.enumerated() { index[row.id] = Int32(slot) }
        let live = [Bool](repeating: true, count: rows.count)
        state.withLock { state in
            let version = state.version &+ 1
            state = State(rows: rows, live: live, index: index, version: version)
        }
    }

    /// Applies `change` to each record of `ids` that exists in `projectId`; returns the failures. One data-version bump.
    /// Ids for which `isLocked` answers true are reported as transiently locked and left unchanged.
    func mutate(_ ids: ArraySlice<String>, projectId: String, isLocked: (String) -> Bool = { _ in false },
                _ change: (inout RecordRow) -> Void) -> [RecordFailure] {
        state.withLock { state -> [RecordFailure] in
            var failures: [RecordFailure] = []
            for id in ids {
                if isLocked(id) {
                    failures.append(RecordFailure(recordId: id, error: "Record '\(id)' is locked by another operation; retry later",
                                                  code: "RECORD_LOCKED"))
                    continue
                }
                guard let slot = state.index[id] else {
                    failures.append(RecordFailure(recordId: id, error: "Record '\(id)' was not found"))
                    continue
                }
                guard state.rows[Int(slot)].projectId == projectId else {
                    failures.append(RecordFailure(recordId: id, error: "Record '\(id)' belongs to another project"))
                    continue
                }
                change(&state.rows[Int(slot)])
                state.rows[Int(slot)].revision &+= 1
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
                slots = Self.evaluate(query, rows: state.rows, live: state.live)
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
            for position in window where state.live[Int(slots[position])] {
                page.append(state.rows[Int(slots[position])])
            }
            return (slots.count, page)
        }
    }

    private static func evaluate(_ query: RecordQuery, rows: [RecordRow], live: [Bool]) -> [Int32] {
        var matched: [Int32] = []
        // Scanning through a pointer borrows each row in place; subscripting the array copied every row (and retained its fields).
        rows.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for slot in buffer.indices where live[slot] && query.matches(base + slot) {
                matched.append(Int32(slot))
            }
        }
        guard let sortBy = query.sortBy else { return matched }
        var keyed: [(key: SortKey, slot: Int32)] = []
        keyed.reserveCapacity(matched.count)
        for slot in matched {
            keyed.append((SortKey(rows[Int(slot)].probe(sortBy)), slot))
        }
        let descending = query.descending
        keyed.sort { lhs, rhs in
            lhs.key.precedes(rhs.key, descending: descending) ?? (lhs.slot < rhs.slot)
        }
        return keyed.map(\.slot)
    }

    /// Applies `change` to every live record of `projectId` (it answers whether it changed the record); returns how many
    /// changed. One data-version bump.
    func updateAll(inProject projectId: String, _ change: (inout RecordRow) -> Bool) -> Int {
        state.withLock { state in
            var changed = 0
            for slot in state.rows.indices where state.live[slot] && state.rows[slot].projectId == projectId {
                if change(&state.rows[slot]) { changed += 1 }
            }
            state.version &+= 1
            return changed
        }
    }

    /// Every record of a project (for stats and views).
    func rows(inProject projectId: String) -> [RecordRow] {
        state.withLock { state in
            state.rows.indices.compactMap { state.live[$0] && state.rows[$0].projectId == projectId ? state.rows[$0] : nil }
        }
    }

    func removeAll() {
        replaceAll(with: [])
    }
}
