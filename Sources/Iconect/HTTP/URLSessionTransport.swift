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
        var urlRequest = makeURLRequest(request)
        if case .fileRegion(let url, let offset, let length) = request.body {
            // URLSession cannot send part of a file: the region is read now, when the request goes out.
            let reader = try FileReader(url: url)
            defer { reader.close() }
            urlRequest.httpBody = try reader.read(offset: offset, length: Int(length))
        }
        let (session, prepared) = (self.session, urlRequest)
        return try await run(request) { completion in
            switch request.body {
            case .file(let file):
                return session.uploadTask(with: prepared, fromFile: file) { data, response, error in
                    completion(Self.result(data: data, response: response, error: error))
                }
            case .none, .data, .fileRegion:
                return session.dataTask(with: prepared) { data, response, error in
                    completion(Self.result(data: data, response: response, error: error))
                }
            }
        }
    }

    public func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        let urlRequest = makeURLRequest(request)
        let session = self.session
        return try await run(request) { completion in
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
        if case .data(let data) = request.body { urlRequest.httpBody = data }
        return urlRequest
    }

    /// Runs one URLSession task, resuming when its completion handler fires and cancelling it with the calling task.
    private func run(
        _ request: HTTPRequest,
        makeTask: @escaping @Sendable (_ completion: @escaping @Sendable (Result<HTTPResponse, IconectError>) -> Void) -> URLSessionTask
    ) async throws -> HTTPResponse {
        let handle = TaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                let task = makeTask { result in continuation.resume(with: result) }
                handle.attach(task)
                task.resume()
            }
        } onCancel: {
            handle.cancel()
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

/// Links a URLSession task to the cancellation of the Swift task awaiting it, whichever happens first.
private final class TaskHandle: Sendable {
    private let state = Mutex<(task: URLSessionTask?, cancelled: Bool)>((nil, false))

    /// Stores the task, cancelling it at once when the Swift task was cancelled first.
    func attach(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            state.task = task
            return state.cancelled
        }
        if cancelled { task.cancel() }
    }

    func cancel() {
        let task = state.withLock { state in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}

extension Duration {
    /// The duration in seconds, as Foundation counts time.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
