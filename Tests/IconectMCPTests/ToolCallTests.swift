import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

@Suite("tools/call against the emulator", .timeLimit(.minutes(10)))
struct ToolCallTests {
    @Test("get and list answer the JSON object, and lists keep page and hasMore")
    func getAndList() async throws {
        try await MCPHarness.with { harness in
            let seed = harness.emulator.seed
            let project = try await harness.success("iconect_get_project", ["id": .string(seed.projectId)])
            #expect(project["id"] == .string(seed.projectId))
            #expect(project["name"] == "Acme v. Globex")
            #expect(project["createdDate"]?.stringValue?.hasSuffix("Z") == true)

            for index in 0..<3 {
                _ = try await harness.success("iconect_create_client", ["name": .string("Client \(index)"), "status": "active"])
            }
            let first = try await harness.success("iconect_list_clients", ["pageSize": 2, "sortBy": "name", "sortOrder": "asc"])
            #expect(first["page"] == 1)
            #expect(first["pageSize"] == 2)
            #expect(first["total"] == 4)
            #expect(first["hasMore"] == true)
            #expect(first["data"]?.arrayValue?.count == 2)
            let last = try await harness.success("iconect_list_clients", ["pageSize": 2, "page": 2, "sortBy": "name"])
            #expect(last["hasMore"] == false)
            #expect(last["page"] == 2)
        }
    }

    @Test("search sends operator filters as operators, and finds what they select")
    func searchWithOperatorFilter() async throws {
        try await MCPHarness.with { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            let rows: [(String, String, String)] = [("DOC-1", "2023-06-01", "A"), ("DOC-2", "2024-02-01", "B"),
                                                    ("DOC-3", "2024-05-01", "C"), ("DOC-4", "2024-07-01", "A")]
            for (documentId, date, custodian) in rows {
                _ = try await harness.success("iconect_create_record", [
                    "documentId": .string(documentId), "projectId": projectId,
                    "fields": ["docDate": .string(date), "custodian": .string(custodian)], "tags": ["hot"],
                ])
            }
            let page = try await harness.success("iconect_search_records", [
                "projectId": projectId,
                "filters": ["docDate": ["$gte": "2024-01-01"], "custodian": ["$in": ["A", "B"]]],
                "sortBy": "documentId", "pageSize": 10,
            ])
            let found = page["data"]?.arrayValue?.compactMap { $0.objectValue?["documentId"]?.stringValue }
            #expect(found == ["DOC-2", "DOC-4"])
            #expect(page["total"] == 2)
            #expect(page["hasMore"] == false)

            let search = try #require(harness.emulator.stats().recentRequests.last { $0.route == "/v1/records/search" })
            let query = try #require(search.query)
            #expect(query.contains("filter.docDate%5B%24gte%5D=2024-01-01"))
            #expect(query.contains("filter.custodian%5B%24in%5D=A%2CB"))
            #expect(!query.contains("object"))
        }
    }

    @Test("create, update and delete, with the delete confirmed by a 404 afterwards")
    func createUpdateDelete() async throws {
        try await MCPHarness.with { harness in
            let seed = harness.emulator.seed
            let created = try await harness.success("iconect_create_project", [
                "name": "Matter 7", "clientId": .string(seed.clientId), "dataServerId": .string(seed.dataServerId),
                "settings": ["reviewMode": "linear", "batchSize": 50],
            ])
            let id = try #require(created["id"]?.stringValue)
            #expect(created["settings"]?.objectValue?["batchSize"] == 50)
            let updated = try await harness.success("iconect_update_project", ["id": .string(id), "status": "archived"])
            #expect(updated["status"] == "archived")
            let deleted = try await harness.success("iconect_delete_project", ["id": .string(id)])
            #expect(deleted == ["deleted": true, "id": .string(id)])
            let gone = try await harness.failure("iconect_get_project", ["id": .string(id)])
            #expect(gone["status"] == 404)
        }
    }

