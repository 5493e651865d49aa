import Foundation
import IconectEmulator
import Testing

@Suite("Percent-encoded path ids", .timeLimit(.minutes(5)))
struct PathEncodingTests {
    static let oddId = "a/b?c#d%e é"
    /// Every reserved character encoded, UTF-8 for é.
    static let encodedOddId = "a%2Fb%3Fc%23d%25e%20%C3%A9"

    @Test func oddIdsRoundTrip() async throws {
        try await withEmulator { server, client in
            let token = try await client.token()
            try server.insert(into: "records", ["id": .string(Self.oddId), "fields": ["title": "odd"]])
            try server.insert(into: "projects", ["id": .string(Self.oddId), "name": "Odd project"])

            let record = try await client.send("GET", "/v1/records/\(Self.encodedOddId)", token: token)
            #expect(record.status == 200, "\(record.text)")
            #expect(try record.json["id"] == .string(Self.oddId))
            #expect(try record.json["projectId"] == .string(server.seed.projectId))
            #expect(try record.json["fields"]?["title"] == "odd")

            let project = try await client.send("GET", "/v1/projects/\(Self.encodedOddId)", token: token)
            #expect(project.status == 200)
            #expect(try project.json["id"] == .string(Self.oddId))
            #expect(try project.json["status"] == "active")

            let updated = try await client.sendJSON("PUT", "/v1/records/\(Self.encodedOddId)", ["tags": ["x"]], token: token)
            #expect(try updated.json["tags"] == ["x"])

            // %2F stays inside one segment: the unencoded form is a different (unknown) route.
            let split = try await client.send("GET", "/v1/records/a/b", token: token)
            #expect(split.status == 404)

            let stats = server.stats()
            #expect(stats.count("GET", "/v1/records/{id}", status: 200) == 1)
            #expect(stats.recentRequests.contains { $0.rawPath == "/v1/records/\(Self.encodedOddId)" })
        }
    }

    @Test func insertRejectsBadInput() async throws {
        try await withEmulator { server, _ in
            #expect(throws: EmulatorError.missingId) { try server.insert(into: "records", ["fields": [:]]) }
            #expect(throws: EmulatorError.unknownCollection("nope")) { try server.insert(into: "nope", ["id": "x"]) }
        }
    }
}
