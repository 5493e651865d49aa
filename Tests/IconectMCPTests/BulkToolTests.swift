import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Synchronization
import Testing

@Suite("iconect_bulk_update_records runs the job to its end", .timeLimit(.minutes(10)))
struct BulkToolTests {
    @Test("the report accounts for every id, and progress counts records up to the total")
    func reportAndProgress() async throws {
        try await MCPHarness.with { harness in
            let projectId = Value.string(harness.emulator.seed.projectId)
            var ids: [Value] = []
            for index in 0..<12 {
                let record = try await harness.success("iconect_create_record", [
                    "documentId": .string("BULK-\(index)"), "projectId": projectId, "fields": ["n": .int(index)]])
                ids.append(try #require(record["id"]))
            }
            let steps = Mutex<[ProgressNotification.Parameters]>([])
            await harness.client.onNotification(ProgressNotification.self) { message in steps.withLock { $0.append(message.params) } }
            let result = try await harness.call("iconect_bulk_update_records", [
                "projectId": projectId, "action": "tag", "recordIds": .array(ids), "parameters": ["tags": ["privileged"]],
            ], progressToken: .string("bulk"))
            let report = try MCPHarness.object(of: result)
            #expect(result.isError == false)
            #expect(report["total"] == 12 && report["succeeded"] == 12 && report["failed"] == [] && report["notSubmitted"] == [])
            #expect(report["complete"] == true && report["cancelled"] == false)
            #expect(report["operationIds"]?.arrayValue?.count == 1)
            #expect(report["summary"]?.stringValue?.hasPrefix("tag: 12 succeeded") == true)
            let seen = steps.withLock { $0 }
            #expect(seen.last?.progress == 12 && seen.last?.total == 12, "\(seen)")
            let tagged = try await harness.success("iconect_get_record", ["id": ids[0]])
            #expect(tagged["tags"]?.arrayValue?.contains("privileged") == true)
        }
    }
}
