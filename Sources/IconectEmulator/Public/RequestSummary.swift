/// What crossed the wire for one request.
public struct RequestSummary: Sendable, Codable, Hashable {
    /// The HTTP method.
    public var method: String
    /// The path exactly as received (still percent-encoded), without the query.
    public var rawPath: String
    /// The raw query string (without `?`), if any.
    public var query: String?
    /// The matched route template without the method, e.g. `/v1/projects/{id}`; nil when no route matched.
    public var route: String?
    /// The status answered; 0 when a fault dropped the connection before handling.
    public var status: Int
    /// The `Idempotency-Key` header.
    public var idempotencyKey: String?
    /// The `Content-Type` header.
    public var contentType: String?
    /// The `Content-Encoding` header.
    public var contentEncoding: String?
    /// The `If-None-Match` header.
    public var ifNoneMatch: String?
    /// The `User-Agent` header.
    public var userAgent: String?
    /// Whether an `Authorization: Bearer` header was present.
    public var hadBearerToken: Bool
    /// Request body bytes as received on the wire.
    public var bodyBytes: Int

    /// Creates a summary.
    public init(
        method: String, rawPath: String, query: String?, route: String?, status: Int, idempotencyKey: String?,
        contentType: String?, contentEncoding: String?, ifNoneMatch: String?, userAgent: String?,
        hadBearerToken: Bool, bodyBytes: Int
    ) {
        self.method = method
        self.rawPath = rawPath
        self.query = query
        self.route = route
        self.status = status
        self.idempotencyKey = idempotencyKey
        self.contentType = contentType
        self.contentEncoding = contentEncoding
        self.ifNoneMatch = ifNoneMatch
        self.userAgent = userAgent
        self.hadBearerToken = hadBearerToken
        self.bodyBytes = bodyBytes
    }
}
