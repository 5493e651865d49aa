import Foundation
import Iconect
import IconectEmulator
import Testing

@Suite("Uploads and downloads against the emulator", .timeLimit(.minutes(10)))
struct FileTransferTests {
    /// Every byte value, repeated, with a tail that is not a multiple of anything.
    static func binary(count: Int) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 256) })
    }

    static func options(_ emulator: EmulatorServer, _ name: String) -> FileUploadOptions {
        FileUploadOptions(fileName: name, projectId: emulator.seed.projectId, fileStoreId: emulator.seed.fileStoreId)
    }

    static func temporaryFile(_ data: Data) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-test-\(UUID().uuidString).bin")
        try data.write(to: url)
        return url
    }

    @Test("binary bytes (all 256 values) upload and download byte-identical", arguments: TransportKind.allCases)
    func plainBinaryRoundTrip(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.binary(count: 256 * 40 + 13)
            #expect(Set(data).count == 256)
            let file = try await client.files.upload(data, options: Self.options(emulator, "all-bytes.bin"))
            #expect(file.size == Int64(data.count))
            #expect(try await client.files.download(id: file.id) == data)
            #expect(emulator.stats().count("POST", "/v1/files/upload", status: 201) == 1)
        }
    }

    @Test("a file larger than a chunk goes through a chunked session and comes back byte-identical", arguments: TransportKind.allCases)
    func chunkedRoundTrip(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.binary(count: 3 * 256 * 1024 + 1000)
            let source = try Self.temporaryFile(data)
            defer { try? FileManager.default.removeItem(at: source) }
            let file = try await client.files.upload(fileAt: source, options: Self.options(emulator, "chunked.bin"),
                                                     chunkSize: 256 * 1024, concurrency: 3)
            let destination = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-dl-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: destination) }
            try await client.files.download(id: file.id, to: destination)
            #expect(try Data(contentsOf: destination) == data)
            let stats = emulator.stats()
            #expect(stats.count("PUT", "/v1/files/upload/chunked/{uploadSessionId}/chunks/{chunkNumber}", status: 200)
                    + stats.count("PUT", "/v1/files/upload/chunked/{uploadSessionId}/chunks/{chunkNumber}", status: 201) == 4)
            #expect(stats.count("POST", "/v1/files/upload/chunked/{uploadSessionId}/complete") == 1)
            let chunkRequests = stats.recentRequests.filter { $0.method == "PUT" }
            #expect(chunkRequests.allSatisfy { $0.contentType == "application/octet-stream" })
        }
    }

    @Test("Range downloads return exactly the requested slice", arguments: TransportKind.allCases)
    func rangeDownloads(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.binary(count: 10_000)
            let file = try await client.files.upload(data, options: Self.options(emulator, "ranged.bin"))
            #expect(try await client.files.download(id: file.id, range: 0...0) == data.prefix(1))
            #expect(try await client.files.download(id: file.id, range: 1000...1999) == data[1000...1999])
            #expect(try await client.files.download(id: file.id, range: 9_990...9_999) == data.suffix(10))
        }
    }

    @Test("a raw chunk with a wrong digest is refused; an incomplete session cannot complete", arguments: TransportKind.allCases)
    func rawSessionChecks(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let session = try await client.files.initiateChunkedUpload(
                options: Self.options(emulator, "raw.bin"), fileSize: 300 * 1024, chunkSize: 256 * 1024)
            #expect(session.totalChunks == 2)
            try await client.files.uploadChunk(sessionId: session.id, number: 0, data: Self.binary(count: 256 * 1024))
            let state = try await client.files.uploadSession(id: session.id)
            #expect(state.uploadedChunks == [0])
            let incomplete = try await expectIconectError { try await client.files.completeChunkedUpload(sessionId: session.id) }
            #expect(incomplete.code == .conflict)
            let wrongSize = try await expectIconectError {
                try await client.files.uploadChunk(sessionId: session.id, number: 1, data: Self.binary(count: 10))
            }
            #expect(wrongSize.code == .conflict)
            try await client.files.abortChunkedUpload(sessionId: session.id)
        }
    }
}
