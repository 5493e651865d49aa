import HTTPTypes

/// One call as the request pipeline sends it, and where it stands.
struct PreparedCall: Sendable {
    /// The catalogue name of the operation.
    let operation: String
    /// The request as sent (its headers, with `Content-Encoding` when compression applies).
    var request: HTTPRequest
    /// The body as sent (the gzip form, when compression applies).
    var body: HTTPBody
    /// The body before compression, for a resend after a 415.
    let plainBody: HTTPBody
    /// The attempt being made, from 1; a replay after a 401 or a plain resend after a 415 is not a new attempt.
    var attempt = 1
    /// Whether the one replay after a 401 was used.
    var replayedAfter401 = false

    /// Drops the compression: the same request with the plain body and no `Content-Encoding`.
    mutating func removeCompression() {
        request.headerFields[.contentEncoding] = nil
        body = plainBody
    }
}
