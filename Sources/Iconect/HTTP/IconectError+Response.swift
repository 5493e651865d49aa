import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension IconectError {
    /// The error a non-2xx response stands for, keeping the status, the server's code, message, details and request id.
    static func from(_ response: HTTPResponse, operation: String) -> IconectError {
        let envelope = try? JSONCoding.decoder.decode(ErrorEnvelope.self, from: response.body)
        let body = envelope?.error
        let requestId = response.headers["X-Request-Id"] ?? body?.requestId
        let retryAfter = RetryAfter.parse(response.headers["Retry-After"])
        var fields: [String: [String]] = [:]
        if case .object(let map)? = body?.details?["fields"] {
            for (name, value) in map {
                switch value {
                case .array(let messages): fields[name] = messages.map { $0.stringValue ?? $0.description }
                case .string(let message): fields[name] = [message]
                default: fields[name] = [value.description]
                }
            }
        }
        var message = body?.message ?? envelope?.oauthDescription ?? Self.fallbackMessage(response)
        if (300..<400).contains(response.status) {
            message = "HTTP \(response.status): a redirect to \(response.headers["Location"] ?? "(no Location)") that the SDK does "
                + "not follow (it follows redirects within the origin, and reads without credentials to another https origin)"
        }
        let code: Code
        switch response.status {
        case 400 where body?.code == "CHECKSUM_MISMATCH": code = .checksumMismatch
        case 400, 422: code = .validation
        case 401: code = .unauthorized
        case 403: code = .forbidden
        case 404: code = .notFound
        case 409: code = .conflict
        case 429: code = .rateLimited
        case 503 where retryAfter != nil: code = .rateLimited
        case 500...599: code = .server
        default: code = .httpStatus
        }
        return IconectError(
            code, message, status: response.status, serverCode: body?.code ?? envelope?.oauthError,
            requestId: requestId, operation: operation, fieldErrors: fields, retryAfter: retryAfter, details: body?.details)
    }

    private static func fallbackMessage(_ response: HTTPResponse) -> String {
        let text = String(decoding: response.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = HTTPURLResponse.localizedString(forStatusCode: response.status)
        return text.isEmpty ? "HTTP \(response.status) \(reason)" : "HTTP \(response.status) \(reason): \(text)"
    }
}

/// `{"error": {"code", "message", "details", "requestId"}}` (CONTRACT.md), or an OAuth error
/// `{"error": "invalid_grant", "error_description": "..."}` (RFC 6749 §5.2).
struct ErrorEnvelope: Decodable {
    struct Body: Decodable {
        var code: String?
        var message: String?
        var details: JSONValue?
        var requestId: String?
    }

    var error: Body?
    var oauthError: String?
    var oauthDescription: String?

    enum CodingKeys: String, CodingKey {
        case error
        case errorDescription = "error_description"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? container.decode(String.self, forKey: .error) {
            oauthError = text
            oauthDescription = try? container.decode(String.self, forKey: .errorDescription)
        } else {
            error = try container.decodeIfPresent(Body.self, forKey: .error)
        }
    }
}
