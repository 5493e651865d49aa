import Synchronization

/// Deterministic ids: a prefix and a per-prefix counter, `prj_0000001`.
final class IdGenerator: Sendable {
    private let counters = Mutex<[String: Int]>([:])

    func next(_ prefix: String) -> String {
        let value = counters.withLock { counters -> Int in
            let next = (counters[prefix] ?? 0) + 1
            counters[prefix] = next
            return next
        }
        return Self.format(prefix, value)
    }

    /// Makes the next id of `prefix` come after `value`.
    func advance(_ prefix: String, past value: Int) {
        counters.withLock { counters in counters[prefix] = max(counters[prefix] ?? 0, value) }
    }

    func reset() {
        counters.withLock { $0.removeAll() }
    }

    static func format(_ prefix: String, _ value: Int) -> String {
        let digits = String(value)
        return prefix + "_" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }
}
