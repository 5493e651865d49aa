/// What a server-side bulk job did to every record it was given: nothing is left out. Each record id appears in exactly
/// one of ``succeeded``, ``failed``, ``unconfirmed`` and ``notSubmitted``.
public struct BulkReport: Sendable {
    /// One record that failed for good, with why.
    public struct Failure: Sendable {
        public var recordId: String
        /// The error: the server's per-record reason (its ``IconectError/serverCode`` when it gives one), or the error that
        /// failed the record's whole operation.
        public var error: IconectError
        /// How many times the record was submitted.
        public var attempts: Int
    }

    /// One bulk operation the job ran.
    public struct Batch: Sendable, Hashable {
        public var operationId: String
        public var recordCount: Int
        /// From submission to the final poll.
        public var duration: Duration
    }

    public var action: BulkAction
    /// Records processed successfully, in the order the caller gave them.
    public var succeeded: [String]
    /// Records that failed for good.
    public var failed: [Failure]
    /// Records whose operation was submitted but whose outcome is unknown because the job was cancelled while waiting;
    /// see ``pendingOperationIds`` to look them up later.
    public var unconfirmed: [String]
    /// Operations still running on the server when the job stopped.
    public var pendingOperationIds: [String]
    /// Records never submitted because the job was cancelled first.
    public var notSubmitted: [String]
    /// Every operation submitted, in completion order, with its timing.
    public var batches: [Batch]
    /// Whether the job stopped because its task was cancelled.
    public var wasCancelled: Bool
    /// The whole job's duration.
    public var duration: Duration

    /// Whether every record succeeded.
    public var isComplete: Bool { failed.isEmpty && unconfirmed.isEmpty && notSubmitted.isEmpty }

    /// Records finished per second.
    public var recordsPerSecond: Double {
        let seconds = duration.timeInterval
        return seconds > 0 ? Double(succeeded.count + failed.count) / seconds : 0
    }

    /// One line: counts by outcome.
    public var summary: String {
        var parts = ["\(action): \(succeeded.count) succeeded", "\(failed.count) failed"]
        if !unconfirmed.isEmpty { parts.append("\(unconfirmed.count) unconfirmed") }
        if !notSubmitted.isEmpty { parts.append("\(notSubmitted.count) not submitted") }
        if wasCancelled { parts.append("cancelled") }
        return parts.joined(separator: ", ")
    }
}
