import HTTPTypes

extension HTTPField.Name {
    static let requestId = known("X-Request-Id")
    static let idempotencyKey = known("Idempotency-Key")
    static let idempotentReplayed = known("Idempotent-Replayed")
    static let chunkSHA256 = known("X-Chunk-SHA256")

    /// A header name that is valid by construction.
    private static func known(_ name: String) -> HTTPField.Name {
        guard let field = HTTPField.Name(name) else { preconditionFailure("invalid header name \(name)") }
        return field
    }
}
