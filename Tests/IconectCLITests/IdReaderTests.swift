import Foundation
import Iconect
@testable import IconectCLI
import Testing

/// Ids for `iconect bulk`, read in windows from plain lines or NDJSON.
struct IdReaderTests {
    @Test func readsPlainAndJSONLinesInWindows() throws {
        let file = try makeScratchDirectory().appendingPathComponent("ids")
        let text = "# header\nrec-1\n\n  rec-2  \r\n{\"recordId\":\"rec-3\",\"outcome\":\"failed\"}\n{\"id\":\"rec-4\",\"fields\":{}}\nrec-5"
        try text.write(to: file, atomically: true, encoding: .utf8)
        #expect(try IdReader(path: file.path).countIfFile() == 5)
        let reader = try IdReader(path: file.path)
        #expect(try reader.next(2) == ["rec-1", "rec-2"])
        #expect(try reader.next(2) == ["rec-3", "rec-4"])
        #expect(try reader.next(2) == ["rec-5"])
        #expect(try reader.next(2).isEmpty)
    }

    @Test func readsManyIdsAcrossBlocks() throws {
        let file = try makeScratchDirectory().appendingPathComponent("ids")
        let ids = (1...50_000).map { "rec-\($0)" }
        try ids.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let reader = try IdReader(path: file.path)
        var read: [String] = []
        while true {
            let window = try reader.next(8_000)
            if window.isEmpty { break }
            read += window
        }
        #expect(read == ids)
    }

    @Test func aJSONLineWithoutAnIdNamesItsLine() throws {
        let file = try makeScratchDirectory().appendingPathComponent("ids")
        try "rec-1\n{\"name\":\"x\"}\n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: IconectError.self) { try IdReader(path: file.path).next(10) }
        #expect(error?.message.contains("line 2") == true)
    }

    @Test func aMissingFileIsAnArgumentError() {
        let error = #expect(throws: IconectError.self) { try IdReader(path: "/nonexistent/ids.txt") }
        #expect(error?.fieldErrors["--ids"] != nil)
    }
}
