import Foundation
import Iconect
import IconectEmulator
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Authentication against the emulator", .timeLimit(.minutes(10)))
struct AuthenticationTests {
    @Test("200 concurrent calls on a cold client make exactly one token grant", arguments: TransportKind.allCases)
    func singleFlightGrant(transport: TransportKind) async throws {
        // 200 calls queue behind 10 pooled connections; with the whole suite running on two cores the last of them may
        // wait longer than the default 30 s for a connection (AsyncHTTPClient bounds that wait by the timeout), which
        // is not what this test is about.
        try await withEmulator(configure: { $0.requestTimeout = .seconds(180) }, transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            try await withThrowingTaskGroup(of: Project.self) { group in
                for _ in 0..<200 { group.addTask { try await client.projects.get(id: projectId) } }
                var count = 0
                for try await project in group {
                    #expect(project.id == projectId)
                    count += 1
                }
                #expect(count == 200)
            }
            let stats = emulator.stats()
            #expect(stats.tokenGrants["password"] == 1)
            #expect(stats.tokenGrants.values.reduce(0, +) == 1)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 200) == 200)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 401) == 0)
        }
    }

    @Test("a token is refreshed once, ahead of its expiry, so no call meets a 401", arguments: TransportKind.allCases)
    func refreshAheadOfExpiry(transport: TransportKind) async throws {
        // Lifetime 20 s and a leeway longer than that: the client refreshes at half the lifetime (10 s), so a call made
        // with the old token would have to take 9 s to reach the server after its expiry (whole-second `exp`); the whole
        // suite running in parallel on two cores has delayed calls by 2 s, which a 6 s lifetime did not survive.
        try await withEmulator(EmulatorConfiguration(tokenLifetime: 20), configure: { $0.refreshLeeway = .seconds(30) },
                               transport: transport) {
            emulator, client in
            let projectId = emulator.seed.projectId
            _ = try await client.projects.get(id: projectId)  // the first grant happens before the clock starts
            let start = ContinuousClock.now
            var calls = 1
            // Call until one call has *started* well after the refresh point (10 s), whatever the machine's load.
            while true {
                let callStarted = ContinuousClock.now
                _ = try await client.projects.get(id: projectId)
                calls += 1
                if callStarted - start >= .milliseconds(10_500) { break }
                try await Task.sleep(for: .milliseconds(100))  // pacing, not synchronisation
            }
            let stats = emulator.stats()
            #expect(calls >= 3, "calls ran before and after the refresh")
            #expect(stats.tokenGrants["password"] == 2, "one grant at the start, one refresh after about 10 s")
            #expect(stats.count("GET", "/v1/projects/{id}", status: 401) == 0)
        }
    }

