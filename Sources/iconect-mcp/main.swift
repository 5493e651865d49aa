import Foundation
import Iconect
import IconectAsyncHTTPClient
import IconectMCP
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// iconect-mcp: the iCONECT tools over MCP stdio. stdout carries JSON-RPC only; every log line goes to stderr.
// Configuration: ICONECT_BASE_URL, ICONECT_CLIENT_ID, ICONECT_CLIENT_SECRET, ICONECT_USERNAME/ICONECT_PASSWORD or
// ICONECT_ACCESS_TOKEN, ICONECT_IDENTITY_URL; the server's own variables are MCPSettings.EnvironmentKey (log level, caps,
// allowed directories, read-only mode, toolsets) and ICONECT_TRANSPORT (ahc, the default on Linux, or urlsession).

let environment = ProcessInfo.processInfo.environment
let (settings, _) = MCPSettings.fromEnvironment(environment)
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = settings.logLevel
    return handler
}
let logger = Logger(label: "iconect-mcp")

// A client that goes away must not kill us mid-write: a closed stdout is then a write error, handled as such.
signal(SIGPIPE, SIG_IGN)

let server: IconectMCPServer
do {
    server = try IconectMCPServer(environment: environment, transport: try HTTPStack(environment: environment).factory, logger: logger)
} catch {
    logger.critical("iconect-mcp cannot start: \(error)")
    exit(1)
}
let transport = BlockingStdioTransport(maxMessageBytes: settings.maxMessageBytes, logger: Logger(label: "iconect-mcp.stdio"))
let signalSources = installShutdownSignals(transport: transport, logger: logger)

do {
    try await server.run(transport: transport)
} catch {
    logger.critical("iconect-mcp could not start: \(error)")
    exit(1)
}
signalSources.forEach { $0.cancel() }
exit(0)
