import Foundation
import Testing

@testable import IconectEmulator

/// Requests a hostile page, a careless client or a fuzzer could send the emulator: each gets the documented answer, the
/// server stays up and keeps serving, and nothing it holds changes unless the request was allowed to change it.
@Suite("Bad input: emulator requests", .timeLimit(.minutes(5)))
struct BadRequestTests {
    struct Context: Sendable {
        let client: TestClient
        let server: EmulatorServer
        let token: String
        let fileId: String
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let status: Int
        let send: @Sendable (Context) async throws -> HTTPAnswer
        /// Whether the request may change what the server holds.
        var changes = false
        var check: @Sendable (HTTPAnswer, Context) throws -> Bool = { _, _ in true }
        var configuration = BadRequestTests.configuration
    }

    static let configuration = EmulatorConfiguration(
        oauthClients: [.init(id: "emulator-client", secret: "emulator-secret"), .init(id: "public-app", secret: nil),
                       .init(id: "registered-app", secret: nil, redirectURIs: ["https://app.example.com/cb"])],
        users: [.init(username: "demo", password: "demo-password"), .init(username: "other", password: "other-password")])

    /// Upload sessions that expire the moment they open.
    static let expiringSessions: EmulatorConfiguration = {
        var configuration = BadRequestTests.configuration
        configuration.uploadSessionLifetime = 0
        return configuration
    }()

    static func range(_ header: String, _ status: Int, bytes: Int? = nil) -> Case {
        Case(testDescription: "Range: \(header)", status: status, send: { context in
            try await context.client.send("GET", "/v1/files/\(context.fileId)/download", headers: ["Range": header], token: context.token)
        }, check: { answer, _ in bytes.map { answer.body.count == $0 } ?? true })
    }

    static func host(_ host: String, _ status: Int) -> Case {
        Case(testDescription: "Host: \(host)", status: status, send: { context in
            try await context.client.send("GET", "/v1/projects", headers: ["Host": host], token: context.token)
        })
    }

    static func authorize(_ client: String, _ redirect: String, _ status: Int) -> Case {
        Case(testDescription: "authorize \(client) to \(redirect)", status: status, send: { context in
            let query = TestClient.formEncode([
                "response_type": "code", "client_id": client, "redirect_uri": redirect, "scope": "iconect_api",
                "state": "s", "code_challenge": "abc", "code_challenge_method": "S256",
            ])
            return try await context.client.send("GET", "/openid/authorize?" + query)
        }, check: { answer, _ in status == 302 ? answer.header("Location")?.hasPrefix(redirect) == true : answer.header("Location") == nil })
    }

    static func search(_ pattern: String, _ status: Int) -> Case {
        Case(testDescription: "$regex \(pattern.prefix(40))", status: status, send: { context in
            let query = "projectId=\(context.server.seed.projectId)&filter.title%5B%24regex%5D=" + TestClient.percentEncode(pattern)
            return try await context.client.send("GET", "/v1/records/search?" + query, token: context.token)
        })
    }

    static func createProject(_ body: Data, contentType: String = "application/json", key: String? = nil, token: String? = nil,
                              _ status: Int, changes: Bool = false) -> Case {
        Case(testDescription: "POST /v1/projects \(contentType) \(String(decoding: body.prefix(40), as: UTF8.self))", status: status,
             send: { context in
                 var headers = ["Content-Type": contentType]
                 if let key { headers["Idempotency-Key"] = key }
                 return try await context.client.send("POST", "/v1/projects", headers: headers, body: body, token: token ?? context.token)
             }, changes: changes)
    }

