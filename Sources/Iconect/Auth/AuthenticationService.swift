import Foundation

/// Sign-in, sign-out and token status: `client.auth`.
///
/// Most applications never call it: with credentials in the configuration the client signs in on its first call and keeps
/// its token fresh. Use it to sign in interactively (authorization code with PKCE) or to switch identities.
/// ```swift
/// let request = try await client.auth.authorizationRequest(redirectURI: URL(string: "myapp://callback")!)
/// // open request.url in a browser; when it redirects to myapp://callback?code=...&state=...
/// try await client.auth.completeAuthorization(callback: redirectURL)
/// ```
public struct AuthenticationService: Sendable {
    let tokens: TokenManager
    /// Sign-ins are calls like any other: refused once the client shuts down.
    let gate: CallGate

    /// Signs in with the password grant and keeps the credentials to sign in again when the token nears expiry.
    @discardableResult
    public func signIn(username: String, password: Secret) async throws -> AuthStatus {
        guard !username.isEmpty else { throw IconectError.invalidArgument("username", "must not be empty") }
        guard !password.isEmpty else { throw IconectError.invalidArgument("password", "must not be empty") }
        return try await gate.admit { try await tokens.signIn(with: .password(username: username, password: password)) }
    }

    /// Signs in with the given credentials now.
    @discardableResult
    public func signIn(with credentials: Credentials) async throws -> AuthStatus {
        try await gate.admit { try await tokens.signIn(with: credentials) }
    }

    /// Signs in with a refresh token from an earlier session.
    @discardableResult
    public func signIn(refreshToken: Secret) async throws -> AuthStatus {
        guard !refreshToken.isEmpty else { throw IconectError.invalidArgument("refreshToken", "must not be empty") }
        return try await gate.admit { try await tokens.signIn(with: .refreshToken(refreshToken)) }
    }

    /// Builds the URL that starts an authorization-code sign-in. Without a `codeChallenge`, a PKCE pair is generated and
    /// its verifier kept for the exchange; without a `state`, a random one is generated. Both are checked on the way back.
    public func authorizationRequest(redirectURI: URL, state: String? = nil, codeChallenge: String? = nil) async throws
        -> AuthorizationRequest
    {
        try await gate.admit { try await tokens.authorizationRequest(redirectURI: redirectURI, state: state, codeChallenge: codeChallenge) }
    }

    /// Finishes an authorization-code sign-in from the redirect URL, checking its `state` first.
    @discardableResult
    public func completeAuthorization(callback: URL) async throws -> AuthStatus {
        try await gate.admit { try await tokens.completeAuthorization(callback: callback) }
    }

    /// Exchanges an authorization code; the verifier and redirect URI default to those of this client's latest authorize request.
    @discardableResult
    public func exchange(code: String, codeVerifier: String? = nil, redirectURI: URL? = nil) async throws -> AuthStatus {
        guard !code.isEmpty else { throw IconectError.invalidArgument("authCode", "must not be empty") }
        return try await gate.admit { try await tokens.exchange(code: code, codeVerifier: codeVerifier, redirectURI: redirectURI) }
    }

    /// Clears the cached tokens and revokes the refresh token where the provider allows it.
    public func logout() async {
        await tokens.logout()
    }

    /// What the client knows about its sign-in. Never carries a secret.
    public func status() async -> AuthStatus {
        await tokens.status()
    }
}
