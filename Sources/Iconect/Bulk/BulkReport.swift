/// What a server-side bulk job did to every record it was given: nothing is left out. Each record id appears in exactly
/// one of ``succeeded``, ``failed``, ``unknown`` and ``notSubmitted``.
///
/// ``failed`` holds only records the server refused or reported as not processed, so resubmitting them never applies a
/// change twice; records whose answer was lost are ``unknown`` instead.
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
    /// Records the server refused, or reported as not processed: none of them was changed.
    public var failed: [Failure]
    /// Records whose fate is unknown: their operation was submitted (and may have run), but no answer said how it ended,
    /// because the job was cancelled or the server stayed unreachable for ``BulkOptions/confirmationAttempts`` asks. Do
    /// not resubmit them blindly: look their operation up (``pendingOperationIds``) or read the records first.
    public var unknown: [String]
    /// Operations whose end the job did not see (still running, or their answers lost), to look up with
    /// ``RecordsResource/bulkOperation(id:)``.
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
    public var isComplete: Bool { failed.isEmpty && unknown.isEmpty && notSubmitted.isEmpty }

    /// Records finished per second.
    public var recordsPerSecond: Double {
        let seconds = duration.timeInterval
        return seconds > 0 ? Double(succeeded.count + failed.count) / seconds : 0
    }

    /// One line: counts by outcome.
    public var summary: String {
        var parts = ["\(action): \(succeeded.count) succeeded", "\(failed.count) failed"]
        if !unknown.isEmpty { parts.append("\(unknown.count) unknown") }
        if !notSubmitted.isEmpty { parts.append("\(notSubmitted.count) not submitted") }
        if wasCancelled { parts.append("cancelled") }
        return parts.joined(separator: ", ")
    }
}
