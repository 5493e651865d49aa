import ArgumentParser
import Dispatch
import Foundation
import IconectEmulator
import Logging

/// `iconect-emulator`: runs the iCONECT emulator on a port until SIGINT/SIGTERM.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
struct IconectEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iconect-emulator",
        abstract: "A local, in-memory iCONECT API server (OIDC + /v1) for tests, examples and benchmarks."
    )

    @Option(help: "The address to bind.")
    var host = "127.0.0.1"

    @Option(help: "The port to bind (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("token-lifetime"), help: "Access-token lifetime in seconds.")
    var tokenLifetime = 3600

    @Option(name: .customLong("seed-records"), help: "How many records to seed into the seeded project.")
    var seedRecords = 0

    @Option(help: "Fault rules: a JSON array of FaultRule, or @path to a file holding one.")
    var faults: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "warning"

    @Option(name: .customLong("random-seed"), help: "Seeds fault probabilities and seed data.")
    var randomSeed: UInt64 = 42

    @Option(name: .customLong("admin-token"),
            help: "The token /_emulator/* routes require as 'Authorization: Bearer <token>' (default: a random one, printed at start).")
    var adminToken: String?

    @Option(name: .customLong("allow-host"),
            help: "A Host name accepted besides loopback and the bound address (repeatable); other Hosts are refused.")
    var allowedHosts: [String] = []

    func validate() throws {
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard tokenLifetime > 0 else { throw ValidationError("--token-lifetime must be positive") }
        guard seedRecords >= 0 else { throw ValidationError("--seed-records must not be negative") }
        if let adminToken, adminToken.count < 16 || !adminToken.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) {
            throw ValidationError("--admin-token must be at least 16 printable characters without spaces")
        }
    }

    func run() async throws {
        // stdout carries exactly two lines, the "listening" line and the admin token; logs go to stderr.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        var configuration = EmulatorConfiguration(
            host: host, port: port, tokenLifetime: tokenLifetime, seedRecords: seedRecords,
            randomSeed: randomSeed, logLevel: Logger.Level(rawValue: logLevel.lowercased()) ?? .warning,
            adminToken: adminToken, allowedHosts: allowedHosts
        )
        if let faults { configuration.faults = try Self.loadFaults(faults) }
        let (signals, sources) = Self.shutdownSignals()
        let server = try await EmulatorServer.start(configuration)
        FileHandle.standardOutput.write(Data(("iconect-emulator listening on http://\(host):\(server.port)\n"
            + "iconect-emulator admin token: \(server.adminToken)\n").utf8))
        for await _ in signals { break }
        await server.stop()
        sources.forEach { $0.cancel() }
    }

    /// Parses `--faults`: inline JSON or `@file`.
    static func loadFaults(_ spec: String) throws -> [FaultRule] {
        let data: Data
        if spec.hasPrefix("@") {
            data = try Data(contentsOf: URL(fileURLWithPath: String(spec.dropFirst())))
        } else {
            data = Data(spec.utf8)
        }
        do {
            return try JSONDecoder().decode([FaultRule].self, from: data)
        } catch {
            throw ValidationError("--faults must be a JSON array of fault rules: \(error)")
        }
    }

    /// A stream that yields when SIGINT or SIGTERM arrives, and the signal sources feeding it (keep them alive).
    static func shutdownSignals() -> (AsyncStream<Int32>, [any DispatchSourceSignal]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream()
        let sources = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                continuation.yield(number)
            }
            source.resume()
            return source
        }
        return (stream, sources)
    }
}

do {
    let command = try IconectEmulatorCommand.parseAsRoot()
    if let emulator = command as? IconectEmulatorCommand {
        try await emulator.run()
    } else {
        var other = command
        try other.run()
    }
} catch {
    IconectEmulatorCommand.exit(withError: error)
}
