import Foundation
import Iconect
import Testing

/// Configuration values a careless caller (or a hostile environment) could pass: each is refused when the client is made,
/// with ``IconectError/Code/invalidConfiguration`` naming the field, before anything is sent or written.
@Suite("Bad input: configuration")
struct BadConfigurationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let testDescription: String
        let field: String
        let change: @Sendable (inout IconectConfiguration) -> Void
    }

    static func url(_ text: String) -> URL { URL(string: text)! }

    static let cases: [Case] = [
        Case(testDescription: "baseURL ftp://", field: "baseURL") { $0.baseURL = url("ftp://api.example.com") },
        Case(testDescription: "baseURL file://", field: "baseURL") { $0.baseURL = url("file:///etc/passwd") },
        Case(testDescription: "baseURL ws://", field: "baseURL") { $0.baseURL = url("ws://api.example.com") },
        Case(testDescription: "baseURL javascript:", field: "baseURL") { $0.baseURL = url("javascript:alert(1)") },
        Case(testDescription: "baseURL http on a public host", field: "baseURL") { $0.baseURL = url("http://api.example.com") },
        Case(testDescription: "baseURL http on a private address", field: "baseURL") { $0.baseURL = url("http://10.0.0.5:8080") },
        Case(testDescription: "baseURL http to the metadata service", field: "baseURL") { $0.baseURL = url("http://169.254.169.254") },
        Case(testDescription: "baseURL http on localhost.evil.example", field: "baseURL") { $0.baseURL = url("http://localhost.evil.example") },
        Case(testDescription: "baseURL http on a *.localhost name", field: "baseURL") { $0.baseURL = url("http://api.localhost:8080") },
        Case(testDescription: "baseURL http on 127.0.0.1.nip.io", field: "baseURL") { $0.baseURL = url("http://127.0.0.1.nip.io") },
        Case(testDescription: "baseURL http on 0.0.0.0", field: "baseURL") { $0.baseURL = url("http://0.0.0.0:8080") },
        Case(testDescription: "baseURL http on a decimal address", field: "baseURL") { $0.baseURL = url("http://2130706433") },
        Case(testDescription: "baseURL with a query", field: "baseURL") { $0.baseURL = url("https://api.example.com/?x=1") },
        Case(testDescription: "baseURL with a fragment", field: "baseURL") { $0.baseURL = url("https://api.example.com/#f") },
        Case(testDescription: "identityURL http on a public host", field: "identityURL") { $0.identityURL = url("http://id.example.com") },
        Case(testDescription: "tokenEndpoint http on a public host", field: "tokenEndpoint") { $0.tokenEndpoint = url("http://id.example.com/t") },
        Case(testDescription: "apiPath without a slash", field: "apiPath") { $0.apiPath = "v1" },
        Case(testDescription: "apiPath ending with a slash", field: "apiPath") { $0.apiPath = "/v1/" },
        Case(testDescription: "requestTimeout zero", field: "requestTimeout") { $0.requestTimeout = .zero },
        Case(testDescription: "requestTimeout negative", field: "requestTimeout") { $0.requestTimeout = .seconds(-5) },
        Case(testDescription: "maximumConnectionsPerHost zero", field: "maximumConnectionsPerHost") { $0.maximumConnectionsPerHost = 0 },
        Case(testDescription: "maximumConnectionsPerHost negative", field: "maximumConnectionsPerHost") { $0.maximumConnectionsPerHost = -3 },
        Case(testDescription: "refreshLeeway negative", field: "refreshLeeway") { $0.refreshLeeway = .seconds(-1) },
        Case(testDescription: "scope empty", field: "scope") { $0.scope = "" },
        Case(testDescription: "scope blank", field: "scope") { $0.scope = "   " },
        Case(testDescription: "retryPolicy.maxAttempts zero", field: "retryPolicy.maxAttempts") { $0.retryPolicy.maxAttempts = 0 },
        Case(testDescription: "retryPolicy negative delay", field: "retryPolicy") { $0.retryPolicy.baseDelay = .seconds(-1) },
        Case(testDescription: "retryPolicy negative budget", field: "retryPolicy.budget") { $0.retryPolicy.budgetCapacity = -1 },
        Case(testDescription: "cache negative bound", field: "cache") { $0.cache.maxEntries = -1 },
        Case(testDescription: "cache negative freshness", field: "cache") { $0.cache.dataTTL = .seconds(-1) },
        Case(testDescription: "limits.maxResponseBytes zero", field: "limits.maxResponseBytes") { $0.limits.maxResponseBytes = 0 },
        Case(testDescription: "limits.maxResponseBytes 1023", field: "limits.maxResponseBytes") { $0.limits.maxResponseBytes = 1023 },
        Case(testDescription: "limits.maxInflatedBytes negative", field: "limits.maxInflatedBytes") { $0.limits.maxInflatedBytes = -1 },
        Case(testDescription: "limits.maxCompressionRatio zero", field: "limits.maxCompressionRatio") { $0.limits.maxCompressionRatio = 0 },
        Case(testDescription: "password grant with an empty username", field: "credentials.username") {
            $0.credentials = .password(username: "", password: "pw")
        },
        Case(testDescription: "password grant with an empty password", field: "credentials.password") {
            $0.credentials = .password(username: "u", password: "")
        },
        Case(testDescription: "an empty access token", field: "credentials.accessToken") { $0.credentials = .accessToken("") },
        Case(testDescription: "client credentials without a secret", field: "clientSecret") { $0.credentials = .clientCredentials },
        Case(testDescription: "a grant without a client id", field: "clientId") {
            $0.clientId = nil
            $0.credentials = .password(username: "u", password: "pw")
        },
    ]

    @Test(arguments: cases)
    func refusedNamingTheField(_ bad: Case) throws {
        var configuration = try IconectConfiguration(baseURL: "https://api.example.com", clientId: "c")
        bad.change(&configuration)
        do {
            _ = try IconectClient(configuration: configuration)
            Issue.record("the client was made")
        } catch let error as IconectError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.fieldErrors[bad.field] != nil, "fields: \(error.fieldErrors.keys.sorted())")
        }
    }

    /// The URLSession transport's pool size is the transport's setting: out of range, the client is not made.
    @Test(arguments: [0, -1, 65])
    func poolSizeOutOfRangeIsRefused(_ poolSize: Int) throws {
        let configuration = try IconectConfiguration(baseURL: "https://api.example.com", clientId: "c")
        do {
            _ = try IconectClient(configuration: configuration, transport: .urlSession(poolSize: poolSize))
            Issue.record("the client was made")
        } catch let error as IconectError {
            #expect(error.code == .invalidConfiguration)
            #expect(error.fieldErrors["poolSize"] != nil, "fields: \(error.fieldErrors.keys.sorted())")
        }
    }
}
