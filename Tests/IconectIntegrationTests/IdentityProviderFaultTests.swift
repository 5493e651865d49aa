import Foundation
import Iconect
import IconectEmulator
import Testing

/// Faults on the identity provider (`/openid/*`, discovery): what the client survives and what it reports.
@Suite("Identity provider faults", .timeLimit(.minutes(10)))
struct IdentityProviderFaultTests {
    @Test("503s from the token endpoint are retried and the grant succeeds", arguments: TransportKind.allCases)
    func tokenEndpointRetried(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "POST", path: "/openid/token", status: 503, times: 2)])
            let page = try await client.projects.list()
            #expect(page.total >= 1)
            let stats = emulator.stats()
            #expect(stats.count("POST", "/openid/token", status: 503) == 2, "both 503s reached the server")
            #expect(stats.count("POST", "/openid/token", status: 200) == 1, "the third attempt signed in")
            #expect(stats.tokenGrants["password"] == 1)
        }
    }

    @Test("a token endpoint that stays down surfaces .server after the policy's attempts", arguments: TransportKind.allCases)
    func tokenEndpointDown(transport: TransportKind) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([FaultRule(method: "POST", path: "/openid/token", status: 503)])
            let error = try await expectIconectError { try await client.projects.list() }
            #expect(error.code == .server, "\(error)")
            #expect(error.status == 503)
            #expect(emulator.stats().count("POST", "/openid/token", status: 503) == 3, "maxAttempts is 3")
            #expect(emulator.stats().count("GET", "/v1/projects") == 0, "no API call without a token")
        }
    }

    @Test("a refresh that fails while the current token is still valid falls back to it", arguments: TransportKind.allCases)
    func refreshFailureFallsBack(transport: TransportKind) async throws {
        // A 20 s token is refreshed from 10 s on (the leeway is capped at half the lifetime).
        try await withEmulator(EmulatorConfiguration(tokenLifetime: 20), configure: { $0.refreshLeeway = .seconds(30) },
                               transport: transport) { emulator, client in
            let projectId = emulator.seed.projectId
            _ = try await client.projects.get(id: projectId)
            emulator.setFaults([FaultRule(method: "POST", path: "/openid/token", status: 503)])
            // Keep calling until a refresh was attempted (and failed): every call must still succeed on the old token.
            let deadline = ContinuousClock.now + .seconds(60)
            var calls = 0
            while emulator.stats().count("POST", "/openid/token", status: 503) == 0 {
                try #require(ContinuousClock.now < deadline, "no refresh was attempted within 60 s of a 20 s token")
                _ = try await client.projects.get(id: projectId)
                calls += 1
                try await Task.sleep(for: .milliseconds(200))  // pacing, not synchronisation
            }
            let afterRefresh = try await client.projects.get(id: projectId)
            #expect(afterRefresh.id == projectId, "the call after the failed refresh used the current token")
            let stats = emulator.stats()
            #expect(stats.tokenGrants["password"] == 1, "no new token was issued")
            #expect(stats.count("GET", "/v1/projects/{id}", status: 200) == calls + 2)
            #expect(stats.count("GET", "/v1/projects/{id}", status: 401) == 0)
            #expect(await client.auth.status().isAuthenticated)
        }
    }

    @Test("without a usable discovery document the client falls back to /openid/token",
          arguments: TransportKind.allCases, [FaultRule(method: "GET", path: "/.well-known/*", status: 404),
                                               FaultRule(method: "GET", path: "/.well-known/*", malformedBody: true)])
    func discoveryFallback(transport: TransportKind, fault: FaultRule) async throws {
        try await withEmulator(transport: transport) { emulator, client in
            emulator.setFaults([fault])
            _ = try await client.projects.list()
            let stats = emulator.stats()
            #expect(stats.count("GET", "/.well-known/openid-configuration") == 1, "discovery was tried once")
            #expect(stats.faultsInjected == 1)
            #expect(stats.count("POST", "/openid/token", status: 200) == 1)
            #expect(stats.tokenGrants["password"] == 1)
        }
    }

    @Test("the authorization-code exchange survives a 503 and refuses a code used twice", arguments: TransportKind.allCases)
    func codeExchange(transport: TransportKind) async throws {
        try await withEmulator(credentials: .none, transport: transport) { emulator, client in
            let redirect = try #require(URL(string: "http://127.0.0.1:9/callback"))
            let request = try await client.auth.authorizationRequest(redirectURI: redirect)
            let callback = try await authorize(request.url)
            let code = try #require(URLComponents(url: callback, resolvingAgainstBaseURL: false)?.queryItems?
                .first { $0.name == "code" }?.value)

            emulator.setFaults([FaultRule(method: "POST", path: "/openid/token", status: 503, times: 1)])
            let status = try await client.auth.exchange(code: code)
            #expect(status.grantType == "authorization_code")
            #expect(status.hasRefreshToken)
            #expect(emulator.stats().count("POST", "/openid/token", status: 503) == 1, "the 503 reached the server")
            #expect(emulator.stats().tokenGrants["authorization_code"] == 1, "the exchange was sent again after it")
            _ = try await client.projects.get(id: emulator.seed.projectId)

            // A code is single-use: exchanging it again is the provider's invalid_grant, typed .unauthorized.
            let verifier = request.codeVerifier?.reveal()
            let error = try await expectIconectError {
                try await client.auth.exchange(code: code, codeVerifier: verifier, redirectURI: redirect)
            }
            #expect(error.code == .unauthorized, "\(error)")
            #expect(error.serverCode == "invalid_grant")
            #expect(error.status == 400)
            #expect(emulator.stats().tokenGrants["authorization_code"] == 1)
        }
    }
}
