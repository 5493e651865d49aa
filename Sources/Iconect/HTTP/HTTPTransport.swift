import Foundation

/// The HTTP method of a request.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")

    /// Whether repeating the request has the same effect as sending it once (RFC 9110 §9.2.2).
    public var isIdempotent: Bool {
        self == .get || self == .head || self == .put || self == .delete
    }
}

/// What a request carries as its body.
public enum HTTPBody: Sendable, Hashable {
    /// No body.
    case none
    /// Bytes in memory.
    case data(Data)
    /// A whole file, streamed from disk by the transport.
    case file(URL)
    /// `length` bytes of a file from `offset`: one chunk of a chunked upload, read from disk by the transport only when it
    /// sends them (again on every attempt), so a body never has to live in memory before it is sent.
    case fileRegion(URL, offset: Int64, length: Int64)

    /// The body's length in bytes, when it is known without reading it.
    public var count: Int? {
        switch self {
        case .none: return 0
        case .data(let data): return data.count
        case .file(let url):
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? NSNumber
            return size?.intValue
        case .fileRegion(_, _, let length):
            return Int(length)
        }
    }
}

/// One HTTP request, as the SDK hands it to a transport.
public struct HTTPRequest: Sendable {
    public var method: HTTPMethod
    public var url: URL
    public var headers: HTTPHeaders
    public var body: HTTPBody
    /// How long the whole exchange may take.
    public var timeout: Duration

    public init(method: HTTPMethod, url: URL, headers: HTTPHeaders = [:], body: HTTPBody = .none, timeout: Duration = .seconds(30)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// One HTTP response: status, headers and the whole body in memory (or none, for a download to a file).
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Moves requests to a server and responses back. The SDK's pipeline (auth, retries, redirects, metrics) sits on top.
///
/// ``URLSessionTransport`` is the default. Implement this protocol to plug in another HTTP stack or a test double.
/// Implementations map their own failures below HTTP to ``IconectError`` (``IconectError/Code/transport``,
/// ``IconectError/Code/timeout``, ``IconectError/Code/cancelled``, ``IconectError/Code/tooLarge``,
/// ``IconectError/Code/shutdown``); an HTTP error status is a response, not an error. A transport follows no redirect:
/// a 3xx is a response, and the pipeline decides what to follow (it never sends credentials to another origin).
public protocol HTTPTransport: Sendable {
    /// Sends a request and collects the whole response body in memory (refusing one over the configured
    /// ``IconectConfiguration/Limits/maxResponseBytes`` as it arrives).
    func send(_ request: HTTPRequest) async throws -> HTTPResponse

    /// Sends a request and streams the response body into the file at `destination`, which the SDK has created: open it
    /// without following a symbolic link, and truncate it. The returned response has an empty `body`. An error status
    /// still writes its body to the file.
    func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse

    /// Releases connections and threads. The transport is unusable afterwards.
    func shutdown() async
}
