import Foundation
import IconectEmulator
import Testing

@Suite("OIDC and bearer tokens", .timeLimit(.minutes(5)))
struct AuthTests {
    @Test func discoveryDocument() async throws {
        try await withEmulator { server, client in
            let answer = try await client.send("GET", "/.well-known/openid-configuration")
            #expect(answer.status == 200)
            let document = try answer.json
            let base = server.baseURL.absoluteString
            #expect(document["issuer"] == .string(base))
            #expect(document["token_endpoint"] == .string(base + "/openid/token"))
            #expect(document["authorization_endpoint"] == .string(base + "/openid/authorize"))
            #expect(document["revocation_endpoint"] == .string(base + "/openid/revoke"))
            #expect(document["code_challenge_methods_supported"] == ["S256"])
            #expect(document["scopes_supported"] == ["openid", "iconect_api"])
            #expect(document["grant_types_supported"]?.arrayValue?.contains("password") == true)
        }
    }

    @Test func accessTokenIsAPasswordGrantThatTheAPIAccepts() async throws {
        try await withEmulator(EmulatorConfiguration(users: [.init(username: "ana", password: "pw-1"), .init(username: "demo", password: "demo-password")])) { server, client in
            let token = try await server.accessToken()
            #expect(try await client.send("GET", "/v1/projects", token: token).status == 200)
            #expect(server.stats().tokenGrants["password"] == 1, "one grant, counted like any other")
            _ = try await server.accessToken(for: .init(username: "demo", password: "demo-password"))
            #expect(server.stats().tokenGrants["password"] == 2)
            await #expect(throws: EmulatorError.self) { try await server.accessToken(for: .init(username: "ana", password: "wrong")) }
        }
    }

    @Test func passwordGrantIsFormOnly() async throws {
        try await withEmulator { server, client in
            let good = try await client.tokenRequest([
                "grant_type": "password", "username": "demo", "password": "demo-password", "scope": "iconect_api",
                "client_id": "emulator-client", "client_secret": "emulator-secret",
            ])
            #expect(good.status == 200)
            let body = try good.json
            #expect(body["token_type"] == "Bearer")
            #expect(body["expires_in"] == 3600)
            #expect(body["refresh_token"] == nil)
            #expect(body["access_token"]?.stringValue?.split(separator: ".").count == 3)

            let json = try await client.sendJSON("POST", "/openid/token", [
                "grant_type": "password", "username": "demo", "password": "demo-password", "scope": "iconect_api",
                "client_id": "emulator-client", "client_secret": "emulator-secret",
            ])
            #expect(json.status == 400)
            #expect(try json.json["error"] == "invalid_request")

            let stats = server.stats()
            #expect(stats.tokenGrants["password"] == 1)
            #expect(stats.tokenRequests.count == 2)
            #expect(stats.tokenRequests[0].clientAuthentication == "post")
            #expect(stats.tokenRequests[0].succeeded)
            #expect(stats.tokenRequests[1].contentType?.hasPrefix("application/json") == true)
            #expect(stats.tokenRequests[1].error == "invalid_request")
        }
    }

    @Test func grantErrors() async throws {
        try await withEmulator { _, client in
            let base = ["grant_type": "password", "username": "demo", "password": "demo-password", "client_id": "emulator-client"]
            var noScope = base
            noScope["client_secret"] = "emulator-secret"
            noScope["scope"] = "openid"
            let scope = try await client.tokenRequest(noScope)
            #expect(scope.status == 400)
            #expect(try scope.json["error"] == "invalid_scope")

            var wrongSecret = base
            wrongSecret["client_secret"] = "nope"
            wrongSecret["scope"] = "iconect_api"
            let secret = try await client.tokenRequest(wrongSecret)
            #expect(secret.status == 401)
            #expect(try secret.json["error"] == "invalid_client")

            var wrongPassword = base
            wrongPassword["client_secret"] = "emulator-secret"
            wrongPassword["scope"] = "iconect_api"
            wrongPassword["password"] = "wrong"
            let password = try await client.tokenRequest(wrongPassword)
            #expect(password.status == 400)
            #expect(try password.json["error"] == "invalid_grant")

            let basic = Data("emulator-client:emulator-secret".utf8).base64EncodedString()
            let viaBasic = try await client.tokenRequest(
                ["grant_type": "client_credentials", "scope": "iconect_api"], headers: ["Authorization": "Basic \(basic)"])
            #expect(viaBasic.status == 200)
            #expect(try viaBasic.json["refresh_token"] == nil)
        }
    }

