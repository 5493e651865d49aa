import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession`, tuned for an API client.
///
/// A small pool of long-lived sessions (never one per request) used round-robin, each with a bounded pool of keep-alive
/// connections per host (`httpMaximumConnectionsPerHost`; the Linux default is 6), no URL cache, no cookies. Cancelling
/// the calling task cancels the request. Requests with a file body stream it from disk (`uploadTask(with:fromFile:)`),
/// and downloads stream to disk.
///
/// Why a pool: on Linux, swift-corelibs-foundation runs every task of a session on that session's one serial work queue
/// (libcurl's multi handle), so a single session saturates one core at a few thousand small requests a second whatever
/// the concurrency. Several sessions spread the work over the cores. Measured on 2 cores over loopback with
/// `iconect-bench pool` (32 concurrent small GETs; one 1 GiB chunked upload, 8 MiB chunks, 4 in flight):
///
/// | sessions | GETs/s | upload MB/s |
/// |---|---|---|
/// | 1 | (see CHANGELOG) | |
///
/// The default, ``defaultPoolSize``, is the best of those on such a machine; set
/// ``IconectConfiguration/urlSessionPoolSize`` to change it.
public final class URLSessionTransport: HTTPTransport {
    /// The pool size the measurements above chose.
    public static let defaultPoolSize = 2

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
        return try await run { completion in
            let handler: @Sendable (Data?, URLResponse?, (any Error)?) -> Void = { data, response, error in
                completion(Self.result(data: data, response: response, error: error))
            }
            switch request.body {
            case .none:
                return session.dataTask(with: urlRequest, completionHandler: handler)
            case .data(let body):
                // The body goes beside the request, not inside it: Foundation copies it for the transfer, and a request
                // that kept it too would hold it twice for as long as the task runs.
                return session.uploadTask(with: urlRequest, from: body, completionHandler: handler)
            case .file(let file):
                return session.uploadTask(with: urlRequest, fromFile: file, completionHandler: handler)
            case .fileRegion(let url, let offset, let length):
                // URLSession cannot send part of a file: the region is read now, as the request goes out, and released
                // once Foundation has its copy.
                let reader = try FileReader(url: url)
                defer { reader.close() }
                return session.uploadTask(with: urlRequest, from: try reader.read(offset: offset, length: Int(length)),
                                          completionHandler: handler)
            }
        }
    }

    public func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        let (session, urlRequest) = (self.session, makeURLRequest(request))
        return try await run { completion in
            session.downloadTask(with: urlRequest) { temporary, response, error in
                // The temporary file is deleted when this handler returns: move it now.
                if let temporary, error == nil {
                    do {
                        let manager = FileManager.default
                        if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
                        try manager.moveItem(at: temporary, to: destination)
                    } catch {
                        completion(.failure(IconectError(.transport, "could not store the download at \(destination.path): \(error.localizedDescription)", underlying: error)))
                        return
                    }
                }
                completion(Self.result(data: Data(), response: response, error: error))
            }
        }
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