    @Test("a 401 triggers one refresh and one replay", arguments: TransportKind.allCases)
    func replayAfter401(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            _ = try await client.projects.get(id: projectId)
            emulator.revokeAllAccessTokens()
            let project = try await client.projects.get(id: projectId)
            #expect(project.id == projectId)
            let stats = emulator.stats()
            #expect(stats.tokenGrants["password"] == 2)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 401) == 1)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 200) == 2)
        }
    }

    @Test("a second 401 surfaces .unauthorized instead of looping", arguments: TransportKind.allCases)
    func secondUnauthorizedSurfaces(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            emulator.setFaults([FaultRule(method: "GET", path: "/v1/projects/*", status: 401, times: 5)])
            let error = try await expectIconectError { try await client.projects.get(id: projectId) }
            #expect(error.code == .unauthorized)
            #expect(error.status == 401)
            #expect(error.operation == "iconect_get_project")
            let stats = emulator.stats()
            #expect(stats.count("GET", "/v1/projects/{id}") == 2, "the call and exactly one replay")
            #expect(stats.tokenGrants["password"] == 2, "the first grant and exactly one refresh")
        }
    }

    @Test("token requests are form-encoded and carry scope=iconect_api", arguments: TransportKind.allCases)
    func tokenRequestsAreFormEncoded(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            _ = try await client.projects.list()
            let requests = emulator.stats().tokenRequests
            #expect(requests.count == 1)
            for request in requests {
                #expect(request.contentType?.hasPrefix("application/x-www-form-urlencoded") == true)
                #expect(request.scope?.split(separator: " ").contains("iconect_api") == true)
                #expect(request.grantType == "password")
                #expect(request.clientAuthentication == "post")
                #expect(request.succeeded)
            }
        }
    }

    @Test("HTTP Basic client authentication is used when configured", arguments: TransportKind.allCases)
    func basicClientAuthentication(transport: TransportKind) async throws {
        try await withEmulator(configure: { $0.clientAuthentication = .basic }, transport: transport) { emulator, client in
            _ = try await client.projects.list()
            #expect(emulator.stats().tokenRequests.map(\.clientAuthentication) == ["basic"])
        }
    }

    @Test("the client-credentials grant signs in", arguments: TransportKind.allCases)
    func clientCredentials(transport: TransportKind) async throws {
        try await withEmulator(credentials: .clientCredentials, transport: transport) { emulator, client in
            _ = try await client.projects.list()
            #expect(emulator.stats().tokenGrants["client_credentials"] == 1)
            let status = await client.auth.status()
            #expect(status.isAuthenticated)
            #expect(status.grantType == "client_credentials")
        }
    }

    @Test("authorization code with PKCE: valid S256 challenge, state checked, refresh token kept", arguments: TransportKind.allCases)
    func authorizationCodeWithPKCE(transport: TransportKind) async throws {
        try await withEmulator(credentials: .none, transport: transport) { emulator, client in
            let redirect = try #require(URL(string: "http://127.0.0.1:9/callback"))
            let request = try await client.auth.authorizationRequest(redirectURI: redirect)
            let items = try #require(URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.queryItems)
            func item(_ name: String) -> String? { items.first { $0.name == name }?.value }
            let verifier = try #require(request.codeVerifier?.reveal())
            #expect(PKCE.isValidVerifier(verifier))
            #expect(item("code_challenge") == PKCE.challenge(for: verifier))
            #expect(item("code_challenge_method") == "S256")
            #expect(item("state") == request.state)
            #expect(item("scope") == "iconect_api")

            // A forged redirect (wrong state) is refused before any code exchange.
            let forged = try #require(URL(string: "http://127.0.0.1:9/callback?code=abc&state=forged"))
            let error = try await expectIconectError { try await client.auth.completeAuthorization(callback: forged) }
            #expect(error.code == .authentication)
            #expect(emulator.stats().tokenRequests.isEmpty)

            // The browser's part: follow the authorize URL and read the redirect.
            let callback = try await authorize(request.url)
            let status = try await client.auth.completeAuthorization(callback: callback)
            #expect(status.grantType == "authorization_code")
            #expect(status.hasRefreshToken)
            _ = try await client.projects.get(id: emulator.seed.projectId)
            #expect(emulator.stats().tokenGrants["authorization_code"] == 1)

            // With a refresh token, a revoked access token is renewed through the refresh grant.
            emulator.revokeAllAccessTokens()
            _ = try await client.projects.get(id: emulator.seed.projectId)
            #expect(emulator.stats().tokenGrants["refresh_token"] == 1)
        }
    }

    @Test("logout revokes the refresh token and clears the session", arguments: TransportKind.allCases)
    func logoutRevokes(transport: TransportKind) async throws {
        try await withEmulator(credentials: .none, transport: transport) { emulator, client in
            let redirect = try #require(URL(string: "http://127.0.0.1:9/callback"))
            let request = try await client.auth.authorizationRequest(redirectURI: redirect)
            try await client.auth.completeAuthorization(callback: try await authorize(request.url))
            await client.auth.logout()
            #expect(await client.auth.status().isAuthenticated == false)
            #expect(emulator.stats().count("POST", "/openid/revoke", status: 200) == 1)
            let error = try await expectIconectError { try await client.projects.list() }
            #expect(error.code == .unauthorized)
        }
    }

    @Test("a wrong password surfaces .unauthorized with the provider's error code", arguments: TransportKind.allCases)
    func wrongPassword(transport: TransportKind) async throws {
        try await withEmulator(credentials: .password(username: "demo", password: "wrong"), transport: transport) { _, client in
            let error = try await expectIconectError { try await client.projects.list() }
            #expect(error.code == .unauthorized)
            #expect(error.serverCode == "invalid_grant")
            #expect(error.status == 400)
        }
    }
}

/// Follows an authorize URL as a browser would, without following the redirect, and returns the redirect's URL.
func authorize(_ url: URL) async throws -> URL {
    final class NoRedirect: NSObject, URLSessionTaskDelegate {
        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }
    }
    let session = URLSession(configuration: .ephemeral, delegate: NoRedirect(), delegateQueue: nil)
    defer { session.finishTasksAndInvalidate() }
    let (_, response) = try await session.data(for: URLRequest(url: url))
    let http = try #require(response as? HTTPURLResponse)
    #expect(http.statusCode == 302)
    let location = try #require(http.value(forHTTPHeaderField: "Location"))
    return try #require(URL(string: location))
}
