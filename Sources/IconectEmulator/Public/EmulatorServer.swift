import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A running iCONECT emulator: OIDC identity provider plus the `/v1` API, in memory, on loopback.
///
/// ```swift
/// let server = try await EmulatorServer.start(.init(seedRecords: 1_000))
/// defer { Task { await server.stop() } }
/// // point the SDK at server.apiURL, identity at server.baseURL
/// ```
public final class EmulatorServer: Sendable {
    private struct Runner: Sendable {
        let group: ServiceGroup
        let task: Task<Void, any Error>
    }

    let state: EmulatorState
    private let runner: Mutex<Runner?>

    /// The bound port.
    public let port: Int
    /// `http://HOST:PORT`: the identity URL and the API origin.
    public let baseURL: URL

    /// `baseURL` + `/v1`.
    public var apiURL: URL { baseURL.appendingPathComponent("v1") }

    /// The token the `/_emulator/*` control routes require, as `Authorization: Bearer <adminToken>`: the configured one,
    /// or one generated at start.
    public var adminToken: String { state.adminToken }

    /// The ids of the seeded objects.
    public var seed: EmulatorSeed { state.seed }

    private init(state: EmulatorState, runner: Runner, port: Int, baseURL: URL) {
        self.state = state
        self.runner = Mutex(runner)
        self.port = port
        self.baseURL = baseURL
    }

    /// Seeds the data, binds and starts serving; returns once the server accepts connections.
    public static func start(_ configuration: EmulatorConfiguration = .init()) async throws -> EmulatorServer {
        let state = try EmulatorState(configuration: configuration)
        state.seedData()
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(
            responder: EmulatorResponder(state: state),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? configuration.port)
                continuation.finish()
            },
            logger: state.logger
        )
        let group = ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: state.logger))
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let reason: String
            switch await task.result {
            case .failure(let error): reason = "\(error)"
            case .success: reason = "the server stopped before it was ready"
            }
            state.storage.removeIfOwned()
            throw EmulatorError.failedToStart(reason)
        }
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        guard let baseURL = URL(string: "http://\(host):\(port)") else {
            throw EmulatorError.failedToStart("invalid host \(configuration.host)")
        }
        state.baseURL = baseURL.absoluteString
        return EmulatorServer(state: state, runner: Runner(group: group, task: task), port: port, baseURL: baseURL)
    }

    /// Stops gracefully (in-flight requests finish; idle connections close). Safe to call more than once.
    public func stop() async {
        guard let runner = runner.withLock({ runner -> Runner? in
            defer { runner = nil }
            return runner
        }) else { return }
        state.jobClock.stop()
        await runner.group.triggerGracefulShutdown()
        let watchdog = Task {
            try await Task.sleep(for: .seconds(5))
            runner.task.cancel()
        }
        _ = await runner.task.result
        watchdog.cancel()
        state.storage.removeIfOwned()
    }

    /// What the server has received so far.
    public func stats() -> EmulatorStats {
        state.stats.snapshot()
    }

    /// Replaces the fault rules (budgets start afresh).
    public func setFaults(_ rules: [FaultRule]) {
        state.faults.setRules(rules)
    }

    /// Clears all data, stats, faults, the idempotency store and tokens, then seeds again.
    public func reset() {
        state.reset()
    }

    /// Every access token issued so far now answers 401 `invalid_token` (refresh tokens keep working).
    public func revokeAllAccessTokens() {
        state.tokens.revokeAllAccessTokens()
    }

    /// Inserts an object as-is (the object must carry `id`; missing required fields get defaults); for tests that need odd ids.
    ///
    /// - Parameter collection: `dataservers`, `clients`, `projects`, `filestores`, `records`, `files`, or any later area
    ///   (`fields`, `folders`, `jobs`, `panels`, `templates`, `views`, `users`, `dashboards`, `themes`, …).
    public func insert(into collection: String, _ object: [String: JSON]) throws {
        try state.insert(into: collection, object)
    }

    /// The objects of a collection (`files`, `projects`, …) as stored; empty for an unknown collection. Lets a test check
    /// what exists on the server (one file per upload, nothing twice) without going through the API under test.
    public func objects(in collection: String) -> [[String: JSON]] {
        state.store(collection)?.all() ?? []
    }

    /// How many times each of `ids` was changed (by an update or a bulk operation) since it was created or seeded;
    /// unknown ids are left out. Lets a test prove that a change was applied exactly once, whatever was lost on the wire.
    public func recordRevisions(_ ids: [String]) -> [String: Int] {
        var revisions: [String: Int] = [:]
        for id in ids {
            if let row = state.records.get(id) { revisions[id] = Int(row.revision) }
        }
        return revisions
    }

    /// How many bulk operations the server has started (an idempotent replay starts none).
    public func bulkOperationCount() -> Int {
        state.bulk.count
    }
}
