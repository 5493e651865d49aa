import Foundation
import Testing

@testable import IconectEmulator

@Suite("UploadDataFile: chunks in place, digest as they arrive", .timeLimit(.minutes(5)))
struct UploadDataFileTests {
    static let chunkSize = 1024
    static let data = Data((0..<(5 * 1024 + 300)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 5) })

    static func chunk(_ number: Int, of data: Data = data) -> [UInt8] {
        Array(data[(number * chunkSize)..<min(data.count, (number + 1) * chunkSize)])
    }

    static func digest(_ bytes: some Sequence<UInt8>) -> String { Digest.sha256Hex(bytes) }

    static func make() throws -> UploadDataFile {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-data-\(UUID().uuidString)").path
        return try UploadDataFile(path: path, fileSize: data.count, chunkSize: chunkSize)
    }

    @Test("chunks written in any order give the file's bytes and digest", arguments: [[0, 1, 2, 3, 4, 5], [5, 3, 1, 4, 2, 0], [2, 0, 1, 5, 4, 3]])
    func anyOrder(order: [Int]) async throws {
        let file = try Self.make()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        for number in order {
            let bytes = Self.chunk(number)
            try file.write(chunk: number, bytes: bytes, digest: Self.digest(bytes))
        }
        #expect(try await file.finalDigest() == Self.digest(Self.data))
        file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == Self.data)
    }

    @Test("a chunk sent again with the same bytes changes nothing; with other bytes it counts, and the digest follows")
    func rewrites() async throws {
        let file = try Self.make()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        for number in 0..<6 {
            let bytes = Self.chunk(number)
            try file.write(chunk: number, bytes: bytes, digest: Self.digest(bytes))
        }
        try file.write(chunk: 1, bytes: Self.chunk(1), digest: Self.digest(Self.chunk(1)))
        #expect(try await file.finalDigest() == Self.digest(Self.data))

        var changed = Self.data
        changed[Self.chunkSize + 10] ^= 0xFF
        let other = Self.chunk(1, of: changed)
        try file.write(chunk: 1, bytes: other, digest: Self.digest(other))
        #expect(try await file.finalDigest() == Self.digest(changed))
        file.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: file.path)) == changed)
    }

    @Test("a closed file refuses writes and digests")
    func closed() async throws {
        let file = try Self.make()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        file.close()
        #expect(throws: PosixFile.Failure.self) { try file.write(chunk: 0, bytes: Self.chunk(0), digest: Self.digest(Self.chunk(0))) }
        await #expect(throws: PosixFile.Failure.self) { _ = try await file.finalDigest() }
    }

    @Test("with a chunk missing there is no digest")
    func incomplete() async throws {
        let file = try Self.make()
        defer { try? FileManager.default.removeItem(atPath: file.path) }
        for number in [0, 1, 3, 4, 5] {
            let bytes = Self.chunk(number)
            try file.write(chunk: number, bytes: bytes, digest: Self.digest(bytes))
        }
        await #expect(throws: PosixFile.Failure.self) { _ = try await file.finalDigest() }
    }
}
