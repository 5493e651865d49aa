import Foundation
import Iconect
import Testing

/// The client against a server that misbehaves on purpose (redirects, bombs, huge, truncated, malformed and trickled
/// answers), on both transports: every case ends in the expected typed error (or the expected success), quickly, with
/// memory bounded, without credentials leaking to another origin, and the same client still works afterwards.
@Suite("Bad input: hostile server", .serialized, .timeLimit(.minutes(10)))
struct HostileServerTests {
    /// What a case does with the client.
    enum Call: Sendable {
        case getProject, createProject, downloadToFile, signIn
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        /// The API server's behaviour first, then any other origins'.
        let servers: [HostileServer.Behaviour]
        var call = Call.getProject
        /// The codes the call may fail with on each transport; nil means it must succeed.
        var expected: @Sendable (TransportKind) -> Set<IconectError.Code>? = { _ in nil }
        /// What must hold on the servers afterwards (what they received).
        var check: @Sendable ([HostileServer]) -> Bool = { _ in true }
        var credentials = Credentials.accessToken(Secret(HostileServerTests.token))
    }

    static let token = "hostile-test-token"
    static let project = #"{"id":"p","name":"n","clientId":"c","dataServerId":"d","status":"active","createdDate":"2024-01-01T00:00:00Z","modifiedDate":"2024-01-01T00:00:00Z"}"#

    /// Answers `/v1/projects/healthy` normally, everything else with `behaviour`.
    static func healthy(_ behaviour: @escaping HostileServer.Behaviour) -> HostileServer.Behaviour {
        { request, connection in
            if request.path.hasSuffix("/projects/healthy") { connection.json(project) } else { behaviour(request, connection) }
        }
    }

    static func fails(_ codes: IconectError.Code...) -> @Sendable (TransportKind) -> Set<IconectError.Code>? {
        let set = Set(codes)
        return { _ in set }
    }

    static func noCredentials(_ server: HostileServer) -> Bool {
        server.requests.allSatisfy { $0.header("Authorization") == nil }
    }

    static let redirectToPeer: HostileServer.Behaviour = { request, connection in
        connection.respond(302, ["Location": connection.peers[1].absoluteString + request.path])
    }
    static let serveProject: HostileServer.Behaviour = { _, connection in connection.json(project) }
    static let serveBytes: HostileServer.Behaviour = { _, connection in
        connection.respond(200, ["Content-Type": "application/octet-stream"], body: Data("peer bytes".utf8))
    }

