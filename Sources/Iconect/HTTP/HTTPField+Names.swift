import HTTPTypes

/// The header names the SDK uses beyond those swift-http-types declares.
extension HTTPField.Name {
    /// `X-Request-Id`: the server's id of a request, kept in errors and spans.
    static let requestId = known("X-Request-Id")
    /// `Idempotency-Key`: one per POST call, so the server recognises a retry as the same request.
    static let idempotencyKey = known("Idempotency-Key")
    /// `X-Chunk-SHA256`: the digest of one chunk of a chunked upload, which the server checks.
    static let chunkSHA256 = known("X-Chunk-SHA256")

    /// A name written in this file, valid by construction (RFC 9110 token characters only): the check cannot fail.
    private static func known(_ name: StaticString) -> HTTPField.Name {
        guard let field = HTTPField.Name(name.description) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
