import Foundation
import Iconect

/// What `iconect import` did: the upload, the job, the records created and the lines that failed. The `--json` report,
/// the summary line and the exit status.
struct ImportReport: Encodable, Sendable {
    var file: TransferReport.Entry
    var job: JobWaitReport.Entry?
    var recordsCreated: Int?
    /// Lines the job counted as failed.
    var linesFailed = 0
    /// Blank lines the job skipped.
    var linesSkipped = 0
    /// How many failed lines the job's log names (each is in the failures file), and the first few of their numbers.
    var linesLogged = 0
    var firstFailedLines: [Int] = []
    var failuresFile: String?
    var seconds = 0.0

    /// 0 when every line became a record, 130 when interrupted, 1 otherwise.
    var exitCode: Int32 {
        guard file.status == .uploaded else { return file.status == .failed ? 1 : interruptedExitCode }
        switch job?.outcome {
        case .completed: return linesFailed == 0 && linesLogged == 0 ? 0 : 1
        case .interrupted, nil: return interruptedExitCode
        default: return 1
        }
    }

    /// `import: 9,950 records created, 50 lines failed (lines 250, 333, ...); those lines are in FILE`.
    var summary: String {
        guard let job else { return "import: nothing imported" }
        var line = "import: \(ProgressUnit.count(Int64(recordsCreated ?? job.progress?.successfulItems ?? 0))) records created"
        line += ", \(ProgressUnit.count(Int64(linesFailed))) lines failed"
        if !firstFailedLines.isEmpty {
            let shown = firstFailedLines.map(String.init).joined(separator: ", ")
            line += " (line\(linesLogged == 1 ? "" : "s") \(shown)\(linesLogged > firstFailedLines.count ? ", ..." : ""))"
        }
        if linesSkipped > 0 { line += ", \(ProgressUnit.count(Int64(linesSkipped))) blank lines skipped" }
        if let failuresFile { line += "; those lines are in \(failuresFile)" }
        switch job.outcome {
        case .completed: break
        case .failed: line += " (the job failed)"
        case .cancelled: line += " (the job was cancelled)"
        case .unavailable: line += " (the job could not be read: \(job.error?.message ?? "unknown error"))"
        case .timedOut, .interrupted: line += " so far: the job goes on (iconect jobs wait \(job.id))"
        }
        return line
    }

    private enum CodingKeys: String, CodingKey {
        case command, file, job, recordsCreated, linesFailed, linesSkipped, linesLogged, failuresFile, seconds
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("import", forKey: .command)
        try container.encode(file, forKey: .file)
        try container.encodeIfPresent(job, forKey: .job)
        try container.encodeIfPresent(recordsCreated, forKey: .recordsCreated)
        try container.encode(linesFailed, forKey: .linesFailed)
        try container.encode(linesSkipped, forKey: .linesSkipped)
        try container.encode(linesLogged, forKey: .linesLogged)
        try container.encodeIfPresent(failuresFile, forKey: .failuresFile)
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
    }
}
