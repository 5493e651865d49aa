import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The default transport: Foundation's `URLSession`, tuned for an API client.
///
/// One long-lived session per transport (never one per request), with a bounded pool of keep-alive connections per
/// host (`httpMaximumConnectionsPerHost`; the Linux default is 6), no URL cache, no cookies. Cancelling the calling
/// task cancels the request. Requests with a file body stream it from disk (`uploadTask(with:fromFile:)`), and
/// downloads stream to disk.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport whose session keeps at most `maximumConnectionsPerHost` connections to a host.
    public init(maximumConnectionsPerHost: Int = 10, requestTimeout: Duration = .seconds(30)) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = max(1, maximumConnectionsPerHost)
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpShouldSetCookies = false
        configuration.httpCookieStorage = nil
        configuration.timeoutIntervalForRequest = requestTimeout.timeInterval
        configuration.timeoutIntervalForResource = max(requestTimeout.timeInterval, 7 * 24 * 3600)
        session = URLSession(configuration: configuration)
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        let urlRequest = makeURLRequest(request)
        return try await run(request) { completion in
            switch request.body {
            case .file(let file):
                return self.session.uploadTask(with: urlRequest, fromFile: file) { data, response, error in
                    completion(Self.result(data: data, response: response, error: error))
                }
            case .none, .data:
                return self.session.dataTask(with: urlRequest) { data, response, error in
                    completion(Self.result(data: data, response: response, error: error))
                }
            }
        }
    }

    public func download(_ request: HTTPRequest, to destination: URL) async throws -> HTTPResponse {
        let urlRequest = makeURLRequest(request)
        return try await run(request) { completion in
            self.session.downloadTask(with: urlRequest) { temporary, response, error in
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
        session.finishTasksAndInvalidate()
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
