import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

@Suite("API errors and configuration", .timeLimit(.minutes(10)))
struct APIErrorTests {
    @Test("a 404 is an isError result with status, the server's code and the request id")
    func notFound() async throws {
        try await MCPHarness.with { harness in
            let error = try await harness.failure("iconect_get_project", ["id": "prj_missing"])
            #expect(error["code"] == "notFound")
            #expect(error["status"] == 404)
            #expect(error["serverCode"] == "NOT_FOUND")
            #expect(error["operation"] == "iconect_get_project")
            let requestId = try #require(error["requestId"]?.stringValue)
            #expect(!requestId.isEmpty)
            #expect(harness.emulator.stats().recentRequests.contains { $0.status == 404 })
            #expect(error["message"]?.stringValue?.isEmpty == false)
        }
    }

    @Test("a server validation error keeps its per-field messages")
    func serverValidation() async throws {
        try await MCPHarness.with { harness in
            let error = try await harness.failure("iconect_bulk_update_records", [
                "projectId": "prj_missing", "action": "tag", "recordIds": ["rec_1"], "parameters": ["tags": ["hot"]],
            ])
            #expect(error["code"] == "validation")
            #expect(error["status"] == 400)
            #expect(error["serverCode"] == "VALIDATION_ERROR")
            #expect(error["fields"]?.objectValue?["projectId"]?.arrayValue?.isEmpty == false)
            #expect(error["argument"] == nil)
            #expect(error["requestId"] != nil)
        }
    }

    @Test("before any configuration, API tools answer how to configure, and iconect_configure fixes it")
    func unconfigured() async throws {
        try await MCPHarness.with(configured: false) { harness in
            let error = try await harness.failure("iconect_get_project", [:])
            #expect(error["code"] == "notConfigured")
            let message = try #require(error["message"]?.stringValue)
            #expect(message.contains("ICONECT_BASE_URL"))
            #expect(message.contains("iconect_configure"))

            let status = try await harness.success("iconect_get_auth_status")
            #expect(status["configured"] == false)

            let refused = try await harness.failure("iconect_configure", ["baseUrl": "not a url", "clientId": "emulator-client"])
            #expect(refused["argument"] == "baseUrl")
            let insecure = try await harness.failure("iconect_configure", ["baseUrl": "http://example.com", "clientId": "c"])
            #expect(insecure["argument"] == "baseUrl")
            let badTimeout = try await harness.failure("iconect_configure", [
                "baseUrl": .string(harness.emulator.baseURL.absoluteString), "clientId": "emulator-client", "timeout": 0,
            ])
            #expect(badTimeout["argument"] == "timeout")

            _ = try await harness.success("iconect_configure", [
                "baseUrl": .string(harness.emulator.baseURL.absoluteString), "clientId": "emulator-client",
                "clientSecret": "emulator-secret",
            ])
            // Configured, but no user signed in yet: the agent signs in, then works.
            let signedIn = try await harness.success("iconect_auth_password", ["username": "demo", "password": "demo-password"])
            #expect(signedIn["isAuthenticated"] == true)
            #expect("\(Value.object(signedIn))".contains("demo-password") == false)
            let project = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
            #expect(project["id"] == .string(harness.emulator.seed.projectId))

            let wrong = try await harness.failure("iconect_auth_password", ["username": "demo", "password": "nope"])
            #expect(wrong["code"] == "authentication" || wrong["code"] == "unauthorized")
            #expect("\(Value.object(wrong))".contains("nope") == false)
        }
    }

    @Test("iconect_configure for another origin does not send the environment's secrets there")
    func configureElsewhereDropsSecrets() async throws {
        try await MCPHarness.with { harness in
            let other = try await harness.success("iconect_configure", ["baseUrl": "https://other.example.com", "clientId": "x"])
            #expect(other["credentials"] == "none")
            #expect(other["hasClientSecret"] == false)
        }
    }

    @Test("generate_auth_url keeps the PKCE verifier and answers the URL and state")
    func authorizationURL() async throws {
        try await MCPHarness.with { harness in
            let request = try await harness.success("iconect_generate_auth_url", ["redirectUri": "http://127.0.0.1:9/callback"])
            let url = try #require(request["url"]?.stringValue)
            #expect(url.contains("code_challenge="))
            #expect(url.contains("code_challenge_method=S256"))
            #expect(request["state"]?.stringValue?.isEmpty == false)
            #expect(request["codeVerifierKept"] == true)
            #expect(request["codeVerifier"] == nil)
        }
    }
}
