import Foundation
import Iconect

/// An NDJSON file written a few lines at a time, created only when there is something to write: where a bulk run's
/// failures and an import's bad lines go.
final class NDJSONFile {
    let url: URL
    /// The option that names the file, for errors (`--failures`).
    private let argument: String
    private var handle: FileHandle?
    /// How many lines were written.
    private(set) var count = 0

    init(url: URL, argument: String) {
        self.url = url
        self.argument = argument
    }

    deinit {
        try? handle?.close()
    }

    /// Appends one line per value.
    func append(_ lines: [some Encodable]) throws {
        guard !lines.isEmpty else { return }
        var text = ""
        for line in lines { text += try JSONOutput.encode(line, pretty: false) + "\n" }
        try open().write(contentsOf: Data(text.utf8))
        count += lines.count
    }

    private func open() throws -> FileHandle {
        if let handle { return handle }
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw IconectError.invalidArgument(argument, "cannot create \(url.path)")
        }
        let created = try FileHandle(forWritingTo: url)
        handle = created
        return created
    }

    /// `iconect-bulk-tag-failures-20240601-101500.ndjson`: a name for a run's file in the current directory.
    static func timestampedName(_ prefix: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(prefix)-\(formatter.string(from: Date())).ndjson"
    }
}
