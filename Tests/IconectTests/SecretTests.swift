import Foundation
import Testing

@testable import Iconect

@Suite("Secret")
struct SecretTests {
    static let value = "hunter2-Sup3rSecret"

    private func leaks(_ text: String) -> Bool { text.contains(Self.value) || text.contains("hunter2") }

    @Test func revealGivesTheValueBack() {
        let secret = Secret(Self.value)
        #expect(secret.reveal() == Self.value)
        let literal: Secret = "hunter2-Sup3rSecret"
        #expect(literal == secret)
        #expect(Secret("a") != Secret("b"))
    }

    @Test func descriptionsAreRedacted() {
        let secret = Secret(Self.value)
        #expect(secret.description == "<redacted>")
        #expect(secret.debugDescription == "<redacted>")
        #expect("\(secret)" == "<redacted>")
        #expect(String(describing: secret) == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
    }

    @Test func dumpRevealsNothing() {
        var output = ""
        dump(Secret(Self.value), to: &output)
        #expect(!leaks(output))
        #expect(output.contains("<redacted>"))
        #expect(Mirror(reflecting: Secret(Self.value)).children.isEmpty)
    }

    @Test func containersDoNotLeakEither() {
        struct Holder { var name = "svc"; var password = Secret(SecretTests.value) }
        let optional: Secret? = Secret(Self.value)
        let array = [Secret(Self.value)]
        let dictionary = ["password": Secret(Self.value)]
        var dumped = ""
        dump(Holder(), to: &dumped)
        for text in [
            "\(String(describing: optional))", "\(array)", "\(dictionary)", String(reflecting: Holder()), "\(Holder())", dumped,
        ] {
            #expect(!leaks(text), "\(text)")
        }
    }

    @Test func credentialsDescriptionsAreRedacted() throws {
        let redirect = try #require(URL(string: "https://app.example.com/callback"))
        let all: [Credentials] = [
            .accessToken(Secret(Self.value)),
            .password(username: "reviewer", password: Secret(Self.value)),
            .authorizationCode(code: Secret(Self.value), codeVerifier: Secret(Self.value), redirectURI: redirect),
            .refreshToken(Secret(Self.value)),
        ]
        for credentials in all {
            var dumped = ""
            dump(credentials, to: &dumped)
            #expect(!leaks(credentials.description))
            #expect(!leaks(String(reflecting: credentials)))
            #expect(!leaks(dumped))
        }
        #expect(Credentials.password(username: "reviewer", password: "x").description.contains("reviewer"))
    }

    @Test func isEmpty() {
        #expect(Secret("").isEmpty)
        #expect(!Secret(" ").isEmpty)
    }

    @Test func hashingFollowsTheValue() {
        let set: Set<Secret> = [Secret("a"), Secret("a"), Secret("b")]
        #expect(set.count == 2)
    }
}
