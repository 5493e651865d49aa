import Crypto
import Foundation
import HTTPTypes
import Iconect
import IconectEmulator
import Testing

@Suite("Transports: timeouts, refused connections, bodies from disk", .timeLimit(.minutes(10)))
struct TransportTests {
    @Test("a server slower than requestTimeout surfaces .timeout", arguments: TransportKind.allCases)
    func slowServerTimesOut(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, _ in
            // A token obtained beforehand, so the one call this client makes is the slow one (not discovery or sign-in,
            // which a loaded machine may also make slower than the short timeout).
            var configuration = try IconectConfiguration(baseURL: emulator.baseURL,
                                                         credentials: .accessToken(Secret(try await emulator.accessToken())))
            configuration.requestTimeout = .seconds(1)
            configuration.retryPolicy.maxAttempts = 1
            let client = try IconectClient(configuration: configuration, transport: transport.makeTransport(configuration))
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", latencyMs: 30_000)])
            let started = ContinuousClock.now
            let error = try await expectIconectError { try await client.projects.list() }
            await client.shutdown()
            #expect(error.code == .timeout)
            #expect(error.operation == "iconect_list_projects")
            // Far below the 30 s answer, with room for a machine loaded by the whole suite running in parallel.
            #expect(ContinuousClock.now - started < .seconds(20), "the call gave up at its 1 s timeout, not at the 30 s answer")
        }
    }

    @Test("nothing listening on the port surfaces .transport", arguments: TransportKind.allCases)
    func refusedConnection(transport: TransportKind) async throws {
        // Port 1 on loopback: privileged, and nothing here listens on it.
        var configuration = try IconectConfiguration(baseURL: "http://127.0.0.1:1", credentials: .accessToken("token"))
        configuration.retryPolicy.maxAttempts = 1
        let client = try IconectClient(configuration: configuration, transport: transport.makeTransport(configuration))
        let error = try await expectIconectError { try await client.projects.list() }
        await client.shutdown()
        #expect(error.code == .transport)
    }

    @Test("a whole file and a region of one are sent from disk byte for byte", arguments: TransportKind.allCases)
    func bodiesFromDisk(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let data = ChunkedUploadTests.noise(count: 3 << 20 + 17)
            let source = try ChunkedUploadTests.write(data)
            defer { try? FileManager.default.removeItem(at: source) }
            let rawTransport = try transport.makeTransport(client.configuration)
            defer { Task { await rawTransport.shutdown() } }
            let token = try await emulator.accessToken()
            let region = data[(1 << 20)..<(2 << 20 + 3)]
            for (body, expected) in [(HTTPBody.file(source), data), (.fileRegion(source, offset: 1 << 20, length: 1 << 20 + 3), Data(region))] {
                // Each body is the one chunk of a session: the server checks it against the digest of the expected bytes
                // (a wrong offset or a short read is refused), and the stored file comes back for a byte comparison.
                let session = try await client.files.initiateChunkedUpload(
                    options: FileTransferTests.options(emulator, "from-disk.bin"), fileSize: Int64(expected.count), chunkSize: 4 << 20)
                let digest = SHA256.hash(data: expected).map { String(format: "%02x", $0) }.joined()
                let request = HTTPRequest(method: .put, url: emulator.apiURL.appendingPathComponent("files/upload/chunked/\(session.id)/chunks/0"),
                                          headerFields: [.contentType: "application/octet-stream", .authorization: "Bearer \(token)",
                                                         HTTPField.Name("X-Chunk-SHA256")!: digest])
                let (response, answer) = try await rawTransport.send(request, body: body, timeout: .seconds(30))
                #expect(response.status.kind == .successful, "\(String(decoding: answer, as: UTF8.self))")
                let file = try await client.files.completeChunkedUpload(sessionId: session.id)
                #expect(file.size == Int64(expected.count))
                #expect(try await client.files.download(id: file.id) == expected, "the stored bytes are the expected ones")
            }
        }
    }

    @Test("a file that does not exist is refused before anything is sent, naming it", arguments: TransportKind.allCases)
    func missingUploadFile(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let missing = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).bin")
            let error = try await expectIconectError {
                try await client.files.upload(fileAt: missing, options: ChunkedUploadTests.options(emulator, "missing.bin"))
            }
            #expect(error.code == .validation)
            #expect(error.fieldErrors["fileURL"] != nil)
            #expect(emulator.stats().count("POST", "/v1/files/upload/chunked/initiate") == 0)
        }
    }

    @Test("a transport called on an already-cancelled task ends at once with .cancelled", arguments: TransportKind.allCases)
    func alreadyCancelled(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let raw = try transport.makeTransport(client.configuration)
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects", latencyMs: 30_000)])
            let request = HTTPRequest(method: .get, url: emulator.apiURL.appendingPathComponent("projects"))
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await raw.send(request, body: .none, timeout: .seconds(30))
            }
            let started = ContinuousClock.now
            let error = try await iconectError(of: task)
            await raw.shutdown()
            #expect(error.code == .cancelled)
            #expect(ContinuousClock.now - started < .seconds(20), "it did not wait for the 30 s answer")
        }
    }
}
