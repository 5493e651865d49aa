/// Runs work over items with at most a given number at once, and stops starting new items once the calling task is
/// cancelled.
enum Concurrently {
    /// `body(index, item)` for every item, at most `limit` at once; results in input order, nil for items never started.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], limit: Int,
                                                      _ body: @escaping @Sendable (Int, Item) async -> Result) async -> [Result?] {
        var results = [Result?](repeating: nil, count: items.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = items.indices.makeIterator()
            func startNext() -> Bool {
                guard !Task.isCancelled, let index = next.next() else { return false }
                let item = items[index]
                group.addTask { (index, await body(index, item)) }
                return true
            }
            for _ in 0..<max(1, limit) where !startNext() { break }
            while let (index, result) = await group.next() {
                results[index] = result
                _ = startNext()
            }
        }
        return results
    }
}
