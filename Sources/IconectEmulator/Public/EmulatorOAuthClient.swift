/// An OAuth client the emulator's identity provider knows.
public struct EmulatorOAuthClient: Sendable, Hashable {
    /// The `client_id`.
    public var id: String
    /// The `client_secret`; nil makes a public client (authorization code with PKCE, or password grant without a secret).
    public var secret: String?

    /// Creates a client.
    public init(id: String, secret: String?) {
        self.id = id
        self.secret = secret
    }
}
