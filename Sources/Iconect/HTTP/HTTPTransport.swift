import Foundation
import HTTPTypes

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

/// Moves requests to a server and responses back. The SDK's pipeline (auth, retries, redirects, metrics) sits on top.
///
/// Requests and responses are swift-http-types' `HTTPRequest` and `HTTPResponse` (`import HTTPTypes` to write a
/// transport), as in swift-openapi-runtime's `ClientTransport`; the body travels beside the request as an ``HTTPBody``
/// and comes back as `Data`. A request names its target by `scheme`, `authority` and `path` (with the query): a transport
/// on Foundation can read `request.url`, and any transport can join the three as text.
///
/// ``URLSessionTransport`` is the default. Implement this protocol to plug in another HTTP stack or a test double.
/// Implementations map their own failures below HTTP to ``IconectError`` (``IconectError/Code/transport``,
/// ``IconectError/Code/timeout``, ``IconectError/Code/cancelled``, ``IconectError/Code/tooLarge``,
/// ``IconectError/Code/shutdown``); an HTTP error status is a response, not an error. A transport follows no redirect:
/// a 3xx is a response, and the pipeline decides what to follow (it never sends credentials to another origin).
public protocol HTTPTransport: Sendable {
    /// Sends a request with `body` and collects the whole response body in memory (refusing one over the configured
    /// ``IconectConfiguration/Limits/maxResponseBytes`` as it arrives). `timeout` bounds the exchange: a body in memory
    /// must be answered within it as a whole, a body from disk may take as long as the exchange keeps moving.
    func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data)

    /// Sends a request without a body and streams the response body into the file at `destination`, which the SDK has
    /// created: open it without following a symbolic link, and truncate it. An error status still writes its body to the
    /// file. `timeout` is the longest the transfer may stay idle.
    func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse

    /// Releases connections and threads. The transport is unusable afterwards.
    func shutdown() async
}
