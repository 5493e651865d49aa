import Foundation
import Iconect

/// How waiting for each job ended: the `--json` report of `iconect jobs wait`, and the exit status.
struct JobWaitReport: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        enum Outcome: String, Encodable, Sendable {
            case completed, failed, cancelled, interrupted
            /// The job had not ended when `--timeout` ran out (it goes on).
            case timedOut = "timed_out"
            /// The job could not be read (no such job, no access).
            case unavailable
        }

        var id: String
        var name: String?
        var type: String?
        /// The job's status when the wait ended.
        var status: String?
        var outcome: Outcome
        var progress: JobProgress?
        var seconds: Double?
        /// Why the job failed, as the server says.
        var jobError: Job.Failure?
        /// Why the wait ended without the job's end (a timeout, a job that could not be read).
        var error: ErrorSummary?

        /// Takes what `job` says of itself.
        mutating func describe(_ job: Job) {
            name = job.name
            type = job.type?.rawValue
            status = job.status.rawValue
            progress = job.progress ?? progress
            jobError = job.error
        }
    }

    var jobs: [Entry]
    var seconds: Double

    var isComplete: Bool { jobs.allSatisfy { $0.outcome == .completed } }

    /// 0 when every job completed, 1 when one failed, was cancelled, timed out or could not be read, 130 when the wait
    /// was interrupted.
    var exitCode: Int32 {
        if isComplete { return 0 }
        return jobs.contains { $0.outcome != .completed && $0.outcome != .interrupted } ? 1 : interruptedExitCode
    }

    private enum CodingKeys: String, CodingKey {
        case command, jobs, seconds, completed, failed, interrupted
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("jobs wait", forKey: .command)
        try container.encode(jobs, forKey: .jobs)
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try container.encode(jobs.filter { $0.outcome == .completed }.count, forKey: .completed)
        try container.encode(jobs.filter { $0.outcome != .completed && $0.outcome != .interrupted }.count, forKey: .failed)
        try container.encode(jobs.filter { $0.outcome == .interrupted }.count, forKey: .interrupted)
    }
}