    @Test("a base64 upload and an inline download give back all 256 byte values unchanged")
    func binaryRoundTrip() async throws {
        try await MCPHarness.with { harness in
            let seed = harness.emulator.seed
            var bytes = Data((0...255).map(UInt8.init))
            bytes.append(contentsOf: (0...255).reversed().map(UInt8.init))
            let file = try await harness.success("iconect_upload_file", [
                "fileName": "bytes.bin", "fileContent": .string(bytes.base64EncodedString()),
                "projectId": .string(seed.projectId), "fileStoreId": .string(seed.fileStoreId),
                "mimeType": "application/octet-stream",
            ])
            let id = try #require(file["id"]?.stringValue)
            #expect(file["size"] == .int(bytes.count))
            let download = try await harness.success("iconect_download_file", ["id": .string(id)])
            #expect(download["encoding"] == "base64")
            #expect(download["size"] == .int(bytes.count))
            let content = try #require(download["content"]?.stringValue)
            #expect(Data(base64Encoded: content) == bytes)

            let part = try await harness.success("iconect_download_file", ["id": .string(id), "range": ["start": 254, "end": 257]])
            #expect(part["content"].flatMap(\.stringValue).flatMap { Data(base64Encoded: $0) } == Data([254, 255, 255, 254]))
        }
    }

    @Test("filePath uploads from disk and outputPath downloads to disk, byte for byte")
    func fileTransfersThroughPaths() async throws {
        let allowed = try TemporaryFolder()
        let folder = URL(fileURLWithPath: allowed.path)
        try await MCPHarness.with(extraEnvironment: ["ICONECT_MCP_MAX_INLINE_BYTES": "1048576",
                                                     "ICONECT_MCP_MAX_RESULT_BYTES": "4194304",
                                                     "ICONECT_MCP_ALLOWED_DIRS": allowed.path]) { harness in
            let seed = harness.emulator.seed
            // Larger than one 8 MiB chunk, so the upload goes through a chunked session.
            let bytes = try randomBytes(8 * 1024 * 1024 + 4099)
            let source = folder.appendingPathComponent("source.bin")
            try bytes.write(to: source)
            let file = try await harness.success("iconect_upload_file", [
                "fileName": "source.bin", "filePath": .string(source.path), "projectId": .string(seed.projectId),
                "fileStoreId": .string(seed.fileStoreId),
            ])
            let id = try #require(file["id"]?.stringValue)
            #expect(harness.emulator.stats().count("PUT", "/v1/files/upload/chunked/{id}/chunks/{n}") == 2)
            let destination = folder.appendingPathComponent("copy.bin")
            let written = try await harness.success("iconect_download_file", ["id": .string(id), "outputPath": .string(destination.path)])
            #expect(written["size"] == .int(bytes.count))
            #expect(try Data(contentsOf: destination) == bytes)
            // Over the inline limit (1 MiB here): a clear error instead of megabytes of base64.
            let refused = try await harness.failure("iconect_download_file", ["id": .string(id)])
            #expect(refused["code"] == "tooLarge")
            #expect(refused["size"] == .int(bytes.count))
            #expect(refused["limit"] == 1_048_576)
        }
    }

    @Test("auth status and configure never show a secret")
    func authWithoutSecrets() async throws {
        try await MCPHarness.with { harness in
            _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
            let status = try await harness.success("iconect_get_auth_status")
            #expect(status["isAuthenticated"] == true)
            #expect(status["credentials"] == "password")
            let configured = try await harness.success("iconect_configure", [
                "baseUrl": .string(harness.emulator.baseURL.absoluteString), "clientId": "emulator-client",
                "clientSecret": "emulator-secret", "timeout": 5000, "logLevel": "WARN",
            ])
            #expect(configured["timeout"] == 5000)
            #expect(configured["hasClientSecret"] == true)
            let texts = [status, configured].map { "\(Value.object($0))" }.joined()
            #expect(!texts.contains("emulator-secret") && !texts.contains("demo-password"))
            // Same origin as ICONECT_BASE_URL: the environment's password still signs in.
            let again = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
            #expect(again["id"] != nil)
        }
    }
}
