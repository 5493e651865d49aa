import Foundation
import HTTPTypes
import Iconect
import IconectEmulator
import Synchronization
import Testing

@Suite("Chunked uploads: faults, resume, digests, cancellation, compression", .timeLimit(.minutes(10)))
struct ChunkedUploadTests {
    /// `count` pseudo-random bytes (incompressible), fast to make.
    static func noise(count: Int, seed: UInt64 = 7) -> Data {
        var state = seed
        var data = Data(count: count)
        data.withUnsafeMutableBytes { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for index in words.indices {
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                words[index] = z ^ (z >> 31)
            }
        }
        return data
    }

    static func temporaryURL(_ suffix: String = ".bin") -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("iconect-upload-\(UUID().uuidString)\(suffix)")
    }

    static func write(_ data: Data, suffix: String = ".bin") throws -> URL {
        let url = temporaryURL(suffix)
        try data.write(to: url)
        return url
    }

    static func options(_ emulator: EmulatorServer, _ name: String, mimeType: String? = nil) -> FileUploadOptions {
        FileUploadOptions(fileName: name, projectId: emulator.seed.projectId, fileStoreId: emulator.seed.fileStoreId, mimeType: mimeType)
    }

    static func download(_ client: IconectClient, _ id: String, restoresOriginal: Bool = true) async throws -> Data {
        let destination = temporaryURL()
        defer { try? FileManager.default.removeItem(at: destination) }
        try await client.files.download(id: id, to: destination, restoresOriginal: restoresOriginal)
        return try Data(contentsOf: destination)
    }

    /// The chunk numbers of the chunk PUTs the emulator answered with `status` (any 2xx when nil).
    static func chunkNumbers(_ emulator: EmulatorServer, status: Int? = nil) -> [Int] {
        emulator.stats().recentRequests
            .filter { request in
                request.method == "PUT" && request.rawPath.contains("/chunks/")
                    && (status.map { request.status == $0 } ?? (200..<300).contains(request.status))
            }
            .compactMap { Int($0.rawPath.split(separator: "/").last ?? "") }
    }

    @Test("64 MiB under 503s, dropped connections and 429s arrives byte-identical, stored once", arguments: TransportKind.allCases)
    func uploadUnderFaults(transport: TransportKind) async throws {
        try await withEmulator(configure: BulkTests.patientRetries, transport: transport) { emulator, client in
            let data = Self.noise(count: 64 << 20)
            let source = try Self.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            emulator.setFaults([
                FaultRule(method: "PUT", path: "*/chunks/*", status: 429, retryAfter: "1", times: 1),
                FaultRule(path: "/v1/*", status: 503, probability: 0.10),
                FaultRule(path: "/v1/*", drop: .afterHandling, probability: 0.05),
            ])
            let file = try await client.files.upload(fileAt: source, options: Self.options(emulator, "faults.bin"),
                                                     transfer: TransferOptions(chunkSize: 1 << 20, concurrency: 4))
            let injected = emulator.stats().faultsInjected
            emulator.setFaults([])
            #expect(injected > 0)
            #expect(file.size == Int64(data.count))
            #expect(emulator.objects(in: "files").count == 1)
            #expect(Set(Self.chunkNumbers(emulator)) == Set(0..<64))
            #expect(try await Self.download(client, file.id) == data)
        }
    }

    @Test("an interrupted upload resumes from its record and sends only the missing chunks", arguments: TransportKind.allCases)
    func resumeSendsOnlyMissingChunks(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.noise(count: 12 * 256 * 1024 + 999)  // 13 chunks of 256 KiB
            let source = try Self.write(data)
            let resume = Self.temporaryURL("-resume")
            defer {
                try? FileManager.default.removeItem(at: source)
                try? FileManager.default.removeItem(at: resume)
            }
            let transfer = TransferOptions(chunkSize: 256 * 1024, concurrency: 1, resumeDirectory: resume, keepsSessionForResume: true,
                                           chunkAttempts: 1)
            // The first run dies at its sixth chunk (the server refuses it outright).
            emulator.setFaults([FaultRule(method: "PUT", path: "*/chunks/*", status: 400, times: 1, skip: 5)])
            let failure = try await expectIconectError {
                try await client.files.upload(fileAt: source, options: Self.options(emulator, "resumed.bin"), transfer: transfer)
            }
            #expect(failure.status == 400)
            emulator.setFaults([])
            let firstRun = Set(Self.chunkNumbers(emulator))
            #expect(firstRun.count == 5)
            #expect(emulator.stats().count("DELETE", "/v1/files/upload/chunked/{id}") == 0)
            let records = try FileManager.default.contentsOfDirectory(atPath: resume.path)
            #expect(records.filter { $0.hasSuffix(".upload.json") }.count == 1)

            // A second run, as after a restart: only the resume record on disk links it to the first.
            let file = try await client.files.upload(fileAt: source, options: Self.options(emulator, "resumed.bin"), transfer: transfer)
            let secondRun = Self.chunkNumbers(emulator).dropFirst(firstRun.count)
            #expect(Set(secondRun) == Set(0..<13).subtracting(firstRun))
            #expect(secondRun.count == 13 - firstRun.count)
            #expect(emulator.stats().count("POST", "/v1/files/upload/chunked/initiate") == 1)
            #expect(emulator.objects(in: "files").count == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: resume.path).isEmpty)
            #expect(try await Self.download(client, file.id) == data)
        }
    }

    @Test("resumeUpload(sessionId:) continues a session by id", arguments: TransportKind.allCases)
    func resumeBySessionId(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.noise(count: 4 * 256 * 1024)
            let source = try Self.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            let session = try await client.files.initiateChunkedUpload(options: Self.options(emulator, "by-id.bin"),
                                                                       fileSize: Int64(data.count), chunkSize: 256 * 1024)
            try await client.files.uploadChunk(sessionId: session.id, number: 2, data: data[(2 * 256 * 1024)..<(3 * 256 * 1024)])
            let file = try await client.files.resumeUpload(sessionId: session.id, fileAt: source)
            #expect(Self.chunkNumbers(emulator).sorted() == [0, 1, 2, 3])
            #expect(try await Self.download(client, file.id) == data)
        }
    }

    @Test("a chunk damaged on the way is refused by its digest and sent again", arguments: TransportKind.allCases)
    func corruptedChunkIsCaught(transport: TransportKind) async throws {
        let corruptions = Counter()
        try await withEmulator(transport: transport, wrap: { CorruptingTransport($0, corruptions: corruptions) }) { emulator, client in
            let data = Self.noise(count: 3 * 256 * 1024)
            let source = try Self.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            let file = try await client.files.upload(fileAt: source, options: Self.options(emulator, "damaged.bin"),
                                                     transfer: TransferOptions(chunkSize: 256 * 1024, concurrency: 1))
            #expect(corruptions.value == 1)
            #expect(Self.chunkNumbers(emulator, status: 400) == [0])
            #expect(try await Self.download(client, file.id) == data)
        }
    }

    @Test("cancelling an upload aborts its session, unless it is kept for resuming", arguments: TransportKind.allCases)
    func cancellationAborts(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.noise(count: 8 * 256 * 1024)
            let source = try Self.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            emulator.setFaults([FaultRule(method: "PUT", path: "*/chunks/*", latencyMs: 100)])
            for keep in [false, true] {
                let (progress, reporter) = AsyncStream.makeStream(of: UploadProgress.self)
                let upload = Task {
                    try await client.files.upload(fileAt: source, options: Self.options(emulator, "cancelled.bin"),
                                                  transfer: TransferOptions(chunkSize: 256 * 1024, concurrency: 2, keepsSessionForResume: keep),
                                                  progress: reporter)
                }
                for await step in progress where step.chunksDone >= 1 {
                    upload.cancel()
                    break
                }
                let error = try await iconectError(of: upload)
                #expect(error.code == .cancelled)
                #expect(emulator.stats().count("DELETE", "/v1/files/upload/chunked/{id}") == 1, "keep: \(keep)")
            }
            #expect(emulator.objects(in: "files").isEmpty)
        }
    }

    @Test("progress reports every chunk and ends at the file's size", arguments: TransportKind.allCases)
    func progressReachesTheEnd(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.noise(count: 5 * 256 * 1024 + 1)
            let source = try Self.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            let (progress, reporter) = AsyncStream.makeStream(of: UploadProgress.self)
            async let file = client.files.upload(fileAt: source, options: Self.options(emulator, "progress.bin"),
                                                 transfer: TransferOptions(chunkSize: 256 * 1024), progress: reporter)
            var steps: [UploadProgress] = []
            for await step in progress { steps.append(step) }
            _ = try await file
            #expect(steps.count == 7)  // the start, then one per chunk
            #expect(steps.last?.bytesSent == Int64(data.count) && steps.last?.chunksDone == 6 && steps.last?.totalChunks == 6)
            #expect(zip(steps, steps.dropFirst()).allSatisfy { $0.bytesSent < $1.bytesSent })
        }
    }

    @Test("a large text file is stored gzip-compressed and restored on download", arguments: TransportKind.allCases)
    func compressedUploadRoundTrip(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let text = Data((0..<80_000).map { "DOC-\($0),custodian-\($0 % 23),responsive,2024-03-\($0 % 28 + 1)\n" }.joined().utf8)
            let source = try Self.write(text, suffix: ".csv")
            defer { try? FileManager.default.removeItem(at: source) }
            let file = try await client.files.upload(fileAt: source, options: Self.options(emulator, "export.csv"),
                                                     transfer: TransferOptions(chunkSize: 256 * 1024))
            #expect(file.metadata?["compressed"] == true)
            #expect(file.metadata?["compressionType"] == "gzip")
            #expect(file.metadata?["originalSize"]?.intValue == text.count)
            #expect((file.size ?? 0) < Int64(text.count / 4))
            #expect(emulator.stats().bytesReceived < text.count / 2)
            #expect(try await Self.download(client, file.id) == text)
            #expect(try await client.files.download(id: file.id) == text)
            let stored = try await Self.download(client, file.id, restoresOriginal: false)
            #expect(stored.prefix(2) == Data([0x1F, 0x8B]))
            #expect(stored.count == Int(file.size ?? 0))

            let binary = try await client.files.upload(fileAt: source, options: Self.options(emulator, "export.csv"),
                                                       transfer: TransferOptions(chunkSize: 256 * 1024, compression: .never))
            #expect(binary.metadata?["compressed"] == nil)
            #expect(binary.size == Int64(text.count))
        }
    }

    @Test("an interrupted download continues with Range where its partial file ends", arguments: TransportKind.allCases)
    func downloadResumes(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = Self.noise(count: 5 * 256 * 1024 + 5)
            let file = try await client.files.upload(fileAt: try Self.write(data), options: Self.options(emulator, "dl.bin"),
                                                     transfer: TransferOptions(compression: .never))
            let destination = Self.temporaryURL()
            defer { try? FileManager.default.removeItem(at: destination) }
            // The second segment fails on every attempt: the first call stops with one segment on disk.
            emulator.setFaults([FaultRule(method: "GET", path: "*/download", status: 500, times: 10, skip: 1)])
            let failure = try await expectIconectError {
                try await client.files.download(id: file.id, to: destination, segmentSize: 256 * 1024)
            }
            #expect(failure.status == 500)
            #expect(!FileManager.default.fileExists(atPath: destination.path))
            emulator.setFaults([])
            let before = emulator.stats().count("GET", "/v1/files/{id}/download", status: 206)
            try await client.files.download(id: file.id, to: destination, segmentSize: 256 * 1024)
            #expect(emulator.stats().count("GET", "/v1/files/{id}/download", status: 206) - before == 5)
            #expect(try Data(contentsOf: destination) == data)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path)
                .filter { $0.contains(destination.lastPathComponent) && $0.hasSuffix("iconect-partial") }
            #expect(leftovers.isEmpty)
        }
    }
}

