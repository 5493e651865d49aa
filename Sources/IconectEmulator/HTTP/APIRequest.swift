import HTTPTypes
import Hummingbird
import NIOCore
import Synchronization

/// Counts request body bytes as they arrive on the wire.
final class ByteCounter: Sendable {
    private let value = Atomic<Int>(0)
    private let consumed = Atomic<Bool>(false)

    func add(_ count: Int) {
        value.add(count, ordering: .relaxed)
        consumed.store(true, ordering: .relaxed)
    }

    var total: Int { value.load(ordering: .relaxed) }
    var wasConsumed: Bool { consumed.load(ordering: .relaxed) }
}

/// The authenticated caller of a `/v1` request.
struct Principal: Sendable {
    let subject: String
    let clientId: String
    let scope: String
}

/// One request as handlers see it: decoded parameters, query, headers and (for buffered routes) the decoded body.
struct APIRequest: Sendable {
    let method: String
    let rawPath: String
    let rawQuery: String?
    let query: QueryParameters
    let headers: HTTPFields
    var params: [String: String]
    let requestId: String
    var principal: Principal?
    /// The decoded body of a buffered route; empty for streamed routes.
    var body: [UInt8]
    /// The raw body stream, for streamed routes.
    let stream: RequestBody
    let counter: ByteCounter

    /// A path parameter (already percent-decoded).
    func param(_ name: String) -> String {
        params[name] ?? ""
    }

    func header(_ name: String) -> String? {
        guard let field = HTTPField.Name(name) else { return nil }
        return headers[field]
    }

    /// Who is acting, for `createdBy` / `modifiedBy`.
    var actor: String { principal?.subject ?? "system" }

    var contentType: String? { headers[.contentType] }

    /// The lowercased media type without parameters.
    var mediaType: String? {
        contentType.map { $0.split(separator: ";", maxSplits: 1).first.map { $0.trimmingSpaces().lowercased() } ?? "" }
    }

    /// The body parsed as JSON; an empty body is an empty object.
    func jsonBody() throws(APIError) -> JSON {
        if let mediaType, !mediaType.isEmpty, mediaType != "application/json", !mediaType.hasSuffix("+json"), !body.isEmpty {
            throw APIError(status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE",
                           message: "Expected application/json, got \(mediaType)")
        }
        guard !body.isEmpty else { return .object([:]) }
        do {
            return try JSONParser.parse(body)
        } catch {
            throw APIError.badRequest(error.description, code: "INVALID_JSON")
        }
    }

    /// The body parsed as a JSON object.
    func jsonObject() throws(APIError) -> [String: JSON] {
        guard case .object(let members) = try jsonBody() else {
            throw APIError.badRequest("The request body must be a JSON object", code: "INVALID_JSON")
        }
        return members
    }

    /// Streams the body, decoding any `Content-Encoding`: hands every piece of the (decoded) body to `sink` as it arrives, without copying it out of NIO's buffers.
    func forEachBodyBuffer(_ sink: (UnsafeRawBufferPointer) throws -> Void) async throws {
        let inflater = try BodyDecoding.inflater(for: headers[.contentEncoding])
        do {
            for try await buffer in stream {
                counter.add(buffer.readableBytes)
                try buffer.withUnsafeReadableBytes { raw in
                    if let inflater {
                        try inflater.inflate(raw) { bytes in try bytes.withUnsafeBytes(sink) }
                    } else {
                        try sink(raw)
                    }
                }
            }
            try inflater?.finish()
        } catch let failure as GzipInflater.Failure {
            throw APIError.badRequest("Could not decode the body: \(failure.reason)", code: "INVALID_CONTENT_ENCODING")
        }
    }
}

/// `Content-Encoding` handling shared by buffered and streamed bodies.
enum BodyDecoding {
    /// An inflater for the encoding, nil for identity; throws 415 for an unknown encoding.
    static func inflater(for encoding: String?) throws -> GzipInflater? {
        guard let encoding = encoding?.lowercased().trimming(" "), !encoding.isEmpty, encoding != "identity" else {
            return nil
        }
        switch encoding {
        case "gzip", "x-gzip": return try GzipInflater(gzip: true)
        case "deflate": return try GzipInflater(gzip: false)
        default:
            throw APIError(status: .unsupportedMediaType, code: "UNSUPPORTED_MEDIA_TYPE", message: "Unsupported Content-Encoding '\(encoding)'")
        }
    }

    /// Collects a whole body (up to `limit` decoded bytes), decoding any `Content-Encoding`.
    static func collect(_ body: RequestBody, encoding: String?, limit: Int, counter: ByteCounter) async throws -> [UInt8] {
        let inflater = try inflater(for: encoding)
        var result: [UInt8] = []
        do {
            for try await buffer in body {
                counter.add(buffer.readableBytes)
                if let inflater {
                    try buffer.withUnsafeReadableBytes { raw in
                        try inflater.inflate(raw) { chunk in
                            result.append(contentsOf: chunk)
                            if result.count > limit { throw tooLarge(limit) }
                        }
                    }
                } else {
                    result.append(contentsOf: buffer.readableBytesView)
                    if result.count > limit { throw tooLarge(limit) }
                }
            }
            try inflater?.finish()
        } catch let failure as GzipInflater.Failure {
            throw APIError.badRequest("Could not decode the \(encoding ?? "") body: \(failure.reason)", code: "INVALID_CONTENT_ENCODING")
        }
        return result
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(status: .contentTooLarge, code: "PAYLOAD_TOO_LARGE", message: "The request body exceeds \(limit) bytes")
    }
}

extension String {
    /// The text without leading and trailing occurrences of `character`.
    func trimming(_ character: Character) -> String {
        var slice = self[...]
        while slice.first == character { slice = slice.dropFirst() }
        while slice.last == character { slice = slice.dropLast() }
        return String(slice)
    }
}
