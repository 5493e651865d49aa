extension BulkService {
    /// Runs `body` for every item with at most `concurrency` in flight and, when `ratePerSecond` is given, at most that many
    /// starts a second (a token bucket). For work with no bulk endpoint: creating records, updating folders, any call.
    ///
    /// ```swift
    /// let report = try await client.bulk.run(newRecords, concurrency: 16, ratePerSecond: 500) { record in
    ///     try await client.records.create(record)
    /// }
    /// print(report.succeededCount, "created;", report.failures.count, "failed")
    /// ```
    ///
    /// Outcomes come back in input order. A failing item does not stop the others unless `stopOnFirstError`; then items
    /// not yet started are reported as ``BulkRunReport/Outcome/notRun`` and the running ones are cancelled. Cancelling the
    /// calling task does the same. Throws only for invalid arguments.
    public func run<Item: Sendable, Output: Sendable>(
        _ items: [Item], concurrency: Int = 8, ratePerSecond: Double? = nil, stopOnFirstError: Bool = false,
        progress: AsyncStream<BulkProgress>.Continuation? = nil, _ body: @escaping @Sendable (Item) async throws -> Output
    ) async throws -> BulkRunReport<Output> {
        defer { progress?.finish() }
        guard concurrency >= 1 else { throw IconectError.invalidArgument("concurrency", "must be at least 1, got \(concurrency)") }
        if let ratePerSecond, !(ratePerSecond > 0 && ratePerSecond.isFinite) {
            throw IconectError.invalidArgument("ratePerSecond", "must be a positive number, got \(ratePerSecond)")
        }
        // One call for the gate: the items' calls are admitted with it, so shutting down lets the whole run finish.
        return try await pipeline.gate.admit {
            let limiter = ratePerSecond.map { RateLimiter(ratePerSecond: $0) }
            let tally = ProgressTally(total: items.count, continuation: progress)
            tally.publishCurrent()
            var outcomes = [BulkRunReport<Output>.Outcome](repeating: .notRun, count: items.count)
            var stopped = false

            await withTaskGroup(of: (Int, BulkRunReport<Output>.Outcome).self) { group in
                var next = items.indices.makeIterator()
                func startNext() async -> Bool {
                    guard !stopped, !Task.isCancelled, let index = next.next() else { return false }
                    if let limiter {
                        do { try await limiter.acquire() } catch { return false }
                    }
                    let item = items[index]
                    group.addTask {
                        do {
                            return (index, .succeeded(try await body(item)))
                        } catch {
                            return (index, .failed(error))
                        }
                    }
                    return true
                }
                var running = 0
                while running < concurrency, await startNext() { running += 1 }
                while let (index, outcome) = await group.next() {
                    outcomes[index] = outcome
                    if case .failed = outcome {
                        tally.add(done: 1, failed: 1)
                        if stopOnFirstError, !stopped {
                            stopped = true
                            group.cancelAll()
                        }
                    } else {
                        tally.add(done: 1, failed: 0)
                    }
                    _ = await startNext()
                }
            }
            return BulkRunReport(outcomes: outcomes, wasCancelled: Task.isCancelled, duration: tally.elapsed)
        }
    }
}
