import Foundation
import Iconect

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or standard input line by line, a block at a time, so that any size takes constant memory. Lines end at
/// each `"\n"` byte, with a `"\r"` before it dropped: the way the server numbers the lines of an import file.
final class LineReader {
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var start = 0
    private var atEnd = false
    /// The option the input came from, named by errors (`--ids`).
    private let argument: String
    /// Where the lines come from, for messages (`-` is standard input).
    let source: String
    /// The number of the line read last, from 1.
    private(set) var lineNumber = 0

    /// Opens `path`, or standard input for `-`.
    /// - Throws: ``IconectError/Code/validation`` naming `argument` when the file cannot be opened.
    init(path: String, argument: String) throws {
        source = path
        self.argument = argument
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
        } else {
            descriptor = open(path, O_RDONLY)
            ownsDescriptor = true
            guard descriptor >= 0 else {
                throw IconectError.invalidArgument(argument, "cannot open \(path): \(String(cString: strerror(errno)))")
            }
        }
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// Whether the input is a regular file (which can be read again, or counted ahead).
    var isRegularFile: Bool {
        guard source != "-" else { return false }
        return (try? FileManager.default.attributesOfItem(atPath: source)[.type] as? FileAttributeType) == .typeRegular
    }

    /// The next line, without its line ending; nil at the end of the input.
    /// - Throws: ``IconectError/Code/validation`` naming the option when the input cannot be read.
    func readLine() throws -> String? {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let end = newline > start && buffer[newline - 1] == UInt8(ascii: "\r") ? newline - 1 : newline
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                lineNumber += 1
                return String(decoding: buffer[start...], as: UTF8.self)
            }
            buffer.removeSubrange(..<start)
            start = 0
            var block = [UInt8](repeating: 0, count: 64 * 1024)
            let count = block.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw IconectError.invalidArgument(argument, "cannot read \(source): \(String(cString: strerror(errno)))")
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
