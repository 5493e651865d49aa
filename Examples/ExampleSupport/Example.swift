import Foundation
import Iconect
import IconectEmulator

/// Runs one chapter's example: sets up the ``ExampleContext``, runs the sections, prints what the checks found and exits
/// 0 when every check passed, 1 otherwise.
///
/// ```swift
/// @main
/// struct CachingStrategies {
///     static func main() async {
///         await Example.run("Caching Strategies") { context in
///             try await tokenCaching(context)
///         }
///     }
/// }
/// ```
/// Arguments: `--small` (or `ICONECT_EXAMPLES_SMALL=1`) runs at the small sizes `.ci/run` uses.
public enum Example {
    public static func run(_ chapter: String, seedRecords: (full: Int, small: Int) = (20_000, 2_000),
                           _ sections: @Sendable (ExampleContext) async throws -> Void) async -> Never {
        let arguments = CommandLine.arguments.dropFirst()
        if let unknown = arguments.first(where: { $0 != "--small" }) {
            FileHandle.standardError.write(Data("unknown argument \(unknown)\nusage: \(CommandLine.arguments[0]) [--small]\n".utf8))
            exit(2)
        }
        let isSmall = arguments.contains("--small") || ProcessInfo.processInfo.environment["ICONECT_EXAMPLES_SMALL"] == "1"
        let report = ExampleReport()
        let context: ExampleContext
        do {
            context = try await ExampleContext.make(seedRecords: isSmall ? seedRecords.small : seedRecords.full, isSmall: isSmall,
                                                    report: report)
        } catch {
            FileHandle.standardError.write(Data("\(chapter): cannot start: \(error)\n".utf8))
            exit(1)
        }
        let target = context.emulator.map { "the embedded emulator at \($0.baseURL.absoluteString)" }
            ?? context.configuration.baseURL.absoluteString
        print("Performance guide, \(chapter): on \(target)\(isSmall ? ", small sizes" : "")")
        var failure: (any Error)?
        do {
            try await sections(context)
        } catch {
            failure = error
        }
        await context.close()
        if let failure {
            print("\n\(chapter) stopped: \(failure)")
            exit(1)
        }
        let (passed, failed) = report.outcome
        if failed.isEmpty {
            print("\n\(chapter): all \(passed) checks passed")
            exit(0)
        }
        print("\n\(chapter): \(failed.count) of \(passed + failed.count) checks failed:")
        for line in failed { print("  - \(line)") }
        exit(1)
    }
}
