import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Iconect
import IconectEmulator
import Testing

/// Signing in from code, after the client exists: with a refresh token obtained elsewhere, and with other credentials.
@Suite("Sign-in from code", .timeLimit(.minutes(5)))
struct SignInTests {
    /// A refresh token of the demo user, from an authorization-code exchange made outside the client under test.
    static func refreshToken(_ emulator: EmulatorServer, via client: IconectClient) async throws -> String {
        let redirect = try #require(URL(string: "http://127.0.0.1:9/callback"))
        let request = try await client.auth.authorizationRequest(redirectURI: redirect)
        let callback = try await authorize(request.url)
        let code = try #require(URLComponents(url: callback, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "code" }?.value)
        let verifier = try #require(request.codeVerifier?.reveal())
        var token = URLRequest(url: emulator.baseURL.appendingPathComponent("openid/token"))
        token.httpMethod = "POST"
        token.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        let form = ["grant_type=authorization_code", "code=\(code)", "code_verifier=\(verifier)", "client_id=emulator-client",
                    "client_secret=emulator-secret", "scope=iconect_api",
                    "redirect_uri=\(redirect.absoluteString.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"]
        token.httpBody = Data(form.joined(separator: "&").utf8)
        let (data, _) = try await URLSession.shared.data(for: token)
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["refresh_token"] as? String, "no refresh token in \(String(decoding: data, as: UTF8.self))")
    }

    @Test("signIn(refreshToken:) signs in with the refresh grant", arguments: TransportKind.allCases)
    func refreshTokenSignIn(transport: TransportKind) async throws {
        try await withEmulator(credentials: .none, transport: transport) { emulator, client in
            let refresh = try await Self.refreshToken(emulator, via: client)
            let status = try await client.auth.signIn(refreshToken: Secret(refresh))
            #expect(status.isAuthenticated)
            #expect(status.grantType == "refresh_token")
            _ = try await client.projects.get(id: emulator.seed.projectId)
            let stats = emulator.stats()
            #expect(stats.tokenGrants["refresh_token"] == 1)
            #expect(stats.tokenRequests.last?.grantType == "refresh_token")
            #expect(stats.count("GET", "/v1/projects/{id}", status: 200) == 1)
        }
    }

    @Test("signIn(with:) replaces the credentials; statistics can be reset", arguments: TransportKind.allCases)
    func signInWithCredentials(transport: TransportKind) async throws {
        try await withEmulator(credentials: .none, transport: transport) { emulator, client in
            let refused = try await expectIconectError { try await client.projects.list() }
            #expect(refused.code == .unauthorized)
            #expect(emulator.stats().count("GET", "/v1/projects") == 0, "nothing is sent without credentials")
            let status = try await client.auth.signIn(with: .clientCredentials)
            #expect(status.grantType == "client_credentials")
            _ = try await client.projects.list()
            #expect(emulator.stats().tokenGrants["client_credentials"] == 1)
            #expect(client.statistics()["iconect_list_projects"]?.count == 2)
            client.resetStatistics()
            #expect(client.statistics()["iconect_list_projects"]?.count ?? 0 == 0)
        }
    }
}
