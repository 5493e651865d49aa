import ArgumentParser
import Foundation
import Iconect

/// Runs one bulk action over ids read from a file or standard input, in windows of a few batches (constant memory
/// however many ids), through the SDK's bulk engine; writes the ids that did not succeed to the failures file and prints
/// a summary.
struct BulkRun {
    /// What the run did: the `--json` summary.
    struct Summary: Encodable, Sendable {
        var action: String
        var project: String
        var ids: Int
        var succeeded = 0
        var failed = 0
        var unknown = 0
        var notSubmitted = 0
        var cancelled = false
        var seconds = 0.0
        var recordsPerSecond = 0.0
        var failuresFile: String?

        var isComplete: Bool { failed == 0 && unknown == 0 && notSubmitted == 0 && !cancelled }

        /// Counts what one window's report says.
        mutating func add(_ report: BulkReport) {
            succeeded += report.succeeded.count
            failed += report.failed.count
            unknown += report.unknown.count
            notSubmitted += report.notSubmitted.count
            cancelled = cancelled || report.wasCancelled
        }
    }

    let options: BulkRunOptions
    let action: BulkAction
    let parameters: [String: JSONValue]?

    func execute() async throws {
        let (options, action, parameters) = (self.options, self.action, self.parameters)
        let failuresName = options.failures ?? NDJSONFile.timestampedName("iconect-bulk-\(action.rawValue)-failures")
        let failuresURL = URL(fileURLWithPath: failuresName).standardizedFileURL
        if options.ids != "-", URL(fileURLWithPath: options.ids).standardizedFileURL == failuresURL {
            throw ValidationError("--failures must not be the --ids file: it would overwrite the ids being read")
        }
        let total = try IdReader(path: options.ids).countIfFile()
        let output = options.json ? ConsoleStream.standardError : ConsoleStream.standardOutput
        let summary = try await CLISession.run(options.connection) { session in
            try await Self.process(options: options, action: action, parameters: parameters, total: total, failuresURL: failuresURL,
                                   session: session, output: output)
        }
        if options.json {
            ConsoleStream.standardOutput.print(try JSONOutput.encode(summary))
        } else {
            var line = "\(action): \(ProgressUnit.count(Int64(summary.succeeded))) succeeded, \(ProgressUnit.count(Int64(summary.failed))) failed"
            if summary.unknown > 0 { line += ", \(summary.unknown) unknown" }
            if summary.notSubmitted > 0 { line += ", \(summary.notSubmitted) not submitted" }
            if summary.cancelled { line += " (interrupted)" }
            if let file = summary.failuresFile { line += "; those ids are in \(file) (retry with --ids \(file))" }
            ConsoleStream.standardOutput.print(line)
        }
        if !summary.isComplete { throw ExitCode(summary.cancelled ? interruptedExitCode : 1) }
    }

    private static func process(options: BulkRunOptions, action: BulkAction, parameters: [String: JSONValue]?, total: Int?,
                                failuresURL: URL, session: CLISession, output: ConsoleStream) async throws -> Summary {
        let project = try session.project(options.project)
        let reader = try IdReader(path: options.ids)
        let log = BulkFailureLog(url: failuresURL)
        let bulk = BulkOptions(batchSize: options.batchSize, concurrency: options.concurrency)
        let window = options.batchSize * options.concurrency * 2
        let board = ProgressBoard(total: total.map(Int64.init), taskCount: nil)
        let renderer = ProgressRenderer(board: board, stream: output, unit: .items("records"), title: "\(action)", taskNoun: "batches")
        let started = ContinuousClock.now
        var summary = Summary(action: action.rawValue, project: project, ids: 0)
        try await renderer.drawing(notices: session.notices) {
            while !Task.isCancelled {
                let ids = try reader.next(window)
                if ids.isEmpty { break }
                let report = try await run(ids, from: summary.ids, board: board) { progress in
                    try await session.client.bulk.perform(action, ids, in: project, parameters: parameters, options: bulk, progress: progress)
                }
                try log.record(report)
                summary.ids += ids.count
                summary.add(report)
            }
            summary.cancelled = summary.cancelled || Task.isCancelled
            // Interrupted: the ids not read yet were not submitted either; a file can say which.
            if summary.cancelled, reader.isRegularFile {
                while true {
                    let ids = try reader.next(window)
                    if ids.isEmpty { break }
                    try log.recordNotSubmitted(ids)
                    summary.ids += ids.count
                    summary.notSubmitted += ids.count
                }
            }
        }
        summary.seconds = (ContinuousClock.now - started).seconds
        summary.recordsPerSecond = summary.seconds > 0 ? Double(summary.succeeded + summary.failed) / summary.seconds : 0
        summary.failuresFile = log.count > 0 ? failuresURL.path : nil
        return summary
    }

    /// Runs one window of `ids` (the first at position `offset` of the input) as a task of the board.
    private static func run(_ ids: [String], from offset: Int, board: ProgressBoard,
                            _ perform: @escaping @Sendable (AsyncStream<BulkProgress>.Continuation) async throws -> BulkReport)
        async throws -> BulkReport
    {
        board.start(offset, name: "records \(offset + 1)-\(offset + ids.count)", total: Int64(ids.count))
        let (progress, reporter) = AsyncStream.makeStream(of: BulkProgress.self, bufferingPolicy: .bufferingNewest(1))
        async let report = perform(reporter)
        for await step in progress {
            board.update(offset, done: Int64(step.done), total: Int64(step.total), perSecond: step.itemsPerSecond,
                         remaining: step.estimatedTimeRemaining)
        }
        let result = try await report
        board.finish(offset, done: Int64(ids.count), message: nil)
        return result
    }
}

extension IdReader {
    /// How many ids a regular file holds; nil for standard input or a pipe, which can be read only once.
    func countIfFile() throws -> Int? {
        guard isRegularFile else { return nil }
        var count = 0
        while true {
            let ids = try next(10_000)
            if ids.isEmpty { return count }
            count += ids.count
        }
    }
}
