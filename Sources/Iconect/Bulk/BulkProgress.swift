import Synchronization

/// How far a bulk job has got: delivered through the `progress` continuation of the ``BulkService`` methods.
///
/// ```swift
/// let (progress, reporter) = AsyncStream.makeStream(of: BulkProgress.self, bufferingPolicy: .bufferingNewest(1))
/// async let report = client.bulk.tagRecords(ids, in: projectId, tags: ["privileged"], progress: reporter)
/// for await step in progress {
///     print("\(step.done)/\(step.total), \(Int(step.itemsPerSecond))/s, ETA \(step.estimatedTimeRemaining ?? .zero)")
/// }
/// print(try await report.summary)
/// ```
public struct BulkProgress: Sendable, Hashable {
    /// Items finished, successfully or not.
    public var done: Int
    /// Items that failed for good (included in ``done``).
    public var failed: Int
    /// Items in the whole job.
    public var total: Int
    /// Items finished per second so far.
    public var itemsPerSecond: Double
    /// The estimated time left, nil while unknown.
    public var estimatedTimeRemaining: Duration?
    /// Time since the job started.
    public var elapsed: Duration

    /// The fraction done, from 0 to 1.
    public var fractionCompleted: Double { total > 0 ? Double(done) / Double(total) : 1 }
}

/// Counts finished items and publishes ``BulkProgress``; shared by the tasks of one job.
final class ProgressTally: Sendable {
    private let counts = Mutex((done: 0, failed: 0))
    private let meter = ThroughputMeter()
    let total: Int
    let continuation: AsyncStream<BulkProgress>.Continuation?

    init(total: Int, continuation: AsyncStream<BulkProgress>.Continuation?) {
        self.total = total
        self.continuation = continuation
    }

    /// Records `done` more finished items, `failed` of them failures, and publishes the new state.
    func add(done: Int, failed: Int) {
        let now = counts.withLock { counts in
            counts.done += done
            counts.failed += failed
            return counts
        }
        publish(done: now.done, failed: now.failed)
    }

    /// Publishes the current state (for the first report, before anything finished).
    func publishCurrent() {
        let now = counts.withLock { $0 }
        publish(done: now.done, failed: now.failed)
    }

    private func publish(done: Int, failed: Int) {
        guard let continuation else { return }
        let rate = meter.rate(done: Double(done))
        continuation.yield(BulkProgress(
            done: done, failed: failed, total: total, itemsPerSecond: rate,
            estimatedTimeRemaining: ThroughputMeter.eta(remaining: Double(total - done), rate: rate), elapsed: meter.elapsed()))
    }

    var elapsed: Duration { meter.elapsed() }
}
