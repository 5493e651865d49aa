import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectEmulator
import Testing

/// `iconect upload` and `iconect download` run as a user runs them, against an emulator.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct TransferCommandTests {
    @Test(arguments: HTTPStack.allCases)
    func uploadedDirectoryDownloadsByteIdentical(stack: HTTPStack) async throws {
        try await withCLIEmulator { emulator, _, cli in
            var cli = cli
            cli.environment["ICONECT_TRANSPORT"] = stack.rawValue
            let source = cli.directory.appendingPathComponent("volume001")
            try writeRandomFile(source.appendingPathComponent("natives/DOC-0001.bin"), bytes: 3 << 20 + 12_345)   // 4 chunks of 1 MiB
            try writeRandomFile(source.appendingPathComponent("natives/DOC-0002.bin"), bytes: 70_000)             // one plain request
            try Data(String(repeating: "DOC-0001,Alvarez,2024-01-02,\"Re: budget\"\n", count: 60_000).utf8)
                .write(to: source.appendingPathComponent("loadfile.csv"))                                        // compressible, 2.6 MB
            let upload = try await cli.run(["upload", source.path, "--project", emulator.seed.projectId, "--store",
                                            emulator.seed.fileStoreId, "--chunk-size", "1", "--json"])
            #expect(upload.status == 0, "\(upload.stderr)")
            let report = try JSONValue(parsing: Data(upload.stdout.utf8))
            let files = report["files"]?.arrayValue ?? []
            #expect(files.count == 3)
            #expect(files.allSatisfy { $0["status"] == "uploaded" })
            #expect(Set(files.compactMap { $0["name"]?.stringValue })
                    == ["volume001/loadfile.csv", "volume001/natives/DOC-0001.bin", "volume001/natives/DOC-0002.bin"])
            #expect(emulator.objects(in: "files").count == 3)
            let compressed = emulator.objects(in: "files").filter { $0["name"] == "volume001/loadfile.csv" }
            #expect(compressed.first?["metadata"]?["compressed"] == true, "the CSV is stored gzip-compressed (--compress auto)")

            let output = cli.directory.appendingPathComponent("out")
            let ids = files.compactMap { $0["id"]?.stringValue }
            let download = try await cli.run(["download"] + ids + ["-o", output.path])
            #expect(download.status == 0, "\(download.stderr)")
            for name in ["loadfile.csv", "natives/DOC-0001.bin", "natives/DOC-0002.bin"] {
                let original = source.appendingPathComponent(name).path
                let copy = output.appendingPathComponent("volume001").appendingPathComponent(name).path
                #expect(FileManager.default.contentsEqual(atPath: original, andPath: copy), "\(name) came back different")
            }
            #expect(!download.stdout.contains("\u{1B}") && !download.stdout.contains("\r"), "plain output has no control characters")
            #expect(download.stdout.contains("download: 3/3 files"))
        }
    }

    @Test func interruptedUploadResumesWithTheMissingChunksOnly() async throws {
        try await withCLIEmulator { emulator, client, cli in
            let file = cli.directory.appendingPathComponent("production.bin")
            try writeRandomFile(file, bytes: 8 << 20)                                     // 8 chunks of 1 MiB
            let chunkRoute = "/v1/files/upload/chunked/{id}/chunks/{n}"
            emulator.setFaults([FaultRule(method: "PUT", path: "/v1/files/upload/chunked/*", latencyMs: 300)])
            let arguments = ["upload", file.path, "--project", emulator.seed.projectId, "--store", emulator.seed.fileStoreId,
                             "--chunk-size", "1", "--concurrency", "1"]
            let first = try cli.start(arguments)
            // Interrupt once three chunks are stored (polling what the server received, with a deadline).
            let deadline = ContinuousClock.now + .seconds(60)
            while emulator.stats().count("PUT", chunkRoute, status: 200) < 3, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            first.interrupt()
            let stopped = try await first.wait()
            #expect(stopped.status == 130, "\(stopped.stdout)\n\(stopped.stderr)")
            #expect(stopped.stdout.contains("run the same command again"))

            // The resume record names the session, which the server kept with the chunks it has.
            let records = try FileManager.default.contentsOfDirectory(
                at: cli.directory.appendingPathComponent("cache/iconect/uploads"), includingPropertiesForKeys: nil)
            let record = try #require(records.first { $0.lastPathComponent.hasSuffix(".upload.json") })
            let sessionId = try #require(try JSONValue(parsing: Data(contentsOf: record))["sessionId"]?.stringValue)
            let stored = try await client.files.uploadSession(id: sessionId).uploadedChunks.count
            #expect((3..<8).contains(stored))

            // A PUT still held by the 300 ms delay when the first run stopped is stored when the server answers it; the
            // second run must start after that, or it rightly sends a chunk the server did not have yet. Every chunk PUT
            // met the delay rule, so the server has answered them all once it has recorded as many as it delayed.
            let settled = ContinuousClock.now + .seconds(30)
            while emulator.stats().count("PUT", chunkRoute) < emulator.stats().faultsInjected, ContinuousClock.now < settled {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(emulator.stats().count("PUT", chunkRoute) == emulator.stats().faultsInjected,
                    "the server answered every chunk PUT of the first run within 30 s")
            emulator.setFaults([])
            let second = try await cli.run(arguments + ["--json"])
            #expect(second.status == 0, "\(second.stderr)")
            // Each chunk stored exactly once over both runs, counted at the end: a PUT still delayed on the server when the
            // first run was interrupted is recorded whenever the server answers it, before or after the second run began.
            #expect(emulator.stats().count("PUT", chunkRoute, status: 200) == 8, "the second run sent only the missing chunks")
            let id = try #require(try JSONValue(parsing: Data(second.stdout.utf8))["files"]?[0]?["id"]?.stringValue)
            let copy = cli.directory.appendingPathComponent("copy.bin")
            try await client.files.download(id: id, to: copy)
            #expect(FileManager.default.contentsEqual(atPath: file.path, andPath: copy.path))
            #expect(emulator.objects(in: "files").count == 1, "one file, not two")
        }
    }
}

extension JSONValue {
    subscript(index: Int) -> JSONValue? {
        guard let array = arrayValue, array.indices.contains(index) else { return nil }
        return array[index]
    }
}
