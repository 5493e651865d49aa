import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

@Suite("argument errors name the argument", .timeLimit(.minutes(10)))
struct ArgumentErrorTests {
    /// The `argument` and `message` of a refused call, after checking it is an `invalidArgument` error.
    private func refusal(_ harness: MCPHarness, _ tool: String, _ arguments: [String: Value]) async throws -> (String?, String) {
        let error = try await harness.failure(tool, arguments)
        #expect(error["code"] == "invalidArgument", "\(error)")
        #expect(error["operation"] == .string(tool))
        return (error["argument"]?.stringValue, error["message"]?.stringValue ?? "")
    }

    @Test("missing, wrong type, out of range, bad enum, unknown, bad base64, and both or neither of the upload sources")
    func refusals() async throws {
        try await MCPHarness.with { harness in
            let seed = harness.emulator.seed
            let projectId = Value.string(seed.projectId)

            var (argument, message) = try await refusal(harness, "iconect_get_project", [:])
            #expect(argument == "id")
            #expect(message.contains("required"))

            (argument, message) = try await refusal(harness, "iconect_list_projects", ["pageSize": "20"])
            #expect(argument == "pageSize")
            #expect(message.contains("integer"))

            (argument, message) = try await refusal(harness, "iconect_list_projects", ["pageSize": 500])
            #expect(argument == "pageSize")
            #expect(message.contains("between 1 and 100"))

            (argument, _) = try await refusal(harness, "iconect_list_projects", ["page": 0])
            #expect(argument == "page")

            (argument, message) = try await refusal(harness, "iconect_search_records", ["projectId": projectId, "pageSize": 1001])
            #expect(argument == "pageSize")
            #expect(message.contains("1000"))

            (argument, message) = try await refusal(harness, "iconect_list_projects", ["sortOrder": "up"])
            #expect(argument == "sortOrder")
            #expect(message.contains("asc, desc"))

            (argument, _) = try await refusal(harness, "iconect_search_records", ["projectId": projectId, "status": ["active", "gone"]])
            #expect(argument == "status")

            (argument, message) = try await refusal(harness, "iconect_list_projects", ["pagesize": 5])
            #expect(argument == "pagesize")
            #expect(message.contains("did you mean \"pageSize\""))

            (argument, _) = try await refusal(harness, "iconect_get_record", ["id": "r", "includeFiles": "yes"])
            #expect(argument == "includeFiles")

            (argument, _) = try await refusal(harness, "iconect_search_records", ["projectId": projectId, "filters": "docDate>2024"])
            #expect(argument == "filters")

            (argument, message) = try await refusal(harness, "iconect_search_records",
                                                    ["projectId": projectId, "filters": ["docDate": ["$after": "2024-01-01"]]])
            #expect(argument == "filters.docDate")
            #expect(message.contains("$after"))

            let upload: [String: Value] = ["fileName": "a.bin", "projectId": projectId, "fileStoreId": .string(seed.fileStoreId)]
            (argument, message) = try await refusal(harness, "iconect_upload_file", upload.merging(["fileContent": "AAEC*w=="]) { $1 })
            #expect(argument == "fileContent")
            #expect(message.contains("base64"))
            (argument, _) = try await refusal(harness, "iconect_upload_file", upload)
            #expect(argument == "fileContent")
            (argument, _) = try await refusal(harness, "iconect_upload_file",
                                              upload.merging(["fileContent": "AA==", "filePath": "/etc/hostname"]) { $1 })
            #expect(argument == "filePath")
            (argument, _) = try await refusal(harness, "iconect_upload_file", upload.merging(["filePath": "relative.bin"]) { $1 })
            #expect(argument == "filePath")

            (argument, _) = try await refusal(harness, "iconect_download_file", ["id": "f", "range": ["start": 10, "end": 2]])
            #expect(argument == "range.end")
            (argument, _) = try await refusal(harness, "iconect_download_file", ["id": "f", "range": ["start": 1]])
            #expect(argument == "range.end")

            // Checks the SDK makes before sending anything name the argument too.
            (argument, _) = try await refusal(harness, "iconect_initiate_chunked_upload", upload.merging(["fileSize": 10, "chunkSize": 5]) { $1 })
            #expect(argument == "chunkSize")

            // Nothing reached the server for any of these.
            #expect(harness.emulator.stats().count("GET", "/v1/projects") == 0)
            #expect(harness.emulator.stats().count("GET", "/v1/records/search") == 0)
        }
    }

    @Test("an unknown tool is a protocol error")
    func unknownTool() async throws {
        try await MCPHarness.with { harness in
            await #expect(throws: MCPError.self) {
                _ = try await harness.call("iconect_get_projekt", ["id": "x"])
            }
        }
    }
}
