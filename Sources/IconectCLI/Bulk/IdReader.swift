import Foundation
import Iconect

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads record ids from a file or standard input, a block at a time, so that any number of ids takes constant memory.
///
/// A line is an id, or a JSON object carrying `recordId` or `id`: the failures file of an earlier `iconect bulk` run and
/// the NDJSON of `iconect search` are both valid input. Blank lines and lines starting with `#` are skipped.
final class IdReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var start = 0
    private var atEnd = false
    private(set) var lineNumber = 0
    /// Where the ids come from, for messages (`-` is standard input).
    let source: String

    /// Opens `path`, or standard input for `-`.
    /// - Throws: ``IconectError/Code/validation`` naming `--ids` when the file cannot be opened.
    init(path: String) throws {
        source = path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY)
            ownsDescriptor = true
            guard descriptor >= 0 else {
                throw IconectError.invalidArgument("--ids", "cannot open \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Whether the input is a regular file (whose ids can be counted ahead, for a percentage and an ETA).
    var isRegularFile: Bool {
        guard source != "-" else { return false }
        return (try? FileManager.default.attributesOfItem(atPath: source)[.type] as? FileAttributeType) == .typeRegular
    }

    /// Up to `count` more ids; fewer only at the end of the input.
    /// - Throws: ``IconectError/Code/validation`` naming the line of a JSON object with no id.
    func next(_ count: Int) throws -> [String] {
        var ids: [String] = []
        while ids.count < count, let line = try readLine() {
            lineNumber += 1
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            ids.append(try Self.id(in: text, line: lineNumber, source: source))
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

    private func readLine() throws -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[start..<newline], as: UTF8.self)
                start = newline + 1
                return line.hasSuffix("\r") ? String(line.dropLast()) : line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            buffer.removeSubrange(..<start)
            start = 0
            var block = [UInt8](repeating: 0, count: 64 * 1024)
            let count = block.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IconectError.invalidArgument("--ids", "cannot read \(source): \(String(cString: strerror(errno)))")
            }
            if count == 0 { atEnd = true } else { buffer.append(contentsOf: block[..<count]) }
        }
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
