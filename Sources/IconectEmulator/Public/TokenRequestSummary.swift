/// What one `POST /openid/token` carried and how it ended.
public struct TokenRequestSummary: Sendable, Codable, Hashable {
    /// The `grant_type` form field, if any.
    public var grantType: String?
    /// The request's `Content-Type`.
    public var contentType: String?
    /// The `scope` form field, if any.
    public var scope: String?
    /// How the client authenticated: `basic`, `post` (form fields) or `none`.
    public var clientAuthentication: String
    /// Whether a token was issued.
    public var succeeded: Bool
    /// The RFC 6749 error code when it failed.
    public var error: String?

    /// Creates a summary.
    public init(grantType: String?, contentType: String?, scope: String?, clientAuthentication: String, succeeded: Bool, error: String?) {
        self.grantType = grantType
        self.contentType = contentType
        self.scope = scope
        self.clientAuthentication = clientAuthentication
        self.succeeded = succeeded
        self.error = error
    }
}
