import Foundation
import Logging

/// What every API call goes through: URL building, authentication, retries with backoff, statistics and logging,
/// then the transport. Stateless apart from the small actors and locks it holds, so calls never queue behind each other.
final class RequestPipeline: Sendable {
    let configuration: IconectConfiguration
    let transport: any HTTPTransport
    let tokens: TokenManager
    let statistics: StatisticsRecorder
    let retries: RetryDecider
    let cache: ResponseCache
    /// Admits calls until the client shuts down.
    let gate = CallGate()
    private let apiRoot: String
    private let logger: Logger
    /// Set once the server refused a gzip-compressed body (415): plain bodies from then on.
    private let compressionRefused = MutexBox(false)

    init(configuration: IconectConfiguration, transport: any HTTPTransport, tokens: TokenManager, statistics: StatisticsRecorder,
         retries: RetryDecider) {
        self.configuration = configuration
        self.transport = transport
        self.tokens = tokens
        self.statistics = statistics
        self.retries = retries
        self.cache = ResponseCache(configuration: configuration.cache, statistics: statistics)
        self.apiRoot = configuration.apiRoot
        self.logger = configuration.logger
    }

    // MARK: - Public entry points for resources

    /// Sends the endpoint and decodes a 2xx body as `T`.
    func send<T: Decodable & Sendable>(_ endpoint: Endpoint, as type: T.Type = T.self) async throws -> T {
        if endpoint.route.method == .get, let policy = cachePolicy(for: endpoint) {
            return try await cachedDecoded(endpoint, policy: policy, as: T.self)
        }
        let response = try await execute(endpoint)
        return try decode(T.self, from: response.body, operation: endpoint.route.operation)
    }

    /// Sends the endpoint and ignores any 2xx body (deletes answer 204).
    func send(_ endpoint: Endpoint) async throws {
        _ = try await execute(endpoint)
    }

    /// Sends the endpoint and returns the raw 2xx response, through the response cache for GETs whose policy uses it.
    /// A successful write invalidates the cached reads of its area.
    func execute(_ endpoint: Endpoint) async throws -> HTTPResponse {
        if endpoint.route.method == .get {
            if let policy = cachePolicy(for: endpoint) { return try await cached(endpoint, policy: policy) }
            return try await perform(endpoint) { transport, request in try await transport.send(request) }
        }
        let response = try await perform(endpoint) { transport, request in try await transport.send(request) }
        invalidateCache(after: endpoint)
        return response
    }

    /// Sends the endpoint and streams a 2xx body into `destination`, a file of the caller's (an error or redirect body
    /// lands there too, and the first 64 KiB are read back for the error; the caller removes the file when the call fails).
    func download(_ endpoint: Endpoint, to destination: URL) async throws -> HTTPResponse {
        try await perform(endpoint) { transport, request in
            let response = try await transport.download(request, to: destination)
            guard (200..<300).contains(response.status) else {
                let reader = try? FileReader(url: destination)
                defer { reader?.close() }
                let body = reader.flatMap { try? $0.read(offset: 0, length: Int(min($0.size, 64 * 1024))) } ?? Data()
                return HTTPResponse(status: response.status, headers: response.headers, body: body)
            }
            return response
        }
    }

    /// Decodes `T`, mapping failures to ``IconectError/Code/decoding`` with the coding path.
    func decode<T: Decodable>(_ type: T.Type, from data: Data, operation: String) throws -> T {
        do {
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            let (path, reason) = Self.describe(error)
            throw IconectError(.decoding, "the response could not be decoded as \(T.self): \(reason)",
                               operation: operation, decodingPath: path, underlying: error)
        }
    }

    /// The absolute URL of an endpoint.
    func url(for endpoint: Endpoint) throws -> URL {
        var text = apiRoot + (try endpoint.route.render(endpoint.pathParameters))
        if !endpoint.query.isEmpty { text += "?" + endpoint.query.encoded }
        guard let url = URL(string: text) else {
            throw IconectError(.validation, "could not form a URL from \(text)", operation: endpoint.route.operation)
        }
        return url
    }

    // MARK: - The loop

    /// The gzip form of a large JSON body, when compression is on and the server has not refused it.
    private func compressedBody(of request: HTTPRequest) -> Data? {
        guard let threshold = configuration.requestCompressionThreshold, case .data(let data) = request.body,
              data.count >= threshold, request.headers["Content-Encoding"] == nil,
              request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") == true,
              !compressionRefused.withLock({ $0 })
        else { return nil }
        return try? GzipStream.compress(data)
    }

