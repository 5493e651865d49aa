import Foundation
import HTTPTypes

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension IconectError {
    /// The error a non-2xx answer stands for, keeping the status, the server's code, message, details and request id.
    static func from(_ answer: HTTPAnswer, operation: String) -> IconectError {
        let envelope = try? JSONCoding.decoder.decode(ErrorEnvelope.self, from: answer.body)
        let body = envelope?.error
        let status = answer.status
        let requestId = answer.response.headerFields[.requestId] ?? body?.requestId
        let retryAfter = RetryAfter.parse(answer.response.headerFields[.retryAfter])
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
        var message = body?.message ?? envelope?.oauthDescription ?? Self.fallbackMessage(answer)
        if answer.response.status.kind == .redirection {
            message = "HTTP \(status): a redirect to \(answer.response.headerFields[.location] ?? "(no Location)") that the SDK does "
                + "not follow (it follows redirects within the origin, and reads without credentials to another https origin)"
        }
        let code: Code
        switch status {
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
            code, message, status: status, serverCode: body?.code ?? envelope?.oauthError,
            requestId: requestId, operation: operation, fieldErrors: fields, retryAfter: retryAfter, details: body?.details)
    }

    private static func fallbackMessage(_ answer: HTTPAnswer) -> String {
        let text = String(decoding: answer.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = HTTPURLResponse.localizedString(forStatusCode: answer.status)
        return text.isEmpty ? "HTTP \(answer.status) \(reason)" : "HTTP \(answer.status) \(reason): \(text)"
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
