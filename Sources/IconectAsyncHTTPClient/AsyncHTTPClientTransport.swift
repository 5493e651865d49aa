import AsyncHTTPClient
import Foundation
import HTTPTypes
import Iconect
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOPosix
import Synchronization

/// An ``HTTPTransport`` on [AsyncHTTPClient](https://github.com/swift-server/async-http-client): SwiftNIO's event loops
/// instead of Foundation's `URLSession`, several times faster on Linux servers.
///
/// ```swift
/// import Iconect
/// import IconectAsyncHTTPClient
///
/// let client = try IconectClient(configuration: configuration, transport: .asyncHTTPClient())
/// ```
///
/// - Keep-alive connection pools of at most ``IconectConfiguration/maximumConnectionsPerHost`` connections to a host.
/// - Request bodies from disk (a file, or a region of one for a chunk) are streamed in pieces of ``bodyPieceSize``, read
///   on NIO's blocking-I/O thread pool as the connection can take them: memory never holds more than a few pieces.
/// - Downloads stream to disk with backpressure: the next bytes are read from the socket only once the previous ones are
///   written.
/// - ``IconectConfiguration/requestTimeout`` bounds each API call as a deadline; a transfer (a body from disk, a download)
///   may instead run as long as it keeps moving, failing once it has stayed idle that long while reading or writing. The
///   two kinds of exchange use two connection pools: idle timers cost a scheduled task per read and write, about a
///   fifth of a small request's client-side CPU, which API calls need not pay. Cancelling the calling task cancels the
///   request. Failures below HTTP surface as ``IconectError`` with code ``IconectError/Code/timeout``,
///   ``IconectError/Code/cancelled`` or ``IconectError/Code/transport``; a body over
///   ``IconectConfiguration/Limits/maxResponseBytes`` as ``IconectError/Code/tooLarge``, and a call after ``shutdown()``
///   as ``IconectError/Code/shutdown``.
/// - Redirects are not followed here: the SDK's request pipeline follows those it allows, without credentials across
///   origins (a client passed to ``init(client:)`` should be configured with `redirectConfiguration = .disallow`).
public final class AsyncHTTPClientTransport: HTTPTransport {
    /// How many bytes of a body from disk are read and written at a time.
    public static let bodyPieceSize = 1 << 20

    /// API calls (bodies in memory, answers in memory), each bounded by a deadline.
    private let client: HTTPClient
    /// Transfers (bodies from disk, downloads to disk), bounded by idle read and write timeouts.
    private let transferClient: HTTPClient
    private let ownsClients: Bool
    private let threadPool: NIOThreadPool
    private let maxResponseBytes: Int
    /// Where the deadline of an API call's body is scheduled.
    private let eventLoopGroup: any EventLoopGroup

