import Foundation
import IconectEmulator
import Testing

@Suite("Server lifecycle, control routes and later areas", .timeLimit(.minutes(5)))
struct ServerLifecycleTests {
    @Test func startStopAndBindFailure() async throws {
        let server = try await EmulatorServer.start()
        #expect(server.port > 0)
        #expect(server.baseURL.absoluteString == "http://127.0.0.1:\(server.port)")
        #expect(server.apiURL.absoluteString == "http://127.0.0.1:\(server.port)/v1")
        await #expect(throws: EmulatorError.self) {
            _ = try await EmulatorServer.start(.init(port: server.port))
        }
        await server.stop()
        await server.stop()
    }

    @Test func resetReseedsAndClearsTokens() async throws {
        try await withEmulator(.init(seedRecords: 10)) { server, client in
            let token = try await client.token()
            #expect(try await client.sendJSON("POST", "/v1/clients", ["name": "temp"], token: token).status == 201)
            let before = server.seed
            server.reset()
            #expect(server.seed == before)
            #expect(server.seed.recordCount == 10)
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 401)
            let fresh = try await client.token()
            #expect(try await client.send("GET", "/v1/clients", token: fresh).json["total"] == 1)
            #expect(server.stats().totalRequests == 3)
        }
    }

    @Test func unknownRoutesAndMethods() async throws {
        try await withEmulator { _, client in
            let token = try await client.token()
            let missing = try await client.send("GET", "/v1/nothing-here", token: token)
            #expect(missing.status == 404)
            #expect(try missing.json["error"]?["code"] == "NOT_FOUND")
            let method = try await client.send("PATCH", "/v1/projects", token: token)
            #expect(method.status == 405)
            #expect(method.header("X-Request-Id") != nil)
        }
    }

    @Test func laterAreasAreServed() async throws {
        try await withEmulator(.init(seedRecords: 50)) { server, client in
            let token = try await client.token()
            let me = try await client.send("GET", "/v1/users/me", token: token)
            #expect(try me.json["username"] == "demo")

            // Scheduled far ahead, the job stays pending until `start` queues it.
            let job = try await client.sendJSON("POST", "/v1/jobs/custom", [
                "name": "Nightly export", "type": "export", "projectId": .string(server.seed.projectId),
                "scheduledStart": "2999-01-01T00:00:00Z", "configuration": ["totalItems": 10],
            ], token: token)
            #expect(job.status == 201)
            let jobId = try #require(try job.json["id"]?.stringValue)
            #expect(try job.json["status"] == "pending")
            let started = try await client.sendJSON("POST", "/v1/jobs/\(jobId)/control", ["action": "start"], token: token)
            #expect(try started.json["status"] == "queued")
            let invalid = try await client.sendJSON("POST", "/v1/jobs/\(jobId)/control", ["action": "resume"], token: token)
            #expect(invalid.status == 409)

            let folder = try await client.sendJSON("POST", "/v1/folders", ["name": "Hot", "projectId": .string(server.seed.projectId)], token: token)
            let folderId = try #require(try folder.json["id"]?.stringValue)
            let child = try await client.sendJSON("POST", "/v1/folders", [
                "name": "Docs", "projectId": .string(server.seed.projectId), "parentId": .string(folderId),
            ], token: token)
            #expect(try child.json["path"] == "/Hot/Docs")
            #expect(try child.json["level"] == 1)

            let view = try await client.sendJSON("POST", "/v1/views", [
                "name": "by-type", "displayName": "By type", "type": "grid", "projectId": .string(server.seed.projectId),
                "baseQuery": ["grouping": ["docType"], "aggregations": [["field": "id", "function": "count", "alias": "n"]]],
                "displayOptions": [:],
            ], token: token)
            let viewId = try #require(try view.json["id"]?.stringValue)
            let data = try await client.sendJSON("POST", "/v1/views/\(viewId)/data", [:], token: token)
            let groups = try data.json["data"]?.arrayValue ?? []
            #expect(groups.reduce(0) { $0 + ($1["n"]?.intValue ?? 0) } == 50)

            let colors: JSON = ["primary": "#2f81f7", "background": "#0d1117", "text": "#e6edf3"]
            let theme = try await client.sendJSON("POST", "/v1/themes", ["name": "Night", "type": "dark", "colors": colors], token: token)
            let themeId = try #require(try theme.json["id"]?.stringValue)
            let copy = try await client.sendJSON("POST", "/v1/themes/\(themeId)/duplicate", ["newName": "Night 2"], token: token)
            #expect(try copy.json["name"] == "Night 2")
            #expect(try await client.send("GET", "/v1/themes?type=dark&isSystem=false", token: token).json["total"] == 2)
        }
    }
}