/// Flips one byte in the body of the first chunk PUT, keeping its `X-Chunk-SHA256`: damage on the way.
final class CorruptingTransport: HTTPTransport {
    private let inner: any HTTPTransport
    private let corruptions: Counter

    init(_ inner: any HTTPTransport, corruptions: Counter) {
        self.inner = inner
        self.corruptions = corruptions
    }

    func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        var body = body
        if request.method == .put, request.path?.contains("/chunks/") == true, corruptions.incrementIfZero() {
            var bytes: Data
            switch body {
            case .data(let data): bytes = data
            case .fileRegion(let url, let offset, let length):
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                try handle.seek(toOffset: UInt64(offset))
                bytes = try handle.read(upToCount: Int(length)) ?? Data()
            default: bytes = Data()
            }
            if !bytes.isEmpty { bytes[bytes.startIndex + bytes.count / 2] ^= 0xFF }
            body = .data(bytes)
        }
        return try await inner.send(request, body: body, timeout: timeout)
    }

    func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        try await inner.download(request, timeout: timeout, to: destination)
    }

    func shutdown() async {
        await inner.shutdown()
    }
}

/// A count shared between a test and its test doubles.
final class Counter: Sendable {
    private let count = Mutex(0)

    var value: Int { count.withLock { $0 } }

    /// Counts one, only when nothing was counted yet; true when it did.
    func incrementIfZero() -> Bool {
        count.withLock { count in
            guard count == 0 else { return false }
            count = 1
            return true
        }
    }
}
