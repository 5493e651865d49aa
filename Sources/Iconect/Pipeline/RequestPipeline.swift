import Foundation
import Logging
import Synchronization

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
    let logger: Logger
    /// Set once the server refused a gzip-compressed body (415): plain bodies from then on.
    let compressionRefused = Mutex(false)

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

    /// What one exchange does: hands the request to the transport (sending or downloading).
    typealias Exchange = @Sendable (any HTTPTransport, HTTPRequest) async throws -> HTTPResponse

    /// Sends `endpoint` through authorisation, redirects, retries and the 401 and 415 recoveries, and returns its 2xx (or
    /// 304) answer; every other end is an ``IconectError``. Each call is recorded once in the statistics, and is one span
    /// for the tracer the application bootstrapped (none by default).
    func perform(_ endpoint: Endpoint, _ exchange: Exchange) async throws -> HTTPResponse {
        try await gate.admit(operation: endpoint.route.operation) { try await performAdmitted(endpoint, exchange) }
    }

    private func performAdmitted(_ endpoint: Endpoint, _ exchange: Exchange) async throws -> HTTPResponse {
        var call = try prepare(endpoint)
        var meter = CallMeter(operation: call.operation, method: call.request.method,
                              bytesPerExchange: call.request.body.count ?? 0, statistics: statistics)
        meter.inject(into: &call.request.headers)
        do {
            while true {
                switch await attempt(&call, exchange, meter: &meter) {
                case .done(let response):
                    retries.recordSuccess()
                    meter.response = response
                    meter.finish(nil)
                    return response
                case .replayAfter401(let token):
                    call.replayedAfter401 = true
                    await tokens.invalidate(token)
                case .resendUncompressed:
                    compressionRefused.withLock { $0 = true }
                    call.removeCompression()
                case .retry(let wait):
                    meter.retries += 1
                    try await RetryDecider.sleep(wait, operation: call.operation)
                    call.attempt += 1
                case .fail(let failure, let response):
                    meter.response = response
                    throw failure
                }
            }
        } catch {
            meter.finish(error)
            throw error
        }
    }

    /// One exchange, classified: authorises, sends (following the redirects allowed) and says what to do next.
    private func attempt(_ call: inout PreparedCall, _ exchange: Exchange, meter: inout CallMeter) async -> CallOutcome {
        guard !Task.isCancelled else {
            return .fail(IconectError(.cancelled, "the call was cancelled", operation: call.operation), response: nil)
        }
        let token: String
        do {
            token = try await authorise(&call.request)
        } catch {
            var failure = IconectError.transportFailure(error)
            failure.operation = failure.operation ?? call.operation
            return .fail(failure, response: nil)
        }
        logger.debug("request", metadata: ["operation": "\(call.operation)", "method": "\(call.request.method)",
                                           "url": "\(call.request.url.absoluteString)", "attempt": "\(call.attempt)"])
        meter.exchanges += 1
        let response: HTTPResponse
        do {
            response = try await followingRedirects(call.request) { try await exchange(transport, $0) }
        } catch {
            return classify(error, of: call)
        }
        return await classify(response, of: call, token: token)
    }
}
