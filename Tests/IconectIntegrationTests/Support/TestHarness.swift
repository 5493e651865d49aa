import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Iconect
import IconectEmulator
import Logging
import Synchronization

/// Starts an emulator and a client on `transport` pointed at it, runs `body`, and stops both whatever happens. `wrap` puts
/// a test double around the transport.
func withEmulator<T>(
    _ emulatorConfiguration: EmulatorConfiguration = EmulatorConfiguration(),
    credentials: Credentials = .password(username: "demo", password: "demo-password"),
    configure: (inout IconectConfiguration) -> Void = { _ in },
    transport: TransportKind,
    wrap: (any HTTPTransport) -> any HTTPTransport = { $0 },
    _ body: (EmulatorServer, IconectClient) async throws -> T
) async throws -> T {
    let emulator = try await EmulatorServer.start(emulatorConfiguration)
    do {
        var configuration = try IconectConfiguration(
            baseURL: emulator.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret", credentials: credentials)
        // Fast retries keep the fault tests quick; the policy's shape is what they check.
        configuration.retryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))
        // These tests watch what crosses the wire; the cache's own tests turn it back on.
        configuration.cache.isEnabled = false
        configure(&configuration)
        let client = try IconectClient(configuration: configuration, transport: wrap(try transport.makeTransport(configuration)))
        do {
            let result = try await body(emulator, client)
            await client.shutdown()
            await emulator.stop()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    } catch {
        await emulator.stop()
        throw error
    }
}

/// Runs `body` and returns the `IconectError` it threw; fails the caller (by throwing) when it threw nothing or something else.
func expectIconectError(_ body: () async throws -> some Any) async throws -> IconectError {
    do {
        _ = try await body()
    } catch let error as IconectError {
        return error
    }
    throw HarnessError("expected an IconectError, but the call succeeded")
}

/// Awaits `task` and returns the `IconectError` it failed with; throws when it succeeded or failed otherwise.
func iconectError<T: Sendable>(of task: Task<T, any Error>) async throws -> IconectError {
    switch await task.result {
    case .failure(let error as IconectError): return error
    case .failure(let error): throw HarnessError("expected an IconectError, got \(error)")
    case .success(let value): throw HarnessError("expected an IconectError, but the task returned \(value)")
    }
}

/// Polls `condition`, yielding between checks, until it holds; throws, naming `what`, once `timeout` has passed without it.
/// For waiting on state another task changes (a request reaching the server), never on time.
func waitUntil(_ what: String, timeout: Duration = .seconds(60), _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw HarnessError("gave up after \(timeout) waiting until \(what)") }
        await Task.yield()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A log handler that keeps every line (message and metadata) in memory, for asserting on what was logged.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let error = event.error.map { " error=\($0)" } ?? ""
        store.append("\(event.level) \(event.message) \(merged.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " "))\(error)")
    }
}

/// Seconds in a duration, for readable assertions.
extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
