import Foundation
import HTTPTypes
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
    /// The API root (scheme, authority, version prefix), split once: each call's request appends its path and query.
    private let root: RequestTarget
    let logger: Logger
    /// Set once the server refused a gzip-compressed body (415): plain bodies from then on.
    let compressionRefused = Mutex(false)

    /// The API root of `configuration`, split.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming `baseURL` when the API root has no scheme and host.
    static func root(of configuration: IconectConfiguration) throws -> RequestTarget {
        guard let root = URL(string: configuration.apiRoot).flatMap(RequestTarget.init) else {
            throw IconectError.invalidConfiguration("baseURL", "\(configuration.apiRoot) has no scheme and host to send requests to")
        }
        return root
    }

    /// A pipeline sending to `root` (``root(of:)``) through `transport`; it cannot fail, so a client never drops a transport
    /// it has made without shutting it down.
    init(configuration: IconectConfiguration, root: RequestTarget, transport: any HTTPTransport, tokens: TokenManager,
         statistics: StatisticsRecorder, retries: RetryDecider) {
        self.root = root
        self.configuration = configuration
        self.transport = transport
        self.tokens = tokens
        self.statistics = statistics
        self.retries = retries
        self.cache = ResponseCache(configuration: configuration.cache, statistics: statistics)
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
    func execute(_ endpoint: Endpoint) async throws -> HTTPAnswer {
        if endpoint.route.method == .get {
            if let policy = cachePolicy(for: endpoint) { return try await cached(endpoint, policy: policy) }
            return try await perform(endpoint, .send)
        }
        let answer = try await perform(endpoint, .send)
        invalidateCache(after: endpoint)
        return answer
    }

    /// Sends the endpoint and streams a 2xx body into `destination`, a file of the caller's (an error or redirect body
    /// lands there too, and the first 64 KiB are read back for the error; the caller removes the file when the call fails).
    func download(_ endpoint: Endpoint, to destination: URL) async throws -> HTTPAnswer {
        try await perform(endpoint, .download(to: destination))
    }

    /// The request of an endpoint: its method, the API root with the rendered path and query, and its headers.
    func request(for endpoint: Endpoint) throws -> HTTPRequest {
        var suffix = try endpoint.route.render(endpoint.pathParameters)
        if !endpoint.query.isEmpty { suffix += "?" + endpoint.query.encoded }
        return root.request(endpoint.route.method, appending: suffix, headerFields: endpoint.headers)
    }

    // MARK: - The loop

    /// What one exchange does with the answer.
    enum Exchange: Sendable {
        /// Collects it in memory.
        case send
        /// Streams its body into `destination`, a file of the caller's; the request sends no body (a download's never has one).
        case download(to: URL)
    }

    /// Hands `request` to the transport; a download that ends on an error status gets the first 64 KiB of the body it
    /// wrote, for the error's message.
    private func exchange(_ request: HTTPRequest, body: HTTPBody, _ exchange: Exchange) async throws -> HTTPAnswer {
        switch exchange {
        case .send:
            let (response, data) = try await transport.send(request, body: body, timeout: configuration.requestTimeout)
            return HTTPAnswer(response, body: data)
        case .download(let destination):
            let answer = HTTPAnswer(try await transport.download(request, timeout: configuration.requestTimeout, to: destination))
            guard answer.isSuccessful else {
                let reader = try? FileReader(url: destination)
                defer { reader?.close() }
                let body = reader.flatMap { try? $0.read(offset: 0, length: Int(min($0.size, 64 * 1024))) } ?? Data()
                return HTTPAnswer(answer.response, body: body)
            }
            return answer
        }
    }

    /// Sends `endpoint` through authorisation, redirects, retries and the 401 and 415 recoveries, and returns its 2xx (or
    /// 304) answer; every other end is an ``IconectError``. Each call is recorded once in the statistics, and is one span
    /// for the tracer the application bootstrapped (none by default).
    func perform(_ endpoint: Endpoint, _ exchange: Exchange) async throws -> HTTPAnswer {
        try await gate.admit(operation: endpoint.route.operation) { try await performAdmitted(endpoint, exchange) }
    }

    private func performAdmitted(_ endpoint: Endpoint, _ exchange: Exchange) async throws -> HTTPAnswer {
        var call = try prepare(endpoint)
        var meter = CallMeter(operation: call.operation, method: call.request.method,
                              bytesPerExchange: call.body.count ?? 0, statistics: statistics)
        meter.inject(into: &call.request.headerFields)
        do {
            while true {
                switch await attempt(&call, exchange, meter: &meter) {
                case .done(let answer):
                    retries.recordSuccess()
                    meter.answer = answer
                    meter.finish(nil)
                    return answer
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
                case .fail(let failure, let answer):
                    meter.answer = answer
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
            return .fail(IconectError(.cancelled, "the call was cancelled", operation: call.operation), answer: nil)
        }
        let token: String
        do {
            token = try await authorise(&call.request)
        } catch {
            var failure = IconectError.transportFailure(error)
            failure.operation = failure.operation ?? call.operation
            return .fail(failure, answer: nil)
        }
        logger.debug("request", metadata: ["operation": "\(call.operation)", "method": "\(call.request.method)",
                                           "url": "\(call.request.url?.absoluteString ?? "-")", "attempt": "\(call.attempt)"])
        meter.exchanges += 1
        let answer: HTTPAnswer
        do {
            answer = try await followingRedirects(call.request, body: call.body) { try await self.exchange($0, body: $1, exchange) }
        } catch {
            return classify(error, of: call)
        }
        return await classify(answer, of: call, token: token)
    }
}
