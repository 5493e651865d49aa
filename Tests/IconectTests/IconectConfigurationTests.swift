import Foundation
import Testing

@testable import Iconect

@Suite("IconectConfiguration")
struct IconectConfigurationTests {
    private func configurationError(
        sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void
    ) throws -> IconectError {
        let error = try iconectError(sourceLocation: sourceLocation, body)
        #expect(error.code == .invalidConfiguration, sourceLocation: sourceLocation)
        return error
    }

    // MARK: URLs

    @Test func httpsIsAccepted() throws {
        let configuration = try IconectConfiguration(baseURL: "https://api.example-review.com")
        #expect(configuration.baseURL.absoluteString == "https://api.example-review.com")
    }

    @Test(arguments: ["http://api.example.com", "http://10.0.0.5:8080", "http://localhost.evil.example", "http://example.localhost.com", "http://api.localhost:3000"])
    func plainHTTPIsRefusedForOtherHosts(url: String) throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: url) }
        #expect(Array(error.fieldErrors.keys) == ["baseURL"])
        #expect(try IconectConfiguration(baseURL: url, allowInsecureHTTP: true).baseURL.scheme == "http")
    }

    @Test(arguments: [
        "http://127.0.0.1:8080", "http://127.0.0.1", "http://127.1.2.3:9", "http://localhost:8080", "http://LOCALHOST",
        "http://[::1]:8080", "http://[::1]", "HTTP://localhost",
    ])
    func loopbackIsAlwaysAllowed(url: String) throws {
        _ = try IconectConfiguration(baseURL: url)
    }

    @Test(arguments: ["http://127.attacker.example", "http://127.0.0.1.nip.io"])
    func hostsThatOnlyLookLikeLoopbackAreRefused(url: String) throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: url) }
        #expect(error.fieldErrors["baseURL"] != nil)
    }

    @Test func aHostMerelyStartingWith127IsRefused() throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: "http://127evil.example") }
        #expect(error.fieldErrors["baseURL"] != nil)
    }

    @Test(arguments: ["", "   ", "not a url", "api.example.com", "https://", "https:///v1", "//api.example.com", "mailto:a@b.c"])
    func malformedURLsAreRefusedNamingTheField(url: String) throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: url) }
        #expect(Array(error.fieldErrors.keys) == ["baseURL"])
    }

    @Test(arguments: ["ftp://files.example.com", "ws://localhost:80", "file:///tmp/x"])
    func otherSchemesAreRefused(url: String) throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: url, allowInsecureHTTP: true) }
        #expect(error.fieldErrors["baseURL"] != nil)
    }

    @Test(arguments: ["https://api.example.com/?tenant=1", "https://api.example.com/#top"])
    func queryOrFragmentIsRefused(url: String) throws {
        let error = try configurationError { _ = try IconectConfiguration(baseURL: url) }
        #expect(error.fieldErrors["baseURL"] != nil)
    }

    @Test func identityURLIsCheckedToo() throws {
        let malformed = try configurationError { _ = try IconectConfiguration(baseURL: "https://a.example", identityURL: "nope") }
        #expect(Array(malformed.fieldErrors.keys) == ["identityURL"])
        let insecure = try configurationError {
            _ = try IconectConfiguration(baseURL: "https://a.example", identityURL: "http://id.example")
        }
        #expect(Array(insecure.fieldErrors.keys) == ["identityURL"])
        let tokenEndpoint = try #require(URL(string: "http://id.example/token"))
        let baseURL = try #require(URL(string: "https://a.example"))
        let token = try configurationError { _ = try IconectConfiguration(baseURL: baseURL, tokenEndpoint: tokenEndpoint) }
        #expect(Array(token.fieldErrors.keys) == ["tokenEndpoint"])
    }

    // MARK: Credentials

    @Test func emptyUsernameOrPasswordIsRefused() throws {
        let username = try configurationError {
            _ = try IconectConfiguration(baseURL: "https://a.example", clientId: "c", credentials: .password(username: "", password: "p"))
        }
        #expect(Array(username.fieldErrors.keys) == ["credentials.username"])
        let password = try configurationError {
            _ = try IconectConfiguration(baseURL: "https://a.example", clientId: "c", credentials: .password(username: "u", password: ""))
        }
        #expect(Array(password.fieldErrors.keys) == ["credentials.password"])
    }

    @Test func everyGrantNeedsAClientId() throws {
        let redirect = try #require(URL(string: "https://app.example/callback"))
        let grants: [Credentials] = [
            .password(username: "u", password: "p"), .clientCredentials,
            .authorizationCode(code: "c", codeVerifier: nil, redirectURI: redirect), .refreshToken("r"),
        ]
        for credentials in grants {
            for clientId in [nil, ""] as [String?] {
                let error = try configurationError {
                    _ = try IconectConfiguration(baseURL: "https://a.example", clientId: clientId, clientSecret: "s", credentials: credentials)
                }
                #expect(Array(error.fieldErrors.keys) == ["clientId"], "\(credentials)")
            }
            _ = try IconectConfiguration(baseURL: "https://a.example", clientId: "c", clientSecret: "s", credentials: credentials)
        }
    }

    @Test func clientCredentialsNeedASecret() throws {
        for secret in [nil, Secret("")] as [Secret?] {
            let error = try configurationError {
                _ = try IconectConfiguration(baseURL: "https://a.example", clientId: "c", clientSecret: secret, credentials: .clientCredentials)
            }
            #expect(Array(error.fieldErrors.keys) == ["clientSecret"])
        }
    }

    @Test func accessTokenNeedsNoClientButMustNotBeEmpty() throws {
        _ = try IconectConfiguration(baseURL: "https://a.example", credentials: .accessToken("t"))
        _ = try IconectConfiguration(baseURL: "https://a.example")
        let error = try configurationError { _ = try IconectConfiguration(baseURL: "https://a.example", credentials: .accessToken("")) }
        #expect(Array(error.fieldErrors.keys) == ["credentials.accessToken"])
    }

    @Test func errorMessagesNeverCarryTheSecret() throws {
        let error = try configurationError {
            _ = try IconectConfiguration(baseURL: "http://api.example.com", credentials: .password(username: "u", password: "hunter2"))
        }
        #expect(!error.description.contains("hunter2"))
    }

    // MARK: Other settings

    @Test func otherSettingsAreValidated() throws {
        var configuration = try IconectConfiguration(baseURL: "https://a.example")
        let cases: [(String, (inout IconectConfiguration) -> Void)] = [
            ("apiPath", { $0.apiPath = "v1" }), ("apiPath", { $0.apiPath = "/v1/" }),
            ("requestTimeout", { $0.requestTimeout = .zero }), ("maximumConnectionsPerHost", { $0.maximumConnectionsPerHost = 0 }),
            ("refreshLeeway", { $0.refreshLeeway = .seconds(-1) }), ("scope", { $0.scope = "  " }),
            ("retryPolicy.maxAttempts", { $0.retryPolicy.maxAttempts = 0 }),
        ]
        for (field, change) in cases {
            var changed = configuration
            change(&changed)
            let error = try configurationError { try changed.validate() }
            #expect(Array(error.fieldErrors.keys) == [field])
        }
        configuration.apiPath = ""
        try configuration.validate()
    }

    // MARK: API root

    @Test(arguments: [
        ("https://api.example.com", "https://api.example.com/v1"),
        ("https://api.example.com/", "https://api.example.com/v1"),
        ("https://api.example.com/v1", "https://api.example.com/v1"),
        ("https://api.example.com/v1/", "https://api.example.com/v1"),
        ("https://api.example.com/iconect", "https://api.example.com/iconect/v1"),
        ("https://api.example.com/iconect/v1", "https://api.example.com/iconect/v1"),
        ("https://api.example.com/v10", "https://api.example.com/v10/v1"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
    ])
    func apiRootAddsTheVersionOnce(base: String, root: String) throws {
        #expect(try IconectConfiguration(baseURL: base).apiRoot == root)
    }

    @Test func apiRootWithACustomOrEmptyPrefix() throws {
        var configuration = try IconectConfiguration(baseURL: "https://api.example.com/api/v2")
        configuration.apiPath = "/v2"
        #expect(configuration.apiRoot == "https://api.example.com/api/v2")
        configuration.apiPath = ""
        #expect(configuration.apiRoot == "https://api.example.com/api/v2")
    }

    @Test func identityRootIsTheOriginUnlessConfigured() throws {
        let configuration = try IconectConfiguration(baseURL: "https://api.example.com:8443/iconect/v1")
        #expect(configuration.identityRoot.absoluteString == "https://api.example.com:8443")
        let explicit = try IconectConfiguration(baseURL: "https://api.example.com", identityURL: "https://id.example.com/realm")
        #expect(explicit.identityRoot.absoluteString == "https://id.example.com/realm")
    }

    // MARK: Environment

    @Test func withoutBaseURLTheEnvironmentGivesNil() throws {
        #expect(try IconectConfiguration.fromEnvironment([:]) == nil)
        #expect(try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "  ", "ICONECT_ACCESS_TOKEN": "t"]) == nil)
        #expect(try IconectConfiguration.fromEnvironment(["ICONECT_CLIENT_ID": "c"]) == nil)
    }

    @Test func environmentAccessToken() throws {
        let configuration = try #require(try IconectConfiguration.fromEnvironment([
            "ICONECT_BASE_URL": " https://api.example.com \n", "ICONECT_ACCESS_TOKEN": "tok", "ICONECT_USERNAME": "ignored",
        ]))
        #expect(configuration.baseURL.absoluteString == "https://api.example.com")
        #expect(configuration.credentials == .accessToken("tok"), "an access token wins over a username")
    }

    @Test func environmentPassword() throws {
        let configuration = try #require(try IconectConfiguration.fromEnvironment([
            "ICONECT_BASE_URL": "https://api.example.com", "ICONECT_CLIENT_ID": "integration", "ICONECT_USERNAME": "reviewer",
            "ICONECT_PASSWORD": "pw", "ICONECT_IDENTITY_URL": "https://id.example.com",
        ]))
        #expect(configuration.credentials == .password(username: "reviewer", password: "pw"))
        #expect(configuration.clientId == "integration")
        #expect(configuration.identityURL?.absoluteString == "https://id.example.com")
        #expect(configuration.clientSecret == nil)
    }

    @Test func environmentUsernameWithoutPasswordNamesThePasswordVariable() throws {
        let error = try configurationError {
            _ = try IconectConfiguration.fromEnvironment([
                "ICONECT_BASE_URL": "https://api.example.com", "ICONECT_CLIENT_ID": "c", "ICONECT_USERNAME": "reviewer",
            ])
        }
        #expect(Array(error.fieldErrors.keys) == ["ICONECT_PASSWORD"])
    }

    @Test func environmentClientCredentials() throws {
        let configuration = try #require(try IconectConfiguration.fromEnvironment([
            "ICONECT_BASE_URL": "https://api.example.com", "ICONECT_CLIENT_ID": "svc", "ICONECT_CLIENT_SECRET": "s3cret",
        ]))
        #expect(configuration.credentials == .clientCredentials)
        #expect(configuration.clientSecret == Secret("s3cret"))
    }

    @Test func environmentClientSecretWithoutIdIsRefused() throws {
        let error = try configurationError {
            _ = try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "https://api.example.com", "ICONECT_CLIENT_SECRET": "s"])
        }
        #expect(Array(error.fieldErrors.keys) == ["clientId"])
    }

    @Test func environmentWithoutCredentials() throws {
        let configuration = try #require(try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "https://api.example.com"]))
        #expect(configuration.credentials == .none)
    }

    @Test func environmentInsecureHTTPFlag() throws {
        let refused = try configurationError { _ = try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "http://api.example.com"]) }
        #expect(refused.fieldErrors["baseURL"] != nil)
        for flag in ["1", "true", "TRUE", "yes"] {
            let configuration = try IconectConfiguration.fromEnvironment([
                "ICONECT_BASE_URL": "http://api.example.com", "ICONECT_ALLOW_INSECURE_HTTP": flag,
            ])
            #expect(configuration?.allowInsecureHTTP == true, "\(flag)")
        }
        _ = try configurationError {
            _ = try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "http://api.example.com", "ICONECT_ALLOW_INSECURE_HTTP": "0"])
        }
    }

    @Test func environmentMalformedBaseURL() throws {
        let error = try configurationError { _ = try IconectConfiguration.fromEnvironment(["ICONECT_BASE_URL": "api.example.com"]) }
        #expect(Array(error.fieldErrors.keys) == ["baseURL"])
    }

    @Test func environmentKeysAreTheDocumentedNames() {
        #expect(IconectConfiguration.EnvironmentKey.baseURL == "ICONECT_BASE_URL")
        #expect(IconectConfiguration.EnvironmentKey.identityURL == "ICONECT_IDENTITY_URL")
        #expect(IconectConfiguration.EnvironmentKey.clientId == "ICONECT_CLIENT_ID")
        #expect(IconectConfiguration.EnvironmentKey.clientSecret == "ICONECT_CLIENT_SECRET")
        #expect(IconectConfiguration.EnvironmentKey.username == "ICONECT_USERNAME")
        #expect(IconectConfiguration.EnvironmentKey.password == "ICONECT_PASSWORD")
        #expect(IconectConfiguration.EnvironmentKey.accessToken == "ICONECT_ACCESS_TOKEN")
    }
}
