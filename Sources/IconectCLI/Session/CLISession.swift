import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectEmulator
import Logging

/// One run's client, and the embedded emulator when `--emulator` asked for one.
struct CLISession: Sendable {
    let client: IconectClient
    let emulator: EmulatorServer?
    /// Messages for the user while the command runs (above its progress bars, when it draws them).
    let notices = Notices()
    /// Where `--project` and `--store` default from: the profile, or the emulator's seeded ones.
    private let defaultProject: String?
    private let defaultStore: String?

    /// Sets up logging (on standard error, so standard output carries only results) and the client.
    static func open(_ options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment)
        async throws -> CLISession
    {
        // A reader that goes away (`iconect search ... | head`) ends the output with EPIPE, not with a signal.
        signal(SIGPIPE, SIG_IGN)
        let level: Logger.Level = options.verbose ? .debug : .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let stack = try httpStack(options.transport, environment: environment)
        Logger(label: "iconect").debug("HTTP stack: \(stack.rawValue)")
        let transport = stack.factory
        if options.emulator {
            let server = try await EmulatorServer.start(EmulatorConfiguration(seedRecords: 5_000))
            do {
                let configuration = try IconectConfiguration(
                    baseURL: server.baseURL, clientId: "emulator-client", clientSecret: "emulator-secret",
                    credentials: .password(username: "demo", password: "demo-password"))
                ConsoleStream.standardError.print("using an emulator at \(server.baseURL.absoluteString) (project \(server.seed.projectId), "
                                                  + "store \(server.seed.fileStoreId), \(server.seed.recordCount) records)")
                return CLISession(client: try IconectClient(configuration: configuration, transport: transport), emulator: server,
                                  defaultProject: server.seed.projectId, defaultStore: server.seed.fileStoreId)
            } catch {
                await server.stop()
                throw error
            }
        }
        let settings = try ConnectionSettings.resolve(profileName: options.profile, configPath: options.config, environment: environment,
                                                      askPassword: PasswordPrompt.read)
        return CLISession(client: try IconectClient(configuration: settings.configuration, transport: transport), emulator: nil,
                          defaultProject: settings.profile?.project, defaultStore: settings.profile?.store)
    }

    /// The HTTP stack `--transport` names, else `ICONECT_TRANSPORT`, else the platform's default (``HTTPStack/platformDefault``:
    /// AsyncHTTPClient on Linux, where URLSession spends about twice its CPU per uploaded byte).
    static func httpStack(_ explicit: String?, environment: [String: String]) throws -> HTTPStack {
        if let explicit {
            guard let stack = HTTPStack(named: explicit) else {
                throw IconectError.invalidArgument("--transport", "\"\(explicit)\" is not \(HTTPStack.choices)")
            }
            return stack
        }
        return try HTTPStack(environment: environment)
    }

    /// `--project`, or the profile's (or emulator's) project.
    func project(_ explicit: String?) throws -> String {
        guard let project = explicit ?? defaultProject else {
            throw IconectError.invalidArgument("--project", "is required (or set \"project\" in the profile)")
        }
        return project
    }

    /// `--store`, or the profile's (or emulator's) file store.
    func store(_ explicit: String?) throws -> String {
        guard let store = explicit ?? defaultStore else {
            throw IconectError.invalidArgument("--store", "is required (or set \"store\" in the profile)")
        }
        return store
    }

    /// Logs out, closes the connections and stops the emulator.
    func close() async {
        await client.shutdown()
        await emulator?.stop()
    }

    /// Runs `body` with a session, closing it afterwards; the first Ctrl-C cancels `body`.
    static func run<T: Sendable>(_ options: ConnectionOptions, _ body: @escaping @Sendable (CLISession) async throws -> T) async throws -> T {
        let session = try await open(options)
        do {
            let result = try await Interruption.cancellingOnSignal(notices: session.notices) { try await body(session) }
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }
}
