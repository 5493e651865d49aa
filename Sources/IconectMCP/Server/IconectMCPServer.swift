import Foundation
import Iconect
import Logging
import MCP

/// The iCONECT MCP server: the ``ToolTable`` served over any MCP transport.
///
/// ```swift
/// let server = IconectMCPServer(environment: ProcessInfo.processInfo.environment)
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
    let server: Server
    let logger: Logger

    /// A server configured from `environment` (`ICONECT_*`; see ``MCPSettings`` for the server's own variables).
    public convenience init(environment: [String: String] = ProcessInfo.processInfo.environment,
                            logger: Logger = Logger(label: "iconect-mcp")) {
        let (settings, problems) = MCPSettings.fromEnvironment(environment)
        for problem in problems { logger.warning("\(problem)") }
        self.init(session: MCPSession(environment: environment, logLevel: settings.logLevel), settings: settings, logger: logger)
    }

    /// A server over an existing session.
    public init(session: MCPSession, settings: MCPSettings = MCPSettings(), tools: ToolTable = .standard,
                logger: Logger = Logger(label: "iconect-mcp")) {
        dispatcher = ToolDispatcher(tools: tools, session: session, settings: settings, logger: logger)
        self.logger = logger
        server = Server(
            name: Self.name, version: Self.version, title: "iCONECT",
            instructions: "Tools for the iCONECT eDiscovery API. Connection details come from the server's ICONECT_* "
                + "environment, or from iconect_configure. List tools answer {data, total, page, pageSize, hasMore}: "
                + "pass page to read on. Failures are isError results with code, status and message.",
            capabilities: Server.Capabilities(tools: .init(listChanged: false)))
    }

    /// Registers the tools and starts serving `transport` (returns once it is connected).
    public func start(transport: any Transport) async throws {
        let dispatcher = self.dispatcher
        let definitions = dispatcher.tools.definitions
        await server.withMethodHandler(ListTools.self) { _ in ListTools.Result(tools: definitions) }
        await server.withMethodHandler(CallTool.self) { parameters in
            try await dispatcher.call(parameters.name, arguments: parameters.arguments)
        }
        try await server.start(transport: transport)
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
