import Foundation
import Testing

@testable import Iconect

@Suite("FileReader", .timeLimit(.minutes(2)))
struct FileReaderTests {
    static func file(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-reader-\(UUID().uuidString).bin")
        try data.write(to: url)
        return url
    }

    /// 3 MiB + 5 bytes, so regions cross the reader's 1 MiB blocks.
    static let data = Data((0..<(3 << 20) + 5).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })

    @Test("a region's digest is the digest of exactly those bytes",
          arguments: [(0, 0), (0, 1), (1, 1 << 20), ((1 << 20) - 1, 2), (5, (3 << 20)), (0, (3 << 20) + 5), ((3 << 20) + 4, 1)])
    func regionDigest(region: (offset: Int, length: Int)) throws {
        let url = try Self.file(Self.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let expected = sha256Hex(Self.data.subdata(in: region.offset..<(region.offset + region.length)))
        #expect(try reader.sha256(offset: Int64(region.offset), length: Int64(region.length)) == expected)
        #expect(try reader.read(offset: Int64(region.offset), length: region.length)
                == Self.data.subdata(in: region.offset..<(region.offset + region.length)))
    }

    @Test("the whole-file digest equals the region covering the file")
    func wholeFile() throws {
        let url = try Self.file(Self.data)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        #expect(try reader.sha256() == sha256Hex(Self.data))
        #expect(reader.size == Int64(Self.data.count))
    }

    @Test("reading past the end fails with a typed error instead of returning short data")
    func pastTheEnd() throws {
        let url = try Self.file(Data([1, 2, 3]))
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let error = try iconectError { _ = try reader.read(offset: 2, length: 2) }
        #expect(error.code == .transport)
        #expect(error.message.contains("shorter"))
    }

    @Test("a missing file or a directory is refused naming fileURL")
    func notAFile() throws {
        for url in [URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString)"), FileManager.default.temporaryDirectory] {
            let error = try iconectError { _ = try FileReader(url: url) }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["fileURL"] != nil)
        }
    }
}

@Suite("FileReader: the whole file's digest beside other work", .timeLimit(.minutes(2)))
struct FileReaderInterleavedDigestTests {
    @Test("the interleaved digest equals the one-pass digest, for sizes around its 8 MiB stretch",
          arguments: [0, 1, 8 << 20, (8 << 20) + 1, (17 << 20) + 5])
    func matchesOnePass(size: Int) async throws {
        let data = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) })
        let url = try FileReaderTests.file(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let digest = try await reader.sha256Interleaved()
        #expect(digest == sha256Hex(data))
        #expect(digest == (try reader.sha256()))
    }

    @Test("a cancelled digest stops with CancellationError instead of reading on")
    func cancelled() async throws {
        let url = try FileReaderTests.file(Data(count: 32 << 20))
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await reader.sha256Interleaved()
        }
        await #expect(throws: CancellationError.self) { try await task.value }
    }
}
