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

    let url: URL
    private var handle: FileHandle?
    private(set) var count = 0

    init(url: URL) {
        self.url = url
    }

    deinit {
        try? handle?.close()
    }

    /// Appends one line per id that did not succeed in `report`.
    func record(_ report: BulkReport) throws {
        var lines = report.failed.map { Line(recordId: $0.recordId, outcome: "failed", attempts: $0.attempts, error: ErrorSummary($0.error)) }
        lines += report.unknown.map { Line(recordId: $0, outcome: "unknown") }
        lines += report.notSubmitted.map { Line(recordId: $0, outcome: "notSubmitted") }
        try append(lines)
    }

    /// Appends ids that were never submitted.
    func recordNotSubmitted(_ ids: [String]) throws {
        try append(ids.map { Line(recordId: $0, outcome: "notSubmitted") })
    }

    private func append(_ lines: [Line]) throws {
        guard !lines.isEmpty else { return }
        var text = ""
        for line in lines { text += try JSONOutput.encode(line, pretty: false) + "\n" }
        try open().write(contentsOf: Data(text.utf8))
        count += lines.count
    }

    private func open() throws -> FileHandle {
        if let handle { return handle }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw IconectError.invalidArgument("--failures", "cannot create \(url.path)")
        }
        let created = try FileHandle(forWritingTo: url)
        handle = created
        return created
    }
}
