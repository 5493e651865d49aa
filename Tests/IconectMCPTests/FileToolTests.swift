import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file tools end to end over the in-memory transport: confinement as the agent meets it, progress notifications,
/// cancellation that aborts the upload session, and downloads that never damage what is on disk.
@Suite("File tools: confined, with progress, cancellable, never destroying", .timeLimit(.minutes(10)))
struct FileToolTests {
    private func uploadArguments(_ harness: MCPHarness, path: String) -> [String: Value] {
        ["fileName": "f.bin", "filePath": .string(path), "projectId": .string(harness.emulator.seed.projectId),
         "fileStoreId": .string(harness.emulator.seed.fileStoreId)]
    }

    @Test("refusals are isError results naming filePath/outputPath, and nothing reaches the server")
    func refusals() async throws {
        let allowed = try TemporaryFolder()
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": allowed.path]) { harness in
            #expect(mkfifo(allowed.file("fifo"), 0o600) == 0)
            let before = harness.emulator.stats().totalRequests
            for path in ["/etc/passwd", allowed.path + "/../../etc/passwd", allowed.file("fifo"), allowed.path] {
                let refused = try await harness.failure("iconect_upload_file", uploadArguments(harness, path: path))
                #expect(refused["code"] == "invalidArgument" && refused["argument"] == "filePath", "\(path): \(refused)")
            }
            #expect(harness.emulator.stats().totalRequests == before)
            // Without any allowed directory the message says how to allow one.
        }
        try await MCPHarness.with { harness in
            let refused = try await harness.failure("iconect_upload_file", uploadArguments(harness, path: "/etc/hostname"))
            #expect(refused["message"]?.stringValue?.contains("ICONECT_MCP_ALLOWED_DIRS") == true)
        }
    }

    @Test("a failed download onto an existing file leaves it as it was, and no staging folder behind")
    func failedDownloadKeepsFile() async throws {
        let allowed = try TemporaryFolder()
        let existing = try allowed.write("keep.txt", "precious")
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": allowed.path]) { harness in
            let missing = try await harness.failure("iconect_download_file", [
                "id": "file_does_not_exist", "outputPath": .string(existing), "overwrite": true])
            #expect(missing["status"] == 404)
            let refused = try await harness.failure("iconect_download_file", ["id": "file_x", "outputPath": .string(existing)])
            #expect(refused["argument"] == "outputPath")
            let ranged = try await harness.failure("iconect_download_file", [
                "id": "file_does_not_exist", "outputPath": .string(existing), "overwrite": true, "range": ["start": 0, "end": 9]])
            #expect(ranged["status"] == 404)
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: allowed.path) == ["keep.txt"])
    }

    @Test("an upload and a download with a progressToken send increasing progress up to the total")
    func progress() async throws {
        let allowed = try TemporaryFolder()
        let bytes = try randomBytes(2 * 8 * 1024 * 1024 + 777)
        let source = allowed.file("big.bin")
        try bytes.write(to: URL(fileURLWithPath: source))
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": allowed.path]) { harness in
            let seen = Mutex<[ProgressNotification.Parameters]>([])
            await harness.client.onNotification(ProgressNotification.self) { message in
                seen.withLock { $0.append(message.params) }
            }
            let uploaded = try await harness.call("iconect_upload_file", uploadArguments(harness, path: source),
                                                  progressToken: .string("up"))
            let file = try MCPHarness.object(of: uploaded)
            #expect(uploaded.isError == false && file["size"] == .int(bytes.count))
            let upload = seen.withLock { $0 }.filter { $0.progressToken == .string("up") }
            #expect(upload.count >= 2, "\(upload)")
            #expect(zip(upload, upload.dropFirst()).allSatisfy { $0.progress < $1.progress })
            #expect(upload.last?.progress == Double(bytes.count) && upload.last?.total == Double(bytes.count))
            #expect(upload.last?.message?.contains("chunk 3 of 3") == true)

            let id = try #require(file["id"])
            _ = try await harness.call("iconect_download_file", ["id": id, "outputPath": .string(allowed.file("copy.bin"))],
                                       progressToken: .integer(7))
            let download = seen.withLock { $0 }.filter { $0.progressToken == .integer(7) }
            #expect(download.count >= 2 && download.last?.progress == Double(bytes.count), "\(download)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: allowed.file("copy.bin"))) == bytes)
            // Without a token nothing is sent.
            let count = seen.withLock { $0.count }
            _ = try await harness.success("iconect_download_file", ["id": id, "outputPath": .string(allowed.file("again.bin"))])
            #expect(seen.withLock { $0.count } == count)
        }
    }

    @Test("notifications/cancelled stops an upload: its session is aborted on the server and the result says what was done")
    func cancelUpload() async throws {
        let allowed = try TemporaryFolder()
        let source = allowed.file("big.bin")
        try randomBytes(5 * 8 * 1024 * 1024 + 1).write(to: URL(fileURLWithPath: source))
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": allowed.path]) { harness in
            // The first chunk goes through; the others hang until cancelled.
            harness.emulator.setFaults([FaultRule(method: "PUT", path: "/v1/files/upload/chunked/*/chunks/*", latencyMs: 3_000, skip: 1)])
            let (progress, reporter) = AsyncStream.makeStream(of: Double.self)
            await harness.client.onNotification(ProgressNotification.self) { message in reporter.yield(message.params.progress) }
            let request = CallTool.request(.init(name: "iconect_upload_file", arguments: uploadArguments(harness, path: source),
                                                 meta: Metadata(progressToken: .string("cancel-me"))))
            let context = try await harness.client.send(request)
            for await done in progress where done > 0 { break }
            try await harness.client.notify(CancelledNotification.message(.init(requestId: context.requestID, reason: "test")))
            let result = try await context.value
            let object = try MCPHarness.object(of: result)
            #expect(result.isError == true && object["code"] == "cancelled", "\(object)")
            #expect(object["progress"]?.objectValue?["done"] == .int(8 * 1024 * 1024))
            harness.emulator.setFaults([])
            let stats = harness.emulator.stats()
            #expect(stats.count("DELETE", "/v1/files/upload/chunked/{id}") == 1)
            #expect(stats.count("POST", "/v1/files/upload/chunked/{id}/complete") == 0)
            let chunk = try #require(stats.recentRequests.first { $0.method == "PUT" && $0.rawPath.contains("/chunks/") })
            let sessionId = chunk.rawPath.split(separator: "/")[4]
            let session = try await harness.failure("iconect_get_upload_session", ["id": .string(String(sessionId))])
            #expect(session["status"] == 404)
        }
    }
}
