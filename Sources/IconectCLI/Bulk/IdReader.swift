import Foundation
import Iconect

/// Reads record ids from a file or standard input, a block at a time, so that any number of ids takes constant memory.
///
/// A line is an id, or a JSON object carrying `recordId` or `id`: the failures file of an earlier `iconect bulk` run and
/// the NDJSON of `iconect search` are both valid input. Blank lines and lines starting with `#` are skipped.
final class IdReader {
    private let lines: LineReader

    /// Opens `path`, or standard input for `-`.
    /// - Throws: ``IconectError/Code/validation`` naming `--ids` when the file cannot be opened.
    init(path: String) throws {
        lines = try LineReader(path: path, argument: "--ids")
    }

    /// Whether the input is a regular file (whose ids can be counted ahead, for a percentage and an ETA).
    var isRegularFile: Bool { lines.isRegularFile }

    /// Up to `count` more ids; fewer only at the end of the input.
    /// - Throws: ``IconectError/Code/validation`` naming the line of a JSON object with no id.
    func next(_ count: Int) throws -> [String] {
        var ids: [String] = []
        while ids.count < count, let line = try lines.readLine() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            ids.append(try Self.id(in: text, line: lines.lineNumber, source: lines.source))
        }
        return ids
    }

    /// The id a line carries.
    static func id(in text: String, line: Int, source: String) throws -> String {
        guard text.hasPrefix("{") else { return text }
        let object = try? JSONValue(parsing: Data(text.utf8))
        guard let id = object?["recordId"]?.stringValue ?? object?["id"]?.stringValue, !id.isEmpty else {
            throw IconectError.invalidArgument("--ids", "\(source) line \(line): a JSON line needs a \"recordId\" or \"id\"")
        }
        return id
    }
}
