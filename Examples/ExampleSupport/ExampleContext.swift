import Foundation
import Iconect
import IconectEmulator

/// What every example works with: a client pointed at a real deployment (the `ICONECT_*` variables) or, with nothing
/// configured, at an emulator started in this process; the project and file store to work in; and the size to run at.
public struct ExampleContext: Sendable {
    /// The configuration the client was made from; ``makeClient(_:)`` derives others from it.
    public let configuration: IconectConfiguration
    /// The client the sections share (the guide's "reuse one server instance").
    public let client: IconectClient
    /// The emulator, when no deployment is configured; faults are injected only there.
    public let emulator: EmulatorServer?
    public let projectId: String
    public let fileStoreId: String
    /// Whether to run at the small sizes `.ci/run` uses.
    public let isSmall: Bool
    /// Where the sections print their figures and checks.
    public let report: ExampleReport

    /// Whether the example runs on the embedded emulator.
    public var isEmulated: Bool { emulator != nil }

    /// `full`, or `small` at the small sizes.
    public func size(_ full: Int, small: Int) -> Int { isSmall ? small : full }

    /// A second client on the same deployment, with changed settings (it shares nothing with ``client``). Shut it down.
    public func makeClient(transport: (any HTTPTransport)? = nil, _ change: (inout IconectConfiguration) -> Void = { _ in }) throws
        -> IconectClient
    {
        var configuration = self.configuration
        change(&configuration)
        if let transport { return try IconectClient(configuration: configuration, transport: transport) }
        return try IconectClient(configuration: configuration)
    }

    /// Runs `body` with a second client made by ``makeClient(transport:_:)``, and shuts that client down afterwards.
    public func withClient<T>(transport: (any HTTPTransport)? = nil, _ change: (inout IconectConfiguration) -> Void = { _ in },
                              _ body: (IconectClient) async throws -> T) async throws -> T {
        let client = try makeClient(transport: transport, change)
        do {
            let result = try await body(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }

    /// Runs `body` with the emulator adding `latency` to every API request of `path` (a glob such as `/v1/*`); against a
    /// real deployment, which has latency of its own, it runs `body` as it is.
    public func withInjectedLatency<T>(_ latency: Duration, path: String = "/v1/*", _ body: () async throws -> T) async rethrows -> T {
        guard let emulator else { return try await body() }
        let milliseconds = Int(latency.components.seconds * 1000 + latency.components.attoseconds / 1_000_000_000_000_000)
        emulator.setFaults([FaultRule(path: path, latencyMs: milliseconds)])
        defer { emulator.setFaults([]) }
        return try await body()
    }

    /// Sets up the client: from the environment when `ICONECT_BASE_URL` is set, else on an emulator seeded with
    /// `seedRecords` records.
    static func make(seedRecords: Int, isSmall: Bool, report: ExampleReport) async throws -> ExampleContext {
        if let configuration = try IconectConfiguration.fromEnvironment() {
            let client = try IconectClient(configuration: configuration)
            do {
                guard let project = try await client.projects.list(ListOptions(pageSize: 1)).data.first else {
                    throw ExampleError("the deployment at \(configuration.baseURL) has no project to work in")
                }
                guard let store = try await client.fileStores.list(ListOptions(pageSize: 1)).data.first else {
                    throw ExampleError("the deployment at \(configuration.baseURL) has no file store to upload to")
                }
                return ExampleContext(configuration: configuration, client: client, emulator: nil, projectId: project.id,
                                      fileStoreId: store.id, isSmall: isSmall, report: report)
            } catch {
                await client.shutdown()
                throw error
            }
        }
        let emulator = try await EmulatorServer.start(EmulatorConfiguration(seedRecords: seedRecords))
        do {
            let configuration = try IconectConfiguration(
                baseURL: emulator.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
                credentials: .password(username: "demo", password: "demo-password"))
            return ExampleContext(configuration: configuration, client: try IconectClient(configuration: configuration),
                                  emulator: emulator, projectId: emulator.seed.projectId, fileStoreId: emulator.seed.fileStoreId,
                                  isSmall: isSmall, report: report)
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// Logs out, closes the connections and stops the emulator.
    func close() async {
        await client.shutdown()
        await emulator?.stop()
    }
}

/// A failure of an example's own making (a deployment it cannot work with).
public struct ExampleError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
