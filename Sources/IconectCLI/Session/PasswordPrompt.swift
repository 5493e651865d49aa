import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Asks for a password on the terminal without echoing it: on `/dev/tty` (so it works with standard input redirected), else
/// on standard input when that is a terminal. Nothing is asked where there is no terminal.
enum PasswordPrompt {
    /// The line typed after `prompt`, or nil when there is no terminal.
    static func read(_ prompt: String) -> String? {
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY)
        let (input, output) = tty >= 0 ? (tty, tty) : (isatty(STDIN_FILENO) == 1 ? (STDIN_FILENO, STDERR_FILENO) : (-1, -1))
        defer { if tty >= 0 { close(tty) } }
        guard input >= 0 else { return nil }

        var saved = termios()
        guard tcgetattr(input, &saved) == 0 else { return nil }
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ECHONL)
        guard tcsetattr(input, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { tcsetattr(input, TCSAFLUSH, &saved) }

        try? ConsoleStream(descriptor: output).write(prompt)
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            let count = systemRead(input, &byte, 1)
            if count < 0, errno == EINTR { continue }
            guard count == 1, byte != UInt8(ascii: "\n") else { break }
            if byte != UInt8(ascii: "\r") { line.append(byte) }
        }
        return String(decoding: line, as: UTF8.self)
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#else
private let systemRead = Darwin.read
#endif
