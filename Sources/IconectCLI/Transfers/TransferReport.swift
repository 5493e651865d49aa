import Foundation
import Iconect

/// What an upload or download did with each file: the `--json` report, and the exit status.
struct TransferReport: Encodable, Sendable {
    struct Entry: Encodable, Sendable {
        enum Status: String, Encodable, Sendable {
            case uploaded, downloaded, failed, interrupted
            case notStarted = "not_started"
        }

        var path: String
        var name: String?
        var id: String?
        var bytes: Int64?
        var status: Status
        var seconds: Double?
        var error: ErrorSummary?
    }

    var command: String
    var files: [Entry]
    var seconds: Double

    /// Whether every file succeeded.
    var isComplete: Bool { files.allSatisfy { $0.status == .uploaded || $0.status == .downloaded } }
    var wasInterrupted: Bool { files.contains { $0.status == .interrupted || $0.status == .notStarted } }

    /// 0 when every file succeeded, 130 when the run was interrupted, 1 when a file failed.
    var exitCode: Int32 {
        if isComplete { return 0 }
        return files.contains { $0.status == .failed } ? 1 : interruptedExitCode
    }

    private enum CodingKeys: String, CodingKey {
        case command, files, seconds, succeeded, failed, interrupted
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(command, forKey: .command)
        try container.encode(files, forKey: .files)
        try container.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try container.encode(files.filter { $0.status == .uploaded || $0.status == .downloaded }.count, forKey: .succeeded)
        try container.encode(files.filter { $0.status == .failed }.count, forKey: .failed)
        try container.encode(files.filter { $0.status == .interrupted || $0.status == .notStarted }.count, forKey: .interrupted)
    }
}

/// An error as the CLI reports it in JSON: the SDK's code, status, server code and message.
struct ErrorSummary: Encodable, Sendable, Hashable {
    var code: String
    var status: Int?
    var serverCode: String?
    var message: String

    init(_ error: any Error) {
        if let error = error as? IconectError {
            self.init(code: error.code.rawValue, status: error.status, serverCode: error.serverCode, message: error.message)
        } else {
            self.init(code: "error", status: nil, serverCode: nil, message: "\(error)")
        }
    }

    init(code: String, status: Int?, serverCode: String?, message: String) {
        self.code = code
        self.status = status
        self.serverCode = serverCode
        self.message = message
    }

    /// Whether `error` means the work was cancelled (Ctrl-C), not that it failed.
    static func isCancellation(_ error: any Error) -> Bool {
        error is CancellationError || (error as? IconectError)?.code == .cancelled
    }
}

/// JSON output: sorted keys, no escaped slashes.
enum JSONOutput {
    static func encode(_ value: some Encodable, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
