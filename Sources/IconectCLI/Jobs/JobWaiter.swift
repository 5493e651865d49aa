import Foundation
import Iconect

/// Waits for server jobs, each a task of a ``ProgressBoard`` (items processed of the job's total, items a second, time
/// left), until it ends, `timeout` runs out or the calling task is cancelled (which stops the waiting, never the job).
/// Used by `iconect jobs wait` and `iconect import`.
struct JobWaiter: Sendable {
    /// How often a job is polled: about four times a second while it moves, backing off to every few seconds while it
    /// waits in a queue (the SDK's backoff, with full jitter).
    static let polling = RetryPolicy(maxAttempts: 1, baseDelay: .milliseconds(500), maxDelay: .seconds(5))

    let client: IconectClient
    let timeout: Duration

    /// Waits for `ids` at most `parallel` at once on a board drawn on `output`, titled `title`, counting `items`.
    func wait(for ids: [String], parallel: Int = 8, title: String, items: String, notices: Notices, output: ConsoleStream)
        async -> JobWaitReport
    {
        let board = ProgressBoard(summingTaskTotalsOf: ids.count > 1 ? ids.count : nil)
        let renderer = ProgressRenderer(board: board, stream: output, unit: .items(items), title: title, taskNoun: "jobs")
        let started = ContinuousClock.now
        let entries = await renderer.drawing(notices: notices) {
            await Concurrently.map(ids, limit: parallel) { index, id in await wait(for: id, index: index, board: board) }
        }
        return JobWaitReport(jobs: zip(ids, entries).map { id, entry in entry ?? .init(id: id, outcome: .interrupted) },
                             seconds: (ContinuousClock.now - started).seconds)
    }

    /// Waits for job `id` as task `index` of `board`.
    func wait(for id: String, index: Int, board: ProgressBoard) async -> JobWaitReport.Entry {
        var entry = JobWaitReport.Entry(id: id, outcome: .interrupted)
        let started = ContinuousClock.now
        do {
            let job = try await client.jobs.get(id: id)
            entry.describe(job)
            let total = job.progress.flatMap { $0.totalItems > 0 ? Int64($0.totalItems) : nil }
            board.start(index, name: "\(id) \(job.name)", total: total)
            let (progress, reporter) = AsyncStream.makeStream(of: JobProgress.self, bufferingPolicy: .bufferingNewest(1))
            async let waited = client.jobs.waitForCompletion(id: id, timeout: timeout, polling: Self.polling, progress: reporter)
            var rate = ItemRate()
            for await step in progress {
                let (perSecond, remaining) = rate.observe(done: step.processedItems, total: step.totalItems)
                board.update(index, done: Int64(step.processedItems), total: step.totalItems > 0 ? Int64(step.totalItems) : nil,
                             perSecond: perSecond, remaining: remaining)
                entry.progress = step
            }
            entry.describe(try await waited)
            entry.outcome = .completed
        } catch {
            entry.outcome = Self.outcome(of: error)
            if let job = (error as? IconectError)?.job { entry.describe(job) }
            // A job that failed says why in its own error; an interrupted wait is no error.
            if [.timedOut, .unavailable].contains(entry.outcome) { entry.error = ErrorSummary(error) }
        }
        entry.seconds = (ContinuousClock.now - started).seconds
        board.finish(index, succeeded: entry.outcome == .completed, message: Self.message(entry))
        return entry
    }

    /// How a wait that threw `error` ended.
    static func outcome(of error: any Error) -> JobWaitReport.Entry.Outcome {
        if ErrorSummary.isCancellation(error) { return .interrupted }
        guard let error = error as? IconectError else { return .unavailable }
        switch error.code {
        case .jobFailed: return .failed
        case .jobCancelled: return .cancelled
        case .timeout where error.job != nil: return .timedOut
        default: return .unavailable
        }
    }

    /// `completed job_0000001 (Load VOL001): 9,950 succeeded, 50 failed, 0 skipped`, and the like for the other ends.
    static func message(_ entry: JobWaitReport.Entry) -> String {
        let label = entry.name.map { "\(entry.id) (\($0))" } ?? entry.id
        let counts = entry.progress.map { progress in
            [("succeeded", progress.successfulItems), ("failed", progress.failedItems), ("skipped", progress.skippedItems)]
                .map { "\(ProgressUnit.count(Int64($1))) \($0)" }.joined(separator: ", ")
        }
        let reached = entry.progress.flatMap { progress -> String? in
            guard progress.totalItems > 0 else { return nil }
            return " at \(ProgressUnit.count(Int64(progress.processedItems))) of \(ProgressUnit.count(Int64(progress.totalItems)))"
        } ?? ""
        switch entry.outcome {
        case .completed: return "completed \(label)" + (counts.map { ": \($0)" } ?? "")
        case .failed:
            let reason = [entry.jobError?.code, entry.jobError?.message].compactMap { $0 }.joined(separator: ": ")
            return "failed \(label)\(reached): \(reason.isEmpty ? "no reason given" : reason)"
        case .cancelled: return "cancelled \(label)\(reached)"
        case .unavailable: return "cannot wait for \(label): \(entry.error?.message ?? "unknown error")"
        case .timedOut: return "timed out waiting for \(label) (\(entry.status ?? "running")\(reached)): the job goes on"
        case .interrupted: return "stopped waiting for \(label) (\(entry.status ?? "not read")\(reached)): the job goes on"
        }
    }
}
