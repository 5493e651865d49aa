import Foundation
import HTTPTypes
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession`, tuned for an API client.
///
/// Long-lived sessions (never one per request), each with a bounded pool of keep-alive connections per host
/// (`httpMaximumConnectionsPerHost`; the Linux default is 6), no URL cache, no cookies. Cancelling the calling task
/// cancels the request. Requests with a file body stream it from disk, downloads stream to disk.
///
/// Every task runs through the session's delegate, which sees the answer as it arrives: a body held in memory stops at
/// ``IconectConfiguration/Limits/maxResponseBytes`` (Foundation's own async calls would collect any size first), every
/// redirect is refused so that the request pipeline decides (and `Authorization` never reaches another origin), a
/// download is written to the file the SDK created, and a call without a body from disk ends at its timeout as a whole.
///
/// On Linux, swift-corelibs-foundation runs every task of a session on that session's serial work queue, so one might
/// expect several sessions used round-robin to go faster. Measured on 2 cores over loopback against the emulator with
/// `iconect-bench pool` (medians of three interleaved rounds), they do not: the cost is thread hand-offs, which more
/// sessions multiply, not one queue's throughput.
///
/// | sessions | 32-task GETs | 512 MiB chunked upload |
/// |---|---|---|
/// | 1 | 2,705 req/s | 358 MB/s |
/// | 2 | 2,266 req/s | 375 MB/s |
/// | 4 | 2,398 req/s | 343 MB/s |
///
/// So ``defaultPoolSize`` is 1; `HTTPTransportFactory.urlSession(poolSize:)` sets another size (machines with many
/// cores may gain from more). For real speed on Linux, use `IconectAsyncHTTPClient`'s transport.
public final class URLSessionTransport: HTTPTransport {
    /// The pool size the measurements above chose.
    public static let defaultPoolSize = 1

    private let sessions: [URLSession]
    private let delegate = SessionDelegate()
    private let next = Atomic<Int>(0)
    private let maxResponseBytes: Int
    /// Set by ``shutdown()``; checked, under the same lock, before every task is made (an invalidated session traps).
    private let isShutDown = Mutex(false)

    /// Creates a transport of `poolSize` sessions, each keeping at most `maximumConnectionsPerHost` connections to a host;
    /// a response body held in memory may have at most `maxResponseBytes` bytes.
    public init(maximumConnectionsPerHost: Int = 10, requestTimeout: Duration = .seconds(30), poolSize: Int = defaultPoolSize,
                maxResponseBytes: Int = IconectConfiguration.Limits().maxResponseBytes) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = requestTimeout.timeInterval
        configuration.timeoutIntervalForResource = max(requestTimeout.timeInterval, 7 * 24 * 3600)
        self.maxResponseBytes = maxResponseBytes
        let delegate = self.delegate
        sessions = (0..<max(1, poolSize)).map { _ in URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil) }
    }

    /// Creates a transport of `poolSize` sessions sized from a client's configuration (connections per host, timeout, limits).
    public convenience init(configuration: IconectConfiguration, poolSize: Int = defaultPoolSize) {
        self.init(maximumConnectionsPerHost: configuration.maximumConnectionsPerHost, requestTimeout: configuration.requestTimeout,
                  poolSize: poolSize, maxResponseBytes: configuration.limits.maxResponseBytes)
    }

    /// The session for the next request.
    private var session: URLSession {
        sessions[next.wrappingAdd(1, ordering: .relaxed).oldValue % sessions.count]
    }

    /// Sends the request and collects the answer in memory. A request without a body from disk must be answered within
    /// its timeout as a whole (a server that trickles bytes fails with ``IconectError/Code/timeout``); a body from disk
    /// may take as long as the exchange keeps moving.
    public func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        let exchange = Exchange(memoryLimit: maxResponseBytes)
        var urlRequest = try makeURLRequest(request, timeout: timeout)
        let answer: HTTPAnswer
        switch body {
        case .none:
            answer = try await run(exchange, deadline: timeout) { $0.dataTask(with: urlRequest) }
        case .data(let body):
            // In the request, as a data task: on Linux an upload task's streamed body is far slower for small bodies
            // (iconect-bench fanout, PUTs at 16: about 900/s as upload tasks, 1,700-1,800/s as data tasks).
            urlRequest.httpBody = body
            answer = try await run(exchange, deadline: timeout) { $0.dataTask(with: urlRequest) }
        case .file(let file):
            answer = try await run(exchange, deadline: nil) { $0.uploadTask(with: urlRequest, fromFile: file) }
        case .fileRegion(let url, let offset, let length):
            #if canImport(FoundationNetworking)
            // Streamed from disk as libcurl asks for it: constant memory per chunk in flight. libcurl sends a stream of
            // unknown length chunked; a Content-Length beside it would make the request invalid (RFC 9112 §6.3).
            urlRequest.httpBodyStream = try FileRegionInputStream(url: url, offset: offset, length: length)
            answer = try await run(exchange, deadline: nil) { $0.dataTask(with: urlRequest) }
            #else
            // URLSession cannot send part of a file: the region is read as the task is made.
            let reader = try FileReader(url: url)
            defer { reader.close() }
            let body = try reader.read(offset: offset, length: Int(length))
            answer = try await run(exchange, deadline: nil) { $0.uploadTask(with: urlRequest, from: body) }
            #endif
        }
        return (answer.response, answer.body)
    }

    /// Streams the answer into `destination`, which is opened without following a symbolic link and created private
    /// (0600) when it does not exist.
    public func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        let urlRequest = try makeURLRequest(request, timeout: timeout)
        let exchange = try Exchange(writingTo: destination)
        let answer: HTTPAnswer
        do {
            answer = try await run(exchange, deadline: nil) { $0.dataTask(with: urlRequest) }
        } catch {
            try? exchange.finishFile()
            throw error
        }
        try exchange.finishFile()
        return answer.response
    }

    /// Refuses new requests (``IconectError/Code/shutdown``) and cancels those still running: ``IconectClient`` calls it
    /// only after the calls in flight had their grace period.
    public func shutdown() async {
        isShutDown.withLock { $0 = true }
        // Not `invalidateAndCancel()`: Foundation's own cancellations are not kept apart from a task's end, and on Linux
        // the two together trap (see `Exchange.cancelNow`). The sessions end once their cancelled tasks have.
        delegate.cancelAll()
        for session in sessions { session.finishTasksAndInvalidate() }
    }

    // MARK: - Plumbing

    /// The `URLRequest` of `request`: its URL, method and header fields (a name given twice is sent once, its values joined
    /// by commas), with `timeout` as Foundation's idle timeout. The URL is parsed from the request's scheme, authority and
    /// path joined as text: what `request.url` does on Linux, at half its cost (it copies the parts through a byte buffer).
    private func makeURLRequest(_ request: HTTPRequest, timeout: Duration) throws -> URLRequest {
        guard let scheme = request.scheme, let authority = request.authority, let path = request.path,
            let url = URL(string: scheme + "://" + authority + path)
        else {
            throw IconectError.invalidArgument("request", "has no scheme, authority and path that form a URL")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = timeout.timeInterval
        for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
        return urlRequest
    }

    /// Makes one task with `makeTask`, runs it through `exchange`, and ends it with the calling task's cancellation or,
    /// when `deadline` is given, once that long has passed.
    private func run(_ exchange: Exchange, deadline: Duration?, _ makeTask: (URLSession) -> URLSessionTask) async throws -> HTTPAnswer {
        guard !Task.isCancelled else { throw IconectError(.cancelled, "the request was cancelled") }
        let task: URLSessionTask = try isShutDown.withLock { isShutDown in
            guard !isShutDown else { throw IconectError(.shutdown, "the client was shut down") }
            let task = makeTask(session)
            delegate.register(exchange, for: task)
            return task
        }
        let timer = deadline.map { limit in
            DispatchWorkItem {
                exchange.stop(IconectError(.timeout, "the request timed out (no complete answer within \(limit))"))
                exchange.cancel(task)
            }
        }
        if let timer, let deadline { DispatchQueue.global().asyncAfter(deadline: .now() + deadline.timeInterval, execute: timer) }
        defer { timer?.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPAnswer, any Error>) in
                exchange.wait(continuation)
                task.resume()
            }
        } onCancel: {
            exchange.cancel(task)
        }
    }

    /// The status and header fields of Foundation's response; a field whose name is not a valid token is dropped.
    /// - Throws: ``IconectError/Code/transport`` for a status outside 0...999, which is no HTTP status.
    static func response(of response: HTTPURLResponse) throws -> HTTPResponse {
        guard (0...999).contains(response.statusCode) else {
            throw IconectError(.transport, "the server answered with \(response.statusCode), which is no HTTP status")
        }
        var fields = HTTPFields()
        fields.reserveCapacity(response.allHeaderFields.count)
        for (name, value) in response.allHeaderFields {
            guard let name = HTTPField.Name(name as? String ?? String(describing: name)) else { continue }
            fields.append(HTTPField(name: name, value: value as? String ?? String(describing: value)))
        }
        return HTTPResponse(status: HTTPResponse.Status(code: response.statusCode), headerFields: fields)
    }

    /// The ``IconectError`` for a failure of Foundation's URL loading.
    static func map(_ error: any Error) -> IconectError {
        if let error = error as? IconectError { return error }
        let urlError = error as? URLError
        switch urlError?.code {
        case .cancelled?:
            return IconectError(.cancelled, "the request was cancelled", underlying: urlError)
        case .timedOut?:
            return IconectError(.timeout, "the request timed out", underlying: urlError)
        default:
            let text = urlError.map { "\($0.code.rawValue) \($0.localizedDescription)" } ?? String(describing: error)
            return IconectError(.transport, "the connection failed: \(text)", underlying: urlError)
        }
    }
}
