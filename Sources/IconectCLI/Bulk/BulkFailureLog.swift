import Foundation
import Iconect

/// The ids a bulk run did not complete, as NDJSON, one line each with why: `failed` (with the error), `unknown`
/// (submitted, but no answer said how it ended: the run was interrupted or the server stayed unreachable) or `notSubmitted`. The file is itself valid `--ids` input
/// for a retry run, and is created only when there is something to write.
final class BulkFailureLog {
    struct Line: Encodable {
        var recordId: String
        var outcome: String
        var attempts: Int?
        var error: ErrorSummary?
    }

    private let file: NDJSONFile

    var url: URL { file.url }
    var count: Int { file.count }

    init(url: URL) {
        file = NDJSONFile(url: url, argument: "--failures")
    }

    /// Appends one line per id that did not succeed in `report`.
    func record(_ report: BulkReport) throws {
        var lines = report.failed.map { Line(recordId: $0.recordId, outcome: "failed", attempts: $0.attempts, error: ErrorSummary($0.error)) }
        lines += report.unknown.map { Line(recordId: $0, outcome: "unknown") }
        lines += report.notSubmitted.map { Line(recordId: $0, outcome: "notSubmitted") }
        try file.append(lines)
    }

    /// Appends ids that were never submitted.
    func recordNotSubmitted(_ ids: [String]) throws {
        try file.append(ids.map { Line(recordId: $0, outcome: "notSubmitted") })
    }
}
