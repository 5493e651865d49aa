import ArgumentParser
import Foundation
import Iconect

/// `iconect jobs wait ID...`: server jobs (imports, deletes, exports), followed to their end.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Follow server jobs (imports, deletes, exports).", subcommands: [JobsWaitCommand.self])
}

/// `iconect jobs wait ID... [--timeout 30m] [--json]`.
struct JobsWaitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait",
        abstract: "Wait for jobs to end, with a progress bar per job (items done of total, percent, items/s, ETA).",
        discussion: """
            Each job is polled until it is completed, failed or cancelled. Ctrl-C and --timeout stop the waiting, never \
            the job. Exit status: 0 when every job completed, 1 when one failed, was cancelled, timed out or could not be \
            read, 130 when interrupted.
            """)

    @Argument(help: ArgumentHelp("The ids of the jobs.", valueName: "id"))
    var ids: [String]

    @Option(help: ArgumentHelp("How long to wait, such as 90s, 15m or 2h (a number alone is seconds; default: until the jobs end).",
                               valueName: "duration"))
    var timeout: WaitTimeout?

    @Flag(help: "Print a JSON report on standard output at the end (progress goes to standard error).")
    var json = false

    @OptionGroup var connection: ConnectionOptions

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("give at least one job id") }
    }

    func run() async throws {
        let (ids, timeout) = (ids, (timeout ?? .unbounded).duration)
        let output = json ? ConsoleStream.standardError : ConsoleStream.standardOutput
        let report = try await CLISession.run(connection) { session in
            await JobWaiter(client: session.client, timeout: timeout)
                .wait(for: ids, title: "jobs", items: "items", notices: session.notices, output: output)
        }
        if json { ConsoleStream.standardOutput.print(try JSONOutput.encode(report)) }
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}