    /// base64url(SHA-256(verifier)) for the verifiers these tests use (computed independently, with Python's hashlib).
    static let challenges = [
        "verifier-" + String(repeating: "a", count: 50): "kZji0PIjPKX563rfKDwhEgYo40oal2mRzEJegsCuSZA",
        "right-verifier-0123456789012345678901234567890123": "CwnAiTaaqbr8xFJMq_5lFhgud1sShEvU3bMbtPEk-1I",
        "another-verifier-0123456789012345678901234567890123": "MQUXwhCrpHTgcJDQFm2Y7SMzUXtnL5BrEJkzR9USJL4",
    ]

    static func challenge(for verifier: String) -> String {
        challenges[verifier] ?? ""
    }

    /// Runs `/openid/authorize` and returns the code from the redirect.
    static func authorize(_ client: TestClient, verifier: String, redirect: String = "http://localhost:9999/callback") async throws -> String {
        let query = TestClient.formEncode([
            "response_type": "code", "client_id": "public-app", "redirect_uri": redirect, "scope": "openid iconect_api",
            "state": "xyz", "code_challenge": challenge(for: verifier), "code_challenge_method": "S256",
        ])
        let answer = try await client.send("GET", "/openid/authorize?" + query)
        #expect(answer.status == 302)
        let location = try #require(answer.header("Location"))
        let components = try #require(URLComponents(string: location))
        #expect(location.hasPrefix(redirect + "?"))
        #expect(components.queryItems?.first { $0.name == "state" }?.value == "xyz")
        return try #require(components.queryItems?.first { $0.name == "code" }?.value)
    }

    static let pkceConfiguration = EmulatorConfiguration(
        oauthClients: [.init(id: "public-app", secret: nil), .init(id: "emulator-client", secret: "emulator-secret")]
    )

    @Test func authorizationCodeWithPKCEAndRefreshRotation() async throws {
        try await withEmulator(Self.pkceConfiguration) { server, client in
            let verifier = "verifier-" + String(repeating: "a", count: 50)
            let code = try await Self.authorize(client, verifier: verifier)
            let exchanged = try await client.tokenRequest([
                "grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:9999/callback",
                "code_verifier": verifier, "client_id": "public-app",
            ])
            #expect(exchanged.status == 200)
            let tokens = try exchanged.json
            let refresh = try #require(tokens["refresh_token"]?.stringValue)
            let access = try #require(tokens["access_token"]?.stringValue)
            #expect(try await client.send("GET", "/v1/projects", token: access).status == 200)

            // Codes are single-use.
            let reused = try await client.tokenRequest([
                "grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:9999/callback",
                "code_verifier": verifier, "client_id": "public-app",
            ])
            #expect(try reused.json["error"] == "invalid_grant")

            // Refresh rotates: the new refresh token works, the old one no longer does.
            let refreshed = try await client.tokenRequest(["grant_type": "refresh_token", "refresh_token": refresh, "client_id": "public-app"])
            #expect(refreshed.status == 200)
            let rotated = try #require(try refreshed.json["refresh_token"]?.stringValue)
            #expect(rotated != refresh)
            let old = try await client.tokenRequest(["grant_type": "refresh_token", "refresh_token": refresh, "client_id": "public-app"])
            #expect(old.status == 400)
            #expect(try old.json["error"] == "invalid_grant")
            let again = try await client.tokenRequest(["grant_type": "refresh_token", "refresh_token": rotated, "client_id": "public-app"])
            #expect(again.status == 200)
            #expect(server.stats().tokenGrants["authorization_code"] == 1)
            #expect(server.stats().tokenGrants["refresh_token"] == 2)
        }
    }

