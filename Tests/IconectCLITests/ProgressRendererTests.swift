import Foundation
@testable import IconectCLI
import Testing

/// Progress drawn as bars is redrawn in place; as lines it is plain text. (Tests/CLIEndToEnd/test_cli_terminal.py checks
/// that a real terminal gets the bars and a pipe the lines.)
@Suite(.timeLimit(.minutes(1)))
struct ProgressRendererTests {
    @Test func barsRedrawInPlace() throws {
        let (stream, file, handle) = try scratchStream()
        defer { try? handle.close() }
        let board = ProgressBoard(total: 2_000, taskCount: 2)
        let renderer = ProgressRenderer(board: board, stream: stream, unit: .bytes, title: "upload", taskNoun: "files", style: .bars)
        board.start(0, name: "a.bin", total: 1_000)
        board.start(1, name: "b.bin", total: 1_000)
        board.update(0, done: 500, total: 1_000, perSecond: 1e6, remaining: .seconds(1))
        renderer.render(final: false)
        board.finish(0, done: 1_000, message: "uploaded a.bin")
        board.update(1, done: 900, total: 1_000, perSecond: 1e6, remaining: .zero)
        renderer.render(final: false)
        board.finish(1, done: 1_000, message: "uploaded b.bin")
        renderer.finish()

        let screen = try String(contentsOf: file, encoding: .utf8)
        #expect(screen.contains("a.bin") && screen.contains("50%") && screen.contains("b.bin") && screen.contains("90%"))
        // The second frame moves up over the three lines of the first (two files and the total) and clears them.
        #expect(screen.contains("\u{1B}[3A\r\u{1B}[J"))
        #expect(screen.contains("\u{1B}[2A\r\u{1B}[J"), "the third frame redraws over the second's two lines")
        #expect(screen.contains("uploaded a.bin") && screen.contains("upload: 2/2 files, 2.0 kB of 2.0 kB (100%)"))
    }

    @Test func plainLinesElsewhere() throws {
        let (stream, file, handle) = try scratchStream()
        defer { try? handle.close() }
        #expect(!stream.isTerminal)

        let board = ProgressBoard(total: 2_000, taskCount: 2)
        let renderer = ProgressRenderer(board: board, stream: stream, unit: .bytes, title: "upload", taskNoun: "files")
        board.start(0, name: "a.bin", total: 1_000)
        board.update(0, done: 500, total: 1_000, perSecond: 1e6, remaining: .seconds(1))
        renderer.render(final: false)
        renderer.render(final: false)   // unchanged: not repeated
        board.finish(0, message: "uploaded a.bin")
        renderer.finish()

        let text = try String(contentsOf: file, encoding: .utf8)
        #expect(!text.contains { $0.asciiValue.map { $0 < 0x20 && $0 != 0x0A } ?? false }, "no control characters but newlines")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("upload: 0/2 files, 500 B of 2.0 kB (25%), ") == true)
        #expect(lines.dropFirst().first == "uploaded a.bin")
        #expect(lines.last?.hasPrefix("upload: 1/2 files, 500 B of 2.0 kB (25%), ") == true)
    }

    /// A stream into a scratch file, the file, and the handle that keeps it open.
    private func scratchStream() throws -> (ConsoleStream, URL, FileHandle) {
        let file = try makeScratchDirectory().appendingPathComponent("screen")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        return (ConsoleStream(descriptor: handle.fileDescriptor), file, handle)
    }
}