    func perform(
        _ endpoint: Endpoint,
        _ exchange: @Sendable (any HTTPTransport, HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        try await gate.admit(operation: endpoint.route.operation) { try await performAdmitted(endpoint, exchange) }
    }

    private func performAdmitted(
        _ endpoint: Endpoint,
        _ exchange: @Sendable (any HTTPTransport, HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        let operation = endpoint.route.operation
        let started = ContinuousClock.now
        var request = HTTPRequest(method: endpoint.route.method, url: try url(for: endpoint), headers: endpoint.headers,
                                  body: endpoint.body, timeout: configuration.requestTimeout)
        request.headers["Accept"] = request.headers["Accept"] ?? "application/json"
        request.headers["User-Agent"] = configuration.userAgent
        if request.method == .post, request.headers["Idempotency-Key"] == nil {
            // Once per call, so every retry of this POST is recognised by the server as the same request.
            request.headers["Idempotency-Key"] = UUID().uuidString
        }
        let plainBody = request.body
        if let compressed = compressedBody(of: request) {
            request.body = .data(compressed)
            request.headers["Content-Encoding"] = "gzip"
        }
        let sent = request.body.count ?? 0
        var attempt = 0
        var replayedAfter401 = false
        var retries = 0
        var exchanges = 0

        func finish(_ response: HTTPResponse?, _ error: IconectError?) {
            let received = response?.body.count ?? 0
            // A call the caller cancelled did not fail: it is counted, but not as an error.
            let failed = error.map { $0.code != .cancelled } ?? false
            statistics.record(operation: operation, duration: ContinuousClock.now - started, failed: failed,
                              retries: retries, bytesSent: sent * exchanges,
                              bytesReceived: received > 0 ? received : Int(response?.headers["Content-Length"] ?? "") ?? 0)
        }

        while true {
            attempt += 1
            do {
                try Task.checkCancellation()
            } catch {
                let failure = IconectError(.cancelled, "the call was cancelled", operation: operation)
                finish(nil, failure)
                throw failure
            }
            var token: String?
            if endpoint.requiresAuthentication {
                do {
                    if let fresh = tokens.freshTokenIfAny() {
                        token = fresh.token
                        request.headers["Authorization"] = fresh.authorization
                    } else {
                        let obtained = try await tokens.accessToken()
                        token = obtained
                        request.headers["Authorization"] = "Bearer \(obtained)"
                    }
                } catch let error as IconectError {
                    var failure = error
                    failure.operation = failure.operation ?? operation
                    finish(nil, failure)
                    throw failure
                }
            }

            let response: HTTPResponse
            do {
                logger.debug("request", metadata: ["operation": "\(operation)", "method": "\(request.method)",
                                                   "url": "\(request.url.absoluteString)", "attempt": "\(attempt)"])
                exchanges += 1
                response = try await followingRedirects(request) { try await exchange(transport, $0) }
            } catch {
                var failure = IconectError.transportFailure(error)
                failure.operation = operation
                if Task.isCancelled {
                    failure.code = .cancelled
                } else if gate.isClosed, failure.code == .transport || failure.code == .cancelled {
                    // The transport was shut down under a call that outlived the grace period.
                    failure.code = .shutdown
                } else if let wait = self.retries.delay(after: failure, attempt: attempt) {
                    retries += 1
                    logger.notice("retrying after a transport failure", metadata: [
                        "operation": "\(operation)", "attempt": "\(attempt)", "error": "\(failure.message)"])
                    try await RetryDecider.sleep(wait, operation: operation)
                    continue
                }
                finish(nil, failure)
                throw failure
            }

            let requestId = response.headers["X-Request-Id"]
            logger.debug("response", metadata: ["operation": "\(operation)", "status": "\(response.status)",
                                                "requestId": "\(requestId ?? "-")", "bytes": "\(response.body.count)"])
            if response.body.count > configuration.limits.maxResponseBytes {
                // A transport that ignores the limit still does not hand the body on.
                let failure = IconectError.tooLarge("the response body", limit: configuration.limits.maxResponseBytes,
                                                    setting: "maxResponseBytes", operation: operation)
                finish(nil, failure)
                throw failure
            }
            if (200..<300).contains(response.status) || response.status == 304 {
                self.retries.recordSuccess()
                finish(response, nil)
                return response
            }
            if response.status == 401, endpoint.requiresAuthentication, !replayedAfter401, let token,
                await tokens.canRefresh
            {
                // One refresh and one replay, never a loop.
                replayedAfter401 = true
                attempt -= 1
                await tokens.invalidate(token)
                continue
            }
            if response.status == 415, request.headers["Content-Encoding"] != nil {
                // The server does not take compressed bodies: send this one (and all later ones) plain.
                compressionRefused.withLock { $0 = true }
                request.headers["Content-Encoding"] = nil
                request.body = plainBody
                attempt -= 1
                continue
            }
            let failure = IconectError.from(response, operation: operation)
            if let wait = self.retries.delay(after: failure, attempt: attempt) {
                retries += 1
                logger.notice("retrying", metadata: ["operation": "\(operation)", "status": "\(response.status)",
                                                     "attempt": "\(attempt)", "wait": "\(wait)"])
                try await RetryDecider.sleep(wait, operation: operation)
                continue
            }
            finish(response, failure)
            throw failure
        }
    }

    /// Runs `exchange` and follows the redirects ``RedirectPolicy`` allows, at most ``RedirectPolicy/maximumRedirects``;
    /// a redirect it refuses (or one past the maximum) is returned as the response, and fails the call.
    private func followingRedirects(
        _ request: HTTPRequest, _ exchange: (HTTPRequest) async throws -> HTTPResponse
    ) async throws -> HTTPResponse {
        var request = request
        var hops = 0
        while true {
            let response = try await exchange(request)
            guard hops < RedirectPolicy.maximumRedirects,
                let next = RedirectPolicy.follow(response, of: request, allowInsecureHTTP: configuration.allowInsecureHTTP)
            else { return response }
            logger.debug("following a redirect", metadata: ["from": "\(request.url.absoluteString)", "to": "\(next.url.absoluteString)"])
            request = next
            hops += 1
        }
    }

    private static func describe(_ error: DecodingError) -> (path: String, reason: String) {
        func render(_ path: [any CodingKey]) -> String {
            var text = ""
            for key in path {
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "(root)" : text
        }
        switch error {
        case .typeMismatch(let type, let context):
            return (render(context.codingPath), "expected \(type): \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (render(context.codingPath), "missing \(type) value: \(context.debugDescription)")
        case .keyNotFound(let key, let context):
            return (render(context.codingPath + [key]), "missing key \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            return (render(context.codingPath), context.debugDescription)
        @unknown default:
            return ("(unknown)", String(describing: error))
        }
    }
}
