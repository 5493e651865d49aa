/// An OAuth client the emulator's identity provider knows.
public struct EmulatorOAuthClient: Sendable, Hashable {
    /// The `client_id`.
    public var id: String
    /// The `client_secret`; nil makes a public client (authorization code with PKCE, or password grant without a secret).
    public var secret: String?
    /// The redirect URIs `/openid/authorize` may send a code to, compared exactly. Empty (the default) allows loopback
    /// `http` URIs only (`http://127.0.0.1:PORT/...`, `http://localhost:PORT/...`, `http://[::1]:PORT/...`, any port, as
    /// RFC 8252 §7.3 has native apps register them).
    public var redirectURIs: [String]

    /// Creates a client.
    public init(id: String, secret: String?, redirectURIs: [String] = []) {
        self.id = id
        self.secret = secret
        self.redirectURIs = redirectURIs
    }

    /// Whether `/openid/authorize` may redirect to `uri`.
    func allowsRedirect(to uri: String) -> Bool {
        guard redirectURIs.isEmpty else { return redirectURIs.contains(uri) }
        return LoopbackHost.isLoopbackHTTPURI(uri)
    }
}
