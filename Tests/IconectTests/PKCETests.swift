import Foundation
import Testing

@testable import Iconect

@Suite("PKCE")
struct PKCETests {
    /// RFC 7636 appendix B, as published: the 32 random octets, their base64url verifier and its S256 challenge.
    /// (The octets encode to `…WFOEjXk` with a capital O; a copy of the vector reading `…WFbEjXk` is a typo and has another digest.)
    static let appendixBOctets: [UInt8] = [
        116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5,
        88, 83, 132, 141, 121,
    ]
    static let appendixBVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    static let appendixBChallenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

    @Test func rfc7636AppendixBVector() {
        #expect(Base64URL.encode(Data(Self.appendixBOctets)) == Self.appendixBVerifier)
        #expect(PKCE.challenge(for: Self.appendixBVerifier) == Self.appendixBChallenge)
        let pair = PKCE(verifier: Self.appendixBVerifier)
        #expect(pair.verifier.reveal() == Self.appendixBVerifier)
        #expect(pair.challenge == Self.appendixBChallenge)
        #expect(pair.method == "S256")
        #expect(PKCE.isValidVerifier(Self.appendixBVerifier))
    }

    @Test func oneCharacterOffGivesAnotherChallenge() {
        // The mistyped copy of the vector: a valid verifier, but not the RFC's, so its challenge differs.
        let typo = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFbEjXk"
        #expect(PKCE.isValidVerifier(typo))
        #expect(PKCE.challenge(for: typo) == "N4-5v7LG-T8x3fWSLZ-7W4IevaqpPl0Ln-6oRgYUj1Q")
        #expect(PKCE.challenge(for: typo) != Self.appendixBChallenge)
    }

    @Test func generatedPairsAreValidAndDistinct() {
        var verifiers = Set<String>()
        for _ in 0..<200 {
            let pair = PKCE()
            let verifier = pair.verifier.reveal()
            #expect(verifier.utf8.count == 43, "32 random bytes in unpadded base64url")
            #expect(PKCE.isValidVerifier(verifier))
            #expect(pair.challenge == PKCE.challenge(for: verifier))
            #expect(pair.challenge.utf8.count == 43)
            #expect(!pair.challenge.contains("=") && !pair.challenge.contains("+") && !pair.challenge.contains("/"))
            verifiers.insert(verifier)
        }
        #expect(verifiers.count == 200)
    }

    @Test func theVerifierDoesNotPrint() {
        let pair = PKCE()
        #expect(!"\(pair)".contains(pair.verifier.reveal()))
        #expect(!String(reflecting: pair).contains(pair.verifier.reveal()))
    }

    @Test func verifierRules() {
        let allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
        #expect(PKCE.isValidVerifier(allowed))
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 43)))
        #expect(PKCE.isValidVerifier(String(repeating: "a", count: 128)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 42)))
        #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 129)))
        #expect(!PKCE.isValidVerifier(""))
        for bad in ["+", "/", "=", " ", "é", "%", "\n"] {
            #expect(!PKCE.isValidVerifier(String(repeating: "a", count: 43) + bad), "\(bad.debugDescription)")
        }
        #expect(!PKCE.isValidVerifier(String(repeating: "é", count: 43)), "length counts bytes, and é is not allowed anyway")
    }

    @Test func base64URLAlphabetAndPadding() {
        #expect(Base64URL.encode(Data([0xFB, 0xFF])) == "-_8")
        #expect(Base64URL.encode(Data()) == "")
        #expect(Base64URL.encode(Data("f".utf8)) == "Zg")
        #expect(Base64URL.encode(Data("fo".utf8)) == "Zm8")
        #expect(Base64URL.encode(Data("foo".utf8)) == "Zm9v")
        #expect(Base64URL.decode("-_8") == Data([0xFB, 0xFF]))
        #expect(Base64URL.decode("Zg") == Data("f".utf8))
        #expect(Base64URL.decode("Zm8") == Data("fo".utf8))
        #expect(Base64URL.decode("Z") == nil, "one leftover character is never valid base64")
        #expect(Base64URL.decode("Zm9v!") == nil)
    }

    @Test func base64URLRoundTrips() {
        var generator = SeededGenerator(seed: 77)
        for length in 0..<70 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let encoded = Base64URL.encode(bytes)
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(Base64URL.decode(encoded) == bytes)
        }
    }

    @Test func randomTokenIsDeterministicForASeed() {
        var first = SeededGenerator(seed: 3)
        var second = SeededGenerator(seed: 3)
        let one = Base64URL.randomToken(bytes: 32, using: &first)
        #expect(one == Base64URL.randomToken(bytes: 32, using: &second))
        #expect(one.utf8.count == 43)
        #expect(Base64URL.decode(one)?.count == 32)
        #expect(Base64URL.randomToken(bytes: 32, using: &first) != one)
    }
}