    static let cases: [Case] = [
        range("bytes=0-9223372036854775807", 206, bytes: 1000),
        range("bytes=9223372036854775807-", 416),
        range("bytes=-9223372036854775808", 200, bytes: 1000),
        range("bytes=99999999999999999999-", 200, bytes: 1000),
        range("bytes=5-2", 200, bytes: 1000),
        range("bytes=0-0,5-6", 200, bytes: 1000),
        range("bytes=abc", 200, bytes: 1000),
        range("items=0-5", 200, bytes: 1000),
        range("bytes=-0", 416),
        host("evil.example", 403),
        host("localhost.evil.example", 403),
        host("127.0.0.1.nip.io:8080", 403),
        host("169.254.169.254", 403),
        host("[::1]:80", 200),
        Case(testDescription: "control route without the admin token", status: 401, send: { try await $0.client.send("GET", "/_emulator/stats") }),
        Case(testDescription: "control route with a wrong admin token", status: 401, send: { context in
            try await context.client.send("GET", "/_emulator/stats", headers: ["Authorization": "Bearer " + context.server.adminToken + "x"])
        }),
        Case(testDescription: "control route with an API access token", status: 401, send: { context in
            try await context.client.send("GET", "/_emulator/seed", token: context.token)
        }),
        Case(testDescription: "reset as text/plain (a cross-site form)", status: 415, send: { context in
            try await context.client.send("POST", "/_emulator/reset", headers: [
                "Authorization": "Bearer " + context.server.adminToken, "Content-Type": "text/plain"], body: Data("{}".utf8))
        }),
        Case(testDescription: "faults as a form", status: 415, send: { context in
            try await context.client.send("PUT", "/_emulator/faults", headers: [
                "Authorization": "Bearer " + context.server.adminToken, "Content-Type": "application/x-www-form-urlencoded"],
                body: Data("path=*&status=500".utf8))
        }),
        Case(testDescription: "faults without the admin token", status: 401, send: { context in
            try await context.client.send("PUT", "/_emulator/faults", headers: ["Content-Type": "application/json"],
                                          body: Data(#"[{"status": 500}]"#.utf8))
        }),
        Case(testDescription: "reset with the token and JSON", status: 200, send: { try await $0.client.control("POST", "/_emulator/reset") },
             changes: true),
        authorize("public-app", "https://evil.example/cb", 400),
        authorize("public-app", "http://localhost.evil.example/cb", 400),
        authorize("public-app", "javascript:alert(1)", 400),
        authorize("public-app", "http://user@127.0.0.1:9/cb", 400),
        authorize("registered-app", "http://127.0.0.1:9/cb", 400),
        authorize("registered-app", "https://app.example.com/cb", 302),
        authorize("public-app", "http://127.0.0.1:9/cb", 302),
        search("^(a+)+$", 200),
        search("^(a|aa)+$", 200),
        search("(a)\\1", 400),
        search("(?<=a)b", 400),
        search(String(repeating: "(", count: 40), 400),
        search(String(repeating: "a", count: 600), 400),
        Case(testDescription: "a chunk without its digest", status: 400, send: { context in
            let initiated = try await context.client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "c.bin", "fileSize": 10, "projectId": .string(context.server.seed.projectId),
                "fileStoreId": .string(context.server.seed.fileStoreId),
            ], token: context.token)
            let id = try initiated.json["id"]?.stringValue ?? ""
            return try await context.client.send("PUT", "/v1/files/upload/chunked/\(id)/chunks/0", body: Data(count: 10), token: context.token)
        }, changes: true, check: { answer, _ in try answer.json["error"]?["code"] == "CHECKSUM_REQUIRED" }),
        Case(testDescription: "a chunk for an expired session", status: 409, send: { context in
            let initiated = try await context.client.sendJSON("POST", "/v1/files/upload/chunked/initiate", [
                "fileName": "c.bin", "fileSize": 10, "projectId": .string(context.server.seed.projectId),
                "fileStoreId": .string(context.server.seed.fileStoreId),
            ], token: context.token)
            let id = try initiated.json["id"]?.stringValue ?? ""
            return try await context.client.send("PUT", "/v1/files/upload/chunked/\(id)/chunks/0",
                                                 headers: ["X-Chunk-SHA256": Digest.sha256Hex([UInt8](repeating: 0, count: 10))],
                                                 body: Data(count: 10), token: context.token)
        }, changes: true, check: { answer, _ in answer.text.contains("expired") }, configuration: expiringSessions),
        createProject(Data("{\"name\": ".utf8), 400),
        createProject(Data("[1, 2]".utf8), 400),
        createProject(Data("name=x".utf8), contentType: "text/plain", 415),
        createProject(Data(String(repeating: "[", count: 100_000).utf8), 400),
        createProject(Data(#"{"name": "x"}"#.utf8), token: "not-a-token", 401),
        Case(testDescription: "an idempotency key reused with another body", status: 422, send: { context in
            let first = Data(#"{"name": "a", "clientId": "\#(context.server.seed.clientId)", "dataServerId": "\#(context.server.seed.dataServerId)"}"#.utf8)
            _ = try await context.client.send("POST", "/v1/projects", headers: ["Content-Type": "application/json", "Idempotency-Key": "k1"],
                                              body: first, token: context.token)
            return try await context.client.send("POST", "/v1/projects", headers: ["Content-Type": "application/json", "Idempotency-Key": "k1"],
                                                 body: Data(#"{"name": "b"}"#.utf8), token: context.token)
        }, changes: true),
        Case(testDescription: "an idempotency key is the caller's own: another user's same key is not a replay", status: 201, send: { context in
            let body = Data(#"{"name": "a", "clientId": "\#(context.server.seed.clientId)", "dataServerId": "\#(context.server.seed.dataServerId)"}"#.utf8)
            let headers = ["Content-Type": "application/json", "Idempotency-Key": "shared"]
            let mine = try await context.client.send("POST", "/v1/projects", headers: headers, body: body, token: context.token)
            let otherToken = try await context.client.tokenRequest([
                "grant_type": "password", "username": "other", "password": "other-password", "scope": "iconect_api",
                "client_id": "emulator-client", "client_secret": "emulator-secret"]).json["access_token"]?.stringValue ?? ""
            let theirs = try await context.client.send("POST", "/v1/projects", headers: headers, body: body, token: otherToken)
            let replayed = try mine.json["id"] == theirs.json["id"] || theirs.header("Idempotent-Replayed") != nil
            return replayed ? HTTPAnswer(status: -1, headers: [:], body: Data("another user's answer was replayed".utf8)) : theirs
        }, changes: true),
    ]

    /// What the server holds that a refused request must not change.
    static func holdings(_ server: EmulatorServer) -> [Int] {
        [server.objects(in: "projects").count, server.objects(in: "files").count, server.bulkOperationCount()]
    }

    @Test(arguments: cases)
    func answered(_ bad: Case) async throws {
        try await withEmulator(bad.configuration) { server, client in
            let token = try await client.token()
            let upload = try await client.sendJSON("POST", "/v1/files/upload", [
                "fileName": "f.bin", "projectId": .string(server.seed.projectId), "fileStoreId": .string(server.seed.fileStoreId),
                "fileContent": .string(Data((0..<1000).map { UInt8($0 % 251) }).base64EncodedString()),
            ], token: token)
            _ = try await client.sendJSON("POST", "/v1/records", [
                "documentId": "D-1", "projectId": .string(server.seed.projectId), "fields": ["title": .string(String(repeating: "a", count: 40) + "b")],
            ], token: token)
            let context = Context(client: client, server: server, token: token, fileId: try upload.json["id"]?.stringValue ?? "")
            let before = Self.holdings(server)
            let started = ContinuousClock.now
            let answer = try await bad.send(context)
            #expect(answer.status == bad.status, "\(answer.status): \(answer.text.prefix(300))")
            #expect(try bad.check(answer, context))
            // Answered, not left hanging (a server waiting for a body that never comes would hit the 60 s client timeout);
            // generous because the whole suite runs in parallel on two cores.
            #expect(ContinuousClock.now - started < .seconds(30))
            if !bad.changes { #expect(Self.holdings(server) == before) }
            #expect(server.stats().faultsInjected == 0)
            // Still up and serving.
            #expect(try await client.send("GET", "/v1/clients", token: try await client.token()).status == 200)
        }
    }

    @Test func theIdempotencyStoreIsBounded() async throws {
        let store = IdempotencyStore(lifetime: 3600, capacity: 10)
        let scope = IdempotencyStore.Scope(subject: "u", clientId: "c")
        let fingerprint = IdempotencyStore.Fingerprint(method: "POST", path: "/p", bodyDigest: [])
        for index in 0..<50 {
            guard case .execute = await store.begin(scope: scope, key: "k\(index)", fingerprint: fingerprint) else {
                Issue.record("key \(index) was not new")
                continue
            }
            store.finish(scope: scope, key: "k\(index)", fingerprint: fingerprint, reply: .json(Array("{}".utf8)))
        }
        #expect(store.count <= 10)
        // The newest answers are kept.
        guard case .replay = await store.begin(scope: scope, key: "k49", fingerprint: fingerprint) else {
            Issue.record("the newest key was evicted")
            return
        }
    }

    @Test func expiredIdempotencyEntriesExecuteAgain() async throws {
        let store = IdempotencyStore(lifetime: -1, capacity: 10)
        let scope = IdempotencyStore.Scope(subject: "u", clientId: "c")
        let fingerprint = IdempotencyStore.Fingerprint(method: "POST", path: "/p", bodyDigest: [])
        _ = await store.begin(scope: scope, key: "k", fingerprint: fingerprint)
        store.finish(scope: scope, key: "k", fingerprint: fingerprint, reply: .json(Array("{}".utf8)))
        guard case .execute = await store.begin(scope: scope, key: "k", fingerprint: fingerprint) else {
            Issue.record("an expired answer was replayed")
            return
        }
    }
}
