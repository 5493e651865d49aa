import Foundation
@testable import IconectEmulator
import Testing

@Suite("Review workspace routes, seed and engine", .timeLimit(.minutes(3)))
struct ReviewWorkspaceTests {
    @Test("fixed segments (/users/me, /folders/tree, /fields/duplicate) are never captured by /{id} routes")
    func fixedSegments() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let me = try await client.send("GET", "/v1/users/me", token: token)
            #expect(try me.json["username"] == "demo")
            let tree = try await client.send("GET", "/v1/folders/tree?projectId=\(server.seed.projectId)", token: token)
            #expect(try tree.json["folders"] == [])
            let duplicate = try await client.sendJSON("POST", "/v1/fields/duplicate", [:], token: token)
            #expect(duplicate.status == 400)
            #expect(try duplicate.json["error"]?["details"]?["fields"]?["sourceFieldId"] != nil)
            let preferences = try await client.sendJSON("PUT", "/v1/users/me/preferences", ["preferences": ["a": 1]], token: token)
            #expect(try preferences.json["preferences"] == ["a": 1])
            let stats = server.stats()
            #expect(stats.count("GET", "/v1/users/me") == 1)
            #expect(stats.count("GET", "/v1/users/{id}") == 0)
            #expect(stats.count("GET", "/v1/folders/tree") == 1)
            #expect(stats.count("GET", "/v1/folders/{id}") == 0)
            #expect(stats.count("PUT", "/v1/users/{userId}/preferences") == 0)
        }
    }

    @Test("the server checks a password change itself: confirmation, current password, policy")
    func passwordChecks() async throws {
        try await withEmulator { _, client in
            let token = try await client.token()
            func change(_ current: String, _ new: String, _ confirm: String) async throws -> HTTPAnswer {
                try await client.sendJSON("POST", "/v1/users/me/change-password", [
                    "currentPassword": .string(current), "newPassword": .string(new), "confirmPassword": .string(confirm),
                ], token: token)
            }
            let mismatch = try await change("demo-password", "Brand-new-pass-1", "Brand-new-pass-2")
            #expect(try mismatch.json["error"]?["details"]?["fields"]?["confirmPassword"] != nil)
            let wrong = try await change("nope", "Brand-new-pass-1", "Brand-new-pass-1")
            #expect(try wrong.json["error"]?["details"]?["fields"]?["currentPassword"] != nil)
            let same = try await change("demo-password", "demo-password", "demo-password")
            #expect(try same.json["error"]?["details"]?["fields"]?["newPassword"]?.arrayValue?.count == 3)
            let done = try await change("demo-password", "Brand-new-pass-1", "Brand-new-pass-1")
            #expect(done.status == 204)
            let old = try await client.tokenRequest(["grant_type": "password", "username": "demo", "password": "demo-password",
                                                     "scope": "iconect_api", "client_id": "emulator-client", "client_secret": "emulator-secret"])
            #expect(old.status == 400)
        }
    }

    @Test("--seed-records seeds fields, a folder tree holding every record, views, panels, a dashboard and reviewers")
    func seededWorkspace() async throws {
        try await withEmulator(.init(seedRecords: 100)) { server, client in
            #expect(server.objects(in: "fields").count == 9)
            #expect(server.objects(in: "folders").count == 13)
            #expect(server.objects(in: "views").count == 3)
            #expect(server.objects(in: "panels").count == 2)
            #expect(server.objects(in: "dashboards").first?["widgets"]?.arrayValue?.count == 4)
            #expect(server.objects(in: "users").count == 8)
            let token = try await client.token()
            let custodians = try #require(server.objects(in: "folders").first { $0["name"] == "Custodians" }?["id"]?.stringValue)
            let folder = try await client.send("GET", "/v1/folders/\(custodians)?includeStats=true", token: token)
            #expect(try folder.json["stats"]?["totalRecordCount"] == 100)
            #expect(try folder.json["stats"]?["subfolderCount"] == 8)
            for dashboard in server.objects(in: "dashboards") {
                let id = try #require(dashboard["id"]?.stringValue)
                let full = try await client.send("GET", "/v1/dashboards/\(id)?includeWidgetData=true", token: token)
                #expect(try full.json["widgets"]?.arrayValue?.allSatisfy { $0["data"] != nil && $0["dataError"] == nil } == true)
            }
        }
    }

    @Test("folders inserted as a cycle neither hang the listing, the counts nor a recursive delete")
    func cyclicFolders() async throws {
        try await withEmulator { server, client in
            let project = JSON.string(server.seed.projectId)
            try server.insert(into: "folders", ["id": "fdr_a", "name": "A", "projectId": project, "parentId": "fdr_b", "path": "/B/A"])
            try server.insert(into: "folders", ["id": "fdr_b", "name": "B", "projectId": project, "parentId": "fdr_a", "path": "/A/B"])
            let token = try await client.token()
            let folder = try await client.send("GET", "/v1/folders/fdr_a?includeStats=true", token: token)
            #expect(try folder.json["stats"]?["descendantCount"] == 1)
            let below = try await client.send("GET", "/v1/folders?projectId=\(server.seed.projectId)&parentId=fdr_a&includeSubfolders=true",
                                              token: token)
            #expect(try below.json["total"] == 1)
            let deleted = try await client.send("DELETE", "/v1/folders/fdr_a?recursive=true", token: token)
            #expect(deleted.status == 204)
            #expect(server.objects(in: "folders").isEmpty)
        }
    }

    @Test("the engine unwinds arrays, buckets dates, counts values, and sorts groups by key")
    func engine() throws {
        let rows = [("a", ["hot"], "2024-01-15", 2.0), ("b", ["hot", "privileged"], "2024-01-20", nil),
                    ("c", [], "2024-03-01", 5.0)].map { id, tags, date, pages -> RecordRow in
            var row = RecordRow.removed
            row.id = id
            row.status = .active
            row.tags = tags
            row.fields = [FieldEntry(key: "docDate", value: .string(date))] + (pages.map { [FieldEntry(key: "pages", value: .number($0))] } ?? [])
            return row
        }
        let byTag = try ViewQuerySpec(["grouping": ["tags"], "aggregations": [["function": "count", "alias": "n"],
                                                                              ["field": "pages", "function": "count", "alias": "withPages"]]],
                                      argument: "q")
        #expect(ViewAggregator(spec: byTag).groups(of: rows) == [
            ["tags": "hot", "n": 2, "withPages": 1], ["tags": "privileged", "n": 1, "withPages": 0], ["tags": nil, "n": 1, "withPages": 1],
        ])
        let byMonth = try ViewQuerySpec(["grouping": [["field": "docDate", "interval": "month"]],
                                         "aggregations": [["field": "pages", "function": "sum", "alias": "pages"],
                                                          ["field": "docDate", "function": "max", "alias": "latest"]]], argument: "q")
        #expect(ViewAggregator(spec: byMonth).groups(of: rows) == [
            ["docDate": "2024-01", "pages": 2, "latest": "2024-01-20"], ["docDate": "2024-03", "pages": 5, "latest": "2024-03-01"],
        ])
        #expect(throws: APIError.self) { try ViewQuerySpec(["grouping": [["field": "docDate", "interval": "week"]]], argument: "q") }
    }

    @Test("csv cells are quoted exactly when they hold a comma, a quote or a line break")
    func csvQuoting() {
        let text = CSVText.render(columns: ["a", "b"], rows: [
            ["a": "plain", "b": "x, y"], ["a": "say \"hi\"", "b": "one\ntwo"], ["a": "crlf\r\nend", "b": nil], ["a": 1.5, "b": ["t"]],
        ])
        #expect(text == "a,b\r\nplain,\"x, y\"\r\n\"say \"\"hi\"\"\",\"one\ntwo\"\r\n\"crlf\r\nend\",\r\n1.5,\"[\"\"t\"\"]\"\r\n")
    }
}
