import Foundation
import Logging

/// The entry point of the SDK: one per deployment and identity, shared by every task of the application.
///
/// The client owns a pool of keep-alive connections, the token cache and the statistics. Its areas are namespaces:
/// ```swift
/// let client = try IconectClient(configuration: configuration)
/// let projects = try await client.projects.list()
/// let hits = try await client.records.search(
///     RecordQuery(projectId: projects.data[0].id)
///         .filter("docDate", .gte("2024-01-01"))
///         .fields(["title", "custodian"])
/// )
/// await client.shutdown()
/// ```
/// Calls run concurrently: the actor guards only the client's lifecycle, never an HTTP exchange.
public actor IconectClient {
    /// The SDK's version, sent in the `User-Agent`.
    public static let version = "0.1.0"

    /// The configuration the client was created with.
    public nonisolated let configuration: IconectConfiguration
    nonisolated let pipeline: RequestPipeline
    private var shutdownTask: Task<Void, Never>?

    /// Creates a client on the HTTP stack `transport` builds: Foundation's `URLSession` by default, or
    /// `.asyncHTTPClient()` from the `IconectAsyncHTTPClient` module (faster on Linux servers).
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the field that is wrong.
    public init(configuration: IconectConfiguration, transport: HTTPTransportFactory = .urlSession) throws {
        try configuration.validate()
        // Everything that can throw comes before the transport is made: a made transport (a pool, event loops) is the
        // client's to shut down.
        let root = try RequestPipeline.root(of: configuration)
        self.init(validated: configuration, root: root, transport: try transport.makeTransport(for: configuration))
    }

    /// Creates a client that sends through `transport` (a test double, or a wrapper around another transport).
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the field that is wrong.
    public init(configuration: IconectConfiguration, transport: any HTTPTransport) throws {
        try configuration.validate()
        self.init(validated: configuration, root: try RequestPipeline.root(of: configuration), transport: transport)
    }

    private init(validated configuration: IconectConfiguration, root: RequestTarget, transport: any HTTPTransport) {
        self.configuration = configuration
        let statistics = StatisticsRecorder()
        let retries = RetryDecider(policy: configuration.retryPolicy, statistics: statistics)
        let tokens = TokenManager(configuration: configuration, transport: transport, statistics: statistics, retries: retries)
        pipeline = RequestPipeline(configuration: configuration, root: root, transport: transport, tokens: tokens,
                                   statistics: statistics, retries: retries)
    }

    /// Creates a client from the `ICONECT_*` environment variables (see ``IconectConfiguration/fromEnvironment(_:)``).
    /// - Throws: ``IconectError/Code/invalidConfiguration`` when `ICONECT_BASE_URL` is missing or a value is wrong.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let configuration = try IconectConfiguration.fromEnvironment(environment) else {
            throw IconectError.invalidConfiguration(IconectConfiguration.EnvironmentKey.baseURL, "is not set")
        }
        try self.init(configuration: configuration)
    }

    /// Sign-in, sign-out and token status.
    public nonisolated var auth: AuthenticationService { AuthenticationService(tokens: pipeline.tokens, gate: pipeline.gate) }

    /// The per-operation figures measured so far: calls, errors, retries, latency percentiles, bytes.
    public nonisolated func statistics() -> StatisticsReport {
        pipeline.statistics.report()
    }

    /// Forgets the figures measured so far.
    public nonisolated func resetStatistics() {
        pipeline.statistics.reset()
    }

    /// Shuts the client down: calls made from now on fail with ``IconectError/Code/shutdown``; calls in flight (a whole
    /// upload, download or bulk job counts as one call) may finish within `gracePeriod`; then the client logs out
    /// (revoking the refresh token where possible) and releases its connections, failing whatever still runs.
    ///
    /// Safe to call more than once and from several tasks: every caller returns once the shutdown is complete.
    public func shutdown(gracePeriod: Duration = .seconds(30)) async {
        if let shutdownTask { return await shutdownTask.value }
        let pipeline = self.pipeline
        let task = Task {
            pipeline.gate.close()
            await pipeline.gate.drained(within: gracePeriod)
            await pipeline.tokens.logout()
            await pipeline.transport.shutdown()
        }
        shutdownTask = task
        await task.value
    }
}
