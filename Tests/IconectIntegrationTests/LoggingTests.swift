import Foundation
import Iconect
import IconectEmulator
import Logging
import Testing

@Suite("Logging never reveals secrets", .timeLimit(.minutes(10)))
struct LoggingTests {
    @Test("no password, client secret or token appears in any log line at trace level", arguments: TransportKind.allCases)
    func noSecretsInLogs(transport: TransportKind) async throws {
        let store = CapturingLogHandler.Store()
        let password = "demo-password"
        try await withEmulator(configure: { $0.logger = Logger(label: "test") { _ in CapturingLogHandler(store: store) } }, transport: transport) {
            emulator, client in
            _ = try await client.projects.get(id: emulator.seed.projectId)
            emulator.revokeAllAccessTokens()
            _ = try await client.projects.get(id: emulator.seed.projectId)  // 401, refresh, replay
            _ = try? await client.projects.get(id: "missing")
            let status = await client.auth.status()
            #expect(!"\(status)".contains("eyJ"))
        }
        let lines = store.all
        #expect(lines.count > 4, "the client logs at trace/debug level")
        for line in lines {
            #expect(!line.contains(password), "password in: \(line)")
            #expect(!line.contains("emulator-secret"), "client secret in: \(line)")
            #expect(!line.contains("eyJ"), "a JWT in: \(line)")
            #expect(!line.contains("Bearer "), "an Authorization header in: \(line)")
        }
    }

    @Test("credentials and configuration print without their secrets")
    func descriptionsRedact() throws {
        let credentials = Credentials.password(username: "demo", password: "hunter2")
        #expect(!"\(credentials)".contains("hunter2"))
        #expect(!String(reflecting: credentials).contains("hunter2"))
        let configuration = try IconectConfiguration(baseURL: "https://api.example.com", clientId: "c", clientSecret: "s3cr3t-value",
                                                     credentials: credentials)
        var dumped = ""
        dump(configuration, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(!dumped.contains("s3cr3t-value"))
    }
}
