import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Synchronization
import Testing

/// What the operator decides, seen by an agent over MCP: read-only mode, client roots, the result cap, and the
/// instructions that tell the agent about them.
@Suite("Server policy: read-only, roots, result cap, instructions", .timeLimit(.minutes(10)))
struct ServerPolicyTests {
    @Test("ICONECT_READ_ONLY=1 lists only read-only tools and refuses every write, which never reaches the server")
    func readOnly() async throws {
        try await MCPHarness.with(extraEnvironment: ["ICONECT_READ_ONLY": "1"]) { harness in
            let (tools, _) = try await harness.client.listTools()
            #expect(tools.allSatisfy { $0.annotations.readOnlyHint == true })
            #expect(tools.contains { $0.name == "iconect_search_records" } && !tools.contains { $0.name == "iconect_delete_project" })
            let before = harness.emulator.stats().totalRequests
            for (name, arguments) in [("iconect_delete_project", ["id": Value.string(harness.emulator.seed.projectId)]),
                                      ("iconect_configure", ["baseUrl": "http://127.0.0.1:9", "clientId": "x"]),
                                      ("iconect_create_client", ["name": "x"])] {
                let refused = try await harness.failure(name, arguments)
                #expect(refused["code"] == "toolDisabled" && refused["message"]?.stringValue?.contains("read-only") == true)
            }
            let download = try await harness.failure("iconect_download_file", ["id": "f", "outputPath": "/tmp/x"])
            #expect(download["argument"] == "outputPath")
            #expect(harness.emulator.stats().totalRequests == before)
            _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
            // The narrowed download still runs, inline.
            let missing = try await harness.failure("iconect_download_file", ["id": "file_missing"])
            #expect(missing["status"] == 404)
        }
    }

    @Test("a client that declares roots has them enforced instead of ICONECT_MCP_ALLOWED_DIRS, and list_changed takes effect")
    func roots() async throws {
        let first = try TemporaryFolder()
        let second = try TemporaryFolder()
        let environmentFolder = try TemporaryFolder()
        let roots = Mutex([Root(uri: URL(fileURLWithPath: first.path).absoluteString, name: "first")])
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": environmentFolder.path],
                                  roots: { roots.withLock { $0 } }) { harness in
            func upload(_ folder: TemporaryFolder) async throws -> CallTool.Result {
                let path = try folder.write("small.txt", "small")
                return try await harness.call("iconect_upload_file", [
                    "fileName": "small.txt", "filePath": .string(path), "projectId": .string(harness.emulator.seed.projectId),
                    "fileStoreId": .string(harness.emulator.seed.fileStoreId)])
            }
            #expect(try await upload(first).isError == false)
            #expect(try await upload(environmentFolder).isError == true)
            #expect(try await upload(second).isError == true)
            roots.withLock { $0 = [Root(uri: URL(fileURLWithPath: second.path).absoluteString)] }
            try await harness.client.notifyRootsChanged()
            #expect(try await upload(second).isError == false)
            let refused = try MCPHarness.object(of: try await upload(first))
            #expect(refused["message"]?.stringValue?.contains("outside the allowed directories") == true)
            roots.withLock { $0 = [] }
            try await harness.client.notifyRootsChanged()
            let none = try MCPHarness.object(of: try await upload(second))
            #expect(none["message"]?.stringValue?.contains("shares no roots") == true)
        }
    }

    @Test("a result over the cap is a tooLarge error that says how to narrow it, never a cut answer")
    func resultCap() async throws {
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_MAX_RESULT_BYTES": "4096"]) { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            for index in 0..<30 {
                _ = try await harness.success("iconect_create_record", [
                    "documentId": .string("CAP-\(index)"), "projectId": projectId,
                    "fields": ["body": .string(String(repeating: "x", count: 200))]])
            }
            let refused = try await harness.failure("iconect_search_records", ["projectId": projectId, "pageSize": 30])
            #expect(refused["code"] == "tooLarge" && refused["limit"] == 4096)
            let message = try #require(refused["message"]?.stringValue)
            #expect(message.contains("pageSize") && message.contains("fields") && message.contains("ICONECT_MCP_MAX_RESULT_BYTES"))
            let suggested = try #require(refused["suggestedPageSize"]?.intValue)
            #expect(suggested >= 1 && suggested < 30)
            let page = try await harness.success("iconect_search_records", ["projectId": projectId, "pageSize": .int(suggested)])
            #expect(page["hasMore"] == true)
        }
    }

    @Test("the instructions tell the agent how to page, filter, select fields, move files and what is read-only")
    func instructions() async throws {
        let allowed = try TemporaryFolder()
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_ALLOWED_DIRS": allowed.path, "ICONECT_READ_ONLY": "yes"]) { harness in
            let text = harness.server.instructions
            for phrase in ["page", "$gte", "fields", "outputPath", allowed.path, "read-only", "tooLarge", "progressToken"] {
                #expect(text.contains(phrase), "instructions lack \(phrase)")
            }
            // "A few hundred tokens": at about four characters a token.
            #expect(text.count < 2_400, "\(text.count) characters")
        }
    }
}
