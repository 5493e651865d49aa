import Foundation
import Synchronization

/// Issues and checks access tokens, refresh tokens and authorization codes.
///
/// An access token is valid while its signature verifies, its `jti` is still in the issued set (revocation and reset
/// remove it) and its lifetime has not run out. Verified tokens are cached, so checking one is O(1) after the first time.
final class TokenService: Sendable {
    struct RefreshGrant: Sendable {
        let clientId: String
        let subject: String
        let scope: String
    }

    struct AuthorizationCode: Sendable {
        let clientId: String
        let redirectURI: String
        let codeChallenge: String
        let scope: String
        let subject: String
        let expires: Double
    }

    /// What the token endpoint answers.
    struct IssuedTokens: Sendable {
        let accessToken: String
        let expiresIn: Int
        let scope: String
        let refreshToken: String?
    }

    private struct State {
        var issued: [String: Double] = [:]
        var verified: [String: (jti: String, principal: Principal)] = [:]
        var refreshTokens: [String: RefreshGrant] = [:]
        var codes: [String: AuthorizationCode] = [:]
    }

    static let codeLifetime: Double = 300
    private let signer = JWTSigner()
    private let lifetime: Int
    private let state = Mutex(State())

    init(lifetime: Int) {
        self.lifetime = lifetime
    }

    static func randomToken(bytes count: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Issues an access token (and a refresh token when `withRefreshToken`).
    func issue(subject: String, clientId: String, scope: String, issuer: String, withRefreshToken: Bool) -> IssuedTokens {
        let now = ISODate.now
        let iat = Int64(now)
        let jti = Self.randomToken(bytes: 16)
        let claims: JSON = [
            "iss": .string(issuer), "sub": .string(subject), "aud": "iconect_api",
            "iat": .number(Double(iat)), "exp": .number(Double(iat + Int64(lifetime))),
            "jti": .string(jti), "scope": .string(scope), "client_id": .string(clientId),
        ]
        let token = signer.sign(claims)
        let refresh = withRefreshToken ? Self.randomToken() : nil
        state.withLock { state in
            if state.issued.count > 10_000 {
                state.issued = state.issued.filter { $0.value > now }
                state.verified = state.verified.filter { state.issued[$0.value.jti] != nil }
            }
            state.issued[jti] = now + Double(lifetime)
            if let refresh {
                state.refreshTokens[refresh] = RefreshGrant(clientId: clientId, subject: subject, scope: scope)
            }
        }
        return IssuedTokens(accessToken: token, expiresIn: lifetime, scope: scope, refreshToken: refresh)
    }

    /// The principal of a valid bearer token; throws 401 `invalid_token` otherwise.
    func authenticate(authorization: String?) throws(APIError) -> Principal {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            throw APIError.unauthorized("A bearer access token is required")
        }
        let token = authorization.dropFirst(7).trimmingSpaces()
        let now = ISODate.now
        let cached = state.withLock { state -> Result<Principal, APIError>? in
            guard let entry = state.verified[token] else { return nil }
            guard let expires = state.issued[entry.jti] else {
                state.verified[token] = nil
                return .failure(.unauthorized("The access token was revoked"))
            }
            guard now < expires else { return .failure(.unauthorized("The access token expired")) }
            return .success(entry.principal)
        }
        if let cached { return try cached.get() }
        guard let claims = signer.verify(token), let jti = claims["jti"]?.stringValue else {
            throw APIError.unauthorized("The access token is invalid")
        }
        let principal = Principal(
            subject: claims["sub"]?.stringValue ?? "",
            clientId: claims["client_id"]?.stringValue ?? "",
            scope: claims["scope"]?.stringValue ?? ""
        )
        let result = state.withLock { state -> Result<Principal, APIError> in
            guard let expires = state.issued[jti] else { return .failure(.unauthorized("The access token was revoked")) }
            guard now < expires else { return .failure(.unauthorized("The access token expired")) }
            state.verified[token] = (jti, principal)
            return .success(principal)
        }
        return try result.get()
    }

    /// Redeems a refresh token (rotation: it stops working); nil when unknown.
    func redeemRefreshToken(_ token: String) -> RefreshGrant? {
        state.withLock { $0.refreshTokens.removeValue(forKey: token) }
    }

    /// Peeks at a refresh token without redeeming it.
    func refreshGrant(_ token: String) -> RefreshGrant? {
        state.withLock { $0.refreshTokens[token] }
    }

    func storeCode(_ code: AuthorizationCode) -> String {
        let value = Self.randomToken(bytes: 24)
        state.withLock { $0.codes[value] = code }
        return value
    }

    /// Redeems a code once; nil when unknown, used or expired.
    func redeemCode(_ code: String) -> AuthorizationCode? {
        state.withLock { state -> AuthorizationCode? in
            guard let entry = state.codes.removeValue(forKey: code), entry.expires > ISODate.now else { return nil }
            return entry
        }
    }

    /// Revokes a refresh token or an access token; unknown tokens are ignored (RFC 7009).
    func revoke(_ token: String) {
        let claims = signer.verify(token)
        state.withLock { state in
            state.refreshTokens[token] = nil
            state.verified[token] = nil
            if let jti = claims?["jti"]?.stringValue { state.issued[jti] = nil }
        }
    }

    /// Every access token issued so far stops working.
    func revokeAllAccessTokens() {
        state.withLock { state in
            state.issued.removeAll()
            state.verified.removeAll()
        }
    }

    func reset() {
        state.withLock { $0 = State() }
    }
}
