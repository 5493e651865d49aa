import Crypto
import Foundation

/// Signs and verifies HS256 JWTs with a key made for this run.
struct JWTSigner: Sendable {
    private let key: SymmetricKey

    init() {
        key = SymmetricKey(size: .bits256)
    }

    /// A signed compact JWT for `claims`.
    func sign(_ claims: JSON) -> String {
        let header = Base64URL.encode(JSON.object(["alg": "HS256", "typ": "JWT"]).encodedBytes)
        let payload = Base64URL.encode(claims.encodedBytes)
        let signingInput = header + "." + payload
        let signature = HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: key)
        return signingInput + "." + Base64URL.encode(Array(signature))
    }

    /// The claims of a token this signer made, or nil when the signature or format is wrong.
    func verify(_ token: String) -> JSON? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Base64URL.decode(String(parts[2])) else { return nil }
        let signingInput = Array((parts[0] + "." + parts[1]).utf8)
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: signingInput, using: key),
              let payload = Base64URL.decode(String(parts[1])) else { return nil }
        return try? JSONParser.parse(payload)
    }
}
