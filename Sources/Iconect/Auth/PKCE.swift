import Crypto
import Foundation

/// A Proof Key for Code Exchange pair (RFC 7636, method S256).
public struct PKCE: Sendable, Hashable {
    /// The secret the client keeps and sends with the code exchange: 43 characters of base64url.
    public let verifier: Secret
    /// `BASE64URL(SHA256(verifier))`, sent with the authorize request.
    public let challenge: String
    /// Always `S256`.
    public let method = "S256"

    /// A fresh pair from 32 random bytes.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(verifier: Base64URL.randomToken(bytes: 32, using: &generator))
    }

    /// The pair for a given verifier (43 to 128 characters of `[A-Za-z0-9-._~]`).
    public init(verifier: String) {
        self.verifier = Secret(verifier)
        self.challenge = Self.challenge(for: verifier)
    }

    /// `BASE64URL(SHA256(ASCII(verifier)))`.
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(Data(SHA256.hash(data: Data(verifier.utf8))))
    }

    /// Whether `verifier` has the length and characters RFC 7636 §4.1 requires.
    public static func isValidVerifier(_ verifier: String) -> Bool {
        (43...128).contains(verifier.utf8.count)
            && verifier.utf8.allSatisfy { byte in
                (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "~")
            }
    }
}

/// Base64 with the URL-safe alphabet and no padding (RFC 4648 §5).
enum Base64URL {
    static func encode(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }

    static func randomToken(bytes count: Int, using generator: inout some RandomNumberGenerator) -> String {
        encode(Data((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}
