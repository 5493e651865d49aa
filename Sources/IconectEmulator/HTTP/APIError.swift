import HTTPTypes

/// A CONTRACT error: `{"error": {"code", "message", "details", "requestId"}}` with an HTTP status.
struct APIError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var details: JSON?
    var headers: HTTPFields = [:]

    static func notFound(_ kind: String, _ id: String) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", message: "\(kind) '\(id)' was not found")
    }

    static func validation(_ fields: [String: [String]], message: String = "The request is invalid") -> APIError {
        var members: [String: JSON] = [:]
        for (name, messages) in fields { members[name] = .array(messages.map(JSON.string)) }
        return APIError(status: .badRequest, code: "VALIDATION_ERROR", message: message, details: ["fields": .object(members)])
    }

    static func validation(_ field: String, _ message: String) -> APIError {
        validation([field: [message]], message: message)
    }

    static func badRequest(_ message: String, code: String = "BAD_REQUEST") -> APIError {
        APIError(status: .badRequest, code: code, message: message)
    }

    static func conflict(_ message: String, details: JSON? = nil) -> APIError {
        APIError(status: .conflict, code: "CONFLICT", message: message, details: details)
    }

    static func unauthorized(_ message: String) -> APIError {
        APIError(status: .unauthorized, code: "UNAUTHORIZED", message: message, headers: [.wwwAuthenticate: "Bearer error=\"invalid_token\""])
    }

    /// The CONTRACT code conventionally used for an HTTP status.
    static func code(for status: Int) -> String {
        switch status {
        case 400: return "BAD_REQUEST"
        case 401: return "UNAUTHORIZED"
        case 403: return "FORBIDDEN"
        case 404: return "NOT_FOUND"
        case 405: return "METHOD_NOT_ALLOWED"
        case 408: return "REQUEST_TIMEOUT"
        case 409: return "CONFLICT"
        case 413: return "PAYLOAD_TOO_LARGE"
        case 415: return "UNSUPPORTED_MEDIA_TYPE"
        case 416: return "RANGE_NOT_SATISFIABLE"
        case 422: return "UNPROCESSABLE_ENTITY"
        case 429: return "RATE_LIMITED"
        case 500: return "INTERNAL_ERROR"
        case 502: return "BAD_GATEWAY"
        case 503: return "SERVICE_UNAVAILABLE"
        case 504: return "GATEWAY_TIMEOUT"
        default: return status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR"
        }
    }

    /// The error body for this error.
    func body(requestId: String) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.key("error")
        writer.beginObject()
        writer.key("code")
        writer.string(code)
        writer.key("message")
        writer.string(message)
        writer.key("details")
        writer.value(details ?? .object([:]))
        writer.key("requestId")
        writer.string(requestId)
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}

/// Collects field validation messages, then throws them as one `VALIDATION_ERROR`.
struct ValidationErrors {
    private(set) var fields: [String: [String]] = [:]

    var isEmpty: Bool { fields.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        fields[field, default: []].append(message)
    }

    func throwIfAny() throws(APIError) {
        guard !fields.isEmpty else { return }
        let first = fields.keys.sorted().first.flatMap { fields[$0]?.first } ?? "The request is invalid"
        throw APIError.validation(fields, message: fields.count == 1 ? first : "The request has \(fields.count) invalid fields")
    }
}
