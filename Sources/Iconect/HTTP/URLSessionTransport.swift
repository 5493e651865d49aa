import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession`, tuned for an API client.
///
/// Long-lived sessions (never one per request), each with a bounded pool of keep-alive connections per host
/// (`httpMaximumConnectionsPerHost`; the Linux default is 6), no URL cache, no cookies. Cancelling the calling task
/// cancels the request. Requests with a file body stream it from disk (`upload(for:fromFile:)`), downloads stream to disk.
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
/// So ``defaultPoolSize`` is 1; ``IconectConfiguration/urlSessionPoolSize`` sets another size (machines with many cores
/// may gain from more). For real speed on Linux, use `IconectAsyncHTTPClient`'s transport.
public final class URLSessionTransport: HTTPTransport {
    /// The pool size the measurements above chose.
    public static let defaultPoolSize = 1

    private let sessions: [URLSession]
    private let next = Atomic<Int>(0)

    /// Creates a transport of `poolSize` sessions, each keeping at most `maximumConnectionsPerHost` connections to a host.
    public init(maximumConnectionsPerHost: Int = 10, requestTimeout: Duration = .seconds(30), poolSize: Int = defaultPoolSize) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = requestTimeout.timeInterval
        configuration.timeoutIntervalForResource = max(requestTimeout.timeInterval, 7 * 24 * 3600)
        sessions = (0..<max(1, poolSize)).map { _ in URLSession(configuration: configuration) }
    }

    /// Creates a transport sized from a client's configuration (connections per host, timeout, pool size).
    public convenience init(configuration: IconectConfiguration) {
        self.init(maximumConnectionsPerHost: configuration.maximumConnectionsPerHost, requestTimeout: configuration.requestTimeout,
                  poolSize: configuration.urlSessionPoolSize)
    }

    /// The session for the next request.
    private var session: URLSession {
        sessions[next.wrappingAdd(1, ordering: .relaxed).oldValue % sessions.count]
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (session, urlRequest) = (self.session, makeURLRequest(request))
        let exchange: (Data, URLResponse)
        do {
            // Foundation's async calls hand the answer over on the session's own queue, one thread hop fewer than a
            // completion handler (which runs on the delegate queue): about a tenth of a small request's latency.
            switch request.body {
            case .none: exchange = try await session.data(for: urlRequest)
            case .data(let body):
                // In the request, as a data task: on Linux an upload task's streamed body is far slower for small bodies
                // (iconect-bench fanout, PUTs at 16: about 900/s as upload tasks, 1,700-1,800/s as data tasks).
                var withBody = urlRequest
                withBody.httpBody = body
                exchange = try await session.data(for: withBody)
            case .file(let file): exchange = try await session.upload(for: urlRequest, fromFile: file)
            case .fileRegion(let url, let offset, let length): return try await sendRegion(url, offset: offset, length: length, urlRequest)
            }
        } catch {
            throw Self.map(error)
        }
        return try Self.result(data: exchange.0, response: exchange.1, error: nil).get()
    }

    /// Sends `length` bytes of the file at `url` from `offset` (a chunk). URLSession cannot send part of a file, so the
    /// region is read as the request goes out, and released as soon as Foundation holds its copy: a chunk in flight is
    /// in memory once, not twice (which the async API, keeping its argument for the whole exchange, would cost).
    private func sendRegion(_ url: URL, offset: Int64, length: Int64, _ urlRequest: URLRequest) async throws -> HTTPResponse {
        let session = self.session
        return try await run { completion in
            let reader = try FileReader(url: url)
            defer { reader.close() }
            return session.uploadTask(with: urlRequest, from: try reader.read(offset: offset, length: Int(length))) { data, response, error in
                completion(Self.result(data: data, response: response, error: error))
            }
        }
    }

    public func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        let (session, urlRequest) = (self.session, makeURLRequest(request))
        let (temporary, response): (URL, URLResponse)
        do {
            (temporary, response) = try await session.download(for: urlRequest)
        } catch {
            throw Self.map(error)
        }
        do {
            let manager = FileManager.default
            if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
            try manager.moveItem(at: temporary, to: destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw IconectError(.transport, "could not store the download at \(destination.path): \(error.localizedDescription)",
                               underlying: error)
        }
        return try Self.result(data: Data(), response: response, error: nil).get()
    }

    public func shutdown() async {
        for session in sessions { session.finishTasksAndInvalidate() }
    }

    // MARK: - Plumbing

    private func makeURLRequest(_ request: HTTPRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method.rawValue
        urlRequest.timeoutInterval = request.timeout.timeInterval
        for (name, value) in request.headers { urlRequest.addValue(value, forHTTPHeaderField: name) }
        return urlRequest
    }

    /// Makes one URLSession task (outside the suspension, so whatever `makeTask` read for the body is released as soon as
    /// the task holds its copy), runs it, resumes when its completion handler fires, and cancels it with the calling task.
    private func run(
        _ makeTask: (_ completion: @escaping @Sendable (Result<HTTPResponse, IconectError>) -> Void) throws -> URLSessionTask
    ) async throws -> HTTPResponse {
        let waiter = CompletionWaiter()
        let task = try makeTask { result in waiter.complete(result) }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                waiter.wait(continuation)
                task.resume()
            }
        } onCancel: {
            task.cancel()
        }
    }

    private static func result(data: Data?, response: URLResponse?, error: (any Error)?) -> Result<HTTPResponse, IconectError> {
        if let error { return .failure(map(error)) }
        guard let http = response as? HTTPURLResponse else {
            return .failure(IconectError(.transport, "the server's answer was not an HTTP response"))
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.add(name as? String ?? String(describing: name), value as? String ?? String(describing: value))
        }
        return .success(HTTPResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
    }

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

/// Hands a task's result to the continuation awaiting it, in whichever order the two arrive.
private final class CompletionWaiter: Sendable {
    private enum State {
        case idle
        case waiting(CheckedContinuation<HTTPResponse, any Error>)
        case done(Result<HTTPResponse, IconectError>)
        case finished
    }

    private let state = Mutex(State.idle)

    func wait(_ continuation: CheckedContinuation<HTTPResponse, any Error>) {
        let ready: Result<HTTPResponse, IconectError>? = state.withLock { state in
            if case .done(let result) = state {
                state = .finished
                return result
            }
            state = .waiting(continuation)
            return nil
        }
        if let ready { continuation.resume(with: ready) }
    }

    func complete(_ result: Result<HTTPResponse, IconectError>) {
        let waiting: CheckedContinuation<HTTPResponse, any Error>? = state.withLock { state in
            switch state {
            case .waiting(let continuation):
                state = .finished
                return continuation
            case .idle:
                state = .done(result)
                return nil
            case .done, .finished:
                return nil
            }
        }
        waiting?.resume(with: result)
    }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
