import ArgumentParser
import Foundation
import Iconect

/// `iconect import FILE --project P --store S`: uploads an NDJSON or CSV file of records, imports it with a server job,
/// waits for the job, and reports the records created and the lines that failed.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a file of records (NDJSON or CSV): upload it, run an import job, and report the lines that failed.",
        discussion: """
            The file is sent like iconect upload sends it (chunked, resumable, with its progress bar); then an import job \
            reads it on the server, with a progress bar of lines done. An NDJSON line is a record ({"documentId": ..., \
            "fields": {...}}, or a flat object whose other members become fields); a CSV file starts with a header naming \
            the documentId column. Each line the job could not import is written to the failures file (NDJSON: its line \
            number, why, and its text). Interrupted while waiting, the job goes on: follow it with iconect jobs wait. \
            Exit status: 0 when every line was imported, 1 when a line or the job failed, 130 when interrupted.
            """)

    @Argument(help: ArgumentHelp("The file of records.", valueName: "file"))
    var file: String

    @Option(help: "The project the records go into (default: the profile's).")
    var project: String?

    @Option(help: "The file store the file is uploaded to (default: the profile's).")
    var store: String?

    @Option(help: "ndjson or csv (default: from the file's extension: .ndjson, .jsonl, .csv).")
    var format: ImportFormat?

    @Option(help: ArgumentHelp("The job's name (default: Import FILENAME).", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Where the lines that failed are written, as NDJSON (default: "
                               + "./iconect-import-failures-TIME.ndjson, created only when needed).", valueName: "file"))
    var failures: String?

    @Option(help: ArgumentHelp("How long to wait for the job, such as 15m or 2h (default: until it ends).", valueName: "duration"))
    var timeout: WaitTimeout?

    @Flag(help: "Print a JSON report on standard output at the end (progress goes to standard error).")
    var json = false

    @OptionGroup var chunked: ChunkedUploadOptions

    @OptionGroup var connection: ConnectionOptions

    /// `--format`, else what the file's extension says.
    var resolvedFormat: ImportFormat? {
        format ?? ImportFormat(fileExtension: URL(fileURLWithPath: file).pathExtension)
    }

    func validate() throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("\(file) is a directory: import takes one file")
        }
        guard resolvedFormat != nil else {
            throw ValidationError("give --format ndjson or --format csv: the name of \(file) does not tell")
        }
    }

    func run() async throws {
        let plan = try UploadPlan(paths: [file])
        guard let item = plan.items.first else { throw ValidationError("\(file) is not a file") }
        let failuresURL = URL(fileURLWithPath: failures ?? NDJSONFile.timestampedName("iconect-import-failures")).standardizedFileURL
        guard failuresURL.path != item.url.path else { throw ValidationError("--failures must not be the file being imported") }
        let (jobName, format) = (name ?? "Import \(item.name)", resolvedFormat ?? .ndjson)
        let (project, store, transfer, timeout) = (project, store, chunked.transfer, (timeout ?? .unbounded).duration)
        let output = json ? ConsoleStream.standardError : ConsoleStream.standardOutput
        let started = ContinuousClock.now

        var report = try await CLISession.run(connection) { session in
            let projectId = try session.project(project)
            let destination = FileUploadOptions(fileName: item.name, projectId: projectId, fileStoreId: try session.store(store))
            let upload = await UploadCommand.send(plan, to: destination, transfer: transfer, parallel: 1, session: session,
                                                  output: output)
            var report = ImportReport(file: upload.files[0])
            guard let fileId = report.file.id, report.file.status == .uploaded else { return report }

            let created: Job
            do {
                created = try await session.client.jobs.createImport(NewJob(
                    name: jobName, projectId: projectId, configuration: ["fileId": .string(fileId), "format": .string(format.rawValue)]))
            } catch where ErrorSummary.isCancellation(error) {
                return report
            }
            output.print("created import job \(created.id) (\(jobName)) for \(item.name) (\(fileId))")
            let waited = await JobWaiter(client: session.client, timeout: timeout)
                .wait(for: [created.id], title: "import", items: "lines", notices: session.notices, output: output)
            report.job = waited.jobs.first
            try await Self.account(for: created.id, in: &report, failuresURL: failuresURL, source: item.url, client: session.client)
            return report
        }
        report.seconds = (ContinuousClock.now - started).seconds
        if report.file.status != .uploaded, report.file.status != .failed, let directory = transfer.resumeDirectory {
            output.print("interrupted: run the same command again to send only what is missing (resume records in \(directory.path))")
        }
        if json {
            ConsoleStream.standardOutput.print(try JSONOutput.encode(report))
        } else {
            ConsoleStream.standardOutput.print(report.summary)
        }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Once the job has ended: the records it created, the lines it failed or skipped, and the failed lines' file.
    private static func account(for jobId: String, in report: inout ImportReport, failuresURL: URL, source: URL,
                                client: IconectClient) async throws {
        guard let outcome = report.job?.outcome, [.completed, .failed, .cancelled].contains(outcome) else { return }
        do {
            let job = try await client.jobs.get(id: jobId, includeResults: true)
            report.recordsCreated = job.results?["recordsCreated"]?.intValue ?? job.progress?.successfulItems
            report.linesFailed = job.progress?.failedItems ?? 0
            report.linesSkipped = job.progress?.skippedItems ?? 0
            (report.linesLogged, report.firstFailedLines) = try await ImportFailureLog(url: failuresURL)
                .write(jobId: jobId, source: source, client: client)
            report.failuresFile = report.linesLogged > 0 ? failuresURL.path : nil
        } catch where ErrorSummary.isCancellation(error) {
            report.job?.outcome = .interrupted
        }
    }
}

/// `--format ndjson|csv`: how the import job reads the file.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case ndjson, csv

    /// The format a file extension names (`ndjson`, `jsonl`, `csv`), if any.
    init?(fileExtension: String) {
        switch fileExtension.lowercased() {
        case "ndjson", "jsonl": self = .ndjson
        case "csv": self = .csv
        default: return nil
        }
    }
}
