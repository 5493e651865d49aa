import Foundation
import IconectEmulator
import Testing

@Suite("Idempotency, gzip bodies and bulk operations", .timeLimit(.minutes(5)))
struct IdempotencyAndBulkTests {
    @Test func idempotencyReplayAndReuse() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let headers = ["Idempotency-Key": "key-1"]
            let first = try await client.sendJSON("POST", "/v1/clients", ["name": "Once"], headers: headers, token: token)
            let second = try await client.sendJSON("POST", "/v1/clients", ["name": "Once"], headers: headers, token: token)
            #expect(first.status == 201)
            #expect(second.status == 201)
            #expect(first.body == second.body)
            #expect(second.header("Idempotent-Replayed") == "true")
            let reused = try await client.sendJSON("POST", "/v1/clients", ["name": "Other"], headers: headers, token: token)
            #expect(reused.status == 422)
            #expect(try reused.json["error"]?["code"] == "IDEMPOTENCY_KEY_REUSED")
            let list = try await client.send("GET", "/v1/clients", token: token)
            #expect(try list.json["total"] == 2)
            #expect(server.stats().idempotentReplays == 1)
        }
    }

    @Test func concurrentRequestsWithOneKeyExecuteOnce() async throws {
        try await withEmulator(.init(faults: [FaultRule(method: "POST", path: "/v1/clients", latencyMs: 0)])) { server, client in
            let token = try await client.token()
            let answers = try await withThrowingTaskGroup(of: HTTPAnswer.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.sendJSON("POST", "/v1/clients", ["name": "Race"], headers: ["Idempotency-Key": "race"], token: token)
                    }
                }
                return try await group.reduce(into: [HTTPAnswer]()) { $0.append($1) }
            }
            #expect(answers.allSatisfy { $0.status == 201 })
            #expect(Set(answers.map(\.body)).count == 1)
            let list = try await client.send("GET", "/v1/clients?filter.name=Race", token: token)
            #expect(try list.json["total"] == 1)
            #expect(server.stats().idempotentReplays == 7)
        }
    }

    @Test func gzipBodiesAreDecoded() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            // gzip of {"name":"Zipped"} made by Python's gzip module.
            let compressed = Data(base64Encoded: "H4sIAAAAAAACA6tWykvMTVWyUorKLChITVGqBQCjTcEgEQAAAA==") ?? Data()
            let answer = try await client.send("POST", "/v1/clients", headers: [
                "Content-Type": "application/json; charset=utf-8", "Content-Encoding": "gzip",
            ], body: compressed, token: token)
            #expect(answer.status == 201, "\(answer.text)")
            #expect(try answer.json["name"] == "Zipped")
            let summary = try #require(server.stats().recentRequests.last { $0.method == "POST" && $0.route == "/v1/clients" })
            #expect(summary.contentEncoding == "gzip")
            #expect(summary.bodyBytes == compressed.count)
            let corrupt = try await client.send("POST", "/v1/clients", headers: ["Content-Encoding": "gzip"], body: Data("nope".utf8), token: token)
            #expect(corrupt.status == 400)
        }
    }

    @Test func bulkUpdateCompletesAndChangesRecords() async throws {
        try await withEmulator(.init(seedRecords: 5_000)) { server, client in
            let token = try await client.token()
            let ids = (1...4_000).map { String(format: "rec_%07d", $0) } + ["missing-record"]
            let started = try await client.sendJSON("POST", "/v1/records/bulk", [
                "projectId": .string(server.seed.projectId), "action": "update",
                "recordIds": .array(ids.map(JSON.string)),
                "parameters": ["fields": ["reviewed": true], "priority": "critical", "reviewStatus": "approved"],
            ], token: token)
            #expect(started.status == 202)
            let operationId = try #require(try started.json["operationId"]?.stringValue)
            #expect(try started.json["totalRecords"] == 4_001)
            var status = try started.json
            for _ in 0..<200 where status["status"] != "completed" {
                try await Task.sleep(for: .milliseconds(20))
                status = try await client.send("GET", "/v1/records/bulk/\(operationId)", token: token).json
            }
            #expect(status["status"] == "completed")
            #expect(status["processedRecords"] == 4_001)
            #expect(status["successfulRecords"] == 4_000)
            #expect(status["failedRecords"] == 1)
            #expect(status["errors"]?.arrayValue?.first?["recordId"] == "missing-record")

            let record = try await client.send("GET", "/v1/records/rec_0003999", token: token).json
            #expect(record["priority"] == "critical")
            #expect(record["reviewStatus"] == "approved")
            #expect(record["fields"]?["reviewed"] == true)
            #expect(record["fields"]?["title"] != nil)
            #expect(record["modifiedBy"] == "demo")
            let untouched = try await client.send("GET", "/v1/records/rec_0004001", token: token).json
            #expect(untouched["fields"]?["reviewed"] == nil)

            let tagged = try await client.sendJSON("POST", "/v1/records/bulk", [
                "projectId": .string(server.seed.projectId), "action": "tag", "recordIds": ["rec_0000001"],
                "parameters": ["tags": ["bulk-tag"]],
            ], token: token)
            #expect(tagged.status == 202)
            let invalid = try await client.sendJSON("POST", "/v1/records/bulk", [
                "projectId": .string(server.seed.projectId), "action": "explode", "recordIds": [],
            ], token: token)
            #expect(invalid.status == 400)
            let fields = try invalid.json["error"]?["details"]?["fields"]
            #expect(fields?["action"] != nil)
            #expect(fields?["recordIds"] != nil)
        }
    }
}
