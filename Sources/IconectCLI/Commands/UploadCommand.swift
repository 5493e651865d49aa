import ArgumentParser
import Foundation
import Iconect

/// `iconect upload FILE|DIR... --project P --store S`: chunked, resumable uploads with a progress bar per file and overall.
struct UploadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upload",
        abstract: "Upload files and directories through resumable, digest-checked chunked sessions.",
        discussion: """
            A directory is sent with every regular file under it, each named by its path from the directory's parent \
            (volume001/natives/DOC-1.pdf). Interrupted (Ctrl-C, a crash, a lost connection), the same command run again \
            sends only the chunks the server does not hold yet. Exit status: 0 when every file was uploaded, 1 when one \
            failed, 130 when interrupted.
            """)

    @Argument(help: ArgumentHelp("Files and directories to upload.", valueName: "file|dir"))
    var paths: [String]

    @Option(help: "The project (default: the profile's).")
    var project: String?

    @Option(help: "The file store (default: the profile's).")
    var store: String?

    @Option(help: "The folder to file them in.")
    var folder: String?

    @Option(help: "Files uploaded at once.")
    var parallel = 2

    @Flag(help: "Print a JSON report on standard output at the end (progress goes to standard error).")
    var json = false

    @OptionGroup var chunked: ChunkedUploadOptions

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
    }

    func run() async throws {
        let plan = try UploadPlan(paths: paths)
        let transfer = chunked.transfer
        let (json, parallel, project, store, folder) = (json, parallel, project, store, folder)
        let output = json ? ConsoleStream.standardError : ConsoleStream.standardOutput
        if plan.skipped > 0 { output.print("skipping \(plan.skipped) entries that are not regular files") }

        let report = try await CLISession.run(connection) { session in
            let destination = FileUploadOptions(fileName: "-", projectId: try session.project(project),
                                                fileStoreId: try session.store(store), folderId: folder)
            return await Self.send(plan, to: destination, transfer: transfer, parallel: parallel, session: session, output: output)
        }
        if report.wasInterrupted, let directory = transfer.resumeDirectory {
            output.print("interrupted: run the same command again to send only what is missing (resume records in \(directory.path))")
        }
        if json { ConsoleStream.standardOutput.print(try JSONOutput.encode(report)) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// Uploads the files of `plan`, `parallel` at once, drawing their progress on `output`.
    static func send(_ plan: UploadPlan, to destination: FileUploadOptions, transfer: TransferOptions, parallel: Int,
                     session: CLISession, output: ConsoleStream) async -> TransferReport {
        let board = ProgressBoard(total: plan.totalBytes, taskCount: plan.items.count)
        let renderer = ProgressRenderer(board: board, stream: output, unit: .bytes, title: "upload", taskNoun: "files")
        let started = ContinuousClock.now
        let entries = await renderer.drawing(notices: session.notices) {
            await Concurrently.map(plan.items, limit: parallel) { index, item in
                await upload(item, index: index, to: destination, transfer: transfer, client: session.client, board: board)
            }
        }
        let files = zip(plan.items, entries).map { item, entry in
            entry ?? TransferReport.Entry(path: item.url.path, name: item.name, bytes: item.size, status: .notStarted)
        }
        return TransferReport(command: "upload", files: files, seconds: (ContinuousClock.now - started).seconds)
    }

    /// Uploads one file, feeding its progress to the board.
    static func upload(_ item: UploadPlan.Item, index: Int, to destination: FileUploadOptions, transfer: TransferOptions,
                       client: IconectClient, board: ProgressBoard) async -> TransferReport.Entry {
        var options = destination
        options.fileName = item.name
        board.start(index, name: item.name, total: item.size)
        let (progress, reporter) = AsyncStream.makeStream(of: UploadProgress.self, bufferingPolicy: .bufferingNewest(1))
        let started = ContinuousClock.now
        async let uploaded = client.files.upload(fileAt: item.url, options: options, transfer: transfer, progress: reporter)
        for await step in progress {
            board.update(index, done: step.bytesSent, total: step.totalBytes, perSecond: step.bytesPerSecond,
                         remaining: step.estimatedTimeRemaining)
        }
        var entry = TransferReport.Entry(path: item.url.path, name: item.name, bytes: item.size, status: .uploaded)
        do {
            let file = try await uploaded
            let time = ContinuousClock.now - started
            entry.id = file.id
            entry.seconds = time.seconds
            board.finish(index, done: item.size, message: "uploaded \(item.name) as \(file.id) (\(ProgressUnit.bytes(item.size)), "
                         + "\(ProgressUnit.bytes.rate(Double(item.size) / max(time.seconds, 1e-6))))")
        } catch {
            entry.status = ErrorSummary.isCancellation(error) ? .interrupted : .failed
            entry.error = entry.status == .failed ? ErrorSummary(error) : nil
            board.finish(index, succeeded: false, message: entry.status == .failed ? "failed \(item.name): \(ErrorSummary(error).message)"
                                                                 : "interrupted \(item.name): resume state kept")
        }
        return entry
    }
}
