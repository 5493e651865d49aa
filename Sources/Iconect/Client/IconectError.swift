import Foundation

/// The one error type the SDK throws.
///
/// Every failure carries what a caller needs to act on it and to report it: a ``Code`` to switch on, the HTTP status,
/// the server's own error code and message, the request id to quote to support, and the operation that failed.
/// ```swift
/// do {
///     _ = try await client.projects.get(id: "p-1")
/// } catch let error as IconectError where error.code == .notFound {
///     print("no such project (request \(error.requestId ?? "-"))")
/// }
/// ```
public struct IconectError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. An open set: new codes may be added; match the ones you handle.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// 401: the credentials or token were refused (after one refresh and replay).
        public static let unauthorized = Code("unauthorized")
        /// 403: authenticated but not allowed.
        public static let forbidden = Code("forbidden")
        /// 404: no such object.
        public static let notFound = Code("notFound")
        /// 409: the request conflicts with the object's state.
        public static let conflict = Code("conflict")
        /// 400/422: the server or the SDK rejected the input; see ``IconectError/fieldErrors``.
        public static let validation = Code("validation")
        /// 429 (or 503 with `Retry-After`) after the retries were spent; see ``IconectError/retryAfter``.
        public static let rateLimited = Code("rateLimited")
        /// 5xx after the retries were spent.
        public static let server = Code("server")
        /// Any other HTTP status the SDK has no better code for.
        public static let httpStatus = Code("httpStatus")
        /// The request did not finish within its timeout.
        public static let timeout = Code("timeout")
        /// The calling task was cancelled.
        public static let cancelled = Code("cancelled")
        /// The connection failed or was lost.
        public static let transport = Code("transport")
        /// The response could not be decoded; see ``IconectError/decodingPath``.
        public static let decoding = Code("decoding")
        /// A digest did not match the bytes.
        public static let checksumMismatch = Code("checksumMismatch")
        /// The configuration is unusable; the message names the field.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// The identity provider refused a grant (OAuth error such as `invalid_grant`, `invalid_scope`).
        public static let authentication = Code("authentication")
        /// The client was shut down: ``IconectClient/shutdown(gracePeriod:)`` stops new calls with this code.
        public static let shutdown = Code("shutdown")
        /// A response, or what decompressing one would produce, exceeds a limit of ``IconectConfiguration/Limits``; the
        /// message names the limit. Nothing beyond the limit was held in memory or written to disk.
        public static let tooLarge = Code("tooLarge")
    }

    /// What kind of failure this is.
    public var code: Code
    /// A human-readable explanation: the server's message when there is one.
    public var message: String
    /// The HTTP status, when a response arrived.
    public var status: Int?
    /// The server's own error code (`NOT_FOUND`, `invalid_grant`, ...), when it sent one.
    public var serverCode: String?
    /// The `X-Request-Id` of the failed response, to quote to support.
    public var requestId: String?
    /// The operation that failed, as named in the catalogue (`iconect_get_project`).
    public var operation: String?
    /// Messages per input field, for ``Code/validation``.
    public var fieldErrors: [String: [String]]
    /// How long the server asked to wait, for ``Code/rateLimited``.
    public var retryAfter: Duration?
    /// Where decoding failed (`data[3].createdDate`), for ``Code/decoding``.
    public var decodingPath: String?
    /// The server's `details` object, when it sent one.
    public var details: JSONValue?
    /// The lower-level error, when there is one (a `URLError`, a `DecodingError`).
    public var underlying: (any Error & Sendable)?

    public init(
        _ code: Code, _ message: String, status: Int? = nil, serverCode: String? = nil, requestId: String? = nil,
        operation: String? = nil, fieldErrors: [String: [String]] = [:], retryAfter: Duration? = nil,
        decodingPath: String? = nil, details: JSONValue? = nil, underlying: (any Error & Sendable)? = nil
    ) {
        self.code = code
        self.message = message
        self.status = status
        self.serverCode = serverCode
        self.requestId = requestId
        self.operation = operation
        self.fieldErrors = fieldErrors
        self.retryAfter = retryAfter
        self.decodingPath = decodingPath
        self.details = details
        self.underlying = underlying
    }

    public var description: String {
        var parts = ["IconectError.\(code)"]
        if let operation { parts.append("operation=\(operation)") }
        if let status { parts.append("status=\(status)") }
        if let serverCode { parts.append("serverCode=\(serverCode)") }
        if let requestId { parts.append("requestId=\(requestId)") }
        var text = parts.joined(separator: " ") + ": " + message
        if !fieldErrors.isEmpty {
            let fields = fieldErrors.keys.sorted().map { "\($0): \(fieldErrors[$0, default: []].joined(separator: "; "))" }
            text += " [" + fields.joined(separator: ", ") + "]"
        }
        if let decodingPath { text += " at \(decodingPath)" }
        return text
    }
}

extension IconectError {
    /// A ``Code/validation`` error found before anything was sent, for an argument the caller got wrong, naming it in the
    /// message and in ``fieldErrors``: `IconectError.invalidArgument("pageSize", "must be from 1 to 100, got 500")`.
    public static func invalidArgument(_ name: String, _ message: String, operation: String? = nil) -> IconectError {
        IconectError(.validation, "\(name): \(message)", operation: operation, fieldErrors: [name: [message]])
    }

    /// A configuration failure naming the offending field.
    static func invalidConfiguration(_ field: String, _ message: String) -> IconectError {
        IconectError(.invalidConfiguration, "\(field): \(message)", fieldErrors: [field: [message]])
    }

    /// A ``Code/tooLarge`` error naming the limit that was crossed.
    static func tooLarge(_ what: String, limit: Int, setting: String, operation: String? = nil) -> IconectError {
        IconectError(.tooLarge, "\(what) exceeds \(limit) bytes (IconectConfiguration.limits.\(setting))", operation: operation)
    }

    /// The error a transport failure stands for, for a transport that threw something other than an ``IconectError``:
    /// a `CancellationError` is ``Code/cancelled``, anything else ``Code/transport``. Each transport maps its own errors
    /// first; this only catches what a third-party transport leaves unmapped.
    static func transportFailure(_ error: any Error) -> IconectError {
        if let error = error as? IconectError { return error }
        if error is CancellationError { return IconectError(.cancelled, "the request was cancelled", underlying: error) }
        return IconectError(.transport, "the connection failed: \(error)", underlying: error)
    }
}
