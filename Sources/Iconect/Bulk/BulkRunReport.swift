/// What ``BulkService/run(_:concurrency:ratePerSecond:stopOnFirstError:progress:_:)`` did with each item, in input order.
public struct BulkRunReport<Output: Sendable>: Sendable {
    /// One item's outcome.
    public enum Outcome: Sendable {
        /// The closure returned this value.
        case succeeded(Output)
        /// The closure threw this error.
        case failed(any Error)
        /// The closure never ran for the item: the run was cancelled or stopped at the first error before reaching it.
        case notRun
    }

    /// The outcome of `items[i]` at index `i`.
    public var outcomes: [Outcome]
    /// Whether the calling task was cancelled before every item ran.
    public var wasCancelled: Bool
    /// The whole run's duration.
    public var duration: Duration

    /// The values of the items that succeeded, in input order.
    public var values: [Output] {
        outcomes.compactMap { if case .succeeded(let value) = $0 { return value } else { return nil } }
    }

    /// The indexes and errors of the items that failed, in input order.
    public var failures: [(index: Int, error: any Error)] {
        outcomes.enumerated().compactMap { index, outcome in
            if case .failed(let error) = outcome { return (index, error) } else { return nil }
        }
    }

    /// How many items succeeded.
    public var succeededCount: Int { outcomes.count - failures.count - notRunCount }

    /// How many items never ran.
    public var notRunCount: Int { outcomes.reduce(0) { if case .notRun = $1 { return $0 + 1 } else { return $0 } } }

    /// Whether every item succeeded.
    public var isComplete: Bool { succeededCount == outcomes.count }
}
