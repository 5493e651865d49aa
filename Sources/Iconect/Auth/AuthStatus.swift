import Foundation

/// What the client knows about its current sign-in. Never carries a secret.
public struct AuthStatus: Sendable, Hashable, Codable {
    /// Whether a usable access token is cached.
    public var isAuthenticated: Bool
    /// The grant that produced it (`password`, `authorization_code`, `refresh_token`, `client_credentials`, `static`).
    public var grantType: String?
    /// When the access token expires, if known.
    public var expiresAt: Date?
    /// The granted scope.
    public var scope: String?
    /// Whether a refresh token is held.
    public var hasRefreshToken: Bool
    /// Whether the client can obtain a new token by itself when this one expires.
    public var canRefresh: Bool
}

/// An authorize request ready to open in a browser, with what the client must keep to finish it.
public struct AuthorizationRequest: Sendable, Hashable {
    /// The URL to open: `{identityURL}/openid/authorize?response_type=code&...`.
    public let url: URL
    /// The `state` the redirect must bring back.
    public let state: String
    /// The PKCE verifier for the code exchange (`nil` when the caller supplied its own challenge).
    public let codeVerifier: Secret?
    /// The redirect URI the code will be issued for.
    public let redirectURI: URL
}
