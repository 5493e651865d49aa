#if canImport(FoundationNetworking)
import Foundation
import Testing

@testable import Iconect

@Suite("FileRegionInputStream: a chunk streamed from disk")
struct FileRegionInputStreamTests {
    /// Reads the stream the way swift-corelibs-foundation's body source does: `maxLength` bytes at a time while
    /// `hasBytesAvailable`.
    static func drain(_ stream: InputStream, step: Int) -> (Data, Int) {
        var collected = Data()
        var buffer = [UInt8](repeating: 0, count: step)
        var last = 0
        while stream.hasBytesAvailable {
            last = stream.read(&buffer, maxLength: step)
            guard last > 0 else { break }
            collected.append(contentsOf: buffer[0..<last])
        }
        return (collected, last)
    }

    @Test("yields exactly the region's bytes, whatever the read size", arguments: [(0, 0, 7), (1, 1 << 20, 65_536), (5, 3 << 20, 1_000_003), ((3 << 20) + 4, 1, 16)])
    func region(offset: Int, length: Int, step: Int) throws {
        let url = try FileReaderTests.file(FileReaderTests.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let stream = try FileRegionInputStream(url: url, offset: Int64(offset), length: Int64(length))
        #expect(stream.streamStatus == .notOpen)
        #expect(!stream.hasBytesAvailable, "nothing before open")
        stream.open()
        let (bytes, _) = Self.drain(stream, step: step)
        #expect(bytes == FileReaderTests.data.subdata(in: offset..<offset + length))
        var byte: UInt8 = 0
        #expect(stream.read(&byte, maxLength: 1) == 0, "the end reads as 0")
        #expect(stream.streamStatus == .atEnd)
        stream.close()
        #expect(stream.streamStatus == .closed)
        #expect(stream.read(&byte, maxLength: 1) == -1, "a closed stream reads nothing")
    }

    @Test("a region past the end of the file is refused before anything is sent")
    func pastTheEnd() throws {
        let url = try FileReaderTests.file(Data(count: 10))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: IconectError.self) { try FileRegionInputStream(url: url, offset: 4, length: 7) }
        #expect(throws: IconectError.self) { try FileRegionInputStream(url: url, offset: -1, length: 2) }
    }

    @Test("a file that shrinks under the stream ends it with an error, not short data")
    func shrunk() throws {
        let url = try FileReaderTests.file(Data(count: 100_000))
        defer { try? FileManager.default.removeItem(at: url) }
        let stream = try FileRegionInputStream(url: url, offset: 0, length: 100_000)
        stream.open()
        try Data(count: 10).write(to: url)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        #expect(stream.read(&buffer, maxLength: buffer.count) == -1)
        #expect(stream.streamStatus == .error)
        #expect(stream.streamError is IconectError)
    }
}
#endif
