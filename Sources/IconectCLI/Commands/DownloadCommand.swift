import ArgumentParser
import Foundation
import Iconect

/// `iconect download ID... -o DIR`: each file under its stored name, resumable and digest-checked, with progress.
struct DownloadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "download",
        abstract: "Download files by id into a directory, each under its stored name.",
        discussion: """
            Files are fetched in segments into a partial file beside their destination, so an interrupted download run \
            again continues where it stopped; each is checked against the server's SHA-256 (files stored compressed come \
            back as their original bytes). A stored name with directories (volume001/DOC-1.pdf) creates them under the \
            output directory, never outside it. Exit status: 0 when every file was downloaded, 1 when one failed, 130 when \
            interrupted.
            """)

    @Argument(help: ArgumentHelp("The ids of the files.", valueName: "id"))
    var ids: [String]

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The directory to write into.", valueName: "dir"))
    var output: String

    @Option(help: "Files downloaded at once.")
    var parallel = 2

    @Flag(help: "Print a JSON report on standard output at the end (progress goes to standard error).")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        guard !ids.isEmpty else { throw ValidationError("give at least one file id") }
    }

    func run() async throws {
        let directory = URL(fileURLWithPath: output).standardizedFileURL
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (ids, parallel) = (ids, parallel)
        let progressStream = json ? ConsoleStream.standardError : ConsoleStream.standardOutput

        let report = try await CLISession.run(connection) { session in
            let started = ContinuousClock.now
            // Names and sizes first: the destinations, and the job's size for the overall bar.
            let files = await Concurrently.map(ids, limit: 8) { _, id -> Lookup in
                do {
                    return .found(try await session.client.files.get(id: id, cache: .bypass))
                } catch let error as IconectError {
                    return .failed(error)
                } catch {
                    return .failed(IconectError(ErrorSummary.isCancellation(error) ? .cancelled : .transport, "\(error)"))
                }
            }
            let total = files.reduce(Int64(0)) { sum, lookup in
                if case .found(let file) = lookup { return sum + (file.size ?? 0) }
                return sum
            }
            let board = ProgressBoard(total: total, taskCount: ids.count)
            let renderer = ProgressRenderer(board: board, stream: progressStream, unit: .bytes, title: "download", taskNoun: "files")
            let entries = await renderer.drawing(notices: session.notices) {
                await Concurrently.map(Array(zip(ids, files)), limit: parallel) { index, pair in
                    await Self.download(id: pair.0, described: pair.1, index: index, into: directory, client: session.client,
                                        board: board)
                }
            }
            return TransferReport(command: "download", files: zip(ids, entries).map { id, entry in
                entry ?? TransferReport.Entry(path: "", id: id, status: .notStarted)
            }, seconds: (ContinuousClock.now - started).seconds)
        }
        if json { ConsoleStream.standardOutput.print(try JSONOutput.encode(report)) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }

    /// A file's description, or why it could not be had.
    enum Lookup: Sendable {
        case found(File)
        case failed(IconectError)
    }

    /// Downloads one file, feeding its progress to the board.
    static func download(id: String, described: Lookup?, index: Int, into directory: URL, client: IconectClient,
                         board: ProgressBoard) async -> TransferReport.Entry {
        var entry = TransferReport.Entry(path: "", id: id, status: .downloaded)
        do {
            let file: File
            switch described {
            case .found(let found): file = found
            case .failed(let error): throw error
            case nil: throw CancellationError()
            }
            let destination = StoredName.destination(for: file.name, fallback: id, in: directory)
            entry.path = destination.path
            entry.name = file.name
            entry.bytes = file.size
            try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            board.start(index, name: file.name, total: file.size)
            let (progress, reporter) = AsyncStream.makeStream(of: DownloadProgress.self, bufferingPolicy: .bufferingNewest(1))
            let started = ContinuousClock.now
            async let downloaded: Void = client.files.download(id: id, to: destination, progress: reporter)
            for await step in progress {
                board.update(index, done: step.bytesReceived, total: step.totalBytes, perSecond: step.bytesPerSecond,
                             remaining: step.estimatedTimeRemaining)
            }
            try await downloaded
            let time = ContinuousClock.now - started
            entry.seconds = time.seconds
            board.finish(index, message: "downloaded \(id) to \(destination.path) (\(ProgressUnit.bytes(file.size ?? 0)), verified)")
        } catch {
            entry.status = ErrorSummary.isCancellation(error) ? .interrupted : .failed
            entry.error = entry.status == .failed ? ErrorSummary(error) : nil
            board.finish(index, done: 0, succeeded: false, message: entry.status == .failed ? "failed \(id): \(ErrorSummary(error).message)"
                                                                          : "interrupted \(id): run again to continue")
        }
        return entry
    }
}
