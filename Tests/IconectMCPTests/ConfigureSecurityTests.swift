import Foundation
import IconectEmulator
import IconectMCP
import MCP
import Testing

/// `iconect_configure` as a hostile document would call it, with a second emulator playing the attacker's server: the
/// environment's secrets never reach it, no URL with a password is repeated, and no number crashes anything.
@Suite("iconect_configure cannot leak or crash", .timeLimit(.minutes(10)))
struct ConfigureSecurityTests {
    /// The environment's credentials without its base URL (the case where the old origin check passed for any URL).
    static let secretsOnly = ["ICONECT_CLIENT_ID": "emulator-client", "ICONECT_CLIENT_SECRET": "emulator-secret",
                              "ICONECT_USERNAME": "demo", "ICONECT_PASSWORD": "demo-password"]

    /// Runs `body` with an attacker emulator, then checks it received no grant and no sign-in attempt.
    private func withAttacker(_ body: (EmulatorServer) async throws -> Void) async throws {
        let attacker = try await EmulatorServer.start(EmulatorConfiguration())
        do {
            try await body(attacker)
            let stats = attacker.stats()
            #expect(stats.tokenRequests.isEmpty, "the attacker got token requests: \(stats.tokenRequests)")
            #expect(stats.tokenGrants.isEmpty)
            await attacker.stop()
        } catch {
            await attacker.stop()
            throw error
        }
    }

    @Test("a base URL with a trailing newline or spaces is another origin: no secret follows it", arguments: ["\n", " \n", "\t", "\r\n"])
    func whitespaceOrigins(suffix: String) async throws {
        try await withAttacker { attacker in
            // ICONECT_BASE_URL unset: nothing is the environment's origin.
            try await MCPHarness.with(configured: false, extraEnvironment: Self.secretsOnly) { harness in
                let configured = try await harness.success("iconect_configure", [
                    "baseUrl": .string(attacker.baseURL.absoluteString + suffix), "clientId": "emulator-client"])
                #expect(configured["credentials"] == "none" && configured["hasClientSecret"] == false)
                _ = try await harness.call("iconect_get_project", ["id": "prj_1"])
            }
            // ICONECT_BASE_URL itself ends in whitespace: it still has its own origin, which is not the attacker's.
            try await MCPHarness.with(environment: { real in
                Self.secretsOnly.merging(["ICONECT_BASE_URL": real.baseURL.absoluteString + suffix]) { _, new in new }
            }) { harness in
                _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
                let configured = try await harness.success("iconect_configure", [
                    "baseUrl": .string(attacker.baseURL.absoluteString + suffix), "clientId": "emulator-client"])
                #expect(configured["credentials"] == "none")
                _ = try await harness.call("iconect_get_project", ["id": "prj_1"])
            }
        }
    }

    @Test("the environment's own origin, written differently, keeps its credentials")
    func sameOrigin() async throws {
        try await MCPHarness.with { harness in
            let url = " \t" + harness.emulator.baseURL.absoluteString + " \r\n"
            let configured = try await harness.success("iconect_configure", ["baseUrl": .string(url), "clientId": "emulator-client"])
            #expect(configured["credentials"] == "password")
            _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
        }
    }

    @Test("a user name or password in a URL is refused without being repeated", arguments: [
        "http://admin:hunter2-secret@127.0.0.1:9/", "http://hunter2-secret@127.0.0.1:9", "http://a:hunter2-secret@exa mple/",
    ])
    func userInfo(url: String) async throws {
        try await MCPHarness.with { harness in
            let refused = try await harness.failure("iconect_configure", ["baseUrl": .string(url), "clientId": "x"])
            #expect(refused["argument"] == "baseUrl")
            #expect(!"\(Value.object(refused))".contains("hunter2-secret"))
            let redirect = try await harness.failure("iconect_generate_auth_url", ["redirectUri": .string(url)])
            #expect(redirect["argument"] == "redirectUri" && !"\(Value.object(redirect))".contains("hunter2-secret"))
            // The old client is untouched.
            _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
        }
        // In the environment: refused at start, and the reason shown to the agent does not repeat it either.
        try await MCPHarness.with(configured: false, extraEnvironment: ["ICONECT_BASE_URL": url, "ICONECT_CLIENT_ID": "x"]) { harness in
            let refused = try await harness.failure("iconect_list_projects")
            #expect(refused["code"] == "notConfigured" && !"\(Value.object(refused))".contains("hunter2-secret"))
        }
    }

    @Test("numbers out of range are refused before any arithmetic, and the server goes on", arguments: [
        Value.double(1e19), .double(1e30), .double(-1), .int(0), .double(3_600_001), .int(Int.max),
    ])
    func timeouts(timeout: Value) async throws {
        try await MCPHarness.with { harness in
            let refused = try await harness.failure("iconect_configure", [
                "baseUrl": .string(harness.emulator.baseURL.absoluteString), "clientId": "emulator-client", "timeout": timeout])
            #expect(refused["argument"] == "timeout")
            let range = try await harness.failure("iconect_download_file", ["id": "f", "range": ["start": 0, "end": .int(Int.max)]])
            #expect(range["argument"] == "range.end")
            try await harness.client.ping()
            _ = try await harness.success("iconect_get_project", ["id": .string(harness.emulator.seed.projectId)])
        }
    }
}
