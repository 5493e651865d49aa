import Foundation

extension JobsResource {
    /// How job polls back off by default: from 100 ms, doubling (with full jitter, as ``RetryPolicy`` does) while the job
    /// shows no change, up to 5 s; any change of state or progress starts again from 100 ms.
    public static let defaultPolling = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(100), maxDelay: .seconds(5))

    /// Snapshots of a job as it runs: one when the sequence starts, then one per change of state or progress, ending with
    /// the snapshot in a final state (completed, failed or cancelled). Polls with `polling`'s backoff (its `baseDelay` and
    /// `maxDelay`); cancelling the consuming task ends the polling.
    ///
    /// ```swift
    /// for try await job in client.jobs.updates(id: job.id) {
    ///     print(job.status, job.progress?.percentage ?? 0)
    /// }
    /// ```
    public func updates(id: String, polling: RetryPolicy = JobsResource.defaultPolling) -> JobUpdates {
        JobUpdates(jobs: self, id: id, polling: polling, deadline: nil)
    }

    /// Polls a job until it ends and returns it when it completed, reporting each change of progress to `progress`
    /// (finished when the wait ends).
    /// - Throws: ``IconectError/Code/jobFailed`` or ``IconectError/Code/jobCancelled`` when the job ended so, and
    ///   ``IconectError/Code/timeout`` when it had not ended after `timeout`; each carries the last snapshot in
    ///   ``IconectError/job``. Cancelling the calling task stops the waiting (not the job).
    public func waitForCompletion(id: String, timeout: Duration = .seconds(3_600), polling: RetryPolicy = JobsResource.defaultPolling,
                                  progress: AsyncStream<JobProgress>.Continuation? = nil) async throws -> Job {
        defer { progress?.finish() }
        let updates = JobUpdates(jobs: self, id: id, polling: polling, deadline: ContinuousClock.now.advanced(by: timeout))
        for try await job in updates {
            if let current = job.progress { progress?.yield(current) }
            switch job.status {
            case .completed: return job
            case .failed:
                throw IconectError.jobEnded(job, .jobFailed, "job \(id) failed: \(job.error?.message ?? "no reason given")")
            case .cancelled:
                throw IconectError.jobEnded(job, .jobCancelled, "job \(id) was cancelled")
            default: continue
            }
        }
        throw IconectError(.cancelled, "stopped waiting for job \(id)", operation: Route.getJob.operation)
    }
}

/// The snapshots of a running job (``JobsResource/updates(id:polling:)``).
public struct JobUpdates: AsyncSequence, Sendable {
    public typealias Element = Job
    let jobs: JobsResource
    let id: String
    let polling: RetryPolicy
    let deadline: ContinuousClock.Instant?

    public func makeAsyncIterator() -> Iterator {
        Iterator(updates: self)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let updates: JobUpdates
        var last: Job?
        var unchangedPolls = 0
        var finished = false

        public mutating func next() async throws -> Job? {
            guard !finished else { return nil }
            while true {
                if let last {
                    try await wait(after: last)
                }
                let job = try await updates.jobs.get(id: updates.id)
                let changed = last.map { $0.status != job.status || $0.progress != job.progress } ?? true
                last = job
                if job.status.isFinal { finished = true }
                if changed || finished {
                    unchangedPolls = 0
                    return job
                }
                unchangedPolls += 1
            }
        }

        private func wait(after job: Job) async throws {
            var generator = SystemRandomNumberGenerator()
            var delay = updates.polling.backoff(afterAttempt: unchangedPolls + 1, using: &generator)
            if let deadline = updates.deadline {
                let remaining = ContinuousClock.now.duration(to: deadline)
                guard remaining > .zero else {
                    throw IconectError.jobEnded(job, .timeout, "job \(updates.id) had not ended when the wait timed out (\(job.status))")
                }
                delay = Swift.min(delay, remaining)
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                throw IconectError(.cancelled, "stopped watching job \(updates.id)", operation: Route.getJob.operation)
            }
        }
    }
}
