import ArgumentParser
import Foundation
import Iconect

/// How a file is sent, for every command that uploads (`upload`, `import`): chunks in flight, chunk size, compression, and
/// where resume records are kept.
struct ChunkedUploadOptions: ParsableArguments {
    @Option(help: "Chunks in flight per file.")
    var concurrency = 4

    @Option(name: .customLong("chunk-size"), help: "Chunk size in MiB, from 1 to 64.")
    var chunkSizeMiB = 8

    @Option(help: "Store files gzip-compressed: auto (text-like files over 1 MiB), always or never.")
    var compress: CompressionChoice = .auto

    @Option(name: .customLong("resume-dir"), help: ArgumentHelp(
        "Where resume records are kept.", discussion: "Default: $XDG_CACHE_HOME/iconect/uploads, else ~/.cache/iconect/uploads.",
        valueName: "path"))
    var resumeDirectory: String?

    @Flag(name: .customLong("verify-whole-file"), help: ArgumentHelp(
        "Also hash each whole file beside the transfer and compare it with the stored file's.",
        discussion: "Every chunk is already checked by its SHA-256; this guards against a server assembling them wrongly, "
            + "at the cost of one more pass over the file. Compressed files are always checked whole."))
    var verifiesWholeFile = false

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (1...64).contains(chunkSizeMiB) else { throw ValidationError("--chunk-size must be from 1 to 64 (MiB)") }
    }

    /// The SDK's transfer options: resumable, the server session kept for a later run when this one is interrupted.
    var transfer: TransferOptions {
        TransferOptions(chunkSize: chunkSizeMiB << 20, concurrency: concurrency, compression: compress.compression,
                        resumeDirectory: resumeDirectory.map { URL(fileURLWithPath: $0) } ?? Self.defaultResumeDirectory(),
                        keepsSessionForResume: true, verifiesWholeFile: verifiesWholeFile)
    }

    /// `$XDG_CACHE_HOME/iconect/uploads`, else `~/.cache/iconect/uploads`.
    static func defaultResumeDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache")
        return base.appendingPathComponent("iconect").appendingPathComponent("uploads")
    }
}

/// `--compress auto|always|never`.
enum CompressionChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case auto, always, never

    var compression: UploadCompression {
        switch self {
        case .auto: return .automatic
        case .always: return .always
        case .never: return .never
        }
    }
}