    @Test func wrongVerifierAndRedirectAreRejected() async throws {
        try await withEmulator(Self.pkceConfiguration) { _, client in
            let code = try await Self.authorize(client, verifier: "right-verifier-0123456789012345678901234567890123")
            let wrong = try await client.tokenRequest([
                "grant_type": "authorization_code", "code": code, "redirect_uri": "http://localhost:9999/callback",
                "code_verifier": "wrong-verifier-0123456789012345678901234567890123", "client_id": "public-app",
            ])
            #expect(wrong.status == 400)
            #expect(try wrong.json["error"] == "invalid_grant")

            let verifier = "another-verifier-0123456789012345678901234567890123"
            let second = try await Self.authorize(client, verifier: verifier)
            let badRedirect = try await client.tokenRequest([
                "grant_type": "authorization_code", "code": second, "redirect_uri": "http://localhost:9999/other",
                "code_verifier": verifier, "client_id": "public-app",
            ])
            #expect(try badRedirect.json["error"] == "invalid_grant")
        }
    }

    @Test func authorizeErrorsRedirectWithState() async throws {
        try await withEmulator(Self.pkceConfiguration) { _, client in
            let query = TestClient.formEncode([
                "response_type": "code", "client_id": "public-app", "redirect_uri": "http://localhost:9999/cb",
                "scope": "openid", "state": "s1", "code_challenge": "abc", "code_challenge_method": "S256",
            ])
            let answer = try await client.send("GET", "/openid/authorize?" + query)
            #expect(answer.status == 302)
            let location = try #require(answer.header("Location"))
            #expect(location.contains("error=invalid_scope"))
            #expect(location.contains("state=s1"))
            let unknownClient = try await client.send("GET", "/openid/authorize?client_id=nobody&redirect_uri=http://x/cb")
            #expect(unknownClient.status == 400)
        }
    }

    @Test func missingExpiredAndRevokedTokensAnswer401() async throws {
        // Three seconds: `exp` has whole-second precision, so a 1 s token may live only a few milliseconds on a loaded machine.
        try await withEmulator(.init(tokenLifetime: 3)) { server, client in
            let missing = try await client.send("GET", "/v1/projects")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == "Bearer error=\"invalid_token\"")
            #expect(try missing.json["error"]?["code"] == "UNAUTHORIZED")
            #expect(missing.header("X-Request-Id") != nil)

            let garbage = try await client.send("GET", "/v1/projects", token: "not.a.jwt")
            #expect(garbage.status == 401)

            let token = try await client.token()
            #expect(try await client.send("GET", "/v1/projects", token: token).status == 200)
            try await Task.sleep(for: .milliseconds(3_200))
            let expired = try await client.send("GET", "/v1/projects", token: token)
            #expect(expired.status == 401)
            #expect(expired.header("WWW-Authenticate") == "Bearer error=\"invalid_token\"")

            let fresh = try await client.token()
            server.revokeAllAccessTokens()
            #expect(try await client.send("GET", "/v1/projects", token: fresh).status == 401)
            #expect(server.stats().count("GET", "/v1/projects", status: 401) == 4)
        }
    }

    @Test func revokeEndpointRevokesAnAccessToken() async throws {
        try await withEmulator { _, client in
            let token = try await client.token()
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 200)
            let revoke = try await client.send(
                "POST", "/openid/revoke", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                body: Data("token=\(token)&token_type_hint=access_token".utf8))
            #expect(revoke.status == 200)
            #expect(try await client.send("GET", "/v1/clients", token: token).status == 401)
        }
    }
}
