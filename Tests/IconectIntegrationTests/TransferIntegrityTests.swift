import Foundation
import HTTPTypes
import Iconect
import IconectEmulator
import Testing

/// What a transfer does when the bytes or the digests do not add up, and the transport's own whole-file download.
@Suite("Transfers: streamed to disk, digests checked by the client", .timeLimit(.minutes(10)))
struct TransferIntegrityTests {
    /// The digest a misreporting server claims for what it stored.
    static let forgedDigest = String(repeating: "0", count: 64)

    /// A server that answers a chunked upload's completion with ``forgedDigest`` instead of the stored file's digest.
    static let misreportStoredDigest: RewritingTransport.Rewrite = { request, response in
        guard request.method == .post, request.path?.hasSuffix("/complete") == true else { return }
        response.replaceJSONString("hash", with: forgedDigest)
    }

    static func scratchFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("iconect-integrity-\(UUID().uuidString).bin")
    }

    @Test("a whole file streamed straight to disk by the transport, with no Range, is byte-identical", arguments: TransportKind.allCases)
    func wholeFileToDisk(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = FileTransferTests.binary(count: 3 * 1024 * 1024 + 17)
            let file = try await client.files.upload(data, options: FileTransferTests.options(emulator, "to-disk.bin"))
            let http = try transport.makeTransport(try IconectConfiguration(baseURL: emulator.baseURL, clientId: "emulator-client"))
            let destination = Self.scratchFile()
            defer { try? FileManager.default.removeItem(at: destination) }
            // What was there before is longer than the file: the transport must truncate, not overwrite in place.
            try Data(repeating: 0xAA, count: data.count + 4096).write(to: destination)
            let token = try await emulator.accessToken()
            let request = HTTPRequest(method: .get, url: emulator.apiURL.appendingPathComponent("files/\(file.id)/download"),
                                      headerFields: [.authorization: "Bearer \(token)"])
            let response: HTTPResponse
            do {
                response = try await http.download(request, timeout: .seconds(30), to: destination)
            } catch {
                await http.shutdown()
                throw error
            }

            let missing = HTTPRequest(method: .get, url: emulator.apiURL.appendingPathComponent("files/no-such-file/download"),
                                      headerFields: [.authorization: "Bearer \(token)"])
            let errorFile = Self.scratchFile()
            defer { try? FileManager.default.removeItem(at: errorFile) }
            try Data().write(to: errorFile)
            let notFound = try await http.download(missing, timeout: .seconds(30), to: errorFile)
            await http.shutdown()

            #expect(response.status == .ok)
            #expect(try Data(contentsOf: destination) == data, "the file on disk is the uploaded bytes, no more, no less")
            #expect(notFound.status == .notFound)
            #expect(String(decoding: try Data(contentsOf: errorFile), as: UTF8.self).contains("NOT_FOUND"),
                    "an error status still writes its body to the file")
            let stats = emulator.stats()
            #expect(stats.count("GET", "/v1/files/{id}/download", status: 200) == 1, "one whole-file answer, not ranges")
            #expect(stats.count("GET", "/v1/files/{id}/download", status: 206) == 0)
        }
    }

    @Test("bytes damaged on the way down fail verification with .checksumMismatch; nothing is left behind",
          arguments: TransportKind.allCases)
    func damagedDownload(transport: TransportKind) async throws {
        let damage: RewritingTransport.Rewrite = { request, response in
            guard request.path?.hasSuffix("/download") == true, !response.body.isEmpty else { return }
            response.body[response.body.startIndex + response.body.count / 2] ^= 0x01
        }
        try await withEmulator(transport: transport, wrap: { RewritingTransport($0, rewrite: damage) }) { emulator, client in
            let data = FileTransferTests.binary(count: 300_000)
            let file = try await client.files.upload(data, options: FileTransferTests.options(emulator, "damaged.bin"))
            #expect(file.hash?.count == 64, "the check needs the server's digest")
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-integrity-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let destination = directory.appendingPathComponent("copy.bin")

            let error = try await expectIconectError { try await client.files.download(id: file.id, to: destination, segmentSize: 100_000) }
            #expect(error.code == .checksumMismatch, "\(error)")
            #expect(error.operation == "iconect_download_file")
            #expect(error.message.contains(file.hash ?? "-"), "the message names the digest the server has")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
                    "no destination and no partial file: damaged bytes are not kept for resuming")
            #expect(emulator.stats().count("GET", "/v1/files/{id}/download", status: 206) == 3, "all three segments arrived")
        }
    }

    @Test("a server that stores other bytes than were sent fails the upload with .checksumMismatch and deletes the stored copy",
          arguments: TransportKind.allCases)
    func completionDigestMismatch(transport: TransportKind) async throws {
        let forged = Self.forgedDigest
        try await withEmulator(transport: transport, wrap: { RewritingTransport($0, rewrite: Self.misreportStoredDigest) }) { emulator, client in
            let data = FileTransferTests.binary(count: 2 * 256 * 1024 + 10)
            let source = try FileTransferTests.temporaryFile(data)
            defer { try? FileManager.default.removeItem(at: source) }
            // Kept for resuming, as the CLI does: a completed session cannot be resumed, so its record must go too.
            let resume = FileManager.default.temporaryDirectory.appendingPathComponent("iconect-resume-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: resume) }
            let transfer = TransferOptions(chunkSize: 256 * 1024, concurrency: 2, compression: .never, resumeDirectory: resume,
                                           keepsSessionForResume: true, verifiesWholeFile: true)
            let error = try await expectIconectError {
                try await client.files.upload(fileAt: source, options: FileTransferTests.options(emulator, "misreported.bin"),
                                              transfer: transfer)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: resume.path).isEmpty, "no resume record is left")
            #expect(error.code == .checksumMismatch, "\(error)")
            #expect(error.operation == "iconect_complete_chunked_upload")
            #expect(error.message.contains(forged))
            let stats = emulator.stats()
            #expect(stats.count("POST", "/v1/files/upload/chunked/{id}/complete", status: 200)
                    + stats.count("POST", "/v1/files/upload/chunked/{id}/complete", status: 201) == 1)
            #expect(stats.count("DELETE", "/v1/files/{id}") == 1,
                    "the stored copy that does not match is deleted, not left behind as if it were the file")
            let listed = try await client.files.list(projectId: emulator.seed.projectId)
            #expect(!listed.data.contains { $0.name == "misreported.bin" }, "the stored copy is gone")
        }
    }

    @Test("a compressed upload is checked whole by default: compressing computed its digest", arguments: TransportKind.allCases)
    func compressedUploadCheckedWhole(transport: TransportKind) async throws {
        try await withEmulator(transport: transport, wrap: { RewritingTransport($0, rewrite: Self.misreportStoredDigest) }) { emulator, client in
            // Text that gzip shrinks only about threefold, so that the compressed copy still needs several chunks.
            var generator = SystemRandomNumberGenerator()
            let words = (0..<400_000).map { _ in String(UInt32.random(in: 0...99_999, using: &generator)) }
            let source = try FileTransferTests.temporaryFile(Data(words.joined(separator: " ").utf8))
            defer { try? FileManager.default.removeItem(at: source) }
            let transfer = TransferOptions(chunkSize: 256 * 1024, concurrency: 2, compression: .always)
            let error = try await expectIconectError {
                try await client.files.upload(fileAt: source, options: FileTransferTests.options(emulator, "misreported.txt"),
                                              transfer: transfer)
            }
            #expect(error.code == .checksumMismatch, "\(error)")
            let stats = emulator.stats()
            #expect(stats.count("PUT", "/v1/files/upload/chunked/{id}/chunks/{n}") >= 2, "the compressed copy went in chunks")
            #expect(stats.count("DELETE", "/v1/files/{id}") == 1, "the stored copy is deleted")
        }
    }
}
