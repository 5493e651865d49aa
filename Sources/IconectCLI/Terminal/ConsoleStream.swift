import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output or standard error, written with `write(2)` (no Foundation buffering, no crash on a closed pipe), and
/// what it is connected to: progress bars are drawn only on a terminal.
struct ConsoleStream: Sendable {
    let descriptor: Int32

    static let standardOutput = ConsoleStream(descriptor: STDOUT_FILENO)
    static let standardError = ConsoleStream(descriptor: STDERR_FILENO)

    /// Whether the stream is a terminal that understands cursor movement (`TERM=dumb` does not).
    var isTerminal: Bool {
        isatty(descriptor) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }

    /// The terminal's width in columns: the window size, else `COLUMNS`, else 80.
    var width: Int {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(descriptor, UInt(TIOCGWINSZ), $0) }
        if status == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }

    /// Writes all of `text`.
    /// - Throws: ``StreamClosed`` when the reader has gone (a closed pipe, as with `| head`).
    func write(_ text: String) throws {
        try write(Array(text.utf8))
    }

    /// Writes all of `bytes`.
    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return systemWrite(descriptor, base + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw StreamClosed(errno: errno)
            }
            offset += written
        }
    }

    /// Writes `text`, ignoring a closed stream: for messages, which have nowhere else to go.
    func print(_ text: String) {
        try? write(text + "\n")
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#else
private let systemWrite = Darwin.write
#endif

/// A write failed because nobody reads the stream any more (`EPIPE`) or it is otherwise unusable.
struct StreamClosed: Error {
    let errno: Int32
}