    /// Creates a transport with its own `HTTPClient`s on `eventLoopGroup`; a response body held in memory may have at
    /// most `maxResponseBytes` bytes.
    public init(
        maximumConnectionsPerHost: Int = 10, requestTimeout: Duration = .seconds(30),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        maxResponseBytes: Int = IconectConfiguration.Limits().maxResponseBytes
    ) {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, maximumConnectionsPerHost)
        configuration.connectionPool.idleTimeout = .seconds(60)
        // A refused connection fails at once; the SDK's retry policy (backoff, budget) decides whether to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.decompression = .disabled
        configuration.redirectConfiguration = .disallow
        let idle = TimeAmount(requestTimeout)
        // AsyncHTTPClient also bounds the wait for a free pooled connection by the connect timeout: a burst of requests
        // queued behind the pool may wait as long as a call may take.
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: idle)
        client = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: idle, read: idle, write: idle)
        transferClient = HTTPClient(eventLoopGroup: eventLoopGroup, configuration: configuration)
        ownsClients = true
        threadPool = .singleton
        self.maxResponseBytes = maxResponseBytes
        self.eventLoopGroup = eventLoopGroup
    }

    /// Creates a transport sized from a client's configuration (connections per host, timeout, limits).
    public convenience init(configuration: IconectConfiguration,
                            eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.init(maximumConnectionsPerHost: configuration.maximumConnectionsPerHost, requestTimeout: configuration.requestTimeout,
                  eventLoopGroup: eventLoopGroup, maxResponseBytes: configuration.limits.maxResponseBytes)
    }

    /// Creates a transport on an `HTTPClient` the application owns (and shuts down itself); its own timeouts apply to
    /// transfers, and each API call also gets the request's deadline.
    public init(client: HTTPClient, maxResponseBytes: Int = IconectConfiguration.Limits().maxResponseBytes) {
        self.client = client
        self.transferClient = client
        ownsClients = false
        threadPool = .singleton
        self.maxResponseBytes = maxResponseBytes
        self.eventLoopGroup = client.eventLoopGroup
    }

    public func send(_ request: HTTPRequest, body: HTTPBody, timeout: Duration) async throws -> (HTTPResponse, Data) {
        do {
            let response: HTTPClientResponse
            let collected: ByteBuffer
            switch body {
            case .none, .data:
                let deadline = NIODeadline.now() + TimeAmount(timeout)
                response = try await client.execute(try outbound(request, body: body), deadline: deadline)
                try checkLength(response)
                collected = try await collect(response, before: deadline)
            case .file, .fileRegion:
                response = try await transferClient.execute(try outbound(request, body: body), deadline: .distantFuture)
                try checkLength(response)
                collected = try await response.body.collect(upTo: maxResponseBytes)
            }
            return (try HTTPResponse(response), Data(buffer: collected, byteTransferStrategy: .automatic))
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(maxResponseBytes)
        } catch {
            throw Self.map(error)
        }
    }

    private func checkLength(_ response: HTTPClientResponse) throws {
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > maxResponseBytes {
            throw Self.tooLarge(maxResponseBytes)
        }
    }

    /// The body of an API call, by `deadline`: AsyncHTTPClient's own deadline ends with the head, so a server that
    /// trickles (or stalls) the body would otherwise hold the call forever. Collected in a task of its own, which a timer
    /// on the event loop cancels at the deadline.
    private func collect(_ response: HTTPClientResponse, before deadline: NIODeadline) async throws -> ByteBuffer {
        let limit = maxResponseBytes
        let collecting = Task { try await response.body.collect(upTo: limit) }
        let expired = DeadlineFlag()
        let timer = eventLoopGroup.any().scheduleTask(deadline: deadline) {
            expired.fire()
            collecting.cancel()
        }
        defer { timer.cancel() }
        do {
            return try await withTaskCancellationHandler { try await collecting.value } onCancel: { collecting.cancel() }
        } catch where expired.hasFired {
            throw IconectError(.timeout, "the request timed out (the body did not arrive by its deadline)")
        }
    }

    private static func tooLarge(_ limit: Int) -> IconectError {
        IconectError(.tooLarge, "the response body exceeds \(limit) bytes (IconectConfiguration.limits.maxResponseBytes)")
    }

    /// Streams the answer into `destination`; the idle timeouts are the transport's own (its `requestTimeout`), not `timeout`.
    public func download(_ request: HTTPRequest, timeout: Duration, to destination: URL) async throws -> HTTPResponse {
        do {
            let response = try await transferClient.execute(try outbound(request, body: .none), deadline: .distantFuture)
            let file = try FileRegionWriter(creating: destination)
            let written: Result<Void, any Error>
            do {
                try await file.write(response.body, on: threadPool)
                written = .success(())
            } catch {
                written = .failure(error)
            }
            let closed = Result { try file.close() }
            try written.get()
            try closed.get()
            return try HTTPResponse(response)
        } catch {
            throw Self.map(error)
        }
    }

    public func shutdown() async {
        guard ownsClients else { return }
        try? await client.shutdown()
        try? await transferClient.shutdown()
    }

    // MARK: - Conversions

    /// AsyncHTTPClient's request for `request` and `body`: the URL joined from the request's scheme, authority and path
    /// (AsyncHTTPClient parses it once), the method, the header fields in order, and the body.
    private func outbound(_ request: HTTPRequest, body: HTTPBody) throws -> HTTPClientRequest {
        guard let scheme = request.scheme, let authority = request.authority, let path = request.path else {
            throw IconectError.invalidArgument("request", "has no scheme, authority and path that form a URL")
        }
        var outbound = HTTPClientRequest(url: scheme + "://" + authority + path)
        outbound.method = HTTPMethod(rawValue: request.method.rawValue)
        outbound.headers = HTTPHeaders(request.headerFields)
        switch body {
        case .none:
            break
        case .data(let data):
            outbound.body = .bytes(ByteBuffer(data: data))
        case .file(let url):
            let reader = try FileRegionReader(url: url, offset: 0, length: nil, threadPool: threadPool)
            outbound.body = .stream(reader, length: .known(reader.length))
        case .fileRegion(let url, let offset, let length):
            let reader = try FileRegionReader(url: url, offset: offset, length: length, threadPool: threadPool)
            outbound.body = .stream(reader, length: .known(reader.length))
        }
        return outbound
    }

    /// The ``IconectError`` for a failure of AsyncHTTPClient or NIO.
    static func map(_ error: any Error) -> IconectError {
        if let error = error as? IconectError { return error }
        if error is CancellationError {
            return IconectError(.cancelled, "the request was cancelled", underlying: error)
        }
        if let error = error as? HTTPClientError {
            switch error {
            case .cancelled, .requestStreamCancelled:
                return IconectError(.cancelled, "the request was cancelled", underlying: error)
            case .alreadyShutdown:
                return IconectError(.shutdown, "the client was shut down", underlying: error)
            case .readTimeout, .writeTimeout, .connectTimeout, .deadlineExceeded, .getConnectionFromPoolTimeout:
                return IconectError(.timeout, "the request timed out (\(error))", underlying: error)
            default:
                return IconectError(.transport, "the connection failed: \(error)", underlying: error)
            }
        }
        return IconectError(.transport, "the connection failed: \(error)", underlying: error)
    }
}

extension HTTPTransportFactory {
    /// AsyncHTTPClient: ``AsyncHTTPClientTransport``, sized from the client's configuration.
    ///
    /// ```swift
    /// let client = try IconectClient(configuration: configuration, transport: .asyncHTTPClient())
    /// ```
    public static func asyncHTTPClient(eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton)
        -> HTTPTransportFactory
    {
        HTTPTransportFactory { AsyncHTTPClientTransport(configuration: $0, eventLoopGroup: eventLoopGroup) }
    }
}

/// Whether an API call's deadline passed before its body arrived.
private final class DeadlineFlag: Sendable {
    private let fired = Atomic<Bool>(false)

    func fire() { fired.store(true, ordering: .relaxed) }
    var hasFired: Bool { fired.load(ordering: .relaxed) }
}
