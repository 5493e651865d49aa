import Foundation
import IconectEmulator
import Testing

@Suite("Lists and record search", .timeLimit(.minutes(5)))
struct ListAndSearchTests {
    @Test func listEnvelopeAndPageSizeValidation() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            for index in 0..<25 {
                let created = try await client.sendJSON("POST", "/v1/clients", ["name": .string("Client \(index)")], token: token)
                #expect(created.status == 201)
            }
            let first = try await client.send("GET", "/v1/clients?page=2&pageSize=10", token: token)
            #expect(first.status == 200)
            let body = try first.json
            #expect(body["total"] == 26)
            #expect(body["page"] == 2)
            #expect(body["pageSize"] == 10)
            #expect(body["hasMore"] == true)
            #expect(body["data"]?.arrayValue?.count == 10)
            let last = try await client.send("GET", "/v1/clients?page=3&pageSize=10", token: token)
            #expect(try last.json["hasMore"] == false)
            #expect(try last.json["data"]?.arrayValue?.count == 6)
            let defaults = try await client.send("GET", "/v1/clients", token: token)
            #expect(try defaults.json["pageSize"] == 20)

            for size in ["0", "101"] {
                let bad = try await client.send("GET", "/v1/projects?pageSize=\(size)", token: token)
                #expect(bad.status == 400)
                let error = try bad.json["error"]
                #expect(error?["code"] == "VALIDATION_ERROR")
                #expect(error?["details"]?["fields"]?["pageSize"]?.arrayValue?.isEmpty == false)
                #expect(error?["requestId"]?.stringValue == bad.header("X-Request-Id"))
            }
            #expect(try await client.send("GET", "/v1/projects?page=0", token: token).status == 400)
            #expect(try await client.send("GET", "/v1/records/search?projectId=\(server.seed.projectId)&pageSize=1000", token: token).status == 200)
            #expect(try await client.send("GET", "/v1/records/search?projectId=\(server.seed.projectId)&pageSize=1001", token: token).status == 400)
        }
    }

    @Test func crudValidationAndNotFound() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            let invalid = try await client.sendJSON("POST", "/v1/projects", ["name": "X", "status": "bogus"], token: token)
            #expect(invalid.status == 400)
            let fields = try invalid.json["error"]?["details"]?["fields"]
            #expect(fields?["clientId"] != nil)
            #expect(fields?["status"] != nil)

            let created = try await client.sendJSON("POST", "/v1/projects", [
                "name": "Second", "clientId": .string(server.seed.clientId), "dataServerId": .string(server.seed.dataServerId),
            ], token: token)
            #expect(created.status == 201)
            let id = try #require(try created.json["id"]?.stringValue)
            #expect(try created.json["status"] == "active")
            let updated = try await client.sendJSON("PUT", "/v1/projects/\(id)", ["status": "archived"], token: token)
            #expect(try updated.json["status"] == "archived")
            #expect(try updated.json["name"] == "Second")
            let deleted = try await client.send("DELETE", "/v1/projects/\(id)", token: token)
            #expect(deleted.status == 204)
            #expect(deleted.body.isEmpty)
            let gone = try await client.send("GET", "/v1/projects/\(id)", token: token)
            #expect(gone.status == 404)
            #expect(try gone.json["error"]?["code"] == "NOT_FOUND")
        }
    }

    static func search(_ client: TestClient, _ token: String, _ query: String) async throws -> JSON {
        let answer = try await client.send("GET", "/v1/records/search?" + query, token: token)
        #expect(answer.status == 200, "\(query): \(answer.text)")
        return try answer.json
    }

    @Test func searchOperatorsAndFieldSelection() async throws {
        try await withEmulator(.init(seedRecords: 300)) { server, client in
            let token = try await client.token()
            let project = "projectId=\(server.seed.projectId)"
            let all = try await Self.search(client, token, project + "&pageSize=1000")
            #expect(all["total"] == 300)
            let records = all["data"]?.arrayValue ?? []

            func expected(_ include: (JSON) -> Bool) -> Int { records.filter(include).count }

            let gte = try await Self.search(client, token, project + "&filter.pageCount%5B%24gte%5D=100")
            #expect(gte["total"]?.intValue == expected { ($0["fields"]?["pageCount"]?.numberValue ?? 0) >= 100 })

            let inList = try await Self.search(client, token, project + "&filter.docType[$in]=email,memo&pageSize=1000")
            let inCount = expected { ["email", "memo"].contains($0["fields"]?["docType"]?.stringValue ?? "") }
            #expect(inList["total"]?.intValue == inCount)
            #expect(inList["data"]?.arrayValue?.allSatisfy { ["email", "memo"].contains($0["fields"]?["docType"]?.stringValue ?? "") } == true)

            let exists = try await Self.search(client, token, project + "&filter.assignedTo[$exists]=false")
            #expect(exists["total"]?.intValue == expected { $0["assignedTo"] == nil })

            let regex = try await Self.search(client, token, project + "&filter.title%5B%24regex%5D=" + TestClient.percentEncode("^Memo: ") + "&pageSize=1000")
            #expect(regex["total"]?.intValue == expected { $0["fields"]?["title"]?.stringValue?.hasPrefix("Memo: ") == true })
            #expect((regex["total"]?.intValue ?? 0) > 0)

            let dates = try await Self.search(client, token, project + "&filter.docDate[$gte]=2024-01-01&filter.docDate[$lt]=2024-07-01")
            #expect(dates["total"]?.intValue == expected {
                let date = $0["fields"]?["docDate"]?.stringValue ?? ""
                return date >= "2024-01-01" && date < "2024-07-01"
            })

            let scalar = try await Self.search(client, token, project + "&filter.priority=high")
            #expect(scalar["total"]?.intValue == expected { $0["priority"] == "high" })

            let text = try await Self.search(client, token, project + "&query=MERGER")
            #expect(text["total"]?.intValue == expected { record in
                record["fields"]?.objectValue?.values.contains { $0.stringValue?.lowercased().contains("merger") == true } == true
            })

            let selected = try await Self.search(client, token, project + "&fields=title,tags&pageSize=5&sortBy=pageCount&sortOrder=desc")
            let rows = selected["data"]?.arrayValue ?? []
            #expect(rows.count == 5)
            for row in rows {
                #expect(row["fields"]?.objectValue?.keys.sorted() == ["title"])
                #expect(row["assignedTo"] == nil)
                #expect(row["reviewStatus"] == nil)
                #expect(row["id"] != nil && row["status"] != nil && row["createdDate"] != nil)
            }
            let counts = rows.compactMap { row in records.first { $0["id"] == row["id"] }?["fields"]?["pageCount"]?.numberValue }
            #expect(counts == counts.sorted(by: >))
            #expect(counts.first == records.compactMap { $0["fields"]?["pageCount"]?.numberValue }.max())

            let badOperator = try await client.send("GET", "/v1/records/search?" + project + "&filter.x[$near]=1", token: token)
            #expect(badOperator.status == 400)
            let noProject = try await client.send("GET", "/v1/records/search", token: token)
            #expect(noProject.status == 400)
            #expect(try noProject.json["error"]?["details"]?["fields"]?["projectId"] != nil)
        }
    }

    @Test func pagingThroughASearchIsConsistent() async throws {
        try await withEmulator(.init(seedRecords: 2_500)) { server, client in
            let token = try await client.token()
            var seen = Set<String>()
            var page = 1
            while true {
                let body = try await Self.search(client, token, "projectId=\(server.seed.projectId)&pageSize=1000&page=\(page)&filter.responsive=true")
                for row in body["data"]?.arrayValue ?? [] { seen.insert(row["id"]?.stringValue ?? "") }
                if body["hasMore"] != true {
                    #expect(seen.count == body["total"]?.intValue)
                    break
                }
                page += 1
                try #require(page <= 10, "hasMore never turned false")
            }
            #expect(page == 1 || seen.count > 1_000 * (page - 1))
        }
    }
}
