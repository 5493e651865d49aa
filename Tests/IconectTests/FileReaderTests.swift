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

@Suite("UploadDigests", .timeLimit(.minutes(2)))
struct UploadDigestsTests {
    @Test("the whole file and every pending chunk are hashed, however the work is split", arguments: [1, 2, 4, 64])
    func digestsMatch(cores: Int) async throws {
        let data = FileReaderTests.data
        let url = try FileReaderTests.file(data)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let plan = try ChunkPlan(fileSize: Int64(data.count), chunkSize: 256 * 1024)
        let pending = Array(0..<plan.chunkCount).filter { $0 % 3 != 1 }
        let digests = try await UploadDigests.compute(plan, pending: pending, reader: reader, fileDigest: nil, cores: cores)
        #expect(digests.file == sha256Hex(data))
        #expect(digests.chunks.keys.sorted() == pending)
        for number in pending {
            let (offset, length) = plan.range(of: number)
            #expect(digests.chunks[number] == sha256Hex(data.subdata(in: Int(offset)..<Int(offset) + length)))
        }
    }

    @Test("a known file digest is kept, not recomputed; no pending chunks means no chunk digests")
    func knownDigest() async throws {
        let url = try FileReaderTests.file(Data([1, 2, 3]))
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try FileReader(url: url)
        defer { reader.close() }
        let plan = try ChunkPlan(fileSize: 3, chunkSize: 256 * 1024)
        let digests = try await UploadDigests.compute(plan, pending: [], reader: reader, fileDigest: "given")
        #expect(digests.file == "given")
        #expect(digests.chunks.isEmpty)
    }
}
