import Iconect
import MCP

extension ToolOutput {
    /// A bulk job's report: counts, and every id that did not succeed with why, so the agent can act on exactly those.
    ///
    /// `{"action": "tag", "total": 5000, "succeeded": 4998, "failed": [{"recordId": ..., "code": ..., "message": ...}],
    /// "unknown": [], "notSubmitted": [], "operationIds": [...], "pendingOperationIds": [], "complete": false,
    /// "cancelled": false, "summary": "tag: 4998 succeeded, 2 failed"}`. A cancelled job lists what it never submitted;
    /// `unknown` records belong to `pendingOperationIds`, which `iconect_get_bulk_operation_status` follows.
    static func bulk(_ report: BulkReport) -> ToolOutput {
        let failed: [Value] = report.failed.map { failure in
            let error = failure.error
            var members: [String: Value] = [
                "recordId": .string(failure.recordId), "code": .string(error.serverCode ?? error.code.rawValue),
                "message": .string(error.message), "attempts": .int(failure.attempts),
            ]
            if let status = error.status { members["status"] = .int(status) }
            return .object(members)
        }
        let total = report.succeeded.count + report.failed.count + report.unknown.count + report.notSubmitted.count
        return .object([
            "action": .string(report.action.rawValue), "total": .int(total), "succeeded": .int(report.succeeded.count),
            "failed": .array(failed), "unknown": .array(report.unknown.map(Value.string)),
            "notSubmitted": .array(report.notSubmitted.map(Value.string)),
            "operationIds": .array(report.batches.map { .string($0.operationId) }),
            "pendingOperationIds": .array(report.pendingOperationIds.map(Value.string)),
            "complete": .bool(report.isComplete), "cancelled": .bool(report.wasCancelled), "summary": .string(report.summary),
        ])
    }

    /// The error that refused the whole job, when the server turned every operation away for one reason (an unknown
    /// project, a bad parameter): the agent gets it as an `isError` result with the server's status and field messages,
    /// not as a report of as many failed records.
    static func rejection(of report: BulkReport) -> IconectError? {
        guard report.succeeded.isEmpty, report.unknown.isEmpty, report.notSubmitted.isEmpty,
            let first = report.failed.first?.error, let status = first.status, (400..<500).contains(status),
            report.failed.allSatisfy({ $0.error.status == status && $0.error.serverCode == first.serverCode })
        else { return nil }
        return first
    }

    /// A bulk job's progress as a notification step.
    static func bulkStep(_ progress: BulkProgress) -> ProgressStep {
        ProgressStep(done: Double(progress.done), total: Double(progress.total),
                     message: "\(progress.done) of \(progress.total) records done"
                        + (progress.failed > 0 ? " (\(progress.failed) failed)" : ""))
    }
}