    static let cases: [Case] = [
        Case(testDescription: "302 GET to another origin: followed without Authorization",
             servers: [redirectToPeer, serveProject],
             check: { servers in servers[1].requests.count == 1 && noCredentials(servers[1])
                 && servers[0].requests.first?.header("Authorization") == "Bearer \(token)" }),
        Case(testDescription: "302 GET within the origin: followed with its credentials",
             servers: [{ request, connection in
                 if request.path.hasSuffix("/moved") { connection.json(project) } else { connection.respond(302, ["Location": "/v1/projects/moved"]) }
             }],
             check: { servers in servers[0].requests.count == 2 && servers[0].requests.allSatisfy { $0.header("Authorization") != nil } }),
        Case(testDescription: "307 POST to another origin: not followed, the body and token stay home",
             servers: [{ request, connection in connection.respond(307, ["Location": connection.peers[1].absoluteString + request.path]) }, serveProject],
             call: .createProject, expected: fails(.httpStatus), check: { $0[1].requests.isEmpty }),
        Case(testDescription: "303 after a POST to another origin: a GET without body or credentials",
             servers: [redirectToPeer, serveProject], call: .createProject,
             check: { servers in servers[1].requests.allSatisfy { $0.method == "GET" && $0.body.isEmpty && $0.header("Authorization") == nil } }),
        Case(testDescription: "redirect to plain http on another host: refused",
             servers: [{ _, connection in connection.respond(302, ["Location": "http://example.invalid/v1/projects/p"]) }],
             expected: fails(.httpStatus)),
        Case(testDescription: "redirect to file://: refused",
             servers: [{ _, connection in connection.respond(301, ["Location": "file:///etc/passwd"]) }], expected: fails(.httpStatus)),
        Case(testDescription: "redirect to ftp://: refused",
             servers: [{ _, connection in connection.respond(308, ["Location": "ftp://127.0.0.1/x"]) }], expected: fails(.httpStatus)),
        Case(testDescription: "a redirect loop stops after 5 hops",
             servers: [{ request, connection in connection.respond(302, ["Location": request.path]) }],
             expected: fails(.httpStatus), check: { $0[0].requests.count == 6 }),
        Case(testDescription: "redirect with credentials in the Location: refused",
             servers: [{ _, connection in connection.respond(302, ["Location": "http://user:pw@127.0.0.1:1/x"]) }], expected: fails(.httpStatus)),
        Case(testDescription: "gzip bomb (256 MiB inflated): refused by size, memory flat",
             servers: [{ _, connection in connection.respond(200, ["Content-Type": "application/json", "Content-Encoding": "gzip"], body: gzipBomb) }],
             expected: { $0 == .urlSession ? [.tooLarge] : [.decoding] }),
        Case(testDescription: "Content-Length of 4 GiB: refused at the head",
             servers: [{ _, connection in
                 guard connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4294967296\r\n\r\n") else { return }
                 let block = Data(count: 64 * 1024)
                 for _ in 0..<65_536 where !connection.write(block) { return }
             }], expected: fails(.tooLarge)),
        Case(testDescription: "endless chunked body: refused once past the limit",
             servers: [{ _, connection in
                 guard connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n") else { return }
                 let chunk = Data("10000\r\n".utf8) + Data(count: 65_536) + Data("\r\n".utf8)
                 for _ in 0..<65_536 where !connection.write(chunk) { return }
             }], expected: fails(.tooLarge)),
        Case(testDescription: "endless close-delimited body: refused once past the limit",
             servers: [{ _, connection in
                 guard connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n") else { return }
                 let block = Data(count: 64 * 1024)
                 for _ in 0..<65_536 where !connection.write(block) { return }
             }], expected: fails(.tooLarge)),
        Case(testDescription: "an error body of 10 MiB: refused by size",
             servers: [{ _, connection in connection.respond(500, ["Content-Type": "application/json"], body: Data(count: 10 << 20)) }],
             expected: fails(.tooLarge)),
        Case(testDescription: "truncated body, then the connection closed: a transport error",
             servers: [{ _, connection in
                 connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n{\"id\":")
                 connection.close()
             }], expected: fails(.transport)),
        Case(testDescription: "truncated body, then silence: a timeout",
             servers: [{ _, connection in
                 connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":")
                 for _ in 0..<100 where !connection.clientLeft { connection.pause(.milliseconds(100)) }
             }], expected: fails(.timeout)),
        Case(testDescription: "malformed JSON: a decoding error",
             servers: [{ _, connection in connection.json(#"{"id": "p", "name": tru"#) }], expected: fails(.decoding)),
        Case(testDescription: "HTML instead of JSON: a decoding error",
             servers: [{ _, connection in connection.respond(200, ["Content-Type": "text/html"], body: Data("<html>hi</html>".utf8)) }],
             expected: fails(.decoding)),
        Case(testDescription: "an empty 200: a decoding error",
             servers: [{ _, connection in connection.respond(200) }], expected: fails(.decoding)),
        Case(testDescription: "JSON nested 100,000 deep: a decoding error, no stack overflow",
             servers: [{ _, connection in connection.json(String(repeating: "[", count: 100_000)) }], expected: fails(.decoding)),
        Case(testDescription: "a wrong-typed field: a decoding error naming it",
             servers: [{ _, connection in connection.json(#"{"id": 5, "name": "n"}"#) }], expected: fails(.decoding)),
        Case(testDescription: "slowloris: one byte every 300 ms fails within the request timeout",
             servers: [{ _, connection in
                 guard connection.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n") else { return }
                 for _ in 0..<200 {
                     connection.pause(.milliseconds(300))
                     guard connection.write(" ") else { return }
                 }
             }], expected: fails(.timeout)),
        Case(testDescription: "a server that never answers: a timeout",
             servers: [{ _, connection in
                 for _ in 0..<100 where !connection.clientLeft { connection.pause(.milliseconds(100)) }
             }], expected: fails(.timeout)),
        Case(testDescription: "the connection closed before any answer: a transport error",
             servers: [{ _, connection in connection.close() }], expected: fails(.transport)),
        Case(testDescription: "garbage instead of HTTP: a transport or decoding error",
             servers: [{ _, connection in
                 connection.write("NOT HTTP AT ALL\r\n\r\n\u{0}\u{1}\u{2}")
                 connection.close()
             }], expected: fails(.transport, .decoding)),
        Case(testDescription: "a 1 MiB header: a transport error",
             servers: [{ _, connection in
                 connection.write("HTTP/1.1 200 OK\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\nContent-Length: 0\r\n\r\n")
                 connection.close()
             }], expected: fails(.transport, .decoding)),
        Case(testDescription: "429 asking for a week: no waiting, rateLimited with the wait",
             servers: [{ _, connection in connection.respond(429, ["Retry-After": "604800"]) }], expected: fails(.rateLimited),
             check: { $0[0].requests.count == 1 }),
        Case(testDescription: "503 every time: server error after the allowed attempts",
             servers: [{ _, connection in connection.respond(503) }], expected: fails(.server), check: { $0[0].requests.count == 2 }),
        Case(testDescription: "404: notFound",
             servers: [{ _, connection in connection.json(#"{"error":{"code":"NOT_FOUND","message":"no"}}"#, status: 404) }],
             expected: fails(.notFound)),
        Case(testDescription: "download redirected to another origin: bytes fetched without Authorization",
             servers: [redirectToPeer, serveBytes], call: .downloadToFile, check: { noCredentials($0[1]) && $0[1].requests.count == 1 }),
        Case(testDescription: "download answered 404: the existing destination is untouched",
             servers: [{ _, connection in connection.json(#"{"error":{"code":"NOT_FOUND","message":"gone"}}"#, status: 404) }],
             call: .downloadToFile, expected: fails(.notFound)),
        Case(testDescription: "download cut off mid-body: a transport error, the destination untouched",
             servers: [{ _, connection in
                 guard connection.write("HTTP/1.1 206 Partial Content\r\nContent-Length: 100\r\n\r\nabc") else { return }
                 connection.close()
             }], call: .downloadToFile, expected: fails(.transport)),
        Case(testDescription: "token endpoint answers HTML: a decoding error",
             servers: [{ request, connection in
                 if request.path.contains("well-known") { connection.respond(404) } else {
                     connection.respond(200, ["Content-Type": "text/html"], body: Data("<html/>".utf8))
                 }
             }], call: .signIn, expected: fails(.decoding)),
        Case(testDescription: "token endpoint redirects: not followed, the password stays home",
             servers: [{ request, connection in
                 if request.path.contains("well-known") { connection.respond(404) } else {
                     connection.respond(307, ["Location": connection.peers[1].absoluteString + "/steal"])
                 }
             }, serveProject], call: .signIn, expected: fails(.httpStatus), check: { $0[1].requests.isEmpty }),
        Case(testDescription: "discovery names a plain-http revocation endpoint on another host: refused",
             servers: [{ request, connection in
                 connection.json(#"{"token_endpoint":"\#(connection.peers[0].absoluteString)/openid/token","revocation_endpoint":"http://revoke.example.com/r"}"#)
             }], call: .signIn, expected: fails(.invalidConfiguration)),
        Case(testDescription: "discovery names a plain-http token endpoint on another host: refused",
             servers: [{ _, connection in connection.json(#"{"token_endpoint":"http://tokens.example.com/token"}"#) }],
             call: .signIn, expected: fails(.invalidConfiguration)),
    ]

    /// 256 MiB of zeros, gzip-compressed (about 256 KiB).
    static let gzipBomb: Data = (try? Gzip.compress(Data(count: 256 << 20), level: 9)) ?? Data()

    @Test(arguments: cases, TransportKind.allCases)
    func hostileAnswer(_ hostile: Case, transport: TransportKind) async throws {
        _ = Self.gzipBomb  // built before the memory baseline
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let destination = scratch.appendingPathComponent("kept.bin")
        try Data("precious".utf8).write(to: destination)

        try await withHostileServers(hostile.servers.map(Self.healthy)) { servers in
            var configuration = try IconectConfiguration(baseURL: servers[0].baseURL, clientId: "c", credentials: hostile.credentials)
            configuration.retryPolicy = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))
            configuration.requestTimeout = .milliseconds(1500)
            configuration.limits.maxResponseBytes = 1 << 20
            configuration.cache.isEnabled = false
            let client = try IconectClient(configuration: configuration, transport: transport.makeTransport(configuration))
            let memoryBefore = residentBytes()
            let started = ContinuousClock.now
            let outcome: Result<Void, IconectError>
            do {
                try await Self.perform(hostile.call, client: client, destination: destination)
                outcome = .success(())
            } catch let error as IconectError {
                outcome = .failure(error)
            }
            let elapsed = ContinuousClock.now - started
            let grown = residentBytes() - memoryBefore
            switch (outcome, hostile.expected(transport)) {
            case (.success, nil): break
            case (.failure(let error), let codes?):
                #expect(codes.contains(error.code), "got \(error)")
            case (.success, let codes?):
                Issue.record("expected one of \(codes), but the call succeeded")
            case (.failure(let error), nil):
                Issue.record("expected success, got \(error)")
            }
            #expect(hostile.check(servers), "what the servers received: \(servers.map { $0.requests.map { "\($0.method) \($0.path)" } })")
            // A hang bound, not a speed test (the typed error and the memory bound say the body was refused): the calls
            // give up within 2 x 1.5 s, but a release build beside the suite on two cores has stretched that to 29 s.
            #expect(elapsed < .seconds(60), "it ended in \(elapsed)")
            // What the client read is the precise bound (an endless body offers 4 GiB; the limit is 1 MiB, the rest is
            // socket buffers). Not on URLSession: on Linux its task.cancel() waits for the session's work queue, which an
            // endless body keeps busy, so under load the task may drain the body after the call has failed (dropping
            // what arrives: memory stays bounded; see URLSessionTransport.Exchange.cancelNow). The process's memory is a coarse
            // bound: suites running beside this one count in it too.
            if transport == .asyncHTTPClient {
                #expect(servers.allSatisfy { $0.bytesSent < 64 << 20 }, "the client read \(servers.map { $0.bytesSent >> 20 }) MiB")
            }
            #expect(grown < 1 << 30, "resident memory grew by \(grown >> 20) MiB")
            if case .failure = outcome, hostile.call == .downloadToFile {
                #expect(try Data(contentsOf: destination) == Data("precious".utf8), "the destination was touched")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["kept.bin"], "a temporary file was left")
            // Still alive and usable.
            if hostile.call != .signIn { #expect(try await client.projects.get(id: "healthy").id == "p") }
            await client.shutdown(gracePeriod: .seconds(1))
        }
    }

    static func perform(_ call: Call, client: IconectClient, destination: URL) async throws {
        switch call {
        case .getProject:
            _ = try await client.projects.get(id: "p")
        case .createProject:
            _ = try await client.projects.create(NewProject(name: "n", clientId: "c", dataServerId: "d"))
        case .downloadToFile:
            try await client.files.download(id: "f", to: destination, range: 0...99)
        case .signIn:
            try await client.auth.signIn(username: "u", password: "pw")
        }
    }
}
