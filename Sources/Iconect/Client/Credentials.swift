import Foundation

/// How the client proves who it is to the iCONECT identity provider.
///
/// The client id (and secret, for confidential clients) live in ``IconectConfiguration``; these are the grant's own inputs.
public enum Credentials: Sendable, Hashable {
    /// No credentials yet: API calls fail with ``IconectError/Code/unauthorized`` until you sign in
    /// (``AuthenticationService/signIn(username:password:)`` or an authorization-code exchange).
    case none
    /// A token obtained elsewhere, sent as it is and never refreshed.
    case accessToken(Secret)
    /// The OAuth password grant. iCONECT issues no refresh token for it, so the SDK repeats the grant when the token nears expiry.
    case password(username: String, password: Secret)
    /// The OAuth client-credentials grant, for deployments that allow it (uses the configured client id and secret).
    case clientCredentials
    /// An authorization code from the authorize redirect, with its PKCE verifier and the redirect URI it was issued for.
    case authorizationCode(code: Secret, codeVerifier: Secret?, redirectURI: URL)
    /// A refresh token from an earlier authorization-code sign-in.
    case refreshToken(Secret)

    /// The grant's name on the wire, when it is one.
    var grantType: String? {
        switch self {
        case .none, .accessToken: return nil
        case .password: return "password"
        case .clientCredentials: return "client_credentials"
        case .authorizationCode: return "authorization_code"
        case .refreshToken: return "refresh_token"
        }
    }
}

extension Credentials: CustomStringConvertible {
    /// Names the kind of credentials, never their secrets.
    public var description: String {
        switch self {
        case .none: return "none"
        case .accessToken: return "accessToken(<redacted>)"
        case .password(let username, _): return "password(username: \(username), password: <redacted>)"
        case .clientCredentials: return "clientCredentials"
        case .authorizationCode(_, _, let redirectURI): return "authorizationCode(code: <redacted>, redirectURI: \(redirectURI))"
        case .refreshToken: return "refreshToken(<redacted>)"
        }
    }
}
