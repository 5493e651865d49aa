import Foundation
import Iconect
import Logging
import MCP

/// The iCONECT MCP server: the ``ToolTable`` served over any MCP transport.
///
/// ```swift
/// let server = try IconectMCPServer(environment: ProcessInfo.processInfo.environment)
/// await server.run(transport: BlockingStdioTransport())   // until stdin ends or stopReceiving()
/// ```
public final class IconectMCPServer: Sendable {
    /// The server's name in `initialize`.
    public static let name = "iconect-mcp"
    /// The server's version in `initialize`.
    public static let version = IconectClient.version

    /// Runs the calls.
    public let dispatcher: ToolDispatcher
    /// The connection state.
    public var session: MCPSession { dispatcher.session }
    /// The directories file paths may name (the environment's, or the client's roots).
    public let directories: AllowedDirectories
    /// The guide sent as `instructions` in `initialize`.
    public let instructions: String
    let server: Server
    let logger: Logger

    /// A server configured from `environment` (`ICONECT_*`; see ``MCPSettings`` for the server's own variables) whose
    /// clients use `transport`.
    /// - Throws: ``IconectError/Code/invalidConfiguration`` naming the variable, for an allowed directory that is not an
    ///   existing directory and for a toolset or tool name that names nothing.
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment,
                            transport: HTTPTransportFactory = .urlSession, logger: Logger = Logger(label: "iconect-mcp")) throws {
        let (settings, problems) = MCPSettings.fromEnvironment(environment)
        for problem in problems { logger.warning("\(problem)") }
        let directories = try AllowedDirectory.list(settings.allowedDirectories, source: MCPSettings.EnvironmentKey.allowedDirectories)
        // Everything that can be refused is checked before the session makes a client (whose transport must be shut down).
        let selection = try ToolSelection(settings: settings)
        self.init(session: MCPSession(environment: environment, logLevel: settings.logLevel, transport: transport),
                  settings: settings, selection: selection, allowedDirectories: directories, logger: logger)
    }

    /// A server over an existing session, serving the selection `settings` make from `tools`.
    public convenience init(session: MCPSession, settings: MCPSettings = MCPSettings(), tools: ToolTable = .standard,
                            allowedDirectories: [AllowedDirectory] = [], logger: Logger = Logger(label: "iconect-mcp")) throws {
        self.init(session: session, settings: settings, selection: try ToolSelection(settings: settings, table: tools),
                  allowedDirectories: allowedDirectories, logger: logger)
    }

    private init(session: MCPSession, settings: MCPSettings, selection: ToolSelection, allowedDirectories: [AllowedDirectory],
                 logger: Logger) {
        for warning in selection.warnings { logger.warning("\(warning)") }
        directories = AllowedDirectories(environment: allowedDirectories, logger: logger)
        dispatcher = ToolDispatcher(selection: selection, session: session, settings: settings,
                                    files: FileAccess(directories: directories), logger: logger)
        self.logger = logger
        instructions = ServerInstructions.text(settings: settings, selection: selection, directories: allowedDirectories)
        server = Server(name: Self.name, version: Self.version, title: "iCONECT", instructions: instructions,
                        capabilities: Server.Capabilities(tools: .init(listChanged: false)))
    }

    /// Registers the tools and starts serving `transport` (returns once it is connected).
    public func start(transport: any Transport) async throws {
        let (dispatcher, directories, server) = (self.dispatcher, self.directories, self.server)
        let definitions = dispatcher.tools.definitions
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: definitions) }
        await server.withMethodHandler(CallTool.self) { parameters in
            let progress = ProgressReporter(token: parameters._meta?.progressToken) { notification in
                try? await server.notify(ProgressNotification.message(notification))
            }
            return try await dispatcher.call(parameters.name, arguments: parameters.arguments, progress: progress)
        }
        // Roots are read once the client is initialized and again when they change; never awaited here, since the
        // answer arrives through this same message loop.
        await server.onNotification(InitializedNotification.self) { _ in await directories.rootsChanged() }
        await server.onNotification(RootsListChangedNotification.self) { _ in await directories.rootsChanged() }
        try await server.start(transport: transport) { _, capabilities in
            guard capabilities.roots != nil else { return }
            await directories.useClientRoots { try await server.listRoots() }
        }
        if let connection = await session.currentConnection() {
            logger.info("serving \(dispatcher.tools.tools.count) tools", metadata: ["baseUrl": "\(connection.baseURL)"])
        } else {
            logger.info("serving \(dispatcher.tools.tools.count) tools; not configured yet (ICONECT_BASE_URL or iconect_configure)")
        }
    }

    /// Returns when the transport's input has ended (end of file, or ``BlockingStdioTransport/stopReceiving()``).
    public func waitUntilInputEnds() async {
        await server.waitUntilCompleted()
    }

    /// Stops the protocol, then logs out and closes the client.
    public func stop() async {
        await server.stop()
        await session.shutdown()
    }

    /// Serves `transport` until its input ends, lets in-flight calls answer (up to the settings' drain timeout), then
    /// stops, logs out and closes the client.
    public func run(transport: BlockingStdioTransport) async throws {
        try await start(transport: transport)
        await waitUntilInputEnds()
        let pending = await transport.pendingRequestCount
        if pending > 0 { logger.info("input ended; waiting for \(pending) call(s) in flight") }
        if !(await transport.waitForPendingResponses(timeout: dispatcher.settings.drainTimeout)) {
            logger.warning("stopping with calls still in flight after \(dispatcher.settings.drainTimeout)")
        }
        await stop()
        logger.info("stopped")
    }
}
